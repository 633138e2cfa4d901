"""Request and response bodies of the HTTP API (pydantic), strict by design.

Requests refuse unknown fields and wrong types (a misspelt ``htm`` would otherwise turn a page
verdict into a URL-only one without anyone noticing), strings may not carry lone surrogates, and
``html`` that is really binary is refused. Responses follow the Verdict contract in DESIGN.md.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

MAX_URL_CHARS = 8192
MAX_NOTE_CHARS = 2000
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def _utf8(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("contains a lone surrogate (not valid Unicode text)") from None
    return value


def _not_binary(value: str) -> str:
    head = value[:8192]
    if "\x00" in head or (head and len(_CONTROL.findall(head)) / len(head) > 0.10):
        raise ValueError("looks binary (NUL or control characters); send the page as text")
    return _utf8(value)


Text = Annotated[str, AfterValidator(_utf8)]
Markup = Annotated[str, AfterValidator(_not_binary)]
Url = Annotated[str, Field(max_length=MAX_URL_CHARS), AfterValidator(_utf8)]
Kind = Literal["page", "ad", "app_listing", "extension_listing"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class ListingIn(_Strict):
    """A store listing of an app or a browser extension (all fields optional)."""

    name: Text | None = None
    description: Markup | None = None
    developer: Text | None = None
    permissions: list[Text] | None = Field(default=None, max_length=500)
    host_permissions: list[Text] | None = Field(default=None, max_length=500)
    installs: int | float | Text | None = None
    rating: int | float | None = None
    landing_url: Url | None = None
    manifest: dict[str, Any] | None = None


class ScriptIn(_Strict):
    """A same-site script file of the page (``Snapshot.scripts``; all fields optional)."""

    url: Annotated[str, Field(max_length=2000), AfterValidator(_utf8)] | None = None
    sha256: Annotated[str, Field(max_length=64), AfterValidator(_utf8)] | None = None
    text: Markup | None = None
    size: int | None = Field(default=None, ge=0)
    error: Annotated[str, Field(max_length=200), AfterValidator(_utf8)] | None = None


class ScoreRequest(_Strict):
    """A snapshot as the extension captures it, or ``{"url": ...}`` alone to have it fetched."""

    url: Url | None = Field(default=None, description="page URL; alone, the server fetches it")
    kind: Kind = "page"
    html: Markup | None = Field(default=None, description="markup as rendered by the browser")
    text: Markup | None = Field(default=None, description="plain text when there is no markup")
    final_url: Url | None = None
    redirects: list[Url] | None = Field(default=None, max_length=50)
    status: int | None = Field(default=None, ge=100, le=599)
    headers: dict[str, Text] | None = Field(default=None, max_length=100)
    fetched_at: Text | None = Field(default=None, max_length=64)
    listing: ListingIn | None = None
    scripts: list[ScriptIn] | None = Field(
        default=None, max_length=8, description="same-site script files loaded by the page"
    )
    id: Annotated[str, Field(max_length=256), AfterValidator(_utf8)] | int | None = None

    @model_validator(mode="after")
    def _something_to_score(self) -> ScoreRequest:
        if not (self.url or self.html or self.text or self.listing):
            raise ValueError("give at least one of url, html, text or listing")
        return self

    @property
    def bare_url(self) -> bool:
        """True when only a URL came: the server is asked to fetch the page."""
        return bool(self.url) and not (self.html or self.text or self.listing)


class BatchRequest(_Strict):
    """Up to ``Settings.serve_batch_max`` snapshots, scored in order."""

    snapshots: list[ScoreRequest] = Field(min_length=1)


class LookupRequest(_Strict):
    """SHA-256 prefixes (4 to 8 lower-case hex digits) of canonical URLs and hosts."""

    prefixes: list[Annotated[str, Field(pattern=r"^[0-9a-f]{4,8}$")]] = Field(
        min_length=1, max_length=64
    )


class ReportRequest(_Strict):
    """A user says the verdict for ``url`` is wrong and should be ``expected``."""

    url: Url = Field(min_length=1)
    expected: Literal["scam", "benign"]
    note: Annotated[str, Field(max_length=MAX_NOTE_CHARS), AfterValidator(_utf8)] | None = None
    verdict_id: Annotated[str, Field(max_length=256), AfterValidator(_utf8)] | int | None = None


# --- responses --------------------------------------------------------------------------------


class ReasonOut(BaseModel):
    code: str
    message: str
    evidence: str = ""
    weight: float = 0.0


class VerdictOut(BaseModel):
    """The Verdict contract (DESIGN.md); more fields may be added, never removed."""

    id: str | int | None = None
    url: str
    kind: str
    score: float | None = Field(description="calibrated probability of scam; null on error")
    label: Literal["scam", "suspicious", "benign", "unverified"] | None
    basis: Literal["page", "url"] | None = Field(
        default=None, description="what the score rests on"
    )
    reasons: list[ReasonOut]
    claims: list[str]
    model: str | None
    error: str | None
    cached: bool = False


class BatchOut(BaseModel):
    verdicts: list[VerdictOut]


class LookupHost(BaseModel):
    worst_label: str
    urls: int
    flagged: int


class LookupVerdict(BaseModel):
    source: Literal["scan", "fetch", "snapshot"] = Field(
        description="scan: from the store's scans; fetch: a page the server fetched itself; "
        "snapshot: markup a caller sent (indexed only with SERVE_LOOKUP_SNAPSHOTS)"
    )
    label: str | None
    score: float | None
    model: str | None
    claims: list[str]
    reasons: list[dict[str, Any]]


class LookupMatch(BaseModel):
    hash: str = Field(description="full SHA-256 hex of a canonical URL or host")
    kind: Literal["url", "host"]
    verdict: LookupVerdict | None = None
    host: LookupHost | None = None


class LookupOut(BaseModel):
    matches: list[LookupMatch]


class ReportOut(BaseModel):
    id: int
    status: Literal["pending"]


class ModelOut(BaseModel):
    model: str
    name: str | None
    version: str | int | None
    estimator: str | None
    created_at: str | None
    thresholds: dict[str, Any]
    metrics: dict[str, Any]
    feature_schema_hash: str | None


class HealthOut(BaseModel):
    status: Literal["ok"]


class ReadyOut(BaseModel):
    status: Literal["ready"]
    model: str
    native_threads: int = Field(description="largest BLAS/OpenMP pool size in this worker")
    keep_warm: bool = Field(description="whether the worker scores a small page while idle")
    keep_warm_idle: float = Field(
        description="with keep_warm: seconds after the latest request that it goes on (0: no end)"
    )


class ErrorDetail(BaseModel):
    field: str | None
    message: str


class ErrorInfo(BaseModel):
    code: str = Field(description="stable machine-readable code, e.g. request.invalid")
    message: str
    field: str | None = Field(description="the first offending field (dotted path), if any")
    details: list[ErrorDetail] = []


class ErrorOut(BaseModel):
    error: ErrorInfo
