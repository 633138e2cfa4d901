"""How the hand-built signals hold up on real published kits and their look-alikes.

    python bench/real_signals.py [--real DIR] [--no-corpus] [--dump FILE.jsonl]

Reads ../shared/data/real-pages at run time (never copied into the repository): every item
becomes a Snapshot with no URL, as kit pages arrive. Markup and text items go into ``html``
(a .txt store text of a listing goes into the listing's description instead, unless it is
a script); .json items are
extension manifests or store rows mapped onto ``listing``. Prints

- per subtype, how often the key signals fire (share of items);
- grouped 5-fold cross-validated ROC-AUC (StratifiedGroupKFold, groups = family) of a
  logistic regression on the features alone, over real-pages;
- ROC-AUC of the same model trained on the data/ corpus and tested on real-pages.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import contextlib

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MaxAbsScaler

from detector.extract.base import script_like
from detector.extract.features import extract_features
from detector.extract.parse import decode_markup
from detector.records import Snapshot

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "data" / "real-pages"

Features = dict[str, Any]


def _on(f: Features, key: str) -> bool:
    value = f.get(key, 0)
    return isinstance(value, int | float) and value > 0


# Signal groups reported per subtype: a name and the test on one feature dict.
KEY_SIGNALS: dict[str, Any] = {
    "offer": lambda f: _on(f, "claims.offer_total"),
    "offer_title": lambda f: _on(f, "claims.offer_in_title") or _on(f, "claims.offer_in_cta"),
    "spy_report": lambda f: _on(f, "claims.spy_report"),
    "locker": lambda f: any(
        _on(f, f"locker.{k}")
        for k in ("verify_human", "complete_offer", "survey", "cpa_markers", "generator_ui")
    ),
    "progress": lambda f: _on(f, "locker.fake_progress"),
    "funnel>=3": lambda f: _on(f, "locker.funnel_steps") and f["locker.funnel_steps"] >= 3,
    "claim+lock": lambda f: _on(f, "cross.claim_with_locker"),
    "password": lambda f: _on(f, "credential.password_fields"),
    "tt_brand": lambda f: _on(f, "credential.tiktok_branded"),
    "branded_login": lambda f: _on(f, "credential.branded_login_offsite"),
    "social_clone": lambda f: _on(f, "credential.social_login_clone"),
    "relay": lambda f: _on(f, "credential.relay_service") or _on(f, "credential.telegram_bot"),
    "dev_missing": lambda f: _on(f, "listing.developer_missing"),
    "explainer": lambda f: _on(f, "claims.explainer_cues") or _on(f, "claims.negated"),
}


def _manifest_listing(obj: dict[str, Any]) -> dict[str, Any]:
    perms = obj.get("permissions") if isinstance(obj.get("permissions"), list) else []
    hosts = obj.get("host_permissions") if isinstance(obj.get("host_permissions"), list) else []
    author = obj.get("author")
    return {
        "name": obj.get("name") if isinstance(obj.get("name"), str) else None,
        "description": obj.get("description") if isinstance(obj.get("description"), str) else "",
        "developer": author if isinstance(author, str) else None,
        "permissions": [p for p in perms if isinstance(p, str)],
        "host_permissions": [h for h in hosts if isinstance(h, str)],
        "manifest": obj,
    }


def _store_listing(obj: dict[str, Any]) -> dict[str, Any]:
    listing: dict[str, Any] = {
        "name": obj.get("name"),
        "description": obj.get("description") or "",
        "developer": obj.get("developer"),
    }
    with contextlib.suppress(TypeError, ValueError):
        listing["rating"] = float(obj.get("user_rating") or 0) or None
    for key in ("price", "store", "currency", "prime_genre", "rating_count_tot"):
        if obj.get(key) is not None:
            listing[key] = obj[key]
    perms = obj.get("permissions")
    listing["permissions"] = (
        [p for p in perms if isinstance(p, str)] if isinstance(perms, list) else []
    )
    return listing


# A // comment on its own line or after a value's comma (never inside a "https://" string).
_LINE_COMMENT = re.compile(r"(^|,)[ \t]*//[^\n]*$", re.M)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


def _lenient_json(text: str) -> dict[str, Any]:
    """Manifests may hold // comments and trailing commas (Chrome accepts them)."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        obj = json.loads(_TRAILING_COMMA.sub(r"\1", _LINE_COMMENT.sub(r"\1", text)))
    return obj if isinstance(obj, dict) else {}


def snapshot_for(path: Path, kind: str, ident: str) -> Snapshot:
    """One real-pages item as a Snapshot without a URL."""
    raw = path.read_bytes()
    if path.suffix == ".json":
        obj = _lenient_json(raw.decode("utf-8-sig"))
        listing = _manifest_listing(obj) if "manifest_version" in obj else _store_listing(obj)
        return Snapshot.coerce({"url": "", "kind": kind, "id": ident, "listing": listing})
    markup = decode_markup(raw)
    if kind != "page" and path.suffix == ".txt" and not script_like(markup):
        # A store text (description): the listing's words, no fields. An extension's script
        # goes in as markup, where its code is read as script.
        return Snapshot.coerce(
            {"url": "", "kind": kind, "id": ident, "listing": {"description": markup}}
        )
    return Snapshot.coerce({"url": "", "kind": kind, "id": ident, "html": markup})


def load_real(root: Path) -> list[tuple[Snapshot, int, str, str]]:
    """(snapshot, y, subtype, family) for every item of real-pages."""
    out = []
    with (root / "index.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            item = next(
                (root / "items" / f"{row['id']}.{e}")
                for e in ("html", "txt", "json")
                if (root / "items" / f"{row['id']}.{e}").exists()
            )
            snap = snapshot_for(item, row["kind"], row["id"])
            out.append((snap, int(row["label"] == "scam"), row["subtype"], row["family"]))
    return out


def _model() -> Any:
    return make_pipeline(
        DictVectorizer(sparse=True),
        MaxAbsScaler(),
        LogisticRegression(max_iter=2000, class_weight="balanced"),
    )


def grouped_cv_auc(X: list[Features], y: np.ndarray, groups: np.ndarray, seeds: int = 3) -> float:
    """Mean over seeds of the out-of-fold ROC-AUC, folds never splitting a family."""
    aucs = []
    for seed in range(seeds):
        oof = np.zeros(len(y))
        cv = StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=seed)
        for train, test in cv.split(X, y, groups):
            model = _model().fit([X[i] for i in train], y[train])
            oof[test] = model.predict_proba([X[i] for i in test])[:, 1]
        aucs.append(roc_auc_score(y, oof))
    return float(np.mean(aucs))


def corpus_to_real_auc(X_real: list[Features], y_real: np.ndarray) -> tuple[float, float, float]:
    """ROC-AUC on real-pages of a model trained on data/ (as given; and with URLs dropped),
    and the grouped-CV ROC-AUC within data/ (as given), to see the corpus still separates."""
    from detector.model.data import load_corpus

    examples = load_corpus(ROOT / "data")
    y = np.array([e.y for e in examples])
    groups = np.array([e.family for e in examples])
    out = []
    within = 0.0
    for keep_url in (True, False):
        X = []
        for e in examples:
            snap = e.snapshot if keep_url else Snapshot.coerce({**e.snapshot.to_dict(), "url": ""})
            X.append(extract_features(snap))
        model = _model().fit(X, y)
        out.append(float(roc_auc_score(y_real, model.predict_proba(X_real)[:, 1])))
        if keep_url:
            within = grouped_cv_auc(X, y, groups, seeds=1)
    return out[0], out[1], within


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--real", type=Path, default=REAL)
    ap.add_argument("--no-corpus", action="store_true", help="skip the data/ -> real-pages AUC")
    ap.add_argument("--dump", type=Path, help="write each item's fired signals (JSONL)")
    args = ap.parse_args()
    items = load_real(args.real)
    X = [extract_features(s) for s, *_ in items]
    y = np.array([it[1] for it in items])
    groups = np.array([it[3] for it in items])

    by_sub: dict[str, list[Features]] = defaultdict(list)
    for (_, label, sub, _), f in zip(items, X, strict=True):
        by_sub[f"{'S' if label else 'b'} {sub}"].append(f)
    names = list(KEY_SIGNALS)
    print(f"{'subtype':26s} {'n':>3s} " + " ".join(f"{n[:11]:>11s}" for n in names))
    for sub in sorted(by_sub):
        rows = by_sub[sub]
        rates = [sum(bool(KEY_SIGNALS[n](f)) for f in rows) / len(rows) for n in names]
        print(f"{sub:26s} {len(rows):3d} " + " ".join(f"{r:11.2f}" for r in rates))
    print(
        f"\ngrouped 5-fold CV ROC-AUC on real-pages (3 seeds): {grouped_cv_auc(X, y, groups):.3f}"
    )
    if not args.no_corpus:
        with_url, no_url, within = corpus_to_real_auc(X, y)
        print(
            f"train data/ -> test real-pages ROC-AUC: {with_url:.3f} (corpus URLs dropped: {no_url:.3f})"
        )
        print(f"grouped 5-fold CV ROC-AUC within data/ (sanity check): {within:.3f}")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as fh:
            for (snap, label, sub, fam), f in zip(items, X, strict=True):
                fired = {k: v for k, v in f.items() if isinstance(v, int | float) and v}
                row = {"id": snap.id, "y": label, "subtype": sub, "family": fam, "f": fired}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
