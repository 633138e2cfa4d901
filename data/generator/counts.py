"""Count tables for data/README.md: ``python -m data.generator.counts [FILE.jsonl ...]``.

Without arguments it counts every ``data/corpus/*.jsonl`` and
the hand-written listings, by label, subtype, kind and language, and prints Markdown.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from data.generator.kit import CORPUS, handwritten


def read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def count(rows: Iterable[Mapping[str, Any]]) -> dict[str, Counter[str]]:
    tables: dict[str, Counter[str]] = {k: Counter() for k in ("label", "subtype", "kind", "lang")}
    families: dict[str, set[str]] = {"scam": set(), "benign": set()}
    for row in rows:
        label = str(row.get("label"))
        tables["label"][label] += 1
        tables["subtype"][f"{label} / {row.get('subtype')}"] += 1
        tables["kind"][str(row.get("kind", "page"))] += 1
        tables["lang"][f"{row.get('lang')} ({label})"] += 1
        families.setdefault(label, set()).add(str(row.get("family")))
    tables["families"] = Counter({k: len(v) for k, v in families.items() if v})
    return tables


def markdown(title: str, rows: list[dict[str, Any]]) -> str:
    tables = count(rows)
    out = [f"### {title}: {len(rows)} rows", ""]
    for name, table in tables.items():
        cells = ", ".join(f"{k}: {v}" for k, v in sorted(table.items()))
        out.append(f"- **{name}**: {cells}")
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    paths = [Path(a) for a in args] or sorted(CORPUS.glob("*.jsonl"))
    parts = [markdown(p.name, read(p)) for p in paths]
    if not args:
        parts.append(markdown("handwritten/listings/*.json", handwritten()))
    print("\n".join(parts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
