"""Shared by the command modules: exit codes, usage errors, input and output files, the store."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from detector.errors import InvalidSnapshot
from detector.scan.inputs import Rejected
from detector.store.base import Store

EXIT_OK, EXIT_ROWS_FAILED, EXIT_USAGE = 0, 1, 2


DEFAULT_STORE = "scans.sqlite"


class UsageError(Exception):
    """Bad arguments or paths: reported on stderr, exit code 2."""


@contextmanager
def open_in(path: str) -> Iterator[IO[str]]:
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
def open_out(path: str | None) -> Iterator[IO[str]]:
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


def text_lines(path: str, fh: IO[str]) -> list[str]:
    """The lines of a text input; a binary file (NUL bytes, mostly not UTF-8) is a usage error."""
    from detector.scan import text_of

    if path == "-":
        return fh.read().splitlines()
    try:
        return text_of(Path(path), Path(path).read_bytes()).splitlines()
    except InvalidSnapshot as exc:
        raise UsageError(str(exc)) from exc


def bad_row(path: str, row: Rejected, shown: list[int]) -> None:
    """One stderr line per bad input row (the first 20), naming file and line."""
    shown[0] += 1
    if shown[0] <= 20:
        print(f"detector: {path}: {row.problem}", file=sys.stderr)
    elif shown[0] == 21:
        print(f"detector: {path}: more bad rows; see the error rows in the output", file=sys.stderr)


def crawl_settings(args: argparse.Namespace) -> Any:
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
    if args.user_agent:
        overrides["user_agent"] = args.user_agent
    if args.referer:
        overrides["referer"] = args.referer
    settings = Settings.from_env(**overrides)
    from detector.crawl.guard import connect_map

    connect_map(settings.connect_to)  # a bad entry stops here, not once per URL
    return settings


@contextmanager
def store_at(path: str, must_exist: bool = False) -> Iterator[Store]:
    from detector.store import is_local, local_path, open_store

    if must_exist and is_local(path) and not Path(local_path(path)).is_file():
        raise UsageError(f"no store at {path} (give --store PATH; scans write {DEFAULT_STORE})")
    store = open_store(path)
    try:
        yield store
    finally:
        store.close()


def run_of(store: Store, run: str) -> dict[str, Any]:
    found = store.find_run(int(run)) if run.isdigit() else None
    found = found or store.find_run(run)
    if found is None:
        names = ", ".join(r["name"] for r in store.runs()[-10:]) or "none yet"
        raise UsageError(f"no run {run!r} in {store.path} (runs: {names})")
    return dict(found)
