"""Train, evaluate, compare and save candidate models through the shipped training pipeline."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from detector.detector import Detector
from detector.errors import ModelLoadError
from detector.model import artifact, card
from detector.model import evaluate as _evaluate
from detector.model.build import describe
from detector.model.data import Example
from detector.model.feedback import examples_digest
from detector.model.metrics import Platt, Thresholds
from detector.model.real import set_of
from detector.model.train import (
    TrainConfig,
    TrainResult,
    as_text,
    bare_listing,
    featurize,
    without_url,
)
from detector.model.train import train as _train
from detector.research.frames import ExtraFeatures, examples_frame, shared_dir, to_examples

if TYPE_CHECKING:
    import pandas as pd

    from detector.model.train import Featurized


@dataclass
class Candidate:
    """A trained, unsaved model with everything its training measured.

    ``detector()`` scores snapshots with it in memory; ``save(path)`` writes a verified model
    directory that ``Detector.load(path)`` accepts; ``evaluate`` and ``compare`` report on it.
    """

    result: TrainResult
    config: TrainConfig
    sidecar: dict[str, Any]
    examples: list[Example]
    data: Featurized = field(repr=False)
    extra_features: bool = False

    @property
    def name(self) -> str:
        return str(self.sidecar["name"])

    @property
    def estimator(self) -> str:
        return self.result.name

    @property
    def thresholds(self) -> Thresholds:
        return self.result.thresholds

    @property
    def platt(self) -> Platt:
        return self.result.platt

    @property
    def metrics(self) -> dict[str, Any]:
        """Grouped-CV figures (overall, per set, per kind, per subtype) and the comparison."""
        return {"metrics": self.result.metrics, "comparison": self.result.comparison}

    def out_of_fold(self) -> pd.DataFrame:
        """Each judged example with its calibrated out-of-fold score and the verdict label at
        the chosen thresholds: what the grouped-CV metrics are computed from."""
        judged = self.result.judged if self.result.judged is not None else np.array([], int)
        scores = self.result.oof_scores if self.result.oof_scores is not None else np.array([])
        frame = examples_frame([self.examples[int(i)] for i in judged]).drop(columns="snapshot")
        frame["score"] = scores
        frame["verdict"] = [self.thresholds.label(float(s)) for s in scores]
        return frame

    def detector(self) -> Detector:
        """A ``Detector`` over this candidate, in memory (nothing written)."""
        if self.extra_features:
            raise ValueError(_EXTRA_NOTE)
        held = artifact.Artifact(model=self.result.model, sidecar=self.sidecar, path=Path("."))
        return Detector(held)

    def save(self, path: str | Path) -> Path:
        """See ``save``."""
        return save(self, path)


_EXTRA_NOTE = (
    "this candidate was trained with notebook features (extra=...): a Detector computes only "
    "the package's features, so it can be compared in memory but not scored or saved; move "
    "the feature into detector/extract/ first"
)


def train(
    corpus: pd.DataFrame | Sequence[Example],
    estimator: Any = None,
    *,
    splits: int = 5,
    scam_fpr: float = 0.02,
    suspicious_fpr: float = 0.08,
    text_weights: Sequence[float] = (0.5, 0.6, 0.7, 0.8, 0.9),
    text_models: Sequence[str] = ("words",),
    url_dropout: bool = True,
    baseline: bool = True,
    extra: ExtraFeatures | None = None,
    evaluation: bool = False,
    name: str = "candidate",
    progress: Callable[[str], None] | None = None,
) -> Candidate:
    """Train a candidate through the same steps as ``detector train``.

    Grouped cross-validation over the real examples when the corpus has both labels among them
    (else over the whole corpus), the wording weight, Platt calibration and the two thresholds
    from the out-of-fold scores, then a fit on everything. Nothing global is changed.

    Parameters
    ----------
    corpus : DataFrame or sequence of Example
        A frame from ``load_corpus`` (any row subset, labels may be edited), or examples.
    estimator : scikit-learn classifier, optional
        Unfitted; the signals part (named features -> classifier) uses a clone of it per fit.
        It must have ``predict_proba``. None keeps the shipped logistic regression. Any
        classifier trains and evaluates; ``save`` accepts those in ``SAVABLE_ESTIMATORS``.
    splits : int
        Folds of the grouped cross-validation (at most the number of families).
    scam_fpr, suspicious_fpr : float
        The share of benign judged examples each threshold may flag.
    text_weights : sequence of float
        Wording weights tried; the best recall at ``scam_fpr`` wins.
    text_models : sequence of str
        ``"words"`` and/or ``"chars"``; empty trains the signals part alone.
    url_dropout, baseline : bool
        Train on URL-less copies too; score the TF-IDF baseline on the same splits.
    extra : callable, optional
        ``snapshot -> dict`` of extra features merged into every row (an experiment: such a
        candidate can be compared but not saved).
    evaluation : bool
        Also run the leave-one-source-out and corpus CV table (minutes on the full corpus).
    name : str
        The model name in the sidecar and verdicts.
    """
    if estimator is not None and not hasattr(estimator, "predict_proba"):
        raise TypeError(f"{type(estimator).__name__} has no predict_proba: the blend needs one")
    examples = to_examples(corpus)
    if len({e.y for e in examples}) < 2:
        raise ValueError("the corpus needs both scam and benign examples")
    cfg = TrainConfig(
        splits=splits,
        scam_fpr=scam_fpr,
        suspicious_fpr=suspicious_fpr,
        text_weights=tuple(text_weights),
        text_models=tuple(text_models),
        url_dropout=url_dropout,
        baseline=baseline,
        estimator=estimator,
    )
    say = progress or (lambda _m: None)
    start = time.perf_counter()
    data = featurize(examples, cfg.url_dropout, jobs=cfg.jobs)
    if extra is not None:
        _add_features(data, extra)
    say(f"extracted features for {len(examples)} examples in {time.perf_counter() - start:.1f}s")
    result = _train(examples, cfg, progress, data=data)
    sets = sorted({set_of(e) for e in examples} - {"corpus"})
    digest = examples_digest(examples)
    side = describe(result, cfg, name, digest, sets, None)
    # The version names the data and the model trained on it, so two candidates differ.
    what = f"{digest}|{result.name}|{estimator!r}|{result.thresholds}|{result.text_weight}"
    side["version"] = hashlib.sha256(what.encode()).hexdigest()[:12]
    side["model_file"] = artifact.MODEL_FILE
    real = [e for e in examples if set_of(e) != "corpus"]
    side["shared_data"]["sha256"] = examples_digest(real) if real else None
    side["shared_data"]["note"] = "the real examples in the training frame (research API)"
    if extra is not None:
        side["extra_features"] = getattr(extra, "__name__", "extra")
    if evaluation:
        side["evaluation"] = _evaluate.table(data, cfg, result.text_weight, say)
    return Candidate(result, cfg, side, examples, data, extra_features=extra is not None)


def _add_features(data: Featurized, extra: ExtraFeatures) -> None:
    """Merge ``extra``'s features into every training row, copies included (same snapshots)."""
    n = len(data.examples)
    snaps = [e.snapshot for e in data.examples] + [None] * (len(data.rows) - n)
    for i, at in data.stripped.items():
        snaps[at] = without_url(data.examples[i]).snapshot
    for i, at in data.as_text.items():
        snaps[at] = as_text(data.examples[i]).snapshot
    for i, at in data.bare.items():
        snaps[at] = bare_listing(data.examples[i]).snapshot
    for features, snap in zip(data.rows, snaps, strict=True):
        assert snap is not None
        features.update(extra(snap))


def save(candidate: Candidate, path: str | Path) -> Path:
    """Write ``candidate`` as a model directory (model file, sidecar, model card) and load it
    back through ``Detector.load``'s checks; returns the directory.

    Raises
    ------
    ValueError
        The candidate was trained with notebook features (``extra``).
    ModelLoadError
        The fitted estimator stores types outside the artifact allow-list (only the estimators
        in ``SAVABLE_ESTIMATORS`` are allowed); nothing is left behind.
    """
    if candidate.extra_features:
        raise ValueError(_EXTRA_NOTE)
    out = Path(path)
    existed = out.exists()
    artifact.save(candidate.result.model, candidate.sidecar, out)
    foreign = sorted(artifact.stored_types(out / artifact.MODEL_FILE) - artifact.ALLOWED_TYPES)
    if foreign:
        for name in (artifact.MODEL_FILE, artifact.SIDECAR):
            (out / name).unlink(missing_ok=True)
        if not existed:
            out.rmdir()
        raise ModelLoadError(
            f"{candidate.estimator} stores types a model directory may not hold: {foreign}; "
            f"savable signals estimators: {', '.join(c.__name__ for c in SAVABLE_ESTIMATORS)}"
        )
    card.write(out)
    Detector.load(out)  # the same verification every user of the directory goes through
    return out


def evaluate(
    model: Candidate | Detector | str | Path,
    data: pd.DataFrame | Sequence[Example] | None = None,
    shared: str | Path | None = None,
) -> dict[str, Any]:
    """The report ``detector evaluate --json`` prints, for a candidate, detector or directory.

    ``data`` (a corpus frame or examples) is scored as the ``labelled`` part; the public sets
    under ``shared`` (default ``shared_dir()``) are rescored when present.
    """
    det = _detector(model)
    examples = to_examples(data) if data is not None else None
    return _evaluate.report(det, examples, Path(shared) if shared is not None else shared_dir())


def compare(
    a: Candidate | Detector | str | Path,
    b: Candidate | Detector | str | Path,
    data: pd.DataFrame | Sequence[Example] | None = None,
    shared: str | Path | None = None,
    url_only: bool = True,
) -> dict[str, Any]:
    """What ``detector evaluate --compare A B --json`` prints: the two models side by side on
    the same splits and data, and every item whose verdict changed (``detector.model.compare``).

    Two candidates are compared on their out-of-fold verdicts instead: the same examples and
    folds give the same splits, and no model has to be rescored on its own training data
    (this is also how a candidate with notebook features is compared). Use ``compare_table``
    for the rows as a DataFrame.
    """
    from detector.model.compare import compare as _compare

    if isinstance(a, Candidate) and isinstance(b, Candidate):
        return _compare_candidates(a, b)
    root = Path(shared) if shared is not None else shared_dir()
    examples = to_examples(data) if data is not None else None
    return _compare(_detector(a), _detector(b), root, examples, url_only)


def _compare_candidates(a: Candidate, b: Candidate) -> dict[str, Any]:
    from detector.model.compare import by_group, change, counts, training_rows

    fa, fb = a.out_of_fold(), b.out_of_fold()
    same = list(fa["source"]) == list(fb["source"]) and a.config.splits == b.config.splits
    if not same:
        raise ValueError("the candidates were judged on different examples or folds")
    changed = [
        change(
            f"out-of-fold: {ra.set}", ra.id, ra.y, (ra.verdict, ra.score), (rb.verdict, rb.score)
        )
        for ra, rb in zip(fa.itertuples(), fb.itertuples(), strict=True)
        if ra.verdict != rb.verdict
    ]
    return {
        "models": {"a": a.name, "b": b.name},
        "estimators": {"a": a.estimator, "b": b.estimator},
        "same_splits": True,
        "rows": training_rows(a.sidecar, b.sidecar),
        "changed": changed,
        "changed_counts": counts(changed),
        "changed_by_group": by_group(changed),
        "scored_items": len(fa),
    }


def compare_table(result: dict[str, Any]) -> pd.DataFrame:
    """The side-by-side rows of a ``compare`` result: group, metric, a, b, diff."""
    import pandas as pd

    return pd.DataFrame(result["rows"], columns=["group", "metric", "a", "b", "diff"])


def _detector(model: Candidate | Detector | str | Path) -> Detector:
    if isinstance(model, Candidate):
        return model.detector()
    if isinstance(model, Detector):
        return model
    return Detector.load(model)


def _savable() -> tuple[type, ...]:
    from sklearn.ensemble import (
        ExtraTreesClassifier,
        HistGradientBoostingClassifier,
        RandomForestClassifier,
    )
    from sklearn.linear_model import LogisticRegression

    return (
        LogisticRegression,
        HistGradientBoostingClassifier,
        RandomForestClassifier,
        ExtraTreesClassifier,
    )


SAVABLE_ESTIMATORS: tuple[type, ...] = _savable()
"""Signals estimators whose fitted state the artifact allow-list accepts."""
