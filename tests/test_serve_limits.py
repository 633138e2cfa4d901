"""The gate's rate limits: in-memory windows counted on the event loop, without thread hops."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from limits import parse

from detector.errors import ConfigError
from detector.serve import windows
from detector.serve.middleware import Limits
from detector.serve.windows import LoopMemoryStorage


async def _hits(
    limits: Limits, item: Any, ids: Sequence[tuple[str, ...]], monkeypatch: pytest.MonkeyPatch
) -> tuple[list[bool], int]:
    """Each ``ids`` hit in turn; also how many calls went to the loop's executor or started a
    thread meanwhile."""
    loop = asyncio.get_running_loop()
    calls = [0]
    plain, start = loop.run_in_executor, threading.Thread.start

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return plain(*args, **kwargs)

    def started(thread: threading.Thread) -> None:
        calls[0] += 1
        start(thread)

    monkeypatch.setattr(loop, "run_in_executor", counted)
    monkeypatch.setattr(threading.Thread, "start", started)
    out = []
    for one in ids:
        out.append(await limits.hit(item, *one))
        await asyncio.sleep(0)
    await asyncio.sleep(0.05)  # room for any expiry work the hits scheduled
    return out, calls[0]


@pytest.mark.parametrize("storage", ["memory://", "async+memory://"])
def test_memory_windows_count_without_threads(
    storage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    limits = Limits("2/minute", "100/minute", storage)
    assert limits.in_memory
    item = parse("2/minute")
    ids = [("key", "a"), ("key", "a"), ("key", "b"), ("key", "a"), ("key", "b"), ("key", "b")]
    allowed, calls = asyncio.run(_hits(limits, item, ids, monkeypatch))
    assert allowed == [True, True, True, False, True, False]
    # the library's in-memory storages start a timer thread, or hop to one per live key
    assert calls == 0


def test_window_says_when_a_full_window_frees_up() -> None:
    limits = Limits("1/minute", "1/minute", "memory://")
    item = parse("1/minute")

    async def run() -> tuple[bool, bool, float, int]:
        first = await limits.hit(item, "client", "k", "10.0.0.1")
        second = await limits.hit(item, "client", "k", "10.0.0.1")
        stats = await limits.window(item, "client", "k", "10.0.0.1")
        return first, second, stats.reset_time, stats.remaining

    first, second, reset, remaining = asyncio.run(run())
    assert (first, second, remaining) == (True, False, 0)
    assert time.time() < reset <= time.time() + 61


def test_bad_limits_and_storage_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="bad rate limit"):
        Limits("often", "1/minute", "memory://")
    with pytest.raises(ConfigError, match="not usable"):
        Limits("1/minute", "1/minute", "nosuch://x")
    assert not Limits("1/minute", "1/minute", "redis://127.0.0.1:1").in_memory


# -- the in-memory windows --------------------------------------------------------------------


class _Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@settings(max_examples=150, deadline=None)
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c"]),
            st.floats(min_value=0, max_value=1.5),
            st.integers(min_value=1, max_value=3),
        ),
        max_size=60,
    ),
    limit=st.integers(min_value=1, max_value=5),
)
def test_windows_allow_what_the_moving_window_definition_allows(
    steps: list[tuple[str, float, int]], limit: int
) -> None:
    """Against the definition: a hit of ``amount`` is allowed when the entries of the last
    ``expiry`` seconds (one exactly ``expiry`` old included) plus ``amount`` are at most
    ``limit``."""
    clock = _Clock()
    storage = LoopMemoryStorage(clock=clock)
    expiry = 2
    taken: dict[str, list[float]] = {}
    for key, wait, amount in steps:
        clock.now += wait
        mine = taken.setdefault(key, [])
        live = [t for t in mine if t >= clock.now - expiry]
        expected = amount <= limit and len(live) + amount <= limit
        assert storage.acquire_entry(key, limit, expiry, amount) == expected
        if expected:
            mine.extend([clock.now] * amount)
        live = [t for t in mine if t >= clock.now - expiry]
        start, count = storage.get_moving_window(key, limit, expiry)
        assert count == len(live)
        assert start == (min(live) if live else clock.now)


def test_idle_keys_are_dropped_as_new_hits_come() -> None:
    clock = _Clock()
    storage = LoopMemoryStorage(clock=clock)
    for n in range(1000):
        assert storage.acquire_entry(f"client/{n}", 5, 60)
    clock.now += 30
    assert storage.acquire_entry("client/0", 5, 60)  # used again: now the most recent
    assert len(storage) == 1000  # nothing idle yet
    clock.now += 31  # every window but client/0's has emptied
    hits = -(-999 // windows.DROP_PER_HIT)
    for _ in range(hits):
        assert storage.acquire_entry("client/new", 5, 10**6) or True
    assert len(storage) == 2  # client/0 (live) and client/new
    start, count = storage.get_moving_window("client/0", 5, 60)
    assert count == 1 and start == clock.now - 31


def test_the_limiter_counts_in_loop_storage_and_reports_the_reset() -> None:
    limits = Limits("3/minute", "100/minute", "memory://")
    item = parse("3/minute")

    async def run() -> tuple[list[bool], Any]:
        hits = [await limits.hit(item, "key", "x") for _ in range(4)]
        return hits, await limits.window(item, "key", "x")

    hits, stats = asyncio.run(run())
    assert hits == [True, True, True, False]
    assert stats.remaining == 0 and 59 <= stats.reset_time - time.time() <= 60
