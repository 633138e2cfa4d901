"""Training: grouped (by family) cross-validation, model comparison, calibration, thresholds.

Families (campaigns, templates, publishers) never straddle a train/test split. Each candidate
is scored by nested grouped CV: inside every outer training split, an inner grouped CV gives
out-of-fold scores that fit the calibration and choose the thresholds, which are then applied to
the outer test fold. So the reported precision/recall come from thresholds never tuned on the
rows they are measured on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.pipeline import Pipeline

from detector.extract.features import extract_features
from detector.model.data import Example
from detector.model.metrics import (
    Platt,
    Thresholds,
    binary_report,
    breakdown,
    choose_thresholds,
    rounded,
)
from detector.model.pipeline import CANDIDATES, SEED

FeatureDicts = list[dict[str, Any]]


@dataclass(frozen=True)
class TrainConfig:
    outer_splits: int = 5
    inner_splits: int = 4
    scam_fpr: float = 0.01  # the scam threshold keeps benign false positives at or below this
    suspicious_fpr: float = 0.05
    candidates: tuple[str, ...] = tuple(CANDIDATES)


@dataclass
class TrainResult:
    model: Pipeline
    name: str
    platt: Platt
    thresholds: Thresholds
    metrics: dict[str, Any]
    comparison: dict[str, dict[str, float]]
    counts: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0


def featurize(examples: Sequence[Example]) -> FeatureDicts:
    return [extract_features(e.snapshot) for e in examples]


def _splits(y: np.ndarray, groups: np.ndarray, n: int) -> list[tuple[np.ndarray, np.ndarray]]:
    n = max(2, min(n, len(set(groups.tolist()))))
    cv = StratifiedGroupKFold(n_splits=n, shuffle=True, random_state=SEED)
    return list(cv.split(np.zeros(len(y)), y, groups))


def _raw(model: Pipeline, X: FeatureDicts) -> np.ndarray:
    return np.asarray(model.predict_proba(X)[:, 1])


def _take(X: FeatureDicts, idx: np.ndarray) -> FeatureDicts:
    return [X[i] for i in idx]


def oof_raw(
    make: Callable[[], Pipeline], X: FeatureDicts, y: np.ndarray, groups: np.ndarray, n: int
) -> np.ndarray:
    """Out-of-fold raw scores from grouped CV."""
    out = np.zeros(len(y))
    for tr, te in _splits(y, groups, n):
        model = make().fit(_take(X, tr), y[tr])
        out[te] = _raw(model, _take(X, te))
    return out


def calibrate(
    make: Callable[[], Pipeline],
    X: FeatureDicts,
    y: np.ndarray,
    groups: np.ndarray,
    cfg: TrainConfig,
) -> tuple[Platt, Thresholds]:
    """Platt mapping and thresholds from grouped out-of-fold scores of ``X``."""
    raw = oof_raw(make, X, y, groups, cfg.inner_splits)
    platt = Platt.fit(raw, y)
    return platt, choose_thresholds(platt(raw), y, cfg.scam_fpr, cfg.suspicious_fpr)


def nested_cv(
    make: Callable[[], Pipeline],
    X: FeatureDicts,
    y: np.ndarray,
    groups: np.ndarray,
    cfg: TrainConfig,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Calibrated outer out-of-fold scores and the per-row thresholds of their fold."""
    scores = np.zeros(len(y))
    cut_scam = np.zeros(len(y))
    cut_susp = np.zeros(len(y))
    for tr, te in _splits(y, groups, cfg.outer_splits):
        Xtr = _take(X, tr)
        platt, th = calibrate(make, Xtr, y[tr], groups[tr], cfg)
        model = make().fit(Xtr, y[tr])
        scores[te] = platt(_raw(model, _take(X, te)))
        cut_scam[te], cut_susp[te] = th.scam, th.suspicious
    return scores, cut_scam, cut_susp


def _summary(
    examples: Sequence[Example], scores: np.ndarray, y: np.ndarray, cs: np.ndarray, cf: np.ndarray
) -> dict[str, Any]:
    benign_idx = np.flatnonzero(y == 0)
    return {
        "overall": rounded(binary_report(scores, y, cs, cf)),
        "per_kind": {
            kind: rounded(binary_report(scores[idx], y[idx], cs[idx], cf[idx]))
            for kind in sorted({e.snapshot.kind for e in examples})
            for idx in [np.flatnonzero([e.snapshot.kind == kind for e in examples])]
        },
        "per_subtype": breakdown(scores, y, [e.subtype for e in examples], cs, cf),
        "hard_negatives": breakdown(
            scores[benign_idx],
            y[benign_idx],
            [examples[int(i)].subtype for i in benign_idx],
            cs[benign_idx],
            cf[benign_idx],
        ),
    }


def train(
    examples: Sequence[Example],
    cfg: TrainConfig | None = None,
    progress: Callable[[str], None] | None = None,
) -> TrainResult:
    """Compare candidates by nested grouped CV, keep the best, fit it on everything."""
    cfg = cfg or TrainConfig()
    say = progress or (lambda _msg: None)
    start = time.perf_counter()
    X = featurize(examples)
    y = np.array([e.y for e in examples])
    groups = np.array([e.family for e in examples])
    say(f"extracted features for {len(X)} examples in {time.perf_counter() - start:.1f}s")
    comparison: dict[str, dict[str, float]] = {}
    outcomes = {}
    for name in cfg.candidates:
        t = time.perf_counter()
        outcomes[name] = nested_cv(CANDIDATES[name], X, y, groups, cfg)
        comparison[name] = rounded(
            binary_report(
                y=y, scores=outcomes[name][0], scam=outcomes[name][1], suspicious=outcomes[name][2]
            )
        )
        say(
            f"{name}: PR-AUC {comparison[name].get('pr_auc', float('nan')):.4f} "
            f"ROC-AUC {comparison[name].get('roc_auc', float('nan')):.4f} "
            f"({time.perf_counter() - t:.1f}s)"
        )
    # Higher PR-AUC wins; within 0.005 the simpler (earlier-listed) candidate is kept.
    best = cfg.candidates[0]
    for name in cfg.candidates[1:]:
        if comparison[name].get("pr_auc", 0) > comparison[best].get("pr_auc", 0) + 0.005:
            best = name
    make = CANDIDATES[best]
    platt, thresholds = calibrate(make, X, y, groups, cfg)
    model = make().fit(X, y)
    scores, cs, cf = outcomes[best]
    metrics = {"grouped_cv": _summary(examples, scores, y, cs, cf)}
    counts = {
        "examples": len(examples),
        "scam": int(y.sum()),
        "benign": int((y == 0).sum()),
        "families": len(set(groups.tolist())),
        "kinds": {
            k: sum(e.snapshot.kind == k for e in examples)
            for k in sorted({e.snapshot.kind for e in examples})
        },
    }
    return TrainResult(
        model=model,
        name=best,
        platt=platt,
        thresholds=thresholds,
        metrics=metrics,
        comparison=comparison,
        counts=counts,
        seconds=round(time.perf_counter() - start, 1),
    )
