"""Credentials: what the page asks for, whether it wears TikTok's brand, and where data goes.

The strongest signals are a password field on a TikTok-branded page that TikTok does not host,
forms and scripts that send to another domain or to a chat-bot relay, and instructions to copy a
session cookie or paste code into the console. Every word, host, path and name is in
lexicons/credentials.json (brand terms in lexicons/indicators.json); patterns are lower-case and
run on lower-cased text, each behind a cheap literal gate (``GatedPattern``, gates.py) so a page that
contains none of a pattern's literals costs one substring scan per literal.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from detector.core.lexicons import lexicon, load_lexicon
from detector.core.platforms import is_official_host
from detector.core.urls import host_parts
from detector.extract.base import Context, Signals, descriptions
from detector.extract.gates import ExactMarkers, GatedPattern, gated
from detector.extract.parse import Form, Input

MAX_TEXT = 50_000  # visible text scanned for wording; lures say it near the top
MAX_SCRIPT = 150_000  # inline script text scanned for endpoints, calls and obfuscation
_CAP = 5
_NOT_FIELDS = frozenset(
    ["hidden", "submit", "button", "checkbox", "radio", "image", "reset", "file", "range", "color"]
)
_ID_KINDS = ("email", "phone", "username")
_OAUTH_BUTTON = re.compile(r"\bwith tik ?tok\b|\blogin kit\b")
_LEAD_CHARS = 60  # a short page's first words (where a brand header sits) count as branding
_SEGMENTS = re.compile(r"(?<!\s)\s+[|\-–—:·•]\s+|(?<!\s)\s*[|–—·•]\s*|[|–—·•]\s*")  # linear

DESCRIPTIONS, BENIGN_DESCRIPTIONS = descriptions("credentials")  # descriptions.json


_lex = lexicon("credentials")


@cache
def _pat(key: str, sub: str | None = None) -> GatedPattern:
    lex = _lex()
    return gated(lex[key][sub] if sub else lex[key])


@cache
def _brand() -> GatedPattern:
    terms = [re.escape(t) for t in load_lexicon("indicators")["brand_terms"]]
    return gated(terms + list(_lex()["brand_extra"]))


@cache
def _cookie_names() -> GatedPattern:
    names = "|".join(re.escape(n) for n in _lex()["cookie_names"])
    return gated(rf"(?<![a-z0-9_])(?:{names})(?![a-z0-9_])")


@lru_cache(maxsize=4096)  # each control is asked about by several signals
def field_kinds(inp: Input) -> tuple[str, ...]:
    """What a control asks for: ("password",), ("otp",), identifier kinds, or ()."""
    if inp.type == "password":
        return ("password",)
    if inp.type in _NOT_FIELDS:
        return ()
    d = inp.descriptor
    if _pat("fields", "otp").search(d):
        return ("otp",)
    if _pat("fields", "password").search(d):
        return ("password",)
    kinds = {k for k in _ID_KINDS if _pat("fields", k).search(d)}
    if inp.type == "email":
        kinds.add("email")
    elif inp.type == "tel":
        kinds.add("phone")
    return tuple(k for k in _ID_KINDS if k in kinds)  # one field may ask "user/e-mail/phone"


@lru_cache(maxsize=4096)
def _is_search(inp: Input) -> bool:
    return inp.type == "search" or _pat("search_field").search(inp.descriptor) is not None


def _branding(ctx: Context) -> str:
    """The text that presents the page as TikTok's, or "" (mentioning TikTok is not enough).

    Site name, a short title or heading, a title segment, a logo image, the lead of a short page,
    or TikTok's web fonts. An article titled "Can you see who viewed your TikTok?" talks about
    TikTok; a page titled "Log in | TikTok" or "Tik Tok Followers" presents itself as TikTok.
    """
    page = ctx.page
    brand = _brand()

    def shows(text: str, max_words: int = 0) -> bool:
        low = text.lower()
        return (
            bool(low)
            and brand.search(low) is not None
            and (not max_words or len(low.split()) <= max_words)
        )

    segments = _SEGMENTS.split(page.title)
    segments = [segments[0], segments[-1]] if len(segments) > 1 else []
    candidates = [
        (page.meta.get("og:site_name", ""), 0),
        (page.meta.get("application-name", ""), 0),
        (page.title, 8),
        *((seg, 5) for seg in segments),
        *((h, 6) for h in page.headings[:10]),
        *((_logo_text(src, alt), 0) for src, alt in page.images[:50]),
        (page.text[:_LEAD_CHARS] if len(page.text) < 2000 else "", 0),
    ]
    for text, max_words in candidates:
        if shows(text, max_words):
            return text
    m = _pat("brand_fonts").search(lowered_scripts(ctx)[:50_000])
    return m.group(0) if m else ""


@cache
def _social_brands() -> tuple[tuple[str, GatedPattern, tuple[str, ...]], ...]:
    return tuple(
        (name, gated(words), tuple(domains))
        for name, (words, domains) in _lex()["social_brands"].items()
    )


@cache
def _any_social_brand() -> GatedPattern:
    """Every brand's words in one pattern: a text none of them matches is skipped at once."""
    return gated([w for words, _domains in _lex()["social_brands"].values() for w in words])


def _social_clone(ctx: Context) -> str:
    """The title, site name, heading or logo that dresses a log-in page as a social network's
    own, when the page is not on that network's domain (or has no URL); else "".

    "Log in with Facebook" is someone else's OAuth button, not the network's own page.
    """
    page = ctx.page
    segments = _SEGMENTS.split(page.title)
    candidates = [
        (page.meta.get("og:site_name", ""), 0),
        (page.title, 8),
        *((seg, 5) for seg in (segments if len(segments) > 1 else [])),
        *((h, 6) for h in page.headings[:10]),
        *((_logo_text(src, alt), 0) for src, alt in page.images[:50]),
    ]
    host = ctx.url.host
    oauth = _pat("oauth_button_words")
    for text, max_words in candidates:
        low = text.lower()
        if not low or (max_words and len(low.split()) > max_words):
            continue
        if _any_social_brand().search(low) is None or oauth.search(low):
            continue
        for _, words, domains in _social_brands():
            if words.search(low) is None:
                continue
            if host and any(host == d or host.endswith("." + d) for d in domains):
                return ""
            return text
    return ""


def _logo_text(src: str, alt: str) -> str:
    """An image that is a logo: alt text of a few words, or a file named for the brand or a logo."""
    name = src.rsplit("/", 1)[-1].split("?", 1)[0].rsplit(".", 1)[0].lower()
    stem = re.sub(r"[^a-z]", "", name)
    logo_file = "logo" in stem or "icon" in stem or len(stem) <= 8
    short_alt = len(alt.split()) <= 3 or "logo" in alt.lower()
    return " ".join(p for p, keep in ((name, logo_file), (alt, short_alt)) if keep)


def lowered_scripts(ctx: Context) -> str:
    """Inline script text (or the page's text when it is script source, ``loose_code``),
    capped and lower-cased once per page."""
    cached = ctx.__dict__.get("_lowered_scripts")
    if cached is None:
        source = ctx.page.script_text or ctx.loose_code
        cached = source[:MAX_SCRIPT].lower()
        ctx.__dict__["_lowered_scripts"] = cached
    return str(cached)


# Every ``server_reads_secret`` match holds one of these, as code spells them.
_SERVER_READ_MARKS = ExactMarkers(
    ("$_", "req.", "Req.", "REQ.", "request.", "Request.", "REQUEST.")
)


def _server_capture(ctx: Context) -> str:
    """The sink of server code (PHP, Node, Python) that reads a submitted password and keeps or
    forwards it as typed; '' when the source hashes or verifies passwords, as a real log-in does.

    Kits ship their back end beside the page (``login.php``, ``server.js``); a page captured by
    a browser never shows server code, so this fires on source files only."""
    raw = ctx.snapshot.html or ctx.snapshot.text or ""
    if not raw and ctx.snapshot.listing is not None:
        raw = ctx.snapshot.listing.description or ""
    # Lower-casing a long page costs more than the rest: first the literals a read must hold.
    if not _SERVER_READ_MARKS.found_in(raw[:MAX_SCRIPT]):
        return ""
    source = raw[:MAX_SCRIPT].lower()
    if not _pat("server_reads_secret").search(source) or not _pat("server_secret_word").search(
        source
    ):
        return ""
    sink = _pat("server_sinks").search(source)
    if sink is None or _pat("server_hashes").search(source):
        return ""
    return sink.group(0)


def _other_domain(url: str, page_domain: str, page_official: bool) -> str:
    """The registered domain of an absolute ``url`` when it is not the page's own."""
    if not url.lower().startswith(("http://", "https://", "//")):
        return ""
    parts = host_parts(url if not url.startswith("//") else "https:" + url)
    dom = parts.registered_domain or parts.host
    if not dom or dom == page_domain or (page_official and is_official_host(parts.host)):
        return ""
    return dom


def _login_buttons(labels: list[str]) -> bool:
    return any(_pat("login_actions").search(label.lower()) for label in labels if label)


def _login_like(ctx: Context, counts: dict[str, int]) -> bool:
    """A password or code field, or an identifier field submitted with a log-in style button."""
    if counts["password"] or counts["otp"]:
        return True
    for form in ctx.page.forms:
        ident = any(set(field_kinds(i)) & set(_ID_KINDS) and not _is_search(i) for i in form.inputs)
        if ident and _login_buttons([i.label for i in form.inputs if i.label]):
            return True
    in_forms = {i for f in ctx.page.forms for i in f.inputs}
    loose = [i for i in ctx.page.inputs if i not in in_forms and not _is_search(i)]
    if not any(set(field_kinds(i)) & set(_ID_KINDS) for i in loose):
        return False
    link_texts = {link.text for link in ctx.page.links}  # a "Log in" menu link is not a button
    return _login_buttons([c for c in ctx.page.ctas if c not in link_texts])


def extract(ctx: Context) -> Signals:
    """Credential-harvesting features."""
    sig = Signals("credential")
    page_domain = _page_domain(ctx)
    official = ctx.is_tiktok_host
    counts = dict.fromkeys(("password", "username", "email", "phone", "otp"), 0)
    example: dict[str, str] = {}
    for inp in ctx.page.inputs[:200]:
        for kind in field_kinds(inp):
            counts[kind] += 1
            example.setdefault(kind, inp.descriptor)
    for kind, n in counts.items():
        sig.set(f"{kind}_fields", min(n, _CAP), example.get(kind))
    brand = _branding(ctx)
    login_like = _login_like(ctx, counts)
    # Styled as TikTok's own login: the brand on a page that asks to log in, or a title that
    # is itself a TikTok log-in ("Log in | TikTok"; "Log in with TikTok" is someone else's
    # OAuth button). A page that only talks about TikTok, or a tool named after it, is not.
    title = ctx.page.title.lower()
    login_title = (
        bool(brand)
        and _brand().search(title) is not None
        and _pat("login_actions").search(title) is not None
        and _OAUTH_BUTTON.search(title) is None
    )
    sig.flag("tiktok_branded", bool(brand) and (login_like or login_title), brand)
    fields_text = " ".join(i.descriptor for f in ctx.page.forms[:50] for i in f.inputs)
    fields_text += " " + " ".join(i.descriptor for i in ctx.page.inputs[:100])
    about_tiktok = bool(brand) or _brand().search(fields_text) is not None
    sig.flag(
        "password_offsite",
        counts["password"] > 0 and not official and about_tiktok,
        example.get("password"),
    )
    login = bool(brand) and not official and login_like
    sig.flag("branded_login_offsite", login, brand)
    clone = _social_clone(ctx) if login_like else ""
    sig.flag("social_login_clone", bool(clone), clone)
    _form_signals(sig, ctx, page_domain, official)
    _script_signals(sig, ctx, page_domain, official)
    capture = _server_capture(ctx)
    sig.flag("server_capture", bool(capture), capture)
    _instruction_signals(sig, ctx)
    proxy = _proxy_host(ctx, official)
    sig.flag("evilginx_subdomain", bool(proxy), proxy)
    return sig


def _page_domain(ctx: Context) -> str:
    """The page's registered domain; for a page stored without its URL, the one it declares."""
    parts = ctx.url if ctx.url.host else host_parts(ctx.page.meta.get("og:url", ""))
    return parts.registered_domain or parts.host


def _form_signals(sig: Signals, ctx: Context, page_domain: str, official: bool) -> None:
    offsite: list[Form] = []
    script_action = empty_js = ""
    for form in ctx.page.forms[:50]:
        action = form.action.strip().lower()
        kinds = {k for i in form.inputs for k in field_kinds(i)}
        if _other_domain(action, page_domain, official):
            offsite.append(form)
        absolute = "://" in action[:12] or action.startswith("//")
        path = host_parts(action).path if absolute else action
        # A secret posted to a script, or any identifier posted to a kit's relative login.php;
        # an e-mail field posted to a site's absolute wp-comments-post.php is a comment form.
        secret = bool(kinds & {"password", "otp"})
        if (secret or (kinds and not absolute)) and _pat("action_scripts").search(path):
            script_action = script_action or form.snippet
        scripted = action in ("", "#") or action.startswith("javascript:")
        if "password" in kinds and scripted:
            empty_js = empty_js or form.snippet
    in_forms = sum(1 for f in ctx.page.forms for i in f.inputs if i.type == "password")
    if not empty_js and sum(1 for i in ctx.page.inputs if i.type == "password") > in_forms:
        empty_js = "password field outside any form"
    sig.set("form_action_offsite", min(len(offsite), _CAP), offsite[0].snippet if offsite else "")
    sig.flag("form_action_script", bool(script_action), script_action)
    sig.flag("form_action_empty_js", bool(empty_js), empty_js)


def _script_signals(sig: Signals, ctx: Context, page_domain: str, official: bool) -> None:
    scripts = lowered_scripts(ctx)
    page = ctx.page
    endpoints = "\n".join([scripts, *page.script_srcs[:100], *(f.action for f in page.forms[:50])])
    endpoints = endpoints.lower()
    exfil, fields = _exfil_target(scripts, page_domain, official)
    sig.flag("js_exfil", bool(exfil), exfil)
    sig.flag("js_exfil_fields", bool(fields), fields)
    for name in ("telegram_bot", "discord_webhook", "ip_lookup", "relay_service"):
        hit = _pat("exfil", name).search(endpoints)
        sig.flag(name, hit is not None, hit.group(0) if hit else None)
    redirect = _pat("redirect_to_tiktok").search(scripts)
    refresh = page.meta_refresh
    to_tt = redirect is not None or (bool(refresh) and is_official_host(host_parts(refresh).host))
    evidence = redirect.group(0) if redirect else refresh
    sig.flag("redirect_to_tiktok", to_tt and not official, evidence)
    sends = _pat("send_calls")
    reads = [
        m
        for m in _pat("reads_cookie").findall(scripts, 20)
        if sends.search(scripts[max(m.start() - 600, 0) : m.end() + 600])
    ]
    sig.flag("reads_document_cookie", bool(reads), reads[0].group(0) if reads else None)
    techniques = [
        m.group(0) for key in _lex()["obfuscation"] if (m := _technique(key).search(scripts))
    ]
    blob = _encoded_blob(scripts)
    techniques += [blob] if blob else []
    sig.set("obfuscation", min(len(techniques), _CAP), techniques[0][:60] if techniques else "")


@cache
def _technique(source: str) -> GatedPattern:
    return gated(source)


@cache
def _blob_patterns() -> tuple[re.Pattern[str], re.Pattern[str], int]:
    spec = _lex()["encoded_blob"]
    chars, n = spec["chars"], int(spec["min_length"])
    return re.compile(f"[{chars}]{{{n // 2}}}"), re.compile(f"[{chars}]{{{n},}}"), n


def _encoded_blob(scripts: str) -> str:
    """A run of base64/hex characters long enough to hide a payload, or "".

    A run of ``n`` characters covers a whole aligned block of ``n // 2``, so only block
    boundaries are tried, each failing at its first non-blob character: far cheaper than a
    regex trying every position of a large script.
    """
    block, run, n = _blob_patterns()
    half = n // 2
    for start in range(0, len(scripts) - half + 1, half):
        if block.fullmatch(scripts, start, start + half):
            m = run.search(scripts, max(start - n, 0), start + half + n)
            if m:
                return m.group(0)
    return ""


def _exfil_target(scripts: str, page_domain: str, official: bool) -> tuple[str, str]:
    """The first URL near a fetch/XHR/beacon call whose host is neither the page's nor TikTok's,
    and the first such URL whose call sits by code reading what was typed into the page's
    fields (a kit posting the form; analytics beacons send no field values)."""
    benign = tuple(_lex()["benign_script_hosts"])
    url = _pat("script_url")
    reads = _pat("field_reads")
    first = ""
    for call in _pat("send_calls").findall(scripts, 30):
        window = scripts[max(call.start() - 200, 0) : call.end() + 300]
        # What is sent is often gathered a few statements before the call.
        before = scripts[max(call.start() - 1_200, 0) : call.end() + 300]
        for m in url.pattern.finditer(window):
            target = m.group(0)
            host = host_parts(target).host
            if not host or is_official_host(host) or host.endswith(benign):
                continue
            if _other_domain(target, page_domain, official):
                first = first or target
                if reads.search(before):
                    return first, target
    return first, ""


def _instruction_signals(sig: Signals, ctx: Context) -> None:
    text = ctx.corpus_text[:MAX_TEXT]
    fields = " ".join(f"{i.descriptor} {i.value.lower()}" for i in ctx.page.inputs[:100])
    names = sorted({m.group(0) for m in _cookie_names().findall(f"{text}\n{fields}", 50)})
    sig.set("cookie_names", min(len(names), _CAP), ", ".join(names))
    for name, key in (("cookie_paste", "cookie_paste"), ("devtools_instructions", "devtools")):
        m = _pat(key).search(text)
        sig.flag(name, m is not None, m.group(0) if m else None)
    m = _pat("console_paste").search(text)
    console = m.group(0) if m else _bookmarklet(ctx)
    sig.flag("console_paste", bool(console), console)
    m = _pat("apk").search(text)
    if m is None:
        m = _pat("apk_link").search("\n".join(link.href for link in ctx.page.links[:500]).lower())
    apk = m.group(0) if m else ""
    sig.flag("apk_download", bool(apk), apk)


def _bookmarklet(ctx: Context) -> str:
    """A ``javascript:`` link that reads cookies or loads code: a bookmarklet to drag and run."""
    for link in ctx.page.links[:500]:
        # The scheme first: only "javascript:" in ASCII letters of any case lower-cases to it
        # (Kelvin's K gives a k, a dotted I an i and a combining dot), so this answers
        # ``href.lower().startswith("javascript:")`` without lower-casing every href.
        if link.href[:11].lower() != "javascript:":
            continue
        href = link.href.lower()
        if len(href) > 40 and _pat("bookmarklet_code").search(href):
            return link.href
    return ""


def _proxy_host(ctx: Context, official: bool) -> str:
    """The page host, or two or more asset hosts, wearing TikTok CDN labels on a foreign domain."""
    labels = frozenset(_lex()["cdn_proxy_labels"])

    def proxied(url: str) -> str:
        parts = host_parts(url)
        hit = parts.subdomain and labels & set(parts.subdomain.split("."))
        return parts.registered_domain if hit and not is_official_host(parts.host) else ""

    if not official and ctx.url.host and proxied(ctx.url.url):
        return ctx.url.host
    hosts: dict[str, set[str]] = {}
    for src in [*ctx.page.script_srcs[:100], *(s for s, _ in ctx.page.images[:100])]:
        if "://" in src[:12] and any(f"{label}." in src[:200] for label in labels):
            domain = proxied(src)
            if domain:
                hosts.setdefault(domain, set()).add(host_parts(src).host)
    return next((", ".join(sorted(h)) for h in hosts.values() if len(h) >= 2), "")
