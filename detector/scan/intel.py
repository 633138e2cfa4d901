"""Domain age for scans: RDAP look-ups through the crawler's network guard, cached in the store.

``store_intel(settings, store)`` gives the Detector its ``intel`` callable. The answers are cached
in the store's ``rdap_cache`` table (one cache for every run and every analyst sharing the store,
not a second SQLite file); ``--no-intel`` or ``DETECTOR_OFFLINE=1`` skips look-ups. Used by the
in-process scan; worker processes and Dask workers score without it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from detector.config import Settings
from detector.records import DomainIntel
from detector.store.base import Store


class StoreCache:
    """The intel cache interface (``get``/``set`` with a TTL) over the store's RDAP table."""

    def __init__(self, store: Store, clock: Callable[[], float] | None = None) -> None:
        self.store = store
        self.clock = clock or time.time

    def get(self, namespace: str, key: str) -> Any | None:
        return self.store.rdap_get(f"{namespace}:{key}", self.clock())

    def set(self, namespace: str, key: str, value: Any, ttl_seconds: float) -> None:
        self.store.rdap_put(f"{namespace}:{key}", value, self.clock() + ttl_seconds)


def store_intel(settings: Settings, store: Store) -> Callable[[str], DomainIntel | None] | None:
    """The domain-age look-up for a scan, or None when intel is off (offline)."""
    if settings.offline:
        return None
    from detector.intel.rdap import DomainAgeLookup

    lookup = DomainAgeLookup(settings, cache=StoreCache(store))  # type: ignore[arg-type]
    return lookup.lookup
