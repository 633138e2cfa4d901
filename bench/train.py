"""`detector train` before and after the training speed-ups, in one run.

    python bench/train.py [--before REV] [--shared ../shared/data]

"before" runs `detector train` from the source tree of git revision REV (default: the commit
before the feature cache and parallel folds) with the same interpreter; "after" runs this
checkout's `detector train` twice with a fresh feature cache: cold (every page extracted and
cached) and warm (the shipped configuration retrained, features read from the cache). Prints the
wall-clock seconds of each and the before/after ratios. Each run writes its model to a temporary
folder; nothing in the checkout changes.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BEFORE = "4eab2a4"


def _run(source: Path, out: Path, shared: str, env: dict[str, str], extra: list[str]) -> float:
    cmd = [sys.executable, "-m", "detector", "train", "--data", str(ROOT / "data")]
    cmd += ["--shared", shared, "--out", str(out), *extra]
    env = {**env, "PYTHONPATH": str(source)}
    start = time.perf_counter()
    subprocess.run(cmd, cwd=source, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _export(rev: str, dest: Path) -> None:
    blob = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "detector"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(blob)) as tar:
        tar.extractall(dest, filter="data")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--before", default=BEFORE, help="git revision of the 'before' code")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "data"))
    args = ap.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        old = base / "before-src"
        _export(args.before, old)
        cache = ["--cache", str(base / "cache")]
        # A fresh cache folder for "before" too, so a revision that caches starts cold.
        before_env = {**env, "DETECTOR_CACHE_DIR": str(base / "before-cache")}
        before = _run(old, base / "before", args.shared, before_env, [])
        cold = _run(ROOT, base / "cold", args.shared, env, cache)
        warm = _run(ROOT, base / "warm", args.shared, env, cache)
    print(f"before ({args.before}), cold: {before:7.1f} s")
    print(f"after, cold cache:     {cold:7.1f} s  ({before / cold:.1f}x faster)")
    print(f"after, warm cache:     {warm:7.1f} s  ({before / warm:.1f}x faster)")
    print(f"cores: {os.cpu_count()}; load average at the end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
