"""Cost of the endpoint's rate limiting: ``Limits`` (the gate's limiter, in-memory windows in
``LoopMemoryStorage``) against the limits library's own in-memory storages, in one run.

    python bench/limiter.py [--requests 3000] [--seconds 3] [--rate 50]

Each request hits the two windows the gate checks (per key, per client address), as
``middleware.Gate`` does, with 1, 2,000 and 20,000 distinct client addresses. Two figures per
storage:
  back to back  microseconds per request on the event loop, and per request the calls into the
                loop's executor (thread hops, each taking the interpreter from the scoring
                thread) and the threads started;
  paced         ``--rate`` requests a second for ``--seconds`` with every address's window
                live (each hit once first), and the share of a core the process used meanwhile,
                background threads included: what the limiter takes from scoring.
Prints both for each storage and the ratios against ``Limits``.
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
from limits import strategies as sync_strategies  # noqa: E402
from limits.aio import strategies as async_strategies  # noqa: E402
from limits.storage import storage_from_string  # noqa: E402

from detector.serve.middleware import Limits  # noqa: E402

RATE = "100000000/minute"


class _AsyncMemory:
    """The library's asynchronous in-memory limiter (what the endpoint used before)."""

    def __init__(self) -> None:
        storage = storage_from_string("async+memory://")
        self.limiter = async_strategies.MovingWindowRateLimiter(storage)

    async def hit(self, item: Any, *ids: str) -> bool:
        return await self.limiter.hit(item, *ids)


class _SyncMemory:
    """The library's synchronous in-memory limiter, called on the loop."""

    def __init__(self) -> None:
        storage = storage_from_string("memory://")
        self.limiter = sync_strategies.MovingWindowRateLimiter(storage)

    async def hit(self, item: Any, *ids: str) -> bool:
        return self.limiter.hit(item, *ids)


SIDES: dict[str, Any] = {
    "library async in-memory": _AsyncMemory,
    "library sync in-memory": _SyncMemory,
    "Limits (LoopMemoryStorage)": lambda: Limits(RATE, RATE, "memory://"),
}


def _address(n: int) -> str:
    return f"10.{n >> 16}.{(n >> 8) & 255}.{n & 255}"


async def _hit(limits: Any, n: int, clients: int) -> None:
    item = parse(RATE)
    await limits.hit(item, "key", "bench")
    await limits.hit(item, "client", "bench", _address(n % clients))


async def _back_to_back(limits: Any, clients: int, requests: int) -> tuple[float, float]:
    loop = asyncio.get_running_loop()
    calls = [0]
    plain, start_thread = loop.run_in_executor, threading.Thread.start

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return plain(*args, **kwargs)

    def counted_start(thread: threading.Thread) -> None:
        calls[0] += 1
        start_thread(thread)

    loop.run_in_executor = counted  # type: ignore[method-assign, assignment]
    threading.Thread.start = counted_start  # type: ignore[method-assign, assignment]
    try:
        start = time.perf_counter()
        for i in range(requests):
            await _hit(limits, i, clients)
            await asyncio.sleep(0)  # the loop turns between requests, as it does serving them
        took = time.perf_counter() - start
    finally:
        threading.Thread.start = start_thread  # type: ignore[method-assign]
    return took / requests * 1e6, calls[0] / requests


async def _paced(limits: Any, clients: int, rate: float, seconds: float) -> float:
    for n in range(clients):  # every address's window live
        await _hit(limits, n, clients)
    cpu, wall = time.process_time(), time.perf_counter()
    i = 0
    while time.perf_counter() - wall < seconds:
        await _hit(limits, i, clients)
        i += 1
        await asyncio.sleep(1 / rate)
    return (time.process_time() - cpu) / (time.perf_counter() - wall)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=3000)
    ap.add_argument("--seconds", type=float, default=3.0)
    ap.add_argument("--rate", type=float, default=50.0)
    args = ap.parse_args()
    print(
        f"two windows per request; back to back: {args.requests} requests; paced: "
        f"{args.rate:.0f} requests/s for {args.seconds:.0f} s"
    )
    for clients in (1, 2000, 20000):
        rows = {}
        for name, make in SIDES.items():
            us, calls = asyncio.run(_back_to_back(make(), clients, args.requests))
            share = asyncio.run(_paced(make(), clients, args.rate, args.seconds))
            rows[name] = (us, calls, share)
        ours = rows["Limits (LoopMemoryStorage)"]
        for name, (us, calls, share) in rows.items():
            print(
                f"{clients:6d} addresses, {name:27s}: {us:6.1f} us/request "
                f"(x{us / ours[0]:.1f}), {calls:.3f} thread hops or starts/request; paced "
                f"{share * 100:5.1f}% of a core (x{share / ours[2]:.1f})"
            )


if __name__ == "__main__":
    main()
