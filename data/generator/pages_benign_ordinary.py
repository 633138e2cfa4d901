"""Benign page templates: ordinary pages and ordinary logins on a site's own domain."""

from __future__ import annotations

import random

from data.generator.common import esc
from data.generator.pages_benign_tiktok import authorize_url
from data.generator.pages_hosts import Loc, site_loc
from data.generator.pages_kit import Family, pick, shuffled, token
from data.generator.pages_skeletons import Page

RECIPE = {
    "en": ("Weeknight lentil soup", ["1 cup red lentils", "1 onion", "2 carrots", "1 tsp cumin"], "Simmer everything for 25 minutes and blend half."),
    "es": ("Sopa de lentejas rápida", ["1 taza de lentejas rojas", "1 cebolla", "2 zanahorias", "1 cdta de comino"], "Cocina 25 minutos y tritura la mitad."),
    "pt": ("Sopa de lentilha rápida", ["1 xícara de lentilha", "1 cebola", "2 cenouras", "1 colher de cominho"], "Cozinhe por 25 minutos e bata metade."),
    "tr": ("Pratik mercimek çorbası", ["1 su bardağı kırmızı mercimek", "1 soğan", "2 havuç", "1 çay kaşığı kimyon"], "25 dakika pişirip yarısını blenderdan geçirin."),
}  # fmt: skip


def recipe(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title, items, step = RECIPE[lang]
    ing = "".join(f"<li>{esc(x)}</li>" for x in shuffled(rng, items))
    rating = f"<div class='stars'>{'★' * rng.randint(3, 5)}</div>"
    body = f"<h1>{esc(title)}</h1>{rating}<ul class='ingredients'>{ing}</ul><p>{esc(step)}</p><button onclick='window.print()'>🖨</button>"
    return Page(title, body, lang, "Pot & Pan"), site_loc(
        rng, "potandpan-kitchen.com", f"/recipes/{rng.randint(100, 999)}", free=0.2
    )


SHOP = {
    "en": ("Wireless earbuds — 40% off", "Sale ends in", "Add to cart", "Free shipping over $50"),
    "de": ("Kabellose Ohrhörer — 40 % Rabatt", "Angebot endet in", "In den Warenkorb", "Gratisversand ab 50 €"),
    "fr": ("Écouteurs sans fil — -40 %", "Fin de la promo dans", "Ajouter au panier", "Livraison offerte dès 50 €"),
    "id": ("Earbuds nirkabel — diskon 40%", "Promo berakhir dalam", "Tambah ke keranjang", "Gratis ongkir di atas Rp500.000"),
}  # fmt: skip


# Ordinary sites say "unlock" too: a discount for the newsletter, Pro features, paywalled news.
UNLOCK = {
    "en": ("Join the newsletter to unlock 10% off your first order.", "Unlock every feature with Pro.", "Subscribe to unlock unlimited articles."),
    "de": ("Newsletter abonnieren und 10 % Rabatt freischalten.", "Alle Funktionen mit Pro freischalten.", "Abonnieren, um alle Artikel freizuschalten."),
    "fr": ("Inscrivez-vous pour débloquer 10 % de remise.", "Débloquez toutes les fonctions avec Pro.", "Abonnez-vous pour débloquer tous les articles."),
    "id": ("Daftar newsletter untuk buka kunci diskon 10%.", "Buka kunci semua fitur dengan Pro.", "Berlangganan untuk buka kunci semua artikel."),
    "vi": ("Đăng ký bản tin để mở khóa giảm 10%.", "Mở khóa mọi tính năng với Pro.", "Đăng ký để mở khóa mọi bài viết."),
    "pt": ("Assine a newsletter e desbloqueie 10% de desconto.", "Desbloqueie todos os recursos com o Pro.", "Assine para desbloquear todas as matérias."),
    "es": ("Suscríbete y desbloquea un 10% de descuento.", "Desbloquea todas las funciones con Pro.", "Suscríbete para desbloquear todos los artículos."),
}  # fmt: skip


def _unlock(rng: random.Random, lang: str, k: int) -> str:
    return (
        f"<p class='promo'>{esc(UNLOCK[lang][k])}</p>"
        if lang in UNLOCK and rng.random() < 0.6
        else ""
    )


def shop(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title, ends, cart, ship = SHOP[lang]
    price = rng.randint(19, 89)
    (
        "<script>var end=Date.now()+3600e3*"
        + str(rng.randint(2, 30))
        + ";setInterval(function(){var s=(end-Date.now())/1e3|0;"
        "document.getElementById('t').textContent=(s/3600|0)+':'+('0'+(s/60%60|0)).slice(-2)+':'+('0'+s%60).slice(-2)},1000);"
        "function addToCart(id){fetch('/cart/add.js',{method:'POST',body:JSON.stringify({id:id,quantity:1})})}</script>"
    )
    body = (
        f"<h1>{esc(title)}</h1><p class='price'><s>{price * 2}</s> <b>{price}.99</b></p>"
        f"<p>{esc(ends)} <span id='t'>--:--:--</span></p><button onclick='addToCart({rng.randint(10**6, 10**7)})'>{esc(cart)}</button>"
        f"<p>{esc(ship)}</p><form action='/search'><input type='search' name='q'></form>"
        + _unlock(rng, lang, 0)
    )
    return Page(title, body, lang, "Soundnest"), site_loc(
        rng, "soundnest-store.com", f"/products/earbuds-{token(rng, 4)}"
    )


SAAS = {
    "en": ("Invoices in two clicks", "Start free trial", "Work email", "No credit card required."),
    "vi": ("Lập hóa đơn chỉ với hai cú nhấp", "Dùng thử miễn phí", "Email công việc", "Không cần thẻ tín dụng."),
    "pt": ("Notas fiscais em dois cliques", "Teste grátis", "E-mail de trabalho", "Sem cartão de crédito."),
}  # fmt: skip


def saas(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title, cta, email, nocard = SAAS[lang]
    form = f"<form action='/signup' method='post'><input type='email' name='email' placeholder='{esc(email)}'><button>{esc(cta)}</button></form>"
    quotes = "".join(
        f"<blockquote>★★★★★ — {pick(rng, ('Ana', 'Huy', 'Tom', 'Bia'))}</blockquote>"
        for _ in range(rng.randint(1, 3))
    )
    body = f"<h1>{esc(title)}</h1>{form}<p>{esc(nocard)}</p>{quotes}{_unlock(rng, lang, 1)}"
    return Page(f"Billfold — {title}", body, lang, "Billfold"), site_loc(
        rng, "billfold.app", "/", free=0.2
    )


LOCAL = {
    "en": ("City council approves new bike lanes", "The lanes will connect the station with the university by autumn."),
    "th": ("สภาเมืองอนุมัติเลนจักรยานใหม่", "เลนจักรยานจะเชื่อมสถานีกับมหาวิทยาลัยภายในฤดูใบไม้ร่วง"),
    "ar": ("المجلس البلدي يوافق على مسارات جديدة للدراجات", "ستربط المسارات المحطة بالجامعة بحلول الخريف."),
    "es": ("El ayuntamiento aprueba nuevos carriles bici", "Los carriles unirán la estación con la universidad en otoño."),
}  # fmt: skip


def local_news(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title, lead = LOCAL[lang]
    body = f"<h1>{esc(title)}</h1><p class='lead'>{esc(lead)}</p><figure><img src='/img/{token(rng, 8)}.jpg' alt=''></figure>"
    body += _unlock(rng, lang, 2)
    return Page(title, body, lang, "Riverside Post"), site_loc(
        rng, "riversidepost.news", f"/{lang}/city/{rng.randint(10**4, 10**5)}"
    )


MAIL = {
    "en": ("Sign in to Mailnook", "Email address", "Password", "Sign in", "Enter the code from your authenticator app"),
    "de": ("Bei Mailnook anmelden", "E-Mail-Adresse", "Passwort", "Anmelden", "Code aus deiner Authenticator-App eingeben"),
    "id": ("Masuk ke Mailnook", "Alamat email", "Kata sandi", "Masuk", "Masukkan kode dari aplikasi autentikator"),
    "tr": ("Mailnook'a giriş yap", "E-posta adresi", "Şifre", "Giriş yap", "Doğrulama uygulamandaki kodu gir"),
    "es": ("Inicia sesión en Mailnook", "Correo electrónico", "Contraseña", "Entrar", "Introduce el código de tu app de autenticación"),
}  # fmt: skip


def webmail(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title, email, pw, submit, otp = MAIL[lang]
    step2 = (
        f'<div id="mfa" hidden><label>{esc(otp)}<input name="otp" inputmode="numeric" maxlength="6"></label></div>'
        if rng.random() < 0.5
        else ""
    )
    body = (
        f'<form action="https://mailnook.com/auth/login" method="post"><h1>{esc(title)}</h1>'
        f'<input type="hidden" name="csrf_token" value="{token(rng, 32)}">'
        f'<input type="email" name="email" placeholder="{esc(email)}"><input type="password" name="password" placeholder="{esc(pw)}">'
        f"{step2}<button>{esc(submit)}</button></form>"
    )
    return Page(title, body, lang, "Mailnook"), site_loc(rng, "mailnook.com", "/login", empty=0.2)


FORUMLOGIN = {
    "en": ("Log in to the Makers Forum", "Username", "Password", "Log in", "Continue with TikTok"),
    "fr": ("Connexion au forum Makers", "Nom d'utilisateur", "Mot de passe", "Connexion", "Continuer avec TikTok"),
    "vi": ("Đăng nhập diễn đàn Makers", "Tên người dùng", "Mật khẩu", "Đăng nhập", "Tiếp tục với TikTok"),
    "pt": ("Entrar no fórum Makers", "Usuário", "Senha", "Entrar", "Continuar com o TikTok"),
}  # fmt: skip


def forum_login(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title, user, pw, submit, social = FORUMLOGIN[lang]
    sso = authorize_url(rng, ["user.info.basic"], "https://makersforum.org/auth/tiktok/callback")
    parts = shuffled(rng, [
        f'<form action="/session" method="post"><input name="login" placeholder="{esc(user)}"><input type="password" name="password" placeholder="{esc(pw)}"><button>{esc(submit)}</button></form>',
        f'<a class="sso" href="{esc(sso)}">{esc(social)}</a>',
    ])  # fmt: skip
    return Page(title, f"<h1>{esc(title)}</h1>" + "".join(parts), lang, "Makers Forum"), site_loc(
        rng, "makersforum.org", "/login", empty=0.2
    )


def families() -> list[Family]:
    b, o, ol = "benign", "ordinary", "ordinary_login"
    return [
        Family("page-ord-recipe", b, o, ("en", "es", "pt", "tr"), 8, recipe),
        Family("page-ord-shop", b, o, ("en", "de", "fr", "id"), 8, shop),
        Family("page-ord-saas", b, o, ("en", "vi", "pt"), 7, saas),
        Family("page-ord-localnews", b, o, ("en", "th", "ar", "es"), 7, local_news),
        Family("page-ord-webmail", b, ol, ("en", "de", "id", "tr", "es"), 9, webmail),
        Family("page-ord-forumlogin", b, ol, ("en", "fr", "vi", "pt"), 8, forum_login),
    ]
