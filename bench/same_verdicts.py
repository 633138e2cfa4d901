"""Are the verdicts the same as before a change? Dump them, then compare two dumps.

    python bench/same_verdicts.py dump before.jsonl     # before the change
    python bench/same_verdicts.py dump after.jsonl      # after it
    python bench/same_verdicts.py compare before.jsonl after.jsonl

Inputs: those of ``bench/same_features.py`` (the labelled corpus and, when present, the shared
html-samples and real-pages), scored in batches by ``Detector.score_many``, then the ~100 kB
page mix of ``bench/serve.py`` scored one at a time by ``Detector.score`` (the endpoint's path).
Per input the dump holds the score and every reason weight at full precision (``repr`` of the
float, not the rounded JSON contract), the label, basis, reasons, claims and error, plus the
word model's top terms of the page document. Only reads files; fetches nothing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import same_features
from bench.same_features import inputs
from bench.serve import pages
from detector.detector import Detector
from detector.extract.features import extract
from detector.records import Snapshot, Verdict


def _row(key: str, verdict: Verdict, terms: tuple[list[str], list[str]]) -> dict[str, Any]:
    return {
        "id": key,
        "score": repr(verdict.score),
        "label": verdict.label,
        "basis": verdict.basis,
        "error": verdict.error,
        "claims": verdict.claims,
        "reasons": [[r.code, r.message, r.evidence, repr(r.weight)] for r in verdict.reasons],
        "extra": verdict.extra,
        "top_terms": terms,
    }


def _terms(det: Detector, snap: Snapshot | dict[str, Any]) -> tuple[list[str], list[str]]:
    try:
        return det.artifact.model.top_terms(extract(snap).document)
    except Exception as exc:  # a failing input is recorded, not fatal
        return [f"error: {type(exc).__name__}"], []


def dump(out: Path) -> int:
    det = Detector.load()
    items = list(inputs())
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        verdicts = det.score_many(snap for _key, snap in items)
        for (key, snap), verdict in zip(items, verdicts, strict=True):
            fh.write(json.dumps(_row(key, verdict, _terms(det, snap)), sort_keys=True) + "\n")
            n += 1
        for i, page in enumerate(pages()):
            snap = {"url": f"https://bench-{i}.example/page", "html": page}
            row = _row(f"serve-page:{i}", det.score(snap), _terms(det, snap))
            fh.write(json.dumps(row, sort_keys=True) + "\n")
            n += 1
    print(f"{n} verdicts dumped to {out}")
    return 0


def compare(a: Path, b: Path) -> int:
    return same_features.compare(a, b, field=None, noun="verdicts", verdict="differing")


def main() -> int:
    return same_features.cli(__doc__ or "", dump, compare)


if __name__ == "__main__":
    raise SystemExit(main())
