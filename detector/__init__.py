"""Find, score and explain "who viewed your TikTok" lures.

>>> from detector import Detector
>>> verdict = Detector.load().score({"url": "https://example.com/", "html": "<p>hi</p>"})

Public names are imported on first use, so ``import detector`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "Detector",
    "DetectorError",
    "ExtractionError",
    "FetchError",
    "InvalidSnapshot",
    "Listing",
    "ModelLoadError",
    "Reason",
    "Settings",
    "Snapshot",
    "Verdict",
    "extract_features",
]

_HOME = {
    "ConfigError": "detector.errors",
    "Detector": "detector.detector",
    "DetectorError": "detector.errors",
    "ExtractionError": "detector.errors",
    "FetchError": "detector.errors",
    "InvalidSnapshot": "detector.errors",
    "Listing": "detector.records",
    "ModelLoadError": "detector.errors",
    "Reason": "detector.records",
    "Settings": "detector.config",
    "Snapshot": "detector.records",
    "Verdict": "detector.records",
    "extract_features": "detector.extract.features",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(_HOME[name]), name)
    raise AttributeError(f"module 'detector' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
