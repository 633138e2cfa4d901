"""An ASGI app that only reads the request body and answers a fixed JSON body of about the size
of a verdict: what uvicorn, the loopback and the bench's client cost around a request, with no
routing, validation or scoring (``bench/serve.py``'s transport floor)."""

from __future__ import annotations

from typing import Any

_ANSWER = b'{"label":"benign","pad":"' + b"x" * 1000 + b'"}'
_HEADERS = [
    (b"content-type", b"application/json"),
    (b"content-length", str(len(_ANSWER)).encode()),
]


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "lifespan":
        await receive()  # lifespan.startup
        await send({"type": "lifespan.startup.complete"})
        await receive()  # lifespan.shutdown
        await send({"type": "lifespan.shutdown.complete"})
        return
    more = True
    while more:
        more = (await receive()).get("more_body", False)
    await send({"type": "http.response.start", "status": 200, "headers": _HEADERS})
    await send({"type": "http.response.body", "body": _ANSWER})
