"""Full garbage collections run between scores, never inside one (detector/serve/collector.py)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from detector.serve.collector import IdleCollector


@pytest.fixture()
def full_collections() -> Iterator[list[int]]:
    """Counts the full collections that finish while the test runs (from any cause)."""
    seen: list[int] = []

    def callback(phase: str, info: dict[str, Any]) -> None:
        if phase == "stop" and info["generation"] == 2:
            seen.append(1)

    # As a worker does after start-up: what exists now is frozen, so the work below is what
    # makes full collections fall due (CPython waits for 25% more long-lived objects).
    gc.collect()
    gc.freeze()
    gc.callbacks.append(callback)
    try:
        yield seen
    finally:
        gc.callbacks.remove(callback)
        gc.unfreeze()


def _long_lived(n: int) -> list[Any]:
    """``n`` objects that live on (as cached verdicts and open connections do)."""
    return [[i] for i in range(n)]


def _middle_collections(n: int) -> None:
    """Make ``n`` middle-generation collections, as allocation would."""
    for _ in range(n):
        gc.collect(1)


def _from_zero(full_collections: list[int]) -> None:
    """No middle-generation collection pending: the counts below are the test's own."""
    gc.collect()
    full_collections.clear()


def test_automatic_full_collections_are_off_while_installed_and_restored_after(
    full_collections: list[int],
) -> None:
    before = gc.get_threshold()
    kept = _long_lived(200_000)  # without the collector: full collections on this thread
    assert full_collections, "the workload should trigger CPython's own full collections"
    del kept
    gc.collect()
    full_collections.clear()
    collector = IdleCollector(busy=lambda: False)
    collector.install()
    try:
        assert gc.get_threshold()[:2] == before[:2] and gc.get_threshold()[2] > 10**6
        kept = _long_lived(200_000)
        assert gc.get_count()[2] > before[2]  # full collections fell due ...
        assert full_collections == []  # ... and none ran on the allocating thread
        assert collector.step() and full_collections == [1]  # the collector runs it instead
        del kept
    finally:
        collector.uninstall()
    assert gc.get_threshold() == before


def test_installs_are_counted_and_the_last_one_out_restores() -> None:
    before = gc.get_threshold()
    first, second = IdleCollector(busy=lambda: False), IdleCollector(busy=lambda: False)
    first.install()
    second.install()
    first.install()  # a second install of the same collector counts once
    first.uninstall()
    assert gc.get_threshold()[2] > 10**6  # ``second`` still holds it
    second.uninstall()
    second.uninstall()
    assert gc.get_threshold() == before


def test_a_due_collection_waits_until_the_worker_is_idle(full_collections: list[int]) -> None:
    busy = [True]
    collector = IdleCollector(busy=lambda: busy[0], due=10, overdue=100)
    collector.install()
    try:
        _from_zero(full_collections)
        _middle_collections(9)
        assert not collector.step()  # not due yet
        _middle_collections(1)
        assert not collector.step() and full_collections == []  # due, but a score is running
        busy[0] = False
        assert collector.step() and full_collections == [1]
        assert gc.get_count()[2] == 0
        assert not collector.step()  # nothing due any more
        assert (collector.collections, collector.overdue_collections) == (1, 0)
    finally:
        collector.uninstall()


def test_a_worker_that_is_never_idle_still_collects_when_long_overdue(
    full_collections: list[int],
) -> None:
    collector = IdleCollector(busy=lambda: True, due=10, overdue=30)
    collector.install()
    try:
        _from_zero(full_collections)
        _middle_collections(29)
        assert not collector.step()
        _middle_collections(1)
        assert collector.step() and full_collections == [1]
        assert (collector.collections, collector.overdue_collections) == (1, 1)
    finally:
        collector.uninstall()


def test_the_server_collects_between_scores_and_restores_on_shutdown(
    shipped: Any, tmp_path: Path
) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from detector.config import Settings
    from detector.serve import create_app

    before = gc.get_threshold()
    key = "collector-key-0123456789"
    app = create_app(Settings(api_keys=f"t:{key}"), detector=shipped)
    with TestClient(app) as client:
        assert gc.get_threshold()[2] > 10**6
        collector = app.state.collector
        page = "<html><body><h1>See who viewed your TikTok</h1></body></html>"
        for i in range(3):
            resp = client.post(
                "/v1/score",
                json={"url": f"https://e{i}.example/", "html": page},
                headers={"X-API-Key": key},
            )
            assert resp.status_code == 200
        _middle_collections(collector.due)
        assert collector.step()  # idle between requests: the due collection runs
    assert gc.get_threshold() == before


def test_the_server_leaves_the_collector_alone_when_told_to(shipped: Any) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from detector.config import Settings
    from detector.serve import create_app

    before = gc.get_threshold()
    app = create_app(Settings(api_keys="t:collector-key-0123456789", serve_idle_gc=False), shipped)
    with TestClient(app) as client:
        assert client.get("/readyz").status_code == 200
        assert gc.get_threshold() == before
    assert gc.get_threshold() == before
