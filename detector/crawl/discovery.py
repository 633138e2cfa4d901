"""Follow a lure funnel from seed pages: the links a victim would click, within bounds.

From each fetched page the crawler collects the page's own redirects (meta refresh, script
``location`` assignments, ``onclick`` handlers on buttons) and the links whose anchor text or URL
looks like the next step of a lure (lexicons/discovery.json), plus the landing URL of ads and
listings. Breadth-first up to ``max_depth`` hops and ``max_links`` fetches per call; URLs are
de-duplicated after normalisation; only http(s) URLs are ever fetched.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from detector.config import Settings
from detector.core.lexicons import load_lexicon
from detector.core.urls import normalise_url
from detector.crawl.sources import Fetcher, safe_fetch
from detector.extract.parse import limit_depth
from detector.records import Snapshot

_JS_LOCATION = re.compile(
    r"""(?:(?:window|document|top|self)\.)?location(?:\.href)?\s*=\s*["']([^"'\s]{1,2000})["']"""
    r"""|location\.(?:replace|assign)\(\s*["']([^"'\s]{1,2000})["']"""
    r"""|window\.open\(\s*["']([^"'\s]{1,2000})["']"""
)
_REFRESH_URL = re.compile(r"""url\s*=\s*['"]?([^'";\s]+)""", re.I)
_URL_SEPARATORS = re.compile(r"[-_+/.=&?%]+")
_MAX_SCRIPT_SCAN = 500_000


@dataclass(frozen=True)
class Candidate:
    """A URL worth fetching next, and why."""

    url: str
    via: str  # meta_refresh, script, onclick, landing, anchor
    text: str = ""


@cache
def _lexicon() -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    lex = load_lexicon("discovery")
    anchor = re.compile("|".join(f"(?:{p})" for p in lex["anchor"]), re.I)
    url = re.compile("|".join(f"(?:{p})" for p in lex["url"]), re.I)
    return anchor, url, tuple(lex.get("skip_extensions", []))


def looks_like_lure(url: str, text: str = "") -> bool:
    """True when the anchor text or the URL reads like the next step of a lure funnel."""
    anchor, url_words, _ = _lexicon()
    if text and anchor.search(text[:300]):
        return True
    try:
        sp = urlsplit(url)
    except ValueError:
        return False
    words = _URL_SEPARATORS.sub(" ", unquote(f"{sp.hostname or ''} {sp.path} {sp.query}"))
    return bool(url_words.search(words.lower()))


def _skipped_type(url: str) -> bool:
    path = urlsplit(url).path.lower()
    return path.endswith(_lexicon()[2])


def _script_targets(body: str) -> Iterator[str]:
    for m in _JS_LOCATION.finditer(body[:_MAX_SCRIPT_SCAN]):
        yield next(g for g in m.groups() if g)


def candidates(snapshot: Snapshot, settings: Settings | None = None) -> list[Candidate]:
    """Every link of ``snapshot`` worth considering, redirect-like ones first, resolved."""
    s = settings or Settings()
    base = snapshot.effective_url
    found: list[Candidate] = []
    listing = snapshot.listing
    if listing is not None and listing.landing_url:
        found.append(Candidate(listing.landing_url, "landing"))
    if snapshot.extra.get("landing_url") and isinstance(snapshot.extra["landing_url"], str):
        found.append(Candidate(snapshot.extra["landing_url"], "landing"))
    if not snapshot.html:
        return [_resolved(c, base) for c in found]
    # Lure pages are hostile: cap the markup and flatten pathological nesting before parsing.
    raw = snapshot.html.encode("utf-8", "replace")[: s.max_html_bytes]
    raw, _ = limit_depth(raw, s.max_nesting_depth)
    tree = LexborHTMLParser(raw)
    base_tag = tree.css_first("base[href]")
    if base_tag is not None:
        base = urljoin(base, base_tag.attributes.get("href") or "")
    for meta in tree.css("meta[http-equiv]"):
        if (meta.attributes.get("http-equiv") or "").lower() == "refresh":
            m = _REFRESH_URL.search(meta.attributes.get("content") or "")
            if m:
                found.append(Candidate(m.group(1), "meta_refresh"))
    for script in tree.css("script:not([src])"):
        found.extend(Candidate(t, "script") for t in _script_targets(script.text(deep=True) or ""))
    for node in tree.css("[onclick]"):
        label = " ".join(node.text(separator=" ").split())[:200]
        for target in _script_targets(node.attributes.get("onclick") or ""):
            found.append(Candidate(target, "onclick", label))
    for a in tree.css("a[href], area[href]"):
        text = " ".join(a.text(separator=" ").split())[:200]
        text = text or (a.attributes.get("title") or a.attributes.get("aria-label") or "")
        found.append(Candidate(a.attributes.get("href") or "", "anchor", text))
    return [_resolved(c, base) for c in found]


def _resolved(c: Candidate, base: str) -> Candidate:
    try:
        return Candidate(urljoin(base, c.url.strip()), c.via, c.text)
    except ValueError:
        return Candidate("", c.via, c.text)


def follows(c: Candidate) -> bool:
    """Whether a candidate is worth fetching: a redirect-like target, or a lure-like anchor."""
    if c.via == "anchor" and not looks_like_lure(c.url, c.text):
        return False
    return normalise_url(c.url) is not None and not _skipped_type(c.url)


def _seen_keys(snap: Snapshot) -> Iterable[str]:
    for url in (snap.url, snap.final_url or "", *snap.redirects):
        key = normalise_url(url) if url else None
        if key:
            yield key


def discover(
    seeds: Iterable[str | Snapshot],
    fetch: Fetcher,
    max_depth: int | None = None,
    max_links: int | None = None,
    settings: Settings | None = None,
) -> Iterator[Snapshot]:
    """Fetch seeds given as URLs and the lure-like pages they lead to, breadth-first.

    Yields every snapshot fetched here (URL seeds at depth 0, then discovered pages tagged with
    ``extra["discovery"]`` = parent URL, depth and how the link was found). Seeds passed as
    snapshots are expanded but not yielded again. At most ``max_links`` pages beyond the seeds
    are fetched, none further than ``max_depth`` hops from a seed. Failed fetches are yielded
    with their ``error`` and not expanded.
    """
    s = settings or Settings()
    depth_cap = s.discovery_depth if max_depth is None else max_depth
    budget = s.discovery_max_links if max_links is None else max_links
    seen: set[str] = set()
    queue: deque[tuple[Snapshot, int]] = deque()
    for seed in seeds:
        if isinstance(seed, Snapshot):
            snap = seed
        else:
            key = normalise_url(seed)
            if key is None or key in seen:
                continue
            seen.add(key)
            snap = safe_fetch(fetch, seed, "page")
            yield snap
        seen.update(_seen_keys(snap))
        queue.append((snap, 0))
    while queue and budget > 0:
        parent, depth = queue.popleft()
        if depth >= depth_cap or parent.error:
            continue
        for c in candidates(parent, s):
            key = normalise_url(c.url)
            if budget <= 0 or key is None or key in seen or not follows(c):
                continue
            seen.add(key)
            budget -= 1
            child = safe_fetch(fetch, c.url, "page")
            child.extra["discovery"] = _trail(parent, depth + 1, c)
            seen.update(_seen_keys(child))
            yield child
            queue.append((child, depth + 1))


def _trail(parent: Snapshot, depth: int, c: Candidate) -> dict[str, Any]:
    return {
        "parent_url": parent.effective_url,
        "parent_id": parent.id,
        "depth": depth,
        "via": c.via,
        "text": c.text[:120],
    }
