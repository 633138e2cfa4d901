"""A small response cache: verdicts by canonical URL + page hash, with a TTL and a size bound.

Used from the event loop only (no lock). The oldest entry goes first when the bound is reached;
an expired entry is dropped when it is next read.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any


class TTLCache:
    """At most ``size`` entries, each valid for ``ttl`` seconds after it was put."""

    def __init__(self, size: int, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.size = max(0, size)
        self.ttl = ttl
        self._clock = clock
        self._items: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: str) -> Any | None:
        item = self._items.get(key)
        if item is None or item[0] < self._clock():
            if item is not None:
                del self._items[key]
            self.misses += 1
            return None
        self._items.move_to_end(key)
        self.hits += 1
        return item[1]

    def put(self, key: str, value: Any, ttl: float | None = None) -> None:
        """Keep ``value`` for ``ttl`` seconds (default: the cache's own)."""
        ttl = self.ttl if ttl is None else min(ttl, self.ttl)
        if self.size == 0 or ttl <= 0:
            return
        self._items[key] = (self._clock() + ttl, value)
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)


def page_key(model: str, canonical_url: str, snapshot: dict[str, Any]) -> str:
    """Cache key of a snapshot: the model, its canonical URL, kind and a hash of its content."""
    h = hashlib.sha256()
    for part in ("kind", "html", "text", "final_url"):
        value = snapshot.get(part)
        h.update(f"{part}={len(value) if isinstance(value, str) else -1}:".encode())
        if isinstance(value, str):
            h.update(value.encode("utf-8", "surrogatepass"))
    listing = snapshot.get("listing")
    if listing is not None:
        h.update(json.dumps(listing, sort_keys=True, default=str).encode())
    scripts = snapshot.get("scripts")
    if scripts:  # same-site script files change the features: part of the key when present
        h.update(b"scripts=" + json.dumps(scripts, sort_keys=True, default=str).encode())
    return f"{model}|page|{canonical_url}|{h.hexdigest()}"
