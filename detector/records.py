"""Snapshot, Listing, Verdict and Reason: the records other tools depend on.

The JSON shapes are the contracts in DESIGN.md. Unknown fields are kept (in ``extra``) and written
back out unchanged; missing optional fields take defaults; a field of the wrong type raises
``InvalidSnapshot`` naming the field.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import Field, dataclass, field, fields
from typing import Any, ClassVar, Self

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


def _str(data: Mapping[str, Any], key: str, prefix: str = "") -> str:
    return _opt_str(data, key, prefix) or ""


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


def _typed(
    data: Mapping[str, Any], key: str, prefix: str, types: tuple[type, ...], expected: str
) -> Any:
    """``data[key]`` when it is missing (None) or of ``types`` (never a bool); else an error."""
    value = data.get(key)
    if value is not None and (isinstance(value, bool) or not isinstance(value, types)):
        raise InvalidSnapshot(expected, prefix + key)
    return value


def _opt_int(data: Mapping[str, Any], key: str, prefix: str = "") -> int | None:
    return _typed(data, key, prefix, (int,), "expected an integer")


def _installs(data: Mapping[str, Any], key: str, prefix: str = "") -> float | int | str | None:
    return _typed(data, key, prefix, (int, float, str), "expected a number or a string")


def _opt_id(data: Mapping[str, Any], key: str, prefix: str = "") -> str | int | None:
    return _typed(data, key, prefix, (str, int), "expected a string or an integer")


def _opt_object(data: Mapping[str, Any], key: str, prefix: str = "") -> dict[str, Any] | None:
    value = data.get(key)
    if value is not None and not isinstance(value, Mapping):
        raise InvalidSnapshot("expected an object", prefix + key)
    return dict(value) if value is not None else None


def _headers(data: Mapping[str, Any], key: str, prefix: str = "") -> dict[str, str]:
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise InvalidSnapshot("expected an object of string values", prefix + key)
    return dict(value)


def _kind(data: Mapping[str, Any], key: str, prefix: str = "") -> str:
    value = data.get(key)
    if value is None:
        return "page"
    if not isinstance(value, str):
        raise InvalidSnapshot("expected a string", prefix + key)
    return value


def _extra(data: Mapping[str, Any], known: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in known}


# How a record field is read from JSON: (the object, the field's key, the path prefix) -> value.
Reader = Callable[[Mapping[str, Any], str, str], Any]


def _reads(reader: Reader) -> dict[str, Reader]:
    """The metadata of a record field read from JSON by ``reader`` (default: an optional string)."""
    return {"read": reader}


def _plain(value: Any) -> Any:
    """A field's value as JSON writes it: records as dicts, lists and dicts copied."""
    if isinstance(value, _Record):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return dict(value)
    return value


def _json_fields(cls: type) -> tuple[Field[Any], ...]:
    return tuple(f for f in fields(cls) if f.name != "extra")


class _Record:
    """JSON in and out for a record dataclass, field by field, in the order they are declared.

    Each field is read by its ``read`` function (``_reads``; default: an optional string) and
    written as it is (records as their dicts, lists and dicts copied). Unknown keys are kept in
    ``extra`` and written back after the known ones. ``_PATH`` is where the record sits in a
    snapshot, for the field paths of errors.
    """

    _PATH: ClassVar[str] = ""
    _OMIT_EMPTY: ClassVar[frozenset[str]] = frozenset()  # written only when non-empty
    extra: dict[str, Any]

    @classmethod
    def known_keys(cls) -> frozenset[str]:
        """The JSON keys the record has fields for (any other key goes to ``extra``)."""
        return frozenset(f.name for f in _json_fields(cls))

    @classmethod
    def from_dict(cls, data: Any) -> Self:
        if not isinstance(data, Mapping):
            raise InvalidSnapshot("expected an object", cls._PATH)
        prefix = f"{cls._PATH}." if cls._PATH else ""
        values = {
            f.name: f.metadata.get("read", _opt_str)(data, f.name, prefix)
            for f in _json_fields(cls)
        }
        values["extra"] = _extra(data, frozenset(values))
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in _json_fields(type(self)):
            value = getattr(self, f.name)
            if value or f.name not in self._OMIT_EMPTY:
                out[f.name] = _plain(value)
        out.update(self.extra)
        return out


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
class Listing(_Record):
    """Store listing of an app or browser extension (all fields optional)."""

    name: str | None = None
    description: str | None = None
    developer: str | None = None
    permissions: list[str] = field(default_factory=list, metadata=_reads(_str_list))
    host_permissions: list[str] = field(default_factory=list, metadata=_reads(_str_list))
    installs: float | int | str | None = field(default=None, metadata=_reads(_installs))
    rating: float | int | None = field(default=None, metadata=_reads(_opt_number))
    landing_url: str | None = None
    manifest: dict[str, Any] | None = field(default=None, metadata=_reads(_opt_object))
    extra: dict[str, Any] = field(default_factory=dict)

    _PATH = "listing"


@dataclass
class ScriptFile(_Record):
    """One same-site external script the crawler fetched with the page (all fields optional).

    ``sha256`` is the digest of the bytes as served; ``text`` the decoded script (bounded by the
    crawler's ``max_script_bytes``); a script that could not be used keeps its ``error`` code
    (``fetch.timeout``, ``fetch.too_large``...) and no text.
    """

    url: str = field(default="", metadata=_reads(_str))
    sha256: str | None = None
    text: str | None = None
    size: int | None = field(default=None, metadata=_reads(_opt_int))  # bytes as served
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    _PATH = "scripts"


def _scripts(data: Mapping[str, Any], key: str = "scripts", prefix: str = "") -> list[ScriptFile]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidSnapshot("expected a list of objects", prefix + key)
    return [ScriptFile.from_dict(v) for v in value]


def _listing(data: Mapping[str, Any], key: str, prefix: str = "") -> Listing | None:
    value = data.get(key)
    return Listing.from_dict(value) if value is not None else None


@dataclass
class Snapshot(_Record):
    """What the crawler saw (or what a caller sends): the input to extraction.

    ``scripts`` holds the same-site external scripts fetched with the page (crawl/scripts.py);
    it is written out only when non-empty, so a snapshot without it serialises as before.
    """

    url: str = field(default="", metadata=_reads(_str))
    kind: str = field(default="page", metadata=_reads(_kind))
    html: str | None = None
    text: str | None = None
    final_url: str | None = None
    redirects: list[str] = field(default_factory=list, metadata=_reads(_str_list))
    status: int | None = field(default=None, metadata=_reads(_opt_int))
    headers: dict[str, str] = field(default_factory=dict, metadata=_reads(_headers))
    fetched_at: str | None = None
    listing: Listing | None = field(default=None, metadata=_reads(_listing))
    id: str | int | None = field(default=None, metadata=_reads(_opt_id))
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    scripts: list[ScriptFile] = field(default_factory=list, metadata=_reads(_scripts))

    _OMIT_EMPTY = frozenset({"scripts"})

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
        return super().from_dict(data)

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
