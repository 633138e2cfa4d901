"""WARC archive of fetched responses (request + response record pairs), written with warcio.

The body stored is the decoded one the detector saw, so ``Content-Encoding`` and
``Transfer-Encoding`` are dropped from the archived headers and ``Content-Length`` is set to the
stored length: a WARC reader must not try to inflate it again.
"""

from __future__ import annotations

import threading
from io import BytesIO
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from detector.core.closing import Closing
from detector.crawl.session import FetchResult
from detector.redact import redact_text, redact_url

_DROP = frozenset({"content-encoding", "transfer-encoding", "content-length"})


class WarcArchive(Closing):
    """Append-only, thread-safe WARC file: ``with WarcArchive(path) as a: fetch(url, archive=a)``."""

    def __init__(self, path: str | Path, gzip: bool = True) -> None:
        from warcio.warcwriter import WARCWriter  # optional dependency: imported on use

        self.path = Path(path)
        self._fh: BinaryIO = self.path.open("ab")
        self._writer = WARCWriter(self._fh, gzip=gzip)
        self._lock = threading.Lock()

    def write(self, result: FetchResult) -> None:
        """Archive the final response of ``result`` (no-op when it has no body)."""
        if result.body is None or result.status is None:
            return
        self.write_exchange(
            url=result.final_url or result.url,
            status=result.status,
            reason=result.reason,
            headers=result.header_items,
            body=result.body,
            request_headers=result.request_headers,
        )

    def write_exchange(
        self,
        url: str,
        status: int,
        reason: str,
        headers: list[tuple[str, str]],
        body: bytes,
        request_headers: dict[str, str] | None = None,
    ) -> None:
        """Write one request record and one response record linked to each other.

        Secrets in the URL are not archived (detector/redact.py): no user info, credential-like
        parameter values redacted, also in a Location header; no Authorization header.
        """
        from warcio.statusandheaders import StatusAndHeaders

        url = redact_url(url)
        kept = [(k, redact_text(v)) for k, v in headers if k.lower() not in _DROP]
        kept.append(("Content-Length", str(len(body))))
        http_response = StatusAndHeaders(f"{status} {reason}".strip(), kept, protocol="HTTP/1.1")
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        req_items = [
            (k, v) for k, v in (request_headers or {}).items() if k.lower() != "authorization"
        ]
        if not any(k.lower() == "host" for k, _ in req_items):
            req_items.insert(0, ("Host", parts.netloc.rsplit("@", 1)[-1]))
        http_request = StatusAndHeaders(
            f"GET {target} HTTP/1.1", req_items, protocol="HTTP/1.1", is_http_request=True
        )
        with self._lock:
            response = self._writer.create_warc_record(
                url, "response", payload=BytesIO(body), http_headers=http_response
            )
            request = self._writer.create_warc_record(
                url, "request", payload=BytesIO(b""), http_headers=http_request
            )
            record_id = response.rec_headers.get_header("WARC-Record-ID")
            request.rec_headers.add_header("WARC-Concurrent-To", record_id)
            self._writer.write_record(request)
            self._writer.write_record(response)
            self._fh.flush()

    def close(self) -> None:
        with self._lock:
            if not self._fh.closed:
                self._fh.close()
