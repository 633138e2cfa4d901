"""Feature extraction: pure functions from a Snapshot (+ optional intel) to features.

Names are imported lazily so that importing one signal module does not pull in every family.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "Extraction",
    "ParsedPage",
    "decode_markup",
    "extract",
    "extract_features",
    "parse_html",
    "schema_hash",
]

_HOME = {
    "Extraction": "features",
    "extract": "features",
    "extract_features": "features",
    "schema_hash": "features",
    "ParsedPage": "parse",
    "decode_markup": "parse",
    "parse_html": "parse",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        import importlib

        module = importlib.import_module(f"detector.extract.{_HOME[name]}")
        return getattr(module, name)
    raise AttributeError(f"module 'detector.extract' has no attribute {name!r}")
