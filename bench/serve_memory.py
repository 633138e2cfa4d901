"""Where a scoring worker's resident memory goes: RSS after each step, in fresh processes.

    python bench/serve_memory.py

Each side runs in its own new interpreter and does what a ``detector serve`` worker does in
order (NumPy, SciPy, scikit-learn, the HTTP stack and ``detector.serve.app``, then
``Detector.load`` and a first score), printing the resident set size after every step:
  - "as is": every installed package may load (scikit-learn imports pandas when present,
    pandas imports pyarrow, skops' model loading imports dask and pytest);
  - "worker": first ``detector.serve.lean.refuse_unused()``, as the uvicorn factory does.
Also prints which of the refused packages each side ended up with. Reads no pages.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, os, sys
lean = sys.argv[1] == "worker"
if lean:
    from detector.serve.lean import refuse_unused
    refuse_unused()
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return 0.0
steps = [("interpreter", rss(), len(sys.modules))]
def step(name):
    steps.append((name, rss(), len(sys.modules)))
import numpy; step("numpy")
import scipy.sparse; step("scipy.sparse")
import sklearn.base; step("sklearn")
import fastapi, uvicorn; step("fastapi, uvicorn")
import detector.serve.app; step("detector.serve.app")
from detector.detector import Detector
det = Detector.load(); step("Detector.load")
det.score({"url": "https://x.example/", "html": "<title>warm up</title><p>hello</p>"})
step("first score")
from detector.serve.lean import UNUSED_IN_WORKER
loaded = [n for n in UNUSED_IN_WORKER if n in sys.modules]
print(json.dumps({"steps": steps, "loaded": loaded}))
"""


def run(side: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DETECTOR_")}
    env |= {"PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, side],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> int:
    sides = {side: run(side) for side in ("as is", "worker")}
    names = [name for name, _, _ in sides["as is"]["steps"]]
    print(f"{'after':22s} {'as is':>16s} {'worker':>16s}   (RSS MB, modules loaded)")
    for i, name in enumerate(names):
        cells = []
        for side in sides.values():
            _, mb, mods = side["steps"][i]
            cells.append(f"{mb:7.1f} ({mods:5d})")
        print(f"{name:22s} {cells[0]:>16s} {cells[1]:>16s}")
    for side, data in sides.items():
        print(f"{side}: refused packages loaded: {', '.join(data['loaded']) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
