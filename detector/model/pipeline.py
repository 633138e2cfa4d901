"""The model: a signals model and a wording model, blended on the log-odds scale.

- **signals**: feature dicts (claims, credentials, lockers, OAuth, listing, URL...) ->
  DictVectorizer -> classifier (``CANDIDATES``; the shipped one is histogram gradient boosting).
  Every input is a named signal, so verdict reasons (occlusion) stay readable.
- **wording**: the page document (``detector.extract.document``) -> TF-IDF -> logistic
  regression over word 1-2 grams; optionally also character 2-5 grams (``TrainConfig.
  text_models``; five times the training cost for +0.004 ROC-AUC on the real grouped CV, so
  off by default). The mean log-odds of the text models is the wording score.

``raw = w * wording + (1 - w) * signals`` (log-odds), then the Platt mapping and thresholds in
the sidecar. The weight ``w`` is chosen on grouped cross-validation over the real sets.

The artifact file holds a plain dict of fitted scikit-learn pipelines (``to_state``), so only
scikit-learn, NumPy and SciPy types are stored; ``Blend`` is rebuilt around it at load time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MaxAbsScaler
from sklearn.utils import murmurhash3_32
from threadpoolctl import threadpool_limits

from detector.model.fast import FastBlend
from detector.model.metrics import logit

SEED = 20261123
STATE_FORMAT = "blend-v1"


def logistic() -> Pipeline:
    """Sparse linear model over the signals: every weight readable, robust on small data."""
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
    """Tree ensemble over the signals: interactions without hand-made crosses."""
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


_HASH_FEATURES = 2**18


def _text_pipeline(**analyser: Any) -> Pipeline:
    """Hashed n-gram counts -> TF-IDF -> logistic regression.

    Hashing keeps no vocabulary, so the model file stays small and fast to verify and load
    (a stored vocabulary of 100,000 terms took minutes through the safe loader); collisions in
    2^18 buckets cost nothing measurable on these documents.
    """
    return Pipeline(
        [
            (
                "hash",
                HashingVectorizer(
                    n_features=_HASH_FEATURES, alternate_sign=False, norm=None, **analyser
                ),
            ),
            ("tfidf", TfidfTransformer(sublinear_tf=True)),
            (
                "clf",
                LogisticRegression(
                    C=4.0, class_weight="balanced", max_iter=5000, solver="liblinear"
                ),
            ),
        ]
    )


def word_model() -> Pipeline:
    """Word 1-2 grams of the page document."""
    return _text_pipeline(ngram_range=(1, 2))


def char_model() -> Pipeline:
    """Character 2-5 grams within words (spelling tricks, languages without lexicons)."""
    return _text_pipeline(analyzer="char_wb", ngram_range=(2, 5))


CANDIDATES: dict[str, Callable[[], Pipeline]] = {
    "logistic": logistic,
    "gradient_boosting": gradient_boosting,
}
"""Signals estimators a caller may choose (``TrainConfig.signals``)."""

TEXT_MODELS: dict[str, Callable[[], Pipeline]] = {"words": word_model, "chars": char_model}


def signals_with(estimator: Any) -> Callable[[], Pipeline]:
    """A signals pipeline factory around a caller's unfitted classifier (``TrainConfig.
    estimator``): dense ``DictVectorizer`` -> ``MaxAbsScaler`` -> a fresh clone per fit.

    Dense because the signals are a few hundred columns and several estimators (histogram
    boosting, for one) refuse sparse input; scaled so distance- and margin-based models work.
    """

    def make() -> Pipeline:
        return Pipeline(
            [
                ("vec", DictVectorizer(sparse=False, sort=True)),
                ("scale", MaxAbsScaler()),
                ("clf", clone(estimator)),
            ]
        )

    return make


FeatureDicts = list[dict[str, Any]]


@dataclass(frozen=True)
class SignalMatrix:
    """Feature rows as the sparse matrix a sorted ``DictVectorizer`` fitted on them gives.

    Training fits the signals models many times on overlapping rows (folds, held-out sets);
    vectorising every row once and slicing is what makes those fits cheap. ``take(idx)`` is
    exactly ``DictVectorizer(sort=True).fit_transform(rows[idx])``: the columns of the keys
    those rows carry (a key present with the value 0 included, as a stored zero), in sorted
    order, with the same values.
    """

    names: list[str]
    X: Any  # CSR, as DictVectorizer returns it

    @classmethod
    def of(cls, rows: FeatureDicts) -> SignalMatrix:
        vec = DictVectorizer(sparse=True, sort=True)
        X = vec.fit_transform(rows)
        return cls(list(vec.feature_names_), X)

    def take(self, idx: np.ndarray) -> SignalMatrix:
        sub = self.X[np.asarray(idx)]
        present = np.unique(sub.indices)  # names are sorted, so a subset in order stays sorted
        out = sub[:, present]
        out.sort_indices()
        # Index arrays of the vectoriser's own width (slicing may narrow them).
        out.indices = out.indices.astype(self.X.indices.dtype, copy=False)
        out.indptr = out.indptr.astype(self.X.indptr.dtype, copy=False)
        return SignalMatrix([self.names[int(c)] for c in present], out)


def _plain_vectoriser(step: Any) -> bool:
    """A default sorted ``DictVectorizer``: the kind ``SignalMatrix`` reproduces."""
    return (
        type(step) is DictVectorizer
        and step.sort
        and step.separator == "="
        and step.dtype is np.float64
    )


def _fit_signals(
    factory: Callable[[], Pipeline],
    rows: FeatureDicts,
    y: np.ndarray,
    weights: Mapping[str, Any],
    matrix: SignalMatrix | None,
) -> Pipeline:
    """``factory().fit(rows, y)``; with ``matrix`` (the rows vectorised), the vectoriser is set
    from it and the remaining steps are fitted on its matrix: the same fitted model."""
    pipe = factory()
    vec = pipe.steps[0][1]
    if matrix is None or not _plain_vectoriser(vec):
        return pipe.fit(rows, y, **weights)
    vec.feature_names_ = list(matrix.names)
    vec.vocabulary_ = {name: i for i, name in enumerate(matrix.names)}
    pipe[1:].fit(matrix.X if vec.sparse else matrix.X.toarray(), y, **weights)
    return pipe


def hash_docs(name: str, docs: Sequence[str]) -> Any:
    """The hashed n-gram counts the text model ``name`` starts from (stateless, so they can be
    computed once for every document and sliced per training split)."""
    return TEXT_MODELS[name]().named_steps["hash"].transform(list(docs)).tocsr()


def fit_text(
    name: str,
    docs: Sequence[str],
    y: np.ndarray,
    sample_weight: np.ndarray | None = None,
    counts: Any = None,
) -> Pipeline:
    """Fit text model ``name``; ``counts`` (its ``hash_docs`` of ``docs``) skips the hashing.

    The hashing step is stateless, so fitting the remaining steps on precomputed counts gives
    the same fitted pipeline as ``Pipeline.fit`` on the documents."""
    model = TEXT_MODELS[name]()
    X = counts if counts is not None else hash_docs(name, docs)
    tfidf = model.named_steps["tfidf"].fit(X)
    model.named_steps["clf"].fit(tfidf.transform(X), y, sample_weight=sample_weight)
    return model


def hash_column(gram: str, n_features: int) -> int:
    """The column ``HashingVectorizer`` (signed murmur3, seed 0) gives one n-gram."""
    return abs(int(murmurhash3_32(gram, seed=0))) % n_features


def _log_odds(model: Pipeline, X: Sequence[Any]) -> np.ndarray:
    return logit(np.asarray(model.predict_proba(list(X))[:, 1]))


@dataclass
class Blend:
    """Signals and wording models combined on the log-odds scale."""

    signals: Pipeline
    text: dict[str, Pipeline]
    text_weight: float
    # Further signals models: the signals score is the mean log-odds of all of them.
    more_signals: dict[str, Pipeline] = field(default_factory=dict)
    _fast: FastBlend | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def fast(self) -> FastBlend:
        """The same scores through the scoring-time shortcuts (``detector.model.fast``)."""
        if self._fast is None:
            models = [self.signals, *self.more_signals.values()]
            self._fast = FastBlend(models, self.text)
        return self._fast

    @classmethod
    def fit(
        cls,
        rows: FeatureDicts,
        docs: Sequence[str],
        y: np.ndarray,
        text_weight: float,
        signals: Callable[[], Pipeline] | Sequence[Callable[[], Pipeline]] = logistic,
        text_models: Sequence[str] = ("words",),
        sample_weight: np.ndarray | None = None,
        hashed: Mapping[str, Any] | None = None,
        signals_weight: np.ndarray | None = None,
        signals_matrix: SignalMatrix | None = None,
    ) -> Blend:
        """Fit both parts: the text models with ``sample_weight``, the signals model with
        ``signals_weight``; several ``signals`` factories make an ensemble whose signals score
        is their mean log-odds. ``hashed`` may hold each text model's hashed counts of ``docs``
        (``hash_docs``), computed once for many fits; ``signals_matrix`` may hold ``rows``
        vectorised (``SignalMatrix.take``); either way the result is the same model.

        Numeric libraries run on one thread here, so a fit gives bit-identical models on any
        machine and in any worker process (multi-threaded BLAS sums in another order)."""
        with threadpool_limits(limits=1):
            text = {
                name: fit_text(name, docs, y, sample_weight, (hashed or {}).get(name))
                for name in text_models
            }
            factories = [signals] if callable(signals) else list(signals)
            # Weights only when there are any: not every classifier takes sample_weight.
            weights = {} if signals_weight is None else {"clf__sample_weight": signals_weight}
            fitted = [_fit_signals(f, rows, y, weights, signals_matrix) for f in factories]
        more = {str(k): m for k, m in enumerate(fitted[1:], 1)}
        return cls(signals=fitted[0], text=text, text_weight=text_weight, more_signals=more)

    def signals_log_odds(self, rows: FeatureDicts) -> np.ndarray:
        if not self.more_signals:
            return _log_odds(self.signals, rows)
        models = [self.signals, *self.more_signals.values()]
        return np.asarray(np.mean([_log_odds(m, rows) for m in models], axis=0))

    def text_log_odds(self, docs: Sequence[str]) -> np.ndarray:
        parts = [_log_odds(model, docs) for model in self.text.values()]
        return np.asarray(np.mean(parts, axis=0)) if parts else np.zeros(len(docs))

    def combine(self, signals: np.ndarray, text: np.ndarray) -> np.ndarray:
        """Blended log-odds from the two parts' log-odds."""
        w = self.text_weight if self.text else 0.0
        return np.asarray(w * text + (1.0 - w) * signals)

    def raw(self, rows: FeatureDicts, docs: Sequence[str]) -> np.ndarray:
        """Blended probability before calibration (the Platt mapping's input)."""
        z = self.combine(self.signals_log_odds(rows), self.text_log_odds(docs))
        return np.asarray(1.0 / (1.0 + np.exp(-z)))

    def top_terms(self, doc: str, n: int = 6) -> tuple[list[str], list[str]]:
        """Words of ``doc`` that pushed the word model most toward scam, and toward benign."""
        model = self.text.get("words")
        if model is None or not doc:
            return [], []
        hasher = model.named_steps["hash"]
        weights = model[:-1].transform([doc]).toarray()[0] * model.named_steps["clf"].coef_[0]
        grams = sorted(set(hasher.build_analyzer()(doc)))
        scored = [(float(weights[hash_column(g, hasher.n_features)]), g) for g in grams]
        scored.sort()
        up = [g for w, g in reversed(scored[-n:]) if w > 0]
        down = [g for w, g in scored[:n] if w < 0]
        return up, down

    def to_state(self) -> dict[str, Any]:
        """What the artifact file stores: scikit-learn objects and plain values only."""
        return {
            "format": STATE_FORMAT,
            "signals": self.signals,
            "text": dict(self.text),
            "text_weight": float(self.text_weight),
            "more_signals": dict(self.more_signals),
        }

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> Blend:
        if not isinstance(state, Mapping) or state.get("format") != STATE_FORMAT:
            raise ValueError(f"not a {STATE_FORMAT} model state")
        text = state.get("text")
        signals = state.get("signals")
        if not isinstance(text, Mapping) or not hasattr(signals, "predict_proba"):
            raise ValueError("model state lacks its signals or text models")
        if not all(hasattr(m, "predict_proba") for m in text.values()):
            raise ValueError("a text model in the state is not a classifier")
        more = state.get("more_signals", {})
        if not isinstance(more, Mapping) or not all(
            hasattr(m, "predict_proba") for m in more.values()
        ):
            raise ValueError("a further signals model in the state is not a classifier")
        weight = float(state.get("text_weight", 0.0))
        if not 0.0 <= weight <= 1.0:
            raise ValueError(f"text weight {weight} is outside [0, 1]")
        return cls(signals=signals, text=dict(text), text_weight=weight, more_signals=dict(more))
