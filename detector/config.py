"""Runtime settings: every default a user or a deployment may change, in one place.

Not here, on purpose: the extractor's and the model's tuning constants (text caps, weights,
literal-gate widths, thresholds such as ``credentials.MAX_TEXT``). They live beside the code
they tune, as module constants, because changing one changes features: it comes with a retrain
and a new model, never with an environment variable.

``Settings`` is a frozen dataclass; ``Settings.from_env()`` reads ``DETECTOR_<FIELD>`` variables
(upper-case field name). Nothing here does I/O at import time.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from detector.errors import ConfigError

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


@dataclass(frozen=True)
class Settings:
    """Runtime settings. Override with keyword arguments or ``DETECTOR_*`` variables."""

    # --- extraction: hard caps that keep hostile input bounded -----------------------------
    max_html_bytes: int = 5_000_000  # markup beyond this is cut before parsing
    max_text_chars: int = 400_000  # visible text kept for lexical signals
    max_nesting_depth: int = 1_000  # tags deeper than this are dropped (parser is quadratic)
    max_script_chars: int = 1_000_000  # inline script text scanned for endpoints/markers
    evidence_chars: int = 160  # longest evidence snippet kept per fired signal

    # --- crawler -----------------------------------------------------------------------------
    connect_timeout: float = 5.0  # seconds to open a connection
    read_timeout: float = 15.0  # seconds without a byte before a fetch gives up
    total_timeout: float = 30.0  # wall-clock cap per fetch, including slow-drip bodies
    max_body_bytes: int = 5_000_000  # decoded bytes; decompression counts too
    max_redirects: int = 8  # redirects followed (each one re-checked by the network guard)
    retries: int = 2  # bounded retries on connection errors / 5xx / 429
    backoff_factor: float = 0.5  # seconds; doubled on each retry
    retry_after_cap: float = 30.0  # never sleep longer than this for a Retry-After
    user_agent: str = "tiktok-lure-detector/{version} (+{contact})"  # or "desktop" / "mobile"
    contact_url: str = "https://example.invalid/tiktok-lure-detector/crawler"  # in the UA
    referer: str = ""  # Referer sent with page requests ("" = none); cloaking kits check it
    obey_robots: bool = True  # honour robots.txt (a disallowed page is "unverified")
    robots_ttl: float = 3600.0  # seconds a host's robots.txt answer (or failure) is reused
    per_host_concurrency: int = 1  # requests in flight per host
    per_host_delay: float = 1.0  # seconds between requests to one host
    global_concurrency: int = 8  # requests in flight in all
    allow_loopback: bool = False  # tests and local demos only: permits 127.0.0.0/8 and ::1
    # "HOST:PORT:ADDR:PORT,..." like curl --connect-to (ADDR an IP literal): requests for HOST:PORT
    # connect to ADDR:PORT instead, with no DNS look-up; ADDR still passes the guard. For replaying
    # sinkholed or staged copies of sites, and for the offline demo.
    connect_to: str = ""
    connect_to_only: bool = False  # refuse every host connect_to does not list (sealed replays)
    # Same-site external scripts fetched with each page (where content lockers keep their CPA
    # network code); through the same guard, robots.txt and politeness as the page. Cross-site
    # scripts are never fetched.
    fetch_scripts: bool = True
    max_scripts: int = 4  # same-site scripts fetched per page, in page order
    max_script_bytes: int = 256_000  # a larger script is skipped (error fetch.too_large)
    script_timeout: float = 5.0  # wall-clock cap per script fetch, in seconds
    render_js: bool = False  # render pages in headless Chromium before extraction
    chromium_path: str = "/usr/bin/chromium"  # browser used for rendering
    discovery_depth: int = 1  # lure links followed this many hops from a scanned page
    discovery_max_links: int = 20  # outbound lure links followed per page

    # --- domain intelligence ---------------------------------------------------------------
    offline: bool = False  # no RDAP look-ups at all
    rdap_bootstrap_url: str = "https://data.iana.org/rdap/dns.json"  # IANA RDAP servers
    rdap_ttl_days: float = 7.0  # days a domain-age answer is reused
    rdap_negative_ttl_days: float = 1.0  # days a failed look-up is not retried
    rdap_rate_per_second: float = 2.0  # RDAP queries per second
    cache_path: str = ""  # SQLite file for caches; "" = in memory

    # --- model and scoring -------------------------------------------------------------------
    model_path: str = ""  # "" = the shipped default model
    # --- HTTP endpoint -----------------------------------------------------------------------
    api_keys: str = ""  # comma-separated name:key pairs
    api_keys_file: str = ""  # lines "name:key" or "name:sha256:<hex digest of the key>"
    max_request_bytes: int = 6_000_000  # largest request body the endpoint reads (413 above)
    max_header_bytes: int = 65_536  # largest request line + headers the endpoint reads (431)
    serve_rate_limit: str = "600/minute"  # per API key (a "limits" rate string)
    serve_client_rate_limit: str = "120/minute"  # per API key and client address
    serve_rate_limit_storage: str = "memory://"  # redis://host:6379 shares one budget
    serve_cors_origins: str = ""  # comma-separated, e.g. chrome-extension://<id>
    serve_cache_size: int = 4096  # verdicts kept in the response cache
    serve_cache_ttl: float = 600.0  # seconds a cached verdict is reused
    # A bare URL the server could not fetch (timeout, refused, an error status) is scored from
    # the URL alone; that answer is reused this long only, so a site that was slow once is
    # fetched again soon (capped by serve_cache_ttl; 0 = never reused).
    serve_fetch_failed_ttl: float = 30.0
    serve_batch_max: int = 32  # snapshots per POST /v1/score/batch
    serve_fetch_timeout: float = 8.0  # wall-clock cap when the server fetches a bare URL
    serve_body_timeout: float = 30.0  # seconds a request body may take to arrive (408 after)
    serve_body_budget: int = 32_000_000  # body bytes a worker holds at once (503 above; 0 = any)
    serve_shutdown_timeout: int = 10  # seconds requests in flight get after a stop signal
    serve_store: str = ""  # store for /v1/lookup and /v1/report ("" = memory only, no reports)
    # Lookups also answer verdicts of markup callers sent. Off: any key holder could claim any
    # content for any URL; on only where every key holder is trusted.
    serve_lookup_snapshots: bool = False
    serve_threads: int = 1  # scoring threads per worker (CPU-bound: one is right for the GIL)
    serve_idle_gc: bool = True  # full garbage collections between scores, not inside one
    # Score a small synthetic page over and over while no request waits, so the next one finds
    # the scoring path in the CPU caches (a core stays busy between requests; off by default).
    serve_keep_warm: bool = False
    serve_keep_warm_idle: float = 2.0  # seconds keep-warm goes on after a request (0 = no end)

    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Build settings from ``DETECTOR_*`` variables, then apply keyword overrides."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name == "extra":
                continue
            raw = env.get(f"DETECTOR_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _coerce(f.name, raw, type(getattr(cls, f.name, "")))
        values.update(overrides)
        return cls(**values)

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)

    @property
    def cache_file(self) -> Path | None:
        return Path(self.cache_path) if self.cache_path else None


def _coerce(name: str, raw: str, kind: type) -> Any:
    try:
        if kind is bool:
            low = raw.strip().lower()
            if low in _TRUE:
                return True
            if low in _FALSE:
                return False
            raise ValueError(raw)
        if kind is int:
            return int(raw)
        if kind is float:
            return float(raw)
    except ValueError as exc:
        raise ConfigError(
            f"DETECTOR_{name.upper()}={raw!r} is not a valid {kind.__name__}"
        ) from exc
    return raw
