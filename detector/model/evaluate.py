"""Evaluation on data nobody on the team wrote (../shared/data), reported apart from CV.

Nothing here is used to fit or tune the model: thresholds come from grouped CV on data/.
- html-samples: real phishing-kit pages and live captures vs real article and home pages,
  scored from markup alone (url "").
- URL-only: OpenPhish URLs with TikTok / follower keywords and JPCERT's TikTok-brand rows vs the
  Moz top-500 domains, scored from the URL alone (nothing is fetched).
"""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from detector.detector import Detector
from detector.extract.parse import decode_markup
from detector.model.data import Example
from detector.model.metrics import binary_report, breakdown, rounded
from detector.records import Snapshot

_ON_TOPIC = {"tiktok", "tik-tok", "followers", "follower"}


def default_shared_dir() -> Path:
    return Path(__file__).resolve().parents[2].parent / "shared" / "data"


def _scores(det: Detector, snaps: Sequence[Snapshot]) -> np.ndarray:
    return np.array([v.score if v.score is not None else np.nan for v in det.score_many(snaps)])


def html_samples(det: Detector, shared: Path) -> dict[str, Any] | None:
    index = shared / "html-samples" / "index.csv"
    if not index.is_file():
        return None
    rows = list(csv.DictReader(index.open(encoding="utf-8")))
    snaps = [
        Snapshot(html=decode_markup((index.parent / r["path"]).read_bytes()), id=r["path"])
        for r in rows
    ]
    scores = _scores(det, snaps)
    y = np.array([int(r["label"] == "phishing") for r in rows])
    th = det.artifact.thresholds
    roles = [f"{r['label']}:{r['page_role'] or r['subset']}" for r in rows]
    lure = np.array([r["page_role"] == "followers_likes_lure" for r in rows])
    return {
        "overall": rounded(binary_report(scores, y, th.scam, th.suspicious)),
        "per_role": breakdown(scores, y, roles, th.scam, th.suspicious),
        "followers_lure_recall_flagged": round(float(np.mean(scores[lure] >= th.suspicious)), 4)
        if lure.any()
        else None,
        "note": "scored from markup only (url empty); most phishing rows imitate other brands",
    }


def url_only_items(shared: Path) -> tuple[list[str], list[int]] | None:
    """The URL-only set: on-topic public phishing URLs (1) and top-site home pages (0)."""
    feed = shared / "openphish-community-feed-history" / "social_growth_keyword_subset.csv"
    top = shared / "benign-domains-moz-top500" / "top-sites.json"
    if not (feed.is_file() and top.is_file()):
        return None
    phish = [
        r["url"]
        for r in csv.DictReader(feed.open(encoding="utf-8"))
        if r["matched_keyword"].lower() in _ON_TOPIC
    ]
    jp = shared / "jpcert-phishurl-list" / "jpcert_phishing_urls_2019-2025.csv.gz"
    if jp.is_file():
        with gzip.open(jp, "rt", encoding="utf-8") as fh:
            phish += [
                r["url"] for r in csv.DictReader(fh) if r["brand"].strip().lower() == "tiktok"
            ]
    benign = [f"https://{d['rootDomain']}/" for d in json.loads(top.read_text(encoding="utf-8"))]
    return phish + benign, [1] * len(phish) + [0] * len(benign)


def url_only(det: Detector, shared: Path) -> dict[str, Any] | None:
    items = url_only_items(shared)
    if items is None:
        return None
    urls, labels = items
    scores = _scores(det, [Snapshot(url=u) for u in urls])
    y = np.array(labels)
    th = det.artifact.thresholds
    return {
        "overall": rounded(binary_report(scores, y, th.scam, th.suspicious)),
        "note": "URL only, nothing fetched; positives are mostly TikTok Shop and login phish",
    }


def labelled(det: Detector, examples: Sequence[Example]) -> dict[str, Any]:
    """Metrics of a loaded model on a labelled set (e.g. a held-out folder of new examples)."""
    scores = _scores(det, [e.snapshot for e in examples])
    y = np.array([e.y for e in examples])
    th = det.artifact.thresholds
    return {
        "overall": rounded(binary_report(scores, y, th.scam, th.suspicious)),
        "per_subtype": breakdown(scores, y, [e.subtype for e in examples], th.scam, th.suspicious),
    }


def real_data(det: Detector, shared: Path | None = None, html: bool = True) -> dict[str, Any]:
    """Score the public sets with a loaded model. ``html=False`` leaves out html-samples, which
    the shipped model is trained on (its honest figures are in the training CV)."""
    root = shared or default_shared_dir()
    return {
        "html_samples": html_samples(det, root) if html else None,
        "url_only": url_only(det, root),
    }


def report(
    det: Detector, examples: Sequence[Example] | None = None, shared: Path | None = None
) -> dict[str, Any]:
    """What ``detector evaluate --json`` prints: the training figures from the sidecar, the
    labelled ``examples`` (if any) and the public sets rescored with ``det``."""
    side = det.artifact.sidecar
    out: dict[str, Any] = {
        "model": det.model_name,
        "metrics_from_training": side["metrics"],
        "comparison_from_training": side.get("comparison"),
        "evaluation_from_training": side.get("evaluation"),
    }
    if examples is not None:
        out["labelled"] = labelled(det, examples)
    out["real_data"] = real_data(det, shared)
    return out


def _threshold_free(scores: np.ndarray, y: np.ndarray) -> dict[str, float]:
    from detector.model.metrics import tpr_at_fpr

    out: dict[str, float] = {"n": int(y.size), "positives": int(y.sum())}
    if 0 < y.sum() < y.size:
        from sklearn.metrics import average_precision_score, roc_auc_score

        out["roc_auc"] = round(float(roc_auc_score(y, scores)), 4)
        out["pr_auc"] = round(float(average_precision_score(y, scores)), 4)
        out["tpr_at_2pct_fpr"] = round(tpr_at_fpr(scores, y, 0.02), 4)
    return out


def _held_out(
    data: Any, train: np.ndarray, tests: dict[str, np.ndarray], cfg: Any, weight: float
) -> dict[str, Any]:
    """Fit the blend and the baseline on ``train``; threshold-free figures on each test set."""
    from detector.model.train import Baseline, _y, fit_blend

    blend = fit_blend(data, train, weight, cfg)
    base = Baseline().fit(data, data.with_dropout(train))
    out = {}
    for name, idx in tests.items():
        y = _y(data, idx)
        raw = blend.raw(data.take_rows(idx), data.take_docs(idx))
        out[name] = {
            "blend": _threshold_free(raw, y),
            "baseline_tfidf_forms": _threshold_free(base.scores(data, idx), y),
        }
    return out


def table(data: Any, cfg: Any, weight: float, say: Any = None) -> dict[str, Any]:
    """Leave-one-source-out and generated-corpus CV for the blend and the baseline.

    ``data`` is the ``Featurized`` training data; ``weight`` the chosen wording weight.
    Threshold-free figures (ROC-AUC, PR-AUC, recall at 2% FPR): thresholds are chosen on the
    real grouped CV (see the sidecar's ``metrics``).
    """
    from functools import partial

    from detector.model.train import _parallel, _splits

    say = say or (lambda _m: None)
    sets = data.sets
    corpus = np.flatnonzero(sets == "corpus")
    real_sets = sorted(s for s in set(sets.tolist()) if s != "corpus")
    out: dict[str, Any] = {"leave_one_source_out": {}, "corpus_grouped_cv": {}}
    for name in cfg.text_models:
        data.hashed(name)  # once, before the parallel fits share it
    data.raw_counts()
    # Every fit below is independent: they run in cfg.jobs processes, results in this order.
    calls, held_names = [], []
    if len(real_sets) > 1:
        for held in real_sets:
            train = np.flatnonzero(sets != held)
            tests = {held: np.flatnonzero(sets == held)}
            calls.append(partial(_held_out, data, train, tests, cfg, weight))
            held_names.append(held)
    y, groups = data.y, data.groups
    real = np.flatnonzero(sets != "corpus")
    for tr, te in _splits(y[corpus], groups[corpus], cfg.splits):
        test = corpus[te]
        stripped = np.array([data.stripped.get(int(i), int(i)) for i in test])
        train = np.concatenate([corpus[tr], real])
        tests = {"with_url": test, "markup_only": stripped}
        calls.append(partial(_held_out, data, train, tests, cfg, weight))
    say(
        f"evaluation: {len(held_names)} leave-one-source-out fits and "
        f"{len(calls) - len(held_names)} corpus folds, {cfg.jobs} at a time"
    )
    results = _parallel(cfg.jobs, calls)
    for held, res in zip(held_names, results, strict=False):
        out["leave_one_source_out"][held] = res[held]
    folds = results[len(held_names) :]
    out["corpus_grouped_cv"] = _pool(folds)
    return out


def _pool(folds: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean of per-fold figures (folds are balanced by the stratified split)."""
    pooled: dict[str, Any] = {}
    for view in ("with_url", "markup_only"):
        pooled[view] = {}
        for model in ("blend", "baseline_tfidf_forms"):
            rows = [res[view][model] for res in folds]
            keys = [k for k in ("roc_auc", "pr_auc", "tpr_at_2pct_fpr") if k in rows[0]]
            pooled[view][model] = {
                "n": sum(r["n"] for r in rows),
                **{k: round(float(np.mean([r[k] for r in rows if k in r])), 4) for k in keys},
                "folds": len(rows),
            }
    return pooled
