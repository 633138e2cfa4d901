"""Credentials: what the page asks for, whether it wears TikTok's brand, and where data goes.

The strongest signals are a password field on a TikTok-branded page that TikTok does not host,
forms and scripts that send to another domain or to a chat-bot relay, and instructions to copy a
session cookie or paste code into the console. Wording and endpoints: lexicons/credentials.json.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from detector.extract.base import Context, Signals, is_official_host
from detector.extract.lexicons import load_lexicon
from detector.extract.parse import Form, Input
from detector.intel.domain import host_parts

DESCRIPTIONS: dict[str, str] = {
    "credential.password_offsite": "asks for a password on a site TikTok does not own",
    "credential.branded_login_offsite": "shows a TikTok-branded login form on a site TikTok does not own",
    "credential.form_action_offsite": "sends its form to another domain",
    "credential.form_action_script": "posts the form to a bare server script (login.php style, as phishing kits do)",
    "credential.form_action_empty_js": "collects the password with script instead of a normal form post",
    "credential.js_exfil": "its scripts send data to another domain",
    "credential.telegram_bot": "relays data to a Telegram bot",
    "credential.discord_webhook": "relays data to a Discord webhook",
    "credential.ip_lookup": "looks up the visitor's IP address",
    "credential.redirect_to_tiktok": "sends the visitor on to the real TikTok afterwards (a phishing-kit habit)",
    "credential.cookie_names": "names TikTok session cookies (sessionid, sid_tt, ...)",
    "credential.cookie_paste": "asks the visitor to copy and paste a session cookie or token",
    "credential.devtools_instructions": "tells the visitor to open developer tools (F12, Application › Cookies)",
    "credential.console_paste": "tells the visitor to paste code into the console or address bar",
    "credential.reads_document_cookie": "its scripts read the browser's cookies",
    "credential.apk_download": "pushes an app download from outside the stores (.apk, 'unknown sources')",
    "credential.obfuscation": "hides its scripts with obfuscation",
    "credential.evilginx_subdomain": "mimics TikTok CDN host names under a foreign domain (reverse-proxy phishing)",
    "credential.otp_fields": "asks for a one-time or verification code",
    "credential.tiktok_branded": "is styled as a TikTok page",
}
BENIGN_DESCRIPTIONS: dict[str, str] = {}


@cache
def _lex() -> dict[str, Any]:
    return load_lexicon("credentials")


@cache
def _re(key: str, sub: str | None = None) -> re.Pattern[str]:
    lex = _lex()
    items = lex[key][sub] if sub else lex[key]
    if isinstance(items, str):
        return re.compile(items, re.I)
    return re.compile("|".join(f"(?:{p})" for p in items), re.I)


def _field_kind(inp: Input) -> str | None:
    if inp.type == "password":
        return "password"
    if inp.type in ("hidden", "submit", "button", "checkbox", "radio", "image", "reset", "file"):
        return None
    d = inp.descriptor
    if inp.type == "email":
        return "email"
    if inp.type == "tel":
        return "phone"
    for kind in ("otp", "password", "phone", "email", "username"):
        if _re("fields", kind).search(d):
            return kind
    return None


def _other_domain(url: str, page_domain: str) -> str:
    """The registered domain of ``url`` when it is absolute and differs from the page's."""
    if not url.lower().startswith(("http://", "https://", "//")):
        return ""
    parts = host_parts(url if not url.startswith("//") else "https:" + url)
    dom = parts.registered_domain or parts.host
    return dom if dom and dom != page_domain else ""


def _branded(ctx: Context) -> str:
    page = ctx.page
    brand = _re("branding")
    candidates = [
        page.title,
        page.meta.get("og:site_name", ""),
        page.meta.get("og:title", ""),
        " ".join(page.headings[:10]),
        " ".join(a for _, a in page.images[:50]),
        " ".join(s for s, _ in page.images[:50]),
    ]
    for text in candidates:
        m = brand.search(text)
        if m:
            return text
    fonts = ctx.page.script_text[:50_000]
    m = re.search(r"font-family[^;]{0,40}tiktok", fonts, re.I)
    return m.group(0) if m else ""


def _form_signals(forms: list[Form], page_domain: str) -> tuple[int, str, str, str]:
    offsite, script_action, empty_js = 0, "", ""
    first_offsite = ""
    for form in forms:
        action = form.action.strip()
        has_secret = any(i.type == "password" for i in form.inputs)
        other = _other_domain(action, page_domain)
        if other:
            offsite += 1
            first_offsite = first_offsite or form.snippet
        if _re("action_scripts").search(action) and not action.lower().startswith("http"):
            script_action = script_action or form.snippet
        if has_secret and (not action or action == "#" or action.lower().startswith("javascript:")):
            empty_js = empty_js or form.snippet
    return offsite, first_offsite, script_action, empty_js


def extract(ctx: Context) -> Signals:
    """Credential-harvesting features."""
    sig = Signals("credential")
    page = ctx.page
    parts = ctx.url
    page_domain = parts.registered_domain or parts.host
    official = ctx.is_tiktok_host
    counts = {"password": 0, "username": 0, "email": 0, "phone": 0, "otp": 0}
    example: dict[str, str] = {}
    for inp in page.inputs[:200]:
        kind = _field_kind(inp)
        if kind:
            counts[kind] += 1
            example.setdefault(kind, inp.descriptor)
    for kind, n in counts.items():
        sig.set(f"{kind}_fields", min(n, 5), example.get(kind))
    brand = _branded(ctx)
    sig.flag("tiktok_branded", bool(brand), brand)
    unknown_url = not parts.host
    has_pw = counts["password"] > 0
    sig.flag(
        "password_offsite",
        has_pw and not official and (bool(brand) or not unknown_url),
        example.get("password"),
    )
    login_like = (
        has_pw
        or counts["otp"] > 0
        or (counts["username"] + counts["phone"] > 0 and any(f.inputs for f in page.forms))
    )
    sig.flag("branded_login_offsite", bool(brand) and login_like and not official, brand)
    offsite, first, script_action, empty_js = _form_signals(page.forms, page_domain)
    sig.set("form_action_offsite", min(offsite, 5), first)
    sig.flag("form_action_script", bool(script_action), script_action)
    sig.flag("form_action_empty_js", bool(empty_js), empty_js)
    _script_signals(sig, ctx, page_domain, official)
    _instruction_signals(sig, ctx)
    labels = set(parts.subdomain.split(".")) if parts.subdomain else set()
    proxy = bool(labels & set(_lex()["cdn_proxy_labels"])) and not official and bool(parts.host)
    sig.flag("evilginx_subdomain", proxy, parts.host)
    return sig


def _script_signals(sig: Signals, ctx: Context, page_domain: str, official: bool) -> None:
    scripts = ctx.page.script_text[:300_000]
    everything = (
        scripts
        + "\n"
        + "\n".join(ctx.page.script_srcs)
        + "\n"
        + "\n".join(f.action for f in ctx.page.forms)
    )
    exfil = ""
    if _re("send_calls").search(scripts):
        for m in _re("script_url").finditer(scripts):
            if _other_domain(m.group(0), page_domain) and not is_official_host(
                host_parts(m.group(0)).host
            ):
                exfil = m.group(0)
                break
    sig.flag("js_exfil", bool(exfil), exfil)
    for name in ("telegram_bot", "discord_webhook", "ip_lookup"):
        hit = _re("exfil", name).search(everything)
        sig.flag(name, hit is not None, hit.group(0) if hit else None)
    redirect = _re("redirect_to_tiktok").search(scripts)
    refresh = ctx.page.meta_refresh
    to_tt = redirect is not None or (bool(refresh) and is_official_host(host_parts(refresh).host))
    sig.flag(
        "redirect_to_tiktok", to_tt and not official, redirect.group(0) if redirect else refresh
    )
    reads = _re("reads_cookie").search(scripts)
    sends = reads is not None and _re("send_calls").search(scripts) is not None
    sig.flag("reads_document_cookie", sends, reads.group(0) if reads else None)
    obf = [
        x.group(0)[:60]
        for _, x in zip(range(5), _re("obfuscation").finditer(scripts), strict=False)
    ]
    sig.set("obfuscation", len(obf), obf[0] if obf else None)


def _instruction_signals(sig: Signals, ctx: Context) -> None:
    text = ctx.corpus_text[:200_000]
    inputs = " ".join(i.descriptor for i in ctx.page.inputs[:100])
    names = sorted(
        {
            m.group(0).lower()
            for m in re.finditer(
                r"\b(?:" + "|".join(_lex()["cookie_names"]) + r")\b", text + " " + inputs
            )
        }
    )
    sig.set("cookie_names", min(len(names), 5), ", ".join(names))
    for name, key in (
        ("cookie_paste", "cookie_paste"),
        ("devtools_instructions", "devtools"),
        ("console_paste", "console_paste"),
    ):
        m = _re(key).search(text)
        sig.flag(name, m is not None, m.group(0) if m else None)
    links = " ".join(link.href for link in ctx.page.links[:500])
    m = _re("apk").search(text + " " + links)
    sig.flag("apk_download", m is not None, m.group(0) if m else None)
