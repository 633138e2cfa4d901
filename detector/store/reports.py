"""User reports of wrong verdicts: ``add_report``, ``reports``, ``resolve_report``, ``url_verdicts``.

A report is what a user of the endpoint (``POST /v1/report``) says a verdict should have been. It
is never training data: it waits as ``pending`` until an analyst accepts it (which appends an
analyst label, the only thing ``detector train --include-labels`` reads) or rejects it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any, Protocol

from detector.core.clock import now_iso
from detector.errors import InvalidLabel
from detector.redact import redact, redact_text, redact_url
from detector.store.connection import StorePart
from detector.store.labels import ANALYST_LABELS

REPORT_STATUSES = ("pending", "accepted", "rejected")
MAX_NOTE_CHARS = 2000


class ReportsMixin(StorePart, Protocol):
    """Report methods of ``Store``; relies on its ``_tx``, ``_query`` and ``add_label``."""

    add_label: Callable[..., int]  # from LabelsMixin

    def add_report(
        self,
        url: str,
        expected: str,
        note: str | None = None,
        verdict: dict[str, Any] | None = None,
        reporter: str | None = None,
        client_hash: str | None = None,
    ) -> int:
        """Queue one user report as ``pending``; returns its id. Raises ``InvalidLabel``.

        What is written follows detector/redact.py: the URL keeps no user info and no
        credential-like parameter values (a user reports the address in the browser's bar,
        session tokens and sign-in codes included), and so do URLs inside the note and verdict.
        """
        url, expected = redact_url((url or "").strip()), (expected or "").strip().lower()
        if not url:
            raise InvalidLabel("empty url")
        if expected not in ANALYST_LABELS:
            raise InvalidLabel(f"expected must be one of {ANALYST_LABELS}, got {expected!r}")
        with self._tx() as db:
            cur = db.execute(
                "INSERT INTO reports (url, expected, note, verdict_json, reporter, client_hash, at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    url,
                    expected,
                    redact_text((note or "")[:MAX_NOTE_CHARS]) or None,
                    json.dumps(redact(verdict), ensure_ascii=False)
                    if verdict is not None
                    else None,
                    reporter,
                    client_hash,
                    now_iso(zulu=False),
                ),
            )
            return int(cur.lastrowid or 0)

    def reports(self, status: str | None = "pending") -> list[dict[str, Any]]:
        """Reports (oldest first) with that status, or all of them for ``None``."""
        if status is None:
            rows = self._query("SELECT * FROM reports ORDER BY id")
        else:
            rows = self._query("SELECT * FROM reports WHERE status = ? ORDER BY id", (status,))
        return [dict(r) for r in rows]

    def resolve_report(
        self, report_id: int, accept: bool, analyst: str | None = None, note: str | None = None
    ) -> dict[str, Any]:
        """Accept (append an analyst label with the reported label) or reject a pending report.

        Returns the updated report row. Raises ``InvalidLabel`` for an unknown or already
        resolved report.
        """
        rows = self._query("SELECT * FROM reports WHERE id = ?", (report_id,))
        if not rows:
            raise InvalidLabel(f"no report {report_id}")
        report = dict(rows[0])
        if report["status"] != "pending":
            raise InvalidLabel(f"report {report_id} is already {report['status']}")
        label_id = None
        if accept:
            why = f"from user report {report_id}" + (f": {note}" if note else "")
            label_id = self.add_label(report["url"], report["expected"], analyst, why)
        with self._tx() as db:
            db.execute(
                "UPDATE reports SET status = ?, analyst = ?, resolved_at = ?, label_id = ? "
                "WHERE id = ?",
                (
                    "accepted" if accept else "rejected",
                    analyst,
                    now_iso(zulu=False),
                    label_id,
                    report_id,
                ),
            )
        return dict(self._query("SELECT * FROM reports WHERE id = ?", (report_id,))[0])

    def url_verdicts(self, after: int = 0) -> Iterator[tuple[int, str, str | None, dict[str, Any]]]:
        """``(rowid, url, final_url, verdict)`` of scored verdicts written after row ``after``,
        oldest first (a rewritten verdict gets a new row id, so passing the last id seen reads
        only what changed since)."""
        while True:
            rows = self._query(
                "SELECT v.rowid AS rid, s.url, s.final_url, v.verdict_json FROM verdicts v "
                "JOIN snapshots s ON s.run_id = v.run_id AND s.input_key = v.input_key "
                "WHERE v.rowid > ? AND v.score IS NOT NULL AND s.url != '' "
                "ORDER BY v.rowid LIMIT 1000",
                (after,),
            )
            for r in rows:
                yield int(r["rid"]), r["url"], r["final_url"], json.loads(r["verdict_json"])
            if len(rows) < 1000:
                return
            after = int(rows[-1]["rid"])
