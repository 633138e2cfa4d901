"""The shipped signals part is an ensemble: its score is the mean log-odds of its models."""

from __future__ import annotations

import numpy as np
import pytest
import skops.io as sio

from detector.model import artifact
from detector.model.data import load_corpus
from detector.model.pipeline import Blend, gradient_boosting, logistic
from detector.model.train import TrainConfig, featurize, fit_blend, signal_factories
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def small():
    rows = load_corpus(ROOT / "data")
    return featurize(rows[:: max(1, len(rows) // 80)])


def test_ensemble_scores_the_mean_log_odds(small):
    idx = np.arange(len(small.examples))
    both = fit_blend(small, idx, 0.5, TrainConfig(signals="logistic+gradient_boosting"))
    alone = [
        fit_blend(small, idx, 0.5, TrainConfig(signals=n))
        for n in ("logistic", "gradient_boosting")
    ]
    rows = small.take_rows(idx)
    parts = [b.signals_log_odds(rows) for b in alone]
    assert list(both.more_signals) == ["1"]
    np.testing.assert_array_equal(both.signals_log_odds(rows), np.mean(parts, axis=0))
    assert not np.array_equal(parts[0], parts[1])


def test_ensemble_state_round_trips_through_the_safe_loader(small, tmp_path):
    idx = np.arange(len(small.examples))
    model = fit_blend(small, idx, 0.5, TrainConfig())
    path = tmp_path / "m.skops"
    sio.dump(model.to_state(), path)
    types = artifact.stored_types(path) | set(sio.get_untrusted_types(file=path))
    assert types <= artifact.ALLOWED_TYPES
    back = Blend.from_state(sio.load(path, trusted=list(sio.get_untrusted_types(file=path))))
    rows = small.take_rows(idx)
    np.testing.assert_array_equal(back.signals_log_odds(rows), model.signals_log_odds(rows))


def test_state_with_a_foreign_further_model_is_refused(small):
    model = Blend.fit(
        small.rows[:40], small.docs[:40], small.y[:40], 0.5, [logistic, gradient_boosting]
    )
    state = model.to_state()
    state["more_signals"] = {"1": "not a model"}
    with pytest.raises(ValueError, match="further signals model"):
        Blend.from_state(state)


def test_unknown_signals_name_is_refused():
    with pytest.raises(ValueError, match="unknown signals model"):
        signal_factories("logistic+forest")
