"""Batch scans: inputs -> crawl what needs crawling -> score -> store -> export. Resumable.

``detector scan --input FILE --store PATH --run NAME`` creates the run or, when the store already
has it, resumes it: inputs already scored are skipped, so every input ends scored exactly once
(``Store.record`` writes snapshot, verdict and status in one transaction). Inputs: URL lists
(.txt), CSV with a ``url`` column, JSONL snapshots, ad-library exports (.json: each ad is
scored from its text, and its landing page becomes one more input, crawled and scored as a page;
ads sharing a landing page share that input).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detector.config import Settings
from detector.core.urls import normalise_url
from detector.errors import DetectorError, InvalidSnapshot
from detector.records import Snapshot, Verdict
from detector.redact import redact_text
from detector.store.base import Store

Fetcher = Callable[[list[str]], Iterable[Snapshot]]


def input_key(url: str) -> str:
    """De-duplication key of a URL input: its canonical form, or the stripped text if not a URL."""
    return normalise_url(url) or url.strip()


def _key_for(snap: dict[str, Any], fallback: str) -> str:
    if isinstance(snap.get("id"), str | int) and not isinstance(snap.get("id"), bool):
        return f"id:{snap['id']}"
    if isinstance(snap.get("url"), str) and snap["url"].strip():
        return input_key(snap["url"])
    return "sha:" + hashlib.sha256(fallback.encode("utf-8", "replace")).hexdigest()[:24]


def read_inputs(path: str | Path) -> Iterator[tuple[str, str]]:
    """Yield (key, raw JSON) per input. Malformed rows become inputs that fail when scored."""
    p = Path(path)
    text = text_of(p, p.read_bytes())
    suffix = p.suffix.lower()
    if suffix == ".jsonl":
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if not isinstance(row, dict):
                    raise ValueError("not a JSON object")
            except (ValueError, RecursionError) as exc:
                why = "nested too deeply" if isinstance(exc, RecursionError) else exc
                yield f"line:{n}", json.dumps({"_invalid": f"line {n}: {why}"})
                continue
            yield _key_for(row, line), json.dumps(row, ensure_ascii=False)
    elif suffix == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        try:
            names = reader.fieldnames
        except csv.Error as exc:
            raise InvalidSnapshot(f"{p}:{reader.line_num + 1}: unreadable CSV: {exc}") from exc
        fields = {f.lower().strip(): f for f in names or []}
        if "url" not in fields:
            raise InvalidSnapshot(f"{p}: CSV needs a 'url' column (found {sorted(fields)})", "url")
        for n, row in _csv_rows(reader, p):
            url = (row.get(fields["url"]) or "").strip()
            extra = {k: v for k, v in row.items() if k != fields["url"] and k}
            item: dict[str, Any] = {"url": url, "csv_row": n, **({"input": extra} if extra else {})}
            if not url:
                item["_invalid"] = f"line {n}: empty url"
            yield (_key_for(item, f"csv:{n}") if url else f"line:{n}"), json.dumps(item)
    elif suffix == ".json":
        from detector.crawl.sources.ad_library import load_ad_export

        try:
            ads = load_ad_export(p)
        except InvalidSnapshot as exc:
            raise InvalidSnapshot(f"{p}: {exc}") from exc
        for snap in ads:
            d = snap.to_dict()
            yield _key_for(d, json.dumps(d, sort_keys=True)), json.dumps(d, ensure_ascii=False)
            landing = (snap.listing.landing_url if snap.listing else None) or snap.extra.get(
                "landing_url"
            )
            if isinstance(landing, str) and landing.startswith(("http://", "https://")):
                page = {"url": landing, "kind": "page", "parent_id": snap.id, "parent_kind": "ad"}
                yield input_key(landing), json.dumps(page, ensure_ascii=False)
    else:
        for line in text.splitlines():
            url = line.strip()
            if not url or url.startswith("#"):
                continue
            yield input_key(url), json.dumps({"url": url})


def text_of(path: Path, data: bytes) -> str:
    """An input file's bytes as text; a binary file is refused with its line, not read as junk.

    A NUL byte, or more than 1 in 20 bytes that are not UTF-8, marks a binary file. Text that is
    mostly UTF-8 keeps working: the odd bad byte becomes U+FFFD.
    """
    nul = data.find(b"\0")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InvalidSnapshot(f"{path}:{line}: binary data (a NUL byte), not a text input file")
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad and bad * 20 > len(text):
        first = text.index("\ufffd")
        line = text.count("\n", 0, first) + 1
        raise InvalidSnapshot(f"{path}:{line}: binary data (not UTF-8 text), not a text input file")
    return text


def _csv_rows(reader: csv.DictReader[str], path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number, row) per CSV record, numbered from 2 as before; an unreadable record stops
    the file with the line it was read from."""
    n = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InvalidSnapshot(f"{path}:{reader.line_num + 1}: unreadable CSV: {exc}") from exc
        n += 1
        yield n, row


@dataclass
class Summary:
    run: str
    run_id: int
    resumed: bool
    inputs: int = 0
    scored: int = 0
    failed: int = 0
    skipped_done: int = 0
    duplicates: int = 0
    unfetched: int = 0  # crawled this time but not fetched: scored from the URL alone
    seconds: float = 0.0
    labels: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        labels = ", ".join(f"{k} {v}" for k, v in sorted(self.labels.items()))
        return (
            f"run {self.run!r} (id {self.run_id}{', resumed' if self.resumed else ''}): "
            f"{self.scored} scored, "
            f"{self.failed} failed, "
            f"{f'{self.unfetched} not fetched (scored from the URL alone), ' if self.unfetched else ''}"
            f"{self.skipped_done} already done, {self.inputs} inputs"
            f"{f' ({self.duplicates} duplicate rows skipped)' if self.duplicates else ''} "
            f"in {self.seconds:.1f}s [{labels}]"
        )


class Progress:
    """A one-line progress bar on a TTY; silent otherwise (the summary line is printed)."""

    def __init__(self, total: int, stream: Any = None) -> None:
        self.total, self.done, self.stream = total, 0, stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.start = time.perf_counter()
        self._drawn = 0.0

    def step(self, n: int = 1) -> None:
        self.done += n
        now = time.perf_counter()
        if not (self.tty and self.total) or (now - self._drawn < 0.1 and self.done < self.total):
            return
        self._drawn = now
        rate = self.done / max(now - self.start, 1e-9)
        left = (self.total - self.done) / rate if rate else 0.0
        filled = int(30 * self.done / self.total)
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total} "
            f"{rate:.1f}/s, {left:.0f}s left "
        )
        self.stream.flush()

    def close(self) -> None:
        if self.tty and self.total:
            self.stream.write("\n")


def needs_fetch(snap: Snapshot) -> bool:
    return bool(snap.url) and not (snap.html or snap.text or snap.listing) and not snap.error


class Scanner:
    """Runs one scan against a store with a detector; fetcher defaults to the polite crawler."""

    def __init__(
        self,
        detector: Any,
        store: Store | None,
        settings: Settings | None = None,
        fetcher: Fetcher | None = None,
        batch_size: int = 64,
    ) -> None:
        self.detector = detector
        self.store = store
        self.settings = settings or Settings()
        self.fetcher = fetcher or self._crawl
        self.batch_size = batch_size

    def _crawl(self, urls: list[str]) -> Iterable[Snapshot]:
        from detector.crawl import fetch_many

        return fetch_many(urls, self.settings)

    def run(
        self,
        input_path: str | Path,
        run_name: str,
        progress: bool = True,
        dask: str | None = None,
        workers: int = 1,
    ) -> Summary:
        """Scan ``input_path`` into run ``run_name`` (created, or resumed when it exists).

        ``dask`` is a scheduler address (``tcp://host:8786``) or ``"local"`` for a LocalCluster:
        inputs are partitioned by host and processed on the workers; this process stays the single
        writer to the store. ``workers`` > 1 does the same on local processes.
        """
        store = self.store
        if store is None:
            raise ValueError("Scanner.run needs a store; process() alone does not")
        start = time.perf_counter()
        settings_json = json.dumps(
            {
                "obey_robots": self.settings.obey_robots,
                "per_host_delay": self.settings.per_host_delay,
                "global_concurrency": self.settings.global_concurrency,
            }
        )
        run_id, resumed = store.create_or_resume_run(run_name, str(input_path), settings_json)
        read = 0
        # The store keeps inputs with their URLs redacted (detector/redact.py); this run still
        # fetches and scores what it was given, held in memory only.
        given: dict[str, str] = {}

        def counted() -> Iterator[tuple[str, str]]:
            nonlocal read
            for key, raw in read_inputs(input_path):
                read += 1
                if redact_text(raw) != raw:
                    given.setdefault(redact_text(key), raw)
                yield key, raw

        added = store.add_inputs(run_id, counted())
        stats = store.run_stats(run_id)
        pending = [(k, given.get(k, raw)) for k, raw in store.pending(run_id)]
        summary = Summary(
            run=run_name,
            run_id=run_id,
            resumed=resumed,
            inputs=stats["inputs"],
            skipped_done=stats["inputs"] - len(pending),
            duplicates=0 if resumed else read - added,
        )
        to_crawl = {key for key, raw in pending if _wants_fetch(raw)}
        bar = Progress(len(pending)) if progress else Progress(0)
        try:
            if dask:
                from detector.cluster import process_on_dask

                results = process_on_dask(self, pending, dask)
            elif workers > 1:
                from detector.cluster import process_in_pool

                results = process_in_pool(self, pending, workers)
            else:
                results = self.process(pending)
            try:  # a cluster or pool is shut down even on Ctrl-C
                for key, snap, verdict in results:
                    store.record(run_id, key, snap, verdict)
                    summary.unfetched += bool(snap.error) and not verdict.error and key in to_crawl
                    summary.scored += verdict.error is None
                    summary.failed += verdict.error is not None
                    bar.step()
            finally:
                close = getattr(results, "close", None)
                if close is not None:
                    close()
        finally:
            bar.close()
        store.finish_run(run_id)
        summary.labels = dict(store.run_stats(run_id).get("by_label", {}))
        summary.seconds = time.perf_counter() - start
        return summary

    def process(self, pending: list[tuple[str, str]]) -> Iterator[tuple[str, Snapshot, Verdict]]:
        """Parse, fetch where needed, score; yields (key, snapshot, verdict) per input."""
        ready: list[tuple[str, Snapshot]] = []
        to_fetch: dict[str, list[str]] = defaultdict(list)
        for key, raw in pending:
            try:
                data = json.loads(raw)
                if "_invalid" in data:
                    raise InvalidSnapshot(str(data["_invalid"]))
                snap = Snapshot.from_dict(data)
            except (ValueError, DetectorError) as exc:
                bad = Snapshot(url="", id=key)
                yield (
                    key,
                    bad,
                    Verdict.failed(bad, f"snapshot.invalid: {exc}", self.detector.model_name),
                )
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
            if len(ready) >= self.batch_size:
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


def _wants_fetch(raw: str) -> bool:
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
        if k not in Snapshot._KNOWN:
            fetched.extra.setdefault(k, v)
    return fetched
