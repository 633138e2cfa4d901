"""``SQLiteStore``: the store in one SQLite file (the default backend).

Opened in WAL mode (readers never block the writer) with foreign keys on and a busy timeout
(connect.py); a write transaction is ``BEGIN IMMEDIATE``, which also serialises writers from
other processes.
"""

from __future__ import annotations

import os
import sqlite3

from detector.store.connect import connect, explain
from detector.store.schema import SQLITE
from detector.store.sql import SqlStore


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
