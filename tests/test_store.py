"""The store on both backends (SQLite, PostgreSQL): create/resume, idempotent inputs, exactly-once under SIGKILL, errors, labels."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from detector.errors import DetectorError
from detector.records import Reason, ScriptFile, Snapshot, Verdict
from detector.store import InvalidLabel, StoreError, open_store
from detector.store import schema as store_schema
from detector.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]


def _inputs(n: int, prefix: str = "https://lure") -> list[tuple[str, str]]:
    return [
        (f"{prefix}{i}.example/", json.dumps({"url": f"{prefix}{i}.example/"})) for i in range(n)
    ]


def _snap(key: str, html: str = "<p>see who viewed your profile</p>") -> Snapshot:
    return Snapshot(url=key, html=html, status=200, headers={"content-type": "text/html"})


def _verdict(key: str, label: str = "scam", error: str | None = None) -> Verdict:
    if error:
        return Verdict(url=key, error=error, model="m@1")
    reason = Reason("claims.who_viewed", "promises to show who viewed a profile", "who viewed", 1.1)
    return Verdict(
        url=key, score=0.9, label=label, reasons=[reason], claims=["who_viewed"], model="m@1"
    )


def test_create_then_resume_same_run(store_url: str) -> None:
    path = store_url
    with open_store(path) as store:
        run_id, resumed = store.create_or_resume_run("weekly", "urls.txt", '{"a": 1}')
        assert not resumed
        other, _ = store.create_or_resume_run("other", "x.txt", "{}")
        assert other != run_id
        store.finish_run(run_id)
        assert store.find_run("weekly")["status"] == "finished"
    with open_store(path) as store:
        again, resumed = store.create_or_resume_run("weekly", "urls.txt", '{"a": 1}')
        assert (again, resumed) == (run_id, True)
        run = store.find_run(run_id)
        assert run["status"] == "running" and run["settings_json"] == '{"a": 1}'
        assert store.schema_version == store_schema.current_version()
        if path.startswith("postgresql:"):
            return
        mode = store._db.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"
        assert store._db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_inputs_are_idempotent_and_pending_skips_scored(tmp_path: Path, store_url: str) -> None:
    with open_store(store_url) as store:
        run_id, _ = store.create_or_resume_run("r")
        items = _inputs(1200)  # more than one page of _PAGE rows
        assert store.add_inputs(run_id, items) == 1200
        assert store.add_inputs(run_id, items[:10] + _inputs(3, "https://new")) == 3
        keys = [k for k, _ in store.pending(run_id)]
        assert len(keys) == 1203 and keys[:2] == [items[0][0], items[1][0]]
        for key in keys[:600]:
            store.record(run_id, key, _snap(key), _verdict(key))
        store.record(
            run_id,
            keys[600],
            Snapshot(url=keys[600]),
            _verdict(keys[600], error="fetch.timeout: slow"),
        )
        left = [k for k, _ in store.pending(run_id)]
        assert left == keys[601:]
        stats = store.run_stats(run_id)
        assert stats == {
            "fetch_errors": 0,
            "inputs": 1203,
            "done": 600,
            "failed": 1,
            "pending": 602,
            "by_label": {"scam": 600},
        }
        assert [e["stage"] for e in store.errors(run_id)] == ["fetch"]
        assert [v.url for v in store.verdicts(run_id)] == keys[:601]


def test_record_round_trips_snapshot_and_dedupes_bodies(tmp_path: Path, store_url: str) -> None:
    with open_store(store_url) as store:
        run_id, _ = store.create_or_resume_run("r")
        store.add_inputs(run_id, _inputs(2))
        (k1, _), (k2, _) = list(store.pending(run_id))
        html = "<h1>Qui a vu ton profil ? 👀</h1>"
        snap = _snap(k1, html)
        snap.redirects = ["https://hop.example/"]
        snap.extra = {"campaign": "x"}
        store.record(run_id, k1, snap, _verdict(k1))
        store.record(run_id, k2, _snap(k2, html), _verdict(k2, "benign"))
        assert store._db.execute("SELECT COUNT(*) FROM snapshot_bodies").fetchone()[0] == 1
        back = store.snapshot(run_id, k1)
        assert back is not None and back.html == html and back.redirects == snap.redirects
        assert back.extra == {"campaign": "x"} and back.headers == snap.headers
        digest = store._db.execute(
            "SELECT body_sha256 FROM snapshots WHERE input_key = ?", (k2,)
        ).fetchone()[0]
        assert store.snapshot_body(digest) == html
        assert store.snapshot_body("0" * 64) is None
        first = next(store.verdicts(run_id))
        assert first.to_dict() == _verdict(k1).to_dict()


def test_record_for_unknown_key_raises_and_writes_nothing(tmp_path: Path, store_url: str) -> None:
    with open_store(store_url) as store:
        run_id, _ = store.create_or_resume_run("r")
        with pytest.raises(StoreError):
            store.record(run_id, "nope", _snap("nope"), _verdict("nope"))
        assert store._db.execute("SELECT COUNT(*) FROM snapshot_bodies").fetchone()[0] == 0
        assert store._db.execute("SELECT COUNT(*) FROM verdicts").fetchone()[0] == 0


_WRITER = textwrap.dedent(
    """
    import json, sys
    from detector.records import Snapshot, Verdict
    from detector.store import open_store
    store = open_store(sys.argv[1])
    run_id, _ = store.create_or_resume_run("killme", "in.txt", "{}")
    store.add_inputs(run_id, [(f"k{i}", json.dumps({"url": f"https://x{i}.example/"})) for i in range(400)])
    for key, raw in store.pending(run_id):
        body = (key + " who viewed your tiktok ") * 4000  # big bodies widen the kill window
        store.record(run_id, key, Snapshot(url=key, html=body), Verdict(url=key, score=0.5, label="suspicious"))
        print(key, flush=True)
    print("finished", flush=True)
    """
)


def test_exactly_once_after_sigkill_mid_run(store_url: str) -> None:
    path = store_url
    sqlite = not path.startswith("postgresql:")
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None
    for seen, _line in enumerate(proc.stdout, 1):
        if seen >= 40:  # the child has committed at least 40 records
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    with open_store(path) as store:
        if sqlite:
            assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        run_id, resumed = store.create_or_resume_run("killme", "in.txt", "{}")
        assert resumed
        db = store._db
        done_before = {r[0] for r in db.execute("SELECT input_key FROM verdicts")}
        # All or nothing per input: snapshot rows, verdicts and statuses agree exactly.
        assert {r[0] for r in db.execute("SELECT input_key FROM snapshots")} == done_before
        assert {
            r[0] for r in db.execute("SELECT key FROM inputs WHERE status != 'pending'")
        } == done_before
        assert 40 <= len(done_before) < 400  # killed mid-way, not after the end
        for key, _raw in store.pending(run_id):
            assert key not in done_before
            store.record(
                run_id,
                key,
                Snapshot(url=key, html=key),
                Verdict(url=key, score=0.5, label="suspicious"),
            )
        counts = db.execute(
            "SELECT input_key, COUNT(*) FROM verdicts GROUP BY input_key"
        ).fetchall()
        assert len(counts) == 400 and all(n == 1 for _, n in counts)
        assert store.run_stats(run_id)["pending"] == 0
        if sqlite:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_corrupt_file_raises_store_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not an sqlite database at all\n" * 200)
    with pytest.raises(StoreError, match="not a usable detector store") as info:
        SQLiteStore.open(bad)
    assert isinstance(info.value, DetectorError) and info.value.path == str(bad)


def test_foreign_sqlite_and_newer_schema_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER)")
    with pytest.raises(StoreError, match="not a detector store"):
        SQLiteStore.open(other)
    newer = tmp_path / "newer.sqlite"
    SQLiteStore.open(newer).close()
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="schema version 999"):
        SQLiteStore.open(newer)


def test_forward_migration_applies_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.sqlite"
    with SQLiteStore.open(path) as store:
        run_id, _ = store.create_or_resume_run("kept")
    before = store_schema.current_version()
    extra = "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"
    monkeypatch.setattr(store_schema, "MIGRATIONS", [*store_schema.MIGRATIONS, extra])
    with SQLiteStore.open(path) as store:
        assert store.schema_version == before + 1
        assert store.find_run("kept")["id"] == run_id
        store._db.execute("INSERT INTO notes (body) VALUES ('x')")
    with SQLiteStore.open(path) as store:  # reopening must not re-run the migration
        assert store.schema_version == before + 1


def _can_create(directory: Path) -> bool:
    try:
        (directory / ".probe").touch()
    except OSError:
        return False
    (directory / ".probe").unlink()
    return True


def _unwritable_dir(tmp_path: Path) -> Path:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    # root ignores file modes; sysfs refuses new files even for root.
    for candidate in (locked, Path("/sys")):
        if candidate.is_dir() and not _can_create(candidate):
            return candidate
    pytest.skip("no unwritable directory available")


def test_read_only_directory_gives_clear_error(tmp_path: Path) -> None:
    target = _unwritable_dir(tmp_path) / "store.sqlite"
    try:
        with pytest.raises(StoreError, match="cannot write store") as info:
            SQLiteStore.open(target)
        assert str(target) in str(info.value)
    finally:
        (tmp_path / "locked").chmod(0o755)


def test_labels_cli_and_csv_with_bad_row(tmp_path: Path, store_url: str) -> None:
    with open_store(store_url) as store:
        run_id, _ = store.create_or_resume_run("r")
        first = store.add_label(" https://lure.example/ ", "SCAM", analyst="ana", run_id=run_id)
        assert first > 0
        with pytest.raises(InvalidLabel):
            store.add_label("https://x.example/", "suspicious")
        with pytest.raises(InvalidLabel):
            store.add_label("", "scam")
        csv_path = tmp_path / "labels.csv"
        csv_path.write_text(
            "URL,Label,analyst,note\n"
            "https://a.example/,benign,bo,explainer page\n"
            "https://b.example/,maybe,bo,\n"
            ",scam,bo,\n"
            'https://c.example/,scam,,"note, with comma"\n',
            encoding="utf-8",
        )
        bad: list[tuple[int, str]] = []
        assert (
            store.import_labels_csv(csv_path, on_bad_row=lambda n, why: bad.append((n, why))) == 2
        )
        assert [n for n, _ in bad] == [3, 4]
        rows = store.labels()
        assert [(r["url"], r["label"], r["source"]) for r in rows] == [
            ("https://lure.example/", "scam", "cli"),
            ("https://a.example/", "benign", "csv"),
            ("https://c.example/", "scam", "csv"),
        ]
        assert rows[0]["run_id"] == run_id and rows[0]["analyst"] == "ana"
        assert rows[2]["note"] == "note, with comma" and rows[2]["analyst"] is None
        assert len(store.labels("https://a.example/")) == 1


def test_labels_csv_without_columns_is_fatal(tmp_path: Path, store_url: str) -> None:
    csv_path = tmp_path / "l.csv"
    csv_path.write_text("link,verdict\nhttps://a.example/,scam\n", encoding="utf-8")
    with open_store(store_url) as store:
        with pytest.raises(StoreError, match="url,label"):
            store.import_labels_csv(csv_path)
        with pytest.raises(StoreError, match="cannot read"):
            store.import_labels_csv(tmp_path / "missing.csv")


def test_rdap_cache_expiry(tmp_path: Path, store_url: str) -> None:
    with open_store(store_url) as store:
        store.rdap_put("lure.example", {"events": [1]}, expires_at=100.0)
        assert store.rdap_get("lure.example", now=50.0) == {"events": [1]}
        assert store.rdap_get("lure.example", now=150.0) is None


def test_threads_can_share_one_store(tmp_path: Path, store_url: str) -> None:
    with open_store(store_url) as store:
        run_id, _ = store.create_or_resume_run("r")
        store.add_inputs(run_id, _inputs(200))
        keys = [k for k, _ in store.pending(run_id)]

        def work(part: list[str]) -> None:
            for key in part:
                store.record(run_id, key, _snap(key), _verdict(key))

        threads = [threading.Thread(target=work, args=(keys[i::4],)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert store.run_stats(run_id)["done"] == 200


def test_rewritten_verdict_gets_a_new_row_id(store_url: str) -> None:
    # The lookup index polls url_verdicts(after=last id seen): a rescored input must show up again.
    with open_store(store_url) as store:
        run_id, _ = store.create_or_resume_run("r")
        store.add_inputs(run_id, _inputs(2))
        k1, k2 = (k for k, _ in store.pending(run_id))
        store.record(run_id, k1, _snap(k1), _verdict(k1))
        store.record(run_id, k2, _snap(k2), _verdict(k2))
        last = max(rid for rid, *_ in store.url_verdicts())
        store.record(run_id, k1, _snap(k1), _verdict(k1, "benign"))
        changed = list(store.url_verdicts(after=last))
        assert [(url, v["label"]) for _, url, _, v in changed] == [(k1, "benign")]
        assert store.latest_snapshot(k1) is not None
        assert store.run_stats(run_id)["done"] == 2


def test_open_store_picks_the_backend_by_scheme(tmp_path: Path) -> None:
    with open_store(f"sqlite://{tmp_path}/a.sqlite") as store:
        assert isinstance(store, SQLiteStore) and store.path == f"{tmp_path}/a.sqlite"
    assert (tmp_path / "a.sqlite").is_file()
    with pytest.raises(StoreError, match="unknown store"):
        open_store("mysql://db.example/x")


def test_postgres_refuses_foreign_and_newer_databases(postgres_server) -> None:
    import psycopg

    other = postgres_server.new_database()
    with psycopg.connect(other, autocommit=True) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER)")
    with pytest.raises(StoreError, match="not a detector store"):
        open_store(other)
    newer = postgres_server.new_database()
    open_store(newer).close()
    with psycopg.connect(newer, autocommit=True) as conn:
        conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="schema version 999"):
        open_store(newer)


def test_postgres_unreachable_store_is_a_store_error_without_password(tmp_path: Path) -> None:
    pytest.importorskip("psycopg")
    url = f"postgresql://ana:s3cret@/nodb?host={tmp_path}&connect_timeout=2"
    with pytest.raises(StoreError, match="cannot connect to store") as info:
        open_store(url)
    assert "s3cret" not in str(info.value) and "s3cret" not in info.value.path


def test_forget_unfetched_makes_only_unfetched_inputs_pending(store_url: str) -> None:
    with open_store(store_url) as store:
        run_id, _ = store.create_or_resume_run("r")
        items = _inputs(3)
        store.add_inputs(run_id, items)
        (a, _), (b, _), (c, _) = items
        store.record(run_id, a, _snap(a), _verdict(a))
        store.record(run_id, b, Snapshot(url=b, error="fetch.robots: disallowed"), _verdict(b))
        store.record(run_id, c, Snapshot(url=c, error="fetch.timeout"), _verdict(c))
        store.finish_run(run_id)
        assert list(store.pending(run_id)) == []
        assert store.forget_unfetched(run_id) == 2
        assert [k for k, _ in store.pending(run_id)] == [b, c]
        assert [v.url for v in store.verdicts(run_id)] == [a]
        assert store.run_stats(run_id)["pending"] == 2
        assert store.forget_unfetched(run_id) == 2  # still unfetched until scanned again


def test_a_run_is_scanned_by_one_process_at_a_time(store_url: str) -> None:
    with open_store(store_url) as first, open_store(store_url) as second:
        run_id, _ = first.create_or_resume_run("r")
        with first.lock_run(run_id):
            with (
                pytest.raises(StoreError, match="being scanned by another process"),
                second.lock_run(run_id),
            ):
                pass
            other, _ = second.create_or_resume_run("other")
            with second.lock_run(other):  # other runs are free
                pass
        with second.lock_run(run_id):  # released when the holder is done
            pass


def test_fetch_meta_keeps_the_rendered_screenshot(store_url: str) -> None:
    with open_store(store_url) as store:
        run_id, _ = store.create_or_resume_run("r")
        ((key, _),) = _inputs(1)
        store.add_inputs(run_id, [(key, json.dumps({"url": key}))])
        snap = _snap(key)
        snap.final_url, snap.fetched_at = key + "end", "2026-12-02T10:00:00Z"
        snap.extra["screenshot"] = "/9j/4AAQ"
        store.record(run_id, key, snap, _verdict(key))
        assert store.fetch_meta(run_id)[key]["screenshot"] is None  # exports do not carry it
        meta = store.fetch_meta(run_id, screenshots=True)[key]
        assert meta["screenshot"] == "/9j/4AAQ" and meta["status"] == 200
        assert (meta["final_url"], meta["fetched_at"]) == (key + "end", "2026-12-02T10:00:00Z")


def test_snapshot_scripts_round_trip_through_the_store(store_url: str) -> None:
    """Same-site script files are stored with the snapshot: texts content-addressed in
    snapshot_bodies (a kit's app.js shared by pages is stored once), the rest in meta_json,
    their URLs redacted; the rebuilt snapshot has the same scripts."""
    with open_store(store_url) as store:
        run_id, _ = store.create_or_resume_run("r")
        store.add_inputs(run_id, _inputs(3))
        (k1, _), (k2, _), (k3, _) = list(store.pending(run_id))
        app = "var s='https://pagelocked.org/cp/js/x.js'; // é 👀"
        scripts = [
            ScriptFile(
                url="https://lure0.example/js/a.js?token=s3cret",
                sha256="ab" * 32,
                text=app,
                size=len(app.encode()),
            ),
            ScriptFile(url="https://lure0.example/js/slow.js", error="fetch.timeout"),
        ]
        store.record(run_id, k1, Snapshot(url=k1, html="<p>1</p>", scripts=scripts), _verdict(k1))
        store.record(
            run_id, k2, Snapshot(url=k2, html="<p>2</p>", scripts=scripts[:1]), _verdict(k2)
        )
        store.record(run_id, k3, _snap(k3), _verdict(k3))
        (bodies,) = store._db.execute("SELECT COUNT(*) FROM snapshot_bodies").fetchone()
        assert bodies == 4  # three pages and one script text
        back = store.snapshot(run_id, k1)
        assert back is not None and len(back.scripts) == 2
        assert back.scripts[0].text == app and back.scripts[0].sha256 == "ab" * 32
        assert back.scripts[0].url == "https://lure0.example/js/a.js?token=REDACTED"
        assert back.scripts[0].size == len(app.encode()) and back.scripts[0].extra == {}
        assert back.scripts[1] == scripts[1]
        assert store.snapshot(run_id, k2).scripts[0].text == app
        (meta,) = store._db.execute(
            "SELECT meta_json FROM snapshots WHERE input_key = ?", (k1,)
        ).fetchone()
        assert "pagelocked" not in meta and "s3cret" not in meta
        plain = store.snapshot(run_id, k3)
        assert plain is not None and plain.scripts == [] and "scripts" not in plain.to_dict()
