"""Start the endpoint under uvicorn: the one entry the command line uses to reach ``serve``.

``detector serve`` parses its flags and calls these; nothing else of the command line imports the
HTTP side, and nothing here imports the command line (docs/architecture.md).
"""

from __future__ import annotations

import os

from detector.config import Settings
from detector.errors import ConfigError
from detector.serve.app import NATIVE_THREAD_VARS
from detector.serve.keys import KeyRing, hashed_line, new_key


def new_key_text(name: str) -> str:
    """A fresh key and the keys-file line that stores only its hash."""
    key = new_key()
    return f"key:       {key}\nkeys file: {hashed_line(name, key)}"


def one_native_thread() -> None:
    """Before NumPy loads in any worker: one BLAS/OpenMP thread each (workers inherit this)."""
    for var in NATIVE_THREAD_VARS:
        os.environ.setdefault(var, "1")


def require_keys(settings: Settings) -> None:
    """Refuse to start without API keys (``ConfigError`` saying how to make one)."""
    if not KeyRing.from_settings(settings):
        raise ConfigError(
            "no API keys: set DETECTOR_API_KEYS=name:key or DETECTOR_API_KEYS_FILE "
            "(detector serve --new-key NAME makes one)"
        )


def run(
    host: str,
    port: int,
    workers: int,
    log_level: str,
    forwarded_allow_ips: str | None,
    shutdown_timeout: int | None = None,
) -> None:
    """Serve until stopped; each uvicorn worker builds the app from DETECTOR_* settings.

    On a stop signal a worker stops accepting, lets the requests in flight finish for up to
    ``shutdown_timeout`` seconds and then cancels them (None: it waits as long as they take,
    which a client trickling its body stretches to SERVE_BODY_TIMEOUT)."""
    os.environ["DETECTOR_SERVE_LOG_LEVEL"] = log_level
    import uvicorn

    from detector.serve.head import BoundedHeadProtocol

    uvicorn.run(
        "detector.serve.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        access_log=False,  # the app logs one line per request, with hashes instead of URLs
        server_header=False,
        timeout_keep_alive=30,
        forwarded_allow_ips=forwarded_allow_ips,
        http=BoundedHeadProtocol,  # 431 past DETECTOR_MAX_HEADER_BYTES of request line + headers
        timeout_graceful_shutdown=shutdown_timeout,
    )
