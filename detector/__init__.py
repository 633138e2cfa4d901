"""Find, score and explain "who viewed your TikTok" lures.

>>> from detector import Detector
>>> verdict = Detector.load().score({"url": "https://example.com/", "html": "<p>hi</p>"})

Research (needs pandas): ``load_corpus``, ``feature_matrix``, ``SnapshotFeatures``, ``train``,
``evaluate``, ``compare``, ``compare_table``, ``read_run``, ``shared_dir`` and ``Candidate``
(detector/research/, docs/research.md).

Public names are imported on first use, so ``import detector`` stays cheap.
"""

from __future__ import annotations

from detector.core.lazy import lazy_attributes

__version__ = "0.1.0"

__all__ = [
    "Candidate",
    "ConfigError",
    "Detector",
    "DetectorError",
    "ExtractionError",
    "FetchError",
    "InvalidSnapshot",
    "Listing",
    "ModelLoadError",
    "Reason",
    "ScriptFile",
    "Settings",
    "Snapshot",
    "SnapshotFeatures",
    "Verdict",
    "compare",
    "compare_table",
    "evaluate",
    "extract_features",
    "feature_matrix",
    "load_corpus",
    "read_run",
    "shared_dir",
    "train",
]

_HOME = {
    "Candidate": "detector.research",
    "ConfigError": "detector.errors",
    "Detector": "detector.detector",
    "DetectorError": "detector.errors",
    "ExtractionError": "detector.errors",
    "FetchError": "detector.errors",
    "InvalidSnapshot": "detector.errors",
    "Listing": "detector.records",
    "ModelLoadError": "detector.errors",
    "Reason": "detector.records",
    "ScriptFile": "detector.records",
    "Settings": "detector.config",
    "Snapshot": "detector.records",
    "SnapshotFeatures": "detector.extract.transformer",
    "Verdict": "detector.records",
    "compare": "detector.research",
    "compare_table": "detector.research",
    "evaluate": "detector.research",
    "extract_features": "detector.extract.features",
    "feature_matrix": "detector.research",
    "load_corpus": "detector.research",
    "read_run": "detector.research",
    "shared_dir": "detector.research",
    "train": "detector.research",
}


__getattr__ = lazy_attributes("detector", _HOME)


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
