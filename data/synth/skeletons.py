"""Page skeletons shared by both labels, so markup style says nothing about the label."""

from __future__ import annotations

import html
import random

FRAMEWORKS = ("bare", "bootstrap", "tailwind", "wordpress", "react", "landing")


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


def wrap(
    title: str,
    body: str,
    fw: str,
    rng: random.Random,
    lang: str,
    site: str,
    filler: list[str],
    scripts: str = "",
) -> str:
    """A full page around ``body`` in framework style ``fw``."""
    head = _head(title, fw, rng, lang)
    nav = _nav(fw, rng, site) if rng.random() < 0.8 else ""
    foot = _footer(rng, site, filler)
    pad = "".join(f"<p>{esc(rng.choice(filler))}</p>" for _ in range(rng.randint(0, 4)))
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
