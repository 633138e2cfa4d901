"""Scale a scan out: local worker processes (``--workers N``) or a Dask cluster (``--dask``).

The pending inputs are cut into partitions by host: every input of one host lands in the same
partition, so the worker that owns a host is the only one fetching from it and the per-host
politeness of ``Settings`` still holds. Each worker loads the model once (cached per process) and
runs the ordinary local pipeline (``Processor.process``: parse, crawl, score) on its partition, then
sends back plain dicts. The calling process turns them into records and stays the only writer to
the store, recording each partition as soon as it completes: a driver killed mid-run loses only
the partitions still in flight, and rerunning the same command redoes exactly those.

A partition whose task raises (a worker died, the model did not load, the worker's model is not
the driver's) is not lost either: each of its inputs gets a failed verdict
(``cluster.failed: ...``) and the batch goes on.

Custom fetchers (``Scanner(fetcher=...)``) are refused here with a ``ValueError``: they are for
in-process runs; workers always fetch with the polite crawler.

Dask is optional (the ``dask`` extra) and imported only when asked for. See docs/cluster.md.
"""

from __future__ import annotations

import json
import os
from collections import OrderedDict, defaultdict
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from detector.config import Settings
from detector.core.urls import host_parts
from detector.errors import ConfigError, ModelLoadError
from detector.records import Snapshot, Verdict
from detector.scan.pipeline import Processor

Row = tuple[str, str]
Result = tuple[str, Snapshot, Verdict]
Packed = tuple[str, dict[str, Any], dict[str, Any], dict[str, Any] | None]

CONNECT_TIMEOUT = 10.0  # seconds to reach a Dask scheduler before giving up
WORKER_WAIT = 60.0  # seconds to wait for a first worker on a scheduler that has none
PARTITIONS_PER_WORKER = 4  # a few per worker thread: small tail, early results, little overhead
INSTALL_HINT = 'pip install "tiktok-lure-detector[dask]"'

# (model dir, settings) -> Detector: one model load per worker process and scan configuration.
_DETECTORS: OrderedDict[tuple[str, str], Any] = OrderedDict()
_CACHE_SIZE = 4


def _host_of(raw: str) -> str | None:
    try:
        row = json.loads(raw)
    except ValueError:
        return None
    url = row.get("url") if isinstance(row, dict) else None
    if not isinstance(url, str) or not url.strip():
        return None
    try:
        return host_parts(url).host or None
    except Exception:  # a URL the parser rejects is just a row without a host
        return None


def partition_by_host(rows: list[Row], n: int) -> list[list[Row]]:
    """At most ``n`` non-empty partitions; one host never spans two. Largest hosts go first into
    the currently smallest partition; rows without a URL host fill in round-robin."""
    n = max(1, n)
    by_host: dict[str, list[Row]] = defaultdict(list)
    loose: list[Row] = []
    for row in rows:
        host = _host_of(row[1])
        if host is None:
            loose.append(row)
        else:
            by_host[host].append(row)
    parts: list[list[Row]] = [[] for _ in range(n)]
    for host in sorted(by_host, key=lambda h: (-len(by_host[h]), h)):
        min(parts, key=len).extend(by_host[host])
    for row in loose:
        min(parts, key=len).append(row)
    return [p for p in parts if p]


def _detector(model_dir: str, settings: Settings, expect_sha256: str | None) -> Any:
    from detector.detector import Detector

    key = (model_dir, repr(settings))
    detector = _DETECTORS.get(key)
    if detector is not None and expect_sha256 and _sha(detector) != expect_sha256:
        detector = None  # the model at that path changed since it was cached: load it again
    if detector is None:
        detector = Detector.load(model_dir, settings)
        _DETECTORS[key] = detector
        while len(_DETECTORS) > _CACHE_SIZE:
            _DETECTORS.popitem(last=False)
    _DETECTORS.move_to_end(key)
    if expect_sha256 and _sha(detector) != expect_sha256:
        raise ModelLoadError(
            f"the model at {model_dir} on this worker (sha256 {str(_sha(detector))[:12]}…) is "
            f"not the driver's (sha256 {expect_sha256[:12]}…): install the same model everywhere"
        )
    return detector


def _sha(detector: Any) -> str | None:
    sha = detector.artifact.sidecar.get("model_sha256")
    return str(sha) if sha else None


def score_partition(
    rows: list[Row],
    model_dir: str,
    settings: Settings,
    batch_size: int = 64,
    expect_sha256: str | None = None,
) -> list[Packed]:
    """Worker task: crawl and score one partition with the local pipeline; plain dicts out.

    ``expect_sha256`` (the driver's model file hash) makes a worker with a different model fail
    its partition instead of scoring it with the wrong model."""
    detector = _detector(model_dir, settings, expect_sha256)
    scanner = Processor(detector, settings, batch_size=batch_size)
    return [
        (key, snap.to_dict(), v.to_dict(), v.features) for key, snap, v in scanner.process(rows)
    ]


def _failed(rows: list[Row], exc: BaseException, model: str) -> list[Result]:
    reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    out = []
    for key, raw in rows:
        try:
            data = json.loads(raw)
            url = data.get("url") if isinstance(data, dict) else ""
        except ValueError:
            url = ""
        snap = Snapshot(url=url if isinstance(url, str) else "", id=key)
        out.append((key, snap, Verdict.failed(snap, f"cluster.failed: {reason}", model)))
    return out


def _decoded(found: list[Packed]) -> list[Result]:
    out = []
    for key, snap, verdict, features in found:
        v = Verdict.from_dict(verdict)
        v.features = features
        out.append((key, Snapshot.from_dict(snap), v))
    return out


def _check_fetcher(scanner: Processor) -> None:
    if not getattr(scanner, "crawls", True):  # anything without a fetcher of its own crawls
        raise ValueError(
            "a custom fetcher runs only in-process (no --workers/--dask); workers use the crawler"
        )


def _job(scanner: Processor) -> tuple[str, Settings, int, str, str | None]:
    """What every task needs: model dir (absolute), settings, batch size, model name, hash."""
    _check_fetcher(scanner)
    det = scanner.detector
    sidecar = getattr(det.artifact, "sidecar", None) or {}
    sha = sidecar.get("model_sha256") if isinstance(sidecar, dict) else None
    return (
        str(Path(det.artifact.path).resolve()),
        scanner.settings,
        int(scanner.batch_size),
        str(det.model_name),
        str(sha) if sha else None,
    )


def process_in_pool(scanner: Processor, pending: list[Row], workers: int) -> Iterator[Result]:
    """Run the partitions on ``workers`` local processes (spawned, so no inherited threads)."""
    model_dir, settings, batch, model, sha = _job(scanner)
    parts = partition_by_host(pending, workers * PARTITIONS_PER_WORKER)
    if not parts:
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        futures: dict[Future[Any], list[Row]] = {
            pool.submit(score_partition, part, model_dir, settings, batch, sha): part
            for part in parts
        }
        try:
            for fut in as_completed(futures):
                try:
                    found = fut.result()
                except Exception as exc:  # a worker crash fails its rows, not the scan
                    yield from _failed(futures[fut], exc, model)
                    continue
                yield from _decoded(found)
        finally:
            for fut in futures:
                fut.cancel()


def _connect(address: str) -> tuple[Any, Any]:
    """``(client, cluster or None)``; ConfigError for a missing extra or an unusable address."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ConfigError(f"--dask needs the dask extra: {INSTALL_HINT}") from exc
    if address == "local":
        cluster = LocalCluster(
            n_workers=os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        try:
            return Client(cluster), cluster
        except BaseException:
            cluster.close()
            raise
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        # OSError/TimeoutError: nothing answers; ValueError: not an address; TypeError: tls://
        # without TLS settings in the Dask configuration.
        raise ConfigError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT)
    except (OSError, TimeoutError) as exc:
        client.close()
        raise ConfigError(
            f"the Dask scheduler at {address} has no workers after {WORKER_WAIT:.0f}s"
        ) from exc
    except BaseException:
        client.close()
        raise
    return client, None


def process_on_dask(
    scanner: Processor, pending: list[Row], address: str, partitions: int | None = None
) -> Iterator[Result]:
    """Run the partitions on a Dask cluster (``"local"`` starts a LocalCluster for this scan).

    Yields ``(key, snapshot, verdict)`` partition by partition, as they complete. The cluster and
    client are closed when the generator finishes, fails or is closed (Ctrl-C included)."""
    model_dir, settings, batch, model, sha = _job(scanner)
    if not pending:
        return
    client, cluster = _connect(address)
    try:
        from distributed import as_completed as dask_completed

        threads = sum(client.nthreads().values()) or 1
        parts = partition_by_host(pending, partitions or threads * PARTITIONS_PER_WORKER)
        futures = [
            client.submit(score_partition, part, model_dir, settings, batch, sha, pure=False)
            for part in parts
        ]
        rows_of = {fut.key: part for fut, part in zip(futures, parts, strict=True)}
        done = dask_completed(futures)
        del futures  # only as_completed holds them now: each is released once consumed
        for fut in done:
            rows = rows_of.pop(fut.key)
            try:
                found = fut.result()
            except Exception as exc:  # a lost worker or a failed task fails its rows only
                yield from _failed(rows, exc, model)
                continue
            yield from _decoded(found)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
