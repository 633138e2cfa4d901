"""Listing: store listings of extensions and apps, their permissions, price and small print.

For extensions the manifest is read when present (MV2 and MV3): permissions, host permissions,
content scripts, externally_connectable, update_url, CSP. Android permission names may come as
``android.permission.X`` or bare ``X``. Weights and word lists: lexicons/permissions.json.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

from detector.extract.base import Context, Signals, is_official_host
from detector.extract.lexicons import load_lexicon
from detector.intel.domain import host_parts
from detector.records import Listing

DESCRIPTIONS: dict[str, str] = {
    "listing.cookies_with_tiktok_host": "the extension can read TikTok cookies (cookies permission plus TikTok site access)",
    "listing.perm_cookies": "the extension asks for the cookies permission",
    "listing.perm_all_urls": "the extension asks to read and change every website",
    "listing.perm_webrequest_blocking": "the extension can intercept and alter web requests",
    "listing.perm_management": "the extension can manage other extensions",
    "listing.perm_browsing_data": "the extension can erase browsing data",
    "listing.externally_connectable": "outside websites can talk to the extension",
    "listing.update_url_offstore": "the extension updates from outside the official store",
    "listing.remote_code": "the extension can load or run remote code",
    "listing.content_script_all_urls": "the extension injects scripts into every website",
    "listing.android_overlay": "the app can draw over other apps",
    "listing.android_install_packages": "the app can install other apps",
    "listing.android_accessibility": "the app asks for accessibility-service control",
    "listing.android_sms": "the app asks for SMS access",
    "listing.android_contacts": "the app asks for contacts access",
    "listing.subscription_weekly": "charges a weekly subscription",
    "listing.admits_estimated": "admits its results are estimated or simulated",
    "listing.developer_missing": "gives no developer contact details",
}
BENIGN_DESCRIPTIONS: dict[str, str] = {
    "listing.tiktok_host_only": "the extension only asks for TikTok site access and basic permissions",
}
_PRICE = re.compile(
    r"(?:[$€£]|r\$|us\$)\s?(\d{1,3}(?:[.,]\d{2})?)|(\d{1,3}(?:[.,]\d{2})?)\s?(?:usd|eur|brl|[$€£])",
    re.I,
)


@cache
def _lex() -> dict[str, Any]:
    return load_lexicon("permissions")


@cache
def _re(key: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _lex()[key]), re.I)


def _as_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _perms(listing: Listing) -> tuple[set[str], set[str], dict[str, Any]]:
    manifest = listing.manifest if isinstance(listing.manifest, dict) else {}
    perms = set(listing.permissions) | set(_as_list(manifest.get("permissions")))
    perms |= set(_as_list(manifest.get("optional_permissions")))
    hosts = set(listing.host_permissions) | set(_as_list(manifest.get("host_permissions")))
    hosts |= set(_as_list(manifest.get("optional_host_permissions")))
    # MV2 lists host patterns among permissions.
    hosts |= {p for p in perms if "://" in p or p == "<all_urls>"}
    perms = {p for p in perms if "://" not in p}
    return perms, hosts, manifest


def _installs(value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        digits = re.sub(r"[^\d]", "", value.split("-")[0].split("–")[0])
        mult = (
            1e6
            if re.search(r"\d\s*m\b", value, re.I)
            else 1e3
            if re.search(r"\d\s*k\b", value, re.I)
            else 1
        )
        return float(digits) * mult if digits else 0.0
    return 0.0


def _content_all(manifest: dict[str, Any]) -> bool:
    all_pats = set(_lex()["all_urls_patterns"])
    for cs in (
        manifest.get("content_scripts", [])
        if isinstance(manifest.get("content_scripts"), list)
        else []
    ):
        if isinstance(cs, dict) and set(_as_list(cs.get("matches"))) & all_pats:
            return True
    return False


def _remote_code(manifest: dict[str, Any]) -> str:
    csp = manifest.get("content_security_policy")
    text = " ".join(csp.values()) if isinstance(csp, dict) else str(csp or "")
    if "unsafe-eval" in text or re.search(r"script-src[^;]*https?://", text):
        return text[:160]
    bg = manifest.get("background")
    scripts = _as_list(bg.get("scripts")) if isinstance(bg, dict) else []
    return next((s for s in scripts if s.startswith("http")), "")


def extract(ctx: Context) -> Signals:
    """Listing features; all zero when the snapshot has no listing."""
    sig = Signals("listing")
    listing = ctx.snapshot.listing or Listing()
    present = ctx.snapshot.listing is not None
    perms, hosts, manifest = _perms(listing)
    kind = ctx.snapshot.kind
    is_ext = present and (kind == "extension_listing" or bool(manifest))
    sig.flag("present", present)
    sig.flag("is_extension", is_ext)
    sig.flag("is_app", present and kind == "app_listing")
    all_pats = set(_lex()["all_urls_patterns"])
    tiktok_hosts = {h for h in hosts if is_official_host(host_parts(h.replace("*.", "")).host)}
    sig.flag("perm_cookies", "cookies" in perms)
    sig.flag(
        "cookies_with_tiktok_host",
        "cookies" in perms and bool(tiktok_hosts | (hosts & all_pats)),
        ", ".join(sorted(tiktok_hosts))[:160],
    )
    sig.flag("perm_all_urls", bool(hosts & all_pats), ", ".join(sorted(hosts & all_pats)))
    sig.flag(
        "perm_webrequest_blocking",
        "webRequestBlocking" in perms or ("webRequest" in perms and bool(hosts & all_pats)),
    )
    sig.flag("perm_dnr", any(p.startswith("declarativeNetRequest") for p in perms))
    sig.flag("perm_management", "management" in perms)
    sig.flag("perm_browsing_data", "browsingData" in perms)
    sig.flag("perm_scripting", "scripting" in perms)
    sig.flag("externally_connectable", "externally_connectable" in manifest)
    update = str(manifest.get("update_url") or "")
    sig.flag(
        "update_url_offstore",
        bool(update) and not any(u in update for u in _lex()["store_update_urls"]),
        update,
    )
    remote = _remote_code(manifest)
    sig.flag("remote_code", bool(remote), remote)
    sig.flag("content_script_all_urls", _content_all(manifest))
    benign_api = set(_lex()["benign_api_permissions"])
    sig.flag(
        "tiktok_host_only",
        is_ext and bool(tiktok_hosts) and hosts == tiktok_hosts and perms <= benign_api,
    )
    weights = _lex()["extension_weights"]
    risk = sum(float(weights.get(p, 0.3)) for p in perms) + (1.5 if hosts & all_pats else 0.0)
    sig.set("ext_risk", round(risk, 2) if is_ext else 0.0)
    _android(sig, perms)
    _commerce(sig, listing, present)
    return sig


def _android(sig: Signals, perms: set[str]) -> None:
    bare = {p.rsplit(".", 1)[-1] for p in perms}
    for name, keys in (
        ("android_overlay", {"SYSTEM_ALERT_WINDOW"}),
        ("android_install_packages", {"REQUEST_INSTALL_PACKAGES"}),
        ("android_query_all_packages", {"QUERY_ALL_PACKAGES"}),
        ("android_accessibility", {"BIND_ACCESSIBILITY_SERVICE"}),
        ("android_sms", {"READ_SMS", "RECEIVE_SMS", "SEND_SMS"}),
        ("android_contacts", {"READ_CONTACTS", "WRITE_CONTACTS"}),
    ):
        sig.flag(name, bool(bare & keys), ", ".join(sorted(bare & keys)))
    weights = _lex()["android_weights"]
    sig.set("android_risk", round(sum(float(weights.get(p, 0.0)) for p in bare), 2))


def _commerce(sig: Signals, listing: Listing, present: bool) -> None:
    extra = listing.extra
    text = " ".join(
        str(x)
        for x in (
            listing.description,
            extra.get("price"),
            extra.get("in_app_purchases"),
            extra.get("subscription"),
        )
        if x
    )
    m = _re("weekly").search(text)
    sig.flag(
        "subscription_weekly",
        m is not None,
        text[max(0, m.start() - 40) : m.end() + 20] if m else None,
    )
    price = extra.get("price")
    value = 0.0
    if isinstance(price, int | float) and not isinstance(price, bool):
        value = float(price)
    elif isinstance(price, str):
        pm = _PRICE.search(price)
        value = float((pm.group(1) or pm.group(2)).replace(",", ".")) if pm else 0.0
    sig.set("price", round(value, 2))
    sig.set("installs_log10", round(math.log10(1 + _installs(listing.installs)), 3))
    sig.set("rating", float(listing.rating or 0.0))
    contact_keys = {
        "developer_email",
        "developer_website",
        "email",
        "website",
        "dev_email",
        "dev_website",
    }
    has_contact_fields = bool(contact_keys & set(extra))
    missing = present and (
        not listing.developer
        or (has_contact_fields and not any(extra.get(k) for k in contact_keys))
    )
    sig.flag("developer_missing", missing)
    desc = listing.description or ""
    sig.set("description_chars", min(len(desc), 20000))
    m = _re("estimated").search(desc)
    sig.flag(
        "admits_estimated",
        m is not None,
        desc[max(0, m.start() - 40) : m.end() + 40] if m else None,
    )
    sig.flag("disclaims_affiliation", _re("disclaims_affiliation").search(desc) is not None)
