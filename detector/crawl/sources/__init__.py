"""Listing sources: turn store pages and ad-library exports into typed snapshots.

Every entry point takes an injectable ``fetch(url, kind=...) -> Snapshot`` callable so tests run on
fakes and local servers; ``default_fetcher`` binds the crawler's own ``fetch``. The per-store adapters
read store pages with the helpers of markup.py (JSON-LD, meta tags, numbers) and are imported
lazily, so importing one adapter never drags in the others.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from typing import Any, Protocol
from urllib.parse import urlsplit

from detector.config import Settings
from detector.crawl.sources import markup
from detector.records import Snapshot


class Fetcher(Protocol):
    """What every source needs from the crawler: one URL in, one snapshot out, never raising."""

    def __call__(self, url: str, *, kind: str = "page") -> Snapshot: ...


def default_fetcher(settings: Settings | None = None, session: Any = None) -> Fetcher:
    """The crawler's ``fetch`` bound to ``settings`` and ``session`` (imported on first use)."""

    def fetch(url: str, *, kind: str = "page") -> Snapshot:
        crawl = importlib.import_module("detector.crawl")
        entry = crawl.fetch
        # Guard against the submodule shadowing the function of the same name.
        entry = getattr(entry, "fetch", entry)
        snap: Snapshot = entry(url, settings=settings, session=session, kind=kind)
        return snap

    return fetch


def safe_fetch(fetch: Fetcher, url: str, kind: str = "page") -> Snapshot:
    """Call ``fetch`` and turn an unexpected exception into an error snapshot."""
    try:
        return fetch(url, kind=kind)
    except Exception as exc:  # a fetcher must not break a batch, whatever it raises
        return Snapshot(url=url, kind=kind, error=f"fetch.failed: {type(exc).__name__}")


Parser = Callable[[Snapshot, bool], Snapshot]


def adapter_for(url: str) -> str | None:
    """Name of the adapter for a store URL: chrome_store, google_play, app_store or None."""
    try:
        sp = urlsplit(url.strip())
    except ValueError:
        return None
    host = (sp.hostname or "").lower()
    path = sp.path
    if host == "chromewebstore.google.com" and path.startswith("/detail/"):
        return "chrome_store"
    if host == "chrome.google.com" and path.startswith("/webstore/detail/"):
        return "chrome_store"
    if host == "play.google.com" and path.startswith("/store/apps/details"):
        return "google_play"
    if host in ("apps.apple.com", "itunes.apple.com") and "/app/" in path:
        return "app_store"
    return None


_EXTENSION_ID = re.compile(r"^[a-p]{32}$")
_PACKAGE = re.compile(r"^[a-zA-Z][a-zA-Z0-9_]*(?:\.[a-zA-Z0-9_]+){1,20}$")


def store_url(text: str) -> str | None:
    """The store listing URL an analyst means by a bare id: a Chrome extension id (32 letters
    a-p) or an Android package name (``com.zhiliaoapp.musically``: dotted, ending in a label
    that is no public suffix, so ``example.com`` stays a host). None for anything else."""
    value = text.strip()
    if _EXTENSION_ID.match(value):
        return f"https://chromewebstore.google.com/detail/{value}"
    if _PACKAGE.match(value) and len(value) <= 150:
        from detector.core.urls import host_parts

        if not host_parts(f"http://{value}/").suffix:
            return f"https://play.google.com/store/apps/details?id={value}"
    return None


def _parser(name: str) -> tuple[str, Parser]:
    if name == "chrome_store":
        from detector.crawl.sources import chrome_store

        return "extension_listing", chrome_store.from_page
    if name == "google_play":
        from detector.crawl.sources import google_play

        return "app_listing", google_play.from_page
    from detector.crawl.sources import app_store

    return "app_listing", app_store.from_page


def snapshot_from_source(
    url: str,
    fetch: Fetcher | None = None,
    *,
    settings: Settings | None = None,
    keep_html: bool = False,
) -> Snapshot:
    """Fetch ``url`` and parse it with the adapter its host calls for; other URLs stay pages.

    ``fetch`` defaults to the crawler's ``fetch`` with ``settings``. Store markup is dropped from
    listing snapshots unless ``keep_html`` (see ``listing_snapshot``).
    """
    fetcher = fetch or default_fetcher(settings)
    name = adapter_for(url)
    if name is None:
        return safe_fetch(fetcher, url, "page")
    kind, parse = _parser(name)
    page = safe_fetch(fetcher, url, kind)
    if page.error or not page.html:
        return markup.listing_snapshot(page, kind, None, keep_html=True)
    return parse(page, keep_html)


__all__ = [
    "Fetcher",
    "adapter_for",
    "default_fetcher",
    "safe_fetch",
    "snapshot_from_source",
]
