"""Compact pages: short templates in shared skeletons (bare, Bootstrap, Tailwind, WordPress-like,
React root, landing), one family per template of ``pages_compact_templates``.

These are the small single-purpose pages a kit or a short help page is made of (about 1-2 KB):
a nav, the content, a footer with cookie banner / newsletter / ad slot and a few filler lines,
drawn from the row's style stream whatever the label. Scam and benign families use the same
language mix (mostly English, as the benign templates are).
"""

from __future__ import annotations

import html
import random
from collections.abc import Callable

from data.generator import pages_compact_templates as tpl
from data.generator.pages_compact_phrases import P
from data.generator.pages_hosts import Loc, scam_loc, site_loc
from data.generator.pages_kit import Family
from data.generator.pages_skeletons import Page

SKINS = ("bare", "bootstrap", "tailwind", "wordpress", "react", "landing")


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def _head(title: str, fw: str, rng: random.Random, lang: str) -> str:
    css = {
        "bootstrap": '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/bootstrap@5.3.2/dist/css/bootstrap.min.css">',
        "tailwind": '<script src="https://cdn.tailwindcss.com"></script>',
        "wordpress": "<link rel='stylesheet' href='/wp-content/themes/astra/style.css'><meta name='generator' content='WordPress 6.4'>",
        "react": '<link rel="stylesheet" href="/static/css/main.8f2a.css">',
        "landing": '<link href="https://fonts.googleapis.com/css2?family=Poppins" rel="stylesheet"><style>body{font-family:Poppins}.hero{padding:40px}</style>',
        "bare": "<style>body{max-width:720px;margin:auto;font-family:sans-serif}</style>",
    }[fw]
    extra = ""
    if rng.random() < 0.5:
        extra += (
            "<script async src='https://www.googletagmanager.com/gtag/js?id=G-"
            + "".join(rng.choices("ABCDEFGH0123456789", k=8))
            + "'></script>"
        )
    if rng.random() < 0.3:
        extra += '<meta name="viewport" content="width=device-width, initial-scale=1">'
    return f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{esc(title)}</title>{css}{extra}</head>'


def _nav(fw: str, rng: random.Random, site: str) -> str:
    items = rng.sample(
        ["Home", "Blog", "Guides", "About", "Contact", "Tools", "FAQ", "Privacy"],
        k=rng.randint(2, 5),
    )
    links = "".join(f'<li><a href="/{i.lower()}">{i}</a></li>' for i in items)
    cls = {
        "bootstrap": "navbar navbar-expand-lg",
        "tailwind": "flex items-center justify-between p-4 bg-white shadow",
        "wordpress": "main-navigation",
        "react": "nav",
        "landing": "topbar",
        "bare": "",
    }[fw]
    return f'<nav class="{cls}"><a class="brand" href="/">{esc(site)}</a><ul>{links}</ul></nav>'


def _footer(rng: random.Random, site: str, filler: list[str]) -> str:
    parts = [f"<p>© {rng.randint(2021, 2026)} {esc(site)}</p>"]
    if rng.random() < 0.5:
        parts.append(
            '<div class="cookie-banner">' + esc(rng.choice(filler)) + " <button>OK</button></div>"
        )
    if rng.random() < 0.4:
        parts.append(
            '<form class="newsletter" action="/subscribe" method="post"><input type="email" name="email" placeholder="Email"><button>Subscribe</button></form>'
        )
    if rng.random() < 0.3:
        parts.append(
            '<ins class="adsbygoogle" data-ad-client="ca-pub-'
            + str(rng.randint(10**15, 10**16))
            + '"></ins>'
        )
    return "<footer>" + "".join(parts) + "</footer>"


def skin(page: Page, rng: random.Random) -> str:
    """A full compact page around ``page.body``; every choice comes from the row's style stream."""
    fw = rng.choice(SKINS)
    filler = P["filler"].get(page.lang, P["filler"]["en"])
    head = _head(page.title, fw, rng, page.lang)
    nav = _nav(fw, rng, page.site) if rng.random() < 0.8 else ""
    foot = _footer(rng, page.site, filler)
    pad = "".join(f"<p>{esc(rng.choice(filler))}</p>" for _ in range(rng.randint(0, 4)))
    body, scripts = page.body, page.tail
    if fw == "react":
        return (
            f'{head}<body><div id="root"></div><noscript>You need to enable JavaScript.</noscript>'
            f'<div id="ssr">{nav}<main>{body}{pad}</main>{foot}</div>'
            f'<script src="/static/js/main.{rng.randint(1000, 9999)}.js"></script>{scripts}</body></html>'
        )
    container = {
        "bootstrap": '<div class="container py-4">',
        "tailwind": '<div class="max-w-3xl mx-auto p-6">',
        "wordpress": '<div id="page" class="site"><article class="post entry-content">',
        "landing": '<section class="hero">',
        "bare": "<div>",
    }[fw]
    close = {"wordpress": "</article></div>", "landing": "</section>"}.get(fw, "</div>")
    return f"{head}<body>{nav}{container}{body}{pad}{close}{foot}{scripts}</body></html>"


_PUBLISHER = ("guide", "social", "trend", "clip", "insight", "daily", "creator", "tech")
OFFICIAL = {
    "tiktok_help": (
        ("support.tiktok.com", "/en/account-and-privacy/profile-view-history"),
        ("www.tiktok.com", "/safety/en/"),
    ),
    "tiktok_login": (
        ("www.tiktok.com", "/login/phone-or-email/email"),
        ("www.tiktok.com", "/login"),
    ),
    "tiktok_consent": (("www.tiktok.com", "/v2/auth/authorize/"),),
}


def _benign_loc(rng: random.Random, name: str, title: str) -> tuple[Loc, str]:
    if name == "genuine_brand_login":
        brand = title.split(" ")[0]
        host, _, path = tpl.BRAND_HOSTS[brand].partition("/")
        return site_loc(rng, host, "/" + path, empty=0.2), brand
    if name in OFFICIAL:
        host, path = OFFICIAL[name][rng.randrange(len(OFFICIAL[name]))]
        return site_loc(rng, host, path, empty=0.2 if name == "tiktok_login" else 0.1), "TikTok"
    host = f"{rng.choice(('www.', '', 'blog.'))}{rng.choice(_PUBLISHER)}{rng.choice(tpl.WORDS)}.{rng.choice(('com', 'net', 'org', 'io', 'news'))}"
    path = rng.choice(("/", "/blog/", "/guides/", "/tiktok/", "/p/"))
    loc = site_loc(rng, host, path, free=0.15)
    return loc, host.removeprefix("www.").removeprefix("blog.")


def _builder(name: str, label: str) -> Callable[[random.Random, str, int], tuple[Page, Loc]]:
    make = (tpl.SCAM if label == "scam" else tpl.BENIGN)[name]

    def build(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
        title, body, scripts, _subtype = make(rng, lang)
        if label == "scam":
            loc = scam_loc(rng, "/" + rng.choice(("", "tiktok/", "viewer/", "free/")))
            site = loc.url.split("/")[2] if loc.url else rng.choice(("Home", "Site"))
        else:
            loc, site = _benign_loc(rng, name, title)
        return Page(title, body, lang, site, tail=scripts), loc

    build.__module__ = __name__
    build.__qualname__ = build.__name__ = name
    return build


# Mostly English with one other language per family, on both sides (the benign templates are
# mostly English-only, so the scam families follow their mix).
_SCAM: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("phish_kit", "credential_phishing", ("en", "en", "en", "en", "es")),
    ("phish_offsite", "credential_phishing", ("en", "en", "en", "en", "pt")),
    ("phish_relay", "credential_phishing", ("en", "en", "en", "en", "id")),
    ("locker", "content_locker", ("en", "en", "en", "en", "vi")),
    ("cookie_theft", "session_cookie_theft", ("en", "en", "en", "en", "es")),
    ("apk", "malware_apk", ("en", "en", "en", "en", "id")),
    ("spy_report", "spy_report_fabricated", ("en", "en", "en", "en", "pt")),
    ("seo_spam", "seo_spam", ("en", "en", "en", "en", "tr")),
    ("fake_oauth", "credential_phishing", ("en", "en", "en", "en", "de")),
    ("fabricated_list", "spy_report_fabricated", ("en", "en", "en", "en", "fr")),
    ("other_brand_kit", "credential_phishing", ("en", "en", "en", "en", "en")),
)
_BENIGN: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("explainer", "explainer", ("en", "es", "pt", "id", "vi", "tr", "de", "fr")),
    ("news", "news", ("en",)),
    ("tiktok_help", "tiktok_official", ("en",)),
    ("tiktok_login", "tiktok_login", ("en", "es", "pt", "id", "vi", "tr", "de", "fr")),
    ("tiktok_consent", "tiktok_oauth_consent", ("en",)),
    ("oauth_tool", "legit_oauth_tool", ("en",)),
    ("public_analytics", "public_analytics", ("en",)),
    ("first_party", "first_party_viewers", ("en",)),
    ("ordinary", "ordinary", ("en",)),
    ("genuine_brand_login", "ordinary_login", ("en",)),
)
COUNT = 15


def families() -> list[Family]:
    out = []
    for label, table in (("scam", _SCAM), ("benign", _BENIGN)):
        for name, subtype, langs in table:
            key = f"page-compact-{name.replace('_', '-')}"
            out.append(Family(key, label, subtype, langs, COUNT, _builder(name, label), skin=skin))
    return out
