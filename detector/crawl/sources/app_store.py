"""Apple App Store pages -> ``app_listing`` snapshots.

The page embeds a JSON-LD ``SoftwareApplication`` (name, description, author, aggregateRating,
offers). In-app purchases are visible markup only: an "In-App Purchases" entry of the information
list whose items pair a title with a price. They go to ``listing.extra["in_app_purchases"]`` as
"title: price" strings, one line each, so a weekly plan reads as one phrase ("Weekly Pro: $7.99")
to the listing signals.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from detector.core.lexicons.linear import run_start
from detector.crawl.sources import markup
from detector.records import Listing, Snapshot

_APP_ID = re.compile(r"/id(\d{5,12})\b")
_PRICE = re.compile(  # linear: a number is tried from the start of its run only
    rf"(?:[$€£¥₹]|R\$|US\$)\s?\d[\d.,]*|{run_start()}[\d.,]*+\s?(?:[$€£¥₹]|USD|EUR|GBP|BRL)"
)
_MAX_ITEMS = 50


def app_id(url: str) -> str | None:
    """The numeric App Store id in a URL (``/id1234567890``)."""
    try:
        m = _APP_ID.search(urlsplit(url).path)
    except ValueError:
        return None
    return m.group(1) if m else None


def _iap_items(container: LexborNode) -> list[str]:
    items: list[str] = []
    for li in container.css("li")[:_MAX_ITEMS]:
        price_node = li.css_first('[class*="price"]')
        price = markup.node_text(price_node)
        full = markup.node_text(li)
        if not price:
            m = _PRICE.search(full)
            price = m.group(0) if m else ""
        name = full.replace(price, "").strip() if price else full
        if name or price:
            items.append(f"{name[:200]}: {price[:40]}" if price else name[:200])
    return items


def in_app_purchases(tree: LexborHTMLParser) -> list[str]:
    """In-app purchase items ("Weekly Pro: $7.99") from the "In-App Purchases" section."""
    for term in tree.css("dt, h2, h3"):
        if "in-app purchases" not in markup.node_text(term).lower():
            continue
        sibling = term.next
        while sibling is not None and sibling.tag == "-text":
            sibling = sibling.next
        if sibling is not None:
            return _iap_items(sibling)
    box = tree.css_first('[class*="in-app-purchases" i], [data-section="in-app-purchases"]')
    return _iap_items(box) if box is not None else []


def _offer(app: dict[str, Any]) -> dict[str, Any]:
    return markup.offer_fields(app, (("currency", "priceCurrency"), ("price_category", "category")))


def _developer_website(tree: LexborHTMLParser) -> str | None:
    for a in tree.css("a[href]"):
        href = (a.attributes.get("href") or "").strip()
        if (
            href.startswith(("http://", "https://"))
            and "developer website" in markup.node_text(a).lower()
        ):
            return href
    return None


def parse_listing(html: str, url: str = "") -> Listing:
    """A ``Listing`` from an App Store page; absent fields stay None."""
    tree = markup.parse_tree(html)
    meta = markup.meta_map(tree)
    app = markup.ld_of_type(markup.json_ld(tree), "SoftwareApplication", "MobileApplication")
    rating_obj = app.get("aggregateRating")
    rating = markup.number(rating_obj.get("ratingValue")) if isinstance(rating_obj, dict) else None
    extra: dict[str, Any] = {"store": "app_store", **_offer(app)}
    ident = app_id(url) or app_id(meta.get("og:url", ""))
    if ident:
        extra["app_id"] = ident
    if isinstance(rating_obj, dict) and markup.number(rating_obj.get("reviewCount")) is not None:
        extra["rating_count"] = markup.number(rating_obj.get("reviewCount"))
    category = markup.text_value(app.get("applicationCategory"))
    if category:
        extra["category"] = category
    iaps = in_app_purchases(tree)
    if iaps:
        extra["in_app_purchases"] = iaps
    website = _developer_website(tree)
    if website:
        extra["developer_website"] = website
    return Listing(
        **markup.app_names(app, meta, tree),
        rating=rating if rating is not None and 0 <= rating <= 5 else None,
        extra=extra,
    )


def from_page(page: Snapshot, keep_html: bool = False) -> Snapshot:
    """An ``app_listing`` snapshot from a fetched App Store page."""
    listing = parse_listing(page.html or "", page.effective_url)
    return markup.listing_snapshot(page, "app_listing", listing, keep_html)
