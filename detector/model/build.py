"""``build``: corpus -> trained, saved, evaluated model directory with its card."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from detector.core.lexicons import lexicons_digest
from detector.extract.features import schema_hash
from detector.model import artifact, card
from detector.model.cache import FeatureCache
from detector.model.data import Example, data_hash, load_corpus
from detector.model.real import available, load_real, real_hash
from detector.model.threads import single_threaded
from detector.model.train import TrainConfig, TrainResult, featurize, train


@single_threaded
def build(
    data_dir: str | Path,
    out_dir: str | Path,
    name: str = "default",
    cfg: TrainConfig | None = None,
    shared: Path | None = None,
    progress: Callable[[str], None] | None = None,
    extra: list[Example] | None = None,
    evaluation: bool = True,
    cache: Path | bool = True,
) -> dict[str, Any]:
    """Train on ``data_dir`` and the real sets under ``shared`` (plus ``extra`` examples, e.g.
    analyst labels), save to ``out_dir``, evaluate, write the card.

    ``shared`` is the ../shared/data folder; None (or a folder without the real sets) trains on
    data/ alone, and the sidecar says so. ``cache``: extracted features are read from and added
    to the feature cache (``detector.model.cache``) in its default folder (True), in the given
    folder, or not cached at all (False); the model is the same either way.
    """
    from detector.detector import Detector
    from detector.model import evaluate

    cfg = cfg or TrainConfig()
    say = progress or (lambda _m: None)
    real_sets = available(shared)
    if not real_sets:
        say(f"no real sets under {shared}: training and judging on data/ alone")
    examples = load_corpus(data_dir) + list(extra or []) + load_real(shared)
    started = time.perf_counter()
    store = None
    if isinstance(cache, Path):
        store = FeatureCache(cache)
    elif cache:
        store = FeatureCache()
    data = featurize(examples, cfg.url_dropout, cache=store, jobs=cfg.jobs)
    cached = f" ({store.hits} from the cache at {store.path})" if store and store.hits else ""
    say(
        f"extracted features for {len(examples)} examples in "
        f"{time.perf_counter() - started:.1f}s{cached}"
    )
    result = train(examples, cfg, progress, data=data)
    digest = data_hash(data_dir)
    shared_digest = real_hash(shared)
    if shared_digest:
        digest = hashlib.sha256((digest + shared_digest).encode()).hexdigest()
    feedback: dict[str, Any] | None = None
    if extra:
        from detector.model.feedback import examples_digest

        extra_digest = examples_digest(list(extra))
        digest = hashlib.sha256((digest + extra_digest).encode()).hexdigest()
        feedback = {
            "count": len(extra),
            "scam": sum(ex.y for ex in extra),
            "benign": sum(1 - ex.y for ex in extra),
            "sha256": extra_digest,
            "sources": sorted({ex.source.split(":", 1)[0] for ex in extra}),
        }
    sidecar = describe(result, cfg, name, digest, real_sets, shared_digest)
    if feedback:
        sidecar["analyst_labels"] = feedback
    out = artifact.save(result.model, sidecar, out_dir)
    det = Detector.load(out)
    sidecar = json.loads((out / artifact.SIDECAR).read_text(encoding="utf-8"))
    sidecar["real_data"] = evaluate.real_data(det, shared, html=False) if shared else {}
    if evaluation:
        sidecar["evaluation"] = evaluate.table(data, cfg, result.text_weight, say)
    (out / artifact.SIDECAR).write_text(
        json.dumps(sidecar, indent=2, sort_keys=True, default=_nan) + "\n", encoding="utf-8"
    )
    card.write(out)
    return sidecar


def describe(
    result: TrainResult,
    cfg: TrainConfig,
    name: str,
    digest: str,
    real_sets: list[str],
    shared_digest: str | None,
) -> dict[str, Any]:
    """The sidecar of a trained model: identity, provenance, calibration, thresholds, metrics.

    The version names what the model was made from: the training data (with the real sets and
    analyst labels), the feature schema and the lexicons, so a retrain that reads pages
    differently is a new ``name@version`` in every verdict and cache key."""
    made_from = f"{digest} {schema_hash()} {lexicons_digest()}"
    return {
        "name": name,
        "version": hashlib.sha256(made_from.encode()).hexdigest()[:12],
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "estimator": result.name,
        "text_weight": result.text_weight,
        "judge": result.judge,
        "cv_splits": cfg.splits,
        "selection_note": (
            f"wording weight {result.text_weight} chosen for the best recall at "
            f"{cfg.scam_fpr:.0%} FPR on grouped CV over the {result.judge} examples "
            "(ties: ROC-AUC, then the smaller weight)"
        ),
        "shared_data": {
            "sets": real_sets,
            "sha256": shared_digest,
            "note": "read in place from ../shared/data; never copied into the repository",
        },
        "feature_schema_hash": schema_hash(),
        "lexicons": lexicons_digest(),
        "training_data_sha256": digest,
        "calibration": {"a": result.platt.a, "b": result.platt.b},
        "thresholds": {
            "scam": result.thresholds.scam,
            "suspicious": result.thresholds.suspicious,
            "scam_fpr_target": cfg.scam_fpr,
            "suspicious_fpr_target": cfg.suspicious_fpr,
        },
        "metrics": result.metrics,
        "comparison": result.comparison,
        "counts": result.counts,
        "train_seconds": result.seconds,
        "libraries": artifact.library_versions(),
        "blas_kernels": artifact.blas_kernels(),
    }


def _nan(value: object) -> object:
    return None if value != value else str(value)
