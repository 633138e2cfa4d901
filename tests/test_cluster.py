"""Scale-out: partitioning by host, local worker processes, and one Dask LocalCluster."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from detector.cluster import partition_by_host, process_in_pool, process_on_dask
from detector.config import Settings
from detector.demo import LocalSite
from detector.errors import ConfigError
from detector.scan import Scanner
from detector.store import Store
from tests.test_scan import PLAIN_HTML, SCAM_HTML


def _row(url: str, key: str | None = None) -> tuple[str, str]:
    return key or url, json.dumps({"url": url})


def test_one_host_never_spans_partitions_and_sizes_balance() -> None:
    rows = [_row(f"https://h{i % 5}.example/{i}") for i in range(50)]
    rows += [_row(f"https://big.example/{i}") for i in range(30)]
    rows += [("loose-1", json.dumps({"html": "<p>x</p>"})), ("bad", "{not json")]
    parts = partition_by_host(rows, 4)
    assert sorted(k for p in parts for k, _ in p) == sorted(k for k, _ in rows)
    owners: dict[str, set[int]] = {}
    for i, part in enumerate(parts):
        for key, _ in part:
            if key.startswith("https://"):
                owners.setdefault(key.split("/")[2], set()).add(i)
    assert all(len(v) == 1 for v in owners.values())
    sizes = sorted(len(p) for p in parts)
    assert sizes[-1] == 30 and sizes[0] >= 10  # the big host alone; the rest spread
    assert partition_by_host([], 3) == [] and len(partition_by_host(rows[:1], 8)) == 1


@pytest.fixture(scope="module")
def site() -> Iterator[tuple[LocalSite, list[str]]]:
    pages = {}
    urls = []
    for i in range(24):
        host = f"site{i % 6}.example"
        pages[(host, f"/p{i}")] = SCAM_HTML if i % 3 == 0 else PLAIN_HTML
        urls.append(f"http://{host}/p{i}")
    with LocalSite(pages) as s:
        yield s, urls


def _input(tmp_path: Path, urls: list[str]) -> Path:
    lines = [json.dumps({"url": u}) for u in urls]
    lines += [json.dumps({"id": f"inline-{i}", "html": SCAM_HTML}) for i in range(4)]
    lines.append("{broken")
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n")
    return src


def _settings(site: LocalSite) -> Settings:
    return Settings(
        allow_loopback=True, connect_to=site.connect_to(), per_host_delay=0.0, offline=True
    )


def _labels(store_path: Path, run: str) -> dict[str, Any]:
    with Store.open(store_path) as store:
        found = store.find_run(run)
        assert found is not None
        return {v.id or v.url: (v.label, v.error is None) for v in store.verdicts(found["id"])}


def _scan(tmp_path: Path, name: str, shipped: Any, site: LocalSite, src: Path, **kw: Any) -> Any:
    with Store.open(tmp_path / f"{name}.sqlite") as store:
        summary = Scanner(shipped, store, _settings(site)).run(src, name, progress=False, **kw)
    return summary, _labels(tmp_path / f"{name}.sqlite", name)


def test_workers_and_dask_give_the_single_process_verdicts(
    tmp_path: Path, shipped: Any, site: tuple[LocalSite, list[str]]
) -> None:
    pytest.importorskip("distributed")
    src = _input(tmp_path, site[1])
    single, expected = _scan(tmp_path, "single", shipped, site[0], src)
    assert single.scored == 28 and single.failed == 1
    assert sum(label == "benign" for label, _ in expected.values()) >= 10
    pooled, got = _scan(tmp_path, "pool", shipped, site[0], src, workers=2)
    assert got == expected and pooled.scored == 28
    on_dask, got = _scan(tmp_path, "dask", shipped, site[0], src, dask="local")
    assert got == expected and on_dask.scored == 28 and on_dask.failed == 1


def test_a_failing_partition_fails_its_rows_only(tmp_path: Path) -> None:
    broken = SimpleNamespace(
        detector=SimpleNamespace(
            artifact=SimpleNamespace(path=tmp_path / "no-model"), model_name="m"
        ),
        settings=Settings(offline=True),
        batch_size=8,
    )
    rows = [_row(f"https://a{i}.example/") for i in range(5)]
    out = list(process_in_pool(broken, rows, 2))
    assert sorted(k for k, _, _ in out) == sorted(k for k, _ in rows)
    assert all(v.error and v.error.startswith("cluster.failed") for _, _, v in out)


def test_custom_fetcher_and_unreachable_scheduler_are_clear(shipped: Any) -> None:
    scanner = Scanner(shipped, None, Settings(), fetcher=lambda urls: [])
    with pytest.raises(ValueError, match="custom fetcher"):
        list(process_in_pool(scanner, [_row("https://x.example/")], 2))
    pytest.importorskip("distributed")
    plain = Scanner(shipped, None, Settings())
    with pytest.raises(ConfigError, match=r"tcp://127\.0\.0\.1:9"):
        list(process_on_dask(plain, [_row("https://x.example/")], "tcp://127.0.0.1:9"))
