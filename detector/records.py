"""Snapshot, Listing, Verdict and Reason: the records other tools depend on.

The JSON shapes are the contracts in DESIGN.md. Unknown fields are kept (in ``extra``) and written
back out unchanged; missing optional fields take defaults; a field of the wrong type raises
``InvalidSnapshot`` naming the field.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from detector.errors import InvalidSnapshot

KINDS = ("page", "ad", "app_listing", "extension_listing")
LABELS = ("scam", "suspicious", "benign", "unverified")
# What a score rests on: the page (markup, text or a listing) or, when nothing was fetched, the
# URL alone. A URL-only score that does not reach a threshold is "unverified", never "benign".
BASES = ("page", "url")


def _opt_str(data: Mapping[str, Any], key: str, prefix: str = "") -> str | None:
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    raise InvalidSnapshot(f"expected a string, got {type(value).__name__}", prefix + key)


def _str_list(data: Mapping[str, Any], key: str, prefix: str = "") -> list[str]:
    value = data.get(key)
    if value is None:
        return []
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise InvalidSnapshot("expected a list of strings", prefix + key)


def _opt_number(data: Mapping[str, Any], key: str, prefix: str = "") -> float | int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidSnapshot(f"expected a number, got {type(value).__name__}", prefix + key)
    return value


def _extra(data: Mapping[str, Any], known: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in known}


@dataclass(frozen=True)
class DomainIntel:
    """What intel knows about a host at scoring time. ``age_days`` None means unknown."""

    host: str
    registered_domain: str = ""
    age_days: float | None = None
    registered_at: str | None = None
    source: str = "unknown"  # "rdap", "cache", "fixture", "free_hosting" or "unknown"
    registrar: str | None = None  # the registrar's name from RDAP, when it gave one


@dataclass
class Listing:
    """Store listing of an app or browser extension (all fields optional)."""

    name: str | None = None
    description: str | None = None
    developer: str | None = None
    permissions: list[str] = field(default_factory=list)
    host_permissions: list[str] = field(default_factory=list)
    installs: float | int | str | None = None
    rating: float | int | None = None
    landing_url: str | None = None
    manifest: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    _KNOWN = frozenset(
        {
            "name",
            "description",
            "developer",
            "permissions",
            "host_permissions",
            "installs",
            "rating",
            "landing_url",
            "manifest",
        }
    )

    @classmethod
    def from_dict(cls, data: Any) -> Listing:
        if not isinstance(data, Mapping):
            raise InvalidSnapshot("expected an object", "listing")
        p = "listing."
        installs = data.get("installs")
        if installs is not None and (
            isinstance(installs, bool) or not isinstance(installs, int | float | str)
        ):
            raise InvalidSnapshot("expected a number or a string", p + "installs")
        manifest = data.get("manifest")
        if manifest is not None and not isinstance(manifest, Mapping):
            raise InvalidSnapshot("expected an object", p + "manifest")
        return cls(
            name=_opt_str(data, "name", p),
            description=_opt_str(data, "description", p),
            developer=_opt_str(data, "developer", p),
            permissions=_str_list(data, "permissions", p),
            host_permissions=_str_list(data, "host_permissions", p),
            installs=installs,
            rating=_opt_number(data, "rating", p),
            landing_url=_opt_str(data, "landing_url", p),
            manifest=dict(manifest) if manifest is not None else None,
            extra=_extra(data, cls._KNOWN),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "description": self.description,
            "developer": self.developer,
            "permissions": list(self.permissions),
            "host_permissions": list(self.host_permissions),
            "installs": self.installs,
            "rating": self.rating,
            "landing_url": self.landing_url,
            "manifest": self.manifest,
        }
        out.update(self.extra)
        return out


@dataclass
class ScriptFile:
    """One same-site external script the crawler fetched with the page (all fields optional).

    ``sha256`` is the digest of the bytes as served; ``text`` the decoded script (bounded by the
    crawler's ``max_script_bytes``); a script that could not be used keeps its ``error`` code
    (``fetch.timeout``, ``fetch.too_large``...) and no text.
    """

    url: str = ""
    sha256: str | None = None
    text: str | None = None
    size: int | None = None  # bytes as served
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    _KNOWN = frozenset({"url", "sha256", "text", "size", "error"})

    @classmethod
    def from_dict(cls, data: Any) -> ScriptFile:
        if not isinstance(data, Mapping):
            raise InvalidSnapshot("expected an object", "scripts")
        p = "scripts."
        size = data.get("size")
        if size is not None and (isinstance(size, bool) or not isinstance(size, int)):
            raise InvalidSnapshot("expected an integer", p + "size")
        return cls(
            url=_opt_str(data, "url", p) or "",
            sha256=_opt_str(data, "sha256", p),
            text=_opt_str(data, "text", p),
            size=size,
            error=_opt_str(data, "error", p),
            extra=_extra(data, cls._KNOWN),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "url": self.url,
            "sha256": self.sha256,
            "text": self.text,
            "size": self.size,
            "error": self.error,
        }
        out.update(self.extra)
        return out


def _scripts(data: Mapping[str, Any]) -> list[ScriptFile]:
    value = data.get("scripts")
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidSnapshot("expected a list of objects", "scripts")
    return [ScriptFile.from_dict(v) for v in value]


@dataclass
class Snapshot:
    """What the crawler saw (or what a caller sends): the input to extraction.

    ``scripts`` holds the same-site external scripts fetched with the page (crawl/scripts.py);
    it is written out only when non-empty, so a snapshot without it serialises as before.
    """

    url: str = ""
    kind: str = "page"
    html: str | None = None
    text: str | None = None
    final_url: str | None = None
    redirects: list[str] = field(default_factory=list)
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    fetched_at: str | None = None
    listing: Listing | None = None
    id: str | int | None = None
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    scripts: list[ScriptFile] = field(default_factory=list)

    _KNOWN = frozenset(
        {
            "url",
            "kind",
            "html",
            "text",
            "final_url",
            "redirects",
            "status",
            "headers",
            "fetched_at",
            "listing",
            "id",
            "error",
            "scripts",
        }
    )

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InvalidSnapshot(f"unknown kind {self.kind!r}; expected one of {KINDS}", "kind")
        if isinstance(self.listing, Mapping):
            self.listing = Listing.from_dict(self.listing)
        if any(isinstance(s, Mapping) for s in self.scripts):
            self.scripts = _scripts({"scripts": list(self.scripts)})

    @classmethod
    def from_dict(cls, data: Any) -> Snapshot:
        if not isinstance(data, Mapping):
            raise InvalidSnapshot(f"a snapshot must be a JSON object, got {type(data).__name__}")
        status = data.get("status")
        if status is not None and (isinstance(status, bool) or not isinstance(status, int)):
            raise InvalidSnapshot("expected an integer", "status")
        headers = data.get("headers")
        if headers is None:
            headers = {}
        if not isinstance(headers, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in headers.items()
        ):
            raise InvalidSnapshot("expected an object of string values", "headers")
        ident = data.get("id")
        if ident is not None and (isinstance(ident, bool) or not isinstance(ident, str | int)):
            raise InvalidSnapshot("expected a string or an integer", "id")
        kind = data.get("kind")
        if kind is None:
            kind = "page"
        elif not isinstance(kind, str):
            raise InvalidSnapshot("expected a string", "kind")
        listing = data.get("listing")
        return cls(
            url=_opt_str(data, "url") or "",
            kind=kind,
            html=_opt_str(data, "html"),
            text=_opt_str(data, "text"),
            final_url=_opt_str(data, "final_url"),
            redirects=_str_list(data, "redirects"),
            status=status,
            headers=dict(headers),
            fetched_at=_opt_str(data, "fetched_at"),
            listing=Listing.from_dict(listing) if listing is not None else None,
            id=ident,
            error=_opt_str(data, "error"),
            extra=_extra(data, cls._KNOWN),
            scripts=_scripts(data),
        )

    @classmethod
    def from_json(cls, line: str | bytes) -> Snapshot:
        try:
            data = json.loads(line)
        except (ValueError, UnicodeDecodeError) as exc:
            raise InvalidSnapshot(f"not valid JSON: {exc}") from exc
        except RecursionError as exc:
            raise InvalidSnapshot("not valid JSON: nested too deeply") from exc
        return cls.from_dict(data)

    @classmethod
    def coerce(cls, value: Snapshot | Mapping[str, Any]) -> Snapshot:
        """Accept a ``Snapshot`` or a plain dict (as callers of ``Detector.score`` may pass)."""
        return value if isinstance(value, Snapshot) else cls.from_dict(value)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "url": self.url,
            "kind": self.kind,
            "html": self.html,
            "text": self.text,
            "final_url": self.final_url,
            "redirects": list(self.redirects),
            "status": self.status,
            "headers": dict(self.headers),
            "fetched_at": self.fetched_at,
            "listing": self.listing.to_dict() if self.listing else None,
            "id": self.id,
            "error": self.error,
        }
        if self.scripts:
            out["scripts"] = [s.to_dict() for s in self.scripts]
        out.update(self.extra)
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @property
    def effective_url(self) -> str:
        """The URL the content came from: the final URL after redirects when known."""
        return self.final_url or self.url


@dataclass
class Reason:
    """One signal that pushed a verdict, in words an analyst would accept."""

    code: str
    message: str
    evidence: str = ""
    weight: float = 0.0

    @classmethod
    def from_dict(cls, data: Any) -> Reason:
        if not isinstance(data, Mapping) or not isinstance(data.get("code"), str):
            raise InvalidSnapshot("a reason needs a string code", "reasons")
        weight = data.get("weight", 0.0)
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            raise InvalidSnapshot("expected a number", "reasons.weight")
        return cls(
            code=data["code"],
            message=str(data.get("message", "")),
            evidence=str(data.get("evidence", "") or ""),
            weight=float(weight),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "evidence": self.evidence,
            "weight": round(self.weight, 4),
        }


@dataclass
class Verdict:
    """The scored result for one snapshot; ``error`` set (and no score) when it failed."""

    id: str | int | None = None
    url: str = ""
    kind: str = "page"
    score: float | None = None
    label: str | None = None
    reasons: list[Reason] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    model: str | None = None
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    basis: str | None = None  # "page" or "url" (BASES); None on a failed verdict
    # The feature dict the score came from: kept in memory (the scan store saves it), never
    # part of the JSON contract.
    features: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    _KNOWN = frozenset(
        {"id", "url", "kind", "score", "label", "basis", "reasons", "claims", "model", "error"}
    )

    def __post_init__(self) -> None:
        if self.label is not None and self.label not in LABELS:
            raise InvalidSnapshot(f"unknown label {self.label!r}", "label")
        if self.basis is not None and self.basis not in BASES:
            raise InvalidSnapshot(f"unknown basis {self.basis!r}", "basis")

    @classmethod
    def failed(
        cls, snapshot: Snapshot | None, error: str, model: str | None = None, **extra: Any
    ) -> Verdict:
        return cls(
            id=snapshot.id if snapshot else None,
            url=snapshot.url if snapshot else "",
            kind=snapshot.kind if snapshot else "page",
            model=model,
            error=error,
            extra=dict(extra),
        )

    @classmethod
    def from_dict(cls, data: Any) -> Verdict:
        if not isinstance(data, Mapping):
            raise InvalidSnapshot("a verdict must be a JSON object")
        reasons = data.get("reasons") or []
        if not isinstance(reasons, list):
            raise InvalidSnapshot("expected a list", "reasons")
        score = _opt_number(data, "score")
        return cls(
            id=data.get("id"),
            url=_opt_str(data, "url") or "",
            kind=_opt_str(data, "kind") or "page",
            score=float(score) if score is not None else None,
            label=_opt_str(data, "label"),
            reasons=[Reason.from_dict(r) for r in reasons],
            claims=_str_list(data, "claims"),
            model=_opt_str(data, "model"),
            error=_opt_str(data, "error"),
            extra=_extra(data, cls._KNOWN),
            basis=_opt_str(data, "basis"),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "url": self.url,
            "kind": self.kind,
            "score": round(self.score, 6) if self.score is not None else None,
            "label": self.label,
            **({"basis": self.basis} if self.basis is not None else {}),
            "reasons": [r.to_dict() for r in self.reasons],
            "claims": list(self.claims),
            "model": self.model,
            "error": self.error,
        }
        out.update(self.extra)
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)
