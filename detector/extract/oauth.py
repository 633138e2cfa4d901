"""OAuth: every authorize link or redirect in the snapshot, real TikTok Login Kit or look-alike.

Legit tools connect through ``https://www.tiktok.com/v2/auth/authorize/`` with a real
``client_key``, read scopes, PKCE and a fixed https ``redirect_uri``. Fakes use other hosts,
``client_id``, placeholder keys, invented scopes ("user.viewers"), or write scopes for a product
that only claims to read. Facts: lexicons/oauth.json.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

from detector.extract.base import Context, Signals, is_official_host
from detector.extract.lexicons import load_lexicon
from detector.intel.domain import host_parts

_URL_IN_SCRIPT = re.compile(r"""https?://[^\s'"`<>)\\]{4,2000}""", re.I)
_MAX_LINKS = 2000

DESCRIPTIONS: dict[str, str] = {
    "oauth.lookalike_endpoint": "sends the visitor to a fake TikTok authorisation page",
    "oauth.client_key_placeholder": "uses a placeholder or empty TikTok client key (a fake or broken integration)",
    "oauth.uses_client_id": "uses 'client_id' where TikTok's login needs 'client_key'",
    "oauth.unknown_scopes": "asks for permissions that do not exist in TikTok's API",
    "oauth.scopes_write": "asks for permission to post or manage content on the account",
    "oauth.redirect_offsite": "sends the authorisation result to another domain",
    "oauth.redirect_uri_bad": "uses a redirect address TikTok would not accept (not https, or with query)",
    "oauth.tiktok_v1_legacy": "uses TikTok's retired v1 authorisation endpoint",
}
BENIGN_DESCRIPTIONS: dict[str, str] = {
    "oauth.tiktok_v2_read_only": "uses TikTok's official login with read-only permissions",
    "oauth.pkce": "protects its TikTok login with PKCE",
    "oauth.is_consent_page": "is TikTok's own authorisation page",
}


@cache
def _lex() -> dict[str, Any]:
    return load_lexicon("oauth")


def _candidate_urls(ctx: Context) -> list[str]:
    snap, page = ctx.snapshot, ctx.page
    base = snap.effective_url or ""
    urls: list[str] = [link.href for link in page.links[:_MAX_LINKS]]
    for form in page.forms[:50]:
        values = {i.name: i.value for i in form.inputs if i.name}
        action = form.action or base
        if any(k in values for k in ("client_key", "client_id", "scope", "response_type")):
            urls.append(action + ("&" if "?" in action else "?") + urlencode(values))
        else:
            urls.append(action)
    urls += [
        m.group(0)
        for _, m in zip(
            range(_MAX_LINKS), _URL_IN_SCRIPT.finditer(page.script_text[:300_000]), strict=False
        )
    ]
    urls += [page.meta_refresh, *page.iframes[:50], *snap.redirects, snap.final_url or "", snap.url]
    if snap.listing and snap.listing.landing_url:
        urls.append(snap.listing.landing_url)
    out = []
    for u in urls:
        if not u:
            continue
        full = urljoin(base, u) if base and not u.lower().startswith(("http", "//")) else u
        low = full.lower()
        if any(w in low for w in ("client_key", "client_id", "response_type", "scope=")) or any(
            e in low for e in (*_lex()["v2_authorize"], *_lex()["v1_authorize"])
        ):
            out.append(full)
    return out


def _classify(url: str) -> dict[str, Any]:
    sp = urlsplit(url if "://" in url else "https://" + url.lstrip("/"))
    host = (sp.hostname or "").lower()
    where = host + sp.path.rstrip("/")
    q = {k.lower(): v[0] for k, v in parse_qs(sp.query, keep_blank_values=True).items()}
    official = is_official_host(host)
    v2 = (
        official
        and sp.scheme == "https"
        and any(where.startswith(e) for e in _lex()["v2_authorize"])
    )
    v1 = official and any(where.startswith(e) for e in _lex()["v1_authorize"])
    path_authy = any(w in sp.path.lower() for w in _lex()["authorize_path_words"])
    tiktokish = "tiktok" in host or "client_key" in q
    lookalike = not official and path_authy and tiktokish
    scopes = [s.strip() for s in re.split(r"[,\s]+", q.get("scope", "")) if s.strip()]
    return {
        "url": url,
        "v2": v2,
        "v1": v1,
        "lookalike": lookalike,
        "q": q,
        "scopes": scopes,
        "official": official,
    }


def extract(ctx: Context) -> Signals:
    """OAuth features over every authorize-like URL found."""
    sig = Signals("oauth")
    found = [_classify(u) for u in _candidate_urls(ctx)]
    links = [f for f in found if f["v2"] or f["v1"] or f["lookalike"] or "client_key" in f["q"]]
    sig.set("links", min(len(links), 5), links[0]["url"] if links else None)
    first = {k: next((f for f in links if f[k]), None) for k in ("v2", "v1", "lookalike")}
    sig.flag("tiktok_v2", first["v2"] is not None, first["v2"]["url"] if first["v2"] else None)
    sig.flag(
        "tiktok_v1_legacy", first["v1"] is not None, first["v1"]["url"] if first["v1"] else None
    )
    sig.flag(
        "lookalike_endpoint",
        first["lookalike"] is not None,
        first["lookalike"]["url"] if first["lookalike"] else None,
    )
    key_re = re.compile(_lex()["client_key_re"])
    placeholders = set(_lex()["placeholders"])
    keys = [f["q"].get("client_key") for f in links if "client_key" in f["q"]]
    sig.flag("client_key_valid", any(k and key_re.match(k) for k in keys))
    bad_key = next(
        (k for k in keys if k is not None and (not k.strip() or k.strip().lower() in placeholders)),
        None,
    )
    sig.flag("client_key_placeholder", bad_key is not None, f"client_key={bad_key}")
    cid = next(
        (f for f in links if "client_id" in f["q"] and (f["official"] or f["lookalike"])), None
    )
    sig.flag("uses_client_id", cid is not None, cid["url"] if cid else None)
    scopes = sorted({s for f in links for s in f["scopes"]})
    read, write = set(_lex()["read_scopes"]), set(_lex()["write_scopes"])
    unknown = [s for s in scopes if s not in read and s not in write]
    sig.set("scope_count", min(len(scopes), 10))
    only_read = bool(scopes) and all(s in read for s in scopes)
    sig.flag("scopes_read_only", only_read, ",".join(scopes))
    wr = [s for s in scopes if s in write]
    sig.flag("scopes_write", bool(wr), ",".join(wr))
    sig.set("unknown_scopes", min(len(unknown), 5), ",".join(unknown))
    _redirects(sig, ctx, links)
    pkce = any(
        f["q"].get("code_challenge") and f["q"].get("code_challenge_method", "").upper() == "S256"
        for f in links
    )
    sig.flag("pkce", pkce)
    sig.flag("state", any(f["q"].get("state") for f in links))
    sig.flag(
        "tiktok_v2_read_only",
        first["v2"] is not None
        and only_read
        and any(k and key_re.match(k) for k in keys)
        and first["lookalike"] is None,
        first["v2"]["url"] if first["v2"] else None,
    )
    parts = ctx.url
    on_consent = ctx.is_tiktok_host and any(
        (parts.host + parts.path.rstrip("/")).endswith(e.split("/", 1)[1])
        or (parts.host + parts.path.rstrip("/")) == e
        for e in _lex()["v2_authorize"]
    )
    sig.flag("is_consent_page", on_consent, ctx.snapshot.effective_url)
    return sig


def _redirects(sig: Signals, ctx: Context, links: list[dict[str, Any]]) -> None:
    page_dom = ctx.url.registered_domain or ctx.url.host
    offsite, bad = "", ""
    for f in links:
        ru = f["q"].get("redirect_uri", "")
        if not ru:
            continue
        rp = host_parts(ru)
        dom = rp.registered_domain or rp.host
        if page_dom and dom and dom != page_dom and not ctx.is_tiktok_host:
            offsite = offsite or ru
        if rp.scheme != "https" or rp.query or rp.fragment or len(ru) > 512:
            bad = bad or ru
    sig.flag("redirect_offsite", bool(offsite), offsite)
    sig.flag("redirect_uri_bad", bool(bad), bad)
