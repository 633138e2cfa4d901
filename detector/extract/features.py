"""``extract``: one snapshot in, one flat feature dict (plus evidence) out.

Parse once, build a ``Context``, run every signal family, add page-shape and cross features.
Pure: no network, no crawler import. The same code serves training, batch scans, the endpoint
and notebooks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass, field, replace
from types import ModuleType
from typing import Any

from detector.config import Settings
from detector.errors import ExtractionError
from detector.extract import claims, credentials, domain, listing, lockers, oauth, url
from detector.extract.base import Context, FeatureValue, Signals, descriptions
from detector.extract.document import page_document
from detector.extract.parse import ParsedPage, page_from_text, parse_html, reveal_written_markup
from detector.records import KINDS, DomainIntel, Snapshot

FAMILIES: tuple[ModuleType, ...] = (url, domain, claims, credentials, lockers, oauth, listing)

DESCRIPTIONS, BENIGN_DESCRIPTIONS = descriptions("features")  # descriptions.json


@dataclass
class Extraction:
    """Features, evidence snippets (by feature key) and the claims the snapshot makes."""

    features: dict[str, FeatureValue]
    evidence: dict[str, str] = field(default_factory=dict)
    claims: list[str] = field(default_factory=list)
    document: str = ""  # what the wording model reads (see ``document.page_document``)


def build_page(snapshot: Snapshot, settings: Settings) -> ParsedPage:
    """The one parse: markup when present, otherwise ad copy or listing text."""
    if snapshot.html:
        return parse_html(snapshot.html, settings)
    text = snapshot.text or ""
    if not text and snapshot.listing is not None:
        text = " ".join(p for p in (snapshot.listing.name, snapshot.listing.description) if p)
    return page_from_text(text, settings)


def _page_shape(snapshot: Snapshot, page: ParsedPage) -> Signals:
    sig = Signals("page")
    sig.flag("has_markup", page.has_markup)
    # No page-size features: size says where a page was collected (a generated page, a kit
    # source, an article), not whether it lies; it let a long kit source look benign.
    sig.set("forms", min(len(page.forms), 10))
    sig.set("inputs", min(len(page.inputs), 30))
    sig.set("links", min(len(page.links), 300))
    sig.set("inline_scripts", min(len(page.scripts), 50))
    sig.set("external_scripts", min(len(page.script_srcs), 50))
    sig.set("iframes", min(len(page.iframes), 20))
    sig.flag("truncated", page.truncated or page.depth_limited or page.attributes_limited)
    sig.set("kind", snapshot.kind if snapshot.kind in KINDS else "page")
    return sig


def _cross(f: Mapping[str, FeatureValue], ctx: Context) -> Signals:
    sig = Signals("cross")

    def on(key: str) -> bool:
        value = f.get(key, 0)
        return isinstance(value, int | float) and value > 0

    offers = on("claims.offer_total")
    creds = (
        on("credential.password_fields")
        or on("credential.branded_login_offsite")
        or on("credential.cookie_paste")
    )
    sig.flag("claim_with_credentials", offers and creds)
    sig.flag("claim_with_oauth_write", offers and on("oauth.scopes_write"))
    sig.flag("claim_offsite", offers and not ctx.is_tiktok_host)
    sig.flag(
        "claim_with_locker",
        offers
        and (
            on("locker.verify_human")
            or on("locker.complete_offer")
            or on("locker.cpa_markers")
            or on("locker.survey")
            or (
                isinstance(f.get("locker.funnel_steps"), int) and int(f["locker.funnel_steps"]) >= 3
            )
        ),
    )
    sig.flag("branded_young_domain", on("credential.tiktok_branded") and on("domain.young_180d"))
    sig.flag("fetch_error", bool(ctx.snapshot.error))
    return sig


def extract(
    snapshot: Snapshot | Mapping[str, Any],
    intel: DomainIntel | None = None,
    settings: Settings | None = None,
) -> Extraction:
    """Extract every feature family from one snapshot.

    Raises
    ------
    InvalidSnapshot
        The snapshot dict has a wrongly typed field.
    ExtractionError
        A family failed on this input (the reason names the family); the caller records it as
        this row's error and goes on.
    """
    steps = extract_in_steps(snapshot, intel, settings)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value


def extract_in_steps(
    snapshot: Snapshot | Mapping[str, Any],
    intel: DomainIntel | None = None,
    settings: Settings | None = None,
) -> Generator[None, None, Extraction]:
    """``extract``, yielding after the parse and after each family (a caller that must be able
    to stop between two short steps: the endpoint's keep-warm); returns the extraction."""
    snap = Snapshot.coerce(snapshot)
    s = settings or Settings()
    if snap.html:
        revealed = reveal_written_markup(snap.html, s.max_html_bytes)
        if revealed is not snap.html:
            snap = replace(snap, html=revealed)
    try:
        page = build_page(snap, s)
    except (MemoryError, RecursionError) as exc:
        raise ExtractionError(f"markup could not be parsed: {exc!r}", "parse") from exc
    yield
    ctx = Context(snapshot=snap, page=page, settings=s, intel=intel)
    features: dict[str, FeatureValue] = {}
    evidence: dict[str, str] = {}
    families: list[Callable[[Context], Signals]] = [m.extract for m in FAMILIES]
    for fn in families:
        try:
            sig = fn(ctx)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError) as exc:
            family = fn.__module__.rsplit(".", 1)[-1]
            raise ExtractionError(f"{family} features failed: {exc!r}", family) from exc
        features.update(sig.features)
        evidence.update(sig.evidence)
        yield
    for sig in (_page_shape(snap, page), _cross(features, ctx)):
        features.update(sig.features)
        evidence.update(sig.evidence)
    return Extraction(
        features=features,
        evidence=evidence,
        claims=claims.claims_found(features),
        document=page_document(snap, page),
    )


def extract_features(
    snapshot: Snapshot | Mapping[str, Any],
    intel: DomainIntel | None = None,
    settings: Settings | None = None,
) -> dict[str, FeatureValue]:
    """The flat feature dict for one snapshot (see ``extract`` for evidence and claims)."""
    return extract(snapshot, intel, settings).features


def all_descriptions() -> tuple[dict[str, str], dict[str, str]]:
    """Plain-words descriptions of every feature, (scam-leaning, benign-leaning)."""
    scam: dict[str, str] = dict(DESCRIPTIONS)
    benign: dict[str, str] = dict(BENIGN_DESCRIPTIONS)
    for module in FAMILIES:
        scam.update(getattr(module, "DESCRIPTIONS", {}))
        benign.update(getattr(module, "BENIGN_DESCRIPTIONS", {}))
    return scam, benign


def feature_schema() -> dict[str, str]:
    """Feature key -> value type, from extracting an empty snapshot (every key is always set)."""
    feats = extract_features(Snapshot(url="https://example.com/", html="<p>x</p>"))
    return {k: type(v).__name__ for k, v in sorted(feats.items())}


def schema_hash() -> str:
    """Hash of the feature schema and lexicons: a model trained on another one must not load."""
    from detector.core.lexicons import lexicons_digest

    h = hashlib.sha256(repr(sorted(feature_schema().items())).encode())
    h.update(lexicons_digest().encode())
    return h.hexdigest()[:16]
