"""``SqlStore``: the store's logic, written once in SQL that both backends run.

The statements are SQLite's dialect; the PostgreSQL backend rewrites the few places where the two
differ (placeholders, ``INSERT OR IGNORE/REPLACE``, generated ids) in its connection adapter.
A backend subclass supplies the connection, how a write transaction begins, the driver's error
class and how to word its errors.

Feature dicts are stored per input (zlib JSON with the feature-schema hash), so a run can be
re-examined or used for training without re-extracting. ``record`` writes an input's snapshot
body, snapshot metadata, verdict and status in ONE transaction, so a crash (even SIGKILL) leaves
all of it or none; ``pending`` lists inputs without a verdict, so a resumed run redoes exactly the
unfinished ones and every input is scored once.

Thread-safety: one connection guarded by a re-entrant lock, so any thread may call any method; the
scan orchestrator writes from a single writer thread. Iterators (``pending``, ``verdicts``) read
in pages and release the lock between pages, so the caller may write while iterating. Schema and
migrations: schema.py; labels: labels.py; user reports: reports.py; all documented in
docs/store-schema.md.
"""

from __future__ import annotations

import hashlib
import json
import threading
import zlib
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from itertools import islice
from typing import Any

from detector.core.clock import now_iso
from detector.core.closing import Closing
from detector.errors import StoreError
from detector.records import Snapshot, Verdict
from detector.redact import redact_snapshot, redact_text, redact_verdict
from detector.store import labels as _labels
from detector.store import reports as _reports
from detector.store.connection import Connection, Row
from detector.store.schema import Dialect, read_version

_PAGE = 500


class SqlStore(Closing, _labels.LabelsMixin, _reports.ReportsMixin):
    """The store's methods over one DB-API connection; a backend subclass opens it."""

    dialect: Dialect
    driver_errors: tuple[type[Exception], ...] = ()

    def __init__(self, conn: Connection, path: str) -> None:
        self._db = conn
        self.path = path
        self._lock = threading.RLock()
        self._schema: str | None = None  # feature-schema hash, computed on first use

    def explain(self, exc: Exception) -> str:
        """The driver error ``exc`` in words a user can act on."""
        return f"store {self.path}: {exc}"

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        """One write transaction; rolled back on any exception, driver errors become StoreError.

        Writers are serialised (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: a transaction-level
        advisory lock), so two scans of one run never interleave a read-then-write."""
        with self._lock:
            try:
                for statement in self.dialect.begin:
                    self._db.execute(statement)
            except self.driver_errors as exc:
                raise StoreError(self.explain(exc), self.path) from exc
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException as exc:
                # A rollback that fails (the connection died, or Ctrl-C landed mid-statement)
                # must not hide why the transaction ended; the server discards it anyway.
                with suppress(*self.driver_errors):
                    self._db.execute("ROLLBACK")
                if isinstance(exc, self.driver_errors):
                    raise StoreError(self.explain(exc), self.path) from exc
                raise

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[Row]:
        with self._lock:
            try:
                return self._db.execute(sql, params).fetchall()
            except self.driver_errors as exc:
                raise StoreError(self.explain(exc), self.path) from exc

    @property
    def schema_version(self) -> int:
        with self._lock:
            return read_version(self._db, self.dialect)

    # -- runs and inputs ------------------------------------------------------------------------

    def create_or_resume_run(
        self, name: str, input_path: str | None = None, settings_json: str = "{}"
    ) -> tuple[int, bool]:
        """Return ``(run_id, resumed)``: the existing run of that name, or a new one."""
        with self._tx() as db:
            row = db.execute("SELECT id FROM runs WHERE name = ?", (name,)).fetchone()
            if row:
                db.execute(
                    "UPDATE runs SET status = 'running', finished_at = NULL WHERE id = ?", (row[0],)
                )
                return int(row[0]), True
            cur = db.execute(
                "INSERT INTO runs (name, created_at, input_path, settings_json) VALUES (?,?,?,?)",
                (name, now_iso(zulu=False), input_path, settings_json),
            )
            return int(cur.lastrowid or 0), False

    def find_run(self, name_or_id: str | int) -> dict[str, Any] | None:
        """A run as a dict (id, name, created_at, finished_at, input_path, settings_json, status)."""
        col = "id" if isinstance(name_or_id, int) else "name"
        rows = self._query(f"SELECT * FROM runs WHERE {col} = ?", (name_or_id,))
        return dict(rows[0]) if rows else None

    def runs(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self._query("SELECT * FROM runs ORDER BY id")]

    def finish_run(self, run_id: int) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE runs SET status = 'finished', finished_at = ? WHERE id = ?",
                (now_iso(zulu=False), run_id),
            )

    def lock_run(self, run_id: int) -> AbstractContextManager[None]:
        raise NotImplementedError  # each backend holds runs its own way

    def forget_unfetched(self, run_id: int) -> int:
        """Make the run's inputs whose page could not be fetched pending again (their URL-only
        verdicts and features are dropped; the next scan of the run fetches them afresh).
        Returns how many."""
        unfetched = "SELECT input_key FROM snapshots WHERE run_id = ? AND error IS NOT NULL"
        with self._tx() as db:
            keys = [r[0] for r in db.execute(unfetched, (run_id,)).fetchall()]
            for table in ("verdicts", "features"):
                db.execute(
                    f"DELETE FROM {table} WHERE run_id = ? AND input_key IN ({unfetched})",
                    (run_id, run_id),
                )
            db.execute(
                f"UPDATE inputs SET status = 'pending' WHERE run_id = ? AND key IN ({unfetched})",
                (run_id, run_id),
            )
            if keys:
                db.execute("UPDATE runs SET status = 'running' WHERE id = ?", (run_id,))
        return len(keys)

    def add_inputs(self, run_id: int, items: Iterable[tuple[str, str]]) -> int:
        """Add ``(key, raw_json)`` inputs; keys already in the run are ignored. Returns new count."""
        added = 0
        it = iter(items)
        while chunk := list(islice(it, _PAGE)):
            with self._tx() as db:
                (seq,) = db.execute(
                    "SELECT COALESCE(MAX(seq), 0) FROM inputs WHERE run_id = ?", (run_id,)
                ).fetchone()
                for key, raw in chunk:
                    key, raw = redact_text(key), redact_text(raw)  # URLs never kept whole
                    cur = db.execute(
                        "INSERT OR IGNORE INTO inputs (run_id, seq, key, raw_json) "
                        "VALUES (?, ?, ?, ?)",
                        (run_id, seq + 1, key, raw),
                    )
                    seq += cur.rowcount
                    added += cur.rowcount
        return added

    def pending(self, run_id: int) -> Iterator[tuple[str, str]]:
        """``(key, raw_json)`` of inputs without a verdict, in input order."""
        rows = self._by_seq(
            "SELECT i.seq, i.key, i.raw_json FROM inputs i "
            "LEFT JOIN verdicts v ON v.run_id = i.run_id AND v.input_key = i.key "
            "WHERE i.run_id = ? AND i.seq > ? AND v.input_key IS NULL "
            "ORDER BY i.seq LIMIT ?",
            run_id,
        )
        return ((r["key"], r["raw_json"]) for r in rows)

    def _by_seq(self, sql: str, run_id: int) -> Iterator[Row]:
        """Rows of ``sql`` (parameters: run id, last input ``seq`` seen, page size; ordered by
        ``seq``), fetched a page at a time so no query holds a whole run."""
        last = -1
        while True:
            rows = self._query(sql, (run_id, last, _PAGE))
            yield from rows
            if len(rows) < _PAGE:
                return
            last = rows[-1]["seq"]

    # -- results ------------------------------------------------------------------------------

    def record(self, run_id: int, key: str, snapshot: Snapshot, verdict: Verdict) -> None:
        """Write body, snapshot metadata, verdict and input status in one transaction.

        URLs are written redacted (detector/redact.py); the markup is kept as fetched.
        """
        snapshot, verdict = redact_snapshot(snapshot), redact_verdict(verdict)
        key = redact_text(key)
        body, body_kind = _body_of(snapshot)
        digest = hashlib.sha256(body).hexdigest() if body is not None else None
        meta = snapshot.to_dict()
        for k in ("html", "text", "url", "final_url", "status", "headers", "fetched_at", "error"):
            meta.pop(k, None)
        bodies = [(digest, body)] if body is not None and digest is not None else []
        if "scripts" in meta:
            meta["scripts"] = _script_meta(meta["scripts"], bodies)
        vjson = verdict.to_json()
        with self._tx() as db:
            for sha, blob in bodies:
                db.execute(
                    "INSERT OR IGNORE INTO snapshot_bodies (sha256, body, size) VALUES (?, ?, ?)",
                    (sha, zlib.compress(blob, 6), len(blob)),
                )
            db.execute(
                "INSERT OR REPLACE INTO snapshots (run_id, input_key, url, final_url, status, "
                "headers_json, fetched_at, error, body_sha256, body_kind, meta_json) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    run_id,
                    key,
                    snapshot.url,
                    snapshot.final_url,
                    snapshot.status,
                    json.dumps(snapshot.headers, ensure_ascii=False),
                    snapshot.fetched_at,
                    snapshot.error,
                    digest,
                    body_kind,
                    json.dumps(meta, ensure_ascii=False, default=str),
                ),
            )
            db.execute(
                "INSERT OR REPLACE INTO verdicts (run_id, input_key, verdict_json, score, label, "
                "model, created_at) VALUES (?,?,?,?,?,?,?)",
                (
                    run_id,
                    key,
                    vjson,
                    verdict.score,
                    verdict.label,
                    verdict.model,
                    now_iso(zulu=False),
                ),
            )
            if verdict.features is not None:
                db.execute(
                    "INSERT OR REPLACE INTO features (run_id, input_key, features, schema_hash) "
                    "VALUES (?, ?, ?, ?)",
                    (run_id, key, _packed(verdict.features), self._schema_hash()),
                )
            if verdict.error:
                db.execute(
                    "INSERT INTO errors (run_id, input_key, stage, message, at) VALUES (?,?,?,?,?)",
                    (run_id, key, _stage_of(verdict.error), verdict.error, now_iso(zulu=False)),
                )
            cur = db.execute(
                "UPDATE inputs SET status = ? WHERE run_id = ? AND key = ?",
                ("failed" if verdict.error else "done", run_id, key),
            )
            if cur.rowcount != 1:
                raise StoreError(f"run {run_id} has no input with key {key!r}", self.path)

    def record_error(self, run_id: int | None, key: str | None, stage: str, message: str) -> None:
        """Log a problem; the input keeps no verdict, so it stays pending and a resume retries it."""
        with self._tx() as db:
            db.execute(
                "INSERT INTO errors (run_id, input_key, stage, message, at) VALUES (?,?,?,?,?)",
                (
                    run_id,
                    redact_text(key) if key else key,
                    stage,
                    redact_text(message),
                    now_iso(zulu=False),
                ),
            )

    def errors(self, run_id: int) -> list[dict[str, Any]]:
        rows = self._query("SELECT * FROM errors WHERE run_id = ? ORDER BY id", (run_id,))
        return [dict(r) for r in rows]

    def verdicts(self, run_id: int) -> Iterator[Verdict]:
        """Every verdict of the run, in input order."""
        return (verdict for _key, verdict in self.keyed_verdicts(run_id))

    def keyed_verdicts(self, run_id: int) -> Iterator[tuple[str, Verdict]]:
        """``(input key, verdict)`` for every verdict of the run, in input order."""
        rows = self._by_seq(
            "SELECT i.seq, i.key, v.verdict_json FROM verdicts v JOIN inputs i "
            "ON i.run_id = v.run_id AND i.key = v.input_key "
            "WHERE v.run_id = ? AND i.seq > ? ORDER BY i.seq LIMIT ?",
            run_id,
        )
        return ((r["key"], Verdict.from_dict(json.loads(r["verdict_json"]))) for r in rows)

    def snapshot_body(self, sha256: str) -> str | None:
        """The decompressed body (HTML or text) with that digest, or None."""
        rows = self._query("SELECT body FROM snapshot_bodies WHERE sha256 = ?", (sha256,))
        return zlib.decompress(rows[0][0]).decode("utf-8") if rows else None

    def fetch_meta(self, run_id: int, screenshots: bool = False) -> dict[str, dict[str, Any]]:
        """Input key -> how its page was fetched (``fetched_at``, ``final_url``, ``status``,
        ``redirects``, ``error``, and with ``screenshots`` the rendered page's JPEG), bodies
        left out: what exports and the report put beside each verdict."""
        out: dict[str, dict[str, Any]] = {}
        for r in self._query(
            "SELECT input_key, final_url, status, fetched_at, error, meta_json FROM snapshots "
            "WHERE run_id = ?",
            (run_id,),
        ):
            meta = json.loads(r["meta_json"] or "{}")
            out[r["input_key"]] = {
                "fetched_at": r["fetched_at"],
                "final_url": r["final_url"],
                "status": r["status"],
                "redirects": meta.get("redirects") or [],
                "error": r["error"],
                "screenshot": meta.get("screenshot") if screenshots else None,
            }
        return out

    def snapshot(self, run_id: int, key: str) -> Snapshot | None:
        """Rebuild the stored snapshot of one input (body included), or None."""
        rows = self._query(
            "SELECT * FROM snapshots WHERE run_id = ? AND input_key = ?", (run_id, key)
        )
        if not rows:
            return None
        r = rows[0]
        data: dict[str, Any] = json.loads(r["meta_json"]) | {
            "url": r["url"],
            "final_url": r["final_url"],
            "status": r["status"],
            "headers": json.loads(r["headers_json"]),
            "fetched_at": r["fetched_at"],
            "error": r["error"],
        }
        if r["body_sha256"]:
            data[r["body_kind"] or "html"] = self.snapshot_body(r["body_sha256"])
        for script in data.get("scripts") or []:
            if isinstance(script, dict) and script.get(_SCRIPT_BODY):
                script["text"] = self.snapshot_body(script.pop(_SCRIPT_BODY))
        return Snapshot.from_dict(data)

    def _schema_hash(self) -> str:
        if self._schema is None:
            from detector.extract.features import schema_hash

            self._schema = schema_hash()
        return self._schema

    def features(self, run_id: int, key: str) -> dict[str, Any] | None:
        """The feature dict one input was scored from, or None (failed or not yet scored)."""
        rows = self._query(
            "SELECT features FROM features WHERE run_id = ? AND input_key = ?", (run_id, key)
        )
        return dict(json.loads(zlib.decompress(rows[0][0]))) if rows else None

    def latest_snapshot(self, *urls: str) -> Snapshot | None:
        """The newest error-free stored snapshot whose url or final_url is one of ``urls``."""
        wanted = [u for u in dict.fromkeys(urls) if u]
        if not wanted:
            return None
        marks = ",".join("?" * len(wanted))
        rows = self._query(
            f"SELECT run_id, input_key FROM snapshots WHERE error IS NULL "
            f"AND (url IN ({marks}) OR final_url IN ({marks})) ORDER BY rowid DESC LIMIT 1",
            (*wanted, *wanted),
        )
        return self.snapshot(rows[0]["run_id"], rows[0]["input_key"]) if rows else None

    def run_stats(self, run_id: int) -> dict[str, Any]:
        """``{"inputs", "done", "failed", "pending", "fetch_errors", "by_label": {label: n}}``.

        ``fetch_errors`` counts done inputs whose page could not be fetched: they carry a verdict
        scored from the URL alone, and the snapshot keeps the fetch error.
        """
        (inputs, done, failed) = self._query(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END), 0), "
            "COALESCE(SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0) "
            "FROM inputs WHERE run_id = ?",
            (run_id,),
        )[0]
        by_label = {
            r[0]: r[1]
            for r in self._query(
                "SELECT label, COUNT(*) FROM verdicts WHERE run_id = ? AND label IS NOT NULL "
                "GROUP BY label ORDER BY label",
                (run_id,),
            )
        }
        (fetch_errors,) = self._query(
            "SELECT COUNT(*) FROM snapshots s JOIN inputs i ON i.run_id = s.run_id "
            "AND i.key = s.input_key WHERE s.run_id = ? AND s.error IS NOT NULL "
            "AND i.status = 'done'",
            (run_id,),
        )[0]
        return {
            "fetch_errors": fetch_errors,
            "inputs": inputs,
            "done": done,
            "failed": failed,
            "pending": inputs - done - failed,
            "by_label": by_label,
        }

    # -- intel cache -----------------------------------------------------------------------------

    def rdap_get(self, host: str, now: float) -> Any | None:
        """The cached RDAP payload for ``host`` unless expired at ``now`` (epoch seconds)."""
        rows = self._query(
            "SELECT payload_json FROM rdap_cache WHERE host = ? AND expires_at > ?", (host, now)
        )
        return json.loads(rows[0][0]) if rows else None

    def rdap_put(self, host: str, payload: Any, expires_at: float) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO rdap_cache (host, payload_json, expires_at) VALUES (?,?,?)",
                (host, json.dumps(payload), expires_at),
            )


def _packed(features: dict[str, Any]) -> bytes:
    return zlib.compress(json.dumps(features, sort_keys=True, default=str).encode(), 6)


# In ``meta_json``, a same-site script's text is replaced by the digest of its row in
# ``snapshot_bodies`` (content-addressed: a kit's app.js shared by many pages is stored once).
_SCRIPT_BODY = "text_body_sha256"


def _script_meta(scripts: list[dict[str, Any]], bodies: list[tuple[str, bytes]]) -> list[Any]:
    """``Snapshot.scripts`` as kept in ``meta_json``; each script text is added to ``bodies``."""
    out: list[Any] = []
    for script in scripts:
        entry = dict(script)
        text = entry.pop("text", None)
        if isinstance(text, str):
            blob = text.encode("utf-8", "surrogatepass")
            sha = hashlib.sha256(blob).hexdigest()
            bodies.append((sha, blob))
            entry[_SCRIPT_BODY] = sha
        out.append(entry)
    return out


def _body_of(snapshot: Snapshot) -> tuple[bytes | None, str | None]:
    if snapshot.html is not None:
        return snapshot.html.encode("utf-8", "surrogatepass"), "html"
    if snapshot.text is not None:
        return snapshot.text.encode("utf-8", "surrogatepass"), "text"
    return None, None


def _stage_of(error: str) -> str:
    # Error codes are "<stage>.<reason>: detail" (fetch.timeout, snapshot.invalid, extract.failed).
    head = error.split(":", 1)[0].strip()
    return head.split(".", 1)[0] if "." in head and " " not in head else "score"


def run_busy(run_id: int, where: str) -> str:
    return (
        f"run {run_id} in {where} is being scanned by another process; wait for it to finish "
        "(or stop it), then run the same command again to resume"
    )
