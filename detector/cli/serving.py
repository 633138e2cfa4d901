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
    from detector.serve import launch

    if args.new_key:
        print(launch.new_key_text(args.new_key))
        return EXIT_OK
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    from detector.config import Settings

    if args.keep_warm_idle is not None:
        if args.keep_warm_idle < 0:
            raise UsageError("--keep-warm-idle must be 0 (no end) or more seconds")
        if not (args.keep_warm or Settings.from_env().serve_keep_warm):
            raise UsageError("--keep-warm-idle needs --keep-warm (or DETECTOR_SERVE_KEEP_WARM=1)")
    launch.one_native_thread()
    flags = {
        "model_path": args.model,
        "serve_store": args.store,
        "allow_loopback": "1" if args.allow_loopback else None,
        "serve_keep_warm": "1" if args.keep_warm else None,
        "serve_keep_warm_idle": args.keep_warm_idle,
    }
    for name, value in flags.items():
        if value is not None:
            os.environ[f"DETECTOR_{name.upper()}"] = str(value)
    settings = Settings.from_env()
    launch.require_keys(settings)
    if args.workers > 1:
        _check_model_in_child()
    launch.run(
        args.host,
        args.port,
        args.workers,
        args.log_level,
        args.forwarded_allow_ips,
        shutdown_timeout=settings.serve_shutdown_timeout,
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
