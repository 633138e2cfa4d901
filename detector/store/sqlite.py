"""``SQLiteStore``: the store in one SQLite file (the default backend).

Opened in WAL mode (readers never block the writer) with foreign keys on and a busy timeout
(connect.py); a write transaction is ``BEGIN IMMEDIATE``, which also serialises writers from
other processes.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no run lock
    fcntl = None  # type: ignore[assignment]

from detector.errors import StoreError
from detector.store.connect import connect, explain
from detector.store.schema import SQLITE
from detector.store.sql import SqlStore, run_busy


class SQLiteStore(SqlStore):
    """A scan store on disk (or ``":memory:"``). Use ``SQLiteStore.open(path)``; close when done."""

    dialect = SQLITE
    driver_errors = (sqlite3.Error,)

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> SQLiteStore:
        """Open (creating or migrating) the store at ``path``; raises ``StoreError`` on failure."""
        target = str(path)
        return cls(connect(target), target)

    def explain(self, exc: Exception) -> str:
        assert isinstance(exc, sqlite3.Error)
        return explain(self.path, exc)

    @contextmanager
    def lock_run(self, run_id: int) -> Iterator[None]:
        """Hold the run for this process: a second scan of the same run gets ``StoreError``.

        An exclusive ``flock`` on ``PATH.run-ID.lock`` beside the store; the kernel drops it when
        the process ends, however it ends, so a killed scan never leaves the run locked.
        """
        if self.path == ":memory:" or fcntl is None:
            yield
            return
        lock_path = f"{self.path}.run-{run_id}.lock"
        with open(lock_path, "a+") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                raise StoreError(run_busy(run_id, self.path), self.path) from exc
            try:
                yield
            finally:
                with suppress(OSError):  # closing the file releases it in any case
                    fcntl.flock(fh, fcntl.LOCK_UN)
