"""MODEL_CARD.md, generated from the sidecar so that every number in it can be rerun."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

_SIGNALS_MODELS = {
    "logistic": "logistic regression",
    "gradient_boosting": "histogram gradient-boosted trees",
}


def _signals_models(estimator: str) -> str:
    """``blend(logistic+gradient_boosting+words)`` -> the signals models in plain words."""
    parts = [p for p in estimator.removeprefix("blend(").rstrip(")").split("+") if p]
    # Text model names are not signals models; any other name (an estimator trained through the
    # research API, e.g. RandomForestClassifier) is shown as it is.
    named = [_SIGNALS_MODELS.get(p, p) for p in parts if p not in ("words", "chars")]
    if len(named) > 1:
        return " and ".join(named) + ", their log-odds averaged"
    return named[0] if named else "a classifier"


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return "nan" if v != v else f"{v:.3f}"
    return str(v)


def _table(rows: dict[str, dict[str, Any]], cols: list[str]) -> list[str]:
    out = ["| group | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for name, row in rows.items():
        out.append(f"| {name} | " + " | ".join(_fmt(row.get(c, "")) for c in cols) + " |")
    return out


_REPORT_COLS = [
    "n",
    "roc_auc",
    "pr_auc",
    "tpr_at_2pct_fpr",
    "precision_scam",
    "recall_scam",
    "fpr_scam",
    "recall_flagged",
    "fpr_flagged",
]


_TABLE_COLS = ["n", "roc_auc", "pr_auc", "tpr_at_2pct_fpr", "recall_scam", "fpr_scam"]


def figures(side: dict[str, Any]) -> list[str]:
    """Every quality figure of the sidecar in one table (what ``detector evaluate`` prints)."""
    return _table(figure_rows(side), _TABLE_COLS)


def figure_rows(side: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The rows of ``figures``: row name -> metric -> value."""
    judge = side.get("judge", "real")
    cv = side["metrics"][f"{judge}_grouped_cv"]
    rows: dict[str, dict[str, Any]] = {}
    for model, row in side["comparison"].items():
        rows[f"{judge} grouped CV, markup only: {model}"] = row
    for name, row in cv["per_set"].items():
        rows[f"{judge} grouped CV, blend, set {name}"] = row
    for name, row in cv["per_kind"].items():
        rows[f"{judge} grouped CV, blend, kind {name}"] = row
    for name, row in (cv.get("per_language") or {}).items():
        rows[f"{judge} grouped CV, blend, language {name}"] = row
    for view, row in (side["metrics"].get("listings_sent_as_text") or {}).items():
        rows[f"{judge} grouped CV, listings {view.replace('_', ' ')}"] = row
    ev = side.get("evaluation") or {}
    for held, by_model in (ev.get("leave_one_source_out") or {}).items():
        for model, row in by_model.items():
            rows[f"trained without {held}, tested on it: {model}"] = row
    for view, by_model in (ev.get("corpus_grouped_cv") or {}).items():
        for model, row in by_model.items():
            rows[f"generated corpus grouped CV, {view}: {model}"] = row
    urls = (side.get("real_data") or {}).get("url_only")
    if urls:
        rows["URL only (public phishing feeds vs top sites): blend"] = urls["overall"]
    return rows


def per_subtype(side: dict[str, Any]) -> list[str]:
    cv = side["metrics"][f"{side.get('judge', 'real')}_grouped_cv"]
    return _table(cv["per_subtype"], ["label", "n", "as_scam", "as_flagged", "mean_score"])


def _weak_spots(per_subtype: dict[str, dict[str, Any]]) -> list[str]:
    """Subtypes where the model is most often wrong at its thresholds, with counts."""
    out = []
    for name, row in per_subtype.items():
        n = int(row["n"])
        if row["label"] == "scam":
            missed = round(n * (1 - float(row["as_flagged"])))
            if missed:
                out.append((missed / n, f"- {name}: {missed} of {n} scam items not even flagged"))
        else:
            wrong = round(n * float(row["as_flagged"]))
            if wrong:
                out.append((wrong / n, f"- {name}: {wrong} of {n} benign items flagged"))
    return [line for _rate, line in sorted(out, reverse=True)]


def render(side: dict[str, Any]) -> str:
    judge = side.get("judge", "real")
    cv = side["metrics"][f"{judge}_grouped_cv"]
    th = side["thresholds"]
    counts = side["counts"]
    shared = side.get("shared_data") or {}
    lines = [
        f"# Model card: {side['name']}@{side['version']}",
        "",
        "Generated from `model.json` by `detector train`; do not edit by hand.",
        "Reproduce: `detector train --data data --shared ../shared/data --out DIR` (the same "
        "figures on a fresh clone with ../shared beside it); `detector evaluate --model DIR` "
        "prints them as one table.",
        "",
        "## What it is",
        f"- **{side['estimator']}**: a signals model (named features -> "
        f"{_signals_models(side['estimator'])})"
        " and a wording model (TF-IDF of the page's text, form fields and script sources -> "
        "logistic regression; real pages weigh more than generated ones in its fit), blended "
        f"on the log-odds scale with wording weight {side.get('text_weight')}, "
        "then a Platt mapping. The page's own URL is not in the wording model; URL signals "
        "are trained with URL dropout so that a page without its URL is judged on content.",
        f"- Why: {side.get('selection_note', '')}.",
        f"- Trained on {counts['examples']} labelled snapshots ({counts['scam']} scam / "
        f"{counts['benign']} benign, {counts['families']} families; by set {counts.get('per_set')}; "
        f"kinds {counts['kinds']}) plus {counts.get('url_less_copies', 0)} URL-less copies and "
        f"{counts.get('listings_as_text', 0)} listings as plain text (training only), "
        f"in {side.get('train_seconds', '?')} s.",
        f"- Real sets read from ../shared/data: {shared.get('sets') or 'none (trained on data/ alone)'}"
        f" (sha256 `{str(shared.get('sha256'))[:16]}…`, never copied into the repository). "
        f"Training data sha256 `{side['training_data_sha256'][:16]}…`; feature schema "
        f"`{side['feature_schema_hash']}`; libraries {side['libraries']}; OpenBLAS kernels "
        f"{side.get('blas_kernels', 'not recorded')}.",
        *(
            [
                f"- Includes {fb['count']} analyst labels ({fb['scam']} scam / {fb['benign']} "
                f"benign) from a scan store (`detector train --include-labels`); digest "
                f"`{fb['sha256'][:16]}…`."
            ]
            if (fb := side.get("analyst_labels"))
            else []
        ),
        "",
        "## Thresholds",
        f"Chosen on the out-of-fold scores of the {judge} examples (grouped by family):",
        f"- scam: score >= {th['scam']:.4f} (<= {th['scam_fpr_target']:.0%} of benign items)",
        f"- suspicious: score >= {th['suspicious']:.4f} (<= {th['suspicious_fpr_target']:.0%})",
        "",
        f"## Grouped cross-validation over the {judge} examples (markup only, no URL)",
        "Every training split holds the whole generated corpus plus the other folds; the scored "
        "items are families the split never saw. Figures at the thresholds above (which were "
        "chosen on these same out-of-fold scores, so the at-threshold rates are slightly "
        "optimistic; ROC-AUC, PR-AUC and recall at 2% FPR do not depend on them). The baseline "
        "is word TF-IDF over the raw content plus form/link counts, logistic regression, on the "
        "same splits with its own thresholds.",
        *_table(side["comparison"], _REPORT_COLS),
        "",
        "Per source set and per kind:",
        *_table({**cv["per_set"], **cv["per_kind"]}, _REPORT_COLS),
        "",
        "Per subtype (share labelled scam / flagged scam-or-suspicious):",
        *_table(cv["per_subtype"], ["label", "n", "as_scam", "as_flagged", "mean_score"]),
        "",
    ]
    if cv.get("per_language"):
        lines += [
            "Per language (as the sets give it; languages with few items together as 'other'):",
            *_table(cv["per_language"], _REPORT_COLS),
            "",
        ]
    listings = side["metrics"].get("listings_sent_as_text")
    if listings:
        lines += [
            "The same held-out listings sent as a listing and as plain text (a pasted manifest):",
            *_table(listings, _REPORT_COLS),
            "",
        ]
    ev = side.get("evaluation") or {}
    loso = ev.get("leave_one_source_out") or {}
    if loso:
        lines += [
            "## Leave one source out (train without a real set, test on it)",
            *_table(
                {f"{k}: {m}": v for k, row in loso.items() for m, v in row.items()},
                ["n", "roc_auc", "pr_auc", "tpr_at_2pct_fpr"],
            ),
            "",
        ]
    corpus = ev.get("corpus_grouped_cv") or {}
    if corpus:
        lines += [
            "## Generated corpus, grouped CV (training help, not the judge)",
            "Each fold trains on the other corpus folds plus all real items; 'markup only' "
            "scores the same held-out rows with their URL removed.",
            *_table(
                {f"{k}: {m}": v for k, row in corpus.items() for m, v in row.items()},
                ["n", "roc_auc", "pr_auc", "tpr_at_2pct_fpr"],
            ),
            "",
        ]
    urls = (side.get("real_data") or {}).get("url_only")
    if urls:
        lines += [
            "## URL only (OpenPhish TikTok/follower subset + JPCERT TikTok vs Moz top 500)",
            ", ".join(f"{k} {_fmt(v)}" for k, v in urls["overall"].items()),
            "",
        ]
    weak = _weak_spots(cv["per_subtype"])
    lines += [
        "## Weak spots (counts from the grouped CV above)",
        *(weak or ["- none at these thresholds"]),
        "",
        "## Limits",
        "- The real sets are small (hundreds of items, about 180 families); per-subtype rates "
        "rest on a few families each and move by several points between reruns on new data.",
        "- Most real scam items are kit templates and page sources, not live captures; live "
        "pages add scripts, cloaking and obfuscation the sets do not show.",
        "- Domain age is unknown at training time (no RDAP offline); with intel it adds signal.",
        "- The wording model reads words: a benign page that quotes scam offers at length "
        "(an explainer) leans on the signals model to be told apart.",
        "",
    ]
    return "\n".join(lines)


def write(model_dir: str | Path) -> Path:
    root = Path(model_dir)
    side = json.loads((root / "model.json").read_text(encoding="utf-8"))
    path = root / "MODEL_CARD.md"
    path.write_text(render(side), encoding="utf-8")
    return path
