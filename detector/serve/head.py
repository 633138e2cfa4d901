"""A bound on a request's head (request line and headers) under uvicorn.

The body limit (``BodyLimit``, 413) only starts once the headers are complete, and uvicorn's
httptools protocol, which it picks when httptools is installed, sets no limit of its own on the
head: one request with a 100 MB header was buffered whole, parsed for 13 s and left the worker
115 MB larger. ``BoundedHeadProtocol`` is that protocol with a bound: bytes that arrive while a
request's head is still open are counted, and a head past ``max_header_bytes`` is answered 431
(JSON, in the endpoint's error shape) and the connection closed, so a head is never held past the
bound and two socket reads (the read it began in is not counted: it may end another request's
body); a head that arrives in a single read is measured once it is complete.
``detector serve`` runs uvicorn with it (``http=BoundedHeadProtocol``); the bound is the
``max_header_bytes`` setting, read by each worker from the environment like every other one.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol  # httptools: the serve extra

from detector.serve.middleware import error_body

log = logging.getLogger("detector.serve")


def refusal(limit: int) -> bytes:
    """The 431 answer: the endpoint's error shape, closed connection, no caching."""
    body = error_body(
        "request.headers_too_large", f"request line and headers are over {limit} bytes"
    )
    head = (
        "HTTP/1.1 431 Request Header Fields Too Large\r\n"
        "content-type: application/json\r\n"
        f"content-length: {len(body)}\r\n"
        "x-content-type-options: nosniff\r\n"
        "cache-control: no-store\r\n"
        "connection: close\r\n\r\n"
    )
    return head.encode() + body


@functools.cache
def configured_limit() -> int:
    """``max_header_bytes`` from the environment (read once per worker process)."""
    from detector.config import Settings

    return Settings.from_env().max_header_bytes


class BoundedHeadProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, refusing a request head over ``max_header_bytes`` (431)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit = configured_limit()
        self._in_head = True  # the next bytes belong to a request line or headers
        self._head_bytes = 0
        self._heads_done = 0  # request heads completed on this connection
        self._refused = False

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return
        open_before, done_before = self._in_head, self._heads_done
        super().data_received(data)
        # Only a read that began and ended inside one head is all head: one in which a head
        # ended holds a body too (a whole small request, or a pipelined one, can end in it).
        if open_before and self._in_head and self._heads_done == done_before:
            self._head_bytes += len(data)
            if self._head_bytes > self._limit and not self._refused:
                self._refuse(self._head_bytes)

    def on_headers_complete(self) -> None:
        if self._refused:
            return
        self._in_head = False
        self._heads_done += 1
        size = len(self.url) + sum(len(n) + len(v) + 4 for n, v in self.headers)
        if size > self._limit:
            self._refuse(size)
            return
        super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        if not self._refused:
            super().on_body(body)

    def on_message_complete(self) -> None:
        if self._refused:
            return
        super().on_message_complete()
        self._in_head, self._head_bytes = True, 0  # what follows is the next request's head

    def _refuse(self, size: int) -> None:
        self._refused = True
        log.warning("request head of %d+ bytes refused (431; limit %d)", size, self._limit)
        self.transport.write(refusal(self._limit))
        self.transport.close()
