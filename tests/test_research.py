"""The research API, used as a researcher would: ``import detector`` and nothing else."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import numpy as np
import pytest

pd = pytest.importorskip("pandas")

import detector  # noqa: E402
from detector.model.artifact import clean_json  # noqa: E402
from detector.model.pipeline import CANDIDATES  # noqa: E402
from tests.conftest import SHARED_DATA  # noqa: E402

PAGE = {
    "url": "https://tiktok-viewers.example/",
    "html": "<h1>See who viewed your TikTok profile</h1><form action='https://x.example/p'>"
    "<input name=username><input type=password name=pw></form>",
}


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> pd.DataFrame:
    """A fixed, label-balanced slice of data/ (no real sets: the tests run without them)."""
    corpus = detector.load_corpus(shared=tmp_path_factory.mktemp("no-shared"))
    return corpus.groupby("label", group_keys=False).sample(n=70, random_state=7)


@pytest.fixture(scope="module")
def logistic(small):
    return detector.train(small, splits=3, baseline=False, name="lr")


@pytest.fixture(scope="module")
def forest(small, tmp_path_factory):
    from sklearn.ensemble import RandomForestClassifier

    est = RandomForestClassifier(n_estimators=15, min_samples_leaf=2, random_state=0)
    cand = detector.train(small, est, splits=3, baseline=False, name="forest")
    return cand, cand.save(tmp_path_factory.mktemp("models") / "forest")


def test_corpus_frame_columns_and_rows(tmp_path):
    corpus = detector.load_corpus(shared=tmp_path / "missing")
    # The documented columns, in order (docs/research.md).
    assert " ".join(corpus.columns) == (
        "id kind label y subtype family language source set url snapshot"
    )
    assert set(corpus["label"]) == {"scam", "benign"}
    assert (corpus["y"] == (corpus["label"] == "scam")).all()
    assert set(corpus["set"]) == {"corpus"}  # the shared folder is missing: data/ alone
    assert set(corpus["kind"]) <= {"page", "ad", "app_listing", "extension_listing"}
    assert corpus["family"].nunique() > 10
    assert isinstance(corpus["snapshot"].iloc[0], detector.Snapshot)


def test_corpus_frame_adds_the_real_sets_when_present():
    if not (SHARED_DATA / "real-pages" / "index.csv").is_file():
        pytest.skip("shared data not present")
    corpus = detector.load_corpus(shared=SHARED_DATA)
    alone = detector.load_corpus(real=False)
    real = corpus[corpus["set"] != "corpus"]
    assert len(corpus) == len(alone) + len(real)
    assert {"real-pages", "html-samples"} <= set(real["set"])
    assert real["family"].str.startswith(("real-pages:", "html-samples:")).all()


def test_shared_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DETECTOR_SHARED_DATA", str(tmp_path))
    assert detector.shared_dir() == tmp_path
    assert set(detector.load_corpus()["set"]) == {"corpus"}


def test_feature_matrix_is_named_and_aligned(small):
    names = detector.SnapshotFeatures().get_feature_names_out()
    X = detector.feature_matrix(small)
    assert list(X.index) == list(small.index)
    numeric = [n for n in names if n in X.columns]
    assert len(numeric) > 100
    # Text-valued features are one-hot columns name=value; every name is accounted for.
    assert all(n in X.columns or any(c.startswith(n + "=") for c in X.columns) for n in names)
    only = detector.feature_matrix(small, families=("credential",))
    assert len(only.columns) and all(c.startswith("credential.") for c in only.columns)
    assert list(detector.SnapshotFeatures(families=("credential",)).get_feature_names_out()) == [
        c for c in names if c.startswith("credential.")
    ]
    extra = detector.feature_matrix(small.head(3), extra=lambda s: {"my.len": len(s.html or "")})
    assert "my.len" in extra.columns


def test_a_forest_trains_saves_and_loads_through_the_public_api(forest):
    cand, path = forest
    assert "RandomForestClassifier" in cand.estimator
    assert "named features -> RandomForestClassifier)" in (path / "MODEL_CARD.md").read_text()
    assert cand.sidecar["shared_data"]["sha256"] is None  # the slice holds no real examples
    loaded = detector.Detector.load(path)
    assert "RandomForestClassifier" in loaded.artifact.sidecar["estimator"]
    verdict = loaded.score(PAGE)
    assert verdict.error is None and verdict.model == "forest@" + cand.sidecar["version"]
    assert verdict.score == pytest.approx(cand.detector().score(PAGE).score)
    oof = cand.out_of_fold()
    assert len(oof) == 140 and oof["score"].between(0, 1).all()
    assert set(oof["verdict"]) <= {"scam", "suspicious", "benign"}


def test_training_changes_no_global_state(small, logistic):
    before = dict(CANDIDATES)
    from sklearn.ensemble import ExtraTreesClassifier

    detector.train(
        small.sample(60, random_state=1),
        ExtraTreesClassifier(n_estimators=5),
        splits=2,
        baseline=False,
    )
    assert before == CANDIDATES
    assert "logistic" in logistic.estimator


def test_a_classifier_the_allow_list_lacks_trains_but_is_not_saved(small, tmp_path):
    from sklearn.neighbors import KNeighborsClassifier

    cand = detector.train(small, KNeighborsClassifier(), splits=2, baseline=False)
    assert cand.out_of_fold()["score"].notna().all()
    with pytest.raises(detector.ModelLoadError, match="KNeighborsClassifier"):
        cand.save(tmp_path / "knn")
    assert not (tmp_path / "knn").exists()


def test_a_classifier_without_probabilities_is_refused(small):
    from sklearn.svm import LinearSVC

    with pytest.raises(TypeError, match="predict_proba"):
        detector.train(small, LinearSVC())


def test_notebook_features_are_compared_not_saved(small, logistic, tmp_path):
    def has_pw(snap):
        return {"notebook.password_word": int("password" in (snap.html or "").lower())}

    cand = detector.train(small, splits=3, baseline=False, extra=has_pw)
    assert "notebook.password_word" in cand.result.model.signals.named_steps["vec"].vocabulary_
    with pytest.raises(ValueError, match="detector/extract"):
        cand.save(tmp_path / "x")


def test_evaluate_is_the_cli_report(forest, tmp_path):
    from detector.cli import main

    _cand, path = forest
    missing = tmp_path / "no-shared"
    report = detector.evaluate(path, shared=missing)
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["evaluate", "--model", str(path), "--shared", str(missing), "--json"]) == 0
    assert json.loads(out.getvalue()) == json.loads(json.dumps(clean_json(report)))
    assert report["metrics_from_training"]["corpus_grouped_cv"]["overall"]["n"] == 140


def _verdict_labels(det, frame):
    return [v.label for v in det.score_many(list(frame["snapshot"]))]


def test_compare_lists_exactly_the_changed_verdicts(small, logistic, tmp_path):
    strict = logistic
    loose = detector.train(small, splits=3, baseline=False, scam_fpr=0.3, suspicious_fpr=0.4)
    result = detector.compare(
        strict.detector(), loose.detector(), data=small, shared=tmp_path / "none"
    )
    a = _verdict_labels(strict.detector(), small)
    b = _verdict_labels(loose.detector(), small)
    expected = [i for i, x, y in zip(small["id"], a, b, strict=True) if x != y]
    assert expected, "looser thresholds must change some verdicts"
    assert [c["id"] for c in result["changed"]] == expected
    assert sum(result["changed_counts"].values()) == len(expected)
    assert result["changed_by_group"]["labelled"] == result["changed_counts"]
    for change in result["changed"]:
        assert change["a"]["label"] != change["b"]["label"]
        if change["truth"] == "benign" and change["b"]["label"] != "benign":
            assert change["effect"] in ("broken", "moved")
    table = detector.compare_table(result)
    fpr = table[(table["group"] == "scored now: labelled") & (table["metric"] == "fpr_flagged")]
    row = fpr.iloc[0]
    assert row["diff"] == pytest.approx(row["b"] - row["a"], abs=1e-4) and row["b"] > row["a"]
    assert result["same_splits"]
    # Two candidates: their out-of-fold verdicts, on the same folds.
    oof = detector.compare(strict, loose)
    fa, fb = strict.out_of_fold(), loose.out_of_fold()
    moved = fa.loc[fa["verdict"] != fb["verdict"], "id"].tolist()
    assert moved and [c["id"] for c in oof["changed"]] == moved
    assert all(c["group"] == "out-of-fold: corpus" for c in oof["changed"])


def test_compare_of_a_model_with_itself_changes_nothing(small, forest, tmp_path):
    from detector.cli import main

    _cand, path = forest
    corpus = tmp_path / "labelled" / "corpus"
    corpus.mkdir(parents=True)
    rows = [
        {**s.to_dict(), "label": label, "family": fam}
        for s, label, fam in small[["snapshot", "label", "family"]].head(30).itertuples(index=False)
    ]
    (corpus / "few.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    out = io.StringIO()
    with redirect_stdout(out):
        argv = ["evaluate", "--compare", str(path), str(path), "--data", str(corpus.parent)]
        code = main([*argv, "--shared", str(tmp_path)])
    text = out.getvalue()
    assert code == 0
    assert "verdicts changed: 0 of 30 items" in text
    assert "| scored now: labelled | n |" in text
    diffs = [line.rsplit("|", 2)[-2].strip() for line in text.splitlines() if line.startswith("|")]
    assert {d for d in diffs[2:] if d} == {"0.0000"}


def test_read_run_returns_verdicts_features_and_labels(shipped, tmp_path):
    from detector.store import open_store

    db = tmp_path / "s.sqlite"
    snaps = [detector.Snapshot.coerce(PAGE), detector.Snapshot(url="https://example.org/")]
    with open_store(db) as store:
        run_id, _ = store.create_or_resume_run("r1")
        store.add_inputs(run_id, [(s.url, json.dumps(s.to_dict())) for s in snaps])
        for snap, verdict in zip(snaps, shipped.score_many(snaps), strict=True):
            store.record(run_id, snap.url, snap, verdict)
        store.add_label(snaps[0].url, "scam")
    frame = detector.read_run(db, "r1")
    assert list(frame["key"]) == [s.url for s in snaps]
    assert frame.loc[0, "analyst_label"] == "scam" and frame["analyst_label"].isna().tolist() == [
        False,
        True,
    ]
    assert frame["score"].between(0, 1).all()
    assert "f:credential.password_fields" in frame.columns
    assert frame.loc[0, "f:credential.password_fields"] == 1
    with pytest.raises(detector.DetectorError, match="no run"):
        detector.read_run(db, "nope")


def test_train_refuses_a_one_label_corpus(small):
    with pytest.raises(ValueError, match="both"):
        detector.train(small[small["label"] == "scam"])
    assert np.all(small["y"].isin([0, 1]))


def test_missing_frame_columns_are_named():
    with pytest.raises(ValueError, match="snapshot"):
        detector.train(pd.DataFrame({"label": ["scam"], "family": ["f"]}))


def test_the_research_module_exports_what_detector_does():
    import detector.research as research

    for name in ("train", "evaluate", "compare", "load_corpus", "read_run", "feature_matrix"):
        assert getattr(detector, name) is getattr(research, name)
    assert Path(detector.shared_dir()).name == "data" or detector.shared_dir()
