"""``fetch(url) -> Snapshot`` and ``fetch_many(urls) -> iterator of Snapshot``.

Never raises for network trouble and never returns None: every failure is a snapshot whose
``error`` is a stable code (``fetch.timeout``, ``fetch.blocked_address``, ``fetch.http_404``...).
Only HTML is decoded into ``html``; other text types land in ``text`` with ``fetch.not_html``.
A fetched page (kind ``page``) also gets its same-site ``<script src>`` files in ``scripts``.
"""

from __future__ import annotations

import logging
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from detector.config import Settings
from detector.core.clock import now_iso
from detector.crawl.guard import check_url
from detector.crawl.session import SAFE_HEADERS, CrawlSession, FetchResult, safe_url
from detector.errors import FetchError
from detector.extract.parse import decode_markup
from detector.records import Snapshot

if TYPE_CHECKING:
    from detector.crawl.warc import WarcArchive

log = logging.getLogger(__name__)

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_HTML_SNIFF = (b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<meta", b"<title")
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def _media_type(content_type: str) -> tuple[str, str | None]:
    """``text/html; charset=x`` -> (``text/html``, ``x``)."""
    media, _, params = content_type.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media.strip().lower(), charset


def looks_binary(body: bytes) -> bool:
    """NUL bytes or many control characters near the start: not text, whatever the label says."""
    if body.startswith(_WIDE_BOMS):  # UTF-16/32 text is full of NULs and still text
        return False
    head = body[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    return controls / len(head) > 0.10


def _sniff_html(body: bytes) -> bool:
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(_HTML_SNIFF)


def _snapshot(url: str, kind: str, result: FetchResult) -> Snapshot:
    return Snapshot(
        url=url,
        kind=kind,
        final_url=result.final_url or None,
        redirects=list(result.redirects),
        status=result.status,
        headers={k: result.headers[k] for k in SAFE_HEADERS if k in result.headers},
        fetched_at=now_iso(),
        error=result.error,
    )


def _fill_body(snap: Snapshot, body: bytes, content_type: str) -> None:
    """Decode ``body`` into ``html`` (or ``text``), setting ``error`` when it is not usable."""
    media, charset = _media_type(content_type)
    is_html = media in _HTML_TYPES or (
        media in ("", "application/octet-stream") and _sniff_html(body)
    )
    if not is_html and not media.startswith("text/"):
        snap.error = snap.error or "fetch.not_html"
        return
    if looks_binary(body):
        snap.error = snap.error or "fetch.binary"
        return
    try:
        decoded = decode_markup(body, charset)
    except Exception:  # decode_markup falls back to replacement; anything else is a bug in input
        snap.error = snap.error or "fetch.decode"
        return
    if is_html:
        snap.html = decoded
    else:
        snap.text = decoded
        snap.error = snap.error or "fetch.not_html"


def _fetch(url: str, session: CrawlSession, kind: str, archive: WarcArchive | None) -> Snapshot:
    settings = session.settings
    try:
        check_url(url, settings)
    except FetchError as exc:
        return Snapshot(url=url, kind=kind, fetched_at=now_iso(), error=exc.code)
    except OSError:  # the name does not resolve
        return Snapshot(url=url, kind=kind, fetched_at=now_iso(), error="fetch.connection")
    if settings.obey_robots and not session.robots.allowed(url):
        return Snapshot(url=url, kind=kind, fetched_at=now_iso(), error="fetch.robots_disallowed")
    result = session.get(url)
    snap = _snapshot(url, kind, result)
    # How the page was asked for: kits cloak by User-Agent and Referer, so the verdict says.
    snap.extra["request"] = {
        "user_agent": session.http.headers.get("User-Agent"),
        **({"referer": settings.referer} if settings.referer else {}),
    }
    if result.status is not None and result.status >= 400 and not result.error:
        snap.error = f"fetch.http_{result.status}"
    if result.body is not None:
        _fill_body(snap, result.body, result.headers.get("content-type", ""))
        if archive is not None:
            archive.write(result)
    if settings.render_js and snap.html is not None and snap.error is None:
        _render_into(snap, settings)
    if settings.fetch_scripts and kind == "page" and snap.html and snap.error is None:
        _scripts_into(snap, session, archive)
    return snap


def _scripts_into(snap: Snapshot, session: CrawlSession, archive: WarcArchive | None) -> None:
    """Add the page's same-site scripts (after rendering: scripts the page inserted count too).

    Whatever goes wrong here, the page keeps its snapshot and is scored without them.
    """
    from detector.crawl.scripts import fetch_scripts

    try:
        snap.scripts = fetch_scripts(snap, session, archive)
    except Exception as exc:
        log.error("scripts of %s not fetched: %s", safe_url(snap.url), type(exc).__name__)
        log.debug("traceback", exc_info=True)


def _render_into(snap: Snapshot, settings: Settings) -> None:
    """Replace the static markup with the browser-rendered DOM when rendering succeeds."""
    from detector.crawl.render import render

    rendered = render(snap.final_url or snap.url, settings)
    if rendered.error is None and rendered.html:
        snap.html = rendered.html
        snap.extra["rendered"] = True
        if rendered.extra.get("screenshot"):
            snap.extra["screenshot"] = rendered.extra["screenshot"]
    else:
        snap.extra["render_error"] = rendered.error


def fetch(
    url: str,
    settings: Settings | None = None,
    session: CrawlSession | None = None,
    kind: str = "page",
    archive: WarcArchive | None = None,
) -> Snapshot:
    """Fetch one URL politely and safely; failures come back as ``Snapshot.error`` codes.

    ``redirects`` lists the URLs that answered with a redirect, in order; ``final_url`` is the
    one that answered last. With ``archive`` the final response is also written as WARC (and
    the kept same-site scripts). A page's same-site scripts land in ``scripts``
    (crawl/scripts.py) unless ``fetch_scripts`` is off.
    """
    own = session is None
    sess = session or CrawlSession(settings)
    try:
        return _fetch(url, sess, kind, archive)
    except Exception as exc:  # a batch must go on whatever one URL does
        # No traceback at error level: exception texts may carry the full URL and its query.
        log.error("fetch of %s failed unexpectedly: %s", safe_url(url), type(exc).__name__)
        log.debug("traceback", exc_info=True)
        return Snapshot(url=url, kind=kind, fetched_at=now_iso(), error="fetch.failed")
    finally:
        if own:
            sess.close()


def _interleave(urls: Iterable[str]) -> list[str]:
    """Round-robin over hosts so one busy host does not tie up every worker."""
    by_host: dict[str, deque[str]] = defaultdict(deque)
    for url in urls:
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            host = ""
        by_host[host].append(url)
    queues = list(by_host.values())
    out: list[str] = []
    while queues:
        out.extend(q.popleft() for q in queues)
        queues = [q for q in queues if q]
    return out


def fetch_many(
    urls: Iterable[str],
    settings: Settings | None = None,
    session: CrawlSession | None = None,
    workers: int | None = None,
    kind: str = "page",
    archive: WarcArchive | None = None,
) -> Iterator[Snapshot]:
    """Fetch many URLs on a thread pool; yields snapshots in completion order, one per URL."""
    own = session is None
    sess = session or CrawlSession(settings)
    n = workers or sess.settings.global_concurrency
    pending = deque(_interleave(urls))
    running: set[Future[Snapshot]] = set()
    pool = ThreadPoolExecutor(max_workers=max(1, n), thread_name_prefix="crawl")
    try:
        while pending or running:
            while pending and len(running) < 2 * n:  # a small window keeps memory flat
                running.add(pool.submit(fetch, pending.popleft(), None, sess, kind, archive))
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for fut in done:
                yield fut.result()
    finally:
        for fut in running:
            fut.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
        if own:
            sess.close()
