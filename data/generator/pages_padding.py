"""Neutral filler blocks (related posts, ad slots, comments, forms, widgets) for any page.

Every page is padded with these until it reaches its drawn size, whatever its label: ordinary
newsletter and search forms, ad slots and widgets appear on scams and benign pages alike.
"""

from __future__ import annotations

import random

from data.generator.common import esc, snippet

_RELATED: dict[str, tuple[str, ...]] = {
    "en": ("10 easy dinner ideas for busy weeks", "How to clean a mechanical keyboard",
           "Best budget earbuds this year", "A beginner's guide to houseplants",
           "Why your phone battery drains overnight", "Five apps to plan a trip"),
    "es": ("10 cenas fáciles para la semana", "Cómo limpiar un teclado mecánico",
           "Los mejores audífonos baratos", "Guía de plantas de interior para principiantes",
           "Por qué tu batería se agota de noche"),
    "pt": ("10 jantares fáceis para a semana", "Como limpar um teclado mecânico",
           "Os melhores fones baratos do ano", "Guia de plantas para iniciantes",
           "Por que a bateria acaba de madrugada"),
    "id": ("10 ide makan malam praktis", "Cara membersihkan keyboard mekanik",
           "Earbuds murah terbaik tahun ini", "Panduan tanaman hias untuk pemula",
           "Kenapa baterai HP cepat habis di malam hari"),
    "vi": ("10 món tối dễ làm trong tuần", "Cách vệ sinh bàn phím cơ",
           "Tai nghe giá rẻ đáng mua nhất", "Hướng dẫn trồng cây trong nhà",
           "Vì sao pin điện thoại tụt qua đêm"),
    "tr": ("Yoğun haftalar için 10 kolay akşam yemeği", "Mekanik klavye nasıl temizlenir",
           "Bu yılın en iyi uygun fiyatlı kulaklıkları", "Yeni başlayanlar için saksı bitkileri",
           "Telefon pili gece neden bitiyor"),
    "de": ("10 schnelle Abendessen für die Woche", "Mechanische Tastatur richtig reinigen",
           "Die besten günstigen Kopfhörer", "Zimmerpflanzen für Anfänger",
           "Warum der Akku nachts leer wird"),
    "fr": ("10 dîners faciles pour la semaine", "Comment nettoyer un clavier mécanique",
           "Les meilleurs écouteurs pas chers", "Guide des plantes d'intérieur",
           "Pourquoi la batterie se vide la nuit"),
    "ar": ("عشر أفكار سهلة للعشاء", "كيف تنظف لوحة مفاتيح ميكانيكية", "أفضل سماعات رخيصة هذا العام",
           "دليل النباتات المنزلية للمبتدئين"),
    "th": ("10 เมนูมื้อเย็นทำง่าย", "วิธีทำความสะอาดคีย์บอร์ด", "หูฟังราคาประหยัดที่ดีที่สุด",
           "คู่มือปลูกต้นไม้ในบ้านสำหรับมือใหม่"),
}  # fmt: skip
_NAMES = ("maria_g", "tuan.ng", "kemal34", "lena.k", "ayu_p", "jd_rivers", "fatima.s", "nong_a",
          "pierre_l", "ana.souza", "mike_t", "sofia.r")  # fmt: skip
_COMMENTS = ("👍", "+1", "nice", "ok", ":)", "🔥🔥", "wow", "👏", "❤️", "lol")

_CLS = {
    "bootstrap": ("card mb-3", "card-body", "list-unstyled", "btn btn-primary", "form-control"),
    "tailwind": (
        "rounded-xl border border-gray-200 bg-white p-4 shadow-sm",
        "mt-2 text-sm text-gray-600 leading-relaxed",
        "space-y-1 list-none",
        "inline-flex items-center rounded-lg bg-indigo-600 px-4 py-2 text-white hover:bg-indigo-700",
        "w-full rounded-md border px-3 py-2 focus:outline-none focus:ring",
    ),
    "wordpress": (
        "widget",
        "widget-content",
        "wp-block-list",
        "wp-block-button__link",
        "input-text",
    ),
    "react": (
        "css-1x2y3z e1abc0",
        "css-9kq1w2 e1abc1",
        "css-7lpm0q",
        "css-m3n4b5 e1btn0",
        "css-q8r7s6",
    ),
    "amp": ("amp-card", "amp-card-body", "amp-list", "amp-btn", "amp-input"),
    "landing": ("card", "card-inner", "links", "btn", "field"),
    "bare": ("box", "inner", "", "", ""),
}


def _related(lang: str, c: tuple[str, ...], rng: random.Random) -> str:
    titles = rng.sample(_RELATED.get(lang, _RELATED["en"]), k=3)
    items = "".join(
        f'<li><a href="/{rng.randint(100, 9999)}/{rng.choice(("post", "p", "article"))}">{esc(t)}</a></li>'
        for t in titles
    )
    return f'<aside class="{c[0]}"><h3>{esc(snippet(lang, "related"))}</h3><ul class="{c[2]}">{items}</ul></aside>'


def _ad(lang: str, c: tuple[str, ...], rng: random.Random) -> str:
    slot = rng.randint(10**9, 10**10)
    return (
        f'<div class="{c[0]} ad-slot"><small>{esc(snippet(lang, "ad"))}</small>'
        f'<ins class="adsbygoogle" style="display:block" data-ad-client="ca-pub-{rng.randint(10**15, 10**16)}"'
        f' data-ad-slot="{slot}" data-ad-format="auto"></ins>'
        "<script>(adsbygoogle=window.adsbygoogle||[]).push({});</script></div>"
    )


def _comments(lang: str, c: tuple[str, ...], rng: random.Random) -> str:
    items = "".join(
        f'<div class="{c[1]}"><b>{esc(rng.choice(_NAMES))}</b> <span>{esc(rng.choice(_COMMENTS))}</span>'
        f"<time>{rng.randint(1, 23)}h</time></div>"
        for _ in range(rng.randint(1, 4))
    )
    return f'<section class="{c[0]} comments"><h3>{esc(snippet(lang, "comments"))}</h3>{items}</section>'


def _newsletter(lang: str, c: tuple[str, ...], rng: random.Random) -> str:
    action = rng.choice(
        ("/subscribe", "/newsletter/join", "https://news.list-relay.net/subscribe/post")
    )
    return (
        f'<form class="{c[0]} newsletter" action="{action}" method="post"><p>{esc(snippet(lang, "newsletter"))}</p>'
        f'<input class="{c[4]}" type="email" name="email" placeholder="{esc(snippet(lang, "email"))}" required>'
        f'<button class="{c[3]}" type="submit">{esc(snippet(lang, "subscribe"))}</button></form>'
    )


def _search(lang: str, c: tuple[str, ...], rng: random.Random) -> str:
    return (
        f'<form role="search" class="search-form" action="/search" method="get">'
        f'<input class="{c[4]}" type="search" name="q" placeholder="{esc(snippet(lang, "search"))}">'
        f'<button class="{c[3]}">{esc(snippet(lang, "search"))}</button></form>'
    )


def _widget(lang: str, c: tuple[str, ...], rng: random.Random) -> str:
    tags = rng.sample(("tech", "tips", "apps", "android", "ios", "social", "privacy", "howto",
                       "2026", "news", "video", "creator"), k=rng.randint(3, 7))  # fmt: skip
    links = " ".join(f'<a class="tag" href="/tag/{t}">#{t}</a>' for t in tags)
    return f'<div class="{c[0]} tags"><div class="{c[1]}">{links}</div></div>'


def _css(lang: str, c: tuple[str, ...], rng: random.Random) -> str:
    rules = "".join(
        f".c{rng.randint(0, 999)}{{margin:{rng.randint(0, 24)}px;color:#{rng.randint(0, 0xFFFFFF):06x}}}"
        for _ in range(rng.randint(8, 40))
    )
    return f"<style>{rules}</style>"


def _share(lang: str, c: tuple[str, ...], rng: random.Random) -> str:
    nets = rng.sample(("facebook", "x", "whatsapp", "telegram", "pinterest", "email"), k=3)
    links = "".join(f'<a class="share-{n}" href="#share-{n}" rel="nofollow">{n}</a>' for n in nets)
    return f'<div class="share">{esc(snippet(lang, "share"))}: {links}</div>'


def _script(lang: str, c: tuple[str, ...], rng: random.Random) -> str:
    return (
        f"<script>(function(){{var d=document,s=d.createElement('script');s.async=true;"
        f"s.src='/assets/w{rng.randint(1, 99)}.js?v={rng.randint(100, 999)}';d.head.appendChild(s)}})();</script>"
    )


def _text(lang: str, c: tuple[str, ...], rng: random.Random) -> str:
    titles = _RELATED.get(lang, _RELATED["en"])
    return f'<div class="{c[1]}"><p>{esc(rng.choice(titles))} — {esc(snippet(lang, "more"))} »</p></div>'


_BLOCKS = (_related, _ad, _comments, _newsletter, _search, _widget, _css, _share, _script, _text)
_WEIGHTS = (4, 3, 3, 1, 1, 2, 2, 1, 2, 3)


def padding_block(framework: str, lang: str, rng: random.Random) -> str:
    """One neutral block styled for ``framework``."""
    block = rng.choices(_BLOCKS, weights=_WEIGHTS, k=1)[0]
    return block(lang, _CLS[framework], rng)
