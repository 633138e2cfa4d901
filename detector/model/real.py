"""Real labelled data from ../shared/data, read in place (never copied into the repository).

Two sets join training and are the judge of model quality:

- ``real-pages``: real published lure pages, listings and their benign look-alikes, with a
  family per template lineage or repository (``index.csv``). Items are markup, page sources
  (Markdown, JSX, PHP...), store texts or extension manifests, all without a crawl-time URL.
- ``html-samples``: phishing-kit templates and live captures vs real article and home pages.

Every item becomes an ``Example`` scored from its content alone (``url`` empty), with the source
set recorded in ``Example.source`` (``real-pages:<id>`` / ``html-samples:<path>``) and a family
prefixed by its set so groups never mix across sets by accident.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path
from typing import Any

from detector.extract.parse import decode_markup
from detector.model.data import Example
from detector.records import Listing, Snapshot

REAL_PAGES = "real-pages"
HTML_SAMPLES = "html-samples"
SETS = (REAL_PAGES, HTML_SAMPLES)
# Leading marker of a store text in real-pages (the rest of the file is the description).
_STORE_MARK = "@store_listing"
_MANIFEST_KEYS = frozenset({"manifest_version", "permissions", "background", "content_scripts"})


def _strings(value: Any) -> list[str]:
    return [str(v) for v in value if isinstance(v, str)] if isinstance(value, list) else []


def listing_from_json(data: dict[str, Any]) -> Listing:
    """An extension manifest or a store row rebuilt as JSON, as the ``Listing`` it describes.

    Fields the file does not have stay ``None``: absent is unknown, not evidence.
    """

    def text(key: str) -> str | None:
        value = data.get(key)
        return value if isinstance(value, str) and value else None

    is_manifest = bool(_MANIFEST_KEYS & data.keys())
    rating = data.get("rating")
    installs = data.get("installs")
    return Listing(
        name=text("name") or text("short_name") or text("title"),
        description=text("description"),
        developer=text("developer") or text("author") or text("seller"),
        permissions=_strings(data.get("permissions")),
        host_permissions=_strings(data.get("host_permissions")),
        installs=installs if isinstance(installs, int | float | str) else None,
        rating=rating if isinstance(rating, int | float) and not isinstance(rating, bool) else None,
        landing_url=text("homepage_url") or text("url"),
        manifest=dict(data) if is_manifest else None,
    )


def snapshot_for_item(path: Path, kind: str, item_id: str) -> Snapshot:
    """The snapshot a caller would send for one real item (content only, no URL)."""
    raw = path.read_bytes()
    body = decode_markup(raw)
    if path.suffix == ".json":
        try:
            data = json.loads(body)
        except ValueError:
            data = None
        if isinstance(data, dict):
            return Snapshot(kind=kind, listing=listing_from_json(data), id=item_id)
        # Manifests with comments or trailing commas: the text is all there is.
        return Snapshot(kind=kind, text=body, id=item_id)
    if body.lstrip().startswith(_STORE_MARK):
        desc = body.lstrip()[len(_STORE_MARK) :].strip()
        return Snapshot(kind=kind, listing=Listing(description=desc), id=item_id)
    if kind != "page":
        return Snapshot(kind=kind, listing=Listing(description=body), id=item_id)
    return Snapshot(kind=kind, html=body, id=item_id)


def _real_pages(root: Path) -> list[Example]:
    index = root / REAL_PAGES / "index.csv"
    items = root / REAL_PAGES / "items"
    out = []
    with index.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            matches = sorted(items.glob(f"{row['id']}.*"))
            if not matches:
                continue
            out.append(
                Example(
                    snapshot=snapshot_for_item(matches[0], row["kind"], row["id"]),
                    label="scam" if row["label"] == "scam" else "benign",
                    subtype=row["subtype"],
                    family=f"{REAL_PAGES}:{row['family']}",
                    source=f"{REAL_PAGES}:{row['id']}",
                    lang=row.get("language") or "unknown",
                )
            )
    return out


def _html_samples(root: Path) -> list[Example]:
    index = root / HTML_SAMPLES / "index.csv"
    out = []
    with index.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            path = index.parent / row["path"]
            if not path.is_file():
                continue
            phishing = row["label"] == "phishing"
            role = row.get("page_role") or row.get("subset") or "page"
            # One family per cloned brand (kit templates) or per publisher (articles).
            family = row.get("brand_or_site") or row["path"]
            out.append(
                Example(
                    snapshot=Snapshot(html=decode_markup(path.read_bytes()), id=row["path"]),
                    label="scam" if phishing else "benign",
                    subtype=f"html_{'phishing' if phishing else 'legitimate'}_{role}",
                    family=f"{HTML_SAMPLES}:{family}",
                    source=f"{HTML_SAMPLES}:{row['path']}",
                    lang="unknown",
                )
            )
    return out


def available(root: Path | None) -> list[str]:
    """Which real sets are present under ``root`` (``../shared/data``)."""
    if root is None:
        return []
    return [name for name in SETS if (root / name / "index.csv").is_file()]


def load_real(root: Path | None, sets: tuple[str, ...] = SETS) -> list[Example]:
    """Every example of the real sets present under ``root`` (empty when none is)."""
    present = available(root)
    out: list[Example] = []
    if root is None:
        return out
    if REAL_PAGES in sets and REAL_PAGES in present:
        out += _real_pages(root)
    if HTML_SAMPLES in sets and HTML_SAMPLES in present:
        out += _html_samples(root)
    return out


def real_hash(root: Path | None, sets: tuple[str, ...] = SETS) -> str | None:
    """SHA-256 over the present sets' index files and item bytes (None when none is present)."""
    present = [s for s in available(root) if s in sets]
    if root is None or not present:
        return None
    h = hashlib.sha256()
    for name in present:
        base = root / name
        for path in sorted(p for p in base.rglob("*") if p.is_file()):
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def set_of(example: Example) -> str:
    """``real-pages``, ``html-samples`` or ``corpus`` (generated and hand-written data/)."""
    head = example.source.split(":", 1)[0]
    return head if head in SETS else "corpus"
