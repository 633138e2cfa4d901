"""``create_app(settings)``: the scoring endpoint as a FastAPI application.

One ``Service`` per worker process holds the verified model (loaded once, in the lifespan), a
single scoring thread (extraction and the model are CPU-bound: more threads would only fight over
the GIL, and the event loop must stay free), a fetch session behind the crawler's network guard,
the response cache, the lookup index and, when ``Settings.serve_store`` is set, the store that
feeds lookups and receives reports. Routes and their error codes: docs/serve.md.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import math
import os
import time
from collections.abc import AsyncIterator, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any

import anyio
from fastapi import FastAPI, Request, Security
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader
from fastapi.types import DecoratedCallable
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware

from detector.config import Settings
from detector.core.closing import release
from detector.errors import BlockedAddress, ConfigError, DetectorError, FetchError, InvalidLabel
from detector.model.threads import pin_one_thread
from detector.serve import schemas as s
from detector.serve.cache import TTLCache, page_key
from detector.serve.collector import IdleCollector
from detector.serve.jsonbody import JSONRoute
from detector.serve.keys import KeyRing
from detector.serve.lean import refuse_unused
from detector.serve.lookup import HashIndex, canonical_url, sha256_hex
from detector.serve.middleware import BodyLimit, Contain, Gate, Headers, Limits, client_hash
from detector.serve.warm import KeepWarm
from detector.store.base import Store

log = logging.getLogger("detector.serve")
# What a stand-in scorer (one without ``warm_up`` or ``warm_steps``) scores to warm up.
STAND_IN_PAGE = {"url": "https://warm-up.invalid/", "text": "warm up"}

# Environment variables that size native thread pools; set before NumPy loads (see cli serve).
NATIVE_THREAD_VARS = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS",
)
# Snapshots waiting for the scoring thread, per worker; beyond this a request gets 503 + Retry-After
# at once instead of queueing for seconds (rate limits bound each key; this bounds the worker).
MAX_QUEUED = 256
STORE_REFRESH_SECONDS = 60.0  # how often new store verdicts reach the lookup index
FETCH_THREADS = 16  # bare-URL fetches at once per worker (network-bound, outside the GIL)


class ServiceError(Exception):
    """A request the service refuses: status, stable code, message and the field at fault."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field
        self.headers = headers or {}


def limit_native_threads() -> int:
    """Cap every BLAS/OpenMP pool in this process at one thread, for good from the calling thread
    (whose scores then skip the detector's per-batch limit); returns the largest pool now."""
    for var in NATIVE_THREAD_VARS:
        os.environ.setdefault(var, "1")
    from threadpoolctl import threadpool_info

    pin_one_thread()
    return max((int(p.get("num_threads", 1)) for p in threadpool_info()), default=1)


def _json_clean(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _json_clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_clean(v) for v in value]
    return value


class Service:
    """Per-worker state: model, scoring thread, fetcher, cache, lookup index, store."""

    def __init__(self, settings: Settings, detector: Any = None) -> None:
        self.settings = settings
        self.detector = detector
        self.ready = False
        self.queued = 0
        self.native_threads = 0
        self.cache = TTLCache(settings.serve_cache_size, settings.serve_cache_ttl)
        self.index = HashIndex()
        self.store: Store | None = None
        self.store_seen = 0  # verdict row id up to which the store is in the index
        self.session: Any = None
        self.executor = self._new_executor()
        self.fetcher = self._new_fetcher()
        self.warm: KeepWarm | None = None
        self.fetch_settings = settings.replace(
            connect_timeout=min(settings.connect_timeout, 3.0),
            read_timeout=min(settings.read_timeout, settings.serve_fetch_timeout),
            total_timeout=settings.serve_fetch_timeout,
            retries=0,
            per_host_delay=0.0,
            per_host_concurrency=4,
            render_js=False,
            # same-site scripts of a fetched page: at most a quarter of the page's budget each
            script_timeout=min(settings.script_timeout, settings.serve_fetch_timeout / 4),
        )

    # -- life cycle ------------------------------------------------------------------------------

    @staticmethod
    def _new_fetcher() -> ThreadPoolExecutor:
        return ThreadPoolExecutor(max_workers=FETCH_THREADS, thread_name_prefix="fetch")

    def _new_executor(self) -> ThreadPoolExecutor:
        return ThreadPoolExecutor(
            max_workers=max(1, self.settings.serve_threads),
            thread_name_prefix="score",
            initializer=limit_native_threads,  # OpenMP limits are per calling thread
        )

    def start(self) -> None:
        """Load and verify the model, warm it up, open the store; raises on any failure.

        May run again after ``stop`` (a test client runs the lifespan once per client).
        """
        if self.executor._shutdown:
            self.executor = self._new_executor()
            self.fetcher = self._new_fetcher()
            self.cache = TTLCache(self.settings.serve_cache_size, self.settings.serve_cache_ttl)
        limit_native_threads()
        if self.detector is None:
            from detector.detector import Detector

            self.detector = Detector.load(settings=self.settings)
        # Measured where scoring runs: the scoring thread.
        self.native_threads = self.executor.submit(limit_native_threads).result()
        # One synthetic snapshot of each kind, then every pattern database compiled, on the
        # scoring thread: the first real request costs what the next ones do. (A stand-in
        # scorer without ``warm_up`` scores one small page.)
        warm_up = getattr(self.detector, "warm_up", None) or (
            lambda: [self.detector.score(STAND_IN_PAGE)]
        )
        failed = next((v for v in self.executor.submit(warm_up).result() if v.error), None)
        if failed is not None:
            raise DetectorError(f"model loaded but cannot score: {failed.error}")
        if self.settings.serve_store:
            from detector.store import open_store

            self.store = open_store(self.settings.serve_store)
            log.info("lookup index: %d URLs from the store", self.refresh_index())
        from detector.crawl.session import CrawlSession

        self.session = CrawlSession(self.fetch_settings)
        # What exists now (model, lexicons, modules) lives as long as the worker: move it out of
        # the collector's reach, so no full collection walks it between two requests.
        gc.collect()
        gc.freeze()
        if self.settings.serve_keep_warm:
            self.warm = KeepWarm(
                self._warm_steps(),
                busy=lambda: self.queued > 0,
                idle=self.settings.serve_keep_warm_idle,
            )
        self.ready = True

    def _warm_steps(self) -> Callable[[], Iterable[object]]:
        """One warm score in steps: the detector's own (``Detector.warm_steps``), or, for a
        stand-in scorer without them, a score of a small page in one step."""
        steps = getattr(self.detector, "warm_steps", None)
        if steps is not None:
            return steps
        detector = self.detector
        return lambda: [detector.score(STAND_IN_PAGE)]

    def keep_warm(self) -> None:
        """Warm scores on the scoring thread while no request waits (``SERVE_KEEP_WARM``; call
        from the event loop once started, and whenever the queue empties)."""
        if self.warm is not None and self.ready:
            self.warm.schedule(self.executor)

    def _store_rows(self) -> list[tuple[int, str, str | None, dict[str, Any]]]:
        return list(self.store.url_verdicts(self.store_seen)) if self.store is not None else []

    def _index_rows(self, rows: list[tuple[int, str, str | None, dict[str, Any]]]) -> int:
        n = 0
        for rowid, url, final_url, verdict in rows:
            n += self.index.add(url, verdict, "scan")
            if final_url:
                self.index.add(final_url, verdict, "scan")
            self.store_seen = max(self.store_seen, rowid)
        return n

    def refresh_index(self) -> int:
        """Add the store's verdicts written since the last call (before serving starts)."""
        return self._index_rows(self._store_rows())

    async def refresh_forever(self, every: float) -> None:
        """Pick up verdicts that scans keep writing to the store, every ``every`` seconds.

        The store is read on a worker thread; the index is changed on the event loop only.
        """
        while True:
            await asyncio.sleep(every)
            try:
                rows = await anyio.to_thread.run_sync(self._store_rows)
            except DetectorError as exc:  # a busy or vanished store: try again next time
                log.warning("lookup index refresh failed: %s", type(exc).__name__)
                continue
            added = self._index_rows(rows)
            if added:
                log.info("lookup index: %d URLs added from the store", added)

    def stop(self) -> None:
        self.ready = False
        if self.warm is not None:
            self.warm.stop()
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.fetcher.shutdown(wait=False, cancel_futures=True)
        release(self, "session")
        release(self, "store")

    # -- scoring ---------------------------------------------------------------------------------

    @property
    def model_name(self) -> str:
        return str(self.detector.model_name)

    async def _in_scorer(self, snapshots: list[dict[str, Any]], state: Any = None) -> list[Any]:
        """Verdicts of ``snapshots`` from the scoring thread; with ``state`` (a request's), its
        access-log line gets how long they waited for the thread and how long it scored them."""
        loop = asyncio.get_running_loop()
        handed = time.perf_counter()
        spans: list[float] = []

        def run() -> list[Any]:
            spans.append(time.perf_counter())
            out = list(self.detector.score_many(snapshots))
            spans.append(time.perf_counter())
            return out

        verdicts = await loop.run_in_executor(self.executor, run)
        if state is not None and len(spans) == 2:
            state.queue_ms = (spans[0] - handed) * 1000
            state.score_ms = (spans[1] - spans[0]) * 1000
        return verdicts

    async def _fetch(self, url: str, where: str) -> dict[str, Any]:
        """The snapshot of a bare URL, within ``SERVE_FETCH_TIMEOUT`` of wall-clock time.

        The crawler's own timeouts bound each request it makes (robots.txt, the page, each
        same-site script) but not their sum: a site answering each one slowly held a request
        for about 20 s with an 8 s setting. Past the deadline the caller gets the URL-only
        verdict (``fetch.timeout``); a fetch still waiting for one of the ``FETCH_THREADS``
        threads is dropped, one already running ends by its own timeouts, so slow sites
        cannot pile up threads.
        """
        from detector.crawl.fetch import fetch
        from detector.crawl.guard import check_url

        def run() -> dict[str, Any]:
            try:
                check_url(url, self.fetch_settings)
            except BlockedAddress as exc:
                raise ServiceError(422, exc.code, f"{where}: {exc}", where) from None
            except FetchError as exc:
                raise ServiceError(422, exc.code, f"{where}: {exc}", where) from None
            except OSError:  # does not resolve: scored from the URL alone
                return {"url": url, "error": "fetch.connection"}
            return fetch(url, self.fetch_settings, self.session).to_dict()

        job = self.fetcher.submit(run)
        answer = asyncio.wrap_future(job)
        try:
            return await asyncio.wait_for(
                asyncio.shield(answer), timeout=self.settings.serve_fetch_timeout
            )
        except TimeoutError:
            job.cancel()  # not started yet: never will be
            # Whatever the fetch ends with now has no one waiting for it.
            answer.add_done_callback(lambda done: done.cancelled() or done.exception())
            return {"url": url, "error": "fetch.timeout"}

    async def score(self, requests: list[s.ScoreRequest], state: Any) -> list[dict[str, Any]]:
        """Verdict dicts for ``requests`` in order (bare URLs fetched first, concurrently)."""
        out: list[dict[str, Any] | None] = [None] * len(requests)
        todo: list[tuple[int, str, dict[str, Any]]] = []
        fetches: list[tuple[int, str, str, str]] = []
        for i, req in enumerate(requests):
            snap = req.model_dump(exclude_none=True)
            canon = canonical_url(req.url) if req.url else None
            if i == 0 and canon:
                state.page_hash = sha256_hex(canon)[:12]
            if req.bare_url:
                where = "url" if len(requests) == 1 else f"snapshots.{i}.url"
                if canon is None:
                    raise ServiceError(
                        422, "fetch.invalid_url", f"{where}: not an absolute http(s) URL", where
                    )
                key = f"{self.model_name}|fetch|{canon}"
                fetches.append((i, key, req.url or "", where))
            else:
                key = page_key(self.model_name, canon or "", snap)
                todo.append((i, key, snap))
        if fetches:
            snaps = await asyncio.gather(
                *(self._cached_or(key, self._fetch(url, where)) for _, key, url, where in fetches)
            )
            for (i, key, url, _), snap in zip(fetches, snaps, strict=True):
                if "verdict" in snap:
                    out[i] = snap["verdict"] | {"id": requests[i].id, "url": url}
                else:
                    if requests[i].id is not None:
                        snap["id"] = requests[i].id
                    todo.append((i, key, snap))
        pending: list[tuple[int, str, dict[str, Any]]] = []
        for i, key, snap in todo:
            hit = self.cache.get(key)
            if hit is not None:
                out[i] = hit | {"id": snap.get("id"), "url": snap.get("url", ""), "cached": True}
            else:
                pending.append((i, key, snap))
        if pending:
            if self.queued + len(pending) > MAX_QUEUED:
                raise ServiceError(
                    503,
                    "busy",
                    "the scoring queue is full; retry shortly",
                    headers={"Retry-After": "1"},
                )
            self.queued += len(pending)
            if self.warm is not None:
                self.warm.interrupt()
            try:
                verdicts = await self._in_scorer([snap for _, _, snap in pending], state)
            finally:
                self.queued -= len(pending)
                if self.queued == 0:
                    self.keep_warm()
            fetched = {i for i, _, _, _ in fetches}
            for (i, key, snap), verdict in zip(pending, verdicts, strict=True):
                data = self._shape(snap, verdict)
                if verdict.error is None:
                    failed_fetch = i in fetched and bool(snap.get("error"))
                    ttl = self.settings.serve_fetch_failed_ttl if failed_fetch else None
                    self.cache.put(key, data, ttl)
                    self._index(snap, data, fetched=i in fetched)
                out[i] = data
        return [v for v in out if v is not None]

    def _index(self, snap: dict[str, Any], data: dict[str, Any], fetched: bool) -> None:
        """Offer a verdict to the lookup index (see lookup.py on sources and trust): a page the
        server fetched, unless the fetch failed (a site down, or refusing our fetcher, says
        nothing that should replace a scan's verdict); a caller's markup only when the operator
        trusts every key holder (``SERVE_LOOKUP_SNAPSHOTS``)."""
        if fetched:
            if snap.get("error"):
                return
            source = "fetch"
        elif self.settings.serve_lookup_snapshots:
            source = "snapshot"
        else:
            return
        for page_url in (snap.get("url"), snap.get("final_url")):
            if page_url:
                self.index.add(page_url, data, source)

    async def _cached_or(self, key: str, fetching: Any) -> dict[str, Any]:
        hit = self.cache.get(key)
        if hit is not None:
            fetching.close()
            return {"verdict": hit | {"cached": True}}
        result: dict[str, Any] = await fetching
        return result

    @staticmethod
    def _shape(snap: dict[str, Any], verdict: Any) -> dict[str, Any]:
        data: dict[str, Any] = verdict.to_dict()
        if "basis" not in data:  # a failed verdict: say what the caller sent
            has_page = bool(snap.get("html") or snap.get("text") or snap.get("listing"))
            data["basis"] = "page" if has_page else "url"
        data["cached"] = False
        return data


# -- the application ---------------------------------------------------------------------------

_COMMON: dict[int | str, dict[str, Any]] = {
    401: {
        "model": s.ErrorOut,
        "description": "missing or unknown X-API-Key, or more than one X-API-Key header",
    },
    503: {
        "model": s.ErrorOut,
        "description": "starting up (model not loaded yet), the scoring queue is full, or the "
        "worker holds SERVE_BODY_BUDGET bytes of request bodies (Retry-After)",
    },
    429: {
        "model": s.ErrorOut,
        "description": "rate limit reached (per key, or per key and client address)",
        "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "seconds"}},
    },
}
_TOO_LARGE: dict[int | str, dict[str, Any]] = {
    413: {"model": s.ErrorOut, "description": "body over the size limit"},
    431: {
        "model": s.ErrorOut,
        "description": "request line and headers over MAX_HEADER_BYTES (answered by the "
        "server's HTTP layer, which then closes the connection)",
    },
}
_BODY: dict[int | str, dict[str, Any]] = {
    **_COMMON,
    **_TOO_LARGE,
    400: {"model": s.ErrorOut, "description": "body is not valid UTF-8 JSON"},
    408: {"model": s.ErrorOut, "description": "body not received within SERVE_BODY_TIMEOUT"},
    415: {
        "model": s.ErrorOut,
        "description": "Content-Type is not application/json (charset, if given, UTF-8), or "
        "the body is compressed (Content-Encoding other than identity)",
    },
    422: {"model": s.ErrorOut, "description": "a field is missing, unknown or wrong"},
}
_api_key = APIKeyHeader(name="X-API-Key", auto_error=False, description="a named API key")


async def _documents_key(key: str | None = Security(_api_key)) -> None:
    """Declares the key for the OpenAPI document; the gate middleware has checked it already."""


_UNION_TAGS = frozenset({"int", "float", "str", "bool", "none", "list", "dict"})


def _field(loc: tuple[Any, ...]) -> str | None:
    """Dotted field path of a validation error, without pydantic's union-branch tags."""
    parts = [str(p) for p in loc[1:] if loc and loc[0] == "body"] if loc else []
    parts = [
        p for p in parts if p not in _UNION_TAGS and not any(c in p for c in "[(") and "-" not in p
    ]
    return ".".join(parts) or None


def _error(
    status: int, code: str, message: str, field: str | None = None, **extra: Any
) -> JSONResponse:
    body = {"error": {"code": code, "message": message, "field": field, "details": []} | extra}
    return JSONResponse(body, status_code=status)


def create_app(settings: Settings | None = None, detector: Any = None) -> FastAPI:
    """The endpoint. ``detector`` (already loaded) skips the load; tests use it.

    Raises ``ConfigError`` at once for bad keys, limits or origins; the model is loaded and
    verified when the app starts (lifespan), and a failure stops the start-up.
    """
    settings = settings or Settings.from_env()
    keys = KeyRing.from_settings(settings)
    if not keys:
        raise ConfigError(
            "no API keys configured: set DETECTOR_API_KEYS=name:key[,name:key] or "
            "DETECTOR_API_KEYS_FILE (detector serve --new-key NAME prints one)"
        )
    origins = [o.strip() for o in settings.serve_cors_origins.split(",") if o.strip()]
    for origin in origins:
        if origin == "*" or "://" not in origin or origin.endswith("/"):
            raise ConfigError(
                f"CORS origin {origin!r}: list exact origins such as chrome-extension://<id>"
            )
    budget = settings.serve_body_budget
    if budget < 0 or 0 < budget < settings.max_request_bytes:
        raise ConfigError(
            f"SERVE_BODY_BUDGET ({budget} bytes) is below MAX_REQUEST_BYTES "
            f"({settings.max_request_bytes}): a body of the largest size could never be read; "
            "raise it, or set 0 for no bound"
        )
    if settings.serve_keep_warm_idle < 0:
        raise ConfigError(
            f"SERVE_KEEP_WARM_IDLE ({settings.serve_keep_warm_idle}) must be 0 (warm for as "
            "long as the worker is idle) or more seconds"
        )
    limits = Limits(
        settings.serve_rate_limit,
        settings.serve_client_rate_limit,
        settings.serve_rate_limit_storage,
    )
    service = Service(settings, detector)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            await anyio.to_thread.run_sync(service.start)
        except DetectorError as exc:
            log.error("start-up stopped: %s", exc)
            raise
        log.info("ready: model %s, %d native thread(s)", service.model_name, service.native_threads)
        service.keep_warm()
        refresher = asyncio.create_task(service.refresh_forever(STORE_REFRESH_SECONDS))
        # Full garbage collections between scores, not inside one (collector.py says why).
        collector = IdleCollector(busy=lambda: service.queued > 0)
        collecting = None
        if settings.serve_idle_gc:
            collector.install()
            collecting = asyncio.create_task(collector.run_forever())
        app.state.collector = collector
        try:
            yield
        finally:
            refresher.cancel()
            if collecting is not None:
                collecting.cancel()
            collector.uninstall()
            service.stop()

    app = FastAPI(
        title="tiktok-lure-detector",
        version="1",
        summary="Scores pages that promise to show who viewed, saved or shared a TikTok.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.router.route_class = JSONRoute  # every route below decodes its body with ``loads``
    app.state.service = service

    def _document_route(
        path: str, answer: type, summary: str
    ) -> Callable[[DecoratedCallable], DecoratedCallable]:
        """A POST taking a JSON document behind the API key: ``answer`` on 200, else body errors."""
        return app.post(
            path,
            response_model=None,
            responses={200: {"model": answer}, **_BODY},
            dependencies=[Security(_documents_key)],
            summary=summary,
        )

    @app.exception_handler(ServiceError)
    async def _service_error(request: Request, exc: ServiceError) -> JSONResponse:
        response = _error(exc.status, exc.code, exc.message, exc.field)
        response.headers.update(exc.headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        details = [
            {"field": _field(tuple(e.get("loc", ()))), "message": str(e.get("msg", ""))}
            for e in errors[:20]
        ]
        first = details[0] if details else {"field": None, "message": "invalid request"}
        if errors and errors[0].get("type") == "json_invalid":
            return _error(400, "request.malformed", "body is not valid JSON", None)
        field, text = first["field"], str(first["message"])
        message = f"{field}: {text}" if field else text
        return _error(422, "request.invalid", message, field, details=details)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {
            400: "request.malformed",
            404: "not_found",
            405: "method_not_allowed",
            408: "request.timeout",
            413: "request.too_large",
            503: "busy",
        }
        message = "body is not valid UTF-8 JSON" if exc.status_code == 400 else str(exc.detail)
        code = codes.get(exc.status_code, f"http.{exc.status_code}")
        response = _error(exc.status_code, code, message)
        # a 408's Connection: close, a body-budget 503's Retry-After (middleware.BodyLimit)
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected %s on %s", type(exc).__name__, request.url.path)
        log.debug("traceback", exc_info=exc)
        return _error(500, "internal", "internal error; the server is still up")

    def _ready() -> Service:
        if not service.ready:
            raise ServiceError(
                503, "not_ready", "the model is not loaded yet", headers={"Retry-After": "5"}
            )
        return service

    @_document_route("/v1/score", s.VerdictOut, "Score one snapshot, or fetch and score a bare URL")
    async def score(body: s.ScoreRequest, request: Request) -> JSONResponse:
        verdicts = await _ready().score([body], request.state)
        return JSONResponse(verdicts[0])

    @_document_route(
        "/v1/score/batch", s.BatchOut, f"Score up to {settings.serve_batch_max} snapshots in order"
    )
    async def score_batch(body: s.BatchRequest, request: Request) -> JSONResponse:
        if len(body.snapshots) > settings.serve_batch_max:
            raise ServiceError(
                422,
                "request.invalid",
                f"snapshots: at most {settings.serve_batch_max} per batch",
                "snapshots",
            )
        verdicts = await _ready().score(body.snapshots, request.state)
        return JSONResponse({"verdicts": verdicts})

    @_document_route(
        "/v1/lookup",
        s.LookupOut,
        "Privacy mode: full hashes and verdicts known under SHA-256 prefixes",
    )
    async def lookup(body: s.LookupRequest) -> JSONResponse:
        index = _ready().index
        matches: list[dict[str, Any]] = []
        seen: set[tuple[str, str]] = set()
        for prefix in dict.fromkeys(body.prefixes):
            for match in index.query(prefix):
                if (match["hash"], match["kind"]) not in seen:
                    seen.add((match["hash"], match["kind"]))
                    matches.append(match)
        return JSONResponse({"matches": matches[:1000]})

    @app.post(
        "/v1/report",
        response_model=None,
        status_code=202,
        responses={
            202: {"model": s.ReportOut, "description": "queued for an analyst"},
            **_BODY,
            503: {
                "model": s.ErrorOut,
                "description": "starting up, or no store is configured for reports",
            },
        },
        dependencies=[Security(_documents_key)],
        summary="Report a wrong verdict; an analyst decides, training never sees it directly",
    )
    async def report(body: s.ReportRequest, request: Request) -> JSONResponse:
        svc = _ready()
        store = svc.store
        if store is None:
            raise ServiceError(503, "reports.unavailable", "this server keeps no store")
        client = request.client.host if request.client else "-"
        canon = canonical_url(body.url)
        if canon is None:  # a report an analyst could never turn into a label
            raise ServiceError(422, "report.invalid_url", "url: not an absolute http(s) URL", "url")
        request.state.page_hash = sha256_hex(canon)[:12]
        note = body.note
        if body.verdict_id is not None:
            note = f"[verdict {body.verdict_id}] {note or ''}".strip()
        try:
            report_id = await anyio.to_thread.run_sync(
                lambda: store.add_report(
                    body.url,
                    body.expected,
                    note,
                    None,
                    getattr(request.state, "key_name", None),
                    client_hash(client),
                )
            )
        except InvalidLabel as exc:
            raise ServiceError(422, "report.invalid", str(exc)) from None
        return JSONResponse({"id": report_id, "status": "pending"}, status_code=202)

    @app.get(
        "/v1/model",
        response_model=None,
        responses={200: {"model": s.ModelOut}, **_COMMON, **_TOO_LARGE},
        dependencies=[Security(_documents_key)],
        summary="The model behind the verdicts: name, version, thresholds, metrics",
    )
    async def model() -> JSONResponse:
        det = _ready().detector
        info = det.info()
        side = det.artifact.sidecar
        body = {
            "model": info.get("model"),
            "name": info.get("name"),
            "version": info.get("version"),
            "estimator": info.get("estimator"),
            "created_at": info.get("created_at"),
            "thresholds": info.get("thresholds") or {},
            "metrics": side.get("metrics") or {},
            "feature_schema_hash": info.get("feature_schema_hash"),
        }
        return JSONResponse(_json_clean(body))

    # HEAD as well as GET on the probes: load balancers and uptime monitors use either.
    @app.head("/healthz", responses=_TOO_LARGE, summary="The process answers (headers only)")
    @app.get(
        "/healthz",
        response_model=s.HealthOut,
        responses=_TOO_LARGE,
        summary="The process answers",
    )
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    ready_responses: dict[int | str, dict[str, Any]] = {
        200: {"model": s.ReadyOut},
        503: {"model": s.ErrorOut, "description": "model not loaded"},
        **_TOO_LARGE,
    }

    @app.head(
        "/readyz",
        response_model=None,
        responses=ready_responses,
        summary="The model is loaded, verified and warm (headers only)",
    )
    @app.get(
        "/readyz",
        response_model=None,
        responses=ready_responses,
        summary="The model is loaded, verified and warm",
    )
    async def readyz() -> JSONResponse:
        svc = _ready()
        return JSONResponse(
            {
                "status": "ready",
                "model": svc.model_name,
                "native_threads": svc.native_threads,
                "keep_warm": svc.warm is not None,
                "keep_warm_idle": svc.settings.serve_keep_warm_idle,
            }
        )

    # Middleware: the last added runs first.
    app.add_middleware(Contain)
    app.add_middleware(Gate, keys=keys, limits=limits)
    app.add_middleware(
        BodyLimit,
        limit=settings.max_request_bytes,
        timeout=settings.serve_body_timeout,
        budget=settings.serve_body_budget,
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=origins,
        allow_methods=["GET", "POST"],
        allow_headers=["content-type", "x-api-key"],
        expose_headers=["retry-after"],
        max_age=600,
    )
    app.add_middleware(Headers)
    return app


def app_from_env() -> FastAPI:
    """uvicorn factory (``detector serve``): settings from ``DETECTOR_*`` variables.

    Runs in each worker process before the model loads, so the worker first refuses the optional
    packages scoring never uses (``lean.refuse_unused``: about 110 MB less per worker).
    """
    refuse_unused()
    level = os.environ.get("DETECTOR_SERVE_LOG_LEVEL", "info").upper()
    logging.basicConfig(
        level=getattr(logging, level, logging.INFO),
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
    )
    if level != "DEBUG":
        # The crawler names hosts and paths in its log lines; the endpoint logs hashes only.
        logging.getLogger("detector.crawl").setLevel(logging.CRITICAL)
    return create_app(Settings.from_env())
