"""Candidate estimators: feature dicts in, probability of scam out.

The shipped artifact is the fitted ``Pipeline`` of DictVectorizer (+ scaler) and classifier; the
stateless ``SnapshotFeatures`` step is put in front at load time, so the file holds only
scikit-learn and NumPy types (see ``artifact``). Calibration is a Platt mapping fitted on
grouped out-of-fold scores and stored in the sidecar (``train``).
"""

from __future__ import annotations

from collections.abc import Callable

from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MaxAbsScaler

SEED = 20261123


def logistic() -> Pipeline:
    """Sparse linear model: every weight readable, robust on small data."""
    return Pipeline(
        [
            ("vec", DictVectorizer(sparse=True, sort=True)),
            ("scale", MaxAbsScaler()),
            (
                "clf",
                LogisticRegression(
                    C=0.5,
                    class_weight="balanced",
                    max_iter=5000,
                    solver="liblinear",
                    random_state=SEED,
                ),
            ),
        ]
    )


def gradient_boosting() -> Pipeline:
    """Tree ensemble: interactions (claim x credential x host) without hand-made crosses."""
    return Pipeline(
        [
            ("vec", DictVectorizer(sparse=False, sort=True)),
            (
                "clf",
                HistGradientBoostingClassifier(
                    max_iter=200,
                    learning_rate=0.08,
                    max_leaf_nodes=15,
                    min_samples_leaf=10,
                    l2_regularization=1.0,
                    class_weight="balanced",
                    random_state=SEED,
                ),
            ),
        ]
    )


def random_forest() -> Pipeline:
    return Pipeline(
        [
            ("vec", DictVectorizer(sparse=False, sort=True)),
            (
                "clf",
                RandomForestClassifier(
                    n_estimators=300,
                    min_samples_leaf=2,
                    max_features="sqrt",
                    class_weight="balanced_subsample",
                    n_jobs=1,
                    random_state=SEED,
                ),
            ),
        ]
    )


CANDIDATES: dict[str, Callable[[], Pipeline]] = {
    "logistic": logistic,
    "gradient_boosting": gradient_boosting,
    "random_forest": random_forest,
}
