"""Google Play detail pages -> ``app_listing`` snapshots.

The page embeds a JSON-LD ``SoftwareApplication`` (name, description, author, aggregateRating,
offers); installs appear only as visible text ("1M+ Downloads"). Permissions are read from any
permissions section on the saved page and from ``android.permission.*`` names anywhere in the
markup (the store's data blobs carry them). Developer e-mail and website go to ``listing.extra``.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from selectolax.lexbor import LexborHTMLParser

from detector.core.lexicons.linear import run_start
from detector.crawl.sources import markup
from detector.records import Listing, Snapshot

_DOWNLOADS = re.compile(  # linear: see detector/core/lexicons/linear.py
    rf"({run_start()}[\d.,]*+\s*+[KkMmBb]?\+)\s*+(?:downloads|installs)\b", re.I
)
_ANDROID_PERM = re.compile(r"\bandroid\.permission\.[A-Z][A-Z0-9_]{2,60}\b")
_PERM_SECTION = '[id*="permission" i], [class*="permission" i], [data-section="permissions"]'
_MAX_PERMS = 200


def package_name(url: str) -> str | None:
    """The ``id=`` query parameter of a store URL (the app's package name)."""
    try:
        values = parse_qs(urlsplit(url).query).get("id")
    except ValueError:
        return None
    return values[0] if values else None


def _permissions(tree: LexborHTMLParser, html: str) -> list[str]:
    seen: dict[str, None] = {}
    for section in tree.css(_PERM_SECTION)[:20]:
        for item in section.css("li")[:_MAX_PERMS]:
            label = markup.node_text(item)
            if 0 < len(label) <= 200:
                seen.setdefault(label, None)
    for m in _ANDROID_PERM.finditer(html[:5_000_000]):
        seen.setdefault(m.group(0), None)
        if len(seen) >= _MAX_PERMS:
            break
    return list(seen)


def _contacts(tree: LexborHTMLParser) -> dict[str, str]:
    out: dict[str, str] = {}
    for a in tree.css("a[href]"):
        href = (a.attributes.get("href") or "").strip()
        label = markup.node_text(a).lower()
        if href.lower().startswith("mailto:"):
            out.setdefault("developer_email", href[7:].split("?")[0])
        elif href.startswith(("http://", "https://")) and "website" in label:
            out.setdefault("developer_website", href)
        elif href.startswith(("http://", "https://")) and "privacy" in label:
            out.setdefault("privacy_policy", href)
    return out


def parse_listing(html: str, url: str = "") -> Listing:
    """A ``Listing`` from a Play detail page; absent fields stay None."""
    tree = markup.parse_tree(html)
    meta = markup.meta_map(tree)
    app = markup.ld_of_type(markup.json_ld(tree), "SoftwareApplication", "MobileApplication")
    text = markup.node_text(tree.body)
    rating_obj = app.get("aggregateRating")
    rating = markup.number(rating_obj.get("ratingValue")) if isinstance(rating_obj, dict) else None
    downloads = _DOWNLOADS.search(text)
    # Play always shows a developer e-mail, so an empty value records that it was missing.
    extra: dict[str, Any] = {"store": "google_play", "developer_email": ""}
    extra |= markup.offer_fields(app) | _contacts(tree)
    pkg = package_name(url) or package_name(meta.get("og:url", ""))
    if pkg:
        extra["package"] = pkg
    for key, field in (("category", "applicationCategory"), ("content_rating", "contentRating")):
        value = markup.text_value(app.get(field))
        if value:
            extra[key] = value
    low = text.lower()
    extra["contains_ads"] = "contains ads" in low
    extra["offers_in_app_purchases"] = "in-app purchases" in low
    return Listing(
        **markup.app_names(app, meta, tree),
        permissions=_permissions(tree, html),
        installs=" ".join(downloads.group(1).split()) if downloads else None,
        rating=rating if rating is not None and 0 <= rating <= 5 else None,
        extra=extra,
    )


def from_page(page: Snapshot, keep_html: bool = False) -> Snapshot:
    """An ``app_listing`` snapshot from a fetched Play detail page."""
    listing = parse_listing(page.html or "", page.effective_url)
    return markup.listing_snapshot(page, "app_listing", listing, keep_html)
