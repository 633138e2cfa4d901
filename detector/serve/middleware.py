"""Pure ASGI middleware: security headers and access log, body limit, the gate, containment.

Order from the outside in (see ``app.create_app``): ``Headers`` (every response, preflights and
early refusals included, gets the security headers and one access-log line), CORS, ``BodyLimit``
(413 on a declared or counted size over the limit, chunked bodies too), ``Gate`` (415 for a
body that is not uncompressed UTF-8 JSON, 401 without exactly one known key, 429 over a rate
limit), ``Contain`` (an unexpected error becomes a 500 JSON answer), then the routes. The gate runs before any body is read, so a refused
request costs next to nothing.

Nothing here logs a URL, a body or a key: the access line names the route, the status, the key's
name and a salted hash of the client address.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import math
import secrets
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from limits import RateLimitItem, WindowStats, parse
from limits import strategies as sync_strategies
from limits.aio import strategies as async_strategies
from limits.storage import storage_from_string
from starlette.exceptions import HTTPException

from detector.errors import ConfigError
from detector.serve.keys import KeyRing
from detector.serve.windows import LoopMemoryStorage

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

log = logging.getLogger("detector.serve")
_SALT = secrets.token_bytes(16)  # per process: client hashes link requests, not people

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"interest-cohort=()"),
]
PUBLIC_PATHS = frozenset({"/healthz", "/readyz", "/openapi.json"})


def client_hash(client: str) -> str:
    """A salted, truncated hash of a client address: what logs and reports keep."""
    return hashlib.sha256(_SALT + client.encode()).hexdigest()[:16]


def error_body(code: str, message: str, field: str | None = None) -> bytes:
    return json.dumps(
        {"error": {"code": code, "message": message, "field": field, "details": []}}
    ).encode()


async def send_error(
    send: Send,
    status: int,
    code: str,
    message: str,
    field: str | None = None,
    headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    body = error_body(code, message, field)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class HttpMiddleware:
    """An ASGI middleware that acts on the requests ``handles`` accepts (HTTP ones by default);
    anything else (lifespan, websockets) passes straight through to ``app``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    def handles(self, scope: Scope) -> bool:
        return bool(scope["type"] == "http")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.handles(scope):
            await self.handle(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError


class Headers(HttpMiddleware):
    """Adds the security headers to every response and writes one access-log line."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        start = time.perf_counter()
        status = 0
        tls = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers.extend(h for h in SECURITY_HEADERS if h[0] not in present)
                if tls:
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            state = scope.get("state") or {}
            client = (scope.get("client") or ("-", 0))[0]
            log.info(
                "%s %s %s %.1fms key=%s client=%s page=%s queue=%s score=%s",
                scope.get("method"),
                scope.get("path"),
                status,
                (time.perf_counter() - start) * 1000,
                state.get("key_name", "-"),
                client_hash(str(client)),
                state.get("page_hash", "-"),
                _ms(state.get("queue_ms")),
                _ms(state.get("score_ms")),
            )


def _ms(value: object) -> str:
    """A duration for the access line: ``12.3ms``, or ``-`` when the request had none."""
    return f"{value:.1f}ms" if isinstance(value, float) else "-"


class _TrackedSend:
    """``send`` that remembers whether the response has started (then no error can be sent)."""

    def __init__(self, send: Send) -> None:
        self.send = send
        self.started = False

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
        await self.send(message)


class Contain(HttpMiddleware):
    """Innermost: an unexpected exception becomes a 500 JSON answer and a log line naming only
    its type, so no exception text (which may quote a URL or a page) reaches the server's log."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        tracked = _TrackedSend(send)
        try:
            await self.app(scope, receive, tracked)
        except HTTPException:
            raise
        except Exception as exc:
            log.error("unexpected %s on %s", type(exc).__name__, scope.get("path"))
            log.debug("traceback", exc_info=exc)
            if not tracked.started:
                await send_error(send, 500, "internal", "internal error; the server is still up")


class TooLarge(HTTPException):
    """Raised from ``receive`` when a streamed body passes the limit (routes re-raise it)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body is over {limit} bytes")


class BodyTimeout(HTTPException):
    """Raised from ``receive`` when a body has not arrived in time (routes re-raise it)."""

    code = "request.timeout"

    def __init__(self, seconds: float) -> None:
        # the connection is closed: the rest of the body may still be on its way
        super().__init__(
            408,
            f"request body not received within {seconds:g} s",
            headers={"connection": "close"},
        )


class BodyBudget:
    """Request-body bytes held by one worker at a time, across its requests (0: no bound).

    Used from the event loop only. A request takes its share when it starts reading its body
    (its Content-Length at once, or chunk by chunk) and gives it back when its response is done.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.held = 0

    def take(self, n: int) -> bool:
        if self.limit and self.held + n > self.limit:
            return False
        self.held += n
        return True

    def give(self, n: int) -> None:
        self.held -= n


class Busy(HTTPException):
    """Raised from ``receive`` when the worker holds its budget of body bytes already."""

    code = "busy"

    def __init__(self) -> None:
        super().__init__(
            503,
            "the server is receiving too many request bodies; retry shortly",
            headers={"retry-after": "1", "connection": "close"},
        )


class BodyLimit(HttpMiddleware):
    """413 when a body is over ``limit`` bytes: by Content-Length, or counted while it streams;
    408 when the whole body has not arrived ``timeout`` seconds after the request did (a client
    trickling a body would otherwise hold its connection, and up to ``limit`` bytes, for ever);
    503 + Retry-After when this body would take the bytes held by all requests being read or
    answered past ``budget`` (slow clients within the deadline, each holding up to ``limit``).

    The budget is taken when the app first reads the body, i.e. after the API key and rate
    limits (``Gate``): a client without a key cannot take any of it by declaring a length."""

    def __init__(self, app: ASGIApp, limit: int, timeout: float = 30.0, budget: int = 0) -> None:
        super().__init__(app)
        self.limit = limit
        self.timeout = timeout
        self.budget = BodyBudget(budget)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        declared = _header(scope, b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await send_error(send, 400, "request.bad_length", "Content-Length is not a number")
                return
            if int(declared) > self.limit:
                await self._refuse(send)
                return
        size = int(declared) if declared is not None else None
        seen = taken = 0
        complete = False  # the whole body is in: a later receive waits for a disconnect
        deadline = asyncio.get_running_loop().time() + self.timeout
        budget = self.budget

        def take(n: int) -> None:
            nonlocal taken
            if n > taken:
                if not budget.take(n - taken):
                    raise Busy
                taken = n

        async def counting_receive() -> Message:
            nonlocal seen, complete
            if complete:
                return await receive()
            if size is not None:
                take(size)  # the whole declared body, before any of it is read
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                raise BodyTimeout(self.timeout) from None
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise TooLarge(self.limit)
                take(seen)
                complete = not message.get("more_body", False)
            return message

        tracked = _TrackedSend(send)
        try:
            await self.app(scope, counting_receive, tracked)
        except TooLarge:
            if not tracked.started:
                await self._refuse(send)
        except (BodyTimeout, Busy) as exc:
            if not tracked.started:
                headers = [(k.encode(), v.encode()) for k, v in (exc.headers or {}).items()]
                await send_error(send, exc.status_code, exc.code, exc.detail, headers=headers)
        finally:
            budget.give(taken)

    async def _refuse(self, send: Send) -> None:
        await send_error(
            send,
            413,
            "request.too_large",
            f"request body is over {self.limit} bytes",
            headers=[(b"connection", b"close")],
        )


class Limits:
    """The two rate limits and their storage, checked when the app is built (not on first use).

    In memory (the default), the library's synchronous moving-window limiter counts in
    ``LoopMemoryStorage``, called on the event loop: a hit is a few microseconds and never waits
    on I/O, and expiry costs no thread (``detector/serve/windows.py`` says why not the library's
    own in-memory storages; ``bench/limiter.py`` measures them). Shared storage (Redis) is
    network I/O and keeps the library's asynchronous limiter.
    """

    def __init__(self, per_key: str, per_client: str, storage: str) -> None:
        try:
            self.per_key: RateLimitItem = parse(per_key)
            self.per_client: RateLimitItem = parse(per_client)
        except ValueError as exc:
            raise ConfigError(f"bad rate limit: {exc}") from exc
        plain = storage.removeprefix("async+")
        scheme = plain.split("://", 1)[0]
        try:
            if scheme == "memory":
                self._sync: sync_strategies.MovingWindowRateLimiter | None = (
                    sync_strategies.MovingWindowRateLimiter(LoopMemoryStorage())
                )
                self._async: async_strategies.MovingWindowRateLimiter | None = None
            else:
                # Redis through redis-py (the serve extra installs it): the limits library's
                # default client for async Redis, coredis, is not installed, and its 6.x
                # releases no longer work with this version of the library
                # (tests/test_serve_redis.py).
                options = {"implementation": "redispy"} if scheme.startswith("redis") else {}
                self._sync = None
                self._async = async_strategies.MovingWindowRateLimiter(
                    storage_from_string(f"async+{plain}", **options)
                )
        except Exception as exc:  # unknown scheme or missing client library
            raise ConfigError(f"rate-limit storage {storage!r} is not usable: {exc}") from exc

    @property
    def in_memory(self) -> bool:
        return self._sync is not None

    async def hit(self, item: RateLimitItem, *ids: str) -> bool:
        """Count one request against ``item`` for ``ids``; False when over the limit."""
        if self._sync is not None:
            return self._sync.hit(item, *ids)
        assert self._async is not None
        return await self._async.hit(item, *ids)

    async def window(self, item: RateLimitItem, *ids: str) -> WindowStats:
        """When the window of ``item`` for ``ids`` resets and what is left in it."""
        if self._sync is not None:
            return self._sync.get_window_stats(item, *ids)
        assert self._async is not None
        return await self._async.get_window_stats(item, *ids)


class Gate(HttpMiddleware):
    """Content type, API key and rate limits for every ``/v1/`` route, before the body is read."""

    def __init__(self, app: ASGIApp, keys: KeyRing, limits: Limits) -> None:
        super().__init__(app)
        self.keys = keys
        self.per_key = limits.per_key
        self.per_client = limits.per_client
        self.limits = limits

    def handles(self, scope: Scope) -> bool:
        return super().handles(scope) and bool(scope.get("path", "").startswith("/v1/"))

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("method") == "POST":
            refusal = _body_format(scope)
            if refusal is not None:
                await send_error(send, 415, *refusal)
                return
        keys = _headers(scope, b"x-api-key")
        name = self.keys.match(keys[0]) if len(keys) == 1 else None
        if name is None:
            await send_error(
                send,
                401,
                "auth.key",
                "a valid X-API-Key header is required"
                if len(keys) < 2
                else f"send one X-API-Key header, not {len(keys)}",
                "x-api-key",
                [(b"www-authenticate", b'ApiKey header="X-API-Key"')],
            )
            return
        client = str((scope.get("client") or ("-", 0))[0])
        scope.setdefault("state", {})["key_name"] = name
        for item, ids in (
            (self.per_key, ("key", name)),
            (self.per_client, ("client", name, client)),
        ):
            if not await self.limits.hit(item, *ids):
                stats = await self.limits.window(item, *ids)
                wait = max(1, math.ceil(stats.reset_time - time.time()))
                await send_error(
                    send,
                    429,
                    "rate.limited",
                    f"rate limit {item} reached for this {ids[0]}; retry in {wait} s",
                    headers=[(b"retry-after", str(wait).encode())],
                )
                return
        await self.app(scope, receive, send)


def _header(scope: Scope, name: bytes) -> str | None:
    """The first value of a header, or None."""
    return next(iter(_headers(scope, name)), None)


def _headers(scope: Scope, name: bytes) -> list[str]:
    """Every value of a header, in order (a repeated key is ambiguous, not "the first one")."""
    return [bytes(v).decode("latin-1") for k, v in scope.get("headers", ()) if k.lower() == name]


def _body_format(scope: Scope) -> tuple[str, str, str] | None:
    """(code, message, header) when a POST body is not plain UTF-8 JSON, judged by its headers.

    JSON travels as UTF-8 (RFC 8259): a declared charset other than UTF-8 would be read wrongly
    or refused with a misleading "not valid JSON". A compressed body (``Content-Encoding:
    gzip``, ``br``...) is refused rather than inflated: a small body could expand past every
    size limit, and browsers do not compress what an extension sends.
    """
    media, *params = (_header(scope, b"content-type") or "").split(";")
    if media.strip().lower() != "application/json":
        return (
            "request.content_type",
            "content-type: send the body as application/json",
            "content-type",
        )
    for param in params:
        key, _, value = param.partition("=")
        charset = value.strip().strip('"').lower()
        if key.strip().lower() == "charset" and charset not in ("utf-8", "utf8"):
            return (
                "request.content_type",
                f"content-type: JSON bodies are UTF-8; charset={charset or '(empty)'} is not "
                "accepted",
                "content-type",
            )
    encodings = [
        e.strip().lower()
        for value in _headers(scope, b"content-encoding")
        for e in value.split(",")
        if e.strip()
    ]
    if any(e != "identity" for e in encodings):
        return (
            "request.content_encoding",
            "content-encoding: send the body uncompressed (no gzip, br or deflate)",
            "content-encoding",
        )
    return None
