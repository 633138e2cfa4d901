"""In-process ``Detector.score`` latency: this checkout against another one, interleaved.

    git archive <rev> | tar -x -C /tmp/before     # the code to compare with
    python bench/latency.py --baseline /tmp/before [--rounds 3] [--gc-freeze]

The pages are ``bench/serve.py``'s mix (about 100 kB each). Two worker processes, one importing
``detector`` from ``--baseline`` and one from this checkout, each load the shipped model of
their own tree (one BLAS/OpenMP thread each, as a server worker); the parent hands them the
same page in turn, alternating which goes first, so both see the same load on shared CPUs.
Each worker times ``Detector.score`` only (the dict -> verdict call the endpoint makes).
Prints p50/p90/p99/max and mean per side and the ratios baseline/this. ``--gc-freeze`` runs
``gc.freeze()`` after loading in both workers (what the endpoint's start-up does).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import sys
import time
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")


def _worker(code: str, pages: list[str], freeze: bool, conn: Connection) -> None:
    sys.path.insert(0, code)
    import gc

    import detector
    from detector.detector import Detector

    det = Detector.load()
    snaps = [{"url": f"https://bench-{i}.example/page", "html": p} for i, p in enumerate(pages)]
    for snap in snaps[:5]:
        det.score(snap)
    if freeze:
        gc.collect()
        gc.freeze()
    conn.send(str(Path(detector.__file__).parent))
    while (i := conn.recv()) is not None:
        t = time.perf_counter()
        det.score(snaps[i])
        conn.send(time.perf_counter() - t)


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))] * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", type=Path, required=True, help="a tree with the old detector/")
    ap.add_argument("--rounds", type=int, default=3, help="passes over the page mix")
    ap.add_argument("--gc-freeze", action="store_true")
    args = ap.parse_args()
    from bench.serve import pages as serve_pages

    pages = serve_pages()
    ctx = mp.get_context("spawn")
    sides = {}
    for name, code in (("baseline", args.baseline.resolve()), ("this", ROOT)):
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_worker, args=(str(code), pages, args.gc_freeze, child))
        proc.start()
        sides[name] = (proc, parent)
    for name, (_proc, conn) in sides.items():
        print(f"{name}: detector from {conn.recv()}")
    times: dict[str, list[float]] = {name: [] for name in sides}
    n = 0
    for _ in range(args.rounds):
        for i in range(len(pages)):
            order = list(sides) if n % 2 == 0 else list(reversed(sides))
            n += 1
            for name in order:
                conn = sides[name][1]
                conn.send(i)
                times[name].append(conn.recv())
    for _proc, conn in sides.values():
        conn.send(None)
    for proc, _conn in sides.values():
        proc.join()
    sizes = sorted(len(p.encode()) for p in pages)
    print(
        f"pages: {len(pages)} (median {sizes[len(sizes) // 2] / 1000:.0f} kB), "
        f"{args.rounds} rounds, {n} scores per side, gc.freeze: {args.gc_freeze}"
    )
    for name, t in times.items():
        print(
            f"{name:>8}: p50 {pct(t, 0.5):6.1f} ms  p90 {pct(t, 0.9):6.1f} ms  "
            f"p99 {pct(t, 0.99):6.1f} ms  max {max(t) * 1000:6.1f} ms  "
            f"mean {statistics.mean(t) * 1000:6.1f} ms"
        )
    a, b = times["baseline"], times["this"]
    print(
        f"   ratio baseline/this: p50 {pct(a, 0.5) / pct(b, 0.5):.2f}x  "
        f"p90 {pct(a, 0.9) / pct(b, 0.9):.2f}x  p99 {pct(a, 0.99) / pct(b, 0.99):.2f}x  "
        f"mean {statistics.mean(a) / statistics.mean(b):.2f}x"
    )
    per_page = sorted(x / y for x, y in zip(a, b, strict=True))
    print(
        f"   per-score ratio (same page, same moment): median {per_page[len(per_page) // 2]:.2f}x"
    )


if __name__ == "__main__":
    main()
