"""Scam page templates: content lockers, CPA offer walls and free-follower generators."""

from __future__ import annotations

import random

from data.generator.common import esc
from data.generator.pages_hosts import Loc, scam_loc
from data.generator.pages_kit import LURES, Family, pick, shuffled, token
from data.generator.pages_skeletons import Page

PROGRESS = {
    "en": ("Searching account…", "Connecting to server…", "Decrypting visitor data…",
           "Scanning may take up to 3 minutes", "Almost done…"),
    "es": ("Buscando la cuenta…", "Conectando con el servidor…", "Descifrando visitas…",
           "El escaneo puede tardar hasta 3 minutos", "Casi listo…"),
    "pt": ("Procurando a conta…", "Conectando ao servidor…", "Descriptografando visitantes…",
           "A verificação pode levar até 3 minutos", "Quase pronto…"),
    "id": ("Mencari akun…", "Menghubungkan ke server…", "Mendekripsi data pengunjung…",
           "Pemindaian bisa memakan waktu hingga 3 menit", "Hampir selesai…"),
    "vi": ("Đang tìm tài khoản…", "Đang kết nối máy chủ…", "Đang giải mã dữ liệu…",
           "Quá trình quét có thể mất đến 3 phút", "Sắp xong…"),
    "tr": ("Hesap aranıyor…", "Sunucuya bağlanılıyor…", "Ziyaretçi verileri çözülüyor…",
           "Tarama 3 dakika kadar sürebilir", "Neredeyse bitti…"),
    "de": ("Konto wird gesucht…", "Verbindung zum Server…", "Besucherdaten werden entschlüsselt…",
           "Der Scan kann bis zu 3 Minuten dauern", "Fast fertig…"),
    "fr": ("Recherche du compte…", "Connexion au serveur…", "Déchiffrement des visiteurs…",
           "L'analyse peut prendre jusqu'à 3 minutes", "Presque terminé…"),
    "ar": ("جارٍ البحث عن الحساب…", "جارٍ الاتصال بالخادم…", "فك تشفير بيانات الزوار…",
           "قد يستغرق الفحص حتى 3 دقائق", "اقتربنا…"),
    "th": ("กำลังค้นหาบัญชี…", "กำลังเชื่อมต่อเซิร์ฟเวอร์…", "กำลังถอดรหัสข้อมูล…",
           "การสแกนอาจใช้เวลาถึง 3 นาที", "ใกล้เสร็จแล้ว…"),
}  # fmt: skip
VERIFY = {
    "en": ("Verify you are human", "Verify I'm not a robot", "Complete one offer below to unlock",
           "This will open a new window"),
    "es": ("Verifica que eres humano", "No soy un robot", "Completa una oferta para desbloquear",
           "Se abrirá una nueva ventana"),
    "pt": ("Verifique que você é humano", "Não sou um robô", "Complete uma oferta para desbloquear",
           "Isso abrirá uma nova janela"),
    "id": ("Verifikasi bahwa kamu manusia", "Saya bukan robot", "Selesaikan satu penawaran untuk membuka",
           "Ini akan membuka jendela baru"),
    "vi": ("Xác minh bạn là người", "Tôi không phải robot", "Hoàn thành một ưu đãi để mở khóa",
           "Một cửa sổ mới sẽ mở ra"),
    "tr": ("İnsan olduğunu doğrula", "Robot değilim", "Kilidi açmak için bir teklifi tamamla",
           "Yeni bir pencere açılacak"),
    "de": ("Bestätige, dass du ein Mensch bist", "Ich bin kein Roboter",
           "Schließe ein Angebot ab, um freizuschalten", "Es öffnet sich ein neues Fenster"),
    "fr": ("Vérifiez que vous êtes humain", "Je ne suis pas un robot",
           "Complétez une offre pour débloquer", "Une nouvelle fenêtre va s'ouvrir"),
    "ar": ("تحقق من أنك إنسان", "لست روبوتًا", "أكمل عرضًا واحدًا لفتح القفل", "ستفتح نافذة جديدة"),
    "th": ("ยืนยันว่าคุณเป็นมนุษย์", "ฉันไม่ใช่โรบอท", "ทำข้อเสนอหนึ่งรายการเพื่อปลดล็อก", "หน้าต่างใหม่จะเปิดขึ้น"),
}  # fmt: skip
USERNAME = {
    "en": "Your TikTok username", "es": "Tu usuario de TikTok", "pt": "Seu usuário do TikTok",
    "id": "Username TikTok kamu", "vi": "Tên người dùng TikTok", "tr": "TikTok kullanıcı adın",
    "de": "Dein TikTok-Benutzername", "fr": "Votre nom d'utilisateur TikTok",
    "ar": "اسم مستخدم تيك توك", "th": "ชื่อผู้ใช้ TikTok ของคุณ",
}  # fmt: skip
FEED = {
    "en": "@{u} from {c} just received {n} followers", "es": "@{u} de {c} acaba de recibir {n} seguidores",
    "pt": "@{u} de {c} acabou de receber {n} seguidores", "id": "@{u} dari {c} baru saja mendapat {n} followers",
    "tr": "{c} şehrinden @{u} az önce {n} takipçi aldı", "vi": "@{u} từ {c} vừa nhận {n} người theo dõi",
}  # fmt: skip
CITIES = ("Jakarta", "São Paulo", "Madrid", "Hanoi", "Izmir", "Lyon", "Cairo", "Bangkok", "Texas")


def _progress(rng: random.Random, lang: str) -> str:
    steps = list(PROGRESS[lang])
    if rng.random() < 0.5:
        steps = steps[:1] + shuffled(rng, steps[1:3]) + steps[3:]
    items = "".join(f'<li data-ms="{rng.randint(6, 30) * 100}">{esc(s)}</li>' for s in steps)
    return (
        f'<div id="progress" class="console"><div class="bar"><span style="width:{rng.randint(5, 40)}%"></span></div>'
        f"<ul>{items}</ul></div>"
    )


def _username_box(rng: random.Random, lang: str) -> str:
    return (
        f'<div class="lookup"><input id="uname" type="text" placeholder="{esc(USERNAME[lang])}">'
        f'<button id="go">{pick(rng, ("▶", "🔍", "GO", "Start"))}</button></div>'
    )


# Lockers hurry the visitor too: "offer expires in 04:59" under the verification button.
HURRY = {
    "en": "Offer expires in", "es": "La oferta expira en", "pt": "Oferta expira em",
    "id": "Penawaran berakhir dalam", "tr": "Kalan süre", "vi": "Ưu đãi kết thúc sau",
}  # fmt: skip


def _verify_box(rng: random.Random, lang: str, onclick: str) -> str:
    v = VERIFY[lang]
    hurry = ""
    if rng.random() < 0.5 and lang in HURRY:
        hurry = f'<p class="timer">{esc(HURRY[lang])} <b>0{rng.randint(1, 9)}:{rng.randint(10, 59)}</b></p>'
    return (
        f'<div id="locker" class="modal" style="display:none"><h3>{esc(pick(rng, v[:2]))}</h3>'
        f'<p>{esc(v[2])}</p><small>{esc(v[3])}</small>{hurry}<button onclick="{onclick}">{esc(v[1])}</button></div>'
    )


def adbluemedia(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    it, key = rng.randint(10**6, 10**7), token(rng, 5, "0123456789abcdef")
    cf = f"d{token(rng, 12)}.cloudfront.net"
    tail = (
        f'<script type="text/javascript">var _JF = {{"it":{it},"key":"{key}"}};</script>'
        f'<script type="text/javascript" src="https://{cf}/{token(rng, 8, "0123456789abcdef")}.js"></script>'
        "<script>function unlock(){_JF&&fetch('/public/external/check2.php?testing=0').then(function(r){return r.json()})"
        f".then(function(o){{if(!o.length)location.href='https://{cf}/public/offers/feed.php?user_id={it}&api_key={key}&s1=tt'}})}}</script>"
    )
    body = (
        f"<h1>{esc(pick(rng, LURES[lang][:3]))}</h1>"
        + _username_box(rng, lang)
        + _progress(rng, lang)
        + _verify_box(rng, lang, "unlock()")
    )
    return Page(pick(rng, LURES[lang][:3]), body, lang, "TikView", tail=tail), scam_loc(rng, "/")


def ogads(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    slug = token(rng, 6, "0123456789abcdef")
    tail = (
        f'<script type="text/javascript" id="ogjs" src="https://pagelocked.org/cp/js/{slug}" data-captcha-enable="true"></script>'
        "<script>document.getElementById('go').onclick=function(){setTimeout(function(){og_load()},4200)};</script>"
    )
    amounts = shuffled(rng, ("350", "1,400", "3,500", "7,000", "17,500"))[:3]
    cards = "".join(
        f'<div class="coin"><b>🪙 {a}</b><button class="pick">✔</button></div>' for a in amounts
    )
    title = pick(rng, ("TikTok Coins Generator", "Free TikTok Coins 2026", "Coins4TikTok"))
    alt = f'<a href="https://applocked.org/cl/i/{slug}" rel="nofollow">{esc(VERIFY[lang][1])}</a>'
    body = (
        f"<h1>{title}</h1>"
        + _username_box(rng, lang)
        + f"<div class='coins'>{cards}</div>"
        + _progress(rng, lang)
        + alt
    )
    return Page(title, body, lang, title, tail=tail), scam_loc(rng, "/coins")


def cpagrip(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    pub = rng.randint(10**5, 10**6)
    tail = (
        f'<script type="text/javascript" src="https://www.cpagrip.com/script_include.php?id={pub}"></script>'
        "<script>function cpagripComplete(){document.getElementById('result').style.display='block'}"
        f"function openOffers(){{window.open('https://www.cpagrip.com/show.php?l=0&u={pub}&id={rng.randint(1000, 9999)}')}}</script>"
    )
    body = (
        f"<h1>{esc(LURES[lang][1])}</h1>"
        + _username_box(rng, lang)
        + _progress(rng, lang)
        + _verify_box(rng, lang, "openOffers()")
        + '<div id="result" style="display:none">…</div>'
    )
    return Page(LURES[lang][1], body, lang, "SavedBy", tail=tail), scam_loc(rng, "/saved")


def cpabuild(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    lid = rng.randint(10**4, 10**5)
    tail = (
        f'<script src="https://cpabuild.com/public/locker/{lid}.js"></script>'
        f"<script>var CPBContentLocker={{lockerId:{lid},theme:'{pick(rng, ('dark', 'light', 'pink'))}'}};"
        "document.getElementById('dl').onclick=function(e){e.preventDefault();CPBContentLocker.show&&CPBContentLocker.show()};</script>"
    )
    n = rng.randint(12, 60)
    body = (
        f"<h1>{esc(pick(rng, LURES[lang][:3]))}</h1><p>📄 {n} ✔</p>"
        + _progress(rng, lang)
        + f'<a id="dl" class="btn" href="#">⬇ PDF ({n})</a>'
    )
    return Page(pick(rng, LURES[lang][:3]), body, lang, "TTReport", tail=tail), scam_loc(
        rng, "/report"
    )


OFFERS = ("🎁 $750 gift card", "📱 Win the new iPhone", "🎡 Spin the wheel", "🛒 $100 voucher",
          "🎮 Free game credits", "💳 Cashback bonus")  # fmt: skip
SURVEY = {
    "en": "Complete a short survey (2 minutes) to unlock your report",
    "es": "Completa una breve encuesta (2 minutos) para desbloquear tu informe",
    "pt": "Responda uma pesquisa rápida (2 minutos) para liberar seu relatório",
    "fr": "Répondez à un court sondage (2 minutes) pour débloquer votre rapport",
    "tr": "Raporunun kilidini açmak için kısa bir anketi (2 dakika) tamamla",
    "vi": "Hoàn thành khảo sát ngắn (2 phút) để mở khóa báo cáo",
    "id": "Isi survei singkat (2 menit) untuk membuka laporan",
    "th": "ทำแบบสำรวจสั้น ๆ (2 นาที) เพื่อปลดล็อกรายงาน",
    "ar": "أكمل استبيانًا قصيرًا (دقيقتان) لفتح تقريرك",
}  # fmt: skip


def _offer_list(rng: random.Random, k: int) -> str:
    trk = f"trk{rng.randint(1, 9)}.{pick(rng, ('offerpath', 'clickvault', 'leadzone'))}.{pick(rng, ('com', 'net', 'io'))}"
    items = "".join(
        f'<li><a href="https://{trk}/click?o={rng.randint(100, 9999)}&sub1=tt&sub2={token(rng, 6)}" target="_blank">{esc(o)}</a></li>'
        for o in rng.sample(OFFERS, k=k)
    )
    return f'<ul class="offers">{items}</ul>'


def survey(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    body = f"<h1>{esc(pick(rng, LURES[lang][:3]))}</h1><h2>{esc(SURVEY[lang])}</h2>" + _offer_list(
        rng, rng.randint(2, 5)
    )
    if rng.random() < 0.5:
        body = _progress(rng, lang) + body
    return Page(SURVEY[lang], body, lang, "ReportUnlock"), scam_loc(rng, "/survey")


def giveaway(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    coins = rng.choice((2000, 5000, 8000))
    tail = f'<script src="https://www.cpalead.com/mobile/locker/{rng.randint(10**5, 10**6)}/"></script>'
    timer = f'<p class="timer">⏳ <span id="t">{rng.randint(2, 9)}:{rng.randint(10, 59)}</span></p>'
    body = (
        f"<h1>🎉 {coins} TikTok coins</h1>{timer}"
        + _username_box(rng, lang)
        + f"<p>{esc(VERIFY[lang][2])}</p>"
        + _offer_list(rng, 2)
    )
    return Page(f"{coins} coins giveaway", body, lang, "CoinDrop", tail=tail), scam_loc(
        rng, "/giveaway"
    )


def live_feed(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    names = [token(rng, rng.randint(5, 10)) for _ in range(6)]
    tail = (
        f'<script src="https://www.adworkmedia.com/gLoader.php?GID={rng.randint(10**4, 10**5)}&go=&sid=tt"></script>'
        f"<script>var n={names!r};setInterval(function(){{var t=document.getElementById('toast');"
        f"t.textContent='{esc(FEED[lang])}'.replace('{{u}}',n[Math.floor(Math.random()*n.length)])"
        f".replace('{{c}}','{pick(rng, CITIES)}').replace('{{n}}',[1000,2500,5000][Math.floor(Math.random()*3)]);"
        f"t.style.display='block'}},{rng.randint(30, 70) * 100});</script>"
    )
    toast = '<div id="toast" class="toast" style="display:none"></div>'
    body = (
        f"<h1>{esc(LURES[lang][3])}</h1>"
        + _username_box(rng, lang)
        + _progress(rng, lang)
        + _verify_box(rng, lang, "gLoad()")
        + toast
    )
    return Page(LURES[lang][3], body, lang, "FanBoost", tail=tail), scam_loc(rng, "/")


INSTALL = {
    "en": "Install and open 2 apps below for 30 seconds to verify",
    "vi": "Cài đặt và mở 2 ứng dụng dưới đây trong 30 giây để xác minh",
    "th": "ติดตั้งและเปิดแอป 2 แอปด้านล่างเป็นเวลา 30 วินาทีเพื่อยืนยัน",
    "ar": "ثبّت وافتح تطبيقين أدناه لمدة 30 ثانية للتحقق",
}
APPS = ("Puzzle Blast", "Fit Coach", "Merge Kingdom", "Cash Quiz", "VPN Master", "Photo Magic")


def app_install(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    cards = "".join(
        f'<div class="app"><b>{esc(a)}</b> <a href="https://go.{pick(rng, ("apptrk", "installpath"))}.net/c/{rng.randint(10**4, 10**5)}?aff=tt">GET</a></div>'
        for a in rng.sample(APPS, k=rng.randint(2, 4))
    )
    body = (
        f"<h1>{esc(pick(rng, LURES[lang]))}</h1>"
        + _progress(rng, lang)
        + f"<h2>{esc(VERIFY[lang][0])}</h2><p>{esc(INSTALL[lang])}</p>{cards}"
    )
    return Page(VERIFY[lang][0], body, lang, "AppVerify"), scam_loc(rng, "/verify")


def generator_steps(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    amounts = shuffled(rng, ("1000", "2500", "5000", "10000", "50000"))[:4]
    opts = "".join(f'<option value="{a}">{a}</option>' for a in amounts)
    what = pick(rng, ("followers", "likes", "views", "fans"))
    tail = (
        "<script>var s=document.querySelectorAll('#progress li'),k=0;"
        "document.getElementById('go').onclick=function(){var t=setInterval(function(){if(k<s.length){s[k++].className='done'}"
        "else{clearInterval(t);document.getElementById('locker').style.display='block'}},1200)};"
        f"function og_load(){{window.open('https://{pick(rng, ('verifyhuman', 'humancheck', 'unlock-now'))}.{pick(rng, ('site', 'top', 'xyz'))}/cl/{token(rng, 5)}')}}</script>"
    )
    body = (
        f"<h1>TikTok {what} generator</h1><p>{esc(LURES[lang][3])}</p>"
        + _username_box(rng, lang)
        + f'<select name="amount">{opts}</select>'
        + _progress(rng, lang)
        + _verify_box(rng, lang, "og_load()")
    )
    return Page(f"Free TikTok {what.title()} Generator", body, lang, "GenTik", tail=tail), scam_loc(
        rng, "/generator"
    )


def families() -> list[Family]:
    s, cl, ow = "scam", "content_locker", "offer_wall_survey"
    return [
        Family("page-locker-adbluemedia", s, cl, ("en", "es", "pt", "id"), 9, adbluemedia),
        Family("page-locker-ogads", s, cl, ("en", "vi", "tr", "fr"), 10, ogads),
        Family("page-locker-cpagrip", s, cl, ("en", "de", "es", "ar"), 8, cpagrip),
        Family("page-locker-cpabuild", s, cl, ("en", "pt", "id", "th"), 8, cpabuild),
        Family("page-offerwall-survey", s, ow, ("en", "es", "pt", "fr"), 9, survey),
        Family("page-offerwall-giveaway", s, ow, ("en", "tr", "vi", "id"), 8, giveaway),
        Family("page-locker-livefeed", s, cl, ("en", "es", "id", "pt", "tr"), 9, live_feed),
        Family("page-offerwall-appinstall", s, ow, ("en", "vi", "th", "ar"), 7, app_install),
        Family("page-locker-generator", s, cl, ("en", "es", "de", "fr"), 8, generator_steps),
    ]
