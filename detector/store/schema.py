"""The store's SQL schema as numbered forward migrations (documented in docs/store-schema.md).

``MIGRATIONS[n]`` takes a database from version ``n`` to ``n + 1``; ``meta.schema_version`` holds
the version reached. Never edit a released migration: append a new one, so every store on disk can
walk forward to the current shape. The migrations are written for SQLite; a ``Dialect`` says how
another backend begins a transaction, finds a table and spells the column types.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from detector.errors import StoreError
from detector.store.connection import Connection


@dataclass(frozen=True)
class Dialect:
    """What differs between SQL backends when creating and migrating the schema."""

    name: str  # the database engine, for messages
    begin: tuple[str, ...]  # statements that open a write transaction
    has_table: str  # a query with one parameter (the table name) that returns a row if it exists
    count_tables: str  # a query that counts the database's own tables
    ddl: Callable[[str], str] = str  # rewrites one SQLite DDL statement for this backend


SQLITE = Dialect(
    name="SQLite",
    begin=("BEGIN IMMEDIATE",),
    has_table="SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
    count_tables="SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' "
    "AND name NOT LIKE 'sqlite_%'",
)

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
# v4: an analyst can withdraw a label (kept, marked, left out of training and exports).
_V4 = """
ALTER TABLE labels ADD COLUMN withdrawn_at TEXT;
ALTER TABLE labels ADD COLUMN withdrawn_by TEXT;
"""

MIGRATIONS: list[str] = [_V1, _V2, _V3, _V4]


def current_version() -> int:
    """The schema version this code writes."""
    return len(MIGRATIONS)


def read_version(conn: Connection, dialect: Dialect = SQLITE) -> int:
    """The version recorded in ``meta`` (0 for an empty database)."""
    if not conn.execute(dialect.has_table, ("meta",)).fetchone():
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def open_schema(conn: Connection, dialect: Dialect, target: str) -> None:
    """Bring a freshly connected store to the current version, refusing a database that holds
    something else or a schema newer than this code (``StoreError`` naming ``target``)."""
    version = read_version(conn, dialect)
    if version == 0 and conn.execute(dialect.count_tables).fetchone()[0]:
        raise StoreError(f"{target} is an {dialect.name} database but not a detector store", target)
    if version > current_version():
        raise StoreError(
            f"{target} has schema version {version}; this detector reads up to "
            f"{current_version()} (upgrade the package)",
            target,
        )
    migrate(conn, dialect)


def migrate(conn: Connection, dialect: Dialect = SQLITE) -> int:
    """Apply every pending migration, each in its own transaction; returns the final version.

    ``conn`` must be in autocommit mode (``isolation_level=None``) so the explicit transactions
    here are the only ones; a crash mid-migration leaves the previous version intact.
    """
    version = read_version(conn, dialect)
    for step in range(version, len(MIGRATIONS)):
        for begin in dialect.begin:
            conn.execute(begin)
        try:
            if read_version(conn, dialect) > step:  # another process migrated meanwhile
                conn.execute("ROLLBACK")
                continue
            for statement in _statements(MIGRATIONS[step]):
                conn.execute(dialect.ddl(statement))
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
