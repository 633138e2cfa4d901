"""A small SQLite key-value cache with per-entry expiry, for intel answers.

One table, ``intel_cache(namespace, key, value, expires_at)``; values are JSON. ``path=""`` keeps
it in memory (one process); a file path gives a cache shared across runs and processes, opened in
WAL mode so readers never block the writer. Thread-safe: one connection behind a lock.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from detector.config import Settings
from detector.core.closing import Closing

_SCHEMA = """
CREATE TABLE IF NOT EXISTS intel_cache (
    namespace TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    expires_at REAL NOT NULL,
    PRIMARY KEY (namespace, key)
)
"""


class Cache(Closing):
    """JSON values under ``(namespace, key)`` that vanish after their time to live."""

    def __init__(self, path: str | Path = "", clock: Callable[[], float] | None = None) -> None:
        self.path = str(path)
        self._clock = clock or time.time
        self._lock = threading.Lock()
        target = self.path or ":memory:"
        if self.path:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(target, timeout=10.0, check_same_thread=False)
        if self.path:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(_SCHEMA)
        self._db.commit()

    @classmethod
    def from_settings(cls, settings: Settings, clock: Callable[[], float] | None = None) -> Cache:
        return cls(settings.cache_path, clock=clock)

    def get(self, namespace: str, key: str) -> Any | None:
        """The stored value, or None when absent or expired."""
        with self._lock:
            row = self._db.execute(
                "SELECT value, expires_at FROM intel_cache WHERE namespace = ? AND key = ?",
                (namespace, key),
            ).fetchone()
        if row is None or row[1] <= self._clock():
            return None
        try:
            return json.loads(row[0])
        except ValueError:
            return None

    def set(self, namespace: str, key: str, value: Any, ttl_seconds: float) -> None:
        """Store ``value`` (JSON-serialisable) for ``ttl_seconds``; non-positive TTLs store nothing."""
        if ttl_seconds <= 0:
            return
        payload = json.dumps(value, separators=(",", ":"))
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO intel_cache (namespace, key, value, expires_at) "
                "VALUES (?, ?, ?, ?)",
                (namespace, key, payload, self._clock() + ttl_seconds),
            )
            self._db.commit()

    def purge(self) -> int:
        """Delete expired entries; returns how many went."""
        with self._lock:
            cur = self._db.execute(
                "DELETE FROM intel_cache WHERE expires_at <= ?", (self._clock(),)
            )
            self._db.commit()
            return cur.rowcount

    def close(self) -> None:
        with self._lock:
            self._db.close()
