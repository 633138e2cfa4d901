"""The ``Store`` protocol: what the rest of the package may ask of a scan store.

Callers type against this protocol, never against a backend. Backends (``SQLiteStore`` in
sqlite.py, ``PostgresStore`` in postgres.py) share their logic through ``SqlStore`` (sql.py) and
are chosen by ``open_store(url)``. Every write that records an input's result is one transaction:
after a crash an input has its snapshot, verdict and status, or none of them, so a resumed run
(``pending``) scores every input exactly once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

from detector.records import Snapshot, Verdict

# A result row: read by position, by column name, or whole with dict(row) (sqlite3.Row does all
# three; the PostgreSQL adapter builds rows that do the same).
Row = Any


class Cursor(Protocol):
    """The part of a DB-API cursor the SQL backends use."""

    @property
    def rowcount(self) -> int: ...

    @property
    def lastrowid(self) -> int | None: ...

    def fetchone(self) -> Row: ...

    def fetchall(self) -> list[Row]: ...


class Connection(Protocol):
    """The part of a DB-API connection the SQL backends use (autocommit; explicit BEGIN)."""

    def execute(self, sql: str, params: Sequence[Any] = (), /) -> Cursor: ...

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]], /) -> Any: ...

    def close(self) -> None: ...


class StorePart:
    """What the method groups of a store (labels.py, reports.py) build on; ``SqlStore`` has it."""

    path: str  # where the store lives, for messages (a file path, or a URL without password)

    def _tx(self) -> AbstractContextManager[Connection]:
        """One write transaction."""
        raise NotImplementedError

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[Row]:
        raise NotImplementedError


class Store(AbstractContextManager["Store"], Protocol):
    """A scan store: runs, inputs, snapshots, verdicts, errors, analyst labels, user reports.

    ``with store:`` closes it on the way out.
    """

    path: str  # where the store lives, for messages (a file path, or a URL without password)

    def close(self) -> None: ...

    @property
    def schema_version(self) -> int: ...

    # runs and inputs
    def create_or_resume_run(
        self, name: str, input_path: str | None = None, settings_json: str = "{}"
    ) -> tuple[int, bool]: ...

    def find_run(self, name_or_id: str | int) -> dict[str, Any] | None: ...

    def runs(self) -> list[dict[str, Any]]: ...

    def finish_run(self, run_id: int) -> None: ...

    def add_inputs(self, run_id: int, items: Iterable[tuple[str, str]]) -> int: ...

    def pending(self, run_id: int) -> Iterator[tuple[str, str]]: ...

    # results
    def record(self, run_id: int, key: str, snapshot: Snapshot, verdict: Verdict) -> None: ...

    def record_error(
        self, run_id: int | None, key: str | None, stage: str, message: str
    ) -> None: ...

    def errors(self, run_id: int) -> list[dict[str, Any]]: ...

    def verdicts(self, run_id: int) -> Iterator[Verdict]: ...

    def keyed_verdicts(self, run_id: int) -> Iterator[tuple[str, Verdict]]: ...

    def forget_unfetched(self, run_id: int) -> int: ...

    def lock_run(self, run_id: int) -> AbstractContextManager[None]: ...

    def fetch_meta(self, run_id: int, screenshots: bool = False) -> dict[str, dict[str, Any]]: ...

    def withdraw_label(self, label_id: int, analyst: str | None = None) -> bool: ...

    def current_labels(self) -> dict[str, dict[str, Any]]: ...

    def snapshot_body(self, sha256: str) -> str | None: ...

    def snapshot(self, run_id: int, key: str) -> Snapshot | None: ...

    def features(self, run_id: int, key: str) -> dict[str, Any] | None: ...

    def latest_snapshot(self, *urls: str) -> Snapshot | None: ...

    def run_stats(self, run_id: int) -> dict[str, Any]: ...

    def url_verdicts(
        self, after: int = 0
    ) -> Iterator[tuple[int, str, str | None, dict[str, Any]]]: ...

    # intel cache
    def rdap_get(self, host: str, now: float) -> Any | None: ...

    def rdap_put(self, host: str, payload: Any, expires_at: float) -> None: ...

    # analyst labels and user reports
    def add_label(
        self,
        url: str,
        label: str,
        analyst: str | None = None,
        note: str | None = None,
        run_id: int | None = None,
        source: str = "cli",
    ) -> int: ...

    def import_labels_csv(
        self, path: str | Path, on_bad_row: Callable[[int, str], None] | None = None
    ) -> int: ...

    def labels(self, url: str | None = None) -> list[dict[str, Any]]: ...

    def add_report(
        self,
        url: str,
        expected: str,
        note: str | None = None,
        verdict: dict[str, Any] | None = None,
        reporter: str | None = None,
        client_hash: str | None = None,
    ) -> int: ...

    def reports(self, status: str | None = "pending") -> list[dict[str, Any]]: ...

    def resolve_report(
        self, report_id: int, accept: bool, analyst: str | None = None, note: str | None = None
    ) -> dict[str, Any]: ...
