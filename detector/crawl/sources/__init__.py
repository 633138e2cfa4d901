"""Listing sources: turn store pages and ad-library exports into typed snapshots.

Every entry point takes an injectable ``fetch(url, kind=...) -> Snapshot`` callable so tests run on
fakes and local servers; ``default_fetcher`` binds the crawler's own ``fetch``. The helpers here
(JSON-LD, meta tags, numbers) are shared by the per-store adapters, which are imported lazily so
importing one adapter never drags in the others.
"""

from __future__ import annotations

import importlib
import json
import math
import re
from collections.abc import Callable, Iterator
from typing import Any, Protocol
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from detector.config import Settings
from detector.records import Listing, Snapshot

_JSON_LD_CAP = 2_000_000  # characters of embedded JSON parsed per page
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


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


def parse_tree(html: str) -> LexborHTMLParser:
    return LexborHTMLParser(html)


def node_text(node: LexborNode | None) -> str:
    return " ".join(node.text(separator=" ").split()) if node is not None else ""


def meta_map(tree: LexborHTMLParser) -> dict[str, str]:
    """``property`` / ``name`` / ``itemprop`` of every meta tag -> content (first wins)."""
    out: dict[str, str] = {}
    for node in tree.css("meta[content]"):
        a = node.attributes
        key = a.get("property") or a.get("name") or a.get("itemprop")
        if key:
            out.setdefault(key.strip().lower(), (a.get("content") or "").strip())
    return out


def _walk_ld(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        for item in value:
            yield from _walk_ld(item)
    elif isinstance(value, dict):
        yield value
        yield from _walk_ld(value.get("@graph"))


def json_ld(tree: LexborHTMLParser) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page (``@graph`` flattened); broken blocks are skipped."""
    found: list[dict[str, Any]] = []
    budget = _JSON_LD_CAP
    for node in tree.css('script[type="application/ld+json"]'):
        body = node.text(deep=True) or ""
        if len(body) > budget:
            break
        budget -= len(body)
        try:
            found.extend(_walk_ld(json.loads(body)))
        except ValueError:
            continue
    return found


def ld_of_type(objects: list[dict[str, Any]], *types: str) -> dict[str, Any]:
    """The first JSON-LD object whose ``@type`` is one of ``types`` (or ``{}``)."""
    for obj in objects:
        kind = obj.get("@type")
        names = kind if isinstance(kind, list) else [kind]
        if any(n in types for n in names):
            return obj
    return {}


def text_value(value: Any) -> str | None:
    """A string from a JSON-LD value that may be a string, a dict with ``name`` or a list."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = " ".join(str(value).split())
        return text or None
    return None


def number(value: Any) -> float | None:
    """A finite float from a number or a string like "4.5" / "4,5" (None otherwise)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        m = _NUMBER.search(value)
        if m:
            return float(m.group(0).replace(",", "."))
    return None


def offer_fields(
    app: dict[str, Any], fields: tuple[tuple[str, str], ...] = (("currency", "priceCurrency"),)
) -> dict[str, Any]:
    """Price (and the named string ``fields``, as (our key, schema.org key)) from the first
    schema.org ``offers`` entry of an app's JSON-LD; empty when there is none."""
    offers = app.get("offers")
    offer = offers[0] if isinstance(offers, list) and offers else offers
    if not isinstance(offer, dict):
        return {}
    out: dict[str, Any] = {}
    price = number(offer.get("price"))
    if price is not None:
        out["price"] = price
    for key, field in fields:
        if isinstance(offer.get(field), str):
            out[key] = offer[field]
    return out


def listing_snapshot(
    page: Snapshot, kind: str, listing: Listing | None, keep_html: bool = False
) -> Snapshot:
    """A typed snapshot from a fetched page: same fetch metadata, listing text in ``text``.

    The store page's own markup (menus, scripts, other apps) says nothing about the listed item,
    so it is dropped unless ``keep_html``; the description becomes the snapshot text.
    """
    text = None
    if listing is not None:
        text = "\n".join(p for p in (listing.name, listing.description) if p) or None
    return Snapshot(
        url=page.url,
        kind=kind,
        html=page.html if keep_html else None,
        text=text,
        final_url=page.final_url,
        redirects=list(page.redirects),
        status=page.status,
        headers=dict(page.headers),
        fetched_at=page.fetched_at,
        listing=listing,
        id=page.id,
        error=page.error,
        extra=dict(page.extra),
    )


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
        return listing_snapshot(page, kind, None, keep_html=True)
    return parse(page, keep_html)


__all__ = [
    "Fetcher",
    "adapter_for",
    "default_fetcher",
    "json_ld",
    "ld_of_type",
    "listing_snapshot",
    "meta_map",
    "number",
    "safe_fetch",
    "snapshot_from_source",
    "text_value",
]
