"""Training: real data is the judge, generated data helps training.

Examples come from three sets: the generated and hand-written corpus under data/, and the real
sets under ../shared/data (``detector.model.real``). Model choices are made on the real sets:

1. Grouped cross-validation over the real examples (families never straddle a split). Each
   training split is every corpus example plus the other real folds, so the corpus only ever
   adds training data; the scores that choose anything are real pages the fold never saw.
2. From those out-of-fold scores: the wording weight of the blend, the Platt calibration, and
   the two thresholds (the ``scam`` one keeps real benign false positives at or below
   ``scam_fpr``).
3. The baseline a competent user would build in an afternoon (word TF-IDF over the raw content
   plus form and link counts, logistic regression) is scored on the same splits.
4. The blend is fitted on everything.

The folds are independent fits and run in parallel processes (``TrainConfig.jobs``); features
come from the feature cache when the same extractor saw the same snapshot before
(``detector.model.cache``), so retraining the shipped configuration costs its fits, not its
parsing. Real examples weigh ``real_weight`` in the wording model's fit.

Content first: every training example that has a URL is also used once without it (URL
dropout), so URL evidence adds to what the content says instead of standing in for it, and a
page stored without its URL is judged like the same page with one. Likewise every listing is
also used as plain text (a manifest pasted as text must not look like an empty page).

Without the real sets the same steps run on grouped CV over the corpus, and the sidecar says so.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, cast

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MaxAbsScaler
from threadpoolctl import threadpool_limits

from detector.extract.document import MAX_DOCUMENT_CHARS
from detector.extract.features import extract
from detector.model.cache import FeatureCache
from detector.model.data import Example
from detector.model.metrics import (
    Platt,
    Thresholds,
    binary_report,
    breakdown,
    choose_thresholds,
    rounded,
    tpr_at_fpr,
)
from detector.model.pipeline import (
    CANDIDATES,
    SEED,
    Blend,
    FeatureDicts,
    SignalMatrix,
    hash_docs,
    signals_with,
)
from detector.model.real import listing_from_json, set_of
from detector.model.threads import single_threaded
from detector.records import Listing, Snapshot

# The baseline's structural features: how many forms, fields, links and scripts a page has.
BASELINE_KEYS = (
    "page.forms",
    "page.inputs",
    "page.links",
    "page.external_scripts",
    "page.inline_scripts",
    "page.iframes",
    "credential.password_fields",
)


@dataclass(frozen=True)
class TrainConfig:
    splits: int = 5
    scam_fpr: float = 0.02  # the scam threshold keeps real benign false positives at or below
    suspicious_fpr: float = 0.08
    text_weights: tuple[float, ...] = (0.5, 0.6, 0.7, 0.8, 0.9)
    # Logistic regression and boosted trees over the named signals, their log-odds averaged:
    # the trees combine signals (a password form with a relay, a claim with a locker) that the
    # linear model only adds up; the linear model keeps URL evidence readable on its own (a bare
    # URL is far from any training page for the trees). Better than either alone on the real
    # grouped CV and on both leave-one-source-out splits.
    signals: str = "logistic+gradient_boosting"
    text_models: tuple[str, ...] = ("words",)
    url_dropout: bool = True
    baseline: bool = True
    # An unfitted scikit-learn classifier for the signals part (cloned for every fit); when set
    # it replaces the named ``signals`` candidate (see detector.research.train).
    estimator: Any = None
    # Each real example (and its copies) weighs this much in the text models' fit, a generated
    # one 1: the corpus adds breadth, the real pages say what the world looks like.
    real_weight: float = 3.0
    signals_real_weight: float = 1.0  # the same for the signals model (3 overfits the trees)
    jobs: int = 2  # folds fitted in parallel (processes); 1 fits them in this process


@dataclass
class Featurized:
    """Examples with their feature dicts, documents and raw content, in one place."""

    examples: list[Example]
    rows: FeatureDicts
    docs: list[str]
    raw: list[str]
    stripped: dict[int, int] = field(default_factory=dict)  # example -> its URL-less copy
    as_text: dict[int, int] = field(default_factory=dict)  # listing -> the same file as text
    bare: dict[int, int] = field(default_factory=dict)  # store listing -> as a file carries it
    # Per text model, the hashed counts of every document (filled on first use).
    counts: dict[str, Any] = field(default_factory=dict, repr=False)

    def hashed(self, name: str) -> Any:
        if name not in self.counts:
            self.counts[name] = hash_docs(name, self.docs)
        return self.counts[name]

    def raw_counts(self) -> Any:
        """Word 1-2 gram counts of every row's raw content (the baseline's input)."""
        if "raw" not in self.counts:
            vec = CountVectorizer(ngram_range=(1, 2), dtype=np.float64)
            self.counts["raw"] = vec.fit_transform(self.raw).tocsr()
        return self.counts["raw"]

    def original(self, idx: np.ndarray) -> np.ndarray:
        """For each row, the example it was made from (a copy maps to its original)."""
        back = {v: k for m in self.copy_maps for k, v in m.items()}
        n = len(self.examples)
        return np.array([int(i) if int(i) < n else back[int(i)] for i in idx], dtype=int)

    @property
    def copy_maps(self) -> tuple[dict[int, int], ...]:
        """Example -> training copy, for each kind of copy."""
        return (self.stripped, self.as_text, self.bare)

    @property
    def y(self) -> np.ndarray:
        return np.array([e.y for e in self.examples])

    @property
    def groups(self) -> np.ndarray:
        return np.array([e.family for e in self.examples])

    @property
    def sets(self) -> np.ndarray:
        return np.array([set_of(e) for e in self.examples])

    def with_dropout(self, idx: np.ndarray) -> np.ndarray:
        """``idx`` plus the training copies (URL-less, as text, bare listing) of each example
        that has them."""
        extra = [m[int(i)] for m in self.copy_maps for i in idx if int(i) in m]
        return np.concatenate([idx, np.array(extra, dtype=int)]) if extra else idx

    def take_rows(self, idx: np.ndarray) -> FeatureDicts:
        return [self.rows[int(i)] for i in idx]

    def signal_matrix(self) -> SignalMatrix:
        """Every row through one ``DictVectorizer`` (filled on first use; see ``SignalMatrix``)."""
        if "signals" not in self.counts:
            self.counts["signals"] = SignalMatrix.of(self.rows)
        return cast(SignalMatrix, self.counts["signals"])

    def take_docs(self, idx: np.ndarray) -> list[str]:
        return [self.docs[int(i)] for i in idx]


@dataclass
class TrainResult:
    model: Blend
    name: str
    platt: Platt
    thresholds: Thresholds
    metrics: dict[str, Any]
    comparison: dict[str, dict[str, float]]
    counts: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    text_weight: float = 0.0
    judge: str = "real"
    # The judged examples (indices into the training data) and their calibrated out-of-fold
    # scores: what the reported metrics were computed from.
    judged: np.ndarray | None = None
    oof_scores: np.ndarray | None = None


def raw_content(e: Example) -> str:
    """The snapshot's content as a user would paste it (markup, text or listing fields)."""
    s = e.snapshot
    parts = [s.html or "", s.text or ""]
    if s.listing is not None:
        parts += [str(v) for v in s.listing.to_dict().values() if v]
    return "\n".join(p for p in parts if p)[:MAX_DOCUMENT_CHARS]


def without_url(e: Example) -> Example:
    snap = replace(e.snapshot, url="", final_url=None, redirects=[])
    return replace(e, snapshot=snap)


def as_text(e: Example) -> Example:
    """A listing as a caller may send it: the manifest or store row as plain text."""
    listing = e.snapshot.listing
    assert listing is not None
    body = json.dumps(listing.manifest or listing.to_dict(), ensure_ascii=False, indent=1)
    snap = replace(e.snapshot, listing=None, html=None, text=body)
    return replace(e, snapshot=snap)


def bare_listing(e: Example) -> Example:
    """A store listing as a file carries it: an extension's manifest alone, an app's name and
    description alone; no developer, installs, rating or permissions list (read the way the
    real sets' manifests and store texts are)."""
    listing = e.snapshot.listing
    assert listing is not None
    if isinstance(listing.manifest, dict):
        bare = listing_from_json(listing.manifest)
    else:
        bare = Listing(name=listing.name, description=listing.description)
    snap = replace(e.snapshot, url="", final_url=None, redirects=[])
    return replace(e, snapshot=replace(snap, listing=bare))


def _has_store_fields(e: Example) -> bool:
    listing = e.snapshot.listing
    return listing is not None and bool(listing.developer or listing.installs or listing.rating)


def _extract(snap: Snapshot) -> tuple[dict[str, Any], str]:
    ex = extract(snap)
    return dict(ex.features), ex.document


# Below this many pages to extract, starting worker processes costs more than it saves.
_PARALLEL_EXTRACT_MIN = 200


def extract_all(snaps: Sequence[Snapshot], jobs: int = 1) -> list[tuple[dict[str, Any], str]]:
    """``_extract`` of every snapshot, in order; in ``jobs`` processes when there are many.

    Extraction is a pure function of the snapshot, so the result is the same either way."""
    if jobs <= 1 or len(snaps) < _PARALLEL_EXTRACT_MIN:
        return _extract_chunk(snaps)
    from joblib import Parallel, delayed

    # Contiguous chunks, a few per process: few round trips, and a slow chunk is shared out.
    size = max(1, -(-len(snaps) // (jobs * 4)))
    chunks = [snaps[i : i + size] for i in range(0, len(snaps), size)]
    done = Parallel(n_jobs=jobs)(delayed(_extract_chunk)(c) for c in chunks)
    return [entry for chunk in done for entry in chunk]


def _extract_chunk(snaps: Sequence[Snapshot]) -> list[tuple[dict[str, Any], str]]:
    return [_extract(s) for s in snaps]


def featurize(
    examples: Sequence[Example],
    url_dropout: bool = True,
    cache: FeatureCache | None = None,
    jobs: int = 1,
) -> Featurized:
    """Extract every example once, plus training-only copies: each example with a URL without
    it (URL dropout), each listing as plain text (callers send manifests both ways) and each
    store listing as a file carries it (``bare_listing``: no store fields).

    With a ``cache``, snapshots extracted before by the same extractor are read from it; the
    rest are extracted in ``jobs`` processes."""
    items = list(examples)
    copies = [i for i, e in enumerate(items) if url_dropout and e.snapshot.url]
    texts = [i for i, e in enumerate(items) if url_dropout and e.snapshot.listing is not None]
    bare = [i for i, e in enumerate(items) if url_dropout and _has_store_fields(e)]
    all_items = items + [without_url(items[i]) for i in copies] + [as_text(items[i]) for i in texts]
    all_items += [bare_listing(items[i]) for i in bare]
    snaps = [e.snapshot for e in all_items]
    if cache is None:
        entries = extract_all(snaps, jobs)
    else:
        entries = cache.get_many(snaps, lambda missing: extract_all(missing, jobs))
        cache.save()
    rows = [features for features, _doc in entries]
    docs = [doc for _features, doc in entries]
    raw = [raw_content(e) for e in all_items]
    data = Featurized(examples=items, rows=rows, docs=docs, raw=raw)
    data.stripped = {i: len(items) + k for k, i in enumerate(copies)}
    data.as_text = {i: len(items) + len(copies) + k for k, i in enumerate(texts)}
    data.bare = {i: len(items) + len(copies) + len(texts) + k for k, i in enumerate(bare)}
    return data


def _splits(y: np.ndarray, groups: np.ndarray, n: int) -> list[tuple[np.ndarray, np.ndarray]]:
    n = max(2, min(n, len(set(groups.tolist()))))
    cv = StratifiedGroupKFold(n_splits=n, shuffle=True, random_state=SEED)
    return list(cv.split(np.zeros(len(y)), y, groups))


class Baseline:
    """Word 1-2 gram TF-IDF over the raw content + form/link counts, logistic regression."""

    def fit(self, data: Featurized, idx: np.ndarray) -> Baseline:
        # Same as TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True) fitted on
        # these rows, from word counts computed once for every row: keep the terms found in at
        # least two training rows (in the vectorizer's sorted order), then TF-IDF over them.
        counts = data.raw_counts()[idx]
        self.keep = np.flatnonzero(np.asarray((counts > 0).sum(axis=0)).ravel() >= 2)
        self.tfidf = TfidfTransformer(sublinear_tf=True)
        self.vec = DictVectorizer()
        self.scale = MaxAbsScaler()
        words = self.tfidf.fit_transform(counts[:, self.keep])
        forms = self.scale.fit_transform(self.vec.fit_transform(self._forms(data, idx)))
        self.clf = LogisticRegression(
            C=4.0, class_weight="balanced", max_iter=5000, solver="liblinear"
        )
        with threadpool_limits(limits=1):  # bit-identical on any machine (see Blend.fit)
            self.clf.fit(sp.hstack([words, forms]).tocsr(), _y(data, idx))
        return self

    def scores(self, data: Featurized, idx: np.ndarray) -> np.ndarray:
        words = self.tfidf.transform(data.raw_counts()[idx][:, self.keep])
        forms = self.scale.transform(self.vec.transform(self._forms(data, idx)))
        return np.asarray(self.clf.predict_proba(sp.hstack([words, forms]).tocsr())[:, 1])

    @staticmethod
    def _forms(data: Featurized, idx: np.ndarray) -> FeatureDicts:
        return [{k: data.rows[int(i)].get(k, 0) for k in BASELINE_KEYS} for i in idx]


def _y(data: Featurized, idx: np.ndarray) -> np.ndarray:
    y = data.y
    n = len(y)
    # URL-less copies sit after the examples; their label is their original's.
    back = {v: k for m in data.copy_maps for k, v in m.items()}
    return np.array([y[int(i)] if int(i) < n else y[back[int(i)]] for i in idx])


@dataclass
class OutOfFold:
    """Log-odds of each part, for the judged examples, from models that never saw them."""

    judged: np.ndarray
    signals: np.ndarray
    text: np.ndarray
    baseline: np.ndarray | None
    # The judged listings sent as plain text instead: position in ``judged`` -> log-odds.
    as_text: dict[int, tuple[float, float]] = field(default_factory=dict)


def signal_factories(name: str) -> list[Callable[[], Pipeline]]:
    """The signals model(s) ``name`` names: one candidate, or several joined by ``+`` (an
    ensemble whose signals score is their mean log-odds)."""
    parts = name.split("+")
    unknown = [p for p in parts if p not in CANDIDATES]
    if unknown:
        raise ValueError(f"unknown signals model {unknown[0]!r}; known: {sorted(CANDIDATES)}")
    return [CANDIDATES[p] for p in parts]


def sample_weights(data: Featurized, rows: np.ndarray, real_weight: float) -> np.ndarray | None:
    """``real_weight`` for rows made from a real example, 1 for the corpus (None: all equal)."""
    if real_weight == 1.0:
        return None
    real = data.sets[data.original(rows)] != "corpus"
    return np.where(real, real_weight, 1.0)


def fit_blend(
    data: Featurized, idx: np.ndarray, text_weight: float, cfg: TrainConfig, final: bool = False
) -> Blend:
    """The blend fitted on examples ``idx`` (and their training copies). Evaluation fits take
    their signal rows from the shared ``SignalMatrix``; the ``final`` fit, whose vectoriser is
    saved, fits it on the rows as they are (the same numbers, the vectoriser built as usual)."""
    train = data.with_dropout(idx)
    return Blend.fit(
        data.take_rows(train),
        data.take_docs(train),
        _y(data, train),
        text_weight,
        signals_factories(cfg),
        cfg.text_models,
        sample_weight=sample_weights(data, train, cfg.real_weight),
        hashed={name: data.hashed(name)[train] for name in cfg.text_models},
        signals_weight=sample_weights(data, train, cfg.signals_real_weight),
        signals_matrix=None if final else data.signal_matrix().take(train),
    )


def signals_factories(cfg: TrainConfig) -> list[Callable[[], Any]]:
    """The signals pipeline factories ``cfg`` asks for: its estimator, else the named
    candidate(s) (``signal_factories``)."""
    if cfg.estimator is not None:
        return [signals_with(cfg.estimator)]
    return list(signal_factories(cfg.signals))


def signals_name(cfg: TrainConfig) -> str:
    return type(cfg.estimator).__name__ if cfg.estimator is not None else cfg.signals


def _fold(
    data: Featurized, train: np.ndarray, test: np.ndarray, cfg: TrainConfig
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray, np.ndarray]:
    """One split: the parts' log-odds on ``test`` (and on its listings sent as text)."""
    blend = fit_blend(data, train, 0.5, cfg)
    zs = blend.signals_log_odds(data.take_rows(test))
    zt = blend.text_log_odds(data.take_docs(test))
    base = None
    if cfg.baseline:
        base = Baseline().fit(data, data.with_dropout(train)).scores(data, test)
    rows = np.array([data.as_text[int(i)] for i in test if int(i) in data.as_text], dtype=int)
    vs = blend.signals_log_odds(data.take_rows(rows)) if len(rows) else np.zeros(0)
    vt = blend.text_log_odds(data.take_docs(rows)) if len(rows) else np.zeros(0)
    return zs, zt, base, vs, vt


def _parallel(jobs: int, calls: Sequence[Callable[[], Any]]) -> list[Any]:
    """Run independent fits in ``jobs`` processes (in order, here, when 1)."""
    if jobs <= 1 or len(calls) <= 1:
        return [call() for call in calls]
    from joblib import Parallel, delayed

    return list(Parallel(n_jobs=min(jobs, len(calls)))(delayed(c)() for c in calls))


def out_of_fold(
    data: Featurized,
    judged: np.ndarray,
    cfg: TrainConfig,
    always: np.ndarray | None = None,
    say: Callable[[str], None] = lambda _m: None,
) -> OutOfFold:
    """Grouped CV over ``judged``; ``always`` (e.g. the corpus) joins every training split.

    Folds are independent fits, run in ``cfg.jobs`` processes; the result does not depend on
    how many."""
    from functools import partial

    y, groups = data.y, data.groups
    always = always if always is not None else np.array([], dtype=int)
    zs, zt = np.zeros(len(judged)), np.zeros(len(judged))
    base = np.zeros(len(judged)) if cfg.baseline else None
    as_text: dict[int, tuple[float, float]] = {}
    for name in cfg.text_models:
        data.hashed(name)  # once, before the folds share it
    data.signal_matrix()
    if cfg.baseline:
        data.raw_counts()
    splits = _splits(y[judged], groups[judged], cfg.splits)
    calls = [
        partial(_fold, data, np.concatenate([always, judged[tr]]), judged[te], cfg)
        for tr, te in splits
    ]
    for k, ((_tr, te), part) in enumerate(zip(splits, _parallel(cfg.jobs, calls), strict=True), 1):
        zs[te], zt[te] = part[0], part[1]
        if base is not None:
            base[te] = part[2]
        views = [int(pos) for pos in te if int(judged[pos]) in data.as_text]
        for pos, a, b in zip(views, part[3], part[4], strict=True):
            as_text[pos] = (float(a), float(b))
        say(f"  fold {k}: {len(te)} held out")
    return OutOfFold(judged=judged, signals=zs, text=zt, baseline=base, as_text=as_text)


def _choose_weight(oof: OutOfFold, y: np.ndarray, cfg: TrainConfig) -> tuple[float, dict]:
    """The wording weight with the best recall at the scam FPR (ROC-AUC breaks ties)."""
    table = {}
    for w in cfg.text_weights:
        raw = w * oof.text + (1 - w) * oof.signals
        table[f"{w:.2f}"] = {
            "roc_auc": round(float(_auc(raw, y)), 4),
            "tpr_at_scam_fpr": round(tpr_at_fpr(raw, y, cfg.scam_fpr), 4),
        }
    best = max(
        cfg.text_weights,
        key=lambda w: (table[f"{w:.2f}"]["tpr_at_scam_fpr"], table[f"{w:.2f}"]["roc_auc"], -w),
    )
    return best, table


def _auc(scores: np.ndarray, y: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, scores)) if 0 < y.sum() < len(y) else float("nan")


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-z)))


def summary(
    examples: Sequence[Example], scores: np.ndarray, y: np.ndarray, th: Thresholds
) -> dict[str, Any]:
    """Overall, per source set, per kind and per subtype figures at the thresholds."""
    sets = np.array([set_of(e) for e in examples])
    kinds = np.array([e.snapshot.kind for e in examples])
    out: dict[str, Any] = {"overall": rounded(_report(scores, y, th))}
    out["per_set"] = {
        s: rounded(_report(scores[sets == s], y[sets == s], th)) for s in sorted(set(sets))
    }
    out["per_kind"] = {
        k: rounded(_report(scores[kinds == k], y[kinds == k], th)) for k in sorted(set(kinds))
    }
    out["per_subtype"] = breakdown(scores, y, [e.subtype for e in examples], th.scam, th.suspicious)
    langs = by_language(examples)
    out["per_language"] = {
        g: rounded(_report(scores[langs == g], y[langs == g], th)) for g in sorted(set(langs))
    }
    return out


MIN_LANGUAGE_ROWS = 10  # languages with fewer examples are reported together as "other"


def by_language(examples: Sequence[Example]) -> np.ndarray:
    """Each example's language for the per-language rows: its code where the language has
    ``MIN_LANGUAGE_ROWS`` examples or more, else "other" (and "other" for none given)."""
    langs = [e.lang or "other" for e in examples]
    sizes = Counter(langs)
    return np.array([g if sizes[g] >= MIN_LANGUAGE_ROWS else "other" for g in langs])


def _report(scores: np.ndarray, y: np.ndarray, th: Thresholds) -> dict[str, float]:
    rep = binary_report(scores, y, th.scam, th.suspicious)
    if 0 < y.sum() < len(y):
        rep["tpr_at_2pct_fpr"] = tpr_at_fpr(scores, y, 0.02)
    return rep


@single_threaded
def train(
    examples: Sequence[Example],
    cfg: TrainConfig | None = None,
    progress: Callable[[str], None] | None = None,
    data: Featurized | None = None,
) -> TrainResult:
    """Choose the blend weight, calibration and thresholds on the judge; fit on everything."""
    cfg = cfg or TrainConfig()
    say = progress or (lambda _msg: None)
    start = time.perf_counter()
    if data is None:
        data = featurize(examples, cfg.url_dropout)
        say(f"extracted features in {time.perf_counter() - start:.1f}s")
    y = data.y
    sets = data.sets
    real = np.flatnonzero(sets != "corpus")
    judge = "real" if len(real) and 0 < y[real].sum() < len(real) else "corpus"
    judged = real if judge == "real" else np.arange(len(y))
    always = np.flatnonzero(sets == "corpus") if judge == "real" else None
    say(
        f"{len(data.rows)} training rows ({len(data.stripped)} URL-less copies, "
        f"{len(data.as_text)} listings as text, {len(data.bare)} bare listings); "
        f"judged on {len(judged)} {judge} examples"
    )
    oof = out_of_fold(data, judged, cfg, always, say)
    yj = y[judged]
    weight, weights = _choose_weight(oof, yj, cfg)
    raw = _sigmoid(weight * oof.text + (1 - weight) * oof.signals)
    platt = Platt.fit(raw, yj)
    scores = platt(raw)
    thresholds = choose_thresholds(scores, yj, cfg.scam_fpr, cfg.suspicious_fpr)
    judged_examples = [data.examples[int(i)] for i in judged]
    metrics: dict[str, Any] = {
        f"{judge}_grouped_cv": summary(judged_examples, scores, yj, thresholds)
    }
    comparison: dict[str, dict[str, float]] = {
        "blend": rounded(_report(scores, yj, thresholds)),
        "signals_only": rounded(_report(_sigmoid(oof.signals), yj, thresholds)),
        "wording_only": rounded(_report(_sigmoid(oof.text), yj, thresholds)),
    }
    if oof.baseline is not None:
        # The baseline's own thresholds, chosen the same way on its own out-of-fold scores.
        bth = choose_thresholds(oof.baseline, yj, cfg.scam_fpr, cfg.suspicious_fpr)
        comparison["baseline_tfidf_forms"] = rounded(_report(oof.baseline, yj, bth))
    metrics["wording_weight"] = weights
    if oof.as_text:
        pos = np.array(sorted(oof.as_text))
        zs_t = np.array([oof.as_text[int(p)][0] for p in pos])
        zt_t = np.array([oof.as_text[int(p)][1] for p in pos])
        view = platt(_sigmoid(weight * zt_t + (1 - weight) * zs_t))
        metrics["listings_sent_as_text"] = {
            "as_listing": rounded(_report(scores[pos], yj[pos], thresholds)),
            "as_text": rounded(_report(view, yj[pos], thresholds)),
        }
    say(f"wording weight {weight}: {comparison['blend']}")
    model = fit_blend(data, np.arange(len(y)), weight, cfg, final=True)
    groups = data.groups
    counts = {
        "examples": len(y),
        "scam": int(y.sum()),
        "benign": int((y == 0).sum()),
        "families": len(set(groups.tolist())),
        "url_less_copies": len(data.stripped),
        "listings_as_text": len(data.as_text),
        "bare_listings": len(data.bare),
        "per_set": {s: int((sets == s).sum()) for s in sorted(set(sets.tolist()))},
        "kinds": {
            k: sum(e.snapshot.kind == k for e in data.examples)
            for k in sorted({e.snapshot.kind for e in data.examples})
        },
    }
    return TrainResult(
        model=model,
        name=f"blend({signals_name(cfg)}+{'+'.join(cfg.text_models)})",
        platt=platt,
        thresholds=thresholds,
        metrics=metrics,
        comparison=comparison,
        counts=counts,
        seconds=round(time.perf_counter() - start, 1),
        text_weight=weight,
        judge=judge,
        judged=judged,
        oof_scores=scores,
    )
