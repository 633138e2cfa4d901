"""Keep-warm (``SERVE_KEEP_WARM``): warm scores while idle, out of the way of every request."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from detector.config import Settings
from detector.errors import ConfigError
from detector.serve import create_app
from detector.serve.warm import KeepWarm

KEY = "warm-key-0123456789abcdef"
H = {"X-API-Key": KEY}


def _until(check: Any, timeout: float = 5.0) -> bool:
    ends = time.monotonic() + timeout
    while time.monotonic() < ends:
        if check():
            return True
        time.sleep(0.005)
    return False


def test_warm_scores_run_while_idle_and_stop_when_a_request_waits() -> None:
    async def scenario() -> None:
        queued = [0]
        scored = threading.Event()
        warm = KeepWarm(
            lambda: [scored.set(), None], busy=lambda: queued[0] > 0, span=0.05, pause=0.001
        )
        with ThreadPoolExecutor(max_workers=1) as executor:
            warm.schedule(executor)
            assert await asyncio.to_thread(scored.wait, 2.0)
            await asyncio.sleep(0.2)  # rounds end after their span and are scheduled again
            assert warm.rounds >= 2 and warm.scores > 0
            queued[0] = 1  # a request counted as queued: the round gives way...
            warm.interrupt()
            job = executor.submit(lambda: warm.scores)
            at = await asyncio.wrap_future(job)
            await asyncio.sleep(0.05)
            assert warm.scores == at  # ...and no warm score runs while it is queued
            warm.schedule(executor)  # nor does a new round start
            await asyncio.sleep(0.05)
            assert warm.scores == at
            queued[0] = 0
            warm.schedule(executor)
            assert await asyncio.to_thread(_until, lambda: warm.scores > at)
            warm.stop()
            job = executor.submit(lambda: warm.scores)
            stopped_at = await asyncio.wrap_future(job)
            warm.schedule(executor)
            await asyncio.sleep(0.05)
            assert warm.scores == stopped_at

    asyncio.run(scenario())


def test_a_queued_request_ends_a_warm_score_between_two_steps() -> None:
    async def scenario() -> None:
        ran: list[str] = []
        queued = [0]

        def steps() -> Iterator[None]:
            ran.append("parse")
            yield
            ran.append("claims")
            queued[0] = 1  # a request is queued while this step runs
            warm.interrupt()
            yield
            ran.append("model")

        warm = KeepWarm(steps, busy=lambda: queued[0] > 0, span=10.0, pause=1.0)
        with ThreadPoolExecutor(max_workers=1) as executor:
            began = time.monotonic()
            warm.schedule(executor)
            await asyncio.wrap_future(executor.submit(lambda: None))  # runs once it gave way
            assert time.monotonic() - began < 1.9  # one pause (1 s), not two, nor its span
        assert ran == ["parse", "claims"] and warm.scores == 0

    asyncio.run(scenario())


def test_the_detector_warm_score_comes_in_short_steps(shipped: Any) -> None:
    steps = sum(1 for _ in shipped.warm_steps())
    assert steps >= 9  # the parse, each family, the extraction's tail (then the models)


def test_a_failing_warm_score_stops_keep_warm_and_leaves_the_thread_working(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def scenario() -> None:
        def broken() -> Iterator[None]:
            yield
            raise ValueError("no model")

        warm = KeepWarm(broken, busy=lambda: False, span=0.05)
        with ThreadPoolExecutor(max_workers=1) as executor:
            warm.schedule(executor)
            assert await asyncio.wrap_future(executor.submit(lambda: 41 + 1)) == 42
            warm.schedule(executor)
            await asyncio.sleep(0.05)
            assert warm.rounds == 1 and warm.scores == 0

    asyncio.run(scenario())
    assert "keep-warm score failed" in caplog.text


def test_warm_scores_end_once_no_request_came_for_the_idle_time_and_resume_with_one() -> None:
    async def scenario() -> None:
        warm = KeepWarm(lambda: [None], busy=lambda: False, span=0.02, pause=0.001, idle=0.15)
        with ThreadPoolExecutor(max_workers=1) as executor:
            warm.schedule(executor)
            assert await asyncio.to_thread(_until, lambda: warm.scores > 0)
            assert await asyncio.to_thread(_until, warm.lapsed)
            await asyncio.sleep(0.05)  # the round running when the time was up ends...
            scores, rounds = warm.scores, warm.rounds
            await asyncio.sleep(0.1)  # ...and no new one starts
            warm.schedule(executor)
            await asyncio.sleep(0.05)
            assert (warm.scores, warm.rounds) == (scores, rounds)
            warm.interrupt()  # a request arrives (and is answered): warm again
            assert not warm.lapsed()
            warm.schedule(executor)
            assert await asyncio.to_thread(_until, lambda: warm.scores > scores)
            warm.stop()

    asyncio.run(scenario())


def test_keep_warm_without_an_idle_end_goes_on_and_a_negative_one_is_refused() -> None:
    warm = KeepWarm(lambda: [None], busy=lambda: False, idle=0.0)
    warm.last_request -= 3600
    assert not warm.lapsed()
    with pytest.raises(ValueError, match="idle"):
        KeepWarm(lambda: [None], busy=lambda: False, idle=-1.0)
    with pytest.raises(ConfigError, match="SERVE_KEEP_WARM_IDLE"):
        create_app(Settings(api_keys=f"ext:{KEY}", serve_keep_warm_idle=-1.0))


PAGE = {
    "url": "https://who-viewed.example/",
    "html": "<h1>See who viewed your TikTok profile</h1><form method=post>"
    "<input name=username><input type=password name=password></form>",
}


def _answer(shipped: Any, warm: bool) -> dict[str, Any]:
    settings = Settings(
        api_keys=f"ext:{KEY}", serve_store="", serve_keep_warm=warm, serve_cache_size=0
    )
    app = create_app(settings, detector=shipped)
    with TestClient(app) as c:
        keeper = app.state.service.warm
        assert (keeper is not None) == warm
        if keeper is not None:
            assert _until(lambda: keeper.scores > 0)  # warm while idle
            rounds = keeper.rounds
        resp = c.post("/v1/score", json=PAGE, headers=H)
        assert resp.status_code == 200
        if keeper is not None:  # and warm again once the request is answered
            assert _until(lambda: keeper.rounds > rounds)
    return {k: resp.json()[k] for k in ("label", "score", "reasons")}


def test_a_worker_keeping_warm_answers_as_one_that_does_not(shipped: Any) -> None:
    assert _answer(shipped, warm=True) == _answer(shipped, warm=False)
