"""Commands over a store: ``scan`` (crawl, score, record; resumable), ``report``, ``export``,
``label`` and ``reports``."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from detector.cli.common import (
    EXIT_OK,
    EXIT_ROWS_FAILED,
    EXIT_USAGE,
    UsageError,
    crawl_settings,
    run_of,
    store_at,
)
from detector.core.urls import normalise_url
from detector.errors import InvalidSnapshot
from detector.records import Verdict
from detector.redact import redact_url, redact_verdict
from detector.store.base import Store


def _export_format(output: str, fmt: str | None) -> str:
    from detector.export import format_for

    return fmt or format_for(output)


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


def _export(store: Store, run: dict[str, Any], output: str, fmt: str) -> int:
    from detector import export

    verdicts = export_view(store, run)
    if fmt == "jsonl" and output == "-":
        n = 0
        for v in verdicts:
            sys.stdout.write(redact_verdict(v).to_json() + "\n")
            n += 1
        return n
    return export.write(fmt, verdicts, output)


def cmd_scan(args: argparse.Namespace) -> int:
    """Crawl what needs crawling, score everything, record in the store; resumable by run name."""
    if args.input != "-":
        return _scan(args, Path(args.input))
    # stdin: a URL list, or JSONL when the first character is "{". Kept in a temporary file for
    # the run; a rerun with the same --run resumes (inputs are keyed by URL, not by file).
    data = sys.stdin.buffer.read()
    suffix = ".jsonl" if data.lstrip()[:1] == b"{" else ".txt"
    with tempfile.TemporaryDirectory(prefix="detector-stdin-") as tmp:
        source = Path(tmp) / f"stdin{suffix}"
        source.write_bytes(data)
        args.run = args.run or "stdin"
        return _scan(args, source)


def _scan(args: argparse.Namespace, source: Path) -> int:
    from detector.detector import Detector
    from detector.scan import Scanner

    if not source.is_file():
        raise UsageError(f"cannot read --input {args.input}: no such file")
    fmt = _export_format(args.output, args.format) if args.output else None
    _check_output(args.output)
    _check_output(args.report)
    if args.workers < 1 or args.batch_size < 1:
        raise UsageError("--workers and --batch-size must be at least 1")
    run_name = args.run or source.stem
    settings = crawl_settings(args)
    det = Detector.load(args.model, settings)
    with store_at(args.store) as store:
        if args.retry_failed and (found := store.find_run(run_name)) is not None:
            again = store.forget_unfetched(int(found["id"]))
            print(f"{again} inputs not fetched before will be fetched again", file=sys.stderr)
        if not args.no_intel and args.workers == 1 and not args.dask:
            from detector.scan.intel import store_intel

            det.intel = store_intel(settings, store)
        scanner = Scanner(det, store, settings, batch_size=args.batch_size)
        try:
            summary = scanner.run(
                source,
                run_name,
                progress=not args.quiet,
                dask=args.dask,
                workers=args.workers,
                discover=args.discover,
            )
        except KeyboardInterrupt:
            try:
                found = store.find_run(run_name)
                done = store.run_stats(found["id"]) if found else {"done": 0, "failed": 0}
                recorded = f"{done['done'] + done['failed']} inputs are"
            except Exception:  # a connection cut mid-query by the interrupt: say what we can
                recorded = "the inputs scanned so far are"
            print(
                f"detector: interrupted; {recorded} recorded in {store.path}. "
                f"Run the same command again to resume run {run_name!r}.",
                file=sys.stderr,
            )
            return 130
        except InvalidSnapshot as exc:
            raise UsageError(str(exc)) from exc
        print(summary.line() + f"; store {store.path}", file=sys.stderr)
        run = run_of(store, run_name)
        try:
            if args.output:
                assert fmt is not None
                n = _export(store, run, args.output, fmt)
                unit = "indicators" if fmt in ("stix", "misp") else "rows"
                print(f"wrote {n} {fmt} {unit} to {args.output}", file=sys.stderr)
            if args.report:
                from detector.export.report import model_info, write_report

                write_report(
                    export_view(store, run, screenshots=True),
                    args.report,
                    f"Scan {run_name}",
                    store.run_stats(run["id"]),
                    model=model_info(det.artifact),
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


def cmd_report(args: argparse.Namespace) -> int:
    from detector.export.report import model_of_verdicts, write_report

    with store_at(args.store, must_exist=True) as store:
        run = run_of(store, args.run)
        output = args.output or f"{run['name']}-report.html"
        _check_output(output)
        verdicts = list(export_view(store, run, screenshots=True))
        path = write_report(
            verdicts,
            output,
            f"Scan {run['name']}",
            store.run_stats(run["id"]),
            model=model_of_verdicts(verdicts),
        )
    print(f"report written to {path.resolve()}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    fmt = _export_format(args.output, args.format)
    _check_output(args.output)
    with store_at(args.store, must_exist=True) as store:
        n = _export(store, run_of(store, args.run), args.output, fmt)
    unit = "indicators" if fmt in ("stix", "misp") else "rows"
    print(f"wrote {n} {fmt} {unit} to {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_label(args: argparse.Namespace) -> int:
    """Record analyst judgements (one URL, or a CSV of url,label[,analyst,note])."""
    from detector.errors import InvalidLabel

    if args.withdraw is not None:
        with store_at(args.store, must_exist=True) as store:
            run_of(store, args.run)
            if not store.withdraw_label(args.withdraw, args.analyst):
                raise UsageError(f"no current label with id {args.withdraw} (see detector labels)")
        print(f"withdrew label {args.withdraw}")
        return EXIT_OK
    if bool(args.url) == bool(args.csv):
        raise UsageError("give either --url URL --as scam|benign, or --csv FILE")
    with store_at(args.store, must_exist=True) as store:
        run = run_of(store, args.run)
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
            label_id = store.add_label(
                args.url, args.label, args.analyst, args.note, run_id=run["id"]
            )
        except InvalidLabel as exc:
            raise UsageError(str(exc)) from exc
        page = store.latest_snapshot(args.url, normalise_url(args.url) or "")
        if page is None or not (page.html or page.text or page.listing):
            print(
                f"detector: warning: no fetched page is stored for {redact_url(args.url)}; "
                "this label will train a URL-only example",
                file=sys.stderr,
            )
    print(f"recorded {redact_url(args.url)} as {args.label} (label {label_id}, run {run['name']})")
    return EXIT_OK


def cmd_labels(args: argparse.Namespace) -> int:
    """List analyst labels (of a run, or all with --all), withdrawn ones marked."""
    with store_at(args.store, must_exist=True) as store:
        run = run_of(store, args.run)
        rows = [r for r in store.labels() if args.all or r.get("run_id") == run["id"]]
    for row in rows:
        print(json.dumps({k: row.get(k) for k in _LABEL_FIELDS}, ensure_ascii=False))
    print(f"{len(rows)} labels", file=sys.stderr)
    return EXIT_OK


_LABEL_FIELDS = ("id", "url", "label", "analyst", "note", "at", "source", "run_id",
                 "withdrawn_at", "withdrawn_by")  # fmt: skip


def with_analyst_labels(store: Store, verdicts: Iterable[Verdict]) -> Iterator[Verdict]:
    """The verdicts with the current analyst label of their URL (``analyst_label``) beside
    the model's label, for exports and the report."""
    current = store.current_labels()
    for verdict in verdicts:
        row = current.get(verdict.url) or current.get(normalise_url(verdict.url) or "")
        if row is not None:
            verdict.extra["analyst_label"] = row["label"]
        yield verdict


def export_view(store: Store, run: dict[str, Any], screenshots: bool = False) -> Iterator[Verdict]:
    """A run's verdicts as exports and the report show them: the run, when each page was
    scanned (``scanned_at``, ISO 8601 UTC), the final URL and HTTP status, redirects, and the
    analyst's label beside the model's."""
    meta = store.fetch_meta(int(run["id"]), screenshots)
    keyed = store.keyed_verdicts(int(run["id"]))

    def joined() -> Iterator[Verdict]:
        for key, verdict in keyed:
            got = meta.get(key) or {}
            verdict.extra["run"] = run["name"]
            verdict.extra["scanned_at"] = got.get("fetched_at") or run.get("created_at")
            for name, field in (("final_url", "final_url"), ("http_status", "status")):
                if got.get(field) is not None:
                    verdict.extra.setdefault(name, got[field])
            if got.get("redirects"):
                verdict.extra.setdefault("redirects", got["redirects"])
            if got.get("screenshot"):  # asked for by the report only: exports stay lean
                verdict.extra["screenshot"] = got["screenshot"]
            yield verdict

    return with_analyst_labels(store, joined())


def cmd_reports(args: argparse.Namespace) -> int:
    """List users' wrong-verdict reports, or accept (becomes an analyst label) / reject one."""
    from detector.errors import InvalidLabel

    with store_at(args.store, must_exist=True) as store:
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
