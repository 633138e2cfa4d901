"""STIX 2.1 export via the stix2 library: a bundle of Indicators for scam verdicts.

For each exported verdict: an Indicator ``[url:value = '…']`` and, when the host is specific to the
lure (not a shared platform; see ``blockable_host``), one ``[domain-name:value = '…']`` Indicator
per host. ``indicator_types`` and ``labels`` are ``["malicious-activity"]``, ``confidence`` is the
score as 0-100, the description lists the reasons' messages, and one Identity names the producer.

Ids are deterministic (UUIDv5 over the pattern), so exporting the same URL twice yields the same
Indicator id and consumers de-duplicate; pass ``timestamp`` to make the whole bundle reproducible.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from detector.export import atomic_output, blockable_host, indicator_verdicts
from detector.records import Verdict

# Fixed namespace so ids are stable across runs and machines.
_NAMESPACE = uuid.UUID("6f1d7a52-3c0e-5b9e-9a57-1a2b3c4d5e6f")
PRODUCER = "tiktok-lure-detector"
_TYPES = ["malicious-activity"]
# What every Indicator says the same way: a STIX pattern, of malicious activity.
_FIXED = {"pattern_type": "stix", "indicator_types": _TYPES, "labels": _TYPES}


def stix_string(value: str) -> str:
    """Quote ``value`` as a STIX patterning string literal (backslash and quote escaped)."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def write_stix(
    verdicts: Iterable[Verdict],
    path: str | os.PathLike[str],
    include: tuple[str, ...] = ("scam",),
    timestamp: datetime | None = None,
) -> int:
    """Write a STIX 2.1 bundle; returns the number of verdicts exported as URL indicators."""
    import stix2

    when = timestamp or datetime.now(UTC)
    stamps = {"created": when, "modified": when}
    identity = stix2.v21.Identity(
        id=_id("identity", PRODUCER), name=PRODUCER, identity_class="system", **stamps
    )
    indicators: dict[str, Any] = {}
    exported = 0
    for verdict in indicator_verdicts(verdicts, include):
        exported += 1
        description = _description(verdict)
        patterns = [f"[url:value = {stix_string(verdict.url)}]"]
        host = blockable_host(verdict.url)
        if host:
            patterns.append(f"[domain-name:value = {stix_string(host)}]")
        for pattern in patterns:
            _keep(indicators, _indicator(stix2, pattern, verdict, description, identity.id, stamps))
    objects = [identity, *sorted(indicators.values(), key=lambda o: o.id)]
    bundle = stix2.v21.Bundle(
        objects=objects, id=_id("bundle", "|".join(o.id for o in objects)), allow_custom=False
    )
    with atomic_output(path, "w", encoding="utf-8") as fh:
        fh.write(bundle.serialize(pretty=True, ensure_ascii=False))
    return exported


def _indicator(
    stix2: Any,
    pattern: str,
    verdict: Verdict,
    description: str,
    creator: str,
    stamps: dict[str, datetime],
) -> Any:
    """An Indicator for ``pattern``: valid from its creation, stamped as the producer was."""
    name = ("Lure host " if pattern.startswith("[domain") else "Lure URL ") + verdict.url[:200]
    return stix2.v21.Indicator(
        id=_id("indicator", pattern),
        **stamps,
        valid_from=stamps["created"],
        created_by_ref=creator,
        name=name,
        description=description,
        pattern=pattern,
        **_FIXED,
        confidence=round(100 * (verdict.score or 0.0)),
    )


def _keep(found: dict[str, Any], indicator: Any) -> None:
    # Several verdicts can share a host (or URL): keep the most confident indicator per id.
    old = found.get(indicator.id)
    if old is None or indicator.confidence > old.confidence:
        found[indicator.id] = indicator


def _description(verdict: Verdict) -> str:
    messages = [r.message for r in verdict.reasons if r.message]
    lines = [
        f"Scored {verdict.score or 0.0:.2f} ({verdict.label}) by {verdict.model or 'detector'}."
    ]
    if verdict.claims:
        lines.append("Claims: " + ", ".join(verdict.claims) + ".")
    lines += [f"- {m}" for m in messages]
    return "\n".join(lines)


def _id(kind: str, name: str) -> str:
    return f"{kind}--{uuid.uuid5(_NAMESPACE, name)}"
