"""The gate's rate limits: in-memory windows counted on the event loop, without thread hops."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from typing import Any

import pytest
from limits import parse

from detector.errors import ConfigError
from detector.serve.middleware import Limits


async def _hits(
    limits: Limits, item: Any, ids: Sequence[tuple[str, ...]]
) -> tuple[list[bool], int]:
    """Each ``ids`` hit in turn; also how many calls went to the loop's executor meanwhile."""
    loop = asyncio.get_running_loop()
    calls = [0]
    plain = loop.run_in_executor

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return plain(*args, **kwargs)

    loop.run_in_executor = counted  # type: ignore[method-assign, assignment]
    out = []
    for one in ids:
        out.append(await limits.hit(item, *one))
        await asyncio.sleep(0)
    await asyncio.sleep(0.05)  # room for any expiry work the hits scheduled
    return out, calls[0]


@pytest.mark.parametrize("storage", ["memory://", "async+memory://"])
def test_memory_windows_count_without_thread_hops(storage: str) -> None:
    limits = Limits("2/minute", "100/minute", storage)
    assert limits.in_memory
    item = parse("2/minute")
    ids = [("key", "a"), ("key", "a"), ("key", "b"), ("key", "a"), ("key", "b"), ("key", "b")]
    allowed, calls = asyncio.run(_hits(limits, item, ids))
    assert allowed == [True, True, True, False, True, False]
    assert calls == 0  # the library's async memory storage makes one per live key per hit


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
