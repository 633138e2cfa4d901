"""Scoring-time shortcuts for the fitted pipelines: the numbers of scikit-learn's
``predict_proba``, bit for bit, at a fraction of the per-call cost.

At single-page scoring most of scikit-learn's time goes to input validation, to
``DictVectorizer``'s per-item type checks and to the word n-gram loop, not to arithmetic. Here:

- feature dicts become rows through the vectoriser's own vocabulary (same values, same columns);
- the logistic signals model is the same sparse product (``csr @ coef.T + intercept``) on the
  same scaled values, so the sum runs over the same non-zero terms in the same column order;
- the tree model walks all its fitted trees at once over flat node arrays (``_Trees``), then
  adds the leaf values in the fitted order, as ``_raw_predict`` does;
- a page document is read once: its n-gram counts (counted, then hashed by scikit-learn's own
  hashing routine), the TF-IDF row (the transformer's steps: log, idf, scikit-learn's own
  in-place L2 normalisation) and, for the explanation,
  each distinct n-gram's column, so the top terms reuse what the score computed.

Every shortcut applies only to the pipeline shapes it knows (the ones ``pipeline.py`` builds,
with the options it sets); any other model part is scored through scikit-learn as before.
tests/test_model_fast.py checks equality against the plain pipelines.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from numbers import Number
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.special import expit
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction._hashing_fast import transform as _hashing_transform
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MaxAbsScaler
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

from detector.model.metrics import logit

FeatureRows = Sequence[Mapping[str, Any]]


def _plain_log_odds(model: Pipeline, X: Sequence[Any]) -> np.ndarray:
    return logit(np.asarray(model.predict_proba(list(X))[:, 1]))


_DEFAULT_TOKENS = r"(?u)\b\w\w+\b"  # scikit-learn's default ``token_pattern``
_WORD_RUNS = re.compile(r"\w\w+")


class _Columns:
    """A fitted ``DictVectorizer`` as a name -> column map: the dense row it would give."""

    def __init__(self, vec: DictVectorizer) -> None:
        self.vocab: dict[str, int] = dict(vec.vocabulary_)
        self.sep = vec.separator
        self.width = len(vec.feature_names_)

    def _slot(self, key: str, value: object) -> tuple[int | None, Any]:
        """The column a (key, value) item fills and the value it stores."""
        if isinstance(value, str):
            return self.vocab.get(f"{key}{self.sep}{value}"), 1
        if type(value) in _PLAIN_NUMBERS or isinstance(value, Number):
            return self.vocab.get(key), value
        raise _Declined

    def _line(self, row: Mapping[str, Any], line: np.ndarray) -> set[int]:
        cols: list[int] = []
        values: list[Any] = []
        for key, value in row.items():
            j, v = self._slot(key, value)
            if j is not None:
                cols.append(j)
                values.append(v)
        line[cols] = values  # float64, as DictVectorizer stores them (``self.dtype(v)``)
        taken = set(cols)
        if len(taken) != len(cols):
            raise _Declined  # two items on one column: DictVectorizer's own handling
        return taken

    def matrix(self, rows: FeatureRows) -> np.ndarray | None:
        """The rows as ``DictVectorizer.transform(rows).toarray()``; None for an input the map
        does not cover (a value that is not a string or a number, two keys on one column, a
        value that is not finite).

        A row that differs from the last fully built one in a few items (the explainer's
        occluded rows) is that row with those items' columns rewritten."""
        out = np.zeros((len(rows), self.width))
        base: Mapping[str, Any] | None = None
        base_i = 0
        taken: set[int] = set()
        try:
            for i, row in enumerate(rows):
                if base is not None and row.keys() == base.keys():
                    changed = row.items() - base.items()
                    if len(changed) <= 4 and self._edit(out[i], out[base_i], base, changed, taken):
                        continue
                taken = self._line(row, out[i])
                base, base_i = row, i
        except (_Declined, TypeError, OverflowError):
            return None
        # NaN or infinity: scikit-learn's validation decides (the logistic model refuses them).
        return out if np.isfinite(out).all() else None

    def _edit(
        self,
        line: np.ndarray,
        base_line: np.ndarray,
        base: Mapping[str, Any],
        changed: Iterable[tuple[str, Any]],
        taken: set[int],
    ) -> bool:
        """Fill ``line`` as the base row with ``changed`` items; False if a full build is
        needed (a new column another item of the base row already fills)."""
        line[:] = base_line
        for key, value in changed:
            old, _ = self._slot(key, base[key])
            new, v = self._slot(key, value)
            if old is not None:
                line[old] = 0.0
            if new is not None:
                if new != old and new in taken:
                    return False
                line[new] = v
        return True


class _Declined(Exception):
    """An input the shortcut leaves to scikit-learn."""


_PLAIN_NUMBERS = (int, float, bool)


class _SparseLogistic:
    """``DictVectorizer(sparse=True)`` [-> ``MaxAbsScaler``] -> binary ``LogisticRegression``."""

    def __init__(self, pipe: Pipeline) -> None:
        steps = [s for _n, s in pipe.steps]
        self.columns = _Columns(steps[0])
        scaler = steps[1] if len(steps) == 3 else None
        # MaxAbsScaler on sparse input multiplies each stored value by 1 / scale_.
        self.inv_scale = None if scaler is None else 1.0 / scaler.scale_
        clf: LogisticRegression = steps[-1]
        self.coef = clf.coef_[0]
        self.intercept = clf.intercept_

    @staticmethod
    def accepts(pipe: Pipeline) -> bool:
        steps = [s for _n, s in pipe.steps]
        if (
            not steps
            or type(steps[0]) is not DictVectorizer
            or type(steps[-1]) is not (LogisticRegression)
        ):
            return False
        vec, clf = steps[0], steps[-1]
        middle = steps[1:-1]
        scaled = len(middle) == 1 and type(middle[0]) is MaxAbsScaler and not middle[0].clip
        return (
            (not middle or scaled)
            and vec.sparse
            and vec.dtype is np.float64
            and clf.coef_.shape[0] == 1
            and len(clf.classes_) == 2
        )

    def log_odds(self, rows: FeatureRows, X: np.ndarray) -> np.ndarray:
        if self.inv_scale is not None:
            X = X * self.inv_scale
        # scikit-learn multiplies the CSR rows by the coefficients: per row, a sum from 0.0 of
        # value x coefficient over the stored columns in column order. A running sum over every
        # column in that order is that sum: the absent columns add 0.0 x coefficient, a zero,
        # which leaves any sum as it was. (Building the CSR matrix from ``X`` cost 0.13 ms for
        # a page and its 13 occluded rows; this costs 0.02 ms.)
        sums = np.add.accumulate(X * self.coef, axis=1)[:, -1] if X.shape[1] else np.zeros(len(X))
        prob = expit(sums + self.intercept[0])
        return logit(prob)


class _Trees:
    """``DictVectorizer(sparse=False)`` -> binary ``HistGradientBoostingClassifier``.

    The fitted trees are stacked into flat node arrays and every (row, tree) pair descends
    at once, one level per step, with the predictor's own rule (``x <= threshold`` goes left,
    NaN goes where ``missing_go_to_left`` says). The leaf values are then added to the baseline
    tree by tree, in the fitted order (``np.add.accumulate`` along the trees is that sequential
    sum), as ``_raw_predict`` adds them: the same raw score, bit for bit.
    """

    def __init__(self, pipe: Pipeline) -> None:
        self.columns = _Columns(pipe.steps[0][1])
        self.clf: HistGradientBoostingClassifier = pipe.steps[-1][1]
        nodes = [p.nodes for (p,) in self.clf._predictors]
        sizes = np.array([len(n) for n in nodes])
        self.roots = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.intp)
        flat = np.concatenate(nodes)
        shift = np.repeat(self.roots, sizes)
        self.feature = flat["feature_idx"].astype(np.intp)
        self.threshold = flat["num_threshold"].astype(np.float64)
        self.leaf = flat["is_leaf"].astype(bool)
        self.nan_left = flat["missing_go_to_left"].astype(bool)
        self.value = flat["value"].astype(np.float64)
        self.steps = int(flat["depth"].max()) + 1
        # A leaf leads to itself both ways, and node i's children sit at 2i (right) and 2i + 1
        # (left), so one step of ``raw`` is one gather indexed by ``2 * node + go_left``.
        here = np.arange(flat.size, dtype=np.intp)
        self.children = np.empty(2 * flat.size, dtype=np.intp)
        self.children[0::2] = np.where(self.leaf, here, flat["right"].astype(np.intp) + shift)
        self.children[1::2] = np.where(self.leaf, here, flat["left"].astype(np.intp) + shift)

    @staticmethod
    def accepts(pipe: Pipeline) -> bool:
        steps = [s for _n, s in pipe.steps]
        if len(steps) != 2 or type(steps[0]) is not DictVectorizer:
            return False
        vec, clf = steps
        return (
            type(clf) is HistGradientBoostingClassifier
            and not vec.sparse
            and vec.dtype is np.float64
            and clf.n_trees_per_iteration_ == 1
            and getattr(clf, "_preprocessor", None) is None
            and getattr(clf, "is_categorical_", None) is None
            and not any(p.nodes["is_categorical"].any() for (p,) in clf._predictors)
            and all(p.nodes.dtype.names is not None for (p,) in clf._predictors)
            and len(clf.classes_) == 2
        )

    def raw(self, X: np.ndarray) -> np.ndarray:
        """``_raw_predict(X)[:, 0]``."""
        n = X.shape[0]
        node = np.tile(self.roots, (n, 1))
        rows = np.arange(n)[:, None]
        missing = bool(np.isnan(X).any())
        for _ in range(self.steps):
            if self.leaf[node].all():
                break
            x = X[rows, self.feature[node]]
            go_left = x <= self.threshold[node]
            if missing:
                go_left = np.where(np.isnan(x), self.nan_left[node], go_left)
            node = self.children[2 * node + go_left]
        else:
            if not self.leaf[node].all():
                raise ValueError("a tree is deeper than its nodes say")
        terms = np.empty((n, node.shape[1] + 1))
        terms[:, 0] = 0.0 + self.clf._baseline_prediction[0, 0]  # zeros + baseline
        terms[:, 1:] = self.value[node]
        return np.asarray(np.add.accumulate(terms, axis=1)[:, -1])

    def log_odds(self, rows: FeatureRows, X: np.ndarray) -> np.ndarray:
        raw = self.raw(X).reshape(-1, 1)
        return logit(np.asarray(self.clf._loss.predict_proba(raw)[:, 1]))


_SignalsPart = _SparseLogistic | _Trees


@dataclass
class Reading:
    """One document as a word model reads it."""

    tfidf: Any  # the TF-IDF row (1 x n_features CSR)
    grams: list[str]  # each distinct n-gram once
    columns: np.ndarray  # the hashed column of each of ``grams``


@dataclass
class Wording:
    """A page document and, per text model with a shortcut, how that model reads it."""

    doc: str
    readings: dict[str, Reading] = field(default_factory=dict)


class _Text:
    """``HashingVectorizer`` -> ``TfidfTransformer`` -> binary ``LogisticRegression``."""

    def __init__(self, pipe: Pipeline) -> None:
        self.hasher: HashingVectorizer = pipe.steps[0][1]
        self.tfidf: TfidfTransformer = pipe.steps[1][1]
        clf: LogisticRegression = pipe.steps[2][1]
        self.coef = clf.coef_[0]
        self.coef_t = clf.coef_.T
        self.intercept = clf.intercept_
        h = self.hasher
        self.decode = h.decode
        self.preprocess = h.build_preprocessor()
        self.tokenize = h.build_tokenizer()
        if h.tokenizer is None and h.token_pattern == _DEFAULT_TOKENS:
            # The same tokens: ``\b`` and ``\w`` test one character class, so the default
            # pattern's matches are the runs of two or more word characters, and without the
            # boundary tests the engine finds them about a third faster.
            self.tokenize = _WORD_RUNS.findall
        self.bigrams = h.analyzer == "word" and tuple(h.ngram_range) == (1, 2)
        self.analyse: Callable[[str], list[str]] = h.build_analyzer()
        self.sublinear = bool(self.tfidf.sublinear_tf)
        self.idf = self.tfidf.idf_ if hasattr(self.tfidf, "idf_") else None

    @staticmethod
    def accepts(pipe: Pipeline) -> bool:
        steps = [s for _n, s in pipe.steps]
        if len(steps) != 3:
            return False
        h, tfidf, clf = steps
        return (
            type(h) is HashingVectorizer
            and type(tfidf) is TfidfTransformer
            and tfidf.norm == "l2"
            and type(clf) is LogisticRegression
            and h.norm is None
            and not h.binary
            and h.stop_words is None
            and h.dtype is np.float64
            and clf.coef_.shape[0] == 1
            and len(clf.classes_) == 2
        )

    def counts(self, doc: str) -> Counter[str]:
        """How often each n-gram of ``doc`` occurs (the analyser's output, counted)."""
        if not self.bigrams:
            return Counter(self.analyse(doc))
        # The analyser's steps, with its word-bigram loop done by zip: the same n-grams.
        tokens = self.tokenize(self.preprocess(self.decode(doc)))
        counts = Counter(tokens)
        counts.update(map(" ".join, pairwise(tokens)))
        return counts

    def read(self, doc: str) -> Reading:
        counts = self.counts(doc)
        grams = list(counts)
        # FeatureHasher.transform, fed (n-gram, count) pairs instead of (n-gram, 1) per
        # occurrence: integer sums, so the same counts; ``indices`` is aligned with ``grams``.
        indices, indptr, values = _hashing_transform(
            [list(counts.items())],
            self.hasher.n_features,
            self.hasher.dtype,
            self.hasher.alternate_sign,
            seed=0,
        )
        columns = np.array(indices, dtype=np.intp)  # a copy: the matrix sorts ``indices``
        X = sp.csr_array(
            (values, indices, indptr), dtype=self.hasher.dtype, shape=(1, self.hasher.n_features)
        )
        X.sum_duplicates()  # also sorts the indices, as FeatureHasher does
        tfidf = self._tfidf(X)
        return Reading(tfidf=tfidf, grams=grams, columns=columns)

    def _tfidf(self, X: Any) -> Any:
        """``TfidfTransformer.transform(X, copy=False)``'s steps on a valid CSR row."""
        if self.sublinear:
            np.log(X.data, X.data)
            X.data += 1.0
        if self.idf is not None:
            X.data *= self.idf[X.indices]
        inplace_csr_row_normalize_l2(X)  # what ``normalize(X, "l2")`` runs on CSR input
        return X

    def log_odds(self, readings: Sequence[Reading]) -> np.ndarray:
        scores = np.array(
            [float((r.tfidf @ self.coef_t + self.intercept).reshape(-1)[0]) for r in readings]
        )
        return logit(expit(scores))

    def top_terms(self, reading: Reading, n: int) -> tuple[list[str], list[str]]:
        """``Blend.top_terms`` from a reading: the same words in the same order."""
        if not reading.grams:
            return [], []
        row = reading.tfidf
        cols = reading.columns
        indices = np.asarray(row.indices)
        pos = np.searchsorted(indices, cols)
        if pos.size and (pos.max() >= indices.size or not np.array_equal(indices[pos], cols)):
            dense = np.zeros(self.hasher.n_features)
            dense[indices] = row.data
            values = dense[cols]
        else:
            values = np.asarray(row.data)[pos]
        weights = values * self.coef[cols]
        pairs = list(zip(weights.tolist(), reading.grams, strict=True))
        # Only n-grams whose weight reaches the n-th largest (smallest) can be among the top n.
        if len(pairs) > n:
            hi = np.partition(weights, len(weights) - n)[len(weights) - n]
            lo = np.partition(weights, n - 1)[n - 1]
            top = [pairs[i] for i in np.flatnonzero(weights >= hi)]
            bottom = [pairs[i] for i in np.flatnonzero(weights <= lo)]
        else:
            top = bottom = pairs
        up = [g for w, g in heapq.nlargest(n, top) if w > 0]
        down = [g for w, g in heapq.nsmallest(n, bottom) if w < 0]
        return up, down


class FastBlend:
    """A ``Blend``'s scoring with the shortcuts wherever a part has a known shape."""

    def __init__(self, signals: Sequence[Pipeline], text: Mapping[str, Pipeline]) -> None:
        self.signals = list(signals)
        self.text = dict(text)
        self._signal_parts: list[_SignalsPart | None] = [_signals_part(m) for m in self.signals]
        # Models fitted on the same rows share a vocabulary: build their rows once.
        shared: list[_Columns] = []
        for part in self._signal_parts:
            if part is None:
                continue
            same = next((c for c in shared if c.vocab == part.columns.vocab), None)
            if same is not None and same.sep == part.columns.sep:
                part.columns = same
            else:
                shared.append(part.columns)
        self._text_parts: dict[str, _Text | None] = {
            name: (_Text(m) if _Text.accepts(m) else None) for name, m in self.text.items()
        }
        self._empty: np.float64 | None = None

    def signals_log_odds(self, rows: FeatureRows) -> np.ndarray:
        """``Blend.signals_log_odds``."""
        parts = []
        matrices: dict[int, np.ndarray | None] = {}
        for model, part in zip(self.signals, self._signal_parts, strict=True):
            X = None
            if part is not None:
                key = id(part.columns.vocab)
                if key not in matrices:
                    matrices[key] = part.columns.matrix(rows)
                X = matrices[key]
            if part is None or X is None:
                parts.append(_plain_log_odds(model, rows))
            else:
                parts.append(part.log_odds(rows, X))
        if len(parts) == 1:
            return parts[0]
        return np.asarray(np.mean(parts, axis=0))

    def read(self, docs: Sequence[str]) -> list[Wording]:
        out = []
        for doc in docs:
            w = Wording(doc)
            for name, part in self._text_parts.items():
                if part is not None:
                    w.readings[name] = part.read(doc)
            out.append(w)
        return out

    def text_log_odds(self, wordings: Sequence[Wording]) -> np.ndarray:
        """``Blend.text_log_odds`` of the wordings' documents."""
        parts = []
        for name, model in self.text.items():
            part = self._text_parts[name]
            if part is None:
                parts.append(_plain_log_odds(model, [w.doc for w in wordings]))
            else:
                parts.append(part.log_odds([w.readings[name] for w in wordings]))
        return np.asarray(np.mean(parts, axis=0)) if parts else np.zeros(len(wordings))

    @property
    def empty_log_odds(self) -> np.float64:
        """The wording log-odds of an empty document (a constant of the model)."""
        if self._empty is None:
            self._empty = self.text_log_odds(self.read([""]))[0]
        return self._empty

    def top_terms(self, wording: Wording, n: int = 6) -> tuple[list[str], list[str]] | None:
        """The word model's top terms from the reading; None when there is no shortcut."""
        if not wording.doc or "words" not in self.text:
            return [], []
        part = self._text_parts.get("words")
        reading = wording.readings.get("words")
        if part is None or reading is None:
            return None
        return part.top_terms(reading, n)


def _signals_part(pipe: Pipeline) -> _SignalsPart | None:
    if _SparseLogistic.accepts(pipe):
        return _SparseLogistic(pipe)
    if _Trees.accepts(pipe):
        return _Trees(pipe)
    return None
