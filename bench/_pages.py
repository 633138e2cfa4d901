"""Pages for the benchmarks: ../shared/data/html-samples (when present) and data/corpus pages."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


def real_pages() -> list[str]:
    from detector.extract.parse import decode_markup

    index = SHARED / "html-samples"
    return [decode_markup(p.read_bytes()) for p in sorted(index.rglob("*.html"))]


def corpus_snapshots(kinds: tuple[str, ...] | None = None) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for path in sorted((ROOT / "data" / "corpus").glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            row = json.loads(line)
            if kinds is None or row.get("kind", "page") in kinds:
                rows.append(row)
    return rows


def corpus_pages() -> list[str]:
    return [str(r["html"]) for r in corpus_snapshots(("page",)) if r.get("html")]
