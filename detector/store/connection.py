"""What the store's SQL rests on: the DB-API connection and cursor it uses, and ``StorePart``.

``StorePart`` is what a method group of the store (labels.py, reports.py) builds on: a write
transaction and a query. ``SqlStore`` (sql.py) supplies both.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

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


class StorePart(Protocol):
    """What the method groups of a store (labels.py, reports.py) build on; ``SqlStore`` has it."""

    path: str  # where the store lives, for messages (a file path, or a URL without password)

    def _tx(self) -> AbstractContextManager[Connection]:
        """One write transaction."""
        ...

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[Row]:
        """The rows a read returns."""
        ...
