"""Listing sources: store pages, extension packages and ad-library exports -> snapshots."""

from __future__ import annotations

import gzip
import io
import itertools
import json
import struct
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detector.config import Settings
from detector.crawl.sources import adapter_for, default_fetcher, snapshot_from_source
from detector.crawl.sources.ad_library import linked_snapshots, load_ad_export, strip_secrets
from detector.crawl.sources.chrome_store import attach_manifest, extension_id
from detector.crawl.sources.crx import Limits, lenient_json, read_manifest
from detector.errors import InvalidPackage, InvalidSnapshot
from detector.extract import extract_features
from detector.records import Snapshot
from tests.conftest import shared_path

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
CWS_URL = "https://chromewebstore.google.com/detail/profile-viewer-for-tiktok/abcdefghijklmnopabcdefghijklmnop"
CWS_OLD = "https://chrome.google.com/webstore/detail/video-downloader-for-tiktok/ponmlkjihgfedcbaponmlkjihgfedcba"
PLAY_URL = "https://play.google.com/store/apps/details?id=com.tikstalk.viewers&hl=en_US"
APPLE_URL = "https://apps.apple.com/us/app/profile-tracker-who-viewed-me/id1590000001"


class FakeFetch:
    """Serves fixture pages by URL and records every call."""

    def __init__(self, pages: dict[str, str]) -> None:
        self.pages = pages
        self.calls: list[tuple[str, str]] = []

    def __call__(self, url: str, *, kind: str = "page") -> Snapshot:
        self.calls.append((url, kind))
        if url not in self.pages:
            return Snapshot(url=url, kind=kind, status=404, error="fetch.http_404")
        return Snapshot(url=url, kind=kind, html=self.pages[url], status=200, final_url=url)


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


# ------------------------------------------------------------------------- routing
@pytest.mark.parametrize(
    ("url", "adapter"),
    [
        (CWS_URL, "chrome_store"),
        (CWS_OLD, "chrome_store"),
        (PLAY_URL, "google_play"),
        (APPLE_URL, "app_store"),
        ("https://play.google.com/store/search?q=tiktok", None),
        ("https://chromewebstore.google.com/category/extensions", None),
        ("https://apps.apple.com.evil.example/us/app/x/id1590000001", None),
        ("https://example.com/detail/x", None),
        ("not a url", None),
    ],
)
def test_adapter_for(url: str, adapter: str | None) -> None:
    assert adapter_for(url) == adapter


def test_other_urls_are_fetched_as_plain_pages() -> None:
    fetch = FakeFetch({"https://example.com/": "<p>hello</p>"})
    snap = snapshot_from_source("https://example.com/", fetch)
    assert snap.kind == "page" and snap.html == "<p>hello</p>"
    assert fetch.calls == [("https://example.com/", "page")]


def test_failed_fetch_keeps_the_error_and_the_kind() -> None:
    snap = snapshot_from_source(PLAY_URL, FakeFetch({}))
    assert snap.kind == "app_listing"
    assert snap.error == "fetch.http_404"
    assert snap.listing is None


def test_a_raising_fetcher_becomes_an_error_snapshot() -> None:
    def boom(url: str, *, kind: str = "page") -> Snapshot:
        raise RuntimeError("network on fire")

    snap = snapshot_from_source(CWS_URL, boom)
    assert snap.kind == "extension_listing"
    assert snap.error is not None and snap.error.startswith("fetch.failed")


# ------------------------------------------------------------------- Chrome Web Store
def test_chrome_store_detail_page() -> None:
    fetch = FakeFetch({CWS_URL: fixture("chrome_store_detail.html")})
    snap = snapshot_from_source(CWS_URL, fetch)
    assert fetch.calls == [(CWS_URL, "extension_listing")]
    assert snap.kind == "extension_listing" and snap.status == 200
    listing = snap.listing
    assert listing is not None
    assert listing.name == "Profile Viewer for TikTok™"
    assert listing.installs == "200,000"
    assert listing.rating == pytest.approx(3.8)
    assert listing.developer == "ViewerLabs Ltd"
    # the Overview section is longer than the og: summary, so it wins
    assert listing.description is not None and "secret admirer" in listing.description
    assert listing.extra["extension_id"] == "abcdefghijklmnopabcdefghijklmnop"
    assert listing.extra["developer_email"] == "support@tt-viewer-ext.example"
    assert listing.extra["version"] == "2.4.1"
    assert snap.html is None and snap.text is not None and "Profile Viewer" in snap.text


def test_chrome_store_legacy_page_uses_itemprop_meta() -> None:
    snap = snapshot_from_source(CWS_OLD, FakeFetch({CWS_OLD: fixture("chrome_store_legacy.html")}))
    listing = snap.listing
    assert listing is not None
    assert listing.name == "Video Downloader for TikTok"
    assert listing.installs == "10,000+"
    assert listing.rating == pytest.approx(4.25)
    assert listing.developer == "dl-helper.example"
    assert listing.description == "Save TikTok videos without watermark."
    assert listing.extra["extension_id"] == "ponmlkjihgfedcbaponmlkjihgfedcba"
    assert listing.extra["version"] == "1.0.7"


def test_chrome_store_round_trips_as_json() -> None:
    snap = snapshot_from_source(CWS_URL, FakeFetch({CWS_URL: fixture("chrome_store_detail.html")}))
    again = Snapshot.from_json(snap.to_json())
    assert again.listing is not None and again.listing.name == snap.listing.name  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("url", "ident"),
    [
        (CWS_URL, "abcdefghijklmnopabcdefghijklmnop"),
        (
            "https://chromewebstore.google.com/detail/abcdefghijklmnopabcdefghijklmnop",
            "abcdefghijklmnopabcdefghijklmnop",
        ),
        ("https://chromewebstore.google.com/detail/slug/abcdefghijklmnopabcdefghijklmnoz", None),
        ("https://chromewebstore.google.com/detail/slug/", None),
    ],
)
def test_extension_id(url: str, ident: str | None) -> None:
    assert extension_id(url) == ident


def test_page_without_markup_of_interest_gives_an_empty_listing() -> None:
    snap = snapshot_from_source(CWS_URL, FakeFetch({CWS_URL: "<html><body><p>x</p></body></html>"}))
    assert snap.listing is not None
    assert snap.listing.name is None and snap.listing.rating is None
    assert snap.listing.installs is None


# ------------------------------------------------------------------------ Google Play
def test_google_play_detail_page() -> None:
    snap = snapshot_from_source(PLAY_URL, FakeFetch({PLAY_URL: fixture("google_play_detail.html")}))
    assert snap.kind == "app_listing"
    listing = snap.listing
    assert listing is not None
    assert listing.name == "Who Viewed My Profile: TikStalk"
    assert listing.developer == "Stalk Apps Studio"
    assert listing.rating == pytest.approx(4.1)
    assert listing.installs == "1M+"
    assert listing.description is not None and "$6.99/week" in listing.description
    extra = listing.extra
    assert extra["price"] == 0.0 and extra["currency"] == "USD"
    assert extra["package"] == "com.tikstalk.viewers"
    assert extra["developer_email"] == "help@tikstalk-app.example"
    assert extra["developer_website"] == "https://tikstalk-app.example"
    assert extra["contains_ads"] is True and extra["offers_in_app_purchases"] is True
    perms = listing.permissions
    assert "read your contacts" in perms
    assert "android.permission.SYSTEM_ALERT_WINDOW" in perms  # from the embedded data blob
    assert perms.count("android.permission.BIND_ACCESSIBILITY_SERVICE") == 1


def test_google_play_snapshot_feeds_listing_signals() -> None:
    snap = snapshot_from_source(PLAY_URL, FakeFetch({PLAY_URL: fixture("google_play_detail.html")}))
    features = extract_features(snap)
    assert features["listing.android_overlay"] == 1
    assert features["listing.subscription_weekly"] == 1
    assert features["listing.admits_estimated"] == 1


def test_google_play_missing_email_is_recorded_as_empty() -> None:
    html = fixture("google_play_detail.html").replace("mailto:help@tikstalk-app.example", "#")
    snap = snapshot_from_source(PLAY_URL, FakeFetch({PLAY_URL: html}))
    assert snap.listing is not None and snap.listing.extra["developer_email"] == ""


# ---------------------------------------------------------------------- Apple App Store
def test_app_store_page() -> None:
    snap = snapshot_from_source(APPLE_URL, FakeFetch({APPLE_URL: fixture("app_store_detail.html")}))
    assert snap.kind == "app_listing"
    listing = snap.listing
    assert listing is not None
    assert listing.name == "Profile Tracker: Who Viewed Me"
    assert listing.developer == "Tracker Media LLC"
    assert listing.rating == pytest.approx(4.4)
    extra = listing.extra
    assert extra["price"] == 0.0 and extra["app_id"] == "1590000001"
    assert extra["in_app_purchases"] == ["Weekly Insights: $7.99", "Yearly Insights: $49.99"]
    assert extra["developer_website"] == "https://tracker-media.example/"
    assert extract_features(snap)["listing.subscription_weekly"] == 1


# ------------------------------------------------------------------------------ CRX
def _zip(files: dict[str, bytes | str], level: int = 6) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _crx3(payload: bytes, header: bytes = b"\x12\x04fake") -> bytes:
    return b"Cr24" + struct.pack("<II", 3, len(header)) + header + payload


MANIFEST = """{
  // MV3 manifest with comments and trailing commas, as authors write them
  "manifest_version": 3,
  "name": "__MSG_appName__",
  "default_locale": "en",
  "version": "1.2.3",
  "permissions": ["cookies", "storage",],
  "host_permissions": ["https://*.tiktok.com/*"],
  /* background worker */
  "background": {"service_worker": "bg.js"},
}"""
MESSAGES = json.dumps({"appName": {"message": "TikTok Profile Viewer"}})


def test_crx3_manifest_is_read_leniently_and_localised() -> None:
    data = _crx3(_zip({"manifest.json": MANIFEST, "_locales/en/messages.json": MESSAGES}))
    manifest = read_manifest(data)
    assert manifest["name"] == "TikTok Profile Viewer"
    assert manifest["permissions"] == ["cookies", "storage"]
    assert manifest["background"] == {"service_worker": "bg.js"}


def test_crx2_and_bare_zip_are_accepted() -> None:
    payload = _zip({"manifest.json": '{"name": "x", "version": "1"}'})
    crx2 = b"Cr24" + struct.pack("<III", 2, 4, 3) + b"KEY!" + b"SIG" + payload
    assert read_manifest(crx2)["name"] == "x"
    assert read_manifest(payload)["name"] == "x"


def test_manifest_feeds_the_extension_listing() -> None:
    snap = Snapshot(url=CWS_URL, kind="extension_listing")
    manifest = read_manifest(_crx3(_zip({"manifest.json": MANIFEST})))
    attach_manifest(snap, manifest)
    assert snap.listing is not None
    assert snap.listing.permissions == ["cookies", "storage"]
    assert snap.listing.host_permissions == ["https://*.tiktok.com/*"]
    assert extract_features(snap)["listing.cookies_with_tiktok_host"] == 1


def _reason(data: bytes, limits: Limits | None = None) -> str:
    with pytest.raises(InvalidPackage) as info:
        read_manifest(data, limits)
    return info.value.reason


def test_header_over_one_megabyte_is_refused() -> None:
    data = b"Cr24" + struct.pack("<II", 3, 2_000_000) + b"\0" * 64
    assert _reason(data) == "header_too_large"


def test_zip_bomb_is_refused_before_decompression() -> None:
    bomb = _crx3(_zip({"manifest.json": "{}", "pad.bin": b"\0" * 20_000_000}, level=9))
    assert len(bomb) < 100_000
    assert _reason(bomb) == "bomb"


def test_lying_sizes_are_caught_while_reading() -> None:
    big = "{" + " " * 3_000_000 + "}"
    data = _crx3(_zip({"manifest.json": big}))
    # the ratio check is switched off, so only the read cap can stop it
    assert _reason(data, Limits(ratio_floor=10**12)) == "bomb"


def test_total_and_member_caps() -> None:
    files: dict[str, bytes | str] = {"manifest.json": "{}"}
    files |= {f"f{i}.js": "x" * 600 for i in range(5)}
    data = _zip(files)
    assert _reason(data, Limits(max_total_bytes=1_000)) == "bomb"
    assert _reason(data, Limits(max_member_bytes=500)) == "member_too_large"
    assert _reason(data, Limits(max_members=3)) == "too_many_members"
    assert read_manifest(data) == {}


@pytest.mark.parametrize("name", ["../evil.js", "/etc/passwd", "a/../../b", "C:\\win.ini"])
def test_path_traversal_names_are_refused(name: str) -> None:
    assert _reason(_zip({"manifest.json": "{}", name: "x"})) == "path"


def test_truncated_and_broken_packages() -> None:
    full = _crx3(_zip({"manifest.json": MANIFEST}))
    assert _reason(full[: len(full) // 2]) == "truncated"
    assert _reason(full[:14]) == "truncated"
    assert _reason(b"PK\x03\x04garbage") == "truncated"
    assert _reason(b"GIF89a....") == "bad_magic"
    assert _reason(b"Cr24" + struct.pack("<II", 9, 0) + b"PK") == "bad_version"
    assert _reason(_zip({"readme.txt": "x"})) == "no_manifest"
    assert _reason(_zip({"manifest.json": "{not json"})) == "bad_json"
    assert _reason(_zip({"manifest.json": "[1, 2]"})) == "bad_json"


def test_lenient_json_leaves_strings_alone() -> None:
    assert lenient_json('{"u": "https://x.example/*", // c\n "v": "/* keep */",}') == {
        "u": "https://x.example/*",
        "v": "/* keep */",
    }


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from([b"", b"Cr24", b"PK\x03\x04"]))
def test_any_bytes_give_a_manifest_or_invalid_package(blob: bytes, prefix: bytes) -> None:
    try:
        result = read_manifest(prefix + blob)
    except InvalidPackage:
        return
    assert isinstance(result, dict)


# ------------------------------------------------------------------------ ad libraries
def test_meta_ad_library_export() -> None:
    ads = load_ad_export(FIXTURES / "meta_ad_library.json")
    assert [a.id for a in ads] == ["1234567890123456", "2234567890123456", "3234567890123456"]
    assert all(a.kind == "ad" for a in ads)
    first = ads[0]
    assert first.text is not None
    assert "who viewed your TikTok" in first.text and "See Who Viewed Your Profile" in first.text
    assert first.url == "https://tt-viewers-check.xyz/"
    assert first.listing is not None and first.listing.landing_url == first.url
    assert first.extra["landing_url"] == first.url
    assert first.extra["landing_url_source"] == "caption"
    assert first.listing.developer == "Profile Insights Pro"
    assert first.extra["publisher_platforms"] == ["facebook", "instagram"]
    assert ads[1].url == "https://creator-gear.example/sale"
    assert "landing_url_source" not in ads[1].extra
    assert ads[2].text is None and ads[2].url == ""
    # access tokens in ad_snapshot_url never reach a stored record
    assert all("access_token" not in a.to_json() for a in ads)
    assert "id=1234567890123456" in first.extra["ad_snapshot_url"]


def test_tiktok_commercial_content_export() -> None:
    ads = load_ad_export(FIXTURES / "tiktok_ad_library.json")
    assert [a.id for a in ads] == ["1790000000000001", "1790000000000002", "1790000000000003"]
    first = ads[0]
    assert first.text is not None and "who stalks your TikTok" in first.text
    assert first.url == "https://tiktok-viewer-report.example/start?src=ad"
    assert first.listing is not None and first.listing.developer == "Viewer Report Co"
    assert first.extra["first_shown_date"] == 20260901
    assert first.extra["videos"] == ["https://library.example/video/1.mp4"]
    assert ads[1].url == "" and ads[1].text is None
    assert ads[2].listing is not None and ads[2].listing.developer is None


def test_ad_exports_from_objects_lists_and_json_lines() -> None:
    meta = json.loads(fixture("meta_ad_library.json"))
    tiktok = json.loads(fixture("tiktok_ad_library.json"))
    assert len(load_ad_export(meta)) == 3
    assert len(load_ad_export([meta, tiktok])) == 6
    assert len(load_ad_export(meta["data"])) == 3
    lines = json.dumps(meta) + "\n" + json.dumps(tiktok) + "\n"
    assert len(load_ad_export(lines)) == 6
    ids = [a.id for a in load_ad_export({"data": []})]
    assert ids == []


@pytest.mark.parametrize("bad", [{"foo": 1}, [1, 2], "[{]"])
def test_unrecognised_exports_raise_invalid_snapshot(bad: object) -> None:
    with pytest.raises(InvalidSnapshot):
        load_ad_export(bad)  # type: ignore[arg-type]


def test_linked_snapshots_fetch_the_landing_page() -> None:
    ad = load_ad_export(FIXTURES / "tiktok_ad_library.json")[0]
    landing = "https://tiktok-viewer-report.example/start?src=ad"
    fetch = FakeFetch({landing: "<a href='/step2'>Continue</a>"})
    pages = linked_snapshots(ad, fetch)
    assert fetch.calls == [(landing, "page")]
    assert len(pages) == 1 and pages[0].kind == "page"
    assert pages[0].extra["parent_id"] == "1790000000000001"
    no_landing = load_ad_export(FIXTURES / "tiktok_ad_library.json")[1]
    assert linked_snapshots(no_landing, fetch) == []
    assert len(fetch.calls) == 1


def test_strip_secrets() -> None:
    url = "https://x.example/render?id=5&access_token=SECRET&b=2"
    assert strip_secrets(url) == "https://x.example/render?id=5&b=2"


@pytest.mark.shared
def test_real_store_manifests_round_trip_through_crx() -> None:
    path = shared_path("chrome-extensions", "manifests_2020-10_mandatoryprogrammer.jsonl.gz")
    strict: list[dict[str, object]] = []
    raw: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in itertools.islice(f, 5000):
            rec = json.loads(line)
            if rec["parse_ok"] and isinstance(rec["manifest"], dict) and len(strict) < 200:
                strict.append(rec["manifest"])
            elif not rec["parse_ok"] and rec["raw"]:
                raw.append(rec["raw"])
    assert len(strict) == 200
    for manifest in strict:
        packed = _crx3(_zip({"manifest.json": json.dumps(manifest, indent=1)}))
        assert read_manifest(packed) == manifest
    for text in raw:  # upstream's non-strict files: parsed leniently or refused with a reason
        try:
            assert isinstance(lenient_json(text), dict | list)
        except InvalidPackage as exc:
            assert exc.reason == "bad_json"


def test_keep_html_keeps_the_store_markup() -> None:
    html = fixture("app_store_detail.html")
    snap = snapshot_from_source(APPLE_URL, FakeFetch({APPLE_URL: html}), keep_html=True)
    assert snap.html == html and snap.listing is not None


def test_default_fetcher_calls_the_crawler(monkeypatch: pytest.MonkeyPatch) -> None:
    import detector.crawl

    seen: list[tuple[str, object, object, str]] = []

    def crawl_fetch(url: str, settings: object = None, session: object = None, kind: str = "page"):
        seen.append((url, settings, session, kind))
        return Snapshot(url=url, kind=kind, html=fixture("google_play_detail.html"))

    monkeypatch.setattr(detector.crawl, "fetch", crawl_fetch, raising=False)
    cfg = Settings(read_timeout=3.0)
    snap = snapshot_from_source(PLAY_URL, default_fetcher(cfg, session="S"))
    assert seen == [(PLAY_URL, cfg, "S", "app_listing")]
    assert snap.listing is not None and snap.listing.installs == "1M+"
