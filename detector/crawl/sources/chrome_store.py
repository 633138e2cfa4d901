"""Chrome Web Store detail pages -> ``extension_listing`` snapshots.

Both store front-ends are read: ``chromewebstore.google.com/detail/<slug>/<id>`` and the older
``chrome.google.com/webstore/detail/<slug>/<id>``. Embedded data (JSON-LD, ``og:`` and
``itemprop`` meta tags) is preferred because class names on the visible markup are generated and
change; the visible text ("10,000 users", "4.5 out of 5", "Offered by") is the fallback.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from detector.core.lexicons.linear import run_start
from detector.crawl.sources import markup
from detector.records import Listing, Snapshot

_EXT_ID = re.compile(r"(?<![a-p])([a-p]{32})(?![a-p])")
_USER_RUN = run_start(r",.\s")  # linear: a count is tried from the start of its run only
_USERS = re.compile(
    rf"({_USER_RUN}[\d,.\s]*+[KkMm]?\+?)\s*+(?:users|utilisateurs|usuarios|usuários)\b", re.I
)
_RATING = re.compile(r"(\d(?:[.,]\d)?)\s*(?:out of 5|/\s*5|stars?)", re.I)
_SUFFIX = re.compile(r"(?<!\s)\s*[-–|]\s*Chrome Web Store\s*$", re.I)  # linear
# "Developer" alone (a section heading) or followed by a colon; not "Developer tools".
_OFFERED = re.compile(r"^\s*(?:Offered by\s*:?|(?:Developer|Publisher)\s*(?::|$))\s*", re.I)
_VERSION = re.compile(r"\bVersion\s*+:?\s*+(\d+(?:\.\d+){0,3})\b")  # linear


def extension_id(url: str) -> str | None:
    """The 32-letter extension id in a store URL (last path segment that looks like one)."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for segment in reversed(path.split("/")):
        m = _EXT_ID.fullmatch(segment.strip().lower())
        if m:
            return m.group(1)
    return None


def _first_line(node: LexborNode | None) -> str:
    if node is None:
        return ""
    lines = (" ".join(x.split()) for x in node.text(separator="\n").splitlines())
    return next((x for x in lines if x), "")[:120]


def _developer(tree: LexborHTMLParser, meta: dict[str, str], app: dict[str, Any]) -> str | None:
    found = markup.text_value(app.get("author")) or meta.get("author")
    if found or tree.body is None:
        return found
    # Walk text nodes only: asking every element for its text would be quadratic in depth.
    for node in tree.body.traverse(include_text=True):
        if node.tag != "-text" or not _OFFERED.match(node.text() or ""):
            continue
        parent = node.parent
        rest = _OFFERED.sub("", markup.node_text(parent), count=1).strip()
        if rest and len(rest) <= 120:
            return rest
        sibling = parent.next if parent is not None else None
        while sibling is not None and sibling.tag == "-text":
            sibling = sibling.next
        if _first_line(sibling):
            return _first_line(sibling)
    return None


def _overview(tree: LexborHTMLParser) -> str:
    """Full description from an "Overview" section (longer than the og: summary)."""
    for heading in tree.css("h2, h3"):
        if markup.node_text(heading).lower() != "overview":
            continue
        sibling = heading.next
        while sibling is not None and sibling.tag == "-text":
            sibling = sibling.next
        return markup.node_text(sibling)
    return ""


def _users(meta: dict[str, str], text: str) -> str | None:
    count = meta.get("interactioncount", "")
    if count:
        return count.split(":", 1)[-1].strip() or None
    m = _USERS.search(text)
    return " ".join(m.group(1).split()) if m else None


def parse_listing(html: str, url: str = "") -> Listing:
    """A ``Listing`` from a store detail page; absent fields stay None."""
    tree = markup.parse_tree(html)
    meta = markup.meta_map(tree)
    app = markup.ld_of_type(
        markup.json_ld(tree), "WebApplication", "SoftwareApplication", "Product"
    )
    h1 = markup.node_text(tree.css_first("h1"))
    name = markup.text_value(app.get("name")) or meta.get("name") or h1 or None
    if not name and meta.get("og:title"):
        name = _SUFFIX.sub("", meta["og:title"]) or None
    short = markup.text_value(app.get("description")) or meta.get("og:description")
    short = short or meta.get("description")
    overview = _overview(tree)
    description = overview if len(overview) > len(short or "") else short
    text = markup.node_text(tree.body)
    rating_obj = app.get("aggregateRating") if isinstance(app.get("aggregateRating"), dict) else {}
    rating = markup.number((rating_obj or {}).get("ratingValue")) or markup.number(
        meta.get("ratingvalue")
    )
    if rating is None:
        m = _RATING.search(text)
        rating = markup.number(m.group(1)) if m else None
    extra: dict[str, Any] = {"store": "chrome_web_store"}
    ext_id = extension_id(url) or extension_id(meta.get("og:url", ""))
    if ext_id:
        extra["extension_id"] = ext_id
    version = meta.get("version") or (m.group(1) if (m := _VERSION.search(text)) else None)
    if version:
        extra["version"] = version
    mail = tree.css_first('a[href^="mailto:"]')
    if mail is not None:
        extra["developer_email"] = (mail.attributes.get("href") or "")[7:].split("?")[0]
    return Listing(
        name=name,
        description=description or None,
        developer=_developer(tree, meta, app),
        installs=_users(meta, text),
        rating=rating if rating is not None and 0 <= rating <= 5 else None,
        extra=extra,
    )


def from_page(page: Snapshot, keep_html: bool = False) -> Snapshot:
    """An ``extension_listing`` snapshot from a fetched store page."""
    listing = parse_listing(page.html or "", page.effective_url)
    return markup.listing_snapshot(page, "extension_listing", listing, keep_html)


def attach_manifest(snapshot: Snapshot, manifest: dict[str, Any]) -> Snapshot:
    """Add a manifest (from ``crx.read_manifest``) and its permissions to a listing snapshot."""
    listing = snapshot.listing or Listing()
    listing.manifest = manifest
    perms = manifest.get("permissions")
    hosts = manifest.get("host_permissions")
    listing.permissions = (
        [p for p in perms if isinstance(p, str)] if isinstance(perms, list) else []
    )
    listing.host_permissions = (
        [h for h in hosts if isinstance(h, str)] if isinstance(hosts, list) else []
    )
    snapshot.listing = listing
    return snapshot
