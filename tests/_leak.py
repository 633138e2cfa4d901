"""Shared house-style leak check for the corpus tests: can style features alone predict labels?"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def grouped_style_auc(rows: list[dict[str, Any]], style: Callable[[dict[str, Any]], Any]) -> float:
    """ROC-AUC of a logistic model on ``style(row)`` features, 5-fold grouped by family."""
    x = np.array([style(r) for r in rows])
    y = np.array([r["label"] == "scam" for r in rows])
    groups = [r["family"] for r in rows]
    proba = np.zeros(len(rows))
    for train, test in GroupKFold(n_splits=5).split(x, y, groups):
        model = make_pipeline(StandardScaler(), LogisticRegression())
        proba[test] = model.fit(x[train], y[train]).predict_proba(x[test])[:, 1]
    return float(roc_auc_score(y, proba))
