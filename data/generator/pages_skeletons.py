"""Page skeletons shared by both labels: the chrome around a page's content.

A row's ``Style`` (framework, target size, metas, analytics, cookie banner, padding blocks) is
drawn from a stream seeded by the row key only, from ONE distribution for scams and benign pages,
so markup style, size, script and div counts say nothing about the label. Families may narrow
the frameworks they draw from (TikTok's own pages are React), but scam families narrow too.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from data.generator.common import esc, snippet
from data.generator.pages_padding import padding_block

FRAMEWORKS = ("bare", "bootstrap", "tailwind", "wordpress", "react", "amp", "landing")
FONTS = ("Inter", "Poppins", "Roboto", "Montserrat", "Open Sans", "Lato", "Nunito", "TikTokFont")


@dataclass
class Page:
    """A page's own content: what a family template writes."""

    title: str
    body: str
    lang: str
    site: str
    head: str = ""
    tail: str = ""


@dataclass(frozen=True)
class Style:
    """How a row is dressed; independent of its label."""

    framework: str
    target: int
    chrome: bool
    cookie: bool
    metas: int
    font: str | None
    analytics: int
    hydrate: bool


def draw_style(rng: random.Random, frameworks: tuple[str, ...] = FRAMEWORKS) -> Style:
    """Draw a style: target size is log-uniform from ~300 B to ~60 KB."""
    target = int(math.exp(rng.uniform(math.log(300), math.log(60000))))
    tiny = target < 1000  # a bare page: no chrome, metas, fonts or trackers at all
    return Style(
        framework=rng.choice(frameworks),
        target=target,
        chrome=not tiny and (target > 1800 or rng.random() < 0.3),
        cookie=not tiny and rng.random() < 0.35,
        metas=0 if tiny else rng.randint(0, 9),
        font=rng.choice(FONTS) if not tiny and rng.random() < 0.55 else None,
        analytics=0 if tiny else rng.choice((0, 0, 1, 1, 2, 3)),
        hydrate=rng.random() < 0.3,
    )


_CSS = {
    "bootstrap": '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/bootstrap@5.3.{v}/dist/css/bootstrap.min.css">',
    "tailwind": '<script src="https://cdn.tailwindcss.com/3.4.{v}"></script>',
    "wordpress": "<link rel='stylesheet' id='theme-css' href='/wp-content/themes/flavor-{v}/style.css' media='all'><meta name='generator' content='WordPress 6.{v}'>",
    "react": '<link rel="stylesheet" href="/static/css/main.{h}.css"><script defer src="/static/js/main.{h}.js"></script>',
    "amp": '<script async src="https://cdn.ampproject.org/v0.js"></script><style amp-boilerplate>body{{visibility:hidden}}</style><link rel="canonical" href="./">',
    "landing": "<style>.hero{{padding:48px 16px;text-align:center}}.btn{{border-radius:8px;padding:12px 28px}}.card{{box-shadow:0 1px 4px #0002}}</style>",
    "bare": "<style>body{{max-width:760px;margin:auto;font-family:sans-serif;line-height:1.5}}</style>",
}
_BODY = {
    "bootstrap": '<body class="bg-light"><div class="container py-4"><div class="row"><div class="col-lg-8 mx-auto">',
    "tailwind": '<body class="bg-gray-50 text-gray-900 antialiased"><div class="max-w-3xl mx-auto px-4 py-8 space-y-6">',
    "wordpress": '<body class="post-template-default single single-post"><div id="page" class="site"><div id="content" class="site-content"><article class="post type-post status-publish entry">',
    "react": '<body><div id="{root}">',
    "amp": "<body><main>",
    "landing": '<body><div class="wrap"><section class="hero">',
    "bare": "<body><div>",
}
_CLOSE = {
    "bootstrap": "</div></div></div>",
    "tailwind": "</div>",
    "wordpress": "</article></div></div>",
    "react": "</div>",
    "amp": "</main>",
    "landing": "</section></div>",
    "bare": "</div>",
}
_METAS = (
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="index, follow">',
    '<meta name="theme-color" content="#{h}">',
    '<meta property="og:type" content="website">',
    '<meta property="og:title" content="{t}">',
    '<meta name="twitter:card" content="summary_large_image">',
    '<meta name="description" content="{t}">',
    '<meta http-equiv="X-UA-Compatible" content="IE=edge">',
    '<meta name="format-detection" content="telephone=no">',
)


def _hex(rng: random.Random, n: int) -> str:
    return "".join(rng.choices("0123456789abcdef", k=n))


def _analytics(rng: random.Random, n: int) -> str:
    tags = [
        f'<script async src="https://www.googletagmanager.com/gtag/js?id=G-{_hex(rng, 8).upper()}"></script>'
        "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
        f"gtag('js',new Date());gtag('config','G-{_hex(rng, 8).upper()}');</script>",
        f"<script>!function(f,b,e,v){{f.px=f.px||[];f.px.push(['init','{rng.randint(10**14, 10**15)}'])}}"
        "(window,document,'script');</script>",
        f'<script defer data-domain="site" src="/js/stats.{_hex(rng, 6)}.js"></script>',
        f"<script>var _paq=window._paq=window._paq||[];_paq.push(['trackPageView']);"
        f"_paq.push(['setSiteId','{rng.randint(1, 90)}']);</script>",
        # Self-hosted or small analytics posting page views to their own collector host.
        "<script>addEventListener('visibilitychange',function(){navigator.sendBeacon("
        f"'https://collect.{rng.choice(('statsbeam.io', 'pagepulse.net', 'metricsdesk.com'))}/e',"
        "JSON.stringify({p:location.pathname,r:document.referrer}))});</script>",
        f"<script>fetch('https://api.{_hex(rng, 4)}.example-metrics.net/v1/hit?u='+encodeURIComponent(location.href),"
        "{method:'POST',keepalive:true});</script>",
    ]
    return "".join(rng.sample(tags, k=n))


def _head(page: Page, style: Style, rng: random.Random) -> str:
    css = _CSS[style.framework].format(v=rng.randint(0, 9), h=_hex(rng, 8))
    metas = "".join(
        m.format(h=_hex(rng, 6), t=esc(page.title)) for m in rng.sample(_METAS, k=style.metas)
    )
    font = ""
    if style.font:
        font = (
            f'<link href="https://fonts.googleapis.com/css2?family={style.font.replace(" ", "+")}'
            f':wght@400;700&display=swap" rel="stylesheet">'
        )
    amp = " ⚡" if style.framework == "amp" else ""
    rtl = ' dir="rtl"' if page.lang == "ar" else ""
    return (
        f'<!DOCTYPE html><html{amp} lang="{page.lang}"{rtl}><head><meta charset="utf-8">'
        f"<title>{esc(page.title)}</title>{metas}{css}{font}"
        f"{_analytics(rng, style.analytics)}{page.head}</head>"
    )


def _nav(page: Page, rng: random.Random) -> str:
    keys = rng.sample(("home", "blog", "about", "contact", "privacy"), k=rng.randint(2, 5))
    links = "".join(f'<li><a href="/{k}">{esc(snippet(page.lang, k))}</a></li>' for k in keys)
    return (
        f'<header><nav><a class="logo" href="/">{esc(page.site)}</a><ul>{links}</ul></nav></header>'
    )


def _footer(page: Page, rng: random.Random) -> str:
    lang = page.lang
    links = " · ".join(
        f'<a href="/{k}">{esc(snippet(lang, k))}</a>'
        for k in rng.sample(("privacy", "terms", "contact", "about"), k=rng.randint(1, 4))
    )
    year = rng.randint(2019, 2026)
    return f"<footer><p>© {year} {esc(page.site)}. {esc(snippet(lang, 'rights'))}.</p><p>{links}</p></footer>"


def _cookie(lang: str) -> str:
    return (
        f'<div class="cookie-consent" role="dialog"><p>{esc(snippet(lang, "cookie"))}</p>'
        f'<button type="button" onclick="this.parentNode.remove()">{esc(snippet(lang, "accept"))}</button></div>'
    )


def render(page: Page, style: Style, rng: random.Random) -> str:
    """Wrap ``page`` in the style's chrome and pad it with neutral blocks up to the target size."""
    fw = style.framework
    root = rng.choice(("root", "__next", "app", "main-app"))
    start = _head(page, style, rng) + _BODY[fw].format(root=root)
    if style.chrome:
        start += _nav(page, rng)
    body = page.body
    if fw == "react" and style.hydrate:
        # Client-rendered variant: the text lives in the hydration JSON, markup is a shell.
        state = esc(page.body)
        body = (
            '<div class="app-shell" data-loading="true"></div>'
            f'<script id="__APP_STATE__" type="application/json">{{"html":"{state}"}}</script>'
        )
    end = _CLOSE[fw]
    if style.chrome:
        end += _footer(page, rng)
    if style.cookie:
        end += _cookie(page.lang)
    end += page.tail
    if fw == "bootstrap":
        end += '<script src="https://cdn.jsdelivr.net/npm/bootstrap@5.3.2/dist/js/bootstrap.bundle.min.js"></script>'
    if fw == "react":
        end += "".join(
            f'<script src="/_next/static/chunks/{_hex(rng, 4)}-{_hex(rng, 16)}.js" defer></script>'
            for _ in range(rng.randint(1, 5))
        )
    end += "</body></html>"
    pads: list[str] = []
    size = len(start) + len(body) + len(end)
    while size < style.target:
        block = padding_block(fw, page.lang, rng)
        pads.append(block)
        size += len(block)
    return start + body + "".join(pads) + end
