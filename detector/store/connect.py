"""Open the store's SQLite connection: checks, pragmas, migrations, and readable errors.

``connect(path)`` returns a configured autocommit connection (WAL, foreign keys, busy timeout) at
the current schema version, or raises ``StoreError`` saying what is wrong in words a user can act
on: not SQLite or corrupt, someone else's database, newer than this code, or not writable.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from detector.errors import StoreError
from detector.store.schema import SQLITE, open_schema

BUSY_TIMEOUT_S = 30.0


def connect(target: str) -> sqlite3.Connection:
    """A ready connection to the store at ``target`` (a path or ``":memory:"``)."""
    if target != ":memory:":
        check_writable(Path(target))
    try:
        conn = sqlite3.connect(
            target, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as exc:
        raise StoreError(explain(target, exc), target) from exc
    try:
        _configure(conn, target)
        open_schema(conn, SQLITE, target)
    except StoreError:
        conn.close()
        raise
    except sqlite3.Error as exc:
        conn.close()
        raise StoreError(explain(target, exc), target) from exc
    return conn


def _configure(conn: sqlite3.Connection, target: str) -> None:
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    # Reading the schema is the first real read: a non-SQLite file fails here.
    conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    if target != ":memory:":
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise _fail(f"cannot switch {target} to WAL mode (got {mode})", target)
    # NORMAL in WAL mode: a process crash loses nothing committed; power loss may drop the
    # last transactions but never corrupts, and resume redoes them.
    conn.execute("PRAGMA synchronous = NORMAL")


def check_writable(path: Path) -> None:
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise _fail(f"store path {path} is a directory; give a file name", path)
    if not parent.is_dir():
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _fail(f"cannot create directory for store {path}: {exc}", path) from exc
    # WAL needs to create <name>-wal and <name>-shm beside the file, so the directory must be
    # writable even when the store itself already exists.
    if not os.access(parent, os.W_OK | os.X_OK):
        raise _fail(f"cannot write store {path}: directory {parent} is not writable", path)


def explain(target: str, exc: sqlite3.Error) -> str:
    text = str(exc)
    if "not a database" in text or "malformed" in text:
        return f"{target} is not a usable detector store (corrupt or not SQLite): {text}"
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return f"cannot write store {target} (read-only file or directory?): {text}"
    if "locked" in text or "busy" in text:
        return f"store {target} is locked by another process: {text}"
    if "disk" in text and "full" in text:
        return f"store {target}: disk full: {text}"
    return f"store {target}: {text}"


def _fail(message: str, path: str | os.PathLike[str]) -> Exception:
    return StoreError(message, path)
