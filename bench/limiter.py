"""Cost of the endpoint's rate limiting per request: ``Limits`` against the limits library's
asynchronous in-memory limiter (what the endpoint used before), on the same event loop.

    python bench/limiter.py [--requests 3000]

Each request hits the two windows the gate checks (per key, per client address), as
``middleware.Gate`` does, with 1, 100 and 2,000 distinct client addresses. Prints microseconds
per request on the event loop, per request the calls into the loop's executor (thread hops,
each of which must take the interpreter from the scoring thread) and the threads started (the
synchronous storage expires old entries on a timer thread, at most one every 10 ms), and the
ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from limits import parse  # noqa: E402
from limits.aio.strategies import MovingWindowRateLimiter  # noqa: E402
from limits.storage import storage_from_string  # noqa: E402

from detector.serve.middleware import Limits  # noqa: E402

RATE = "100000000/minute"


class _AsyncMemory:
    """The library's asynchronous in-memory limiter, behind the same two calls."""

    def __init__(self) -> None:
        self.limiter = MovingWindowRateLimiter(storage_from_string("async+memory://"))

    async def hit(self, item: Any, *ids: str) -> bool:
        return await self.limiter.hit(item, *ids)


async def _run(limits: Any, clients: int, requests: int) -> tuple[float, float, float]:
    loop = asyncio.get_running_loop()
    hops = [0]
    plain = loop.run_in_executor

    def counted(*args: Any, **kwargs: Any) -> Any:
        hops[0] += 1
        return plain(*args, **kwargs)

    loop.run_in_executor = counted  # type: ignore[method-assign, assignment]
    started = [0]
    start_thread = threading.Thread.start

    def counted_start(thread: threading.Thread) -> None:
        started[0] += 1
        start_thread(thread)

    threading.Thread.start = counted_start  # type: ignore[method-assign, assignment]
    per_key, per_client = parse(RATE), parse(RATE)
    start = time.perf_counter()
    for i in range(requests):
        n = i % clients
        await limits.hit(per_key, "key", "bench")
        await limits.hit(per_client, "client", "bench", f"10.{n >> 16}.{(n >> 8) & 255}.{n & 255}")
        await asyncio.sleep(0)  # the loop turns between requests, as it does serving them
    took = time.perf_counter() - start
    threading.Thread.start = start_thread  # type: ignore[method-assign]
    return took / requests * 1e6, hops[0] / requests, started[0] / requests


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=3000)
    args = ap.parse_args()
    print(f"{args.requests} requests, two windows each (per key, per client address)")
    for clients in (1, 100, 2000):
        before = asyncio.run(_run(_AsyncMemory(), clients, args.requests))
        now = asyncio.run(_run(Limits(RATE, RATE, "memory://"), clients, args.requests))
        print(
            f"{clients:5d} client addresses: async in-memory {before[0]:6.1f} us/request, "
            f"{before[1]:.2f} executor calls, {before[2]:.3f} threads started; "
            f"Limits {now[0]:5.1f} us/request, {now[1]:.2f} calls, {now[2]:.3f} threads; "
            f"ratio {before[0] / now[0]:.1f}x"
        )


if __name__ == "__main__":
    main()
