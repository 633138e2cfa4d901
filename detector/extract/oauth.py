"""OAuth: every authorize link or redirect in the snapshot, real TikTok Login Kit or look-alike.

Legit tools connect through ``https://www.tiktok.com/v2/auth/authorize/`` with a real
``client_key``, read scopes, PKCE and a fixed https ``redirect_uri``. Fakes use other hosts,
``client_id``, placeholder keys, invented scopes ("user.viewers"), or write scopes for a product
that only claims to read. Authorize URLs are collected from links, forms (hidden inputs become
parameters), inline scripts, meta refresh, iframes, the redirect chain and the listing's landing
page. Facts: lexicons/oauth.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from detector.core.lexicons import lexicon, load_lexicon
from detector.core.platforms import is_official_host
from detector.core.urls import host_parts
from detector.extract.base import Context, Signals, descriptions
from detector.extract.gates import Anchored, AsciiMarkers

_URL_IN_SCRIPT = re.compile(r"""https?://[^\s'"`<>()\\{}]{4,2000}""", re.I)
_LOCATION = re.compile(
    r"""(?:location(?:\.href)?\s*=|location\.(?:replace|assign)\(|window\.open\()\s*['"`]"""
    r"""([^'"`\s]{1,2000})""",
    re.I,
)
_PARAM_NAMES = (
    "client_key",
    "client_id",
    "response_type",
    "scope",
    "redirect_uri",
    "state",
    "code_challenge_method",
    "code_challenge",
)
_SCRIPT_PARAM = re.compile(
    r"""(?<![?&])['"]?\b("""
    + "|".join(_PARAM_NAMES)
    + r""")\b['"]?\s*[:=,]\s*['"`]([^'"`]{0,600})['"`]""",
    re.I,
)
_MAX_CANDIDATES = 2000

DESCRIPTIONS, BENIGN_DESCRIPTIONS = descriptions("oauth")  # descriptions.json


@dataclass(frozen=True)
class AuthLink:
    """One authorize-like URL, classified."""

    url: str
    source: str  # link, form, script, meta, iframe, redirect, landing
    host: str
    v2: bool
    v1: bool
    lookalike: bool
    params: dict[str, str]
    scopes: tuple[str, ...]

    @property
    def tiktok(self) -> bool:
        return self.v2 or self.v1


_lex = lexicon("oauth")


@cache
def _rx(key: str) -> re.Pattern[str]:
    return re.compile(_lex()[key], re.I)


@cache
def _brand_variants() -> tuple[str, ...]:
    return tuple(load_lexicon("url")["brand_variants"])


@cache
def _markers(key: str) -> AsciiMarkers:
    return AsciiMarkers(_lex()[key])


def _has_marker(text: str, key: str) -> bool:
    """A marker occurs in the lower-cased text (long texts: one caseless native pass)."""
    return _markers(key).found_in(text)


# Where each script scan's matches begin: 4 or 5 characters ("http", "https") before a "://";
# at "location" or "window.open("; at a parameter name or the quote just before it.
_SCRIPT_URLS = Anchored(_URL_IN_SCRIPT, ("://",), back=(4, 5))
_LOCATIONS = Anchored(_LOCATION, ("location", "window.open("), caseless=True, scan_alone=True)
_SCRIPT_PARAMS = Anchored(_SCRIPT_PARAM, _PARAM_NAMES, caseless=True, back=(0, 1))


def _with_params(url: str, params: dict[str, str]) -> str:
    query = urlencode(params, safe=",:/")
    return url + ("&" if "?" in url else "?") + query if query else url


def _form_urls(ctx: Context, base: str) -> list[tuple[str, str]]:
    """Form actions with their hidden (or preset OAuth) inputs as query parameters."""
    oauth_params = set(_lex()["oauth_params"])
    out = []
    for form in ctx.page.forms[:50]:
        values = {
            i.name: i.value
            for i in form.inputs
            if i.name and (i.type == "hidden" or (i.name.lower() in oauth_params and i.value))
        }
        out.append((_with_params(form.action or base, values), "form"))
    return out


def _script_urls(script: str) -> list[tuple[str, str]]:
    """URLs in inline scripts, with OAuth parameters set as separate literals merged in."""
    if not _has_marker(script, "script_markers"):
        return []
    # JSON and JS escape slashes and ampersands; undo that so the URL regex sees plain URLs.
    text = script.replace("\\/", "/").replace("\\u0026", "&").replace("\\u002F", "/")
    text = text.replace("&amp;", "&")
    found = [m.group(0) for m in _SCRIPT_URLS.finditer(text)]
    found += [m.group(1) for m in _LOCATIONS.finditer(text)]
    literals: dict[str, str] = {}
    for m in _SCRIPT_PARAMS.finditer(text):
        literals.setdefault(m.group(1).lower(), m.group(2))
    out = []
    for url in found[:_MAX_CANDIDATES]:
        try:
            sp = urlsplit(url)
        except ValueError:  # e.g. an unclosed IPv6 bracket
            continue
        # A URL built by concatenation or URLSearchParams ends at the quote: take the OAuth
        # parameters set elsewhere in the code, but only into authorize-like URLs.
        if literals and any(w in sp.path.lower() for w in _lex()["authorize_path_words"]):
            present = {k.lower() for k, _ in parse_qsl(sp.query, keep_blank_values=True)}
            missing = {k: v for k, v in literals.items() if k not in present}
            url = _with_params(url, missing)
        out.append((url, "script"))
    return out


def candidate_urls(ctx: Context) -> list[tuple[str, str]]:
    """Every URL that may start an OAuth flow, with where it was found; relative ones joined."""
    snap, page = ctx.snapshot, ctx.page
    base = snap.effective_url or ""
    raw: list[tuple[str, str]] = [(link.href, "link") for link in page.links[:_MAX_CANDIDATES]]
    raw += _form_urls(ctx, base)
    raw += _script_urls(page.script_text)
    raw += [(page.meta_refresh, "meta"), *((u, "iframe") for u in page.iframes[:50])]
    raw += [(u, "redirect") for u in (*snap.redirects, snap.url, snap.final_url or "")]
    if snap.listing is not None and snap.listing.landing_url:
        raw.append((snap.listing.landing_url, "landing"))
    out: list[tuple[str, str]] = []
    # One look over all of them first: most pages have no URL with a marker at all. Markers
    # are ASCII and hold no line break, so lower-casing the joined URLs finds one exactly when
    # lower-casing some URL on its own does.
    if not _has_marker("\n".join(url or "" for url, _ in raw), "url_markers"):
        return out
    seen: set[str] = set()
    for url, source in raw:
        url = (url or "").strip()
        if not url or not _has_marker(url, "url_markers"):
            continue
        if base and not url.lower().startswith(("http:", "https:", "//")):
            try:
                url = urljoin(base, url)
            except ValueError:
                continue
        if url not in seen:
            seen.add(url)
            out.append((url, source))
    return out


def _params(query: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in parse_qsl(query, keep_blank_values=True):
        out.setdefault(k.strip().lower(), v.strip())
    return out


def _tiktok_looking(host: str, userinfo: str) -> bool:
    where = f"{host} {userinfo}".lower()
    return any(v in where for v in _brand_variants())


def classify(url: str, source: str = "link") -> AuthLink:
    """Parse one URL and say whether it is TikTok's v2 or v1 endpoint or a look-alike."""
    hp = host_parts(url)
    host, path = hp.host, hp.path.lower()
    params = _params(hp.query)
    scopes = tuple(s for s in re.split(r"[,\s]+", params.get("scope", "").lower()) if s)
    official = bool(host) and is_official_host(host)
    where = host + path.rstrip("/")
    v2 = official and hp.scheme == "https" and where in _lex()["v2_authorize"]
    v1 = official and any(
        where == e.rstrip("/") or where.startswith(e) for e in _lex()["v1_authorize"]
    )
    authorize_path = any(w in path for w in _lex()["authorize_path_words"])
    oauth_query = any(k in params for k in ("client_key", "client_id", "response_type"))
    tiktokish = "client_key" in params or any(_rx("tiktok_scope_re").match(s) for s in scopes)
    looking = _tiktok_looking(host, hp.userinfo)
    lookalike = not official and (
        (authorize_path and (tiktokish or looking)) or (looking and oauth_query)
    )
    return AuthLink(url, source, host, v2, v1 and not v2, lookalike, params, scopes)


def _key_state(link: AuthLink) -> str:
    """'valid', 'placeholder', 'templated', 'other' or 'absent' for the link's client_key."""
    if "client_key" not in link.params:
        return "absent"
    key = link.params["client_key"]
    if _rx("template_re").search(key):
        return "templated"  # filled in by code at run time: not evidence either way
    if not key:
        # A script URL built by concatenation stops at the quote: empty is not a placeholder.
        return "other" if link.source == "script" else "placeholder"
    if key.lower() in _lex()["placeholders"] or _rx("placeholder_re").match(key):
        return "placeholder"
    return "valid" if re.match(_lex()["client_key_re"], key) else "other"


def _scope_kind(scope: str) -> str:
    if scope in _lex()["read_scopes"]:
        return "read"
    if scope in _lex()["write_scopes"]:
        return "write"
    return "known" if scope.startswith(tuple(_lex()["known_scope_prefixes"])) else "unknown"


def extract(ctx: Context) -> Signals:
    """OAuth features over every authorize-like URL found in the snapshot."""
    sig = Signals("oauth")
    found = [classify(u, s) for u, s in candidate_urls(ctx)]
    links = [f for f in found if f.tiktok or f.lookalike or "client_key" in f.params]
    sig.set("links", min(len(links), 5), links[0].url if links else None)
    v2 = next((f for f in links if f.v2), None)
    v1 = next((f for f in links if f.v1), None)
    fake = next((f for f in links if f.lookalike), None)
    sig.flag("tiktok_v2", v2 is not None, v2.url if v2 else None)
    sig.flag("tiktok_v1_legacy", v1 is not None, v1.url if v1 else None)
    sig.flag("lookalike_endpoint", fake is not None, fake.url if fake else None)
    states = {f.url: _key_state(f) for f in links}
    valid = next((f for f in links if states[f.url] == "valid"), None)
    sig.flag("client_key_valid", valid is not None, valid.params["client_key"] if valid else None)
    bad = next((f for f in links if states[f.url] == "placeholder"), None)
    sig.flag("client_key_placeholder", bad is not None, bad.url if bad else None)
    cid = next(
        (f for f in links if "client_id" in f.params and states[f.url] == "absent"),
        None,
    )
    sig.flag("uses_client_id", cid is not None, cid.url if cid else None)
    _scopes(sig, links)
    _redirects(sig, ctx, links)
    pkce = next(
        (
            f
            for f in links
            if f.params.get("code_challenge")
            and f.params.get("code_challenge_method", "").upper() == "S256"
        ),
        None,
    )
    sig.flag("pkce", pkce is not None, pkce.url if pkce else None)
    sig.flag("state", any(f.params.get("state") for f in links))
    benign = next(
        (
            f
            for f in links
            if f.v2
            and states[f.url] == "valid"
            and f.scopes
            and all(_scope_kind(s) == "read" for s in f.scopes)
        ),
        None,
    )
    sig.flag(
        "tiktok_v2_read_only", benign is not None and fake is None, benign.url if benign else None
    )
    path = ctx.url.path.lower().rstrip("/")
    consent = ctx.is_tiktok_host and path in _lex()["consent_paths"]
    sig.flag("is_consent_page", consent, ctx.snapshot.effective_url)
    return sig


def _scopes(sig: Signals, links: list[AuthLink]) -> None:
    scopes = sorted({s for f in links for s in f.scopes})
    kinds = {s: _scope_kind(s) for s in scopes}
    sig.set("scope_count", min(len(scopes), 10), ",".join(scopes))
    read_only = bool(scopes) and all(k == "read" for k in kinds.values())
    sig.flag("scopes_read_only", read_only, ",".join(scopes))
    write = [s for s in scopes if kinds[s] == "write"]
    sig.flag("scopes_write", bool(write), ",".join(write))
    unknown = [s for s in scopes if kinds[s] == "unknown"]
    sig.set("unknown_scopes", min(len(unknown), 5), ",".join(unknown))


def _redirects(sig: Signals, ctx: Context, links: list[AuthLink]) -> None:
    page_dom = ctx.url.registered_domain or ctx.url.host
    offsite, bad = "", ""
    for f in links:
        uri = f.params.get("redirect_uri", "")
        if not uri or _rx("template_re").search(uri):
            continue
        rp = host_parts(uri)
        dom = rp.registered_domain or rp.host
        # TikTok's own consent page always redirects away; that is the design, not a signal.
        if page_dom and dom and dom != page_dom and not ctx.is_tiktok_host:
            offsite = offsite or uri
        if rp.scheme != "https" or rp.query or rp.fragment or len(uri) > 512:
            bad = bad or uri
    sig.flag("redirect_offsite", bool(offsite), offsite)
    sig.flag("redirect_uri_bad", bool(bad), bad)
