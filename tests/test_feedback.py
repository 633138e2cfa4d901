"""Analyst labels: recorded in the store, folded into training with their provenance."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from detector.cli import main
from detector.model.build import build
from detector.model.feedback import analyst_examples
from detector.model.train import TrainConfig
from detector.records import Snapshot, Verdict
from detector.store import open_store
from tests.conftest import ROOT

LURE = "https://viewers-check.example/see"
OTHER = "https://free-coins.example/"


def _store_with_labels(path: Path) -> Path:
    with open_store(path) as store:
        run_id, _ = store.create_or_resume_run("r1")
        store.add_inputs(run_id, [("k1", json.dumps({"url": LURE}))])
        snap = Snapshot(url=LURE, html="<h1>See who viewed your profile</h1>", status=200)
        store.record(run_id, "k1", snap, Verdict(url=LURE, score=0.3, label="benign"))
        store.add_label(LURE, "benign", analyst="ana", run_id=run_id)
        store.add_label(LURE, "scam", analyst="bo", note="kit with a password form")
        store.add_label(OTHER, "scam", analyst="ana")
    return path


def test_newest_label_wins_and_snapshot_comes_from_the_store(tmp_path: Path) -> None:
    with open_store(_store_with_labels(tmp_path / "s.sqlite")) as store:
        examples = {ex.snapshot.url: ex for ex in analyst_examples(store)}
    lure, other = examples[LURE], examples[OTHER]
    assert lure.label == "scam" and "who viewed" in (lure.snapshot.html or "")
    assert lure.family == "analyst:viewers-check.example"
    assert lure.source.startswith("analyst-label:2:bo:cli:")
    assert other.snapshot.html is None and other.y == 1  # never scanned: URL-only example


def test_cli_train_include_labels_passes_them_to_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    def fake_build(data: Path, out: str, **kw: Any) -> dict[str, Any]:
        seen.update(kw)
        return {
            "name": "t",
            "version": "v",
            "estimator": "logistic",
            "judge": "corpus",
            "metrics": {"corpus_grouped_cv": {"overall": {}}},
            "thresholds": {},
            "train_seconds": 0,
        }

    monkeypatch.setattr("detector.model.build.build", fake_build)
    store = _store_with_labels(tmp_path / "s.sqlite")
    args = ["train", "--data", str(ROOT / "data"), "--out", str(tmp_path / "m")]
    assert main([*args, "--include-labels", "--store", str(store)]) == 0
    assert [ex.label for ex in seen["extra"]] == ["scam", "scam"]
    assert main([*args, "--include-labels", "--store", str(tmp_path / "none.sqlite")]) == 2


def test_build_records_analyst_labels_in_sidecar_and_card(tmp_path: Path) -> None:
    data = tmp_path / "data" / "corpus"
    data.mkdir(parents=True)
    rows = [json.loads(line) for line in (ROOT / "data/corpus/pages.jsonl").open()]
    by_family: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_family.setdefault(row["family"], []).append(row)
    small = [r for fam in sorted(by_family)[:24] for r in by_family[fam][:4]]
    assert {r["label"] for r in small} == {"scam", "benign"}
    (data / "small.jsonl").write_text("".join(json.dumps(r) + "\n" for r in small))
    with open_store(_store_with_labels(tmp_path / "s.sqlite")) as store:
        extra = analyst_examples(store)
    cfg = TrainConfig(splits=3, baseline=False)
    side = build(
        tmp_path / "data",
        tmp_path / "m",
        cfg=cfg,
        shared=tmp_path / "no-shared",
        extra=extra,
        evaluation=False,
    )
    assert side["analyst_labels"]["count"] == 2 and side["analyst_labels"]["scam"] == 2
    assert side["counts"]["examples"] == len(small) + 2
    assert "2 analyst labels" in (tmp_path / "m" / "MODEL_CARD.md").read_text()
    plain = build(
        tmp_path / "data", tmp_path / "m2", cfg=cfg, shared=tmp_path / "no-shared", evaluation=False
    )
    assert plain["judge"] == "corpus" and plain["shared_data"]["sets"] == []
    assert "analyst_labels" not in plain
    assert plain["training_data_sha256"] != side["training_data_sha256"]


def test_the_model_version_names_its_data_features_and_lexicons(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from types import SimpleNamespace

    from detector.model import build as build_module

    result = SimpleNamespace(
        name="blend",
        text_weight=0.5,
        judge="real",
        platt=SimpleNamespace(a=1.0, b=0.0),
        thresholds=SimpleNamespace(scam=0.7, suspicious=0.3),
        metrics={},
        comparison={},
        counts={},
        seconds=1.0,
    )

    def version(digest: str = "d" * 64) -> str:
        side = build_module.describe(result, TrainConfig(), "m", digest, [], None)  # type: ignore[arg-type]
        return str(side["version"])

    first = version()
    assert first == version() and len(first) == 12
    assert version("e" * 64) != first  # other training data
    monkeypatch.setattr(build_module, "schema_hash", lambda: "another-schema")
    assert version() != first  # the same data read into other features
    monkeypatch.undo()
    monkeypatch.setattr(build_module, "lexicons_digest", lambda: "other-words")
    assert version() != first
