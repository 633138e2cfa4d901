"""In-memory moving windows for the endpoint's rate limits, expired lazily on the event loop.

The ``limits`` library counts the windows (``MovingWindowRateLimiter``); this is the storage
it counts them in when no shared store is configured. The library's own in-memory storages
expire old entries by visiting every live key: the synchronous one on a timer thread every
10 ms while requests come in, the asynchronous one with a thread hop per key. With one window
per client address that is a pass over thousands of keys, 100 times a second, competing with
the scoring thread for the interpreter (``bench/limiter.py``, 50 requests a second: the
synchronous storage takes 20% of a core with 2,000 live addresses and 52% with 20,000, the
asynchronous one 71%; this one 2%, what the bench's loop itself costs).

Here each key keeps its entry times oldest first; a hit drops that key's expired entries
(amortised constant time). Keys are kept least recently used first, and each hit also looks
at up to ``DROP_PER_HIT`` of the least recently used ones and drops those whose window has
emptied, so idle keys go as fast as new ones come, with no pass over all of them (a pass over
20,000 keys holds the loop for tens of milliseconds). A key holds at most ``limit`` entries,
and a client address gets a window only once its API key's window admitted the request, so
the keys are bounded by the key limits. Used from the event loop only: no locks, no threads.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from typing import Any

from limits.storage.base import MovingWindowSupport, Storage

DROP_PER_HIT = 4


class LoopMemoryStorage(Storage, MovingWindowSupport):
    """Moving windows (and the base class's plain counters) in this process's memory."""

    STORAGE_SCHEME = None  # built directly by ``middleware.Limits``, not from a URI

    def __init__(
        self,
        uri: str | None = None,
        wrap_exceptions: bool = False,
        clock: Callable[[], float] = time.time,
        **options: Any,
    ) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self._clock = clock
        # key -> (expiry, entry times), least recently used first
        self._windows: OrderedDict[str, tuple[int, deque[float]]] = OrderedDict()
        self._counters: dict[str, tuple[int, float]] = {}  # key -> (count, expires at)

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        return ValueError

    # -- moving windows (what the gate uses) -----------------------------------------------------

    def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        """Take ``amount`` entries in ``key``'s window if at most ``limit`` are then in the
        last ``expiry`` seconds (an entry exactly ``expiry`` old still counts, as in the
        library's own storages)."""
        if amount > limit:
            return False
        now = self._clock()
        self._drop_idle(now)
        found = self._windows.get(key)
        if found is None:
            times: deque[float] = deque()
            self._windows[key] = (expiry, times)
        else:
            self._windows.move_to_end(key)
            times = found[1]
            _expire(times, now - expiry)
        if len(times) + amount > limit:
            return False
        times.extend([now] * amount)
        return True

    def get_moving_window(self, key: str, limit: int, expiry: int) -> tuple[float, int]:
        """(time of the oldest entry in the window, entries in the window); (now, 0) if none."""
        now = self._clock()
        found = self._windows.get(key)
        if found is None:
            return now, 0
        times = found[1]
        _expire(times, now - expiry)
        return (times[0], len(times)) if times else (now, 0)

    def _drop_idle(self, now: float) -> None:
        """Drop up to ``DROP_PER_HIT`` least recently used keys whose window has emptied."""
        windows = self._windows
        for _ in range(DROP_PER_HIT):
            if not windows:
                return
            key = next(iter(windows))
            expiry, times = windows[key]
            if times and times[-1] >= now - expiry:
                return  # the least recently used key is still live
            del windows[key]

    # -- the base class's counters (fixed windows; the gate does not use them, so an expired one
    # -- is only dropped when it is next counted) -------------------------------------------------

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = self._clock()
        count, until = self._counters.get(key, (0, now + expiry))
        if until <= now:
            count, until = 0, now + expiry
        self._counters[key] = (count + amount, until)
        return count + amount

    def get(self, key: str) -> int:
        count, until = self._counters.get(key, (0, 0.0))
        return count if until > self._clock() else 0

    def get_expiry(self, key: str) -> float:
        return self._counters.get(key, (0, self._clock()))[1]

    def check(self) -> bool:
        return True

    def reset(self) -> int | None:
        cleared = len(self._windows) + len(self._counters)
        self._windows.clear()
        self._counters.clear()
        return cleared

    def clear(self, key: str) -> None:
        self._windows.pop(key, None)
        self._counters.pop(key, None)

    def __len__(self) -> int:
        """Keys with a window or a counter."""
        return len(self._windows) + len(self._counters)


def _expire(times: deque[float], cutoff: float) -> None:
    """Drop entries older than ``cutoff`` (entries are oldest first)."""
    while times and times[0] < cutoff:
        times.popleft()
