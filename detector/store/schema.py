"""The store's SQL schema as numbered forward migrations (documented in docs/store-schema.md).

``MIGRATIONS[n]`` takes a database from version ``n`` to ``n + 1``; ``meta.schema_version`` holds
the version reached. Never edit a released migration: append a new one, so every store on disk can
walk forward to the current shape.
"""

from __future__ import annotations

import sqlite3

_V1 = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    finished_at TEXT,
    input_path TEXT,
    settings_json TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'finished'))
);
CREATE TABLE inputs (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    key TEXT NOT NULL,
    raw_json TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
    PRIMARY KEY (run_id, key)
);
CREATE INDEX inputs_by_seq ON inputs (run_id, seq);
CREATE TABLE snapshot_bodies (
    sha256 TEXT PRIMARY KEY,
    body BLOB NOT NULL,
    size INTEGER NOT NULL
);
CREATE TABLE snapshots (
    run_id INTEGER NOT NULL,
    input_key TEXT NOT NULL,
    url TEXT NOT NULL DEFAULT '',
    final_url TEXT,
    status INTEGER,
    headers_json TEXT NOT NULL DEFAULT '{}',
    fetched_at TEXT,
    error TEXT,
    body_sha256 TEXT REFERENCES snapshot_bodies(sha256),
    body_kind TEXT CHECK (body_kind IN ('html', 'text')),
    meta_json TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (run_id, input_key),
    FOREIGN KEY (run_id, input_key) REFERENCES inputs(run_id, key) ON DELETE CASCADE
);
CREATE TABLE verdicts (
    run_id INTEGER NOT NULL,
    input_key TEXT NOT NULL,
    verdict_json TEXT NOT NULL,
    score REAL,
    label TEXT,
    model TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (run_id, input_key),
    FOREIGN KEY (run_id, input_key) REFERENCES inputs(run_id, key) ON DELETE CASCADE
);
CREATE INDEX verdicts_by_label ON verdicts (run_id, label);
CREATE TABLE errors (
    id INTEGER PRIMARY KEY,
    run_id INTEGER REFERENCES runs(id) ON DELETE CASCADE,
    input_key TEXT,
    stage TEXT NOT NULL,
    message TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX errors_by_run ON errors (run_id, input_key);
CREATE TABLE labels (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    label TEXT NOT NULL CHECK (label IN ('scam', 'benign')),
    analyst TEXT,
    note TEXT,
    at TEXT NOT NULL,
    run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
    source TEXT NOT NULL DEFAULT 'cli' CHECK (source IN ('cli', 'csv'))
);
CREATE INDEX labels_by_url ON labels (url);
CREATE TABLE rdap_cache (
    host TEXT PRIMARY KEY,
    payload_json TEXT NOT NULL,
    expires_at REAL NOT NULL
);
"""

_V2 = """
CREATE TABLE features (
    run_id INTEGER NOT NULL,
    input_key TEXT NOT NULL,
    features BLOB NOT NULL,
    schema_hash TEXT,
    PRIMARY KEY (run_id, input_key),
    FOREIGN KEY (run_id, input_key) REFERENCES inputs(run_id, key) ON DELETE CASCADE
);
"""

_V3 = """
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    expected TEXT NOT NULL CHECK (expected IN ('scam', 'benign')),
    note TEXT,
    verdict_json TEXT,
    reporter TEXT,
    client_hash TEXT,
    at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'accepted', 'rejected')),
    analyst TEXT,
    resolved_at TEXT,
    label_id INTEGER REFERENCES labels(id) ON DELETE SET NULL
);
CREATE INDEX reports_by_status ON reports (status, id)
"""

# Index n migrates version n -> n + 1. Append only.
MIGRATIONS: list[str] = [_V1, _V2, _V3]


def current_version() -> int:
    """The schema version this code writes."""
    return len(MIGRATIONS)


def read_version(conn: sqlite3.Connection) -> int:
    """The version recorded in ``meta`` (0 for an empty database)."""
    has_meta = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
    ).fetchone()
    if not has_meta:
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every pending migration, each in its own transaction; returns the final version.

    ``conn`` must be in autocommit mode (``isolation_level=None``) so the explicit transactions
    here are the only ones; a crash mid-migration leaves the previous version intact.
    """
    version = read_version(conn)
    for step in range(version, len(MIGRATIONS)):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[step]):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(step + 1),),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return len(MIGRATIONS) if version < len(MIGRATIONS) else version


def _statements(script: str) -> list[str]:
    # executescript() would COMMIT on its own; split so the migration stays one transaction.
    return [s.strip() for s in script.split(";") if s.strip()]
