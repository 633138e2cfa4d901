"""Batch scans: inputs -> crawl what needs crawling -> score -> store -> export. Resumable.

``detector scan --input FILE --store PATH --run NAME`` creates the run or, when the store already
has it, resumes it: inputs already scored are skipped, so every input ends scored exactly once
(``Store.record`` writes snapshot, verdict and status in one transaction). Inputs: URL lists
(.txt), CSV with a ``url`` column, JSONL snapshots, ad-library exports (inputs.py). The work
itself is ``Processor.process`` (pipeline.py), run here, on local processes or on Dask
(executors.py); this process stays the only writer to the store.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detector.config import Settings
from detector.records import Snapshot, Verdict
from detector.redact import redact_text
from detector.scan.discover import Frontier
from detector.scan.executors import process_in_pool, process_on_dask
from detector.scan.inputs import Rejected, read_inputs
from detector.scan.pipeline import Fetcher, Processor, wants_fetch
from detector.store.base import Store


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
    discovered: int = 0  # lure links of scanned pages added to the run (--discover)
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
            f"{f', {self.discovered} found by following lure links' if self.discovered else ''}"
            f"{f' ({self.duplicates} duplicate rows skipped)' if self.duplicates else ''} "
            f"in {self.seconds:.1f}s [{labels}]"
            + (
                f"; to fetch the {self.unfetched} again: the same command with --retry-failed"
                if self.unfetched
                else ""
            )
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


class Scanner(Processor):
    """Runs one scan into a store with a detector; the fetcher defaults to the polite crawler.

    ``store`` may be None for ``process`` alone (what the executors' workers do)."""

    def __init__(
        self,
        detector: Any,
        store: Store | None,
        settings: Settings | None = None,
        fetcher: Fetcher | None = None,
        batch_size: int = 64,
    ) -> None:
        super().__init__(detector, settings, fetcher, batch_size)
        self.store = store

    def run(
        self,
        input_path: str | Path,
        run_name: str,
        progress: bool = True,
        dask: str | None = None,
        workers: int = 1,
        discover: int = 0,
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
        with store.lock_run(run_id):  # a second process on the same run stops here
            return self._run_locked(
                store,
                run_id,
                resumed,
                input_path,
                run_name,
                progress,
                dask,
                workers,
                start,
                discover,
            )

    def _run_locked(
        self,
        store: Store,
        run_id: int,
        resumed: bool,
        input_path: str | Path,
        run_name: str,
        progress: bool,
        dask: str | None,
        workers: int,
        start: float,
        discover: int = 0,
    ) -> Summary:
        read = 0
        # The store keeps inputs with their URLs redacted (detector/redact.py); this run still
        # fetches and scores what it was given, held in memory only.
        given: dict[str, str] = {}
        problems: dict[str, str] = {}  # rows of this input file that cannot be read, by key

        def counted() -> Iterator[tuple[str, str]]:
            nonlocal read
            for row in read_inputs(input_path):
                key, raw = row
                read += 1
                if redact_text(raw) != raw:
                    given.setdefault(redact_text(key), raw)
                if isinstance(row, Rejected):
                    problems.setdefault(redact_text(key), row.problem)
                yield key, raw

        added = store.add_inputs(run_id, counted())
        stats = store.run_stats(run_id)
        pending = [(k, given.get(k, raw)) for k, raw in store.pending(run_id)]
        rejected = [self.rejected(k, problems[k]) for k, _ in pending if k in problems]
        pending = [(k, raw) for k, raw in pending if k not in problems]
        summary = Summary(
            run=run_name,
            run_id=run_id,
            resumed=resumed,
            inputs=stats["inputs"],
            skipped_done=stats["inputs"] - len(pending) - len(rejected),
            duplicates=0 if resumed else read - added,
        )
        to_crawl = {key for key, raw in pending if wants_fetch(raw)}
        bar = Progress(len(pending) + len(rejected)) if progress else Progress(0)

        frontier = Frontier(self.settings, set()) if discover > 0 else None

        def keep(key: str, snap: Snapshot, verdict: Verdict) -> None:
            store.record(run_id, key, snap, verdict)
            summary.unfetched += bool(snap.error) and not verdict.error and key in to_crawl
            summary.scored += verdict.error is None
            summary.failed += verdict.error is not None
            bar.step()
            if frontier is not None:
                trail = snap.extra.get("discovery")
                depth = int(trail.get("depth", 0)) if isinstance(trail, dict) else 0
                if depth < discover:
                    frontier.collect(snap, depth)

        try:
            for result in rejected:
                keep(*result)
            if dask:
                results = process_on_dask(self, pending, dask)
            elif workers > 1:
                results = process_in_pool(self, pending, workers)
            else:
                results = self.process(pending)
            try:  # a cluster or pool is shut down even on Ctrl-C
                for result in results:
                    keep(*result)
            finally:
                close = getattr(results, "close", None)
                if close is not None:
                    close()
            while frontier is not None and (found := frontier.take()):
                summary.discovered += store.add_inputs(run_id, found)
                wanted = {k for k, _ in found}
                more = [(k, raw) for k, raw in store.pending(run_id) if k in wanted]
                to_crawl.update(k for k, _ in more)
                bar.total += len(more)
                for result in self.process(more):  # in this process: the store's one writer
                    keep(*result)
        finally:
            bar.close()
        store.finish_run(run_id)
        summary.labels = dict(store.run_stats(run_id).get("by_label", {}))
        summary.seconds = time.perf_counter() - start
        return summary
