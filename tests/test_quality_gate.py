"""Quality gate: the shipped model is what training reproduces, and its real-data figures hold.

The floors are pinned below the figures in models/default/model.json. A change that lowers
quality fails here unless the floor is lowered on purpose in the same commit. The judge is
grouped cross-validation over the real sets in ../shared/data (markup only); the generated corpus
only adds training data.
"""

import json

import pytest

from detector.detector import default_model_dir
from detector.model import evaluate
from detector.model.artifact import blas_kernels
from detector.model.build import build
from detector.model.real import available
from tests.conftest import ROOT, SHARED_DATA

# Grouped (by family) CV over the real sets, markup only.
REAL_FLOORS = {"roc_auc": 0.97, "pr_auc": 0.97, "tpr_at_2pct_fpr": 0.85, "recall_flagged": 0.92}
REAL_CEILINGS = {"fpr_scam": 0.02, "fpr_flagged": 0.1}
# Each real set on its own, inside the same CV.
PER_SET_FLOORS = {"real-pages": {"roc_auc": 0.96}, "html-samples": {"roc_auc": 0.98}}
# Leave one source out: trained without a real set, tested on it (threshold-free figures).
LOSO_FLOORS = {
    "html-samples": {"roc_auc": 0.89, "tpr_at_2pct_fpr": 0.7},
    "real-pages": {"roc_auc": 0.91, "tpr_at_2pct_fpr": 0.65},
}
URL_FLOORS = {"roc_auc": 0.8, "recall_flagged": 0.5}
URL_CEILINGS = {"fpr_flagged": 0.05}


def shipped_sidecar():
    return json.loads((default_model_dir() / "model.json").read_text())


def _needs_real_sets():
    if not SHARED_DATA.is_dir() or not available(SHARED_DATA):
        pytest.skip("../shared/data with real-pages/ and html-samples/ not present")


@pytest.fixture(scope="session")
def retrained(tmp_path_factory):
    _needs_real_sets()
    out = tmp_path_factory.mktemp("model")
    return build(ROOT / "data", out, shared=SHARED_DATA, evaluation=False)


# Retraining the shipped configuration (extraction, read from the feature cache when warm,
# then 5 grouped folds in 2 processes and the final fit; no candidate search, no evaluation
# table) takes well under a minute on 2 idle cores (`python bench/train.py`) and a few minutes
# when other CPU-heavy jobs share them: the timeout leaves more than 10x that.
@pytest.mark.timeout(1800)
def test_training_reproduces_the_shipped_model(retrained):
    shipped = shipped_sidecar()
    assert retrained["training_data_sha256"] == shipped["training_data_sha256"], (
        "data/ or ../shared/data changed since the shipped model was trained: run `make model`"
    )
    assert retrained["feature_schema_hash"] == shipped["feature_schema_hash"]
    assert retrained["version"] == shipped["version"]
    assert retrained["estimator"] == shipped["estimator"]
    assert retrained["text_weight"] == shipped["text_weight"]
    # The sidecar names the OpenBLAS kernels training ran with (the Makefile asks for the
    # shipped model's where the CPU has AVX-512). Other kernels round differently: thresholds
    # then move in the sixth digit.
    assert retrained["blas_kernels"] == blas_kernels()
    if retrained["blas_kernels"] == shipped["blas_kernels"]:
        assert retrained["thresholds"] == shipped["thresholds"]
    else:
        for key, value in shipped["thresholds"].items():
            assert retrained["thresholds"][key] == pytest.approx(value, abs=1e-5), (
                key,
                retrained["blas_kernels"],
            )
    assert retrained["metrics"] == shipped["metrics"]
    assert retrained["comparison"] == shipped["comparison"]


def test_shipped_model_was_judged_on_real_data():
    side = shipped_sidecar()
    assert side["judge"] == "real", "the shipped model must be trained with ../shared/data present"
    assert set(side["shared_data"]["sets"]) == {"real-pages", "html-samples"}


def test_real_grouped_cv_floors():
    side = shipped_sidecar()
    overall = side["metrics"]["real_grouped_cv"]["overall"]
    for key, floor in REAL_FLOORS.items():
        assert overall[key] >= floor, f"real grouped CV {key} {overall[key]} fell below {floor}"
    for key, ceiling in REAL_CEILINGS.items():
        assert overall[key] <= ceiling, f"real grouped CV {key} {overall[key]} rose above {ceiling}"
    per_set = side["metrics"]["real_grouped_cv"]["per_set"]
    for name, floors in PER_SET_FLOORS.items():
        for key, floor in floors.items():
            assert per_set[name][key] >= floor, f"{name} {key} {per_set[name][key]} < {floor}"


def test_ahead_of_the_baseline_on_the_same_splits():
    comparison = shipped_sidecar()["comparison"]
    ours, base = comparison["blend"], comparison["baseline_tfidf_forms"]
    assert ours["roc_auc"] > base["roc_auc"]
    assert ours["tpr_at_2pct_fpr"] >= base["tpr_at_2pct_fpr"]


def test_leave_one_source_out_floors_and_baseline():
    loso = shipped_sidecar()["evaluation"]["leave_one_source_out"]
    for name, floors in LOSO_FLOORS.items():
        ours, base = loso[name]["blend"], loso[name]["baseline_tfidf_forms"]
        for key, floor in floors.items():
            assert ours[key] >= floor, f"without {name}: {key} {ours[key]} < {floor}"
            assert ours[key] > base[key], f"without {name}: {key} not ahead of the baseline"


def test_url_only_floors(shipped):
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data not present")
    real = evaluate.real_data(shipped, SHARED_DATA, html=False)
    if real["url_only"] is None:
        pytest.skip("URL feeds not present")
    overall = real["url_only"]["overall"]
    for key, floor in URL_FLOORS.items():
        assert overall[key] >= floor, f"url_only {key} {overall[key]} fell below {floor}"
    for key, ceiling in URL_CEILINGS.items():
        assert overall[key] <= ceiling, f"url_only {key} {overall[key]} rose above {ceiling}"
    assert overall == shipped_sidecar()["real_data"]["url_only"]["overall"]


def test_languages_with_few_items_are_reported_together():
    from types import SimpleNamespace

    from detector.model.train import MIN_LANGUAGE_ROWS, by_language

    examples = [SimpleNamespace(lang="en")] * MIN_LANGUAGE_ROWS
    examples += [SimpleNamespace(lang="vi"), SimpleNamespace(lang=""), SimpleNamespace(lang="pt")]
    assert list(by_language(examples)) == ["en"] * MIN_LANGUAGE_ROWS + ["other"] * 3


def test_the_shipped_model_reports_each_language_of_the_real_items():
    side = shipped_sidecar()
    cv = side["metrics"]["real_grouped_cv"]
    per_language = cv["per_language"]
    assert sum(row["n"] for row in per_language.values()) == cv["overall"]["n"]
    assert "en" in per_language
    card = (default_model_dir() / "MODEL_CARD.md").read_text()
    assert "Per language" in card and "| en |" in card
