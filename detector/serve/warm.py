"""Keeping the scoring path warm while a worker waits for requests (``SERVE_KEEP_WARM``).

On a shared host a pause between requests costs the next score: other tenants' work evicts the
worker's code and data from the caches it shares with them, and a score that follows 30 ms of
idle (or of spinning, which touches nothing) takes 15-45% longer than one that follows another
score (``bench/idle_cost.py``, ``bench/serve.py``). Scoring a small synthetic page over and over
while idle keeps what a score touches in those caches, and the next real page costs what it
costs back to back.

It is off by default: with it the scoring thread uses its core whenever no request is waiting
(within ``idle`` seconds of the latest one).
The loop runs on the scoring thread, one score of the warm-up page (about 1 ms) at a time, taken
in steps of 0.01-0.5 ms (the parse, each family, the models with the explanation), each followed by
a pause (``PAUSE``) in which the event loop takes the interpreter lock. A request counted as
queued ends the round at the next pause (the pause waits on an event the request handler sets),
so it waits for one step at most. A round also ends after ``span`` seconds, so any other
job waiting for the thread runs; the event loop then starts the next one if the worker is
still idle.

Warm scores go on for ``idle`` seconds after the latest request (``SERVE_KEEP_WARM_IDLE``), then
stop until the next request has been answered: while traffic flows (gaps of milliseconds, where
the caches are lost) the worker stays warm; a worker nobody calls leaves its core alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor

log = logging.getLogger("detector.serve")

PAUSE = 0.0001  # seconds waited after each step of a warm score (the event loop takes the lock)
SPAN = 0.25  # seconds one round of warm scores lasts at most before it is scheduled again
IDLE = 2.0  # seconds after the latest request that warm scores go on (0: as long as idle)


class KeepWarm:
    """Warm scores on ``executor``'s thread while ``busy()`` is false.

    ``steps`` makes one warm score as a generator that yields between its short steps
    (``Detector.warm_steps``); ``busy`` says whether a request is waiting for the thread (read
    before each warm score); ``idle`` is how long after the latest request (``interrupt``, or
    the start) warm scores go on, 0 for as long as the worker is idle. Schedule from the event
    loop only.
    """

    def __init__(
        self,
        steps: Callable[[], Iterable[object]],
        busy: Callable[[], bool],
        span: float = SPAN,
        pause: float = PAUSE,
        idle: float = IDLE,
    ) -> None:
        if idle < 0:
            raise ValueError(f"idle must be 0 or more seconds, not {idle!r}")
        self.steps = steps
        self.busy = busy
        self.span = span
        self.pause = pause
        self.idle = idle
        self.last_request = time.monotonic()  # when the latest request arrived (or the start)
        self.rounds = 0  # rounds started
        self.scores = 0  # warm scores made
        self._running = False
        self._stopped = False
        self._wake = threading.Event()  # set when a request is queued: ends the round

    def schedule(self, executor: Executor) -> None:
        """Start a round on ``executor`` unless one is running, a request waits, the worker has
        had no request for ``idle`` seconds, or keep-warm is stopped."""
        if self._running or self._stopped or self.busy() or self.lapsed():
            return
        loop = asyncio.get_running_loop()
        self._running = True
        self._wake.clear()
        self.rounds += 1
        try:
            executor.submit(self._round, loop, executor)
        except RuntimeError:  # the executor is shut down: the worker is stopping
            self._running = False

    def interrupt(self) -> None:
        """A request is about to be queued: a running round ends after its current step
        (without waiting out its pause), and the idle time starts again."""
        self.last_request = time.monotonic()
        self._wake.set()

    def lapsed(self, now: float | None = None) -> bool:
        """Whether ``idle`` seconds have passed since the latest request (never when 0)."""
        now = time.monotonic() if now is None else now
        return self.idle > 0 and now - self.last_request >= self.idle

    def stop(self) -> None:
        """No new round; a running one ends after its current step."""
        self._stopped = True
        self._wake.set()

    def _round(self, loop: asyncio.AbstractEventLoop, executor: Executor) -> None:
        ends = time.monotonic() + self.span
        try:
            while not (self._stopped or self.busy()) and (now := time.monotonic()) < ends:
                if self.lapsed(now):
                    break  # no request for ``idle`` seconds: leave the core alone
                if any(self._wake.wait(self.pause) for _ in self.steps()):
                    break  # a request is queued: give way between two steps
                self.scores += 1
        except Exception:  # a warm score must never take the worker down
            log.exception("keep-warm score failed; keep-warm stops")
            self._stopped = True
        finally:
            self._running = False
        # Ran its span out with nothing waiting: the event loop starts the next round (a job
        # other than a request, submitted meanwhile, runs first).
        if not (self._stopped or self.busy() or self.lapsed()):
            with contextlib.suppress(RuntimeError):  # the loop is closed: the worker stops
                loop.call_soon_threadsafe(self.schedule, executor)
