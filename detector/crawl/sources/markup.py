"""Reading store pages: the markup helpers every store-page adapter shares.

JSON-LD objects, meta tags, visible text and numbers, and the typed snapshot an adapter returns
(``listing_snapshot``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from typing import Any, TypedDict

from selectolax.lexbor import LexborHTMLParser, LexborNode

from detector.records import Listing, Snapshot

_JSON_LD_CAP = 2_000_000  # characters of embedded JSON parsed per page
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


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


class AppNames(TypedDict):
    name: str | None
    description: str | None
    developer: str | None


def app_names(app: dict[str, Any], meta: dict[str, str], tree: LexborHTMLParser) -> AppNames:
    """``name``, ``description`` and ``developer`` of a store page's app, as ``Listing`` fields:
    its JSON-LD first, then the ``og:`` and ``description`` meta tags, then the first heading."""
    name = text_value(app.get("name")) or meta.get("og:title") or node_text(tree.css_first("h1"))
    description = text_value(app.get("description")) or meta.get("og:description")
    return {
        "name": name or None,
        "description": description or meta.get("description") or None,
        "developer": text_value(app.get("author")),
    }
