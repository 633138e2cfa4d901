"""``CrawlSession``: one configured HTTP client for the crawler.

Honest User-Agent, connect/read timeouts on every request, a wall-clock budget per fetch that
also stops slow-drip bodies, a cap on decoded body bytes (decompression bombs stop at the cap),
redirects followed one hop at a time so each hop is recorded and goes through the SSRF guard,
and bounded retries with exponential backoff that honour a capped ``Retry-After``.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import requests

from detector.config import Settings
from detector.core.clock import user_agent
from detector.core.closing import Closing
from detector.crawl.guard import SCHEMES, GuardedAdapter
from detector.crawl.politeness import HostLimiter
from detector.crawl.robots import RobotsCache
from detector.errors import BlockedAddress, FetchError
from detector.redact import strip_userinfo

log = logging.getLogger(__name__)

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
# Response headers worth keeping in a snapshot; cookies and anything credential-like are not.
SAFE_HEADERS = (
    "content-type",
    "content-length",
    "content-encoding",
    "content-language",
    "server",
    "location",
    "date",
    "last-modified",
    "x-robots-tag",
)
_CHUNK = 64 * 1024
_local = threading.local()


def safe_url(url: str) -> str:
    """``url`` without user info, query or fragment: what may appear in logs."""
    try:
        p = urlsplit(url)
        host = p.hostname or ""
        port = f":{p.port}" if p.port else ""
    except ValueError:
        return "<unparsable url>"
    return f"{p.scheme}://{host}{port}{p.path}"


def watch_socket(sock: socket.socket) -> None:
    """Register a socket with the watchdog of the fetch running on this thread, if any."""
    watch: _Watchdog | None = getattr(_local, "watch", None)
    if watch is not None:
        watch.add(sock)


class _Watchdog:
    """Shuts the fetch's sockets down when its wall-clock budget runs out.

    Per-read timeouts cannot stop a server that sends one byte just often enough; shutting the
    socket down from a timer thread wakes any blocked read.
    """

    def __init__(self, seconds: float) -> None:
        self.fired = False
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True

    def add(self, sock: socket.socket) -> None:
        with self._lock:
            self._socks.append(sock)
            if self.fired:
                self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        # The plain-socket call, so a TLS socket is not unwrapped under a reader's feet.
        with suppress(OSError):
            socket.socket.shutdown(sock, socket.SHUT_RDWR)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            for sock in self._socks:
                self._shut(sock)

    @contextmanager
    def armed(self) -> Iterator[_Watchdog]:
        _local.watch = self
        self._timer.start()
        try:
            yield self
        finally:
            self._timer.cancel()
            _local.watch = None


@dataclass
class Budget:
    """Wall-clock budget of one fetch; time spent queueing for a host slot is not charged."""

    seconds: float
    deadline: float = 0.0

    def __post_init__(self) -> None:
        self.deadline = time.monotonic() + self.seconds

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def extend(self, seconds: float) -> None:
        self.deadline += seconds


@dataclass
class FetchResult:
    """What one GET (with its redirects and retries) produced; never raised, always returned."""

    url: str
    final_url: str = ""
    redirects: list[str] = field(default_factory=list)  # URLs that answered with a redirect
    status: int | None = None
    reason: str = ""
    headers: requests.structures.CaseInsensitiveDict[str] = field(
        default_factory=requests.structures.CaseInsensitiveDict
    )
    header_items: list[tuple[str, str]] = field(default_factory=list)  # as sent, for archives
    request_headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    error: str | None = None
    attempts: int = 0


def retry_after(value: str | None, cap: float) -> float | None:
    """Seconds asked for by a ``Retry-After`` header (delta or HTTP date), capped."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return min(max(when.timestamp() - time.time(), 0.0), cap)


class _OneHopSession(requests.Session):
    """A ``requests.Session`` that never looks at redirects itself and never sends user info.

    Even with ``allow_redirects=False``, ``requests`` reads a redirect's whole body to prepare
    the next hop, outside any byte cap; the crawler follows hops itself, so that step is cut.
    ``user:pass@`` in a URL would become an ``Authorization: Basic`` header: it is dropped
    (detector/redact.py).
    """

    def get_redirect_target(self, resp: requests.Response) -> str | None:
        return None

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> Any:
        if isinstance(url, str):
            url = strip_userinfo(url)
        return super().request(method, url, *args, **kwargs)


def guarded_session(settings: Settings, pool: int = 1) -> requests.Session:
    """The crawler's HTTP client configuration, for every outbound request (RDAP included).

    Every connection goes through the network guard (checked at connect time, so redirects to
    loopback or private addresses are refused too); proxies, ``.netrc`` and CA overrides from the
    environment are ignored (a proxy would bypass the guard); redirects are never followed by
    ``requests`` itself: callers follow them hop by hop, each through the guard again; user info
    is never sent; the User-Agent is the crawler's.
    """
    http = _OneHopSession()
    http.trust_env = False
    http.headers["User-Agent"] = user_agent(settings)
    adapter = GuardedAdapter(settings, pool_connections=pool, pool_maxsize=pool)
    http.mount("http://", adapter)
    http.mount("https://", adapter)
    return http


class CrawlSession(Closing):
    """The crawler's HTTP client; build once from ``Settings`` and share between threads.

    ``sleep`` is the callable used between retries (tests inject a recorder); ``limiter`` keeps
    per-host politeness and defaults to one built from the same settings.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        sleep: Callable[[float], None] | None = None,
        limiter: HostLimiter | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self.sleep: Callable[[float], None] = sleep or time.sleep
        self.limiter = limiter or HostLimiter(self.settings)
        self.http = guarded_session(self.settings, max(self.settings.global_concurrency, 1))
        self.http.headers["Accept"] = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
        if self.settings.referer:  # kits that cloak serve the lure only to visitors "from" here
            self.http.headers["Referer"] = self.settings.referer
        self.robots = RobotsCache(self)

    def close(self) -> None:
        self.http.close()

    def get(
        self,
        url: str,
        max_bytes: int | None = None,
        follow: bool = True,
        timeout: float | None = None,
    ) -> FetchResult:
        """GET ``url`` following redirects hop by hop; errors come back in ``error``.

        ``timeout`` replaces ``total_timeout`` as the wall-clock budget of this fetch.
        """
        cap = self.settings.max_body_bytes if max_bytes is None else max_bytes
        budget = Budget(self.settings.total_timeout if timeout is None else timeout)
        result = FetchResult(url=url)
        current, seen = url, {url}
        for _ in range(self.settings.max_redirects + 1):
            hop = self._with_retries(current, budget, cap)
            hop.redirects, hop.attempts = result.redirects, hop.attempts + result.attempts
            result = hop
            target = self._redirect_target(hop, current)
            if hop.error or target is None or not follow:
                return result
            result.redirects.append(current)
            try:
                scheme = urlsplit(target).scheme.lower()
            except ValueError:
                return self._failed(result, target, "fetch.invalid_url")
            if scheme not in SCHEMES:
                return self._failed(result, target, "fetch.unsupported_scheme")
            if target in seen:
                return self._failed(result, target, "fetch.redirect_loop")
            seen.add(target)
            current = target
        return self._failed(result, current, "fetch.too_many_redirects")

    @staticmethod
    def _failed(result: FetchResult, url: str, code: str) -> FetchResult:
        result.final_url, result.error, result.body = url, code, None
        return result

    @staticmethod
    def _redirect_target(hop: FetchResult, current: str) -> str | None:
        location = hop.headers.get("location")
        if hop.status not in REDIRECT_CODES or not location:
            return None
        try:  # fragments never go on the wire; dropping them also makes loops visible
            return urldefrag(urljoin(current, location.strip())).url
        except ValueError:
            return location

    def _with_retries(self, url: str, budget: Budget, cap: int) -> FetchResult:
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            result = self._attempt(url, budget, cap)
            result.attempts = attempt + 1
            status = result.status or 0
            retryable = result.error == "fetch.connection" or status >= 500 or status == 429
            if not retryable or attempt == attempts - 1:
                return result
            delay = retry_after(result.headers.get("retry-after"), self.settings.retry_after_cap)
            if delay is None:
                delay = self.settings.backoff_factor * 2**attempt
            if delay >= budget.remaining():  # the wait alone would blow the budget
                return result
            log.debug("retrying %s in %.2fs (%s)", safe_url(url), delay, result.error or status)
            self.sleep(delay)
        raise AssertionError("unreachable")

    def _attempt(self, url: str, budget: Budget, cap: int) -> FetchResult:
        result = FetchResult(url=url, final_url=url)
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            result.error = "fetch.invalid_url"
            return result
        with self.limiter.slot(host) as waited:
            budget.extend(waited)
            remaining = budget.remaining()
            if remaining <= 0:
                result.error = "fetch.timeout"
                return result
            with _Watchdog(remaining).armed() as watch:
                result.error = self._exchange(url, result, budget, cap)
            if watch.fired:
                result.error, result.body = "fetch.timeout", None
        return result

    def _exchange(self, url: str, result: FetchResult, budget: Budget, cap: int) -> str | None:
        s = self.settings
        remaining = budget.remaining()
        timeout = (min(s.connect_timeout, remaining), min(s.read_timeout, remaining))
        try:
            resp = self.http.get(url, stream=True, allow_redirects=False, timeout=timeout)
            try:
                result.status, result.reason = resp.status_code, resp.reason or ""
                result.headers = resp.headers
                result.header_items = list(resp.raw.headers.items())
                result.request_headers = dict(resp.request.headers)
                if resp.status_code in REDIRECT_CODES:
                    return None
                result.body, error = self._read_body(resp, budget, cap)
                return error
            finally:
                resp.close()
        except BlockedAddress as exc:
            log.info("blocked %s: %s", safe_url(url), exc)
            return "fetch.blocked_address"
        except FetchError as exc:
            return exc.code
        except requests.Timeout:
            return "fetch.timeout"
        except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError):
            return "fetch.connection"
        except requests.exceptions.ContentDecodingError:
            return "fetch.decode"
        except (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema) as exc:
            log.debug("invalid url %s: %s", safe_url(url), type(exc).__name__)
            return "fetch.invalid_url"
        except (requests.RequestException, OSError):
            return "fetch.connection"

    @staticmethod
    def _read_body(
        resp: requests.Response, budget: Budget, cap: int
    ) -> tuple[bytes | None, str | None]:
        """Stream the decoded body, stopping at ``cap`` bytes or when the budget runs out."""
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap and not resp.headers.get("content-encoding"):
            return None, "fetch.too_large"
        body = bytearray()
        # urllib3 decodes at most one chunk's worth per read, so a bomb never inflates past it.
        for chunk in resp.iter_content(chunk_size=_CHUNK):
            body += chunk
            if len(body) > cap:
                return None, "fetch.too_large"
            if budget.remaining() <= 0:
                return None, "fetch.timeout"
        return bytes(body), None
