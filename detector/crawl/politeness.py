"""Politeness: at most ``per_host_concurrency`` requests in flight per host, a new request to a
host starts at least ``per_host_delay`` after the previous one started and after the previous one
finished, and no more than ``global_concurrency`` requests are in flight overall.

Every request the session makes (page, robots.txt, each redirect hop, each retry) takes a slot,
so the limits hold whatever mix of URLs a batch contains. All three numbers come from
``Settings`` (or ``DETECTOR_*`` variables); nothing here needs editing to change them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from detector.config import Settings

_PRUNE_ABOVE = 1024  # hosts remembered before idle ones are forgotten


@dataclass
class _Host:
    active: int = 0
    next_start: float = 0.0  # monotonic time before which no new request may start


class HostLimiter:
    """Thread-safe per-host and global request slots: ``with limiter.slot(host) as waited:``."""

    def __init__(self, settings: Settings | None = None) -> None:
        s = settings or Settings()
        self.per_host = max(1, s.per_host_concurrency)
        self.delay = max(0.0, s.per_host_delay)
        self._global = threading.BoundedSemaphore(max(1, s.global_concurrency))
        self._cond = threading.Condition()
        self._hosts: dict[str, _Host] = {}

    def _acquire_host(self, host: str) -> None:
        with self._cond:
            if len(self._hosts) > _PRUNE_ABOVE:
                self._prune()
            state = self._hosts.setdefault(host, _Host())
            while True:
                now = time.monotonic()
                if state.active < self.per_host and now >= state.next_start:
                    state.active += 1
                    state.next_start = now + self.delay
                    return
                wait = state.next_start - now if state.active < self.per_host else None
                self._cond.wait(timeout=wait)

    def _prune(self) -> None:
        now = time.monotonic()
        idle = [h for h, st in self._hosts.items() if st.active == 0 and st.next_start <= now]
        for h in idle:
            del self._hosts[h]

    def _release_host(self, host: str) -> None:
        with self._cond:
            state = self._hosts[host]
            state.active -= 1
            # Also space from the end: what the server sees is never closer than the delay.
            state.next_start = max(state.next_start, time.monotonic() + self.delay)
            self._cond.notify_all()

    @contextmanager
    def slot(self, host: str) -> Iterator[float]:
        """Hold one request slot for ``host``; yields the seconds spent waiting for it."""
        start = time.monotonic()
        # Host first, then global: a thread queueing behind a busy host holds no global slot.
        self._acquire_host(host)
        try:
            with self._global:
                yield time.monotonic() - start
        finally:
            self._release_host(host)

    def in_flight(self, host: str) -> int:
        with self._cond:
            state = self._hosts.get(host)
            return state.active if state else 0
