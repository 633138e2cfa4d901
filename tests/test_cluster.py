"""Scale-out: partitioning by host, local worker processes, and one shared Dask LocalCluster.

The Dask tests share one module-scoped LocalCluster (2 single-threaded worker processes) so the
start-up cost is paid once; it is closed at module teardown and no worker process may outlive it.
Without ``distributed`` installed only the Dask tests are skipped.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from detector.config import Settings
from detector.demo import LocalSite
from detector.errors import ConfigError, ModelLoadError
from detector.scan import Scanner
from detector.scan import executors as cluster
from detector.scan.executors import (
    partition_by_host,
    process_in_pool,
    process_on_dask,
    score_partition,
)
from detector.store import open_store
from tests.test_scan import PLAIN_HTML, SCAM_HTML

HOSTS = 6
URLS = 30


def _row(url: str, key: str | None = None) -> tuple[str, str]:
    return key or url, json.dumps({"url": url})


def _owner(parts: list[list[tuple[str, str]]]) -> dict[str, set[int]]:
    owners: dict[str, set[int]] = {}
    for i, part in enumerate(parts):
        for _, raw in part:
            url = json.loads(raw).get("url") if raw.startswith("{") else None
            if url:
                owners.setdefault(url.split("/")[2].lower(), set()).add(i)
    return owners


# -- partition_by_host --------------------------------------------------------------------------


def test_one_host_never_spans_partitions_at_any_count() -> None:
    rows = [_row(f"https://h{i % 7}.example/{i}") for i in range(70)]
    rows += [_row(f"https://H3.EXAMPLE:443/x{i}", f"upper-{i}") for i in range(3)]
    for n in (1, 2, 3, 5, 7, 20):
        parts = partition_by_host(rows, n)
        assert sorted(k for p in parts for k, _ in p) == sorted(k for k, _ in rows)
        assert all(len(owners) == 1 for owners in _owner(parts).values())
        assert len(parts) == min(n, 7) and all(parts)  # empty partitions dropped


def test_largest_host_first_into_the_smallest_partition() -> None:
    rows = [_row(f"https://big.example/{i}") for i in range(30)]
    rows += [_row(f"https://h{i % 5}.example/{i}") for i in range(50)]  # 5 hosts x 10
    parts = partition_by_host(rows, 4)
    assert sorted(len(p) for p in parts) == [10, 20, 20, 30]
    assert [len(p) for p in parts if "big.example" in p[0][0]] == [30]  # the big host alone
    parts = partition_by_host(rows[:30] + [_row(f"https://s{i}.example/") for i in range(6)], 2)
    assert sorted(len(p) for p in parts) == [6, 30]


def test_rows_without_a_host_are_spread_round_robin() -> None:
    loose = [
        ("inline-0", json.dumps({"html": "<p>x</p>"})),
        ("inline-1", json.dumps({"url": "", "text": "hi"})),
        ("bad-json", "{not json"),
        ("list", json.dumps([1, 2])),
        ("no-host", json.dumps({"url": "not a url at all"})),
        ("num", json.dumps({"url": 5})),
    ]
    parts = partition_by_host(loose, 3)
    assert [len(p) for p in parts] == [2, 2, 2]
    assert sorted(k for p in parts for k, _ in p) == sorted(k for k, _ in loose)
    mixed = partition_by_host([_row(f"https://a.example/{i}") for i in range(4)] + loose, 2)
    assert sorted(len(p) for p in mixed) == [5, 5]
    assert partition_by_host([], 3) == [] and partition_by_host(loose[:1], 0) == [loose[:1]]


# -- shared fixtures ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site() -> Iterator[tuple[LocalSite, list[str]]]:
    """URLS pages over HOSTS virtual hosts, all served by one local server."""
    pages = {}
    urls = []
    for i in range(URLS):
        host = f"site{i % HOSTS}.example"
        pages[(host, f"/p{i}")] = SCAM_HTML if i % 3 == 0 else PLAIN_HTML
        urls.append(f"http://{host}/p{i}")
    with LocalSite(pages) as s:
        yield s, urls


@pytest.fixture(scope="module")
def source(site: tuple[LocalSite, list[str]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    lines = [json.dumps({"url": u}) for u in site[1]]
    lines += [json.dumps({"id": f"inline-{i}", "html": SCAM_HTML}) for i in range(4)]
    lines.append("{broken")
    src = tmp_path_factory.mktemp("cluster") / "in.jsonl"
    src.write_text("\n".join(lines) + "\n")
    return src


def _settings(site: LocalSite) -> Settings:
    return Settings(
        allow_loopback=True,
        connect_to=site.connect_to(),
        connect_to_only=True,
        per_host_delay=0.0,
        offline=True,
    )


def _labels(store_path: Path, run: str) -> dict[str, Any]:
    with open_store(store_path) as store:
        found = store.find_run(run)
        assert found is not None
        assert store.run_stats(found["id"])["pending"] == 0
        return {v.id or v.url: (v.label, v.error is None) for v in store.verdicts(found["id"])}


def _scan(
    path: Path, shipped: Any, site: LocalSite, src: Path, calls: Counter[str] | None = None, **kw
) -> Any:
    """One ``Scanner.run`` into ``path``; ``calls`` counts ``store.record`` per input key."""
    with open_store(path) as store:
        if calls is not None:
            record = store.record

            def counting(run_id: int, key: str, snap: Any, verdict: Any) -> None:
                calls[key] += 1
                record(run_id, key, snap, verdict)

            store.record = counting  # type: ignore[method-assign]
        return Scanner(shipped, store, _settings(site)).run(src, "r1", progress=False, **kw)


@pytest.fixture(scope="module")
def expected(
    shipped: Any,
    site: tuple[LocalSite, list[str]],
    source: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Any]:
    """Labels of the single-process scan of ``source``: what every scale-out must reproduce."""
    path = tmp_path_factory.mktemp("single") / "s.sqlite"
    summary = _scan(path, shipped, site[0], source)
    assert summary.scored == URLS + 4 and summary.failed == 1 and summary.unfetched == 0
    labels = _labels(path, "r1")
    fetched = Counter(label for key, (label, _) in labels.items() if key.startswith("http"))
    assert fetched["benign"] >= 10 and len(fetched) >= 2, fetched  # not one label for all
    return labels


def _children() -> set[int]:
    psutil = pytest.importorskip("psutil")
    return {
        p.pid
        for p in psutil.Process().children(recursive=True)
        if "resource_tracker" not in " ".join(_cmdline(p))
    }


def _cmdline(p: Any) -> list[str]:
    try:
        return list(p.cmdline())
    except Exception:
        return []


@pytest.fixture(scope="module")
def dask_address() -> Iterator[str]:
    """One LocalCluster for the whole module: 2 worker processes, 1 thread each."""
    distributed = pytest.importorskip("distributed")
    before = _children()
    local = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    try:
        yield local.scheduler_address
    finally:
        local.close()
        deadline = time.monotonic() + 15
        while (stray := _children() - before) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not stray, f"worker processes left behind: {stray}"


# -- Dask ---------------------------------------------------------------------------------------


def test_dask_scan_records_every_input_once_with_single_process_labels(
    tmp_path: Path,
    shipped: Any,
    site: tuple[LocalSite, list[str]],
    source: Path,
    expected: dict[str, Any],
    dask_address: str,
) -> None:
    calls: Counter[str] = Counter()
    path = tmp_path / "s.sqlite"
    summary = _scan(path, shipped, site[0], source, calls, dask=dask_address)
    assert summary.scored == URLS + 4 and summary.failed == 1 and summary.unfetched == 0
    assert len(calls) == URLS + 5 and set(calls.values()) == {1}
    assert _labels(path, "r1") == expected
    again = _scan(path, shipped, site[0], source, calls, dask=dask_address)  # nothing left to do
    assert again.resumed and again.skipped_done == URLS + 5 and set(calls.values()) == {1}


def test_driver_killed_mid_run_loses_only_unrecorded_partitions(
    tmp_path: Path,
    shipped: Any,
    site: tuple[LocalSite, list[str]],
    source: Path,
    expected: dict[str, Any],
    dask_address: str,
) -> None:
    calls: Counter[str] = Counter()
    path = tmp_path / "s.sqlite"
    with open_store(path) as store:
        record = store.record

        def dies_after_ten(run_id: int, key: str, snap: Any, verdict: Any) -> None:
            if sum(calls.values()) == 10:
                raise KeyboardInterrupt
            calls[key] += 1
            record(run_id, key, snap, verdict)

        store.record = dies_after_ten  # type: ignore[method-assign]
        with pytest.raises(KeyboardInterrupt):
            Scanner(shipped, store, _settings(site[0])).run(
                source, "r1", progress=False, dask=dask_address
            )
    resumed = _scan(path, shipped, site[0], source, calls, dask=dask_address)
    assert resumed.resumed and resumed.skipped_done == 10
    assert resumed.scored + resumed.failed == URLS + 5 - 10
    assert len(calls) == URLS + 5 and set(calls.values()) == {1}
    assert _labels(path, "r1") == expected


def test_a_failing_dask_task_fails_its_rows_and_the_batch_goes_on(
    tmp_path: Path, shipped: Any, dask_address: str
) -> None:
    rows = [_row(f"https://a{i}.example/") for i in range(6)] + [("bad", "{no")]
    missing = _fake_scanner(tmp_path / "no-model", sha=None)
    out = list(process_on_dask(missing, rows, dask_address, partitions=3))
    assert sorted(k for k, _, _ in out) == sorted(k for k, _ in rows)
    for key, snap, verdict in out:
        assert verdict.error and verdict.error.startswith("cluster.failed: ModelLoadError")
        assert snap.id == key and verdict.model == "m" and verdict.label is None
    assert {s.url for k, s, _ in out if k != "bad"} == {k for k, _ in rows if k != "bad"}
    # A worker whose model differs from the driver's refuses to score with it.
    other = _fake_scanner(shipped.artifact.path, sha="0" * 64)
    out = list(process_on_dask(other, rows[:2], dask_address))
    assert len(out) == 2 and all("not the driver's" in (v.error or "") for _, _, v in out)


def _fake_scanner(model_dir: Path, sha: str | None) -> Any:
    artifact = SimpleNamespace(path=model_dir, sidecar={"model_sha256": sha} if sha else {})
    return SimpleNamespace(
        detector=SimpleNamespace(artifact=artifact, model_name="m"),
        settings=Settings(offline=True),
        batch_size=8,
    )


def test_bad_scheduler_addresses_are_config_errors_within_the_timeout(
    shipped: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 2.0)
    plain = Scanner(shipped, None, Settings())
    rows = [_row("https://x.example/")]
    start = time.monotonic()
    with pytest.raises(ConfigError, match=r"tcp://127\.0\.0\.1:9\b"):
        list(process_on_dask(plain, rows, "tcp://127.0.0.1:9"))
    assert time.monotonic() - start < 10
    with pytest.raises(ConfigError, match=r"http://127\.0\.0\.1:9"):
        list(process_on_dask(plain, rows, "http://127.0.0.1:9"))
    assert list(process_on_dask(plain, [], "tcp://127.0.0.1:9")) == []  # nothing to send


def test_missing_dask_extra_says_what_to_install(
    shipped: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    with pytest.raises(ConfigError, match=r"\[dask\]"):
        list(process_on_dask(Scanner(shipped, None), [_row("https://x.example/")], "local"))


def test_custom_fetchers_are_for_local_runs_only(shipped: Any) -> None:
    scanner = Scanner(shipped, None, Settings(), fetcher=lambda urls: [])
    with pytest.raises(ValueError, match="custom fetcher"):
        list(process_in_pool(scanner, [_row("https://x.example/")], 2))
    with pytest.raises(ValueError, match="custom fetcher"):
        list(process_on_dask(scanner, [_row("https://x.example/")], "local"))


# -- local processes and the worker task --------------------------------------------------------


def test_local_worker_processes_give_the_single_process_labels(
    tmp_path: Path,
    shipped: Any,
    site: tuple[LocalSite, list[str]],
    source: Path,
    expected: dict[str, Any],
) -> None:
    calls: Counter[str] = Counter()
    path = tmp_path / "s.sqlite"
    summary = _scan(path, shipped, site[0], source, calls, workers=2)
    assert summary.scored == URLS + 4 and summary.failed == 1
    assert len(calls) == URLS + 5 and set(calls.values()) == {1}
    assert _labels(path, "r1") == expected


def test_a_failing_partition_fails_its_rows_only(tmp_path: Path) -> None:
    rows = [_row(f"https://a{i}.example/") for i in range(5)]
    out = list(process_in_pool(_fake_scanner(tmp_path / "no-model", None), rows, 2))
    assert sorted(k for k, _, _ in out) == sorted(k for k, _ in rows)
    assert all(v.error and v.error.startswith("cluster.failed") for _, _, v in out)


def test_worker_task_loads_the_model_once_and_checks_its_hash(shipped: Any) -> None:
    model_dir = str(shipped.artifact.path.resolve())
    sha = shipped.artifact.sidecar["model_sha256"]
    settings = Settings(offline=True)
    rows = [("inline", json.dumps({"id": "inline", "html": SCAM_HTML}))]
    cluster._DETECTORS.clear()
    first = score_partition(rows, model_dir, settings, 8, sha)
    cached = dict(cluster._DETECTORS)
    assert score_partition(rows, model_dir, settings, 8, sha) == first
    assert len(cached) == 1 and cached.keys() == cluster._DETECTORS.keys()
    assert all(cluster._DETECTORS[k] is v for k, v in cached.items())  # loaded once
    ((key, _snap, verdict, features),) = first
    assert key == "inline" and verdict["label"] == shipped.score({"html": SCAM_HTML}).label
    assert features
    with pytest.raises(ModelLoadError, match="not the driver's"):
        score_partition(rows, model_dir, settings, 8, "f" * 64)
    cluster._DETECTORS.clear()
