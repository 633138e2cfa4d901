"""``detector serve`` (the HTTP endpoint) and ``detector demo`` (the offline demo scan)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from detector.cli.common import EXIT_OK, EXIT_ROWS_FAILED, UsageError
from detector.errors import ModelLoadError


def cmd_serve(args: argparse.Namespace) -> int:
    """Run the HTTP endpoint under uvicorn (settings from DETECTOR_* and the flags)."""
    from detector.serve.app import NATIVE_THREAD_VARS

    if args.new_key:
        from detector.serve.keys import hashed_line, new_key

        key = new_key()
        print(f"key:       {key}\nkeys file: {hashed_line(args.new_key, key)}")
        return EXIT_OK
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    # Before NumPy loads in any worker: one BLAS/OpenMP thread each (workers inherit this).
    for var in NATIVE_THREAD_VARS:
        os.environ.setdefault(var, "1")
    flags = {
        "model_path": args.model,
        "serve_store": args.store,
        "allow_loopback": "1" if args.allow_loopback else None,
    }
    for name, value in flags.items():
        if value is not None:
            os.environ[f"DETECTOR_{name.upper()}"] = str(value)
    from detector.config import Settings
    from detector.serve.keys import KeyRing

    settings = Settings.from_env()
    if not KeyRing.from_settings(settings):
        raise UsageError(
            "no API keys: set DETECTOR_API_KEYS=name:key or DETECTOR_API_KEYS_FILE "
            "(detector serve --new-key NAME makes one)"
        )
    if args.workers > 1:
        _check_model_in_child()
    os.environ["DETECTOR_SERVE_LOG_LEVEL"] = args.log_level
    import uvicorn

    uvicorn.run(
        "detector.serve.app:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        access_log=False,  # the app logs one line per request, with hashes instead of URLs
        server_header=False,
        timeout_keep_alive=30,
        forwarded_allow_ips=args.forwarded_allow_ips,
    )
    return EXIT_OK


def _check_model_in_child() -> None:
    """Verify the model in a short-lived process, so a bad model stops here, not in N workers."""
    import subprocess

    code = "from detector.detector import Detector; Detector.load()"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if done.returncode:
        last = (done.stderr.strip().splitlines() or ["unknown error"])[-1]
        raise ModelLoadError(f"model failed verification: {last}")


def cmd_demo(args: argparse.Namespace) -> int:
    """Scan the bundled sample offline (pages served locally), then write the report."""
    from detector.demo import run_demo

    if not Path(args.input).is_file():
        raise UsageError(f"cannot read --input {args.input}: no such file")
    result = run_demo(args.input, args.out, progress=not args.quiet)
    print(result["summary"], file=sys.stderr)
    print(f"{result['pages_served']} requests answered by the local demo server", file=sys.stderr)
    print(f"verdicts: {result['verdicts']}\nstore:    {result['store']}")
    print(f"report:   {result['report']}")
    return EXIT_ROWS_FAILED if result["failed"] else EXIT_OK
