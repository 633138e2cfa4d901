"""MODEL_CARD.md, generated from the sidecar so that every number in it can be rerun."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return "nan" if v != v else f"{v:.3f}"
    return str(v)


def _table(rows: dict[str, dict[str, Any]], cols: list[str]) -> list[str]:
    out = ["| group | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for name, row in rows.items():
        out.append(f"| {name} | " + " | ".join(_fmt(row.get(c, "")) for c in cols) + " |")
    return out


def render(side: dict[str, Any]) -> str:
    cv = side["metrics"]["grouped_cv"]
    th = side["thresholds"]
    lines = [
        f"# Model card: {side['name']}@{side['version']}",
        "",
        "Generated from `model.json` by `detector train`; do not edit by hand.",
        "Reproduce: `detector train --data data --out models/default` (same metrics on a fresh clone);",
        "real-data figures: `detector evaluate --model models/default`.",
        "",
        "## What it is",
        f"- Estimator: **{side['estimator']}** (feature dicts -> DictVectorizer -> classifier), "
        f"calibrated with a Platt mapping fitted on grouped out-of-fold scores.",
        f"- Why this one: {side.get('selection_note', '')}",
        f"- Trained on {side['counts']['examples']} labelled snapshots "
        f"({side['counts']['scam']} scam / {side['counts']['benign']} benign, "
        f"{side['counts']['families']} families; kinds {side['counts']['kinds']}) in "
        f"{side.get('train_seconds', '?')} s.",
        f"- Training data sha256 `{side['training_data_sha256'][:16]}…`; feature schema "
        f"`{side['feature_schema_hash']}`; libraries {side['libraries']}.",
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
        f"- scam: score >= {th['scam']:.4f} (chosen for <= {th['scam_fpr_target']:.0%} false "
        "positives on benign out-of-fold scores)",
        f"- suspicious: score >= {th['suspicious']:.4f} (<= {th['suspicious_fpr_target']:.0%})",
        "",
        "## Grouped cross-validation (by family; thresholds chosen inside each training split)",
        "Candidates compared on the same nested grouped CV:",
        *_table(
            side["comparison"],
            ["roc_auc", "pr_auc", "tpr_at_1pct_fpr", "precision_scam", "recall_scam", "fpr_scam"],
        ),
        "",
        "Selected model, overall and per kind:",
        *_table(
            {"overall": cv["overall"], **cv["per_kind"]},
            [
                "n",
                "roc_auc",
                "pr_auc",
                "tpr_at_1pct_fpr",
                "precision_scam",
                "recall_scam",
                "recall_flagged",
                "fpr_scam",
                "fpr_flagged",
            ],
        ),
        "",
        "Per subtype (share labelled scam / flagged scam-or-suspicious):",
        *_table(cv["per_subtype"], ["label", "n", "as_scam", "as_flagged", "mean_score"]),
        "",
        "## Real data nobody on the team wrote (the honest measure)",
    ]
    real = side.get("real_data") or {}
    html = real.get("html_samples")
    if html:
        lines += [
            "html-samples (markup only, url empty): "
            + ", ".join(f"{k} {_fmt(v)}" for k, v in html["overall"].items()),
            "",
            *_table(html["per_role"], ["n", "as_scam", "as_flagged", "mean_score"]),
            "",
        ]
    urls = real.get("url_only")
    if urls:
        lines += [
            "URL only (OpenPhish TikTok/follower subset + JPCERT TikTok vs Moz top 500): "
            + ", ".join(f"{k} {_fmt(v)}" for k, v in urls["overall"].items()),
            "",
        ]
    if not (html or urls):
        lines += ["../shared/data was not present when this model was trained.", ""]
    lines += [
        "## Limits",
        "- The training corpus is written by this project (generated from templates plus "
        "hand-written pages); grouped CV measures generalisation across its families, not to "
        "the wild. The real-data rows above are the better guide.",
        "- Most public phishing pages imitate other brands; this model targets TikTok lures, "
        "so its recall on generic credential phishing is expected to be lower.",
        "- Domain age is unknown at training time (no RDAP offline); with intel it adds signal.",
        "- Large legitimate portals with a login box and scripts that post to other hosts "
        "(analytics, ad tech) can reach `suspicious` through `credential.js_exfil` and "
        "`credential.form_action_offsite`; that is where the html-samples false positives "
        f"above ({_html_fpr(side)}) come from. Treat `suspicious` as a queue for review.",
        "",
    ]
    return "\n".join(lines)


def _html_fpr(side: dict[str, Any]) -> str:
    overall = ((side.get("real_data") or {}).get("html_samples") or {}).get("overall") or {}
    fpr = overall.get("fpr_flagged")
    return "not measured" if fpr is None else f"{fpr:.1%} of legitimate pages flagged"


def write(model_dir: str | Path) -> Path:
    root = Path(model_dir)
    side = json.loads((root / "model.json").read_text(encoding="utf-8"))
    path = root / "MODEL_CARD.md"
    path.write_text(render(side), encoding="utf-8")
    return path
