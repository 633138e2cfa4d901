"""``SnapshotFeatures``: the extractor as a scikit-learn transformer.

It follows the estimator contract (``__init__`` only stores parameters, ``fit`` returns self,
learned state ends in ``_``) so researchers can put it first in a Pipeline and grid-search the
whole thing. Its input is a sequence of snapshots (``Snapshot`` or dicts), not a numeric array,
so the array-based checks of ``parametrize_with_checks`` do not apply; the tests run the
data-free contract checks instead (see tests/test_transformer.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from detector.extract.base import FeatureValue
from detector.extract.features import extract_features
from detector.records import DomainIntel, Snapshot


class SnapshotFeatures(TransformerMixin, BaseEstimator):
    """Turn snapshots into feature dicts (feed them to ``DictVectorizer``).

    Parameters
    ----------
    families : tuple of str or None
        Keep only features whose family prefix ("claims", "credential", ...) is listed;
        None keeps all. Lets researchers ablate a family inside a grid search.
    drop : tuple of str
        Feature keys to leave out (e.g. ``("domain.age_days",)`` when intel is unreliable).
    """

    def __init__(self, families: tuple[str, ...] | None = None, drop: tuple[str, ...] = ()):
        self.families = families
        self.drop = drop

    def fit(self, X: Iterable[Any], y: Any = None) -> SnapshotFeatures:
        self.n_features_in_ = 1  # one column: the snapshot itself
        return self

    def transform(self, X: Iterable[Snapshot | Mapping[str, Any]]) -> list[dict[str, FeatureValue]]:
        rows = []
        for item in X:
            snap, intel = _unpack(item)
            rows.append(self._select(extract_features(snap, intel)))
        return rows

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """The keys of the dicts ``transform`` returns, sorted (every key is always set).

        Text-valued features (``page.kind``...) are one column each here; a ``DictVectorizer``
        after this step one-hot encodes them as ``name=value`` columns.
        """
        from detector.extract.features import feature_schema

        return np.asarray(sorted(self._select(dict.fromkeys(feature_schema(), 0))), dtype=object)

    def _select(self, feats: dict[str, FeatureValue]) -> dict[str, FeatureValue]:
        drop = set(self.drop)
        keep = None if self.families is None else tuple(f + "." for f in self.families)
        return {
            k: v for k, v in feats.items() if k not in drop and (keep is None or k.startswith(keep))
        }

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.dict = True
        tags.requires_fit = False
        return tags


def _unpack(item: Any) -> tuple[Snapshot, DomainIntel | None]:
    """Accept a snapshot, a dict, or a (snapshot, intel) pair."""
    if isinstance(item, Sequence) and not isinstance(item, str | bytes) and len(item) == 2:
        snap, intel = item
        return Snapshot.coerce(snap), intel
    return Snapshot.coerce(item), None
