"""The HTTP scoring endpoint (``detector serve``): ``create_app(settings)`` for uvicorn.

Needs the ``serve`` extra (FastAPI, uvicorn, limits). Routes, keys, limits and measured latency:
docs/serve.md.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def create_app(*args: Any, **kwargs: Any) -> Any:
    """Build the FastAPI app (see ``detector.serve.app.create_app``)."""
    from detector.serve.app import create_app as build

    return build(*args, **kwargs)
