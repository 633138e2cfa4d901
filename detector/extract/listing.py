"""Listing: store listings of extensions and apps, their permissions, price and small print.

For extensions the manifest is read when present (MV2 and MV3): permissions, optional and host
permissions, content scripts, externally_connectable, update_url, CSP, background and
web-accessible resources. Android permission names may come as ``android.permission.X``, bare
``X`` or the store's plain-words label. Weights and word lists: lexicons/permissions.json.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from detector.core.lexicons import lexicon
from detector.core.platforms import is_official_host
from detector.core.urls import host_parts
from detector.extract.base import Context, Signals, descriptions
from detector.records import Listing

DESCRIPTIONS, BENIGN_DESCRIPTIONS = descriptions("listing")  # descriptions.json
_MATCH_PATTERN = re.compile(r"^(?:\*|[a-z][a-z0-9+.-]*)://([^/]*)", re.I)
_MONEY = re.compile(r"(\d{1,6}(?:[.,]\d{3})*(?:[.,]\d{1,2})?)")
_COUNT = re.compile(
    r"(?<!\d)(\d+(?:[.,\s]\d+)*)\s*(k|m|b|thousand|million|billion|mil|mio|jt|juta|rb)?\b", re.I
)
_SCALE = {"k": 1e3, "thousand": 1e3, "rb": 1e3, "m": 1e6, "million": 1e6, "mio": 1e6, "jt": 1e6}
_SCALE |= {"juta": 1e6, "mil": 1e3, "b": 1e9, "billion": 1e9}
_CONTACT_KEYS = ("developer_email", "developer_website", "email", "website", "dev_email")
# Prices and install counts above this are junk (hundreds of digits would parse to inf).
_MAX_NUMBER = 1e15


_lex = lexicon("permissions")


@cache
def _re(key: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _lex()[key]), re.I)


def _strs(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def pattern_host(pattern: str) -> str | None:
    """Host of an extension match pattern: '*' for every host, None if not a host pattern."""
    if pattern.strip() == "<all_urls>":
        return "*"
    m = _MATCH_PATTERN.match(pattern.strip())
    if m is None:
        return None
    host = m.group(1).rsplit("@", 1)[-1].split(":", 1)[0].lower()
    if host == "*" or (host.startswith("*") and "." not in host):
        return "*"
    return host.removeprefix("*.").removeprefix("*") or None


@dataclass
class Perms:
    """Permissions from the listing and its manifest, split by kind."""

    api: set[str] = field(default_factory=set)  # required API permissions
    optional: set[str] = field(default_factory=set)
    hosts: set[str] = field(default_factory=set)  # hosts from host patterns ('*' = all)
    script_hosts: set[str] = field(default_factory=set)  # content-script matches
    manifest: dict[str, Any] = field(default_factory=dict)

    @property
    def every(self) -> set[str]:
        return self.api | self.optional

    @property
    def tiktok_hosts(self) -> set[str]:
        return {h for h in self.hosts | self.script_hosts if h != "*" and is_official_host(h)}


def collect(listing: Listing) -> Perms:
    """Merge listing and manifest permissions; MV2 host patterns sit among permissions."""
    m = listing.manifest if isinstance(listing.manifest, dict) else {}
    p = Perms(manifest=m)
    required = [*listing.permissions, *_strs(m.get("permissions"))]
    optional = _strs(m.get("optional_permissions"))
    patterns = [*listing.host_permissions, *_strs(m.get("host_permissions"))]
    patterns += _strs(m.get("optional_host_permissions"))
    for names, target in ((required, p.api), (optional, p.optional)):
        for name in names:
            host = pattern_host(name)
            if host is None:
                target.add(name.strip())
            else:
                patterns.append(name)
    p.hosts = {h for h in map(pattern_host, patterns) if h}
    for cs in _dicts(m.get("content_scripts")):
        p.script_hosts |= {h for h in map(pattern_host, _strs(cs.get("matches"))) if h}
    return p


def _remote_code(m: dict[str, Any]) -> str:
    """CSP allowing eval or remote scripts, or scripts loaded over http(s): the evidence, or ''."""
    csp = m.get("content_security_policy")
    if isinstance(csp, dict):  # MV3: sandbox pages may legitimately eval
        csp = " ; ".join(str(v) for k, v in csp.items() if k != "sandbox")
    directives: dict[str, list[str]] = {}
    for part in str(csp or "").split(";"):
        tokens = part.split()
        if tokens:
            directives.setdefault(tokens[0].lower(), tokens[1:])
    sources = directives.get("script-src", directives.get("default-src", []))
    for src in sources:
        low = src.lower().strip("'\"")
        remote = low in ("*", "http:", "https:") or low.startswith("http")
        local = low.startswith(("http://localhost", "http://127.0.0.1"))
        if low == "unsafe-eval" or (remote and not local):
            return " ".join(sources)[:160]
    bg_value = m.get("background")
    bg: dict[str, Any] = bg_value if isinstance(bg_value, dict) else {}
    scripts = [
        *_strs(bg.get("scripts")),
        str(bg.get("page") or ""),
        str(bg.get("service_worker") or ""),
    ]
    for cs in _dicts(m.get("content_scripts")):
        scripts += _strs(cs.get("js"))
    return next((s for s in scripts if s.lower().startswith(("http:", "https:", "//"))), "")


def _offstore(update: str) -> bool:
    if not update:
        return False
    hp = host_parts(update)
    where = hp.host + hp.path.rstrip("/")
    return not any(where == u for u in _lex()["store_update_urls"])


def _war_wildcard(m: dict[str, Any]) -> bool:
    war = m.get("web_accessible_resources")
    entries = war if isinstance(war, list) else []
    resources = [e for e in entries if isinstance(e, str)]
    for e in entries:
        if isinstance(e, dict):
            resources += _strs(e.get("resources"))
    return any(r.strip("/") in ("*", "*.*", "**/*") for r in resources)


def extract(ctx: Context) -> Signals:
    """Listing features; all zero when the snapshot has no listing."""
    if ctx.snapshot.listing is None:  # every page: the same features, worked out once
        absent = _absent()
        return Signals(absent.family, dict(absent.features), dict(absent.evidence))
    return _extract(ctx.snapshot.listing, ctx.snapshot.kind)


@cache
def _absent() -> Signals:
    return _extract(None, "page")


def _extract(given: Listing | None, kind: str) -> Signals:
    sig = Signals("listing")
    present = given is not None
    listing = given or Listing()
    p = collect(listing)
    m = p.manifest
    bare = android_names(p.every)
    looks_ext = any(k in m for k in ("manifest_version", "content_scripts", "background"))
    is_ext = present and (kind == "extension_listing" or looks_ext)
    sig.flag("present", present)
    sig.flag("is_extension", is_ext)
    sig.flag("is_app", present and not is_ext and (kind == "app_listing" or bool(bare)))
    # Apps and pages get the same extension keys, all zero, so the schema never changes.
    flags = _extension_flags(sig, p if is_ext else Perms())
    sig.set("ext_risk", ext_risk(p, flags) if is_ext else 0.0)
    _android(sig, bare)
    _commerce(sig, listing, present)
    return sig


def _extension_flags(sig: Signals, p: Perms) -> dict[str, bool]:
    m, every = p.manifest, p.every
    tiktok = p.tiktok_hosts
    social_domains = tuple(_lex()["social_cookie_hosts"])
    social = sorted(
        h
        for h in p.hosts | p.script_hosts
        if h != "*" and any(h == d or h.endswith("." + d) for d in social_domains)
    )
    remote = _remote_code(m)
    update = str(m.get("update_url") or "")
    ext_conn = m.get("externally_connectable")
    f = {
        "perm_cookies": "cookies" in every,
        # <all_urls> covers tiktok.com, so it reaches the same cookies.
        "cookies_with_tiktok_host": "cookies" in every and bool(tiktok or "*" in p.hosts),
        "cookies_with_social_host": "cookies" in every and bool(social),
        "perm_all_urls": "*" in p.hosts,
        "perm_webrequest_blocking": "webRequestBlocking" in every,
        "perm_dnr": any(x.startswith("declarativeNetRequest") for x in every),
        "perm_management": "management" in every,
        "perm_browsing_data": "browsingData" in every,
        "perm_scripting": "scripting" in every,
        "externally_connectable": ext_conn is not None,
        "update_url_offstore": _offstore(update),
        "remote_code": bool(remote),
        "content_script_all_urls": "*" in p.script_hosts,
    }
    all_hosts = p.hosts | p.script_hosts
    f["tiktok_host_only"] = (
        bool(tiktok)
        and all_hosts == tiktok
        and every <= set(_lex()["benign_api_permissions"])
        and not (f["remote_code"] or f["update_url_offstore"] or f["externally_connectable"])
    )
    evidence = {
        "cookies_with_tiktok_host": ", ".join(sorted(tiktok) or ["<all_urls>"]),
        "cookies_with_social_host": ", ".join(social),
        "perm_all_urls": "all hosts",
        "perm_webrequest_blocking": "webRequestBlocking",
        "perm_dnr": ", ".join(sorted(x for x in every if x.startswith("declarativeNetRequest"))),
        "perm_browsing_data": "browsingData",
        "content_script_all_urls": "content scripts on every site",
        "externally_connectable": str(ext_conn)[:160],
        "update_url_offstore": update,
        "remote_code": remote,
        "tiktok_host_only": ", ".join(sorted(tiktok)),
    }
    for name, fired in f.items():
        sig.flag(name, fired, evidence.get(name, name.replace("perm_", "")))
    f["web_accessible_wildcard"] = _war_wildcard(m)
    return f


def ext_risk(p: Perms, flags: dict[str, bool]) -> float:
    """Sum of permission weights (optional ones discounted) plus manifest red flags."""
    weights, default = _lex()["extension_weights"], float(_lex()["default_weight"])
    risk = sum(float(weights.get(x, default)) for x in p.api)
    risk += float(_lex()["optional_factor"]) * sum(
        float(weights.get(x, default)) for x in p.optional - p.api
    )
    if "*" in p.hosts:
        risk += float(weights["<all_urls>"])
    risk += sum(float(w) for k, w in _lex()["manifest_weights"].items() if flags.get(k))
    return round(risk, 2)


def android_names(perms: set[str]) -> set[str]:
    """Android permission names in bare form; store labels mapped to the permission."""
    phrases = _lex()["android_phrases"]
    known = _lex()["android_weights"]
    out = set()
    for perm in perms:
        name = perm.strip()
        last = name.rsplit(".", 1)[-1]
        bare = last if last.isupper() else name
        if bare in known or (bare.isupper() and "_" in bare):
            out.add(bare)
        low = name.lower()
        out |= {v for k, v in phrases.items() if k in low}
    return out


_ANDROID = (
    ("android_overlay", {"SYSTEM_ALERT_WINDOW"}),
    ("android_install_packages", {"REQUEST_INSTALL_PACKAGES"}),
    ("android_query_all_packages", {"QUERY_ALL_PACKAGES"}),
    ("android_accessibility", {"BIND_ACCESSIBILITY_SERVICE"}),
    ("android_sms", {"READ_SMS", "RECEIVE_SMS", "SEND_SMS"}),
    ("android_contacts", {"READ_CONTACTS", "WRITE_CONTACTS"}),
)


def _android(sig: Signals, bare: set[str]) -> None:
    for name, keys in _ANDROID:
        sig.flag(name, bool(bare & keys), ", ".join(sorted(bare & keys)))
    weights = _lex()["android_weights"]
    risk = sum(float(weights.get(p, 0.0)) for p in bare)
    sig.set("android_risk", round(risk, 2), ", ".join(sorted(bare)))


def _flat_text(value: Any, key: str = "", depth: int = 0) -> list[str]:
    """'key: value' strings from the listing's extra fields (nested lists and dicts too)."""
    if isinstance(value, str):
        return [f"{key}: {value}" if key else value]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return [f"{key}: {value}"] if key else []
    out: list[str] = []
    if depth < 3 and isinstance(value, dict):
        for k, v in list(value.items())[:100]:
            out += _flat_text(v, str(k), depth + 1)
    elif depth < 3 and isinstance(value, list):
        for v in value[:100]:
            out += _flat_text(v, key, depth + 1)
    return out


def _number(value: int | float) -> float:
    """A positive number as a float no larger than ``_MAX_NUMBER``; anything else 0.0.

    Compared before converting: a JSON integer with hundreds of digits overflows ``float``.
    """
    if not value > 0 or value == math.inf:  # also NaN
        return 0.0
    return float(value) if value < _MAX_NUMBER else _MAX_NUMBER


def _read(value: Any, pattern: re.Pattern[str], parse: Callable[[re.Match[str]], float]) -> float:
    """A number as a number (``_number``); in a string, ``parse`` of the first ``pattern`` match;
    anything else 0.0."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number(value)
    m = pattern.search(value) if isinstance(value, str) else None
    return 0.0 if m is None else parse(m)


_DECIMAL = re.compile(r"(?<!\d)\d+[.,]\d{1,2}")  # "4,99", "1.5": not thousands ("1.299")


def _price(value: Any) -> float:
    return _read(value, _MONEY, _price_text)


def _price_text(m: re.Match[str]) -> float:
    text = m.group(1)
    # "4,99" and "4.99" are prices; "1.299" or "1,299" are thousands.
    if _DECIMAL.fullmatch(text):
        return min(float(text.replace(",", ".")), _MAX_NUMBER)
    return min(float(re.sub(r"[.,]", "", text)), _MAX_NUMBER)


def parse_installs(value: Any) -> float:
    """Install count from a number or a store string ("1,000,000+", "10M+", "1.5K users")."""
    return _read(value, _COUNT, _count_text)


def _count_text(m: re.Match[str]) -> float:
    digits, unit = m.group(1), (m.group(2) or "").lower()
    if unit and _DECIMAL.fullmatch(digits):
        number = float(digits.replace(",", "."))
    else:
        number = float(re.sub(r"\D", "", digits) or 0)
    return min(number * _SCALE.get(unit, 1.0), _MAX_NUMBER)


def _around(text: str, m: re.Match[str] | None) -> str | None:
    return text[max(0, m.start() - 40) : m.end() + 40] if m else None


def _commerce(sig: Signals, listing: Listing, present: bool) -> None:
    extra = listing.extra
    desc = listing.description or ""
    text = "\n".join([desc, *_flat_text(extra)])[:50_000]
    weekly = _re("weekly").search(text)
    sig.flag("subscription_weekly", weekly is not None, _around(text, weekly))
    price = _price(extra.get("price"))
    sig.set("price", round(price, 2), str(extra.get("price")))
    installs = parse_installs(listing.installs)
    sig.set("installs_log10", round(math.log10(1 + installs), 3))
    rating = listing.rating
    ok = isinstance(rating, int | float) and 0 < rating <= 5  # NaN, inf and huge ints fail
    sig.set("rating", float(rating) if ok and rating is not None else 0.0)
    # A field the source did not give is unknown, not evidence: manifests, store texts and
    # dataset rows often lack the developer. Only a developer field given empty, or contact
    # fields all given empty, say the store page shows no developer.
    has_contact_keys = any(k in extra for k in _CONTACT_KEYS)
    no_contact = has_contact_keys and not any(extra.get(k) for k in _CONTACT_KEYS)
    blank = listing.developer is not None and not listing.developer.strip()
    missing = present and (blank or no_contact)
    sig.flag("developer_missing", missing, "the store page shows no developer name or contact")
    # Length is no evidence: real store texts run long in both classes (removed).
    est = _re("estimated").search(text)
    sig.flag("admits_estimated", est is not None, _around(text, est))
    aff = _re("disclaims_affiliation").search(text)
    sig.flag("disclaims_affiliation", aff is not None, _around(text, aff))
