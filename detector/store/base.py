"""The ``Store`` protocol: what the rest of the package may ask of a scan store.

Callers type against this protocol, never against a backend. Backends (``SQLiteStore`` in
sqlite.py, ``PostgresStore`` in postgres.py) share their logic through ``SqlStore`` (sql.py) and
are chosen by ``open_store(url)``. Every write that records an input's result is one transaction:
after a crash an input has its snapshot, verdict and status, or none of them, so a resumed run
(``pending``) scores every input exactly once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from typing import Any, Protocol

from detector.records import Snapshot, Verdict
from detector.store.labels import LabelsMixin
from detector.store.reports import ReportsMixin


class Store(LabelsMixin, ReportsMixin, AbstractContextManager["Store"], Protocol):
    """A scan store: runs, inputs, snapshots, verdicts, errors, analyst labels, user reports.

    ``with store:`` closes it on the way out. The label and report methods are those of their
    groups (``LabelsMixin`` in labels.py, ``ReportsMixin`` in reports.py), stated and documented
    there once: the groups are protocols themselves, with the one implementation ``SqlStore``
    inherits.
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

    def snapshot_body(self, sha256: str) -> str | None: ...

    def snapshot(self, run_id: int, key: str) -> Snapshot | None: ...

    def features(self, run_id: int, key: str) -> dict[str, Any] | None: ...

    def latest_snapshot(self, *urls: str) -> Snapshot | None: ...

    def run_stats(self, run_id: int) -> dict[str, Any]: ...

    # intel cache
    def rdap_get(self, host: str, now: float) -> Any | None: ...

    def rdap_put(self, host: str, payload: Any, expires_at: float) -> None: ...
