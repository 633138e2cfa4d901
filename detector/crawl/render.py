"""Optional JavaScript rendering with Playwright driving the system Chromium.

The browser never touches the network itself: every request the page makes is intercepted and
answered by the crawler's own guarded session (redirects followed there, each hop checked),
which closes the DNS-rebinding window a plain
"check then continue" would leave. Blocked requests are aborted and listed in
``Snapshot.extra["blocked_requests"]``. The browser's own resolver is switched off and WebSockets
are answered locally, so nothing escapes the interception. Playwright is imported on use only.
"""

from __future__ import annotations

import base64
import logging
import os
import time
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from detector.config import Settings
from detector.core.clock import now_iso, user_agent
from detector.core.closing import Closing, release
from detector.crawl.guard import check_url
from detector.crawl.session import SAFE_HEADERS, CrawlSession, FetchResult, safe_url
from detector.errors import FetchError
from detector.records import Snapshot

log = logging.getLogger(__name__)

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--dns-prefetch-disable",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # all traffic is answered by the route handler
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
)
MAX_REQUESTS = 300  # sub-requests answered per page; the rest are aborted
# The viewport as a JPEG, kept with the snapshot (store) and shown in the report's detail view,
# as a scan service keeps a picture of what it saw (about 20-80 kB a page).
SCREENSHOT_QUALITY = 40
_HOP_HEADERS = frozenset(
    {"content-encoding", "transfer-encoding", "content-length", "connection", "location"}
)


@dataclass
class _PageState:
    """Book-keeping for one page render."""

    prefetched: dict[str, FetchResult]
    blocked: list[str] = field(default_factory=list)
    count: int = 0


class Renderer(Closing):
    """One browser for many pages: ``with Renderer(settings) as r: r.render(url)``.

    Playwright launches Chromium with a fresh temporary profile (``--user-data-dir``) that it
    deletes on close; each page gets its own browser context, so nothing carries over.
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        # Sub-resources come in bursts from one host; per-host spacing would stall the render.
        self.session = CrawlSession(self.settings.replace(per_host_delay=0.0, retries=0))
        self._pw: Any = None
        self._browser: Any = None

    def start(self) -> Renderer:
        """Launch the browser; raises ``FetchError`` (``render.unavailable``) when it cannot."""
        if not os.path.exists(self.settings.chromium_path):
            raise FetchError("chromium not found", code="render.unavailable")
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as exc:
            raise FetchError("playwright is not installed", code="render.unavailable") from exc
        self._pw = sync_playwright().start()
        try:
            self._browser = self._pw.chromium.launch(
                executable_path=self.settings.chromium_path,
                headless=True,
                args=list(CHROMIUM_FLAGS),
                timeout=self.settings.total_timeout * 1000,
            )
        except Exception as exc:
            self.close()
            raise FetchError(f"browser launch failed: {exc}", code="render.unavailable") from exc
        return self

    def close(self) -> None:
        release(self, "_browser")
        release(self, "_pw", "stop")
        self.session.close()

    def __enter__(self) -> Renderer:  # started on the way in
        return self.start()

    def render(self, url: str, kind: str = "page") -> Snapshot:
        """Load ``url`` in a fresh context and return the rendered DOM as ``html``."""
        snap = Snapshot(url=url, kind=kind, fetched_at=now_iso())
        try:
            check_url(url, self.settings)
        except FetchError as exc:
            snap.error = exc.code
            return snap
        except OSError:
            snap.error = "fetch.connection"
            return snap
        if self.settings.obey_robots and not self.session.robots.allowed(url):
            snap.error = "fetch.robots_disallowed"
            return snap
        self._load(url, snap)
        return snap

    def _load(self, url: str, snap: Snapshot) -> None:
        from playwright.sync_api import Error, TimeoutError

        # The document and its redirects come from the guarded session; the browser is sent
        # straight to where they end, so relative URLs resolve against the real location.
        first = self.session.get(url)
        snap.redirects, snap.status = list(first.redirects), first.status
        if first.error or first.body is None:
            snap.error = first.error or "render.failed"
            return
        if first.status is not None and first.status >= 400:
            snap.error = f"fetch.http_{first.status}"
        target = first.final_url or url
        state = _PageState(prefetched={target: first})
        deadline = time.monotonic() + self.settings.total_timeout
        context = self._browser.new_context(
            user_agent=user_agent(self.settings),
            service_workers="block",
            accept_downloads=False,
            extra_http_headers={"Referer": self.settings.referer}
            if self.settings.referer
            else None,
        )
        context.route("**/*", lambda route, request: self._answer(route, request, state))
        context.route_web_socket("**/*", lambda ws: ws.close())
        try:
            page = context.new_page()
            page.goto(target, wait_until="load", timeout=self._ms(deadline))
            with suppress(TimeoutError):  # let late scripts finish, never past the budget
                page.wait_for_load_state("networkidle", timeout=min(2000.0, self._ms(deadline)))
            snap.html = page.content()
            snap.final_url = page.url
            with suppress(Error, TimeoutError):  # a page that cannot be pictured is still read
                shot = page.screenshot(type="jpeg", quality=SCREENSHOT_QUALITY, timeout=5000)
                snap.extra["screenshot"] = base64.b64encode(shot).decode("ascii")
            snap.headers = {k: first.headers[k] for k in SAFE_HEADERS if k in first.headers}
        except TimeoutError:
            snap.error = "render.timeout"
        except Error as exc:
            log.info("render of %s failed: %s", safe_url(url), type(exc).__name__)
            snap.error = "render.failed"
        finally:
            context.close()
        snap.extra["rendered"] = snap.html is not None
        snap.extra["blocked_requests"] = state.blocked

    @staticmethod
    def _ms(deadline: float) -> float:
        return max(1.0, (deadline - time.monotonic()) * 1000)

    def _answer(self, route: Any, request: Any, state: _PageState) -> None:
        """Answer one browser request through the guarded session, or abort it."""
        url = request.url
        state.count += 1
        # The page may look, never submit: no data goes to whoever runs it.
        if request.method not in ("GET", "HEAD") or urlsplit(url).scheme not in ("http", "https"):
            route.abort("blockedbyclient")
            return
        if state.count > MAX_REQUESTS:
            route.abort("blockedbyclient")
            return
        # Redirects are followed here: a fulfilled 3xx would be followed by the browser itself,
        # outside this handler.
        result = state.prefetched.pop(url, None) or self.session.get(url)
        if result.error == "fetch.blocked_address":
            state.blocked.append(url)
            route.abort("blockedbyclient")
            return
        if result.status is None or result.body is None:
            route.abort("failed")
            return
        headers = {k: v for k, v in result.header_items if k.lower() not in _HOP_HEADERS}
        route.fulfill(status=result.status, headers=headers, body=result.body)


def render(url: str, settings: Settings | None = None, kind: str = "page") -> Snapshot:
    """Render one page with a browser launched for it; errors come back in ``error``."""
    try:
        renderer = Renderer(settings).start()
    except FetchError as exc:
        return Snapshot(url=url, kind=kind, fetched_at=now_iso(), error=exc.code)
    try:
        return renderer.render(url, kind)
    finally:
        renderer.close()
