"""``detector train`` and ``detector evaluate``."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from detector.cli.common import EXIT_OK, UsageError, store_at


def cmd_train(args: argparse.Namespace) -> int:
    from detector.model.build import build

    data = Path(args.data)
    if not data.is_dir():
        raise UsageError(f"--data {data} is not a directory")
    args.out = str(_train_target(args.out, args.name, args.force))
    extra = None
    if args.include_labels:
        from detector.model.feedback import analyst_examples

        with store_at(args.store, must_exist=True) as store:
            extra = analyst_examples(store)
        print(f"folding in {len(extra)} analyst labels from {args.store}", file=sys.stderr)
    from detector.model.evaluate import default_shared_dir

    shared = None if args.no_shared else Path(args.shared) if args.shared else default_shared_dir()
    if shared is not None and not shared.is_dir():
        raise UsageError(f"--shared {shared} is not a directory")
    from detector.model.pipeline import CANDIDATES
    from detector.model.train import TrainConfig

    if args.estimator is not None and not set(args.estimator.split("+")) <= set(CANDIDATES):
        raise UsageError(
            f"--estimator must be one of {', '.join(sorted(CANDIDATES))}, or several joined by +"
        )
    cfg = TrainConfig()
    if args.estimator is not None:
        cfg = replace(cfg, signals=args.estimator)
    if args.jobs is not None:
        if args.jobs < 1:
            raise UsageError("--jobs must be at least 1")
        cfg = replace(cfg, jobs=args.jobs)
    cache: Path | bool = False if args.no_cache else Path(args.cache) if args.cache else True
    side = build(
        data,
        args.out,
        name=args.name,
        cfg=cfg,
        shared=shared,
        progress=lambda m: print(m, file=sys.stderr),
        extra=extra,
        cache=cache,
    )
    cv = side["metrics"][f"{side['judge']}_grouped_cv"]["overall"]
    print(
        json.dumps(
            {
                "model": f"{side['name']}@{side['version']}",
                "estimator": side["estimator"],
                "out": str(args.out),
                "judged_on": side["judge"],
                "grouped_cv": cv,
                "thresholds": side["thresholds"],
                "train_seconds": side["train_seconds"],
            },
            indent=2,
        )
    )
    return EXIT_OK


def _train_target(out: str | None, name: str, force: bool) -> Path:
    """Where ``detector train`` writes: never over an existing model unless ``force``."""
    from datetime import datetime

    if out is None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        return Path("models") / "candidates" / f"{name}-{stamp}"
    target = Path(out)
    if target.exists() and not target.is_dir():
        raise UsageError(f"--out {out} is a file, not a model directory")
    if target.is_dir() and any(target.iterdir()) and not force:
        what = "a model" if (target / "model.json").exists() else "not empty"
        raise UsageError(
            f"--out {out} is {what}; add --force to replace it (or choose a new directory)"
        )
    return target


def cmd_evaluate(args: argparse.Namespace) -> int:
    from detector.detector import Detector
    from detector.model import evaluate
    from detector.model.data import load_corpus

    if args.compare:
        from detector.model.compare import compare_dirs

        a, b = args.compare
        return compare_dirs(a, b, args.data, args.shared, args.json)
    det = Detector.load(args.model)
    side = det.artifact.sidecar
    if not args.json:
        from detector.model.card import figures, per_subtype

        print(f"model {det.model_name} ({side.get('estimator')}), thresholds {side['thresholds']}")
        print("\n".join(figures(side)))
        print()
        print("\n".join(per_subtype(side)))
        return EXIT_OK
    examples = load_corpus(args.data) if args.data else None
    report = evaluate.report(det, examples, Path(args.shared) if args.shared else None)
    from detector.model.artifact import clean_json

    print(json.dumps(clean_json(report), indent=2))
    return EXIT_OK
