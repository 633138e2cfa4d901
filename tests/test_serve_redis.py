"""The Redis rate-limit storage: endpoint instances configured with one Redis share one budget.

A real ``redis-server`` on a free loopback port, its files in a temporary folder; the test skips,
saying why, when the binary is not installed (.ci/run installs it).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from detector.config import Settings
from detector.serve import create_app

KEY = "test-key-0123456789abcdef"
H = {"X-API-Key": KEY}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pong(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture()
def redis_url(tmp_path: Path) -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = _free_port()
    cmd = [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(tmp_path)]
    cmd += ["--save", "", "--appendonly", "no", "--protected-mode", "yes"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while not _pong(port):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"redis-server did not answer on port {port}")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _settings(tmp_path: Path, name: str, storage: str) -> Settings:
    return Settings(
        api_keys=f"ext:{KEY}",
        serve_store=str(tmp_path / f"{name}.sqlite"),
        serve_rate_limit="3/minute",
        serve_client_rate_limit="1000/minute",
        serve_rate_limit_storage=storage,
    )


def _codes(a: Any, b: Any) -> list[int]:
    """Two requests on the first instance, then two on the second, then one on the first."""
    order = [a, a, b, b, a]
    return [c.get("/v1/model", headers=H).status_code for c in order]


def test_two_instances_on_one_redis_share_the_budget(
    shipped: Any, tmp_path: Path, redis_url: str
) -> None:
    first = create_app(_settings(tmp_path, "a", redis_url), detector=shipped)
    second = create_app(_settings(tmp_path, "b", redis_url), detector=shipped)
    with TestClient(first) as a, TestClient(second) as b:
        assert _codes(a, b) == [200, 200, 200, 429, 429]
        resp = b.get("/v1/model", headers=H)
        assert resp.status_code == 429
        assert resp.json()["error"]["code"] == "rate.limited"
        assert 1 <= int(resp.headers["retry-after"]) <= 60


def test_in_memory_storage_gives_each_instance_its_own_budget(shipped: Any, tmp_path: Path) -> None:
    """The contrast: what the shared storage changes."""
    first = create_app(_settings(tmp_path, "a", "memory://"), detector=shipped)
    second = create_app(_settings(tmp_path, "b", "memory://"), detector=shipped)
    with TestClient(first) as a, TestClient(second) as b:
        assert _codes(a, b) == [200, 200, 200, 200, 200]
