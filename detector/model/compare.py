"""Two models side by side (``detector evaluate --compare A B``).

One table, three parts:

1. The figures each model's training recorded (grouped CV, leave one source out, URL only):
   when both sidecars name the same training data and number of folds, those rows come from
   the same splits (the fold assignment is seeded), so their differences are like for like.
2. The same labelled items scored now by both models: the real sets under ../shared/data when
   present (real-pages and html-samples are in both models' training data, so these rates are
   in-sample; the URL-only set is not trained on), plus any labelled corpus passed in.
3. Every item whose verdict label differs between the two, with its truth and whether the
   change fixed or broke it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from detector.detector import Detector
from detector.model.card import figure_rows
from detector.model.data import Example
from detector.model.evaluate import url_only_items
from detector.model.metrics import binary_report, rounded
from detector.model.real import load_real, set_of
from detector.records import Snapshot, Verdict

COLUMNS = ("n", "roc_auc", "pr_auc", "tpr_at_2pct_fpr", "recall_scam", "fpr_scam", "fpr_flagged")
_FLAGGED = frozenset({"scam", "suspicious"})


@dataclass(frozen=True)
class Item:
    """One labelled input both models score."""

    group: str  # the set it belongs to (real-pages, html-samples, url-only, labelled...)
    id: str
    y: int
    snapshot: Snapshot


def items_for(
    shared: Path | None, examples: Sequence[Example] | None = None, url_only: bool = True
) -> list[Item]:
    """The labelled items of the comparison: real sets, the URL-only set, ``examples``."""
    out = [Item(set_of(e), _id(e), e.y, e.snapshot) for e in load_real(shared)]
    urls = url_only_items(shared) if shared is not None and url_only else None
    if urls is not None:
        out += [Item("url-only", u, y, Snapshot(url=u)) for u, y in zip(*urls, strict=True)]
    out += [Item("labelled", _id(e), e.y, e.snapshot) for e in examples or ()]
    return out


def _id(e: Example) -> str:
    return str(e.snapshot.id) if e.snapshot.id is not None else e.source


def outcome(label: str | None, y: int) -> str:
    """hit / miss for a scam item, ok / false alarm for a benign one (flagged = scam or
    suspicious; an unscored item counts as not flagged)."""
    flagged = label in _FLAGGED
    if y:
        return "hit" if flagged else "miss"
    return "false alarm" if flagged else "ok"


def effect(before: str, after: str) -> str:
    """fixed / broken when the outcome changed, moved when only the label did."""
    if before == after:
        return "moved"
    return "fixed" if after in ("hit", "ok") else "broken"


def change(
    group: str, item: str, y: int, a: tuple[str | None, Any], b: tuple[str | None, Any]
) -> dict[str, Any]:
    """One changed verdict: ``a`` and ``b`` are each model's (label, score)."""
    return {
        "group": group,
        "id": item,
        "truth": "scam" if y else "benign",
        "a": {"label": a[0], "score": a[1]},
        "b": {"label": b[0], "score": b[1]},
        "effect": effect(outcome(a[0], y), outcome(b[0], y)),
    }


def counts(changed: Sequence[dict[str, Any]]) -> dict[str, int]:
    return {e: sum(c["effect"] == e for c in changed) for e in ("fixed", "broken", "moved")}


def by_group(changed: Sequence[dict[str, Any]]) -> dict[str, dict[str, int]]:
    groups = dict.fromkeys(c["group"] for c in changed)
    return {g: counts([c for c in changed if c["group"] == g]) for g in groups}


def _score(det: Detector, items: Sequence[Item]) -> list[Verdict]:
    return list(det.score_many([it.snapshot for it in items]))


def _scores(verdicts: Sequence[Verdict]) -> np.ndarray:
    return np.array([v.score if v.score is not None else np.nan for v in verdicts])


def _row(group: str, metric: str, a: Any, b: Any) -> dict[str, Any]:
    diff = None
    if isinstance(a, int | float) and isinstance(b, int | float) and a == a and b == b:
        diff = round(float(b) - float(a), 4)
    return {"group": group, "metric": metric, "a": a, "b": b, "diff": diff}


def training_rows(side_a: dict[str, Any], side_b: dict[str, Any]) -> list[dict[str, Any]]:
    """Side-by-side rows of the figures both sidecars recorded at training time."""
    fa, fb = figure_rows(side_a), figure_rows(side_b)
    rows = []
    for group in dict.fromkeys([*fa, *fb]):
        ra, rb = fa.get(group, {}), fb.get(group, {})
        for col in COLUMNS:
            if col in ra or col in rb:
                rows.append(_row(f"training: {group}", col, ra.get(col), rb.get(col)))
    return rows


def _rescored_rows(
    items: Sequence[Item], verdicts: tuple[list[Verdict], list[Verdict]], dets: Sequence[Detector]
) -> list[dict[str, Any]]:
    groups = np.array([it.group for it in items])
    y = np.array([it.y for it in items])
    reports = []
    for det, vs in zip(dets, verdicts, strict=True):
        th = det.artifact.thresholds
        s = _scores(vs)
        per = {}
        for g in dict.fromkeys(groups.tolist()):
            m = (groups == g) & ~np.isnan(s)
            rep = binary_report(s[m], y[m], th.scam, th.suspicious)
            per[g] = rounded(rep)
        reports.append(per)
    rows = []
    for g in reports[0]:
        for col in COLUMNS:
            a, b = reports[0][g].get(col), reports[1][g].get(col)
            if a is not None or b is not None:
                rows.append(_row(f"scored now: {g}", col, a, b))
    return rows


def compare(
    a: Detector,
    b: Detector,
    shared: Path | None = None,
    examples: Sequence[Example] | None = None,
    url_only: bool = True,
) -> dict[str, Any]:
    """Compare two loaded models (see the module docstring); JSON-ready."""
    side_a, side_b = a.artifact.sidecar, b.artifact.sidecar
    items = items_for(shared, examples, url_only)
    verdicts = (_score(a, items), _score(b, items))
    changed = [
        change(it.group, it.id, it.y, (va.label, va.score), (vb.label, vb.score))
        for it, va, vb in zip(items, *verdicts, strict=True)
        if va.label != vb.label
    ]
    same_data = side_a.get("training_data_sha256") == side_b.get("training_data_sha256")
    same_folds = side_a.get("cv_splits") == side_b.get("cv_splits")
    return {
        "models": {"a": a.model_name, "b": b.model_name},
        "estimators": {"a": side_a.get("estimator"), "b": side_b.get("estimator")},
        "same_splits": same_data and same_folds,
        "rows": training_rows(side_a, side_b) + _rescored_rows(items, verdicts, (a, b)),
        "changed": changed,
        "changed_counts": counts(changed),
        "changed_by_group": by_group(changed),
        "scored_items": len(items),
    }


def _fmt(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return "nan" if v != v else f"{v:.4f}"
    return str(v)


def render(result: dict[str, Any], limit: int = 40) -> str:
    """The comparison as text: the side-by-side table, then the changed verdicts."""
    m = result["models"]
    lines = [
        f"A = {m['a']} ({result['estimators']['a']})",
        f"B = {m['b']} ({result['estimators']['b']})",
        "training rows come from the same splits"
        if result["same_splits"]
        else "training data or folds differ: compare the 'scored now' rows, not the training ones",
        "",
        "| group | metric | A | B | B - A |",
        "|---|---|---|---|---|",
    ]
    for r in result["rows"]:
        lines.append(
            f"| {r['group']} | {r['metric']} | {_fmt(r['a'])} | {_fmt(r['b'])} | "
            f"{_fmt(r['diff'])} |"
        )
    counts = result["changed_counts"]
    lines += [
        "",
        f"verdicts changed: {len(result['changed'])} of {result['scored_items']} items "
        f"({counts['fixed']} fixed, {counts['broken']} broken, {counts['moved']} moved)",
    ]
    for group, n in (result.get("changed_by_group") or {}).items():
        lines.append(f"  {group}: {n['fixed']} fixed, {n['broken']} broken, {n['moved']} moved")
    # Changes of outcome first (fixed, broken), then label moves within the same outcome.
    order = {"broken": 0, "fixed": 1, "moved": 2}
    for c in sorted(result["changed"], key=lambda c: order[c["effect"]])[:limit]:
        lines.append(
            f"- [{c['effect']}] {c['group']} {c['id']} (truth {c['truth']}): "
            f"{c['a']['label']} {_fmt(c['a']['score'])} -> {c['b']['label']} "
            f"{_fmt(c['b']['score'])}"
        )
    if len(result["changed"]) > limit:
        lines.append(f"- ... and {len(result['changed']) - limit} more (--json lists all)")
    return "\n".join(lines)


def compare_dirs(
    a: str, b: str, data: str | None = None, shared: str | None = None, as_json: bool = False
) -> int:
    """``detector evaluate --compare A B``: load both, compare, print; returns the exit code."""
    import json

    from detector.model.artifact import clean_json
    from detector.model.data import load_corpus
    from detector.model.evaluate import default_shared_dir

    examples = load_corpus(data) if data else None
    root = Path(shared) if shared else default_shared_dir()
    result = compare(Detector.load(a), Detector.load(b), root, examples)
    print(json.dumps(clean_json(result), indent=2) if as_json else render(result))
    return 0
