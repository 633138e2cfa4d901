"""Analyst feedback in the store: ``add_label``, ``import_labels_csv``, ``labels``.

A label row says an analyst judged a URL ``scam`` or ``benign`` (the two policy labels; "suspicious"
is a verdict band, not a judgement). Rows are appended, never overwritten, so disagreement between
analysts stays visible; the newest row per URL is the current judgement.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from detector.core.clock import now_iso
from detector.errors import InvalidLabel, StoreError
from detector.redact import redact_url
from detector.store.connection import StorePart

ANALYST_LABELS = ("scam", "benign")
SOURCES = ("cli", "csv")

BadRow = Callable[[int, str], None]
_log = logging.getLogger("detector.store")


def check_label(url: str, label: str, source: str = "cli") -> tuple[str, str]:
    """Normalised ``(url, label)``; raises ``InvalidLabel`` naming what is wrong.

    The URL is kept redacted (detector/redact.py), as every URL the store writes: no user info,
    no credential-like parameter values. Verdict rows are redacted the same way, so a label
    still matches the verdict of the URL it was given for.
    """
    url, label = redact_url((url or "").strip()), (label or "").strip().lower()
    if not url:
        raise InvalidLabel("empty url")
    if label not in ANALYST_LABELS:
        raise InvalidLabel(f"label must be one of {ANALYST_LABELS}, got {label!r}")
    if source not in SOURCES:
        raise InvalidLabel(f"source must be one of {SOURCES}, got {source!r}")
    return url, label


def _log_bad_row(line: int, problem: str) -> None:
    _log.warning("labels CSV line %d skipped: %s", line, problem)


class LabelsMixin(StorePart, Protocol):
    """Label methods of ``Store``; relies on its ``_tx``, ``_query`` and ``path``."""

    def add_label(
        self,
        url: str,
        label: str,
        analyst: str | None = None,
        note: str | None = None,
        run_id: int | None = None,
        source: str = "cli",
    ) -> int:
        """Append one analyst judgement; returns its row id."""
        url, label = check_label(url, label, source)
        with self._tx() as db:
            cur = db.execute(
                "INSERT INTO labels (url, label, analyst, note, at, run_id, source) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (url, label, analyst or None, note or None, now_iso(zulu=False), run_id, source),
            )
            return int(cur.lastrowid or 0)

    def import_labels_csv(self, path: str | Path, on_bad_row: BadRow | None = None) -> int:
        """Import ``url,label[,analyst,note]`` rows (header required); returns rows imported.

        A bad row (empty url, unknown label) is reported through ``on_bad_row(line, problem)``
        (default: a logged warning) and skipped. All good rows go in one transaction.
        """
        report = on_bad_row or _log_bad_row
        reader: csv.DictReader[str] | None = None
        try:
            with open(path, encoding="utf-8-sig", newline="") as fh:
                reader = csv.DictReader(fh)
                rows = list(reader)
                header = {(h or "").strip().lower(): h for h in reader.fieldnames or []}
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            where = f"{path}:{reader.line_num + 1}" if reader is not None else path
            raise StoreError(f"cannot read labels CSV {where}: {exc}", str(path)) from exc
        missing = [c for c in ("url", "label") if c not in header]
        if missing:
            raise StoreError(
                f"labels CSV {path} needs columns url,label (missing {', '.join(missing)})",
                str(path),
            )
        good: list[tuple[Any, ...]] = []
        for line, row in enumerate(rows, 2):
            try:
                url, label = check_label(
                    row.get(header["url"]) or "", row.get(header["label"]) or ""
                )
            except InvalidLabel as exc:
                report(line, str(exc))
                continue
            analyst = (row.get(header.get("analyst", ""), "") or "").strip() or None
            note = (row.get(header.get("note", ""), "") or "").strip() or None
            good.append((url, label, analyst, note, now_iso(zulu=False), None, "csv"))
        with self._tx() as db:
            db.executemany(
                "INSERT INTO labels (url, label, analyst, note, at, run_id, source) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                good,
            )
        return len(good)

    def withdraw_label(self, label_id: int, analyst: str | None = None) -> bool:
        """Mark a label withdrawn (kept for the record, no longer current); False if there is
        no such label or it was already withdrawn."""
        with self._tx() as db:
            cur = db.execute(
                "UPDATE labels SET withdrawn_at = ?, withdrawn_by = ? "
                "WHERE id = ? AND withdrawn_at IS NULL",
                (now_iso(zulu=False), analyst or None, int(label_id)),
            )
            return bool(cur.rowcount)

    def current_labels(self) -> dict[str, dict[str, Any]]:
        """URL -> its newest label that was not withdrawn (what training and exports use)."""
        newest: dict[str, dict[str, Any]] = {}
        for row in self.labels():  # oldest first
            if not row.get("withdrawn_at"):
                newest[row["url"]] = row
        return newest

    def labels(self, url: str | None = None) -> list[dict[str, Any]]:
        """Every label row (oldest first, withdrawn ones included and marked), optionally only
        those for one URL."""
        if url is None:
            rows = self._query("SELECT * FROM labels ORDER BY id")
        else:
            rows = self._query(
                "SELECT * FROM labels WHERE url = ? ORDER BY id", (redact_url(url.strip()),)
            )
        return [dict(r) for r in rows]
