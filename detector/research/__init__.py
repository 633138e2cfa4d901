"""The research API: corpus and scan runs as DataFrames, training with any scikit-learn
classifier through the shipped pipeline, evaluation, comparison and saving.

>>> import detector
>>> corpus = detector.load_corpus()                                  # doctest: +SKIP
>>> from sklearn.ensemble import RandomForestClassifier
>>> cand = detector.train(corpus, RandomForestClassifier(random_state=0))  # doctest: +SKIP
>>> detector.compare(cand, "models/default")                          # doctest: +SKIP
>>> cand.save("models/forest")                                        # doctest: +SKIP

Every name here is also exported from ``detector`` itself; docs/research.md walks through it.
Needs pandas (``pip install -e .[notebooks]``).
"""

from __future__ import annotations

from detector.research.frames import (
    SHARED_ENV,
    feature_matrix,
    load_corpus,
    read_run,
    shared_dir,
    shared_present,
)
from detector.research.training import (
    SAVABLE_ESTIMATORS,
    Candidate,
    compare,
    compare_table,
    evaluate,
    save,
    train,
)

__all__ = [
    "SAVABLE_ESTIMATORS",
    "SHARED_ENV",
    "Candidate",
    "compare",
    "compare_table",
    "evaluate",
    "feature_matrix",
    "load_corpus",
    "read_run",
    "save",
    "shared_dir",
    "shared_present",
    "train",
]
