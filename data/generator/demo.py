"""The demo input ``data/samples/demo.jsonl``: ``python -m data.generator.demo [--out DIR]``.

One row from each of a spread of corpus families, labels removed, so ``make scan`` scores scams
and look-alikes of every kind offline: pages with their markup (served by the demo site),
ads, app and extension listings, and bare URLs, most of them recorded as unfetchable (a 404),
which the scan reports as unverified rather than benign. Families are taken evenly from the
sorted scam and benign families of each file, the first row (by id) of each, so the sample
follows the corpus when it is regenerated. ``data/samples`` is never read by training.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from data.generator.kit import CORPUS, DATA, out_dir, write_jsonl

SAMPLES = DATA / "samples"

FILENAME = "demo.jsonl"
KEEP = ("id", "kind", "url", "html", "text", "listing")
# (corpus file, rows to take, rows that must carry); URL rows after the first are recorded as
# failed fetches.
PLAN: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    ("pages.jsonl", 15, ("url", "html")),
    ("ads.jsonl", 9, ("text",)),
    ("app_listings.jsonl", 5, ("listing",)),
    ("extension_listings.jsonl", 2, ("listing",)),
    ("urls.jsonl", 7, ("url",)),
)
UNFETCHED = "fetch.http_404"


def _rows(name: str) -> list[dict[str, Any]]:
    with (CORPUS / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _evenly(items: Sequence[str], n: int) -> list[str]:
    if n <= 0 or not items:
        return []
    if n >= len(items):
        return list(items)
    return [items[(i * len(items)) // n] for i in range(n)]


def pick(name: str, n: int, need: tuple[str, ...]) -> list[dict[str, Any]]:
    """``n`` rows of ``name``, one per family, half scam and half benign (scam first)."""
    first: dict[str, dict[str, Any]] = {}
    for row in sorted(_rows(name), key=lambda r: str(r["id"])):
        if all(row.get(k) for k in need):
            first.setdefault(str(row["family"]), row)
    by_label = {
        label: sorted(f for f, r in first.items() if r["label"] == label)
        for label in ("scam", "benign")
    }
    chosen = _evenly(by_label["scam"], (n + 1) // 2) + _evenly(by_label["benign"], n // 2)
    return [{k: first[f][k] for k in KEEP if first[f].get(k)} for f in chosen]


def generate() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for name, n, need in PLAN:
        rows = pick(name, n, need)
        if name == "urls.jsonl":
            rows = [rows[0], *({**r, "error": UNFETCHED} for r in rows[1:])] if rows else []
        out.extend(rows)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    folder = out_dir(argv, f"data/samples/{FILENAME}", SAMPLES)
    count = write_jsonl(generate(), folder / FILENAME)
    print(f"wrote {count} rows to {folder / FILENAME}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
