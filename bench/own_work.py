"""The endpoint's own work per request (no sockets, a model that costs nothing): this checkout
against another one, in alternating processes.

    git archive <rev> | tar -x -C /tmp/before     # the code to compare with
    python bench/own_work.py --baseline /tmp/before [--rounds 3] [--requests 400]

Each round runs ``bench/serve.py``'s ``app_overhead`` (the ASGI app's middleware, rate limits,
body decoding and validation, thread hop and response, on the bench's 100 kB bodies) once in a
process importing the baseline's code and once in one importing this checkout's, alternating
which goes first. Prints each run's mean and p50 and the ratio of the medians over rounds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = """
import json, statistics, sys
sys.path.insert(0, sys.argv[1])
import bench.serve as b
lat = b.app_overhead(b.bodies(b.pages()), int(sys.argv[2]))
print(json.dumps([statistics.mean(lat) * 1000, statistics.median(lat) * 1000]))
"""


def _run(code: Path, requests: int) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(code), str(requests)],
        check=True,
        capture_output=True,
        text=True,
        cwd=code,
    ).stdout
    mean, p50 = json.loads(out.strip().splitlines()[-1])
    return float(mean), float(p50)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", type=Path, required=True, help="a checkout to compare with")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--requests", type=int, default=400)
    args = ap.parse_args()
    sides = {"baseline": args.baseline.resolve(), "this": ROOT}
    means: dict[str, list[float]] = {"baseline": [], "this": []}
    for r in range(args.rounds):
        order = ["baseline", "this"] if r % 2 == 0 else ["this", "baseline"]
        for side in order:
            mean, p50 = _run(sides[side], args.requests)
            means[side].append(mean)
            print(f"round {r + 1} {side:8s}: mean {mean:.3f} ms, p50 {p50:.3f} ms", flush=True)
    base, this = statistics.median(means["baseline"]), statistics.median(means["this"])
    print(f"median of means: baseline {base:.3f} ms, this {this:.3f} ms; ratio {base / this:.2f}x")


if __name__ == "__main__":
    main()
