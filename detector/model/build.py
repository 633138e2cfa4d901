"""``build``: corpus -> trained, saved, evaluated model directory with its card."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from detector.extract.features import schema_hash
from detector.extract.lexicons import lexicons_digest
from detector.model import artifact, card
from detector.model.data import Example, data_hash, load_corpus
from detector.model.train import TrainConfig, train


def build(
    data_dir: str | Path,
    out_dir: str | Path,
    name: str = "default",
    cfg: TrainConfig | None = None,
    shared: Path | None = None,
    progress: Callable[[str], None] | None = None,
    extra: list[Example] | None = None,
) -> dict[str, Any]:
    """Train on ``data_dir`` (plus ``extra`` examples, e.g. analyst labels), save to ``out_dir``,
    evaluate on real data, write the card."""
    from detector.detector import Detector
    from detector.model import evaluate

    cfg = cfg or TrainConfig()
    examples = load_corpus(data_dir) + list(extra or [])
    result = train(examples, cfg, progress)
    digest = data_hash(data_dir)
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
    sidecar: dict[str, Any] = {
        "name": name,
        "version": digest[:12],
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "estimator": result.name,
        "selection_note": (
            "highest PR-AUC on nested grouped CV among "
            + ", ".join(
                f"{k} {v.get('pr_auc', float('nan')):.3f}" for k, v in result.comparison.items()
            )
            + " (a simpler candidate is kept unless another beats it by more than 0.005)"
        ),
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
    }
    if feedback:
        sidecar["analyst_labels"] = feedback
    out = artifact.save(result.model, sidecar, out_dir)
    det = Detector.load(out)
    sidecar = json.loads((out / artifact.SIDECAR).read_text(encoding="utf-8"))
    sidecar["real_data"] = evaluate.real_data(det, shared)
    (out / artifact.SIDECAR).write_text(
        json.dumps(sidecar, indent=2, sort_keys=True, default=_nan) + "\n", encoding="utf-8"
    )
    card.write(out)
    return sidecar


def _nan(value: object) -> object:
    return None if value != value else str(value)
