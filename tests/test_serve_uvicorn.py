"""The endpoint as a real uvicorn process on loopback: start-up, keys, CORS, 413, 429, privacy."""

from __future__ import annotations

import contextlib
import json
import os
import select
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("uvicorn")

import httpx

from detector.serve.lookup import canonical_host, canonical_url, sha256_hex
from tests.conftest import ROOT, wait_until_ready

KEY = "proc-key-0123456789abcdef"
BURST = "burst-key-0123456789abcdef"
ORIGIN = "chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba"
STORED = "https://stored-lure.example/free-viewers?ref=mail"
MARKER = "PAGE-MARKER-7731"
LIMIT = 1_000_000
HEAD_LIMIT = 8192
LURE = (
    "<title>See who viewed your TikTok</title><form action='https://collect.example/p'>"
    "<input name=username><input type=password name=password></form>"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DETECTOR_")}
    return env | {"PYTHONPATH": str(ROOT)} | extra


@pytest.fixture(scope="module")
def server(shipped: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    from detector.records import Snapshot
    from detector.store import open_store

    tmp = Path(tmp_path_factory.mktemp("serve-proc"))
    store_path = tmp / "scans.sqlite"
    with open_store(store_path) as store:
        run_id, _ = store.create_or_resume_run("seed")
        store.add_inputs(run_id, [(STORED, "{}")])
        snap = Snapshot(url=STORED, html=LURE)
        store.record(run_id, STORED, snap, shipped.score(snap))
    env = _env(
        DETECTOR_API_KEYS=f"ext:{KEY},burst:{BURST}",
        DETECTOR_SERVE_RATE_LIMIT="40/minute",
        DETECTOR_SERVE_CLIENT_RATE_LIMIT="1000/minute",
        DETECTOR_SERVE_CORS_ORIGINS=ORIGIN,
        DETECTOR_MAX_REQUEST_BYTES=str(LIMIT),
        DETECTOR_MAX_HEADER_BYTES=str(HEAD_LIMIT),
    )
    with _serving(env, tmp / "server.log", "--store", str(store_path)) as running:
        yield running


@contextlib.contextmanager
def _serving(env: dict[str, str], log_path: Path, *flags: str) -> Iterator[dict[str, Any]]:
    """``detector serve`` on a free loopback port, ready; stopped (if still running) on exit."""
    port = _free_port()
    cmd = [sys.executable, "-m", "detector", "serve", "--port", str(port), *flags]
    with log_path.open("w") as log:
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_ready(proc, base, log_path)
            yield {"base": base, "port": port, "log": log_path, "proc": proc}
        finally:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


def _raw(port: int, request: bytes, body_chunks: list[bytes] = ()) -> bytes:  # type: ignore[assignment]
    """Send raw bytes on a fresh connection; returns what came back before close or timeout."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(request)
        try:
            for chunk in body_chunks:
                s.sendall(chunk)
        except OSError:
            pass  # the server may answer 413 and close before everything is sent
        data = b""
        try:
            while True:  # until the server closes (413 and Connection: close both do)
                part = s.recv(65536)
                if not part:
                    break
                data += part
        except OSError:
            pass
        return data


def test_start_up_ready_with_one_native_thread(server: dict[str, Any]) -> None:
    ready = httpx.get(server["base"] + "/readyz").json()
    assert ready["status"] == "ready" and ready["native_threads"] == 1
    assert httpx.get(server["base"] + "/healthz").json() == {"status": "ok"}


def test_keys(server: dict[str, Any]) -> None:
    url = server["base"] + "/v1/score"
    body = {"url": "https://a.example/", "html": "<p>hi</p>"}
    assert httpx.post(url, json=body).status_code == 401
    assert (
        httpx.post(url, json=body, headers={"X-API-Key": "wrong-key-0000000000"}).status_code == 401
    )
    ok = httpx.post(url, json=body, headers={"X-API-Key": KEY})
    assert ok.status_code == 200 and ok.json()["basis"] == "page"
    assert ok.headers["x-content-type-options"] == "nosniff" and "server" not in ok.headers


def test_cors_preflight_from_the_extension(server: dict[str, Any]) -> None:
    ask = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,x-api-key",
    }
    url = server["base"] + "/v1/score"
    ok = httpx.options(url, headers=ask | {"Origin": ORIGIN})
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == ORIGIN
    bad = httpx.options(url, headers=ask | {"Origin": "chrome-extension://someoneelse"})
    assert "access-control-allow-origin" not in bad.headers


def test_413_declared_and_chunked(server: dict[str, Any]) -> None:
    head = (
        "POST /v1/score HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"X-API-Key: {KEY}\r\n"
    ).encode()
    declared = _raw(server["port"], head + b"Content-Length: 50000000\r\n\r\n")
    assert declared.startswith(b"HTTP/1.1 413"), declared[:200]
    chunk = b"a" * 100_000
    chunks = [b'a\r\n{"html": "\r\n'] + [b"%x\r\n%s\r\n" % (len(chunk), chunk)] * 15
    chunked = _raw(server["port"], head + b"Transfer-Encoding: chunked\r\n\r\n", chunks)
    assert chunked.startswith(b"HTTP/1.1 413"), chunked[:200]
    assert b"request.too_large" in chunked
    assert httpx.get(server["base"] + "/healthz").status_code == 200  # still up


def test_431_for_a_request_head_over_the_limit(server: dict[str, Any]) -> None:
    port = server["port"]
    start = (
        "POST /v1/score HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"X-API-Key: {KEY}\r\nX-Pad: "
    ).encode()
    # In one read: the head is measured once it is complete.
    whole = _raw(port, start + b"a" * 2 * HEAD_LIMIT + b"\r\nContent-Length: 2\r\n\r\n{}")
    # Over many reads: a head still open past the limit is refused before it ends (uvicorn's
    # own protocol would buffer it without bound).
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(start)
        for _ in range(64):  # up to 128 kB, never ending the head
            time.sleep(0.02)  # each piece a read of its own
            if select.select([s], [], [], 0)[0]:
                break  # answered: stop sending
            s.sendall(b"a" * 2048)
        streamed = b""
        while part := s.recv(65536):
            streamed += part
    for answer in (whole, streamed):
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 431 "), answer[:200]
        assert json.loads(body)["error"]["code"] == "request.headers_too_large"
    # Under the limit a request is answered as usual (422: the body names no snapshot field).
    fine = (
        start + b"a" * (HEAD_LIMIT // 2) + b"\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
    )
    assert _raw(port, fine).startswith(b"HTTP/1.1 422 ")
    # A body is not head: a whole request four times the head limit, sent in one write on a
    # fresh connection and again on the kept-alive one, is scored.
    body = json.dumps({"url": "https://big.example/", "html": "<p>x</p>" * (HEAD_LIMIT // 2)})
    request = (
        "POST /v1/score HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"X-API-Key: {KEY}\r\nContent-Length: {len(body)}\r\n\r\n{body}"
    ).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        for _ in range(2):
            s.sendall(request)
            answer = s.recv(65536)
            while b"\r\n\r\n" not in answer:
                answer += s.recv(65536)
            assert answer.startswith(b"HTTP/1.1 200 "), answer[:200]
            head, _, rest = answer.partition(b"\r\n\r\n")
            length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
            while len(rest) < length:
                rest += s.recv(65536)
    assert "431" in server["log"].read_text() and "a" * 100 not in server["log"].read_text()


def test_lookup_privacy_the_server_receives_prefixes_only(server: dict[str, Any]) -> None:
    wanted = {sha256_hex(canonical_url(STORED) or ""), sha256_hex(canonical_host(STORED) or "")}
    body = json.dumps({"prefixes": sorted(h[:8] for h in wanted)}).encode()
    request = (
        "POST /v1/lookup HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"X-API-Key: {KEY}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode() + body
    for secret in (STORED, canonical_url(STORED), "stored-lure", *wanted):
        assert str(secret).encode() not in request  # every byte the server receives
    answer = _raw(server["port"], request)
    payload = json.loads(answer.split(b"\r\n\r\n", 1)[1])
    local = {m["kind"]: m for m in payload["matches"] if m["hash"] in wanted}
    assert local["url"]["verdict"]["label"] == "scam" and local["host"]["host"]["flagged"] == 1
    full = httpx.post(
        server["base"] + "/v1/lookup",
        json={"prefixes": [next(iter(wanted))]},
        headers={"X-API-Key": KEY},
    )
    assert full.status_code == 422  # a full hash would confirm a guessed URL: refused


def test_429_with_retry_after(server: dict[str, Any]) -> None:
    url = server["base"] + "/v1/model"
    with httpx.Client(headers={"X-API-Key": BURST}) as c:
        codes = [c.get(url).status_code for _ in range(41)]
        assert codes[:40] == [200] * 40 and codes[40] == 429
        resp = c.get(url)
    assert resp.status_code == 429 and 1 <= int(resp.headers["retry-after"]) <= 60
    assert httpx.get(url, headers={"X-API-Key": KEY}).status_code == 200  # another key's budget


def test_zz_logs_hold_no_urls_bodies_or_keys(server: dict[str, Any]) -> None:
    httpx.post(
        server["base"] + "/v1/score",
        json={"url": "https://private-page.example/?session=abc", "html": MARKER},
        headers={"X-API-Key": KEY},
    )
    time.sleep(0.5)
    text = server["log"].read_text()
    assert "POST /v1/score 200" in text and "key=ext" in text
    for secret in (KEY, BURST, "private-page", "session=abc", MARKER, "stored-lure", "a.example"):
        assert secret not in text


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_a_worker_keeping_warm_scores_and_stops_promptly(tmp_path: Path) -> None:
    env = _env(DETECTOR_API_KEYS=f"ext:{KEY}")
    flags = ("--keep-warm", "--keep-warm-idle", "1")
    with _serving(env, tmp_path / "server.log", *flags) as running:
        base = running["base"]
        ready = httpx.get(base + "/readyz").json()
        assert ready["keep_warm"] is True and ready["keep_warm_idle"] == 1.0
        time.sleep(0.3)  # idle: warm scores run
        body = {"url": "https://who-viewed.example/", "html": LURE}
        resp = httpx.post(base + "/v1/score", json=body, headers={"X-API-Key": KEY}, timeout=30)
        assert resp.status_code == 200 and resp.json()["label"] == "scam"
        proc = running["proc"]
        time.sleep(1.5)  # a second without requests: the worker leaves its core alone
        before = _cpu_seconds(proc.pid)
        time.sleep(1.0)
        assert _cpu_seconds(proc.pid) - before < 0.2
        began = time.monotonic()
        proc.terminate()
        proc.wait(timeout=20)
        took = time.monotonic() - began
    assert took < 10, f"took {took:.1f} s to stop"
    assert "Application shutdown complete" in (tmp_path / "server.log").read_text()


def test_a_model_that_fails_verification_stops_start_up(tmp_path: Path) -> None:
    broken = tmp_path / "model"
    broken.mkdir()
    (broken / "model.json").write_text("{}")
    cmd = [sys.executable, "-m", "detector", "serve", "--port", str(_free_port())]
    done = subprocess.run(
        [*cmd, "--model", str(broken)],
        env=_env(DETECTOR_API_KEYS=f"ext:{KEY}"),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode != 0
    assert "start-up stopped" in done.stderr and str(broken) in done.stderr
    nokeys = subprocess.run(cmd, env=_env(), capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert nokeys.returncode == 2 and "no API keys" in nokeys.stderr
    several = subprocess.run(  # checked once before any worker starts
        [*cmd, "--workers", "2", "--model", str(broken)],
        env=_env(DETECTOR_API_KEYS=f"ext:{KEY}"),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert several.returncode == 2 and "model failed verification" in several.stderr


def test_a_stop_signal_does_not_wait_for_a_trickling_body(tmp_path: Path) -> None:
    """SIGTERM with an upload stalled half-way: the worker answers it (or cancels it) within
    SERVE_SHUTDOWN_TIMEOUT and exits, instead of waiting for the body deadline (60 s here)."""
    log_path = tmp_path / "server.log"
    env = _env(
        DETECTOR_API_KEYS=f"ext:{KEY}",
        DETECTOR_SERVE_BODY_TIMEOUT="60",
        DETECTOR_SERVE_SHUTDOWN_TIMEOUT="1",
    )
    with _serving(env, log_path) as running:
        proc = running["proc"]
        with socket.create_connection(("127.0.0.1", running["port"]), timeout=10) as s:
            s.sendall(
                b"POST /v1/score HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                + f"X-API-Key: {KEY}\r\nContent-Length: 5000\r\n\r\n".encode()
                + b'{"url": "https://slow.example/", "html": "'
            )
            time.sleep(0.5)  # the body is being read: a request in flight
            started = time.monotonic()
            proc.terminate()
            proc.wait(timeout=20)
            took = time.monotonic() - started
    assert took < 10, f"took {took:.1f} s to stop"
    assert "timeout graceful shutdown exceeded" in log_path.read_text()
