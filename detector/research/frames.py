"""DataFrames for research: the labelled corpus, its feature matrix, a scan run from the store."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detector.model import data as _data
from detector.model.real import available, load_real, set_of
from detector.records import Snapshot

if TYPE_CHECKING:
    import pandas as pd

SHARED_ENV = "DETECTOR_SHARED_DATA"
"""Environment variable naming the folder of the public real sets (default ../shared/data)."""

CORPUS_COLUMNS = (
    "id",
    "kind",
    "label",
    "y",
    "subtype",
    "family",
    "language",
    "source",
    "set",
    "url",
    "snapshot",
)

ExtraFeatures = Callable[[Snapshot], Mapping[str, float | int | str]]


def _repo_root() -> Path:
    return Path(__file__).resolve().parents[2]


def shared_dir() -> Path:
    """Where the public real sets are read from: ``$DETECTOR_SHARED_DATA``, else
    ``../shared/data`` beside the checkout. The folder may be absent; see ``shared_present``."""
    env = os.environ.get(SHARED_ENV)
    return Path(env) if env else _repo_root().parent / "shared" / "data"


def shared_present(shared: str | Path | None = None) -> list[str]:
    """The real sets found under ``shared`` (default ``shared_dir()``); empty when none is."""
    return available(Path(shared) if shared is not None else shared_dir())


def load_corpus(
    data: str | Path | None = None, shared: str | Path | None = None, real: bool = True
) -> pd.DataFrame:
    """The labelled examples as a DataFrame, one row per example.

    Parameters
    ----------
    data : path, optional
        The project's corpus folder (default: data/ of the checkout).
    shared : path, optional
        Folder of the public real sets (default ``shared_dir()``). A missing folder, or one
        without the sets, adds nothing: the frame then holds data/ alone.
    real : bool
        False leaves the real sets out even when present.

    Returns
    -------
    pandas.DataFrame
        Columns ``id, kind, label, y, subtype, family, language, source, set, url, snapshot``:
        ``set`` is ``corpus``, ``real-pages`` or ``html-samples``; ``snapshot`` holds the
        ``Snapshot`` itself, so a filtered frame can be passed to ``train`` as it is.
    """
    examples = _data.load_corpus(data if data is not None else _repo_root() / "data")
    if real:
        examples += load_real(Path(shared) if shared is not None else shared_dir())
    return examples_frame(examples)


def examples_frame(examples: Iterable[_data.Example]) -> pd.DataFrame:
    """``Example`` objects as the frame ``load_corpus`` returns."""
    import pandas as pd

    rows = [
        {
            "id": e.snapshot.id if e.snapshot.id is not None else e.source,
            "kind": e.snapshot.kind,
            "label": e.label,
            "y": e.y,
            "subtype": e.subtype,
            "family": e.family,
            "language": e.lang,
            "source": e.source,
            "set": set_of(e),
            "url": e.snapshot.url,
            "snapshot": e.snapshot,
        }
        for e in examples
    ]
    return pd.DataFrame(rows, columns=list(CORPUS_COLUMNS))


def to_examples(corpus: pd.DataFrame | Iterable[_data.Example]) -> list[_data.Example]:
    """The rows of a corpus frame (or examples, passed through) as ``Example`` objects."""
    import pandas as pd

    if not isinstance(corpus, pd.DataFrame):
        return list(corpus)
    missing = [c for c in ("snapshot", "label", "family") if c not in corpus.columns]
    if missing:
        raise ValueError(f"corpus frame lacks column(s) {missing}: build it with load_corpus")
    bad = sorted(set(corpus["label"]) - {"scam", "benign"})
    if bad:
        raise ValueError(f"labels must be 'scam' or 'benign', found {bad}")
    return [
        _data.Example(
            snapshot=Snapshot.coerce(r.snapshot),
            label=str(r.label),
            subtype=str(getattr(r, "subtype", "unknown")),
            family=str(r.family),
            source=str(getattr(r, "source", "unknown")),
            lang=str(getattr(r, "language", "unknown")),
        )
        for r in corpus.itertuples(index=False)
    ]


def feature_matrix(
    corpus: pd.DataFrame | Iterable[Any],
    families: tuple[str, ...] | None = None,
    drop: tuple[str, ...] = (),
    extra: ExtraFeatures | None = None,
) -> pd.DataFrame:
    """The extracted features of every row, one named column per feature.

    ``corpus`` is a corpus frame or any iterable of snapshots (or dicts). ``families`` and
    ``drop`` select features as in ``SnapshotFeatures``; ``extra`` adds a caller's own features
    (a function of the snapshot returning a dict). Text-valued features (``page.kind``...) are
    one-hot encoded as ``name=value`` columns, as the model's ``DictVectorizer`` sees them.
    The index is the corpus frame's index.
    """
    import pandas as pd
    from sklearn.feature_extraction import DictVectorizer

    from detector.extract.transformer import SnapshotFeatures

    snaps: list[Any]
    index = None
    if isinstance(corpus, pd.DataFrame):
        snaps, index = list(corpus["snapshot"]), corpus.index
    else:
        snaps = list(corpus)
    rows = SnapshotFeatures(families=families, drop=drop).fit_transform(snaps)
    if extra is not None:
        for row, snap in zip(rows, snaps, strict=True):
            row.update(extra(Snapshot.coerce(snap)))
    vec = DictVectorizer(sparse=False, sort=True)
    matrix = vec.fit_transform(rows)
    return pd.DataFrame(matrix, columns=vec.get_feature_names_out(), index=index)


def read_run(store: str | Path | Any, run: str | int) -> pd.DataFrame:
    """One scan run from the store as a DataFrame, one row per input in input order.

    Columns: ``key, url, kind, score, label, basis, model, error, claims, reasons``
    (reason codes), ``analyst_label`` (the newest analyst label for the URL, or None), then
    one ``f:<name>`` column per stored feature. ``store`` is a path or an open ``Store``.
    """
    import pandas as pd

    from detector.errors import StoreError
    from detector.store import open_store

    if isinstance(store, str | Path):
        with open_store(store) as opened:
            return read_run(opened, run)
    found = store.find_run(run)
    if found is None:
        raise StoreError(f"no run {run!r} in the store", store.path)
    run_id = int(found["id"])
    labels: dict[str, str] = {}
    for row in store.labels():  # oldest first: the newest label wins
        labels[row["url"]] = row["label"]
    out = []
    for key, verdict in store.keyed_verdicts(run_id):
        feats = store.features(run_id, key) or {}
        out.append(
            {
                "key": key,
                "url": verdict.url,
                "kind": verdict.kind,
                "score": verdict.score,
                "label": verdict.label,
                "basis": verdict.extra.get("basis"),
                "model": verdict.model,
                "error": verdict.error,
                "claims": list(verdict.claims),
                "reasons": [r.code for r in verdict.reasons],
                "analyst_label": labels.get(verdict.url or "") or labels.get(key),
                **{f"f:{k}": v for k, v in sorted(feats.items())},
            }
        )
    return pd.DataFrame(out)
