"""URL and host features: brand abuse, look-alikes, lure words, masks, hosting context.

Free hosting is recorded as context only: it hosts honest pages as often as lures.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from detector.core.lexicons import lexicon
from detector.core.platforms import is_official_host, platform_of
from detector.core.urls import HostParts, host_parts
from detector.extract.base import Context, Signals, descriptions

_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

DESCRIPTIONS, BENIGN_DESCRIPTIONS = descriptions("url")  # descriptions.json


_lex = lexicon("url")


@cache
def _set(name: str) -> frozenset[str]:
    values = _lex()[name]
    assert isinstance(values, list)
    return frozenset(values)


def skeleton(label: str) -> str:
    """Map confusable characters to their Latin look-alike, strip accents, drop separators."""
    text = unicodedata.normalize("NFKC", label.lower())
    confusables = _lex()["confusables"]
    assert isinstance(confusables, dict)
    for src, dst in sorted(confusables.items(), key=lambda kv: -len(kv[0])):
        text = text.replace(src, dst)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z]", "", text)


def edit_distance(a: str, b: str, cap: int = 4) -> int:
    """Levenshtein distance, stopped early at ``cap``."""
    if abs(len(a) - len(b)) >= cap:
        return cap
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) >= cap:
            return cap
        prev = cur
    return min(prev[-1], cap)


def brand_distance(host: HostParts) -> int:
    """Smallest edit distance between any host label (or hyphen token) and 'tiktok'."""
    brand = str(_lex()["brand"])
    best = 4
    labels = [host.domain, *host.subdomain.split(".")] if host.domain else []
    for label in labels:
        for token in {label, *label.split("-")}:
            if token and len(token) >= 4:
                best = min(best, edit_distance(skeleton(token), brand))
    return best


def _words(text: str) -> set[str]:
    low = text.lower()
    return set(_TOKEN.findall(low)) | set(re.findall(r"[a-z0-9]+", low))


def extract(ctx: Context) -> Signals:
    """URL features of the page's effective URL (final URL after redirects)."""
    sig = Signals("url")
    snap = ctx.snapshot
    parts = ctx.url
    host = parts.host
    official = bool(host) and is_official_host(host)
    sig.flag("known", bool(host))
    sig.flag("is_tiktok", official, host)
    brand_hit = bool(host) and not official and any(v in host for v in _set("brand_variants"))
    sig.flag("brand_in_host", brand_hit, host)
    path = (parts.path + "?" + parts.query).lower()
    sig.flag("brand_in_path", bool(host) and not official and "tiktok" in path, path)
    dist = brand_distance(parts) if host and not official else 4
    lookalike = 0 < dist <= 2 or (
        bool(host) and not official and skeleton(parts.domain) == "tiktok"
    )
    sig.flag("lookalike", lookalike, host)
    sig.set("brand_distance", dist)
    sig.flag("punycode", "xn--" in host, parts.host_unicode)
    lure = _set("lure_words")
    host_hits = sorted(w for w in _words(host) if w in lure)
    sig.set("lure_words_host", min(len(host_hits), 5), " ".join(host_hits))
    path_hits = sorted(w for w in _words(path) if w in lure)
    sig.set("lure_words_path", min(len(path_hits), 5), " ".join(path_hits))
    chain = [snap.url, *snap.redirects, snap.final_url or ""]
    chain_hosts = [host_parts(u) for u in chain if u]
    short = next((h.host for h in chain_hosts if platform_of(h.host, "shorteners")), "")
    sig.flag("shortener", bool(short), short)
    tunnel = next((h.host for h in chain_hosts if platform_of(h.host, "tunnels")), "")
    sig.flag("tunnel", bool(tunnel), tunnel)
    sig.flag("free_hosting", bool(platform_of(host, "free_hosting")), host)
    sig.flag("userinfo_trick", any(h.userinfo for h in chain_hosts), snap.url)
    sig.flag("ip_host", parts.is_ip, host)
    sig.set("subdomain_depth", min(len(parts.subdomain.split(".")) if parts.subdomain else 0, 6))
    sig.set("redirect_count", min(len(snap.redirects), 10))
    reg_domains = {h.registered_domain or h.host for h in chain_hosts if h.host}
    sig.flag("redirect_offsite", len(reg_domains) > 1, " -> ".join(chain[:4]))
    cdn = (
        bool(host)
        and not official
        and bool(set(parts.subdomain.split(".")) & _set("cdn_proxy_labels"))
    )
    sig.flag("cdn_proxy_label", cdn, host)
    sig.flag("risky_suffix", parts.suffix.rsplit(".", 1)[-1] in _set("risky_suffixes"), host)
    sig.flag("no_https", parts.scheme == "http", snap.effective_url)
    sig.set("host_length", min(len(host), 80))
    sig.set("host_hyphens", min(host.count("-"), 6))
    sig.set("host_digits", min(sum(c.isdigit() for c in parts.domain), 8))
    sig.set("path_depth", min(len([p for p in parts.path.split("/") if p]), 8))
    sig.set("query_length", min(len(parts.query), 500))
    return sig
