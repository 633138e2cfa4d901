"""Batch scans: inputs -> crawl what needs crawling -> score -> store -> export. Resumable.

``detector scan --input FILE --store PATH --run NAME`` creates the run or, when the store already
has it, resumes it: inputs already scored are skipped, so every input ends scored exactly once
(``Store.record`` writes snapshot, verdict and status in one transaction). Inputs: URL lists
(.txt), CSV with a ``url`` column, JSONL snapshots, ad-library exports (.json).
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
from detector.errors import DetectorError, InvalidSnapshot
from detector.intel.domain import host_parts
from detector.records import Snapshot, Verdict

Fetcher = Callable[[list[str]], Iterable[Snapshot]]


def normalise_url(url: str) -> str:
    """Key for de-duplication: lower-case scheme and host, no fragment, trailing spaces gone."""
    raw = url.strip()
    parts = host_parts(raw)
    if not parts.host:
        return raw
    rest = raw.split("://", 1)[-1]
    path = rest[len(rest.split("/", 1)[0]) :].split("#", 1)[0]
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme or 'http'}://{parts.host}{port}{path or '/'}"


def _key_for(snap: dict[str, Any], fallback: str) -> str:
    if isinstance(snap.get("id"), str | int) and not isinstance(snap.get("id"), bool):
        return f"id:{snap['id']}"
    if isinstance(snap.get("url"), str) and snap["url"].strip():
        return normalise_url(snap["url"])
    return "sha:" + hashlib.sha256(fallback.encode("utf-8", "replace")).hexdigest()[:24]


def read_inputs(path: str | Path) -> Iterator[tuple[str, str]]:
    """Yield (key, raw JSON) per input. Malformed rows become inputs that fail when scored."""
    p = Path(path)
    text = p.read_text(encoding="utf-8", errors="replace")
    suffix = p.suffix.lower()
    if suffix == ".jsonl":
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if not isinstance(row, dict):
                    raise ValueError("not a JSON object")
            except ValueError as exc:
                yield f"line:{n}", json.dumps({"_invalid": f"line {n}: {exc}"})
                continue
            yield _key_for(row, line), json.dumps(row, ensure_ascii=False)
    elif suffix == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        fields = {f.lower().strip(): f for f in reader.fieldnames or []}
        if "url" not in fields:
            raise InvalidSnapshot(f"{p}: CSV needs a 'url' column (found {sorted(fields)})", "url")
        for n, row in enumerate(reader, 2):
            url = (row.get(fields["url"]) or "").strip()
            extra = {k: v for k, v in row.items() if k != fields["url"] and k}
            item: dict[str, Any] = {"url": url, "csv_row": n, **({"input": extra} if extra else {})}
            if not url:
                item["_invalid"] = f"line {n}: empty url"
            yield (_key_for(item, f"csv:{n}") if url else f"line:{n}"), json.dumps(item)
    elif suffix == ".json":
        from detector.crawl.sources.ad_library import load_ad_export

        for snap in load_ad_export(p):
            d = snap.to_dict()
            yield _key_for(d, json.dumps(d, sort_keys=True)), json.dumps(d, ensure_ascii=False)
    else:
        for line in text.splitlines():
            url = line.strip()
            if not url or url.startswith("#"):
                continue
            yield normalise_url(url), json.dumps({"url": url})


@dataclass
class Summary:
    run: str
    run_id: int
    resumed: bool
    inputs: int = 0
    scored: int = 0
    failed: int = 0
    skipped_done: int = 0
    seconds: float = 0.0
    labels: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        labels = ", ".join(f"{k} {v}" for k, v in sorted(self.labels.items()))
        return (
            f"run {self.run!r}{' (resumed)' if self.resumed else ''}: {self.scored} scored, "
            f"{self.failed} failed, {self.skipped_done} already done, {self.inputs} inputs "
            f"in {self.seconds:.1f}s [{labels}]"
        )


class Progress:
    """A one-line progress bar on a TTY; silent otherwise (the summary line is printed)."""

    def __init__(self, total: int, stream: Any = None) -> None:
        self.total, self.done, self.stream = total, 0, stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.start = time.perf_counter()

    def step(self, n: int = 1) -> None:
        self.done += n
        if self.tty and self.total:
            rate = self.done / max(time.perf_counter() - self.start, 1e-9)
            width = 30
            filled = int(width * self.done / self.total)
            self.stream.write(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {rate:.1f}/s"
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
        store: Any,
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

    def run(self, input_path: str | Path, run_name: str, progress: bool = True) -> Summary:
        start = time.perf_counter()
        settings_json = json.dumps(
            {
                "obey_robots": self.settings.obey_robots,
                "per_host_delay": self.settings.per_host_delay,
                "global_concurrency": self.settings.global_concurrency,
            }
        )
        run_id, resumed = self.store.create_or_resume_run(run_name, str(input_path), settings_json)
        self.store.add_inputs(run_id, read_inputs(input_path))
        stats = self.store.run_stats(run_id)
        pending = list(self.store.pending(run_id))
        summary = Summary(
            run=run_name,
            run_id=run_id,
            resumed=resumed,
            inputs=stats["inputs"],
            skipped_done=stats["inputs"] - len(pending),
        )
        bar = Progress(len(pending)) if progress else Progress(0)
        try:
            for key, snap, verdict in self.process(pending):
                self.store.record(run_id, key, snap, verdict)
                summary.scored += verdict.error is None
                summary.failed += verdict.error is not None
                bar.step()
        finally:
            bar.close()
        self.store.finish_run(run_id)
        summary.labels = dict(self.store.run_stats(run_id).get("by_label", {}))
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
