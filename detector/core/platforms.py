"""Shared platforms: free hosting, tunnels and URL shorteners, and TikTok's own hosts, each
matched one way everywhere.

The lists live in ``lexicons/url.json``. Extraction records a page on such a platform as context,
intel does not look up the platform's registration age (it says nothing about the tenant's page),
and exports leave the platform out of domain-wide indicators (blocking it would block every
tenant). All three ask this module.
"""

from __future__ import annotations

from functools import cache

from detector.core.lexicons import load_lexicon

KINDS = ("free_hosting", "tunnels", "shorteners")


@cache
def listed(kind: str) -> frozenset[str]:
    """The platform domains of one kind (lower-case, no leading or trailing dot)."""
    if kind not in KINDS:
        raise ValueError(f"unknown platform kind {kind!r}; expected one of {KINDS}")
    return frozenset(load_lexicon("url")[kind])


def platform_of(host: str, *kinds: str) -> str:
    """The listed platform ``host`` equals or sits under (the longest such), or "".

    ``host`` is compared lower-case without a trailing dot; a bare top-level label never matches.
    """
    labels = host.lower().rstrip(".").split(".")
    domains = frozenset().union(*(listed(k) for k in kinds))
    for i in range(len(labels) - 1):
        candidate = ".".join(labels[i:])
        if candidate in domains:
            return candidate
    return ""


def tenant_site(host: str, *kinds: str) -> str:
    """The tenant's own site on a platform (``someone.github.io``), the platform itself when
    ``host`` is the platform, or "" when ``host`` is on none of ``kinds``."""
    host = host.lower().rstrip(".")
    platform = platform_of(host, *kinds)
    if not platform or host == platform:
        return platform
    return host[: -len(platform) - 1].rsplit(".", 1)[-1] + "." + platform


def official_domains() -> frozenset[str]:
    """TikTok's own registered domains (lexicons/indicators.json)."""
    return frozenset(load_lexicon("indicators")["tiktok_official_domains"])


def is_official_host(host: str) -> bool:
    """True for TikTok's own hosts (tiktok.com and its service domains, any subdomain)."""
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in official_domains())
