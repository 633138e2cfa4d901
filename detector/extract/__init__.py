"""Feature extraction: pure functions from a Snapshot (+ optional intel) to features.

Names are imported lazily so that importing one signal module does not pull in every family.
"""

from __future__ import annotations

from detector.core.lazy import lazy_attributes

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
    "Extraction": "detector.extract.features",
    "extract": "detector.extract.features",
    "extract_features": "detector.extract.features",
    "schema_hash": "detector.extract.features",
    "ParsedPage": "detector.extract.parse",
    "decode_markup": "detector.extract.parse",
    "parse_html": "detector.extract.parse",
}


__getattr__ = lazy_attributes("detector.extract", _HOME)
