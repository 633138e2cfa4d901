"""CSV export: one row per verdict, the flat columns analysts paste into spreadsheets.

Columns (``COLUMNS``): id, url, kind, score, label, basis (``page``, or ``url`` when the page
could not be fetched and the score rests on the URL alone; such a row is never ``benign``),
claims (";"-joined), reasons (the top reason codes, ";"-joined, strongest first), model, error
(why the row has no score), fetch_error (why the page could not be fetched), analyst_label
(the current analyst judgement of the URL, when there is one), run, scanned_at (ISO 8601 UTC:
when the page was fetched), final_url, http_status, domain_age_days and registrar (when domain
intelligence was looked up). Text cells that a spreadsheet would run as a
formula (starting with = + - @ or a control character) get a leading apostrophe, so opening an
export of hostile URLs and page text cannot execute anything.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from typing import IO, Any

from detector.export import write_text
from detector.records import Verdict

COLUMNS = (
    "id",
    "url",
    "kind",
    "score",
    "label",
    "basis",
    "claims",
    "reasons",
    "model",
    "error",
    "fetch_error",
    "analyst_label",
    "run",
    "scanned_at",
    "final_url",
    "http_status",
    "domain_age_days",
    "registrar",
)
TOP_REASONS = 5
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def flat_row(verdict: Verdict) -> dict[str, Any]:
    """The verdict as flat values (None stays None; the score rounded like the JSON contract)."""
    return {
        "id": None if verdict.id is None else str(verdict.id),
        "url": verdict.url,
        "kind": verdict.kind,
        "score": None if verdict.score is None else round(verdict.score, 6),
        "label": verdict.label,
        "basis": verdict.basis,
        "claims": ";".join(verdict.claims),
        "reasons": ";".join(r.code for r in verdict.reasons[:TOP_REASONS]),
        "model": verdict.model,
        "error": verdict.error,
        "fetch_error": _text_or_none(verdict.extra.get("fetch_error")),
        "analyst_label": _text_or_none(verdict.extra.get("analyst_label")),
        "run": _text_or_none(verdict.extra.get("run")),
        "scanned_at": _text_or_none(verdict.extra.get("scanned_at")),
        "final_url": _text_or_none(verdict.extra.get("final_url")),
        "http_status": _int_or_none(verdict.extra.get("http_status")),
        "domain_age_days": _number_or_none(verdict.extra.get("domain_age_days")),
        "registrar": _text_or_none(verdict.extra.get("registrar")),
    }


def _int_or_none(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _number_or_none(value: Any) -> float | None:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    return float(value) if ok else None


def _text_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def write_csv(verdicts: Iterable[Verdict], path: str | os.PathLike[str]) -> int:
    """Write a header and one row per verdict (UTF-8); ``"-"`` means stdout."""
    return write_text(path, lambda fh: _dump(verdicts, fh), newline="")


def _dump(verdicts: Iterable[Verdict], fh: IO[str]) -> int:
    writer = csv.writer(fh, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    n = 0
    for verdict in verdicts:
        row = flat_row(verdict)
        writer.writerow([_cell(row[c]) for c in COLUMNS])
        n += 1
    return n


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
