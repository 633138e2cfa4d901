"""The local scan pipeline: parse each input, crawl the ones that need it, score in batches.

``Processor.process(pending)`` turns ``(key, raw JSON)`` rows into ``(key, snapshot, verdict)``;
it holds no store. The executors (executors.py) run it on local processes or a Dask cluster, and
``Scanner`` (scanner.py) runs it in-process and records the results.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from detector.config import Settings
from detector.errors import DetectorError
from detector.records import Snapshot, Verdict

Fetcher = Callable[[list[str]], Iterable[Snapshot]]


def needs_fetch(snap: Snapshot) -> bool:
    return bool(snap.url) and not (snap.html or snap.text or snap.listing) and not snap.error


class Processor:
    """Parses, crawls and scores inputs with a detector; the fetcher defaults to the crawler."""

    def __init__(
        self,
        detector: Any,
        settings: Settings | None = None,
        fetcher: Fetcher | None = None,
        batch_size: int = 64,
    ) -> None:
        self.detector = detector
        self.settings = settings or Settings()
        self.fetcher = fetcher or self._crawl
        self.batch_size = batch_size
        # Fetched pages are scored as they arrive (the crawl, not scoring, is the slow part), so
        # the progress bar moves per page and a killed scan loses only the pages in flight.
        self.fetched_batch = 1

    def _crawl(self, urls: list[str]) -> Iterable[Snapshot]:
        """Pages through the crawler; store listing URLs (Chrome Web Store, Google Play, App
        Store) through their adapter, so they are scored as the listings they are."""
        from detector.crawl import fetch_many
        from detector.crawl.sources import adapter_for, snapshot_from_source

        listings = [u for u in urls if adapter_for(u)]
        pages = [u for u in urls if not adapter_for(u)]
        yield from fetch_many(pages, self.settings)
        for url in listings:
            snap = snapshot_from_source(url, settings=self.settings)
            snap.url = url  # the key the scan waits on, whatever the store redirected to
            yield snap

    def rejected(self, key: str, problem: str) -> tuple[str, Snapshot, Verdict]:
        """The failed result of an input that could not be read."""
        bad = Snapshot(url="", id=key)
        return (
            key,
            bad,
            Verdict.failed(bad, f"snapshot.invalid: {problem}", self.detector.model_name),
        )

    @property
    def crawls(self) -> bool:
        """True when inputs are fetched by the crawler (not a caller's fetcher), which is what
        other processes can reproduce from the settings alone."""
        return getattr(self.fetcher, "__func__", None) is Processor._crawl

    def process(self, pending: list[tuple[str, str]]) -> Iterator[tuple[str, Snapshot, Verdict]]:
        """Parse, fetch where needed, score; yields (key, snapshot, verdict) per input."""
        ready: list[tuple[str, Snapshot]] = []
        to_fetch: dict[str, list[str]] = defaultdict(list)
        for key, raw in pending:
            try:
                snap = Snapshot.from_dict(json.loads(raw))
            except (ValueError, DetectorError) as exc:
                yield self.rejected(key, str(exc))
                continue
            if needs_fetch(snap):
                to_fetch[snap.url].append(key)
                continue
            ready.append((key, snap))
            if len(ready) >= self.batch_size:
                yield from self._score(ready)
                ready = []
        yield from self._score(ready)
        ready = []
        originals = {k: raw for k, raw in pending}
        for fetched in self.fetcher(list(to_fetch)):
            for key in to_fetch.pop(fetched.url, []):
                snap = _merge(fetched, json.loads(originals[key]))
                ready.append((key, snap))
            if len(ready) >= self.fetched_batch:
                yield from self._score(ready)
                ready = []
        for url, keys in to_fetch.items():  # a fetcher that dropped a URL: record, never lose it
            for key in keys:
                ready.append((key, Snapshot(url=url, error="fetch.missing")))
        yield from self._score(ready)

    def _score(self, batch: list[tuple[str, Snapshot]]) -> Iterator[tuple[str, Snapshot, Verdict]]:
        if not batch:
            return
        verdicts = self.detector.score_many([s for _, s in batch])
        for (key, snap), verdict in zip(batch, verdicts, strict=True):
            yield key, snap, verdict


def wants_fetch(raw: str) -> bool:
    try:
        return needs_fetch(Snapshot.from_dict(json.loads(raw)))
    except (ValueError, DetectorError):
        return False


def _merge(fetched: Snapshot, original: dict[str, Any]) -> Snapshot:
    """Keep the caller's id and extra fields on the fetched snapshot."""
    if original.get("id") is not None and fetched.id is None:
        fetched.id = original["id"]
    if original.get("kind") in ("page", "ad", "app_listing", "extension_listing"):
        fetched.kind = original["kind"]
    for k, v in original.items():
        if k not in Snapshot.known_keys():
            fetched.extra.setdefault(k, v)
    return fetched
