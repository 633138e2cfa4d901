"""MISP export: one event (MISP JSON, built offline with pymisp) holding the scam verdicts.

Each exported verdict adds a ``url`` attribute (to_ids, comment = score and the reasons' messages,
tags = its claims as ``tiktok-lure:claim="…"``) and, once per lure-specific host (see
``blockable_host``), a ``domain`` attribute. The event carries the union of claim tags plus a TLP
tag, distribution "your organisation only" and threat level medium: sharing wider is an analyst's
decision in MISP, not the exporter's. Attribute UUIDs stay random, as MISP requires them unique
across events.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import UTC, date, datetime

from detector.export import atomic_output, blockable_host, indicator_verdicts
from detector.records import Verdict

TAG_NAMESPACE = "tiktok-lure"
_COMMENT_MAX = 1000


def claim_tag(claim: str) -> str:
    return f'{TAG_NAMESPACE}:claim="{claim}"'


def write_misp(
    verdicts: Iterable[Verdict],
    path: str | os.PathLike[str],
    include: tuple[str, ...] = ("scam",),
    info: str = "TikTok 'who viewed your profile' lures found by tiktok-lure-detector",
    tlp: str = "tlp:amber",
    event_date: date | None = None,
) -> int:
    """Write one MISP event as JSON; returns the number of verdicts exported as URL attributes."""
    from pymisp import MISPAttribute, MISPEvent

    event = MISPEvent()
    event.info = info
    event.distribution = 0
    event.threat_level_id = 2
    event.analysis = 2
    event.date = event_date or datetime.now(UTC).date()
    event.add_tag(tlp)
    claims: set[str] = set()
    hosts: set[str] = set()
    exported = 0
    for verdict in indicator_verdicts(verdicts, include):
        exported += 1
        comment = _comment(verdict)
        attr = event.add_attribute("url", verdict.url, comment=comment, to_ids=True)
        # add_attribute returns a list only when given a list of values; here it is one value.
        assert isinstance(attr, MISPAttribute)
        for claim in verdict.claims:
            attr.add_tag(claim_tag(claim))
        claims.update(verdict.claims)
        host = blockable_host(verdict.url)
        if host and host not in hosts:
            hosts.add(host)
            event.add_attribute("domain", host, comment=comment, to_ids=True)
    for claim in sorted(claims):
        event.add_tag(claim_tag(claim))
    with atomic_output(path, "w", encoding="utf-8") as fh:
        fh.write(event.to_json(indent=2))
    return exported


def _comment(verdict: Verdict) -> str:
    head = f"score {verdict.score or 0.0:.2f} ({verdict.label})"
    messages = "; ".join(r.message for r in verdict.reasons if r.message)
    text = f"{head}: {messages}" if messages else head
    return text if len(text) <= _COMMENT_MAX else text[: _COMMENT_MAX - 1] + "…"
