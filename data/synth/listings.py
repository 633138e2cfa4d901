"""Ads, app listings and extension listings, both labels, sharing wording styles."""

from __future__ import annotations

import random
from typing import Any

from data.synth.pages import WORDS, fill, pick

Row = tuple[dict[str, Any], str]  # snapshot fields, subtype

EMOJI = ["", "🔥 ", "👀 ", "✅ ", "⭐ ", "🚀 "]


def _dev(rng: random.Random) -> str:
    return (
        rng.choice(["Studio", "Apps", "Labs", "Media", "Soft", "Digital"])
        + " "
        + rng.choice(["Nova", "Blue", "Pixel", "Orbit", "Kite", "Mango"])
    )


def _installs(rng: random.Random) -> str:
    return rng.choice(["1,000+", "10,000+", "100,000+", "500,000+", "1,000,000+", "5,000,000+"])


# ------------------------------------------------------------------------------ ads
def ad_scam(rng: random.Random, lang: str) -> Row:
    kind = rng.choice(["viewer", "free", "spy", "apk"])
    if kind == "free":
        text = f"{rng.choice(EMOJI)}{fill(pick(rng, 'free_title', lang), rng)}. {fill(pick(rng, 'free_pitch', lang), rng)}"
        url = f"https://free-{rng.choice(WORDS)}{rng.randint(1, 99)}.{rng.choice(['xyz', 'top', 'site'])}/"
        sub = "offer_wall_survey"
    elif kind == "apk":
        text = f"{rng.choice(EMOJI)}TikTok Pro: see who viewed your profile. Download the APK today, enable unknown sources."
        url = f"https://{rng.choice(WORDS)}-apk.{rng.choice(['com', 'xyz'])}/download"
        sub = "malware_apk"
    else:
        text = f"{rng.choice(EMOJI)}{fill(pick(rng, 'scam_title', lang), rng)}! {fill(pick(rng, 'scam_pitch', lang), rng)}"
        url = f"https://{rng.choice(['tiktok', 'tik-tok'])}-{rng.choice(WORDS)}.{rng.choice(['xyz', 'online', 'com', 'app'])}/"
        sub = "spy_report_fabricated" if kind == "spy" else "credential_phishing"
    return {"kind": "ad", "text": text, "url": url if rng.random() < 0.8 else ""}, sub


def ad_benign(rng: random.Random, lang: str) -> Row:
    kind = rng.choice(["tiktok", "tool", "dating", "news", "product"])
    if kind == "tiktok":
        text = "Curious who checked out your profile? Turn on Profile view history in Settings and privacy. Both of you need it on."
        url = "https://www.tiktok.com/safety/en/"
        sub = "tiktok_official"
    elif kind == "tool":
        text = f"{rng.choice(EMOJI)}Grow smarter: see your views, followers and best posting times. Log in securely with TikTok. We never see your password."
        url = f"https://{rng.choice(WORDS)}metrics.com/"
        sub = "legit_oauth_tool"
    elif kind == "dating":
        text = f"{rng.choice(EMOJI)}See who liked you on {rng.choice(['Matchly', 'Datewise'])}. Join free and find your match today!"
        url = "https://matchly.example.com/"
        sub = "first_party_viewers"
    elif kind == "news":
        text = f"{pick(rng, 'explainer_q', lang)} {pick(rng, 'explainer_a', lang)}"
        url = f"https://{rng.choice(WORDS)}news.com/tiktok-viewers"
        sub = "explainer"
    else:
        text = f"{rng.choice(EMOJI)}Ring lights for creators, 30% off today only. Free shipping."
        url = "https://creator-gear.example.com/sale"
        sub = "ordinary"
    return {"kind": "ad", "text": text, "url": url if rng.random() < 0.8 else ""}, sub


# ------------------------------------------------------------------------------ apps
def app_scam(rng: random.Random, lang: str) -> Row:
    name = rng.choice(
        [
            "Who Viewed My Profile",
            "Profile Tracker for TikTok",
            "Followers & Stalkers",
            "TikViewers Pro",
            "Secret Admirers Finder",
        ]
    )
    perms = rng.sample(
        [
            "android.permission.INTERNET",
            "android.permission.SYSTEM_ALERT_WINDOW",
            "android.permission.REQUEST_INSTALL_PACKAGES",
            "android.permission.BIND_ACCESSIBILITY_SERVICE",
            "android.permission.READ_CONTACTS",
            "android.permission.QUERY_ALL_PACKAGES",
            "com.android.vending.BILLING",
        ],
        k=rng.randint(2, 5),
    )
    small = rng.choice(
        [
            "",
            " Data shown is estimated based on your follower lists.",
            " For entertainment purposes only.",
        ]
    )
    desc = (
        f"{rng.choice(EMOJI)}{fill(pick(rng, 'scam_pitch', lang), rng)}\n• See profile visitors\n• Find secret admirers\n• Weekly reports"
        f"\nSubscription: ${rng.choice(['4.99', '6.99', '9.99'])}/week after 3-day trial.{small}"
    )
    listing = {
        "name": name,
        "description": desc,
        "developer": _dev(rng) if rng.random() < 0.7 else "",
        "permissions": perms,
        "installs": _installs(rng),
        "rating": round(rng.uniform(3.2, 4.7), 1),
        "price": 0,
        "in_app_purchases": f"${rng.choice(['4.99', '6.99'])} per week",
        "developer_email": "" if rng.random() < 0.5 else f"help@{rng.choice(WORDS)}apps.com",
    }
    url = (
        f"https://play.google.com/store/apps/details?id=com.{rng.choice(WORDS)}.{rng.choice(WORDS)}"
    )
    return {
        "kind": "app_listing",
        "url": url,
        "listing": listing,
    }, "malware_apk" if "REQUEST_INSTALL" in str(perms) else "fleeceware"


def app_benign(rng: random.Random, lang: str) -> Row:
    name, desc = rng.choice(
        [
            (
                "TikTok",
                "TikTok is the destination for short-form mobile videos. Turn on Profile view history in Settings and privacy to see recent profile viewers who also turned it on.",
            ),
            (
                "Creator Analytics for TikTok",
                "Track your follower growth, views and engagement. Log in with TikTok; we never see your password. This app cannot show who viewed your profile: TikTok does not share that.",
            ),
            ("Clip Editor Pro", "Edit videos with filters, music and captions. Export in HD."),
            (
                "Post Scheduler",
                "Plan and publish your TikTok videos. Connect with the official TikTok login.",
            ),
            (
                "Matchly Dating",
                "Meet people near you. See who liked you and who viewed your Matchly profile.",
            ),
            (
                "Follower Change Tracker",
                "Shows changes in your own follower count over time. It does not show viewers or unfollowers by name.",
            ),
        ]
    )
    perms = rng.sample(
        [
            "android.permission.INTERNET",
            "android.permission.CAMERA",
            "android.permission.RECORD_AUDIO",
            "com.android.vending.BILLING",
            "android.permission.POST_NOTIFICATIONS",
        ],
        k=rng.randint(1, 4),
    )
    listing = {
        "name": name,
        "description": f"{rng.choice(EMOJI)}{desc}\n• Fast\n• Private",
        "developer": _dev(rng),
        "permissions": perms,
        "installs": _installs(rng),
        "rating": round(rng.uniform(3.0, 4.8), 1),
        "price": 0,
        "developer_email": f"support@{rng.choice(WORDS)}.com",
    }
    if rng.random() < 0.3:
        listing["in_app_purchases"] = f"${rng.choice(['2.99', '4.99'])} per month"
    url = (
        f"https://play.google.com/store/apps/details?id=com.{rng.choice(WORDS)}.{rng.choice(WORDS)}"
    )
    sub = {"TikTok": "tiktok_official", "Matchly Dating": "first_party_viewers"}.get(
        name, "legit_tool"
    )
    return {"kind": "app_listing", "url": url, "listing": listing}, sub


# ------------------------------------------------------------------------------ extensions
def _ext_id(rng: random.Random) -> str:
    return "".join(rng.choices("abcdefghijklmnop", k=32))


def ext_scam(rng: random.Random, lang: str) -> Row:
    name = rng.choice(
        [
            "TikTok Profile Viewer",
            "Who Viewed My TikTok",
            "TikTok Unblocker Proxy",
            "Tik Stalker Finder",
        ]
    )
    perms = [
        "cookies",
        "storage",
        *rng.sample(
            [
                "webRequest",
                "webRequestBlocking",
                "declarativeNetRequest",
                "tabs",
                "management",
                "scripting",
            ],
            k=rng.randint(1, 3),
        ),
    ]
    hosts = rng.choice(
        [["<all_urls>"], ["https://*.tiktok.com/*"], ["*://*/*", "https://*.tiktok.com/*"]]
    )
    manifest: dict[str, Any] = {
        "manifest_version": 3,
        "name": name,
        "version": f"1.{rng.randint(0, 9)}",
        "permissions": perms,
        "host_permissions": hosts,
        "background": {"service_worker": "bg.js"},
        "content_scripts": [
            {"matches": rng.choice([["<all_urls>"], ["https://*.tiktok.com/*"]]), "js": ["cs.js"]}
        ],
    }
    if rng.random() < 0.5:
        manifest["update_url"] = f"https://{rng.choice(WORDS)}-upd.com/crx/update.xml"
    if rng.random() < 0.4:
        manifest["externally_connectable"] = {"matches": [f"https://*.{rng.choice(WORDS)}.xyz/*"]}
    desc = f"{rng.choice(EMOJI)}{fill(pick(rng, 'scam_pitch', lang), rng)} Works instantly in your browser."
    listing = {
        "name": name,
        "description": desc,
        "developer": _dev(rng),
        "permissions": perms,
        "host_permissions": hosts,
        "installs": f"{rng.randint(1, 900)},000 users",
        "rating": round(rng.uniform(3.5, 4.9), 1),
        "manifest": manifest,
    }
    return {
        "kind": "extension_listing",
        "url": f"https://chromewebstore.google.com/detail/{name.lower().replace(' ', '-')}/{_ext_id(rng)}",
        "listing": listing,
    }, "session_cookie_theft"


def ext_benign(rng: random.Random, lang: str) -> Row:
    name, perms, hosts, desc = rng.choice(
        [
            (
                "TikTok Dark Mode",
                ["storage"],
                ["https://*.tiktok.com/*"],
                "A dark theme for tiktok.com.",
            ),
            (
                "Video Speed for TikTok",
                ["storage", "activeTab"],
                ["https://*.tiktok.com/*"],
                "Control playback speed on TikTok videos.",
            ),
            (
                "Creator Notes Side Panel",
                ["storage", "sidePanel"],
                ["https://*.tiktok.com/*"],
                "Keep notes next to your TikTok studio. It cannot show who viewed your videos.",
            ),
            (
                "Ad Blocker Plus Lite",
                ["declarativeNetRequest", "storage", "tabs"],
                ["<all_urls>"],
                "Blocks ads on all websites using filter lists.",
            ),
            (
                "Grammar Helper",
                ["storage", "scripting"],
                ["<all_urls>"],
                "Checks spelling as you type on any website.",
            ),
            ("Tab Organizer", ["tabs", "storage"], [], "Group and save your tabs."),
        ]
    )
    manifest = {
        "manifest_version": 3,
        "name": name,
        "version": f"2.{rng.randint(0, 9)}",
        "permissions": perms,
        "host_permissions": hosts,
        "action": {"default_popup": "popup.html"},
    }
    listing = {
        "name": name,
        "description": f"{rng.choice(EMOJI)}{desc}",
        "developer": _dev(rng),
        "permissions": perms,
        "host_permissions": hosts,
        "installs": f"{rng.randint(1, 900)},000 users",
        "rating": round(rng.uniform(3.2, 4.9), 1),
        "manifest": manifest,
    }
    return {
        "kind": "extension_listing",
        "url": f"https://chromewebstore.google.com/detail/{name.lower().replace(' ', '-')}/{_ext_id(rng)}",
        "listing": listing,
    }, "legit_extension"
