"""Fast retraining: the feature cache and parallel folds change the time, never the model."""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from detector.cli import main
from detector.model import cache as cache_mod
from detector.model import train as train_mod
from detector.model.cache import FeatureCache, snapshot_key
from detector.model.data import load_corpus
from detector.model.train import TrainConfig, featurize, out_of_fold
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def picked():
    rows = load_corpus(ROOT / "data")
    out = rows[:: max(1, len(rows) // 90)]
    assert {e.label for e in out} == {"scam", "benign"}
    return out


def test_cached_features_equal_fresh_ones(picked, tmp_path):
    fresh = featurize(picked)
    first = FeatureCache(tmp_path)
    assert first.entries == {}
    featurize(picked, cache=first)
    assert first.hits == 0 and first.misses == len(fresh.rows)

    again = FeatureCache(tmp_path)  # read back from disk
    cached = featurize(picked, cache=again)
    assert again.misses == 0 and again.hits == len(fresh.rows)
    assert cached.rows == fresh.rows
    assert [type(v) for r in cached.rows for v in r.values()] == [
        type(v) for r in fresh.rows for v in r.values()
    ]
    assert cached.docs == fresh.docs


def test_cache_file_is_plain_json_named_by_the_extractor(picked, tmp_path):
    store = FeatureCache(tmp_path)
    featurize(picked[:5], cache=store)
    blob = json.loads(store.path.read_text(encoding="utf-8"))
    assert blob["extractor"] == cache_mod.extractor_id()
    assert store.path.name == f"features-{cache_mod.extractor_id()}.json"
    assert not zipfile.is_zipfile(store.path)


def test_another_extractor_never_reads_the_entries(picked, tmp_path, monkeypatch):
    featurize(picked[:5], cache=FeatureCache(tmp_path))
    monkeypatch.setattr(cache_mod, "extractor_id", lambda: "another-version")
    other = FeatureCache(tmp_path)
    assert other.entries == {}


def test_a_changed_snapshot_misses(picked, tmp_path):
    snap = picked[0].snapshot
    changed = replace(snap, html=(snap.html or "") + "<p>one more line</p>")
    assert snapshot_key(snap) != snapshot_key(changed)


def test_a_broken_cache_file_is_rebuilt(picked, tmp_path):
    store = FeatureCache(tmp_path)
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text("{not json", encoding="utf-8")
    again = FeatureCache(tmp_path)
    assert again.entries == {}
    featurize(picked[:3], cache=again)
    assert FeatureCache(tmp_path).entries.keys() == again.entries.keys()


def test_parallel_folds_give_the_same_scores(picked):
    data = featurize(picked)
    judged = np.arange(len(picked))
    cfg = TrainConfig(splits=3, baseline=True)
    one = out_of_fold(data, judged, replace(cfg, jobs=1))
    two = out_of_fold(data, judged, replace(cfg, jobs=2))
    assert np.array_equal(one.signals, two.signals)
    assert np.array_equal(one.text, two.text)
    assert one.baseline is not None and two.baseline is not None
    assert np.array_equal(one.baseline, two.baseline)
    assert one.as_text == two.as_text


def test_train_refuses_an_unknown_estimator(tmp_path: Path, capsys):
    code = main(
        ["train", "--no-shared", "--out", str(tmp_path / "m"), "--estimator", "no_such_model"]
    )
    assert code != 0
    assert "--estimator" in capsys.readouterr().err
    assert not (tmp_path / "m").exists()


def test_extraction_in_processes_gives_the_same_rows_in_order(picked, tmp_path, monkeypatch):
    monkeypatch.setattr(train_mod, "_PARALLEL_EXTRACT_MIN", 2)
    serial = featurize(picked)
    store = FeatureCache(tmp_path)
    parallel = featurize(picked, cache=store, jobs=2)
    assert store.misses > 2 and store.hits >= 0
    assert parallel.rows == serial.rows
    assert parallel.docs == serial.docs
    # A second pass reads everything from the cache and computes nothing.
    again = FeatureCache(tmp_path)
    featurize(picked, cache=again, jobs=2)
    assert again.misses == 0 and again.hits == len(parallel.rows)


def test_signal_matrix_slices_are_what_the_vectoriser_gives(picked):
    from sklearn.feature_extraction import DictVectorizer

    from detector.model.pipeline import SignalMatrix

    data = featurize(picked)
    matrix = SignalMatrix.of(data.rows)
    assert (matrix.X.data == 0).any()  # keys present with 0 are stored, as the vectoriser does
    rng = np.random.default_rng(7)
    for _ in range(3):
        idx = np.sort(rng.choice(len(data.rows), size=len(data.rows) // 2, replace=False))
        part = matrix.take(idx)
        vec = DictVectorizer(sparse=True, sort=True)
        direct = vec.fit_transform([data.rows[i] for i in idx])
        assert part.names == vec.feature_names_
        assert type(part.X) is type(direct)
        for attr in ("data", "indices", "indptr"):
            mine, theirs = getattr(part.X, attr), getattr(direct, attr)
            assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs), attr


def test_a_blend_fitted_from_the_signal_matrix_is_the_same_model(picked):
    from detector.model.pipeline import Blend, SignalMatrix

    data = featurize(picked)
    half = np.arange(0, len(data.rows), 2)
    rows, docs = data.take_rows(half), data.take_docs(half)
    y = np.array([data.examples[int(i)].y for i in data.original(half)])
    factories = train_mod.signals_factories(TrainConfig())
    plain = Blend.fit(rows, docs, y, 0.5, factories)
    quick = Blend.fit(
        rows, docs, y, 0.5, factories, signals_matrix=SignalMatrix.of(data.rows).take(half)
    )
    assert (
        quick.signals.named_steps["vec"].vocabulary_ == plain.signals.named_steps["vec"].vocabulary_
    )
    others = data.take_rows(np.arange(1, len(data.rows), 2))
    assert np.array_equal(quick.signals_log_odds(others), plain.signals_log_odds(others))
