"""Verdicts/second of ``Detector.score_many`` vs a bare lexbor parse of the same pages.

    python bench/score.py [--rounds 3]

One process. Also prints the peak memory of a loaded Detector (resident set growth).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from selectolax.lexbor import LexborHTMLParser

from bench._pages import corpus_snapshots
from detector.records import Snapshot


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    rows = corpus_snapshots()
    snaps = [
        Snapshot.from_dict(
            {
                k: v
                for k, v in r.items()
                if k not in ("label", "subtype", "family", "source", "lang")
            }
        )
        for r in rows
    ]
    markup = [(s.html or s.text or "").encode("utf-8", "replace") for s in snaps]
    before = _rss_mb()
    from detector.detector import Detector

    det = Detector.load()
    list(det.score_many(snaps[:8]))  # warm-up
    loaded = _rss_mb()
    parse_t, score_t = [], []
    for _ in range(args.rounds):
        t = time.perf_counter()
        for m in markup:
            LexborHTMLParser(m)
        parse_t.append(time.perf_counter() - t)
        t = time.perf_counter()
        n = sum(1 for _ in det.score_many(snaps))
        score_t.append(time.perf_counter() - t)
    p, s = min(parse_t), min(score_t)
    print(f"corpus: {n} snapshots (all kinds), model {det.model_name}")
    print(f"  bare lexbor parse   : {n / p:8.1f} items/s")
    print(f"  score_many (verdict): {n / s:8.1f} verdicts/s")
    print(f"  cost ratio score/parse: {s / p:.1f}x")
    print(
        f"  peak RSS: {_rss_mb():.0f} MB (before load {before:.0f} MB, after load {loaded:.0f} MB)"
    )


if __name__ == "__main__":
    main()
