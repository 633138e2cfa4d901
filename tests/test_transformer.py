"""SnapshotFeatures follows the scikit-learn estimator contract.

Its input is a sequence of snapshots, not a numeric array, so ``parametrize_with_checks`` (which
feeds random float arrays) does not apply; the data-free contract checks below do.
"""

from sklearn.base import clone
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline
from sklearn.utils.estimator_checks import (
    check_get_params_invariance,
    check_no_attributes_set_in_init,
    check_parameters_default_constructible,
    check_set_params,
)

from detector.extract.transformer import SnapshotFeatures
from detector.records import Snapshot

SCAM = {
    "url": "https://tiktok-viewers.xyz/",
    "html": "<title>See who viewed your TikTok</title>"
    "<form action='https://x.example/p'><input name=user><input type=password name=pw></form>",
}
OK = {
    "url": "https://www.tiktok.com/help",
    "html": "<p>Can you see who viewed your TikTok? "
    "No. You can only see profile views if both of you turned on Profile view history.</p>",
}


def test_contract_checks():
    est = SnapshotFeatures()
    check_no_attributes_set_in_init("SnapshotFeatures", est)
    check_get_params_invariance("SnapshotFeatures", est)
    check_set_params("SnapshotFeatures", est)
    check_parameters_default_constructible("SnapshotFeatures", SnapshotFeatures())
    assert clone(SnapshotFeatures(families=("url",))).families == ("url",)


def test_fit_returns_self_and_transform_gives_dicts():
    est = SnapshotFeatures()
    assert est.fit([SCAM]) is est and est.n_features_in_ == 1
    rows = est.transform([SCAM, Snapshot.from_dict(OK)])
    assert rows[0]["credential.password_fields"] == 1 and rows[1]["url.is_tiktok"] == 1


def test_family_selection_and_drop():
    rows = SnapshotFeatures(families=("url", "claims"), drop=("url.known",)).transform([SCAM])
    assert rows[0] and all(k.startswith(("url.", "claims.")) for k in rows[0])
    assert "url.known" not in rows[0]


def test_grid_search_over_the_whole_pipeline():
    X = [SCAM, OK] * 6
    y = [1, 0] * 6
    pipe = Pipeline(
        [("features", SnapshotFeatures()), ("vec", DictVectorizer()), ("clf", LogisticRegression())]
    )
    grid = GridSearchCV(pipe, {"features__families": [None, ("url",)]}, cv=2).fit(X, y)
    assert grid.best_estimator_.predict([SCAM])[0] == 1
