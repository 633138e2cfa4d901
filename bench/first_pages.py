"""What a fresh scorer's first pages cost, with ``Detector.warm_up`` and with one small page.

    python bench/first_pages.py [--pages 8] [--runs 3]

Each run starts two fresh interpreters in turn: one warms up as a worker does now
(``Detector.warm_up``: a synthetic snapshot of each kind, then every literal database compiled),
one as a worker did before (a single small page scored). Both then score the first ``--pages``
pages of ``bench/serve.py``'s mix, timing each; then the same pages again (by then nothing is
left to compile: the steady cost). Prints, per side, the first pass's total and slowest score
and the second pass's total, and the ratio of the first-pass totals.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")


def child(mode: str, n: int) -> None:
    from bench.serve import pages
    from detector.detector import Detector

    snaps = [{"url": f"https://bench-{i}.example/", "html": p} for i, p in enumerate(pages()[:n])]
    det = Detector.load()
    t = time.perf_counter()
    if mode == "warm-up":
        det.warm_up()
    else:
        det.score({"url": "https://warm-up.invalid/", "html": "<title>warm up</title><p>hi</p>"})
    start_up = time.perf_counter() - t
    passes = []
    for _ in range(2):
        times = []
        for snap in snaps:
            t = time.perf_counter()
            det.score(snap)
            times.append(time.perf_counter() - t)
        passes.append(times)
    print(json.dumps({"start_up": start_up, "passes": passes}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=8)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--child", choices=["warm-up", "one page"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.pages)
        return
    ms = 1000.0
    for run in range(args.runs):
        firsts = {}
        for mode in ("warm-up", "one page") if run % 2 == 0 else ("one page", "warm-up"):
            out = subprocess.run(
                [sys.executable, __file__, "--child", mode, "--pages", str(args.pages)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            got = json.loads(out.strip().splitlines()[-1])
            first, second = got["passes"]
            firsts[mode] = sum(first)
            print(
                f"run {run + 1}, {mode:8s}: start-up {got['start_up'] * ms:6.1f} ms; first "
                f"{len(first)} pages {sum(first) * ms:6.1f} ms (slowest {max(first) * ms:5.1f}); "
                f"again {sum(second) * ms:6.1f} ms (slowest {max(second) * ms:5.1f})"
            )
        print(f"  first pages, one page / warm-up: {firsts['one page'] / firsts['warm-up']:.2f}x")


if __name__ == "__main__":
    main()
