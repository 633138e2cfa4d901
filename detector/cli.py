"""Command line: ``detector score | crawl | train | evaluate | features``.

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


def _crawl_settings(args: argparse.Namespace) -> Any:
    from detector.config import Settings

    overrides: dict[str, Any] = {}
    if args.allow_loopback:
        overrides["allow_loopback"] = True
    if args.ignore_robots:
        overrides["obey_robots"] = False
    if args.render:
        overrides["render_js"] = True
    for name in ("per_host_delay", "per_host_concurrency", "global_concurrency"):
        value = getattr(args, name)
        if value is not None:
            overrides[name] = value
    return Settings.from_env(**overrides)


def _cmd_crawl(args: argparse.Namespace) -> int:
    """URLs in (one per line), snapshots out; politeness and guard settings from flags/env."""
    from detector.crawl import fetch_many

    settings = _crawl_settings(args)
    with _open_in(args.input) as src:
        urls = [line.strip() for line in src if line.strip() and not line.startswith("#")]
    archive = None
    if args.warc:
        from detector.crawl import WarcArchive

        archive = WarcArchive(args.warc)
    failed = 0
    try:
        with _open_out(args.output) as out:
            for snap in fetch_many(urls, settings, archive=archive):
                failed += snap.error is not None
                out.write(snap.to_json() + "\n")
    finally:
        if archive is not None:
            archive.close()
    print(f"crawled {len(urls)} URLs ({failed} with errors)", file=sys.stderr)
    return EXIT_ROWS_FAILED if failed else EXIT_OK


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

    c = sub.add_parser("crawl", help="fetch URLs politely into snapshots (JSONL out)")
    c.add_argument("--input", required=True, help="URL list, one per line, or - for stdin")
    c.add_argument("--output", default="-", help="snapshots JSONL, or - for stdout (default)")
    c.add_argument("--warc", default=None, help="also archive responses to this WARC file")
    c.add_argument(
        "--allow-loopback",
        action="store_true",
        help="permit 127.0.0.0/8 and ::1 (tests and local demos only)",
    )
    c.add_argument("--ignore-robots", action="store_true", help="do not obey robots.txt")
    c.add_argument("--render", action="store_true", help="render pages in headless chromium")
    c.add_argument("--per-host-delay", type=float, default=None, help="seconds between requests")
    c.add_argument("--per-host-concurrency", type=int, default=None)
    c.add_argument("--global-concurrency", type=int, default=None)
    c.set_defaults(func=_cmd_crawl)

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
