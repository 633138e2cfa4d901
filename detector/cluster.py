"""Scale a scan out: local worker processes (``--workers N``) or a Dask cluster (``--dask``).

The pending inputs are cut into partitions by host: every input of one host lands in the same
partition, so the worker that owns a host is the only one fetching from it and the per-host
politeness of ``Settings`` still holds. Each worker loads the model once (cached per process) and
runs the ordinary local pipeline (``Scanner.process``: parse, crawl, score) on its partition, then
sends back plain dicts. The calling process turns them into records and stays the only writer to
the store, recording each partition as soon as it completes: a driver killed mid-run loses only
the partitions still in flight, and rerunning the same command redoes exactly those.

A partition whose task raises (a worker died, the model did not load) is not lost either: each
of its inputs gets a failed verdict (``cluster.failed: ...``) and the batch goes on.

Dask is optional (the ``dask`` extra) and imported only when asked for. See docs/cluster.md.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from typing import Any

from detector.config import Settings
from detector.errors import ConfigError
from detector.intel.domain import host_parts
from detector.records import Snapshot, Verdict

Row = tuple[str, str]
Result = tuple[str, Snapshot, Verdict]

_DETECTORS: dict[str, Any] = {}  # model dir -> Detector, one load per worker process


def _host_of(raw: str) -> str | None:
    try:
        row = json.loads(raw)
    except ValueError:
        return None
    url = row.get("url") if isinstance(row, dict) else None
    if not isinstance(url, str) or not url.strip():
        return None
    return host_parts(url).host or None


def partition_by_host(rows: list[Row], n: int) -> list[list[Row]]:
    """At most ``n`` partitions; one host never spans two. Largest hosts go first into the
    currently smallest partition; rows without a URL host fill in round-robin."""
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


Packed = tuple[str, dict[str, Any], dict[str, Any], dict[str, Any] | None]


def score_partition(
    rows: list[Row], model_dir: str, settings: Settings, batch_size: int = 64
) -> list[Packed]:
    """Worker task: crawl and score one partition with the local pipeline; plain dicts out."""
    from detector.detector import Detector
    from detector.scan import Scanner

    detector = _DETECTORS.get(model_dir)
    if detector is None:
        detector = _DETECTORS[model_dir] = Detector.load(model_dir, settings)
    scanner = Scanner(detector, None, settings, batch_size=batch_size)
    return [
        (key, snap.to_dict(), v.to_dict(), v.features) for key, snap, v in scanner.process(rows)
    ]


def _failed(rows: list[Row], exc: BaseException, model: str) -> list[Result]:
    out = []
    for key, raw in rows:
        try:
            data = json.loads(raw)
            url = data.get("url") if isinstance(data, dict) else ""
        except ValueError:
            url = ""
        snap = Snapshot(url=url if isinstance(url, str) else "", id=key)
        out.append((key, snap, Verdict.failed(snap, f"cluster.failed: {exc!r}", model)))
    return out


def _decoded(found: list[Packed]) -> list[Result]:
    out = []
    for key, snap, verdict, features in found:
        v = Verdict.from_dict(verdict)
        v.features = features
        out.append((key, Snapshot.from_dict(snap), v))
    return out


def _check_fetcher(scanner: Any) -> None:
    from detector.scan import Scanner

    fetcher = getattr(scanner, "fetcher", None)
    if fetcher is not None and getattr(fetcher, "__func__", None) is not Scanner._crawl:
        raise ValueError("a custom fetcher runs only in-process; workers use the crawler")


def _job(scanner: Any) -> tuple[str, Settings, int, str]:
    _check_fetcher(scanner)
    det = scanner.detector
    return str(det.artifact.path), scanner.settings, int(scanner.batch_size), det.model_name


def process_in_pool(scanner: Any, pending: list[Row], workers: int) -> Iterator[Result]:
    """Run the partitions on ``workers`` local processes (spawned, so no inherited threads)."""
    model_dir, settings, batch, model = _job(scanner)
    parts = partition_by_host(pending, workers * 4)
    if not parts:
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        futures: dict[Future[Any], list[Row]] = {
            pool.submit(score_partition, part, model_dir, settings, batch): part for part in parts
        }
        try:
            for fut in as_completed(futures):
                try:
                    yield from _decoded(fut.result())
                except Exception as exc:  # a worker crash fails its rows, not the scan
                    yield from _failed(futures[fut], exc, model)
        finally:
            for fut in futures:
                fut.cancel()


def process_on_dask(
    scanner: Any, pending: list[Row], address: str, partitions: int | None = None
) -> Iterator[Result]:
    """Run the partitions on a Dask cluster (``"local"`` starts a LocalCluster for this scan)."""
    model_dir, settings, batch, model = _job(scanner)
    try:
        from distributed import Client, LocalCluster
        from distributed import as_completed as dask_completed
    except ImportError as exc:
        raise ConfigError('--dask needs the dask extra: pip install "detector[dask]"') from exc
    cluster = None
    try:
        if address == "local":
            cluster = LocalCluster(
                n_workers=os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            client = Client(cluster)
        else:
            client = Client(address, timeout=10)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise ConfigError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        parts = partition_by_host(pending, partitions or n_workers * 4)
        futures = {
            client.submit(score_partition, part, model_dir, settings, batch, pure=False): i
            for i, part in enumerate(parts)
        }
        for fut in dask_completed(list(futures)):
            try:
                found = fut.result()
            except Exception as exc:  # a lost worker or a failed task fails its rows only
                yield from _failed(parts[futures[fut]], exc, model)
                continue
            yield from _decoded(found)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
