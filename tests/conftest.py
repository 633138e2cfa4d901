"""Shared test helpers: paths to ../shared/data and small builders."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"

# Tests never reach the outside; make sure nothing picks up a proxy from the environment.
for _var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
    os.environ.pop(_var, None)
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
# No RDAP look-ups unless a test asks for them (tests/test_scan_intel.py serves its own RDAP).
os.environ["DETECTOR_OFFLINE"] = "1"


def shared_path(*parts: str) -> Path:
    """A path under ../shared/data, or skip the test when it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not present: {path}")
    return path


@pytest.fixture(scope="session")
def shipped():
    """The shipped model, loaded (and verified) once per test session."""
    from detector.detector import Detector

    return Detector.load()


@pytest.fixture(scope="session")
def http_server() -> Iterator[HTTPServer]:
    """One local HTTP server (127.0.0.1, a free port, threaded) for the whole session."""
    srv = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.start()
    yield srv
    srv.clear()
    srv.stop()


@pytest.fixture
def http(http_server: HTTPServer) -> Iterator[HTTPServer]:
    """The local server with no handlers and an empty request log, for one test."""
    http_server.clear()
    yield http_server
    http_server.clear()


def crawl_settings(**overrides: Any) -> Any:
    """Crawler settings for tests against loopback servers: no robots, no delay, short
    timeouts; ``overrides`` replace any field."""
    from detector.config import Settings

    base: dict[str, Any] = dict(
        allow_loopback=True,
        obey_robots=False,
        per_host_delay=0.0,
        connect_timeout=1.0,
        read_timeout=1.0,
        total_timeout=3.0,
    )
    return Settings(**{**base, **overrides})


def fake_dns(monkeypatch: pytest.MonkeyPatch, table: dict[str, list[str]]) -> list[str]:
    """Answer getaddrinfo from ``table``; returns the list of names asked for."""
    asked: list[str] = []
    real = socket.getaddrinfo

    def getaddrinfo(host: str, port: object, *args: object, **kwargs: object) -> list:
        asked.append(host)
        if host in table:
            return [
                (
                    socket.AF_INET6 if ":" in ip else socket.AF_INET,
                    socket.SOCK_STREAM,
                    6,
                    "",
                    (ip, port),
                )
                for ip in table[host]
            ]
        try:
            socket.inet_pton(socket.AF_INET6 if ":" in host else socket.AF_INET, host)
        except OSError:
            raise socket.gaierror(socket.EAI_NONAME, "not in the test table") from None
        return real(host, port, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server for this session (tests/_postgres.py), or skip saying why not."""
    from tests._postgres import start

    server = start()
    if isinstance(server, str):
        pytest.skip(f"PostgreSQL store tests skipped: {server}")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty store target on each backend: an SQLite path, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "s.sqlite")
    return request.getfixturevalue("postgres_server").new_database()


def wait_until_ready(proc: Any, base: str, log_path: Path, seconds: float = 120) -> None:
    """Wait for a ``detector serve`` process at ``base`` to answer ``/readyz`` with 200."""
    import time

    import httpx

    deadline = time.monotonic() + seconds
    while True:
        if proc.poll() is not None:
            pytest.fail(f"server exited: {log_path.read_text()[-2000:]}")
        try:
            if httpx.get(base + "/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"server did not become ready in {seconds:.0f} s")
        time.sleep(0.3)
