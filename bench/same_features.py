"""Are the extracted features the same as before a change? Dump them, then compare two dumps.

    python bench/same_features.py dump before.jsonl     # before the change
    python bench/same_features.py dump after.jsonl      # after it
    python bench/same_features.py compare before.jsonl after.jsonl

Inputs: every row of the labelled corpus (data/corpus, data/handwritten), and, when present,
every page under ../shared/data/html-samples and every item under ../shared/data/real-pages
(markup decoded with ``decode_markup``; text items also as a listing description and name;
JSON items as an extension manifest). Only reads files; fetches nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from detector.extract.features import extract_features
from detector.extract.parse import decode_markup
from detector.model.data import load_corpus
from detector.records import Snapshot

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


def inputs(shared: Path = SHARED) -> Iterator[tuple[str, Snapshot | dict[str, Any]]]:
    for n, example in enumerate(load_corpus(ROOT / "data")):
        yield f"corpus:{n}", example.snapshot
    samples = shared / "html-samples" / "index.csv"
    if samples.is_file():
        for row in csv.DictReader(samples.open(encoding="utf-8")):
            html = decode_markup((samples.parent / row["path"]).read_bytes())
            yield f"html-samples:{row['path']}", Snapshot(html=html)
    items = shared / "real-pages" / "index.csv"
    if items.is_file():
        for row in csv.DictReader(items.open(encoding="utf-8")):
            for path in sorted((items.parent / "items").glob(f"{row['id']}.*")):
                yield from _item(path, row["kind"])


def _item(path: Path, kind: str) -> Iterator[tuple[str, Snapshot | dict[str, Any]]]:
    name = f"real-pages:{path.name}"
    raw = path.read_bytes()
    if path.suffix == ".json":
        try:
            manifest = json.loads(raw)
        except ValueError:
            manifest = None
        if isinstance(manifest, dict):
            listing = {
                "name": manifest.get("name"),
                "description": manifest.get("description"),
                "manifest": manifest,
            }
            yield name, {"kind": "extension_listing", "listing": listing}
        return
    text = decode_markup(raw)
    if path.suffix == ".html":
        yield name, Snapshot(kind="page", html=text)
        return
    yield name, Snapshot(kind=kind if kind != "app_listing" else "ad", text=text)
    first = text.strip().split("\n", 1)[0][:200]
    listing = {"name": first, "description": text, "installs": first, "price": first}
    yield f"{name}#listing", {"kind": "app_listing", "listing": listing}


def dump(out: Path) -> int:
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for key, snap in inputs():
            feats = extract_features(snap)
            fh.write(json.dumps({"id": key, "features": feats}, sort_keys=True) + "\n")
            n += 1
    print(f"{n} inputs dumped to {out}")
    return 0


def compare(
    a: Path,
    b: Path,
    field: str | None = "features",
    noun: str = "inputs",
    verdict: str = "with different features",
) -> int:
    """Print each id whose ``field`` (the whole row when None) differs between two dumps and
    the count; exit status 1 when any differs."""

    def load(p: Path) -> dict[str, dict[str, Any]]:
        rows = (json.loads(line) for line in p.open(encoding="utf-8"))
        return {r["id"]: (r if field is None else r[field]) for r in rows}

    before, after = load(a), load(b)
    diffs = 0
    for key in sorted(before.keys() | after.keys()):
        x, y = before.get(key), after.get(key)
        if x == y:
            continue
        diffs += 1
        if x is None or y is None:
            print(f"{key}: only in {'after' if x is None else 'before'}")
            continue
        changed = sorted(k for k in x.keys() | y.keys() if x.get(k) != y.get(k))
        print(f"{key}: " + ", ".join(f"{k} {x.get(k)!r} -> {y.get(k)!r}" for k in changed[:5]))
    print(f"{len(before)} {noun} before, {len(after)} after, {diffs} {verdict}")
    return 1 if diffs or len(before) != len(after) else 0


def cli(doc: str, dump: Callable[[Path], int], compare: Callable[[Path, Path], int]) -> int:
    """``dump OUT`` or ``compare BEFORE AFTER``."""
    ap = argparse.ArgumentParser(description=doc.split("\n", 1)[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("dump").add_argument("out", type=Path)
    cmp = sub.add_parser("compare")
    cmp.add_argument("before", type=Path)
    cmp.add_argument("after", type=Path)
    args = ap.parse_args()
    return dump(args.out) if args.cmd == "dump" else compare(args.before, args.after)


def main() -> int:
    return cli(__doc__ or "", dump, compare)


if __name__ == "__main__":
    raise SystemExit(main())
