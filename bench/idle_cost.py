"""What a pause before a score costs: the same pages scored back to back and after a gap.

    python bench/idle_cost.py [--rounds 3] [--gap-ms 100]

The endpoint's sustained-load latency is measured with gaps between requests (an open loop at
a fraction of saturation); this separates what the gap itself costs on this machine from what
scoring costs. One process, ``bench/serve.py``'s page mix, warmed up and frozen as a worker is,
each page scored once per round in each of four conditions, the conditions interleaved page by
page so all four see the same machine:

  back to back    the previous score ended just before;
  after sleeping  ``--gap-ms`` of ``time.sleep`` (the CPU is idle: what a request after a quiet
                  moment meets);
  after spinning  the same gap spent in a busy loop (the CPU stays busy, touching nothing);
  after thrashing the same gap spent writing 64 MB (the CPU stays busy and the data caches
                  are flushed).

Prints p50/p90/p99 per condition and each one's ratio to back to back. If sleeping costs and
spinning does not, the cost is the idle CPU itself (a virtual CPU descheduled, or a power
state), not our code; if thrashing also costs, it is the caches.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

from bench.serve import pages, pct  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--gap-ms", type=float, default=100.0)
    args = ap.parse_args()
    gap = args.gap_ms / 1000

    from detector.detector import Detector

    det = Detector.load()
    det.warm_up()
    snaps = [{"url": f"https://bench-{i}.example/", "html": p} for i, p in enumerate(pages())]
    for snap in snaps:
        det.score(snap)
    gc.collect()
    gc.freeze()
    buffer = np.zeros(64 * 1024 * 1024 // 8)

    def spin() -> None:
        end = time.perf_counter() + gap
        while time.perf_counter() < end:
            pass

    def thrash() -> None:
        end = time.perf_counter() + gap
        while time.perf_counter() < end:
            buffer[:] += 1.0

    conditions: dict[str, Callable[[], None]] = {
        "back to back": lambda: None,
        "after sleeping": lambda: time.sleep(gap),
        "after spinning": spin,
        "after thrashing": thrash,
    }
    times: dict[str, list[float]] = {name: [] for name in conditions}
    order = list(conditions)
    for r in range(args.rounds):
        for i, snap in enumerate(snaps):
            shift = (i + r) % len(order)  # each condition goes first as often as the others
            for name in order[shift:] + order[:shift]:
                conditions[name]()
                t = time.perf_counter()
                det.score(snap)
                times[name].append(time.perf_counter() - t)
    base = times["back to back"]
    print(
        f"{len(snaps)} pages x {args.rounds} rounds per condition, gap {args.gap_ms:.0f} ms "
        f"(load average {os.getloadavg()[0]:.1f})"
    )
    for name, values in times.items():
        ratio = pct(values, 0.5) / pct(base, 0.5)
        ratio99 = pct(values, 0.99) / pct(base, 0.99)
        print(
            f"{name:16s} p50 {pct(values, 0.5):5.1f} ms  p90 {pct(values, 0.9):5.1f} ms  "
            f"p99 {pct(values, 0.99):5.1f} ms   p50 x{ratio:.2f}  p99 x{ratio99:.2f}"
        )


if __name__ == "__main__":
    main()
