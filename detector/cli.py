"""Command line: ``detector scan | report | label | reports | export | score | crawl | train |
evaluate | serve``.

Exit codes: 0 every row scored, 1 some rows failed (their verdicts carry the error), 2 usage or
I/O errors (bad arguments, unreadable input, unwritable output, unloadable model, a store error).
A bad input is one stderr line naming the file, the line and the reason, never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from detector.errors import ConfigError, DetectorError, InvalidSnapshot, ModelLoadError
from detector.records import Snapshot
from detector.redact import redact, redact_snapshot, redact_url, redact_verdict

EXIT_OK, EXIT_ROWS_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_STORE = "scans.sqlite"
_SUFFIX_FORMATS = {".csv": "csv", ".parquet": "parquet", ".stix": "stix", ".misp": "misp"}


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


def _text_lines(path: str, fh: IO[str]) -> list[str]:
    """The lines of a text input; a binary file (NUL bytes, mostly not UTF-8) is a usage error."""
    from detector.scan import text_of

    if path == "-":
        return fh.read().splitlines()
    try:
        return text_of(Path(path), Path(path).read_bytes()).splitlines()
    except InvalidSnapshot as exc:
        raise UsageError(str(exc)) from exc


def _bad_row(path: str, row: dict[str, Any], shown: list[int]) -> None:
    """One stderr line per bad input row (the first 20), naming file and line."""
    shown[0] += 1
    if shown[0] <= 20:
        print(f"detector: {path}: {row['_invalid']}", file=sys.stderr)
    elif shown[0] == 21:
        print(f"detector: {path}: more bad rows; see the error rows in the output", file=sys.stderr)


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
    shown = [0]
    start = time.perf_counter()
    with _open_in(args.input) as src, _open_out(args.output) as out:
        rows = list(read_snapshots(src)) if args.input == "-" else read_snapshots(src)
        good: list[Snapshot] = []

        def flush() -> None:
            nonlocal total, failed
            for v in det.score_many(good):
                out.write(redact_verdict(v).to_json() + "\n")
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
            _bad_row(args.input, row, shown)
            v = Verdict(
                id=row["id"], error=f"snapshot.invalid: {row['_invalid']}", model=det.model_name
            )
            out.write(redact_verdict(v).to_json() + "\n")
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
    shown = [0]
    with _open_in(args.input) as src, _open_out(args.output) as out:
        for row in read_snapshots(src):
            if not isinstance(row, Snapshot):
                _bad_row(args.input, row, shown)
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
                        "url": redact_url(row.url),
                        "features": ex.features,
                        "evidence": redact(ex.evidence),
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
    extra = None
    if args.include_labels:
        from detector.model.feedback import analyst_examples

        with _store(args.store, must_exist=True) as store:
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


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from detector.detector import Detector
    from detector.model import evaluate
    from detector.model.data import load_corpus

    det = Detector.load(args.model)
    side = det.artifact.sidecar
    if not args.json:
        from detector.model.card import figures, per_subtype

        print(f"model {det.model_name} ({side.get('estimator')}), thresholds {side['thresholds']}")
        print("\n".join(figures(side)))
        print()
        print("\n".join(per_subtype(side)))
        return EXIT_OK
    report: dict[str, Any] = {
        "model": det.model_name,
        "metrics_from_training": side["metrics"],
        "comparison_from_training": side.get("comparison"),
        "evaluation_from_training": side.get("evaluation"),
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
    if args.connect_to:
        overrides["connect_to"] = ",".join(args.connect_to)
    settings = Settings.from_env(**overrides)
    from detector.crawl.guard import connect_map

    connect_map(settings.connect_to)  # a bad entry stops here, not once per URL
    return settings


def _cmd_crawl(args: argparse.Namespace) -> int:
    """URLs in (one per line), snapshots out; politeness and guard settings from flags/env."""
    from detector.crawl import fetch_many

    settings = _crawl_settings(args)
    with _open_in(args.input) as src:
        lines = _text_lines(args.input, src)
        urls = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    archive = None
    if args.warc:
        from detector.crawl import WarcArchive

        archive = WarcArchive(args.warc)
    failed = 0
    try:
        with _open_out(args.output) as out:
            for snap in fetch_many(urls, settings, archive=archive):
                failed += snap.error is not None
                out.write(redact_snapshot(snap).to_json() + "\n")
    finally:
        if archive is not None:
            archive.close()
    print(f"crawled {len(urls)} URLs ({failed} with errors)", file=sys.stderr)
    return EXIT_ROWS_FAILED if failed else EXIT_OK


@contextmanager
def _store(path: str, must_exist: bool = False) -> Iterator[Any]:
    from detector.store import Store

    if must_exist and not Path(path).is_file():
        raise UsageError(f"no store at {path} (give --store PATH; scans write {DEFAULT_STORE})")
    store = Store.open(path)
    try:
        yield store
    finally:
        store.close()


def _run_of(store: Any, run: str) -> dict[str, Any]:
    found = store.find_run(int(run)) if run.isdigit() else None
    found = found or store.find_run(run)
    if found is None:
        names = ", ".join(r["name"] for r in store.runs()[-10:]) or "none yet"
        raise UsageError(f"no run {run!r} in {store.path} (runs: {names})")
    return dict(found)


def _export_format(output: str, fmt: str | None) -> str:
    if fmt:
        return fmt
    suffix = Path(output).suffix.lower()
    if output.lower().endswith((".stix.json", ".misp.json")):
        return output.lower().rsplit(".", 2)[-2]
    return _SUFFIX_FORMATS.get(suffix, "jsonl")


def _check_output(path: str | None) -> None:
    """Fail before a long scan when the output directory cannot be written."""
    if path in (None, "-"):
        return
    assert path is not None
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"--output {path} is a directory")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create the directory of {path}: {exc.strerror}") from exc
    if not os.access(target.parent, os.W_OK):
        raise UsageError(f"cannot write {path}: its directory is not writable")


def _export(store: Any, run: dict[str, Any], output: str, fmt: str) -> int:
    from detector import export

    verdicts = store.verdicts(run["id"])
    if fmt == "jsonl" and output == "-":
        n = 0
        for v in verdicts:
            sys.stdout.write(redact_verdict(v).to_json() + "\n")
            n += 1
        return n
    return export.write(fmt, verdicts, output)


def _cmd_scan(args: argparse.Namespace) -> int:
    """Crawl what needs crawling, score everything, record in the store; resumable by run name."""
    from detector.detector import Detector
    from detector.scan import Scanner

    source = Path(args.input)
    if not source.is_file():
        raise UsageError(f"cannot read --input {args.input}: no such file")
    fmt = _export_format(args.output, args.format) if args.output else None
    _check_output(args.output)
    _check_output(args.report)
    if args.workers < 1 or args.batch_size < 1:
        raise UsageError("--workers and --batch-size must be at least 1")
    run_name = args.run or source.stem
    settings = _crawl_settings(args)
    det = Detector.load(args.model, settings)
    with _store(args.store) as store:
        scanner = Scanner(det, store, settings, batch_size=args.batch_size)
        try:
            summary = scanner.run(
                source, run_name, progress=not args.quiet, dask=args.dask, workers=args.workers
            )
        except KeyboardInterrupt:
            found = store.find_run(run_name)
            done = store.run_stats(found["id"]) if found else {"done": 0, "failed": 0}
            print(
                f"detector: interrupted; {done['done'] + done['failed']} inputs are recorded in "
                f"{store.path}. Run the same command again to resume run {run_name!r}.",
                file=sys.stderr,
            )
            return 130
        except InvalidSnapshot as exc:
            raise UsageError(str(exc)) from exc
        print(summary.line() + f"; store {store.path}", file=sys.stderr)
        run = _run_of(store, run_name)
        try:
            if args.output:
                assert fmt is not None
                n = _export(store, run, args.output, fmt)
                unit = "indicators" if fmt in ("stix", "misp") else "rows"
                print(f"wrote {n} {fmt} {unit} to {args.output}", file=sys.stderr)
            if args.report:
                from detector.export.report import write_report

                write_report(
                    store.verdicts(run["id"]),
                    args.report,
                    f"Scan {run_name}",
                    store.run_stats(run["id"]),
                )
                print(f"report written to {args.report}", file=sys.stderr)
        except OSError as exc:
            print(
                f"detector: {exc}. Every verdict is kept in {store.path} (run {run_name!r}); "
                f"write it again with: detector export {run_name} --store {store.path} "
                "--output FILE",
                file=sys.stderr,
            )
            return EXIT_USAGE
        failed = store.run_stats(run["id"])["failed"] + summary.unfetched
    return EXIT_ROWS_FAILED if failed else EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:
    from detector.export.report import write_report

    with _store(args.store, must_exist=True) as store:
        run = _run_of(store, args.run)
        output = args.output or f"{run['name']}-report.html"
        _check_output(output)
        path = write_report(
            store.verdicts(run["id"]), output, f"Scan {run['name']}", store.run_stats(run["id"])
        )
    print(f"report written to {path.resolve()}")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    fmt = _export_format(args.output, args.format)
    _check_output(args.output)
    with _store(args.store, must_exist=True) as store:
        n = _export(store, _run_of(store, args.run), args.output, fmt)
    unit = "indicators" if fmt in ("stix", "misp") else "rows"
    print(f"wrote {n} {fmt} {unit} to {args.output}", file=sys.stderr)
    return EXIT_OK


def _cmd_label(args: argparse.Namespace) -> int:
    """Record analyst judgements (one URL, or a CSV of url,label[,analyst,note])."""
    from detector.store.labels import InvalidLabel

    if bool(args.url) == bool(args.csv):
        raise UsageError("give either --url URL --as scam|benign, or --csv FILE")
    with _store(args.store, must_exist=True) as store:
        run = _run_of(store, args.run)
        if args.csv:
            bad: list[str] = []
            n = store.import_labels_csv(
                args.csv, on_bad_row=lambda line, why: bad.append(f"line {line}: {why}")
            )
            for problem in bad:
                print(f"detector: skipped {problem}", file=sys.stderr)
            print(f"recorded {n} labels from {args.csv} ({len(bad)} rows skipped)")
            return EXIT_ROWS_FAILED if bad else EXIT_OK
        if not args.label:
            raise UsageError("--url needs --as scam|benign")
        try:
            store.add_label(args.url, args.label, args.analyst, args.note, run_id=run["id"])
        except InvalidLabel as exc:
            raise UsageError(str(exc)) from exc
    print(f"recorded {args.url} as {args.label} (run {run['name']})")
    return EXIT_OK


def _cmd_reports(args: argparse.Namespace) -> int:
    """List users' wrong-verdict reports, or accept (becomes an analyst label) / reject one."""
    from detector.store.labels import InvalidLabel

    with _store(args.store, must_exist=True) as store:
        if args.action == "list":
            status = None if args.status == "all" else args.status
            for row in store.reports(status):
                print(json.dumps(row, ensure_ascii=False))
            return EXIT_OK
        if args.id is None:
            raise UsageError(f"reports {args.action} needs a report id")
        try:
            row = store.resolve_report(args.id, args.action == "accept", args.analyst, args.note)
        except InvalidLabel as exc:
            raise UsageError(str(exc)) from exc
    done = f"; analyst label {row['label_id']} recorded" if row["label_id"] else ""
    print(f"report {row['id']} {row['status']} ({row['url']} as {row['expected']}){done}")
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
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


def _cmd_demo(args: argparse.Namespace) -> int:
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


def _add_crawl_flags(c: argparse.ArgumentParser) -> None:
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
    c.add_argument(
        "--connect-to",
        action="append",
        default=[],
        metavar="HOST:PORT:ADDR:PORT",
        help="connect to ADDR:PORT for HOST:PORT without DNS (like curl); repeatable",
    )


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="detector", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)

    sc = sub.add_parser("scan", help="crawl, score and store a batch; rerun to resume")
    sc.add_argument(
        "--input", required=True, help="URL list (.txt), CSV with a url column, JSONL, ad export"
    )
    sc.add_argument(
        "--store", default=DEFAULT_STORE, help=f"SQLite store (default {DEFAULT_STORE})"
    )
    sc.add_argument("--run", default=None, help="run name (default: input file name); resumes")
    sc.add_argument("--output", default=None, help="export the run's verdicts here (- stdout)")
    sc.add_argument("--format", choices=["jsonl", "csv", "parquet", "stix", "misp"], default=None)
    sc.add_argument("--report", default=None, help="also write the HTML report here")
    sc.add_argument("--model", default=None, help="model directory (default: shipped model)")
    sc.add_argument("--dask", default=None, help="scheduler address, or 'local' for a LocalCluster")
    sc.add_argument(
        "--workers", type=int, default=1, help="local worker processes (inputs split by host)"
    )
    sc.add_argument("--batch-size", type=int, default=64)
    sc.add_argument("--quiet", action="store_true", help="no progress bar")
    _add_crawl_flags(sc)
    sc.set_defaults(func=_cmd_scan)

    r = sub.add_parser("report", help="write a self-contained HTML report of a run")
    r.add_argument("run", help="run name or id")
    r.add_argument("--store", default=DEFAULT_STORE)
    r.add_argument("--output", default=None, help="HTML file (default: RUN-report.html)")
    r.set_defaults(func=_cmd_report)

    x = sub.add_parser("export", help="export a run's verdicts (jsonl, csv, parquet, stix, misp)")
    x.add_argument("run", help="run name or id")
    x.add_argument("--store", default=DEFAULT_STORE)
    x.add_argument("--output", required=True, help="file to write, or - for JSONL on stdout")
    x.add_argument("--format", choices=["jsonl", "csv", "parquet", "stix", "misp"], default=None)
    x.set_defaults(func=_cmd_export)

    lb = sub.add_parser("label", help="record an analyst judgement for a URL (or a CSV of them)")
    lb.add_argument("run", help="run name or id the judgement belongs to")
    lb.add_argument("--store", default=DEFAULT_STORE)
    lb.add_argument("--url", default=None)
    lb.add_argument("--as", dest="label", choices=["scam", "benign"], default=None)
    lb.add_argument("--csv", default=None, help="url,label[,analyst,note] rows to import")
    lb.add_argument("--analyst", default=None)
    lb.add_argument("--note", default=None)
    lb.set_defaults(func=_cmd_label)

    rp = sub.add_parser("reports", help="users' wrong-verdict reports: list, accept, reject")
    rp.add_argument("action", choices=["list", "accept", "reject"])
    rp.add_argument("id", nargs="?", type=int, default=None, help="report id (accept/reject)")
    rp.add_argument("--store", default=DEFAULT_STORE)
    rp.add_argument(
        "--status", choices=["pending", "accepted", "rejected", "all"], default="pending"
    )
    rp.add_argument("--analyst", default=None)
    rp.add_argument("--note", default=None)
    rp.set_defaults(func=_cmd_reports)

    sv = sub.add_parser("serve", help="run the HTTP scoring endpoint (uvicorn)")
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--port", type=int, default=8000)
    sv.add_argument("--workers", type=int, default=1, help="worker processes (one model each)")
    sv.add_argument("--model", default=None, help="model directory (default: shipped model)")
    sv.add_argument("--store", default=None, help="store for lookups and reports")
    sv.add_argument(
        "--allow-loopback", action="store_true", help="let bare-URL fetches reach 127.0.0.1"
    )
    sv.add_argument(
        "--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"]
    )
    sv.add_argument(
        "--forwarded-allow-ips",
        default=None,
        help="proxies whose X-Forwarded-For is trusted for per-address limits (default 127.0.0.1)",
    )
    sv.add_argument("--new-key", metavar="NAME", default=None, help="print a new key and exit")
    sv.set_defaults(func=_cmd_serve)

    dm = sub.add_parser("demo", help="scan the bundled sample offline via a local demo server")
    dm.add_argument("--input", default="data/samples/demo.jsonl")
    dm.add_argument("--out", default="out/demo", help="directory for store, verdicts, report")
    dm.add_argument("--quiet", action="store_true")
    dm.set_defaults(func=_cmd_demo)

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
    _add_crawl_flags(c)
    c.set_defaults(func=_cmd_crawl)

    t = sub.add_parser("train", help="train, evaluate and save a model from a labelled corpus")
    t.add_argument("--data", default="data", help="corpus directory (default: data)")
    t.add_argument("--out", default="models/default", help="model directory to write")
    t.add_argument("--name", default="default")
    t.add_argument(
        "--shared",
        default=None,
        help="folder holding the real sets real-pages/ and html-samples/ "
        "(default: ../shared/data beside the checkout; training without it uses data/ alone)",
    )
    t.add_argument("--no-shared", action="store_true", help="train and judge on data/ alone")
    t.add_argument(
        "--include-labels",
        action="store_true",
        help="fold analyst labels from --store into the training data (with provenance)",
    )
    t.add_argument("--store", default=DEFAULT_STORE, help="store holding the analyst labels")
    t.add_argument(
        "--estimator",
        default=None,
        help="signals model to train: logistic, gradient_boosting, or both joined by + (their "
        "mean log-odds; the shipped default)",
    )
    t.add_argument(
        "--jobs", type=int, default=None, help="cross-validation folds fitted in parallel"
    )
    t.add_argument(
        "--cache",
        default=None,
        help="feature cache folder (default: $DETECTOR_CACHE_DIR or ~/.cache/detector)",
    )
    t.add_argument("--no-cache", action="store_true", help="extract every page afresh")
    t.set_defaults(func=_cmd_train)

    e = sub.add_parser("evaluate", help="report a model's metrics, on real data when present")
    e.add_argument("--model", default=None)
    e.add_argument("--data", default=None, help="a labelled corpus directory to score")
    e.add_argument("--shared", default=None, help="path to shared/data (default: ../shared/data)")
    e.add_argument(
        "--json",
        action="store_true",
        help="print JSON, and rescore --data and the real sets with the loaded model",
    )
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
    except (ModelLoadError, ConfigError, FileNotFoundError) as exc:
        print(f"detector: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except (OSError, DetectorError) as exc:  # store, export and other I/O failures
        print(f"detector: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except sqlite3.Error as exc:  # a full disk, a locked or corrupt store mid-run
        print(
            f"detector: store error: {' '.join(str(exc).split())[:300]}; results already "
            "recorded stay in the store (run the same command again to resume)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except csv.Error as exc:
        print(f"detector: unreadable CSV input: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except RecursionError:
        print("detector: input nested too deeply to read", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("detector: interrupted; output written so far is kept", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
