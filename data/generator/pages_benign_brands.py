"""Benign page templates: brands' own login pages, and a creator-gear sale that mentions TikTok.

The login pages use the same form words as the other-brand kits (``pages_scam_kits``) and, as a
saved page often has no address, some have no URL at all.
"""

from __future__ import annotations

import random

from data.generator.common import esc
from data.generator.pages_hosts import Loc, site_loc
from data.generator.pages_kit import Family, pick, token
from data.generator.pages_scam_kits import BRANDS, brand_form
from data.generator.pages_skeletons import Page

TAGLINE = {
    "en": "Welcome back. Log in to see what your friends shared.",
    "pt": "Bem-vindo de volta. Entre para ver o que seus amigos compartilharam.",
    "es": "Hola de nuevo. Inicia sesión para ver lo que compartieron tus amigos.",
    "vi": "Chào mừng trở lại. Đăng nhập để xem bạn bè đã chia sẻ gì.",
    "de": "Willkommen zurück. Melde dich an, um zu sehen, was deine Freunde geteilt haben.",
}


def brand_login(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    brand, host, path = pick(rng, BRANDS)
    action = pick(rng, (path, "/session", "/login/device-based/regular/", "/signin/v2/challenge"))
    body = brand_form(rng, lang, brand, action)
    if rng.random() < 0.6:
        body = f"<p class='tagline'>{esc(TAGLINE[lang])}</p>" + body
    tail = (
        "<script>window.__INITIAL_STATE__={};function enc(p){return btoa(p)}</script>"
        if rng.random() < 0.5
        else ""
    )
    loc = site_loc(rng, host, f"{path}?locale={lang}", empty=0.25)
    return Page(f"{brand} • Log in", body, lang, brand, tail=tail), loc


GEAR = {
    "en": ("Ring lights for creators", "{p}% off today only", "Offer ends in", "Add to cart",
           "Share your setup on TikTok with #glowkit"),
    "pt": ("Ring lights para criadores", "{p}% de desconto só hoje", "A oferta termina em",
           "Adicionar ao carrinho", "Mostre seu setup no TikTok com #glowkit"),
    "es": ("Aros de luz para creadores", "{p}% de descuento solo hoy", "La oferta termina en",
           "Añadir al carrito", "Comparte tu setup en TikTok con #glowkit"),
    "id": ("Ring light untuk kreator", "Diskon {p}% hanya hari ini", "Promo berakhir dalam",
           "Tambah ke keranjang", "Pamerkan setup kamu di TikTok dengan #glowkit"),
    "tr": ("İçerik üreticileri için halka ışık", "Sadece bugün %{p} indirim", "Kampanyanın bitmesine",
           "Sepete ekle", "Kurulumunu TikTok'ta #glowkit ile paylaş"),
}  # fmt: skip


def creator_gear(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title, off, ends, cart, share = GEAR[lang]
    pct = rng.choice((10, 20, 30, 40, 50))
    price = rng.randint(19, 79)
    body = (
        f"<h1>{esc(title)}</h1><p class='deal'>{esc(off.format(p=pct))}</p>"
        f"<p class='price'><s>{price * 2}</s> <b>{price}.99</b></p>"
        f"<div class='countdown'>{esc(ends)} 0{rng.randint(1, 9)}:{rng.randint(10, 59)}:{rng.randint(10, 59)}</div>"
        f"<button onclick='addToCart({rng.randint(10**5, 10**6)})'>{esc(cart)}</button><p>{esc(share)}</p>"
    )
    return Page(f"Glowkit — {title}", body, lang, "Glowkit"), site_loc(
        rng, "glowkit-store.com", f"/products/ring-light-{token(rng, 4)}", free=0.15
    )


def families() -> list[Family]:
    b = "benign"
    return [
        Family("page-ord-brandlogin", b, "ordinary_login", ("pt", "en", "es", "vi", "de"), 10, brand_login),
        Family("page-ord-creatorgear", b, "ordinary", ("pt", "es", "id", "tr", "en"), 8, creator_gear),
    ]  # fmt: skip
