"""Full garbage collections between requests, not in the middle of one.

CPython's collector runs a full (oldest-generation) collection after every tenth collection of
the middle generation, on whichever thread is allocating at that moment: in a worker that is
the scoring thread. After start-up the model lives in the permanent generation (``gc.freeze``),
but the server's own long-lived objects (connections, their tasks and coroutines, rate-limit
windows, cached verdicts) are walked each time: measured with ``bench/serve.py``, one full
collection every 70-90 requests, 3-7 ms each, almost all of them inside a score, and almost
never freeing anything. One request in a hundred paying up to 7 ms more is the p99.

``IdleCollector`` turns the automatic full collections off (the two young generations are
collected as before, so short-lived cycles are freed as soon as they were) and runs the same
collection itself, as often as CPython would have, at a moment when nothing is being scored.
A worker that is never idle still gets one after ten times the usual interval, so garbage
cycles cannot pile up under constant load.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Callable

log = logging.getLogger("detector.serve")

_OFF = 1 << 30  # a full-collection threshold never reached
_installed = 0
_saved: tuple[int, int, int] | None = None


class IdleCollector:
    """Full collections when ``busy()`` is false, checked every ``every`` seconds.

    ``due`` is the number of middle-generation collections after which a full one is due
    (CPython's default threshold is 10); ``overdue`` the number after which it runs even while
    busy.
    """

    def __init__(
        self, busy: Callable[[], bool], every: float = 0.25, due: int = 10, overdue: int = 100
    ) -> None:
        self.busy = busy
        self.every = every
        self.due = due
        self.overdue = overdue
        self.collections = 0
        self.overdue_collections = 0
        self._on = False

    def install(self) -> None:
        """Switch CPython's automatic full collections off (process-wide, counted: the last
        ``uninstall`` restores the thresholds found by the first ``install``)."""
        global _installed, _saved
        if self._on:
            return
        if _installed == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(_saved[0], _saved[1], _OFF)
        _installed += 1
        self._on = True

    def uninstall(self) -> None:
        global _installed, _saved
        if not self._on:
            return
        self._on = False
        _installed -= 1
        if _installed == 0 and _saved is not None:
            gc.set_threshold(*_saved)
            _saved = None

    def step(self) -> bool:
        """Run a full collection if one is due and the worker is idle (or long overdue)."""
        pending = gc.get_count()[2]  # middle-generation collections since the last full one
        if pending < self.due:
            return False
        busy = self.busy()
        if busy and pending < self.overdue:
            return False
        gc.collect()
        self.collections += 1
        if busy:
            self.overdue_collections += 1
            log.debug("full collection while busy (%d middle-generation collections)", pending)
        return True

    async def run_forever(self) -> None:
        while True:
            await asyncio.sleep(self.every)
            self.step()
