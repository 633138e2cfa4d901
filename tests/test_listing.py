"""Listing family: extension manifests, Android permissions, weekly subscriptions, small print."""

from __future__ import annotations

import csv
import gzip
import json
import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detector.extract import listing
from detector.extract.base import Context
from detector.extract.features import extract_features
from detector.extract.parse import page_from_text
from detector.records import Listing, Snapshot
from tests.conftest import shared_path

KEYS = {
    f"listing.{k}"
    for k in [
        "present", "is_extension", "is_app", "perm_cookies", "cookies_with_tiktok_host",
        "cookies_with_social_host",
        "perm_all_urls", "perm_webrequest_blocking", "perm_dnr", "perm_management",
        "perm_browsing_data", "perm_scripting", "externally_connectable", "update_url_offstore",
        "remote_code", "content_script_all_urls", "tiktok_host_only", "ext_risk",
        "android_overlay", "android_install_packages", "android_query_all_packages",
        "android_accessibility", "android_sms", "android_contacts", "android_risk",
        "subscription_weekly", "price", "installs_log10", "rating", "developer_missing",
        "admits_estimated", "disclaims_affiliation",
    ]
}  # fmt: skip

BENIGN_HELPER = {
    "name": "Comment Exporter for TikTok",
    "developer": "Example Tools Ltd",
    "manifest": {
        "manifest_version": 3,
        "name": "Comment Exporter for TikTok",
        "permissions": ["activeTab", "storage", "sidePanel"],
        "host_permissions": ["https://*.tiktok.com/*"],
        "content_scripts": [{"matches": ["https://www.tiktok.com/*"], "js": ["content.js"]}],
        "update_url": "https://clients2.google.com/service/update2/crx",
    },
}
MALICIOUS_VIEWER = {
    "name": "TikTok Profile Viewer - see who viewed you",
    "manifest": {
        "manifest_version": 2,
        "name": "TikTok Viewer",
        "permissions": ["cookies", "<all_urls>", "webRequest", "webRequestBlocking", "tabs"],
        "update_url": "https://tiktok-viewer-updates.example/crx.xml",
        "background": {"scripts": ["bg.js"]},
        "content_scripts": [{"matches": ["<all_urls>"], "js": ["inject.js"]}],
    },
}


def feats(**snapshot) -> dict[str, int | float | str]:
    out = extract_features(Snapshot(**snapshot))
    return {k: v for k, v in out.items() if k.startswith("listing.")}


def ext(manifest: dict | None = None, **fields) -> dict:
    return feats(kind="extension_listing", listing={"manifest": manifest, **fields})


def app(**fields) -> dict:
    return feats(kind="app_listing", listing={"developer": "Dev", **fields})


def test_no_listing_gives_all_zeros():
    f = feats(url="https://example.com/", html="<p>hello</p>")
    assert set(f) == KEYS
    assert all(v == 0 for v in f.values()), {k: v for k, v in f.items() if v}
    assert set(listing.DESCRIPTIONS) | set(listing.BENIGN_DESCRIPTIONS) <= set(f)


def test_schema_is_the_same_for_every_kind_of_listing():
    keys = {
        frozenset(feats(**s))
        for s in (
            {"kind": "extension_listing", "listing": MALICIOUS_VIEWER},
            {"kind": "app_listing", "listing": {"permissions": ["SEND_SMS"]}},
            {"kind": "page", "html": "<p>x</p>"},
        )
    }
    assert len(keys) == 1


def test_benign_tiktok_helper_is_the_baseline():
    f = feats(kind="extension_listing", listing=BENIGN_HELPER)
    assert f["listing.present"] == 1 and f["listing.is_extension"] == 1
    assert f["listing.is_app"] == 0
    assert f["listing.tiktok_host_only"] == 1
    assert f["listing.ext_risk"] < 1.0
    assert f["listing.update_url_offstore"] == 0 and f["listing.developer_missing"] == 0
    assert f["listing.cookies_with_tiktok_host"] == 0 and f["listing.perm_all_urls"] == 0


def test_malicious_viewer_extension_scores_high():
    f = feats(kind="extension_listing", listing=MALICIOUS_VIEWER)
    benign = feats(kind="extension_listing", listing=BENIGN_HELPER)
    for key in (
        "perm_cookies",
        "cookies_with_tiktok_host",
        "perm_all_urls",
        "perm_webrequest_blocking",
        "update_url_offstore",
        "content_script_all_urls",
    ):
        assert f[f"listing.{key}"] == 1, key
    # The listing gives no developer field at all: unknown, not evidence.
    assert f["listing.developer_missing"] == 0
    assert f["listing.tiktok_host_only"] == 0
    assert f["listing.ext_risk"] > benign["listing.ext_risk"] + 6


def test_cookies_with_a_tiktok_host_only():
    f = ext(
        {
            "manifest_version": 3,
            "permissions": ["cookies"],
            "host_permissions": ["*://*.tiktok.com/*"],
        }
    )
    assert f["listing.cookies_with_tiktok_host"] == 1 and f["listing.perm_all_urls"] == 0
    assert f["listing.tiktok_host_only"] == 0  # cookies is not a benign API permission
    f = ext(
        {
            "manifest_version": 3,
            "permissions": ["cookies"],
            "host_permissions": ["https://*.example.org/*"],
        }
    )
    assert f["listing.cookies_with_tiktok_host"] == 0


def test_listing_fields_without_manifest():
    f = feats(
        kind="extension_listing",
        listing={
            "permissions": [
                "management",
                "browsingData",
                "scripting",
                "declarativeNetRequestWithHostAccess",
            ],
            "host_permissions": ["*://*/*"],
        },
    )
    for key in (
        "perm_management",
        "perm_browsing_data",
        "perm_scripting",
        "perm_dnr",
        "perm_all_urls",
    ):
        assert f[f"listing.{key}"] == 1, key


def test_optional_permissions_weigh_less():
    required = ext({"manifest_version": 3, "permissions": ["cookies", "history"]})
    optional = ext({"manifest_version": 3, "optional_permissions": ["cookies", "history"]})
    assert optional["listing.perm_cookies"] == 1
    assert 0 < optional["listing.ext_risk"] < required["listing.ext_risk"]


@pytest.mark.parametrize(
    ("update_url", "offstore"),
    [
        ("https://clients2.google.com/service/update2/crx", 0),
        ("https://edge.microsoft.com/extensionwebstorebase/v1/crx", 0),
        ("https://evil.example/?u=clients2.google.com/service/update2/crx", 1),
        ("https://clients2.google.com.evil.example/service/update2/crx", 1),
        ("http://updates.example.net/ext.xml", 1),
    ],
)
def test_update_url_offstore(update_url, offstore):
    f = ext({"manifest_version": 2, "update_url": update_url})
    assert f["listing.update_url_offstore"] == offstore


@pytest.mark.parametrize(
    ("manifest", "remote"),
    [
        ({"content_security_policy": "script-src 'self' 'unsafe-eval'; object-src 'self'"}, 1),
        (
            {
                "content_security_policy": "script-src 'self' https://cdn.example.net; object-src 'self'"
            },
            1,
        ),
        ({"content_security_policy": "script-src 'self'; object-src 'self'"}, 0),
        (
            {
                "content_security_policy": {
                    "sandbox": "sandbox allow-scripts; script-src 'self' 'unsafe-eval'",
                    "extension_pages": "script-src 'self'",
                }
            },
            0,
        ),
        (
            {
                "content_security_policy": {
                    "extension_pages": "script-src 'self' 'wasm-unsafe-eval'"
                }
            },
            0,
        ),
        ({"background": {"scripts": ["https://cdn.example.net/bg.js"]}}, 1),
        (
            {
                "content_scripts": [
                    {"matches": ["https://*.tiktok.com/*"], "js": ["http://x.example/c.js"]}
                ]
            },
            1,
        ),
        ({"background": {"service_worker": "sw.js"}}, 0),
    ],
)
def test_remote_code(manifest, remote):
    assert ext({"manifest_version": 2, **manifest})["listing.remote_code"] == remote


def test_externally_connectable_breaks_the_benign_baseline():
    manifest = dict(BENIGN_HELPER["manifest"])
    manifest["externally_connectable"] = {"matches": ["https://*.example.com/*"]}
    f = ext(manifest, developer="Example")
    assert f["listing.externally_connectable"] == 1
    assert f["listing.tiktok_host_only"] == 0


def test_android_fleeceware_listing():
    f = app(
        name="Profile Viewers for TikTok",
        description="Find out who viewed your TikTok profile! Unlock full reports for $6.99/week.",
        permissions=[
            "android.permission.SYSTEM_ALERT_WINDOW",
            "android.permission.INTERNET",
            "com.android.vending.BILLING",
        ],
        installs="1,000,000+",
        rating=3.2,
    )
    assert f["listing.is_app"] == 1 and f["listing.is_extension"] == 0
    assert f["listing.android_overlay"] == 1 and f["listing.subscription_weekly"] == 1
    assert f["listing.android_risk"] > 0
    assert f["listing.installs_log10"] == pytest.approx(6.0, abs=0.01)
    assert f["listing.rating"] == pytest.approx(3.2)
    assert f["listing.ext_risk"] == 0.0


def test_android_permissions_bare_prefixed_or_as_store_labels():
    prefixed = app(
        permissions=[
            "android.permission.REQUEST_INSTALL_PACKAGES",
            "android.permission.BIND_ACCESSIBILITY_SERVICE",
            "android.permission.READ_SMS",
            "android.permission.READ_CONTACTS",
            "android.permission.QUERY_ALL_PACKAGES",
        ]
    )
    bare = app(
        permissions=[
            "REQUEST_INSTALL_PACKAGES",
            "BIND_ACCESSIBILITY_SERVICE",
            "READ_SMS",
            "READ_CONTACTS",
            "QUERY_ALL_PACKAGES",
        ]
    )
    assert prefixed == bare
    for key in (
        "android_install_packages",
        "android_accessibility",
        "android_sms",
        "android_contacts",
        "android_query_all_packages",
    ):
        assert bare[f"listing.{key}"] == 1, key
    label = app(permissions=["draw over other apps", "read your text messages (SMS or MMS)"])
    assert label["listing.android_overlay"] == 1 and label["listing.android_sms"] == 1
    assert app(permissions=["INTERNET"])["listing.android_risk"] == 0


@pytest.mark.parametrize(
    ("text", "weekly"),
    [
        ("Premium access: $4.99/week after a 3-day trial", 1),
        ("Assine por R$ 19,90 por semana", 1),
        ("Langganan hanya Rp 49.000 per minggu", 1),
        ("Start your weekly subscription today", 1),
        ("Only 4,99 € / Woche", 1),
        ("Subscription periods are 1 week / 1 month / 12 months.", 1),
        ("The 1-week subscription price is $2.99.", 1),
        ("Your 1 week of free shipping starts now", 0),
        ("Our tips: post 3 videos per week", 0),
        ("Get weekly reports on your follower growth", 0),
        ("Support is open 7 days a week", 0),
    ],
)
def test_weekly_subscription_wording(text, weekly):
    assert app(description=text)["listing.subscription_weekly"] == weekly


def test_weekly_subscription_in_extra_fields():
    f = app(
        description="See your fans.",
        in_app_products=[{"name": "VIP", "period": "weekly", "price": "$7.99 per week"}],
    )
    assert f["listing.subscription_weekly"] == 1


@pytest.mark.parametrize(
    ("price", "expected"),
    [
        ("$2.99", 2.99),
        ("Free", 0.0),
        (4.5, 4.5),
        ("R$ 9,90", 9.9),
        ("US$1,299", 1299.0),
        (None, 0.0),
    ],
)
def test_price(price, expected):
    assert app(price=price)["listing.price"] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("installs", "expected"),
    [("1,000,000+", 1e6), ("10M+", 1e7), ("1.5K users", 1500), (50000, 5e4), ("n/a", 0), (None, 0)],
)
def test_installs(installs, expected):
    assert listing.parse_installs(installs) == pytest.approx(expected)


def test_small_print_estimated_is_separate_from_affiliation_disclaimer():
    est = app(description="Visitor data shown is estimated from your follower list.")
    assert est["listing.admits_estimated"] == 1 and est["listing.disclaims_affiliation"] == 0
    aff = app(description="This app is not affiliated with TikTok or ByteDance.")
    assert aff["listing.disclaims_affiliation"] == 1 and aff["listing.admits_estimated"] == 0
    pt = app(description="Resultados simulados. Não é afiliado ao TikTok.")
    assert pt["listing.admits_estimated"] == 1 and pt["listing.disclaims_affiliation"] == 1


def test_developer_missing_and_no_description_length():
    # Length is no evidence (real store texts run long in both classes): not a feature.
    assert not any("chars" in name for name in app(description="x" * 30000))
    # An absent field is unknown (manifests, store texts): only an empty one is evidence.
    assert feats(kind="app_listing", listing={"name": "A"})["listing.developer_missing"] == 0
    blank = {"name": "A", "developer": " "}
    assert feats(kind="app_listing", listing=blank)["listing.developer_missing"] == 1
    manifest = {"manifest_version": 3, "name": "Helper", "permissions": ["storage"]}
    bare_ext = {"name": "Helper", "manifest": manifest}
    assert feats(kind="extension_listing", listing=bare_ext)["listing.developer_missing"] == 0
    text_only = {"description": "Download your own videos."}
    assert feats(kind="app_listing", listing=text_only)["listing.developer_missing"] == 0
    assert app(developer_email="", developer_website="")["listing.developer_missing"] == 1
    assert app(developer_email="a@b.example")["listing.developer_missing"] == 0


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
_keys = st.sampled_from(
    [
        "permissions",
        "optional_permissions",
        "host_permissions",
        "content_scripts",
        "content_security_policy",
        "background",
        "update_url",
        "web_accessible_resources",
        "externally_connectable",
    ]
)


@settings(max_examples=50, deadline=None)
@given(st.dictionaries(_keys, _json, max_size=6), _json)
def test_odd_manifests_and_extras_never_break(manifest, extra):
    snap = Snapshot(
        kind="extension_listing",
        listing=Listing(manifest=manifest, extra={"price": extra, "x": extra}),
    )
    sig = listing.extract(Context(snapshot=snap, page=page_from_text("")))
    assert set(sig.features) == KEYS
    assert all(isinstance(v, int | float) for v in sig.features.values())


def _manifests(path, wanted: set[str], limit: int):
    """The first ``limit`` parsed manifests, plus every one whose ID is in ``wanted``."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n >= limit and not wanted:
                return
            if n >= limit and line[18:50] not in wanted:
                continue
            row = json.loads(line)
            if isinstance(row.get("manifest"), dict):
                wanted.discard(row["extension_id"])
                yield row["extension_id"], row["manifest"]


def test_real_2020_manifests_known_malicious_rank_higher():
    folder = ("chrome-extensions",)
    manifests = shared_path(*folder, "manifests_2020-10_mandatoryprogrammer.jsonl.gz")
    with shared_path(*folder, "malicious_ids_union.csv").open(encoding="utf-8") as fh:
        bad = {r["extension_id"] for r in csv.DictReader(fh) if r["has_2020_manifest"] == "1"}
    risk: dict[str, list[float]] = {"malicious": [], "background": []}
    for ext_id, manifest in _manifests(manifests, set(bad), 2000):
        snap = Snapshot(kind="extension_listing", listing=Listing(manifest=manifest))
        sig = listing.extract(Context(snapshot=snap, page=page_from_text("")))
        assert sig.features["listing.is_extension"] == 1
        risk["malicious" if ext_id in bad else "background"].append(
            float(sig.features["listing.ext_risk"])
        )
    assert len(risk["background"]) >= 1900 and len(risk["malicious"]) >= 90
    means = {k: statistics.mean(v) for k, v in risk.items()}
    print(
        f"mean ext_risk: malicious {means['malicious']:.2f} (n={len(risk['malicious'])}), "
        f"background {means['background']:.2f} (n={len(risk['background'])})"
    )
    assert means["malicious"] > means["background"]


def test_cookies_with_another_networks_host():
    manifest = {
        "manifest_version": 3,
        "permissions": ["cookies", "tabs"],
        "host_permissions": ["*://*.facebook.com/*"],
    }
    f = ext(manifest)
    assert f["listing.cookies_with_social_host"] == 1
    assert f["listing.cookies_with_tiktok_host"] == 0
    no_cookies = {**manifest, "permissions": ["tabs"]}
    assert ext(no_cookies)["listing.cookies_with_social_host"] == 0
    everywhere = {**manifest, "host_permissions": ["<all_urls>"]}
    assert ext(everywhere)["listing.cookies_with_social_host"] == 0  # perm_all_urls says that
