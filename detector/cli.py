"""Command line: ``detector score | train | evaluate | features``.

Exit codes: 0 every row scored, 1 some rows failed (their verdicts carry the error), 2 usage or
I/O errors (bad arguments, unreadable input, unwritable output, unloadable model).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from detector.errors import DetectorError, InvalidSnapshot, ModelLoadError
from detector.records import Snapshot

EXIT_OK, EXIT_ROWS_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad arguments or paths: reported on stderr, exit code 2."""


@contextmanager
def _open_in(path: str) -> Iterator[IO[str]]:
    if path == "-":
        yield sys.stdin
        return
    try:
        fh = open(path, encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from exc
    with fh:
        yield fh


@contextmanager
def _open_out(path: str | None) -> Iterator[IO[str]]:
    if path in (None, "-"):
        yield sys.stdout
        return
    assert path is not None
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        fh = open(path, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from exc
    with fh:
        yield fh


def read_snapshots(fh: IO[str]) -> Iterator[Snapshot | dict[str, Any]]:
    """Yield a Snapshot per line; a bad line yields a dict the scorer turns into an error row."""
    for n, line in enumerate(fh, 1):
        if not line.strip():
            continue
        try:
            yield Snapshot.from_json(line)
        except InvalidSnapshot as exc:
            yield {"id": f"line:{n}", "_invalid": f"line {n}: {exc}"}


def _cmd_score(args: argparse.Namespace) -> int:
    from detector.detector import Detector
    from detector.records import Verdict

    det = Detector.load(args.model)
    total = failed = 0
    start = time.perf_counter()
    with _open_in(args.input) as src, _open_out(args.output) as out:
        rows = list(read_snapshots(src)) if args.input == "-" else read_snapshots(src)
        good: list[Snapshot] = []

        def flush() -> None:
            nonlocal total, failed
            for v in det.score_many(good):
                out.write(v.to_json() + "\n")
                total += 1
                failed += v.error is not None
            good.clear()

        for row in rows:
            if isinstance(row, Snapshot):
                good.append(row)
                if len(good) >= 256:
                    flush()
                continue
            flush()
            v = Verdict(
                id=row["id"], error=f"snapshot.invalid: {row['_invalid']}", model=det.model_name
            )
            out.write(v.to_json() + "\n")
            total += 1
            failed += 1
        flush()
    rate = total / max(time.perf_counter() - start, 1e-9)
    print(
        f"scored {total - failed} of {total} snapshots ({failed} failed, {rate:.0f}/s) "
        f"with {det.model_name}",
        file=sys.stderr,
    )
    return EXIT_ROWS_FAILED if failed else EXIT_OK


def _cmd_features(args: argparse.Namespace) -> int:
    from detector.extract.features import extract

    failed = 0
    with _open_in(args.input) as src, _open_out(args.output) as out:
        for row in read_snapshots(src):
            if not isinstance(row, Snapshot):
                out.write(json.dumps({"id": row["id"], "error": row["_invalid"]}) + "\n")
                failed += 1
                continue
            try:
                ex = extract(row)
            except DetectorError as exc:
                out.write(json.dumps({"id": row.id, "error": str(exc)}) + "\n")
                failed += 1
                continue
            out.write(
                json.dumps(
                    {
                        "id": row.id,
                        "url": row.url,
                        "features": ex.features,
                        "evidence": ex.evidence,
                        "claims": ex.claims,
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    return EXIT_ROWS_FAILED if failed else EXIT_OK


def _cmd_train(args: argparse.Namespace) -> int:
    from detector.model.build import build

    data = Path(args.data)
    if not data.is_dir():
        raise UsageError(f"--data {data} is not a directory")
    side = build(data, args.out, name=args.name, progress=lambda m: print(m, file=sys.stderr))
    cv = side["metrics"]["grouped_cv"]["overall"]
    print(
        json.dumps(
            {
                "model": f"{side['name']}@{side['version']}",
                "estimator": side["estimator"],
                "out": str(args.out),
                "grouped_cv": cv,
                "thresholds": side["thresholds"],
                "train_seconds": side["train_seconds"],
            },
            indent=2,
        )
    )
    return EXIT_OK


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from detector.detector import Detector
    from detector.model import evaluate
    from detector.model.data import load_corpus

    det = Detector.load(args.model)
    report: dict[str, Any] = {
        "model": det.model_name,
        "grouped_cv_from_training": det.artifact.sidecar["metrics"],
    }
    if args.data:
        report["labelled"] = evaluate.labelled(det, load_corpus(args.data))
    report["real_data"] = evaluate.real_data(det, Path(args.shared) if args.shared else None)
    from detector.model.artifact import clean_json

    print(json.dumps(clean_json(report), indent=2))
    return EXIT_OK


def _settings(args: argparse.Namespace) -> Any:
    from detector.config import Settings

    overrides: dict[str, Any] = {}
    if getattr(args, "allow_loopback", False):
        overrides["allow_loopback"] = True
    if getattr(args, "ignore_robots", False):
        overrides["obey_robots"] = False
    for name in ("per_host_delay", "global_concurrency", "per_host_concurrency"):
        value = getattr(args, name, None)
        if value is not None:
            overrides[name] = value
    return Settings.from_env(**overrides)


def _cmd_scan(args: argparse.Namespace) -> int:
    from detector.detector import Detector
    from detector.scan import Scanner
    from detector.store import Store

    src = Path(args.input)
    if not src.is_file():
        raise UsageError(f"cannot read {src}: no such file")
    settings = _settings(args)
    det = Detector.load(args.model, settings=settings)
    run = args.run or f"{src.stem}-{time.strftime('%Y%m%d-%H%M%S')}"
    with Store.open(args.store) as store:
        summary = Scanner(det, store, settings).run(src, run, progress=not args.quiet)
        if args.output:
            from detector import export

            export.write(args.format, store.verdicts(summary.run_id), args.output)
    print(summary.line(), file=sys.stderr)
    if args.output:
        print(f"verdicts written to {args.output}", file=sys.stderr)
    return EXIT_ROWS_FAILED if summary.failed else EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:
    from detector.export.report import write_report
    from detector.store import Store

    with Store.open(args.store) as store:
        run_id, _ = store.find_run(args.run)
        target = args.output or str(Path("out") / f"{args.run}.html")
        out = write_report(
            list(store.verdicts(run_id)),
            target,
            title=f"Scan {args.run}",
            run_stats=store.run_stats(run_id),
        )
    print(f"report written to {out}", file=sys.stderr)
    return EXIT_OK


def _cmd_label(args: argparse.Namespace) -> int:
    from detector.store import Store

    with Store.open(args.store) as store:
        run_id = store.find_run(args.run)[0] if args.run else None
        if args.csv:
            n = store.import_labels_csv(args.csv)
            print(f"imported {n} labels from {args.csv}", file=sys.stderr)
        elif args.url and args.label_as:
            store.add_label(
                args.url, args.label_as, analyst=args.analyst, note=args.note, run_id=run_id
            )
            print(f"labelled {args.url} as {args.label_as}", file=sys.stderr)
        else:
            raise UsageError("label needs --url and --as, or --csv FILE")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="detector", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("score", help="score snapshots offline (JSONL in, verdicts JSONL out)")
    s.add_argument("--input", required=True, help="snapshots JSONL, or - for stdin")
    s.add_argument("--output", default="-", help="verdicts JSONL, or - for stdout (default)")
    s.add_argument("--model", default=None, help="model directory (default: shipped model)")
    s.set_defaults(func=_cmd_score)

    f = sub.add_parser("features", help="extract features and evidence (JSONL in and out)")
    f.add_argument("--input", required=True)
    f.add_argument("--output", default="-")
    f.set_defaults(func=_cmd_features)

    t = sub.add_parser("train", help="train, evaluate and save a model from a labelled corpus")
    t.add_argument("--data", default="data", help="corpus directory (default: data)")
    t.add_argument("--out", default="models/default", help="model directory to write")
    t.add_argument("--name", default="default")
    t.set_defaults(func=_cmd_train)

    e = sub.add_parser("evaluate", help="report a model's metrics, on real data when present")
    e.add_argument("--model", default=None)
    e.add_argument("--data", default=None, help="a labelled corpus directory to score")
    e.add_argument("--shared", default=None, help="path to shared/data (default: ../shared/data)")
    e.set_defaults(func=_cmd_evaluate)
    sc = sub.add_parser("scan", help="crawl, score, store and export a batch (resumable)")
    sc.add_argument(
        "--input",
        required=True,
        help="urls.txt, FILE.csv (url column), FILE.jsonl, or an ad-library export .json",
    )
    sc.add_argument("--store", default="out/detector.sqlite", help="SQLite store path")
    sc.add_argument("--run", default=None, help="run name; an existing run is resumed")
    sc.add_argument("--output", default=None, help="export file for this run's verdicts")
    sc.add_argument(
        "--format", default="jsonl", choices=["jsonl", "csv", "parquet", "stix", "misp"]
    )
    sc.add_argument("--model", default=None)
    sc.add_argument(
        "--allow-loopback",
        action="store_true",
        help="permit 127.0.0.0/8 and ::1 (tests and local demos only)",
    )
    sc.add_argument("--ignore-robots", action="store_true", help="do not obey robots.txt")
    sc.add_argument("--per-host-delay", type=float, default=None)
    sc.add_argument("--per-host-concurrency", type=int, default=None)
    sc.add_argument("--global-concurrency", type=int, default=None)
    sc.add_argument("--quiet", action="store_true", help="no progress bar")
    sc.set_defaults(func=_cmd_scan)

    r = sub.add_parser("report", help="write a self-contained HTML report of a run")
    r.add_argument("run")
    r.add_argument("--store", default="out/detector.sqlite")
    r.add_argument("--output", default=None, help="HTML path (default: out/<run>.html)")
    r.set_defaults(func=_cmd_report)

    lb = sub.add_parser("label", help="record analyst decisions for the next training")
    lb.add_argument("run", nargs="?", default=None)
    lb.add_argument("--store", default="out/detector.sqlite")
    lb.add_argument("--url")
    lb.add_argument("--as", dest="label_as", choices=["scam", "benign"])
    lb.add_argument("--analyst", default=None)
    lb.add_argument("--note", default=None)
    lb.add_argument("--csv", default=None, help="CSV with url,label[,analyst,note]")
    lb.set_defaults(func=_cmd_label)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except UsageError as exc:
        print(f"detector: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (ModelLoadError, FileNotFoundError) as exc:
        print(f"detector: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("detector: interrupted; output written so far is kept", file=sys.stderr)
        return 130
