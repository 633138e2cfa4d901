"""Metrics and threshold choice shared by training and evaluation."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score, roc_curve

# Probabilities are clipped this far from 0 and 1 before taking log-odds. Tight enough that a
# confident verdict keeps its spread: at 1e-6 every page scored above 0.999999 had the same
# log-odds, so removing one signal of many changed nothing and explanations lost their reasons.
_EPS = 1e-12


@dataclass(frozen=True)
class Platt:
    """Sigmoid calibration ``p = 1 / (1 + exp(-(a * logit(raw) + b)))``."""

    a: float = 1.0
    b: float = 0.0

    def __call__(self, raw: np.ndarray) -> np.ndarray:
        z = self.a * logit(raw) + self.b
        return np.asarray(1.0 / (1.0 + np.exp(-z)))

    @classmethod
    def fit(cls, raw: np.ndarray, y: np.ndarray) -> Platt:
        lr = LogisticRegression(C=1e4, solver="lbfgs")
        lr.fit(logit(raw).reshape(-1, 1), y)
        return cls(a=float(lr.coef_[0, 0]), b=float(lr.intercept_[0]))


def logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(np.asarray(p, dtype=float), _EPS, 1 - _EPS)
    return np.asarray(np.log(q / (1 - q)))


@dataclass(frozen=True)
class Thresholds:
    scam: float
    suspicious: float

    def label(self, score: float) -> str:
        if score >= self.scam:
            return "scam"
        if score >= self.suspicious:
            return "suspicious"
        return "benign"


def threshold_at_fpr(scores: np.ndarray, y: np.ndarray, fpr: float) -> float:
    """Lowest threshold whose false-positive rate on the benign rows is at most ``fpr``."""
    neg = np.sort(scores[y == 0])[::-1]
    if neg.size == 0:
        return 0.5
    allowed = int(np.floor(fpr * neg.size))  # this many benign rows may score at/above it
    if allowed >= neg.size:
        return float(neg[-1])
    return float(min(1.0, np.nextafter(neg[allowed], 2.0)))


def choose_thresholds(
    scores: np.ndarray, y: np.ndarray, scam_fpr: float, suspicious_fpr: float
) -> Thresholds:
    # Rounded up, never down: rounding down could let in the benign row the cut excludes.
    scam = _ceil6(threshold_at_fpr(scores, y, scam_fpr))
    suspicious = min(_ceil6(threshold_at_fpr(scores, y, suspicious_fpr)), scam)
    return Thresholds(scam=scam, suspicious=suspicious)


def _ceil6(x: float) -> float:
    return min(1.0, math.ceil(x * 1e6) / 1e6)


def tpr_at_fpr(scores: np.ndarray, y: np.ndarray, fpr: float) -> float:
    if len(set(y.tolist())) < 2:
        return float("nan")
    f, t, _ = roc_curve(y, scores)
    return float(np.max(t[f <= fpr])) if np.any(f <= fpr) else 0.0


Cut = float | np.ndarray  # one threshold, or one per row (thresholds chosen per CV fold)


def binary_report(
    scores: np.ndarray, y: np.ndarray, scam: Cut, suspicious: Cut
) -> dict[str, float]:
    """ROC-AUC, PR-AUC, TPR at 1% FPR, precision/recall/FPR at each threshold."""
    out: dict[str, float] = {"n": int(y.size), "positives": int(y.sum())}
    if 0 < y.sum() < y.size:
        out["roc_auc"] = float(roc_auc_score(y, scores))
        out["pr_auc"] = float(average_precision_score(y, scores))
        out["tpr_at_1pct_fpr"] = tpr_at_fpr(scores, y, 0.01)
    for name, t in (("scam", scam), ("flagged", suspicious)):
        pred = scores >= t
        tp = int(np.sum(pred & (y == 1)))
        fp = int(np.sum(pred & (y == 0)))
        out[f"precision_{name}"] = tp / (tp + fp) if tp + fp else float("nan")
        out[f"recall_{name}"] = tp / int(y.sum()) if y.sum() else float("nan")
        out[f"fpr_{name}"] = fp / int((y == 0).sum()) if (y == 0).sum() else float("nan")
    return out


def breakdown(
    scores: np.ndarray, y: np.ndarray, keys: Sequence[str], scam: Cut, suspicious: Cut
) -> dict[str, dict[str, float | int | str]]:
    """Per group (kind or subtype): rows, and the share labelled scam / flagged."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        groups[k].append(i)
    cut_s = np.broadcast_to(np.asarray(scam, dtype=float), scores.shape)
    cut_f = np.broadcast_to(np.asarray(suspicious, dtype=float), scores.shape)
    out: dict[str, dict[str, float | int | str]] = {}
    for k, idx in sorted(groups.items()):
        s = scores[idx]
        out[k] = {
            "n": len(idx),
            "label": "scam" if y[idx].mean() > 0.5 else "benign",
            "as_scam": round(float(np.mean(s >= cut_s[idx])), 4),
            "as_flagged": round(float(np.mean(s >= cut_f[idx])), 4),
            "mean_score": round(float(np.mean(s)), 4),
        }
    return out


def rounded(d: dict[str, float], digits: int = 4) -> dict[str, float]:
    """Round floats for reports (NaN stays NaN)."""
    return {k: (round(v, digits) if isinstance(v, float) else v) for k, v in d.items()}
