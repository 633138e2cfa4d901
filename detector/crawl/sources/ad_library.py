"""Ad-library exports -> one ``ad`` snapshot per ad; landing pages fetched on request.

Two formats are recognised by shape:

- Meta Ad Library API (``/ads_archive``): ``{"data": [{"id", "ad_creative_bodies",
  "ad_creative_link_titles", "ad_creative_link_captions", "ad_creative_link_descriptions",
  "ad_snapshot_url", "page_name", "ad_delivery_start_time", "publisher_platforms", ...}]}``.
- TikTok Commercial Content API (``/research/adlib/ad/query/``): ``{"data": {"ads": [{"ad": {"id",
  "first_shown_date", "videos", ...}, "advertiser": {"business_name", ...}}]}}``.

A file may hold one response, a list of responses or ads, or JSON Lines of either. The snapshot's
``url`` is the landing URL when the export names one (as in the labelled corpus), else ``""``;
the library's own permalink is kept in ``extra["library_url"]``. Access tokens that Meta embeds
in ``ad_snapshot_url`` are stripped before anything is stored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from detector.crawl.sources import Fetcher, safe_fetch
from detector.errors import InvalidSnapshot
from detector.records import Listing, Snapshot

MAX_EXPORT_BYTES = 200_000_000
_META_KEYS = frozenset(
    {"ad_creative_bodies", "ad_snapshot_url", "page_name", "ad_delivery_start_time", "page_id"}
)
_LANDING_KEYS = ("landing_page_url", "landing_url", "link_url", "destination_url", "click_url")
_TIKTOK_TEXT_KEYS = ("title", "text", "ad_text", "caption", "description")
_SECRET_PARAMS = frozenset({"access_token", "token", "signature", "sig"})
_DOMAIN = re.compile(r"^(?:[a-z0-9-]{1,63}\.)+[a-z]{2,24}$", re.I)


def strip_secrets(url: str) -> str:
    """``url`` without query parameters that carry credentials (Meta's ``access_token``)."""
    try:
        sp = urlsplit(url)
    except ValueError:
        return ""
    query = parse_qsl(sp.query, keep_blank_values=True)
    kept = [(k, v) for k, v in query if k.lower() not in _SECRET_PARAMS]
    return urlunsplit(sp._replace(query=urlencode(kept)))


def _strs(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _join(*parts: Iterable[str]) -> str:
    seen: dict[str, None] = {}
    for group in parts:
        for text in group:
            clean = text.strip()
            if clean:
                seen.setdefault(clean, None)
    return "\n".join(seen)


def _landing(obj: Mapping[str, Any]) -> str | None:
    for key in _LANDING_KEYS:
        for value in _strs(obj.get(key)):
            if value.startswith(("http://", "https://")):
                return value
    return None


def _ad_snapshot(
    ident: Any, text: str, landing: str | None, listing: Listing, extra: dict[str, Any]
) -> Snapshot:
    if landing:
        listing.landing_url = landing
        listing.extra["landing_url"] = landing
        extra["landing_url"] = landing
    return Snapshot(
        url=landing or "",
        kind="ad",
        text=text or None,
        listing=listing,
        id=str(ident) if ident is not None else None,
        extra=extra,
    )


def meta_ad(ad: Mapping[str, Any]) -> Snapshot:
    """One Meta Ad Library API record as an ``ad`` snapshot."""
    titles = _strs(ad.get("ad_creative_link_titles"))
    bodies = _strs(ad.get("ad_creative_bodies"))
    descriptions = _strs(ad.get("ad_creative_link_descriptions"))
    captions = _strs(ad.get("ad_creative_link_captions"))
    landing = _landing(ad)
    extra: dict[str, Any] = {"ad_platform": "meta"}
    if not landing:
        # Captions are display URLs ("WWW.EXAMPLE.COM"): the best hint Meta gives of the target.
        caption = next((c.strip().lower() for c in captions if _DOMAIN.match(c.strip())), None)
        if caption:
            landing = f"https://{caption}/"
            extra["landing_url_source"] = "caption"
    if ad.get("id") is not None:
        extra["library_url"] = f"https://www.facebook.com/ads/library/?id={ad['id']}"
    snap_url = ad.get("ad_snapshot_url")
    if isinstance(snap_url, str):
        extra["ad_snapshot_url"] = strip_secrets(snap_url)
    for key in ("ad_delivery_start_time", "ad_delivery_stop_time", "ad_creation_time", "page_id"):
        if isinstance(ad.get(key), str | int):
            extra[key] = ad[key]
    platforms = _strs(ad.get("publisher_platforms"))
    if platforms:
        extra["publisher_platforms"] = platforms
    listing = Listing(
        name=titles[0] if titles else None,
        description=_join(bodies, descriptions) or None,
        developer=ad.get("page_name") if isinstance(ad.get("page_name"), str) else None,
    )
    text = _join(bodies, titles, descriptions, captions)
    return _ad_snapshot(ad.get("id"), text, landing, listing, extra)


def tiktok_ad(item: Mapping[str, Any]) -> Snapshot:
    """One TikTok Commercial Content API record (``{"ad": …, "advertiser": …}``) as a snapshot."""
    ad_value, adv_value = item.get("ad"), item.get("advertiser")
    ad: Mapping[str, Any] = ad_value if isinstance(ad_value, Mapping) else item
    advertiser: Mapping[str, Any] = adv_value if isinstance(adv_value, Mapping) else {}
    texts = [t for key in _TIKTOK_TEXT_KEYS for t in _strs(ad.get(key))]
    landing = _landing(ad) or _landing(item)
    extra: dict[str, Any] = {"ad_platform": "tiktok"}
    if ad.get("id") is not None:
        extra["library_url"] = f"https://library.tiktok.com/ads/detail/?ad_id={ad['id']}"
    for key in ("first_shown_date", "last_shown_date", "status"):
        if isinstance(ad.get(key), str | int):
            extra[key] = ad[key]
    videos = [v.get("url") for v in ad.get("videos") or [] if isinstance(v, Mapping)]
    if any(isinstance(v, str) for v in videos):
        extra["videos"] = [v for v in videos if isinstance(v, str)]
    name = advertiser.get("business_name")
    listing = Listing(
        description=_join(texts) or None,
        developer=name if isinstance(name, str) else None,
    )
    return _ad_snapshot(ad.get("id"), _join(texts), landing, listing, extra)


def _records(obj: Any) -> Iterator[Snapshot]:
    """Snapshots from one parsed JSON value of either format (nested responses allowed)."""
    if isinstance(obj, list):
        for item in obj:
            yield from _records(item)
        return
    if not isinstance(obj, Mapping):
        raise InvalidSnapshot(f"ad export item is a {type(obj).__name__}, not an object")
    data = obj.get("data")
    if isinstance(data, Mapping) and isinstance(data.get("ads"), list):
        yield from (tiktok_ad(a) for a in data["ads"] if isinstance(a, Mapping))
    elif isinstance(data, list):
        yield from _records(data)
    elif isinstance(obj.get("ad"), Mapping):
        yield tiktok_ad(obj)
    elif _META_KEYS & obj.keys():
        yield meta_ad(obj)
    elif "data" not in obj:
        raise InvalidSnapshot("unrecognised ad export: neither Meta Ad Library nor TikTok")


def _parse_text(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        pass
    except RecursionError as exc:
        raise InvalidSnapshot("ad export is not usable JSON: nested too deeply") from exc
    try:
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    except ValueError as exc:
        raise InvalidSnapshot(f"ad export is neither JSON nor JSON Lines: {exc}") from exc
    except RecursionError as exc:
        raise InvalidSnapshot("ad export is not usable JSON: nested too deeply") from exc


def load_ad_export(source: str | Path | Mapping[str, Any] | list[Any]) -> list[Snapshot]:
    """Snapshots for every ad in an export file, JSON text, or already-parsed object."""
    if isinstance(source, Mapping | list):
        obj: Any = source
    elif isinstance(source, str) and source.lstrip()[:1] in ("{", "["):
        obj = _parse_text(source)
    else:
        path = Path(source)
        if path.stat().st_size > MAX_EXPORT_BYTES:
            raise InvalidSnapshot(f"ad export larger than {MAX_EXPORT_BYTES} bytes: {path}")
        obj = _parse_text(path.read_text(encoding="utf-8-sig"))
    return list(_records(obj))


def linked_snapshots(ad: Snapshot, fetch: Fetcher) -> list[Snapshot]:
    """The ad's landing page fetched as a ``page`` snapshot tagged with the ad's id."""
    landing = (ad.listing.landing_url if ad.listing else None) or ad.extra.get("landing_url")
    if not isinstance(landing, str) or not landing.startswith(("http://", "https://")):
        return []
    page = safe_fetch(fetch, landing, "page")
    page.kind = "page"
    page.extra["parent_id"] = ad.id
    page.extra["parent_kind"] = "ad"
    return [page]
