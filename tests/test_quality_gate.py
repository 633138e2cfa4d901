"""Quality gate: the shipped model is reproducible and its measured quality stays above floors.

The floors are pinned below the figures in models/default/model.json. A change that lowers
quality fails here unless the floor is lowered on purpose in the same commit.
"""

import json

import pytest

from detector.detector import default_model_dir
from detector.model import evaluate
from detector.model.build import build
from tests.conftest import ROOT, SHARED_DATA

# Grouped (by family) nested cross-validation on data/.
CV_FLOORS = {"roc_auc": 0.96, "pr_auc": 0.96, "tpr_at_1pct_fpr": 0.65, "recall_flagged": 0.8}
CV_CEILINGS = {"fpr_scam": 0.02, "fpr_flagged": 0.08}
# Real data nobody on the team wrote (../shared/data); skipped when absent.
HTML_FLOORS = {"roc_auc": 0.9, "pr_auc": 0.83, "recall_flagged": 0.55}
HTML_CEILINGS = {"fpr_flagged": 0.06}
URL_FLOORS = {"roc_auc": 0.85, "recall_flagged": 0.6}
URL_CEILINGS = {"fpr_flagged": 0.03}


@pytest.fixture(scope="session")
def retrained(tmp_path_factory):
    out = tmp_path_factory.mktemp("model")
    return build(ROOT / "data", out, shared=tmp_path_factory.mktemp("no-shared"))


def shipped_sidecar():
    return json.loads((default_model_dir() / "model.json").read_text())


def test_training_reproduces_the_shipped_model(retrained):
    shipped = shipped_sidecar()
    assert retrained["training_data_sha256"] == shipped["training_data_sha256"], (
        "data/ changed since the shipped model was trained: run `make model` and commit"
    )
    assert retrained["feature_schema_hash"] == shipped["feature_schema_hash"]
    assert retrained["estimator"] == shipped["estimator"]
    assert retrained["thresholds"] == shipped["thresholds"]
    assert retrained["metrics"] == shipped["metrics"]
    assert retrained["comparison"] == shipped["comparison"]


def test_grouped_cv_floors():
    overall = shipped_sidecar()["metrics"]["grouped_cv"]["overall"]
    for key, floor in CV_FLOORS.items():
        assert overall[key] >= floor, f"grouped CV {key} {overall[key]} fell below {floor}"
    for key, ceiling in CV_CEILINGS.items():
        assert overall[key] <= ceiling, f"grouped CV {key} {overall[key]} rose above {ceiling}"


def test_real_data_floors(shipped):
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data not present")
    real = evaluate.real_data(shipped, SHARED_DATA)
    for name, floors, ceilings in (
        ("html_samples", HTML_FLOORS, HTML_CEILINGS),
        ("url_only", URL_FLOORS, URL_CEILINGS),
    ):
        if real[name] is None:
            continue
        overall = real[name]["overall"]
        for key, floor in floors.items():
            assert overall[key] >= floor, f"{name} {key} {overall[key]} fell below {floor}"
        for key, ceiling in ceilings.items():
            assert overall[key] <= ceiling, f"{name} {key} {overall[key]} rose above {ceiling}"
    shipped_real = shipped_sidecar().get("real_data") or {}
    if shipped_real.get("html_samples"):
        assert real["html_samples"]["overall"] == shipped_real["html_samples"]["overall"]
