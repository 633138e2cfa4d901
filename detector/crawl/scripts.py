"""Same-site external scripts of a fetched page, fetched with it (``Snapshot.scripts``).

Content lockers keep their CPA network code in a separate file on the lure's own site
(``/js/app.js``, ``/assets/locker.min.js``); the page holds only "verify you are human" and the
funnel. So after a page is fetched, up to ``max_scripts`` of its ``<script src>`` files are fetched
too, in page order, when they are on the page's site: the same registrable domain (for hosts under
a private suffix such as ``github.io``, the same ``someone.github.io``; for IP hosts, the same
address). Cross-site scripts (CDNs, analytics, the CPA network's own host) are never requested.

Every request goes through the crawler's session: the network guard, robots.txt and per-host
politeness apply as for pages. Each script has ``script_timeout`` seconds (per request) and at
most ``max_script_bytes`` bytes; a larger, slower, failing, HTML or binary answer is kept as an
entry with an ``error`` code and no text, so the page is scored whatever its scripts do. A
redirect is followed only while it stays on the page's site.
"""

from __future__ import annotations

import hashlib
import logging
from contextlib import suppress
from typing import TYPE_CHECKING
from urllib.parse import urldefrag, urljoin

from selectolax.lexbor import LexborHTMLParser

from detector.core.urls import host_parts
from detector.crawl.fetch import _media_type, looks_binary
from detector.crawl.guard import check_url
from detector.crawl.session import REDIRECT_CODES, CrawlSession, FetchResult, safe_url
from detector.errors import FetchError
from detector.extract.parse import decode_markup, limit_depth
from detector.records import ScriptFile, Snapshot

if TYPE_CHECKING:
    from detector.crawl.warc import WarcArchive

log = logging.getLogger(__name__)

MAX_HOPS = 3  # redirects followed for one script (each on the page's site)
_NOT_SCRIPT = frozenset({"text/html", "application/xhtml+xml", "text/css"})
_SCRIPT_TYPES = ("javascript", "ecmascript", "json", "text/", "application/octet-stream")
_SRC_LIMIT = 200  # <script src> elements looked at per page


def same_site(url: str, page_url: str) -> bool:
    """Whether ``url`` is on the site of ``page_url`` (http or https, same registrable domain)."""
    a, b = host_parts(url), host_parts(page_url)
    if not a.host or not b.host or a.scheme not in ("http", "https"):
        return False
    if a.registered_domain and b.registered_domain:
        return a.registered_domain == b.registered_domain
    return a.host == b.host  # IP addresses and names without a public suffix


def script_urls(html: str, page_url: str, max_html_bytes: int, max_depth: int) -> list[str]:
    """Absolute URLs of the page's same-site ``<script src>`` files, in page order, distinct."""
    raw = html.encode("utf-8", "replace")[:max_html_bytes]
    raw, _ = limit_depth(raw, max_depth)
    tree = LexborHTMLParser(raw)
    base = page_url
    for node in tree.css("base[href]")[:1]:
        href = (node.attributes.get("href") or "").strip()
        if href:
            with suppress(ValueError):
                base = urljoin(page_url, href)
    out: list[str] = []
    for node in tree.css("script[src]")[:_SRC_LIMIT]:
        src = (node.attributes.get("src") or "").strip()
        if not src or len(src) > 2000:
            continue
        try:
            url = urldefrag(urljoin(base, src)).url
        except ValueError:
            continue
        if url not in out and same_site(url, page_url):
            out.append(url)
    return out


def _usable(result: FetchResult) -> str | None:
    """The error code of a script answer that cannot be used, or None."""
    if result.error:
        return result.error
    if result.status is not None and result.status >= 400:
        return f"fetch.http_{result.status}"
    if result.status in REDIRECT_CODES:
        return "fetch.too_many_redirects"
    if result.body is None:
        return "fetch.connection"
    media, _ = _media_type(result.headers.get("content-type", ""))
    if media in _NOT_SCRIPT or (media and not any(t in media for t in _SCRIPT_TYPES)):
        return "fetch.not_script"
    if looks_binary(result.body):
        return "fetch.binary"
    return None


def _get(url: str, page_url: str, session: CrawlSession) -> tuple[FetchResult | None, str | None]:
    """GET one script, following redirects only on the page's site; (result, error)."""
    s = session.settings
    current = url
    for _ in range(MAX_HOPS + 1):
        try:
            check_url(current, s)
        except FetchError as exc:
            return None, exc.code
        except OSError:  # the name does not resolve
            return None, "fetch.connection"
        if s.obey_robots and not session.robots.allowed(current):
            return None, "fetch.robots_disallowed"
        result = session.get(
            current, max_bytes=s.max_script_bytes, follow=False, timeout=s.script_timeout
        )
        location = result.headers.get("location")
        if result.error or result.status not in REDIRECT_CODES or not location:
            return result, _usable(result)
        try:
            current = urldefrag(urljoin(current, location.strip())).url
        except ValueError:
            return None, "fetch.invalid_url"
        if not same_site(current, page_url):
            return None, "fetch.cross_site_redirect"
    return None, "fetch.too_many_redirects"


def fetch_one(url: str, page_url: str, session: CrawlSession) -> tuple[ScriptFile, FetchResult]:
    """One script as a ``ScriptFile`` (text and digest, or an error code) and its raw result."""
    result, error = _get(url, page_url, session)
    if result is None or error is not None or result.body is None:
        return ScriptFile(url=url, error=error or "fetch.connection"), result or FetchResult(url)
    _, charset = _media_type(result.headers.get("content-type", ""))
    script = ScriptFile(
        url=url,
        sha256=hashlib.sha256(result.body).hexdigest(),
        text=decode_markup(result.body, charset),
        size=len(result.body),
    )
    if result.final_url and result.final_url != url:
        script.extra["final_url"] = result.final_url
    return script, result


def fetch_scripts(
    snap: Snapshot, session: CrawlSession, archive: WarcArchive | None = None
) -> list[ScriptFile]:
    """The same-site scripts of ``snap``'s markup, fetched (bounded by the session's settings)."""
    s = session.settings
    if not s.fetch_scripts or s.max_scripts <= 0 or not snap.html:
        return []
    page_url = snap.effective_url
    urls = script_urls(snap.html, page_url, s.max_html_bytes, s.max_nesting_depth)
    out: list[ScriptFile] = []
    for url in urls[: s.max_scripts]:
        script, result = fetch_one(url, page_url, session)
        if script.error:
            log.debug("script %s not kept: %s", safe_url(url), script.error)
        elif archive is not None:
            archive.write(result)
        out.append(script)
    return out
