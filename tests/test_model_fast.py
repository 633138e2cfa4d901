"""The scoring shortcuts (detector.model.fast) give scikit-learn's numbers exactly.

Equality here is ``==`` on float64 arrays, not closeness: a verdict must not move by one ulp.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import expit
from sklearn.linear_model import LogisticRegression

from detector.extract.features import extract
from detector.model.data import load_corpus
from detector.model.fast import FastBlend, _plain_log_odds
from detector.model.metrics import logit
from detector.model.pipeline import (
    Blend,
    gradient_boosting,
    hash_column,
    logistic,
    signals_with,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def pages() -> list[Any]:
    """Every 7th labelled snapshot with markup or text, plus one page grown to ~100 kB."""
    examples = [e for e in load_corpus(ROOT / "data") if e.snapshot.html or e.snapshot.text]
    snaps: list[Any] = [e.snapshot for e in examples[::7]]
    html = next(e.snapshot.html for e in examples if e.snapshot.html and e.label == "scam")
    snaps.append({"url": "https://grown.example/", "html": html * (100_000 // len(html) + 1)})
    return [extract(s) for s in snaps]


def _rows(shipped: Any, features: dict[str, Any]) -> list[dict[str, Any]]:
    """A page's feature row and its occluded rows, as the detector scores them."""
    keys = shipped.explainer.candidates(features)
    return [features, *shipped.explainer.occluded(features, keys)]


def test_the_shipped_model_takes_every_shortcut(shipped: Any) -> None:
    fast = shipped.artifact.model.fast
    assert all(part is not None for part in fast._signal_parts)
    assert all(part is not None for part in fast._text_parts.values())
    # the two signals models share one vocabulary, so each batch is vectorised once
    assert fast._signal_parts[0].columns is fast._signal_parts[1].columns


def test_signal_scores_are_bit_identical(shipped: Any, pages: list[Any]) -> None:
    model: Blend = shipped.artifact.model
    rows = [row for ex in pages for row in _rows(shipped, ex.features)]
    assert len(rows) > len(pages)  # occluded rows are in the batch
    expected = model.signals_log_odds(rows)
    assert np.array_equal(model.fast.signals_log_odds(rows), expected)
    for ex in pages[:10]:  # and one page at a time, as the endpoint scores
        alone = _rows(shipped, ex.features)
        assert np.array_equal(model.fast.signals_log_odds(alone), model.signals_log_odds(alone))


def test_wording_scores_and_top_terms_are_identical(shipped: Any, pages: list[Any]) -> None:
    model: Blend = shipped.artifact.model
    docs = [ex.document for ex in pages]
    wordings = model.fast.read(docs)
    expected = model.text_log_odds([*docs, ""])
    assert np.array_equal(model.fast.text_log_odds(wordings), expected[:-1])
    assert model.fast.empty_log_odds == expected[-1]
    hashed = model.text["words"][:-1].transform(docs)
    for i, (doc, wording) in enumerate(zip(docs, wordings, strict=True)):
        tfidf = wording.readings["words"].tfidf
        assert (tfidf != hashed[[i]]).nnz == 0, doc[:80]
        assert model.fast.top_terms(wording) == model.top_terms(doc), doc[:80]
    assert any(model.top_terms(doc)[0] for doc in docs)  # the comparison saw real terms


def test_top_terms_break_ties_by_the_words_themselves(shipped: Any) -> None:
    """Two words hashed to one column tie on weight; they must come in sorted order."""
    model: Blend = shipped.artifact.model
    n_features = model.text["words"].named_steps["hash"].n_features
    target = hash_column("followers", n_features)
    twin = next(w for i in range(4_000_000) if hash_column(w := f"zz{i}", n_features) == target)
    for doc in (f"free followers {twin} tiktok", f"{twin} free tiktok followers"):
        (wording,) = model.fast.read([doc])
        up, down = model.top_terms(doc, n=3)
        assert {"followers", twin} <= set(up + down)  # the tie decides the order
        assert model.fast.top_terms(wording, n=3) == (up, down)
        assert model.fast.top_terms(wording, n=1) == model.top_terms(doc, n=1)


def test_other_pipeline_shapes_fall_back_to_scikit_learn(pages: list[Any]) -> None:
    """A dense logistic signals model and a character model: no shortcut for the first, the
    generic analyser for the second; the scores are still scikit-learn's."""
    train = pages[:40]
    y = np.array([i % 2 for i in range(len(train))])
    rows = [ex.features for ex in train]
    docs = [ex.document for ex in train]
    blend = Blend.fit(
        rows,
        docs,
        y,
        0.5,
        signals=[signals_with(LogisticRegression(max_iter=500)), logistic, gradient_boosting],
        text_models=("words", "chars"),
    )
    fast = FastBlend([blend.signals, *blend.more_signals.values()], blend.text)
    assert fast._signal_parts[0] is None and fast._signal_parts[1] is not None
    assert fast._text_parts["chars"] is not None and not fast._text_parts["chars"].bigrams
    assert np.array_equal(fast.signals_log_odds(rows), blend.signals_log_odds(rows))
    got = fast.text_log_odds(fast.read(docs))
    assert np.array_equal(got, blend.text_log_odds(docs))


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    zeroed=st.floats(0.0, 1.0),
    scale=st.sampled_from([1e-300, 1e-9, 1.0, 3.7, 1e6, 1e150]),
)
def test_the_logistic_sum_is_scikit_learns_for_any_values(
    shipped: Any, pages: list[Any], seed: int, zeroed: float, scale: float
) -> None:
    """The signals logistic part sums value x coefficient over every column, scikit-learn over
    the stored ones: the same float64 for rows with many zeros, negative values, values tiny
    (subnormal products) and huge, as for real pages."""
    rng = np.random.default_rng(seed)
    model: Blend = shipped.artifact.model
    part = model.fast._signal_parts[0]
    pipe = model.fast.signals[0]
    assert part is not None and part.inv_scale is not None  # the scaled shape is the one shipped
    rows = []
    for ex in pages[:: 1 + seed % 5][:12]:
        row: dict[str, Any] = {}
        for key, value in ex.features.items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                value = 0 if rng.random() < zeroed else value * scale * rng.normal()
            row[key] = value
        rows.append(row)
    X = part.columns.matrix(rows)
    assert X is not None
    # log-odds as scikit-learn's probability gives them, from its decision value
    expected = logit(expit(pipe.decision_function(rows)))
    assert np.array_equal(part.log_odds(rows, X), expected)


@pytest.mark.parametrize("value", [None, float("nan"), float("inf")])
def test_a_row_the_model_refuses_is_still_refused(shipped: Any, value: object) -> None:
    """The detector relies on the ValueError to score such a row alone and report it."""
    model: Blend = shipped.artifact.model
    row = dict(shipped.explainer.baseline)
    row["claims.mentions"] = value
    part = model.fast._signal_parts[0]
    assert part is not None and part.columns.matrix([row]) is None
    with pytest.raises(ValueError):
        model.signals_log_odds([row])
    with pytest.raises(ValueError):
        model.fast.signals_log_odds([row])


def test_edited_rows_match_the_vectoriser(shipped: Any, pages: list[Any]) -> None:
    """Rows that differ from the one before in a few items, including a one-hot string value
    moving to another column, a value to an unknown string, and a dropped key."""
    vec = shipped.artifact.model.more_signals["1"].named_steps["vec"]
    part = shipped.artifact.model.fast._signal_parts[0]
    assert part is not None
    f = pages[-1].features
    lang = next(k for k, v in f.items() if isinstance(v, str) and f"{k}=unknown" in vec.vocabulary_)
    rows = [
        f,
        {**f, lang: "unknown"},
        {**f, lang: "never-seen"},
        {**f, "claims.mentions": 0, lang: "unknown"},
        {k: v for k, v in f.items() if k != "claims.mentions"},
        {**f, "page.forms": True},
        f,
    ]
    assert np.array_equal(part.columns.matrix(rows), vec.transform(rows))
    model: Blend = shipped.artifact.model
    assert np.array_equal(model.fast.signals_log_odds(rows), model.signals_log_odds(rows))


def test_the_flat_trees_give_the_fitted_raw_scores(shipped: Any) -> None:
    """Inputs on the split thresholds themselves, just beside them and NaN: ``<=`` and the
    missing-value side decide exactly as the fitted predictors do."""
    part = shipped.artifact.model.fast._signal_parts[1]
    clf = part.clf
    rng = np.random.default_rng(7)
    width = part.columns.width
    thresholds = part.threshold[~part.leaf]
    X = rng.choice(thresholds, size=(300, width))
    X[100:200] = np.nextafter(X[100:200], np.inf)
    X[200:] = np.where(rng.random((100, width)) < 0.2, np.nan, X[200:])
    assert np.array_equal(part.raw(X), clf._raw_predict(X)[:, 0])
    assert np.array_equal(part.raw(X[:200]), clf._raw_predict(X[:200])[:, 0])  # no NaN at all
    rows = [dict(shipped.explainer.baseline)]
    assert np.array_equal(
        part.log_odds(rows, part.columns.matrix(rows)),
        _plain_log_odds(shipped.artifact.model.more_signals["1"], rows),
    )


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("ab_9é ß.-'\u0301\u00a0\u200b\u0663\u4e2dXK\u212a\n"), max_size=60
    )
)
def test_word_runs_are_the_default_tokens(text: str) -> None:
    from sklearn.feature_extraction.text import HashingVectorizer

    from detector.model.fast import _WORD_RUNS

    default = HashingVectorizer().build_tokenizer()
    assert _WORD_RUNS.findall(text) == default(text)


def test_the_shipped_wording_model_tokenises_with_word_runs(shipped: Any) -> None:
    from detector.model.fast import _WORD_RUNS

    parts = [p for p in shipped.artifact.model.fast._text_parts.values() if p is not None]
    assert parts and all(p.tokenize == _WORD_RUNS.findall for p in parts)
