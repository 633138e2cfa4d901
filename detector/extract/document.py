"""The text the wording model reads: what a page says and asks for, as one document.

The signal families turn a page into named features; the text model reads the same page as
words. Both come from the one parse. The document holds what a reader or a form would see and
where data goes (title, headings, visible text, buttons, form fields, form targets, script
sources, the start of inline scripts) and, for listings, the store text and permissions. The
page's own URL is left out on purpose: the wording model must judge content alone, so a page
stored without its URL scores the same as with one.
"""

from __future__ import annotations

from detector.extract.parse import ParsedPage
from detector.records import Snapshot

# Bounds so that a hostile page cannot make the vectoriser's work unbounded.
MAX_SCRIPT_CHARS = 5_000
MAX_DOCUMENT_CHARS = 20_000  # the 99th percentile of the training documents


def page_document(snapshot: Snapshot, page: ParsedPage) -> str:
    """One string for the text model (empty when the snapshot has no content)."""
    parts: list[str] = [page.title, " ".join(page.headings), page.text, " ".join(page.ctas)]
    parts += [f"input {i.descriptor}" for i in page.inputs]
    parts += [f"formaction {f.action} method {f.method}" for f in page.forms]
    parts += [f"scriptsrc {src}" for src in page.script_srcs]
    parts.append(page.script_text[:MAX_SCRIPT_CHARS])
    listing = snapshot.listing
    if listing is not None:
        parts += [listing.name or "", listing.description or "", listing.developer or ""]
        parts += [" ".join(listing.permissions), " ".join(listing.host_permissions)]
    return "\n".join(p for p in parts if p)[:MAX_DOCUMENT_CHARS]
