"""Benign page templates: TikTok's own help, newsroom and safety pages, login and OAuth consent."""

from __future__ import annotations

import random

from data.generator.common import esc
from data.generator.pages_hosts import Loc, site_loc
from data.generator.pages_kit import LOGIN, Family, pick, shuffled, token
from data.generator.pages_skeletons import Page

HELP = {
    "en": ("Profile view history", [
        "Profile view history lets you see who viewed your profile in the past 30 days, if you both turned it on.",
        "It is off by default. Go to Settings and privacy › Privacy › Profile views to turn it on.",
        "It is only available to people aged 16 or over with fewer than 5,000 followers.",
        "If you turn it off, you won't see who viewed your profile and others won't see that you viewed theirs.",
        "Third-party apps cannot show who viewed your profile. Never share your password with them."]),
    "es": ("Historial de visitas al perfil", [
        "El historial de visitas al perfil te muestra quién vio tu perfil en los últimos 30 días, si ambos lo activaron.",
        "Está desactivado de forma predeterminada. Ve a Ajustes y privacidad › Privacidad › Visitas al perfil.",
        "Solo está disponible para personas de 16 años o más con menos de 5.000 seguidores.",
        "Las apps de terceros no pueden mostrar quién vio tu perfil. Nunca compartas tu contraseña."]),
    "pt": ("Histórico de visualizações do perfil", [
        "O histórico mostra quem viu seu perfil nos últimos 30 dias, se os dois tiverem ativado o recurso.",
        "Ele vem desativado. Acesse Configurações e privacidade › Privacidade › Visualizações do perfil.",
        "Disponível para maiores de 16 anos com menos de 5.000 seguidores.",
        "Aplicativos de terceiros não conseguem mostrar quem visitou seu perfil."]),
    "id": ("Riwayat tayangan profil", [
        "Riwayat tayangan profil menampilkan siapa yang melihat profilmu dalam 30 hari terakhir, jika kalian berdua mengaktifkannya.",
        "Fitur ini nonaktif secara default. Buka Pengaturan dan privasi › Privasi › Tayangan profil.",
        "Hanya untuk pengguna berusia 16 tahun ke atas dengan kurang dari 5.000 pengikut.",
        "Aplikasi pihak ketiga tidak dapat menampilkan siapa yang melihat profilmu."]),
    "vi": ("Lịch sử xem hồ sơ", [
        "Lịch sử xem hồ sơ cho bạn biết ai đã xem hồ sơ của bạn trong 30 ngày qua, nếu cả hai cùng bật tính năng.",
        "Tính năng này tắt theo mặc định. Vào Cài đặt và quyền riêng tư › Quyền riêng tư › Lượt xem hồ sơ.",
        "Chỉ dành cho người từ 16 tuổi trở lên và có dưới 5.000 người theo dõi.",
        "Ứng dụng bên thứ ba không thể cho biết ai đã xem hồ sơ của bạn."]),
    "tr": ("Profil görüntüleme geçmişi", [
        "Profil görüntüleme geçmişi, ikiniz de açtıysanız son 30 günde profilini kimin görüntülediğini gösterir.",
        "Varsayılan olarak kapalıdır. Ayarlar ve gizlilik › Gizlilik › Profil görüntülemeleri'ne git.",
        "16 yaş ve üzeri, 5.000'den az takipçisi olan kullanıcılar içindir.",
        "Üçüncü taraf uygulamalar profilini kimin görüntülediğini gösteremez."]),
    "de": ("Profilaufrufverlauf", [
        "Der Profilaufrufverlauf zeigt, wer dein Profil in den letzten 30 Tagen angesehen hat, wenn ihr beide ihn aktiviert habt.",
        "Er ist standardmäßig deaktiviert: Einstellungen und Datenschutz › Datenschutz › Profilaufrufe.",
        "Verfügbar ab 16 Jahren und für Konten mit weniger als 5.000 Followern.",
        "Drittanbieter-Apps können nicht anzeigen, wer dein Profil angesehen hat."]),
    "fr": ("Historique des vues du profil", [
        "L'historique des vues du profil indique qui a consulté votre profil ces 30 derniers jours, si vous l'avez tous deux activé.",
        "Il est désactivé par défaut : Paramètres et confidentialité › Confidentialité › Vues du profil.",
        "Réservé aux personnes de 16 ans et plus ayant moins de 5 000 abonnés.",
        "Les applications tierces ne peuvent pas montrer qui a consulté votre profil."]),
}  # fmt: skip
POSTVIEW = {
    "en": ("Post view history", ["Post view history shows who viewed your videos in the past 7 days.",
           "Both you and the viewer need the setting turned on; it is off by default for accounts under 16.",
           "Saves and shares show as counts only; TikTok does not list who saved or shared a video."]),
    "es": ("Historial de visualizaciones de publicaciones", ["Muestra quién vio tus videos en los últimos 7 días.",
           "Tú y la otra persona deben tener el ajuste activado.",
           "Los guardados y compartidos solo aparecen como números; TikTok no muestra quién guardó un video."]),
    "id": ("Riwayat tayangan postingan", ["Menampilkan siapa yang menonton videomu dalam 7 hari terakhir.",
           "Kamu dan penonton harus sama-sama mengaktifkan pengaturan ini.",
           "Simpanan dan bagikan hanya tampil sebagai jumlah; TikTok tidak menunjukkan siapa yang menyimpan."]),
    "th": ("ประวัติการดูโพสต์", ["แสดงว่าใครดูวิดีโอของคุณในช่วง 7 วันที่ผ่านมา",
           "ทั้งคุณและผู้ชมต้องเปิดการตั้งค่านี้", "การบันทึกและการแชร์จะแสดงเป็นจำนวนเท่านั้น"]),
    "ar": ("سجل مشاهدات المنشورات", ["يعرض من شاهد مقاطعك خلال آخر 7 أيام.",
           "يجب أن تفعّل أنت والمشاهد هذا الإعداد.", "الحفظ والمشاركة تظهر كأرقام فقط، ولا يعرض تيك توك من حفظ الفيديو."]),
}  # fmt: skip


def _article(rng: random.Random, title: str, paras: list[str], related: int = 0) -> str:
    order = paras[:1] + (shuffled(rng, paras[1:]) if rng.random() < 0.5 else paras[1:])
    body = "".join(f"<p>{esc(p)}</p>" for p in order)
    helpful = '<div class="helpful">👍 👎</div>' if rng.random() < 0.6 else ""
    return f'<article class="help-article"><h1>{esc(title)}</h1>{body}{helpful}</article>'


def help_profile(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title, paras = HELP[lang]
    path = f"/{lang}/account-and-privacy/account-privacy-settings/profile-view-history"
    return Page(
        f"{title} | TikTok Help Center", _article(rng, title, paras), lang, "TikTok Help Center"
    ), site_loc(rng, "support.tiktok.com", path)


def help_post(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title, paras = POSTVIEW[lang]
    path = f"/{lang}/using-tiktok/exploring-videos/post-view-history"
    return Page(
        f"{title} | TikTok Help Center", _article(rng, title, paras), lang, "TikTok Help Center"
    ), site_loc(rng, "support.tiktok.com", path)


NEWS = {
    "en": ("Keeping your account safe from scams", [
        "We regularly see websites promising to reveal who viewed, saved or shared your videos. They cannot.",
        "These sites ask for your password, a verification code or your browser cookies and use them to take over accounts.",
        "The only way to see profile visitors is Profile view history in the app.",
        "Turn on 2-step verification and never paste codes or cookies into other sites."]),
    "fr": ("Protéger votre compte contre les arnaques", [
        "Des sites promettent de révéler qui a vu, enregistré ou partagé vos vidéos. C'est impossible.",
        "Ils demandent votre mot de passe, un code de vérification ou vos cookies pour pirater des comptes.",
        "Seul l'historique des vues du profil, dans l'application, montre les visiteurs."]),
    "de": ("So schützt du dein Konto vor Betrug", [
        "Websites versprechen zu zeigen, wer deine Videos angesehen oder gespeichert hat. Das können sie nicht.",
        "Sie fragen nach Passwort, Bestätigungscode oder Cookies und übernehmen damit Konten.",
        "Nur der Profilaufrufverlauf in der App zeigt Besucher an."]),
    "pt": ("Como manter sua conta protegida contra golpes", [
        "Vemos sites que prometem revelar quem viu, salvou ou compartilhou seus vídeos. Eles não conseguem.",
        "Esses sites pedem sua senha, um código de verificação ou seus cookies para invadir contas.",
        "A única forma de ver visitantes é o histórico de visualizações do perfil no app."]),
}  # fmt: skip
SAFETY = {
    "en": ("Account security tips", ["Never share your password or the 6-digit code we send you.",
           "TikTok staff will never ask for your login details.", "Apps promising free followers or visitor lists are scams.",
           "Review connected apps under Settings › Security › Manage app permissions."]),
    "es": ("Consejos de seguridad de la cuenta", ["Nunca compartas tu contraseña ni el código de 6 dígitos.",
           "El personal de TikTok nunca te pedirá tus datos de acceso.",
           "Las apps que prometen seguidores gratis o listas de visitantes son estafas."]),
    "vi": ("Mẹo bảo mật tài khoản", ["Không bao giờ chia sẻ mật khẩu hoặc mã 6 chữ số.",
           "Nhân viên TikTok không bao giờ hỏi thông tin đăng nhập của bạn.",
           "Ứng dụng hứa tặng người theo dõi hoặc danh sách người xem là lừa đảo."]),
    "tr": ("Hesap güvenliği ipuçları", ["Şifreni veya 6 haneli kodu asla paylaşma.",
           "TikTok çalışanları giriş bilgilerini asla istemez.",
           "Ücretsiz takipçi veya ziyaretçi listesi vaat eden uygulamalar dolandırıcılıktır."]),
}  # fmt: skip


def newsroom(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title, paras = NEWS[lang]
    date = f'<time datetime="2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}">{rng.randint(1, 28)}/{rng.randint(1, 12)}/2025</time>'
    body = _article(rng, title, paras).replace("</h1>", f"</h1>{date}", 1)
    return Page(f"{title} | TikTok Newsroom", body, lang, "TikTok Newsroom"), site_loc(
        rng, "newsroom.tiktok.com", f"/{lang}/{'-'.join(title.lower().split()[:4])}"
    )


def safety(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title, paras = SAFETY[lang]
    items = "".join(f"<li>{esc(p)}</li>" for p in shuffled(rng, paras))
    body = f"<h1>{esc(title)}</h1><ul class='tips'>{items}</ul>"
    return Page(f"{title} | TikTok Safety Center", body, lang, "TikTok"), site_loc(
        rng, "www.tiktok.com", f"/safety/{lang}/account-security"
    )


def _tt_head(rng: random.Random) -> str:
    return (
        f'<link rel="stylesheet" href="https://sf16-website-login.neutral.ttwstatic.com/obj/tiktok_web_login_static/css/{token(rng, 8)}.css">'
        f'<script src="https://sf16-website-login.neutral.ttwstatic.com/obj/tiktok_web_login_static/webapp/main/webapp-desktop/{token(rng, 6)}.js" defer></script>'
    )


def login(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title, user, pw, forgot, submit, signup = LOGIN[lang]
    script = (
        "<script>function mix(s){return Array.from(s).map(function(c){return (c.charCodeAt(0)^5).toString(16)}).join('')}"
        "window.__LOGIN_CFG__={mixMode:1,endpoint:'/passport/web/user/login/?aid=1459&account_sdk_source=web'};</script>"
    )
    body = (
        '<div id="loginContainer" class="tiktok-1lsu3xn-DivLoginContainer">'
        f'<h2 class="tiktok-ss2jzd-H2Title">{title}</h2><form>'
        f'<input name="username" placeholder="{user}"><input type="password" placeholder="{pw}">'
        f'<a href="/login/email/forget-password">{forgot}</a><button type="submit" data-e2e="login-button">{submit}</button></form>'
        f'<p><a href="/signup">{signup}</a></p></div>'
    )
    loc = site_loc(rng, "www.tiktok.com", f"/login/phone-or-email/email?lang={lang}", empty=0.2)
    return Page(f"{title} | TikTok", body, lang, "TikTok", head=_tt_head(rng), tail=script), loc


QRT = {
    "en": (
        "Log in with QR code",
        "Scan with your mobile device's camera or the TikTok app",
        "Use phone / email / username",
    ),
    "id": (
        "Masuk dengan kode QR",
        "Pindai dengan kamera atau aplikasi TikTok",
        "Gunakan ponsel / email / nama pengguna",
    ),
    "vi": (
        "Đăng nhập bằng mã QR",
        "Quét bằng camera hoặc ứng dụng TikTok",
        "Dùng điện thoại / email / tên người dùng",
    ),
}


def login_qr(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    t, scan, alt = QRT[lang]
    body = (
        f'<div id="loginContainer"><h2>{t}</h2><canvas class="qrcode" width="160" height="160"></canvas>'
        f'<ol><li>{esc(scan)}</li></ol><a href="/login/phone-or-email">{esc(alt)}</a></div>'
    )
    return Page(f"{t} | TikTok", body, lang, "TikTok", head=_tt_head(rng)), site_loc(
        rng, "www.tiktok.com", "/login/qrcode"
    )


SCOPES = {
    "user.info.basic": {"en": "Read your profile info (avatar, display name)", "es": "Leer tu perfil (avatar, nombre)",
                        "pt": "Ler seu perfil (avatar, nome)", "de": "Profilinfos lesen (Avatar, Anzeigename)",
                        "fr": "Lire votre profil (avatar, nom)", "id": "Membaca info profil (avatar, nama)"},
    "user.info.stats": {"en": "Read your follower, like and video counts", "es": "Leer tus cifras de seguidores y me gusta",
                        "pt": "Ler seus números de seguidores e curtidas", "de": "Follower- und Like-Zahlen lesen",
                        "fr": "Lire vos nombres d'abonnés et de j'aime", "id": "Membaca jumlah pengikut dan suka"},
    "video.list": {"en": "Read your public videos", "es": "Leer tus videos públicos", "pt": "Ler seus vídeos públicos",
                   "de": "Deine öffentlichen Videos lesen", "fr": "Lire vos vidéos publiques", "id": "Membaca video publikmu"},
    "video.upload": {"en": "Upload videos to your drafts", "es": "Subir videos a tus borradores",
                     "pt": "Enviar vídeos para rascunhos", "de": "Videos in deine Entwürfe hochladen",
                     "fr": "Importer des vidéos dans vos brouillons", "id": "Mengunggah video ke draf"},
}  # fmt: skip
CONSENT = {
    "en": ("{app} would like to access your TikTok account", "Authorize", "Cancel",
           "You can remove access at any time in Settings › Security › Manage app permissions."),
    "es": ("{app} quiere acceder a tu cuenta de TikTok", "Autorizar", "Cancelar",
           "Puedes quitar el acceso en Ajustes › Seguridad › Administrar permisos de apps."),
    "pt": ("{app} deseja acessar sua conta do TikTok", "Autorizar", "Cancelar",
           "Você pode remover o acesso em Configurações › Segurança › Gerenciar permissões."),
    "de": ("{app} möchte auf dein TikTok-Konto zugreifen", "Autorisieren", "Abbrechen",
           "Du kannst den Zugriff jederzeit unter Einstellungen › Sicherheit › App-Berechtigungen entfernen."),
    "fr": ("{app} souhaite accéder à votre compte TikTok", "Autoriser", "Annuler",
           "Vous pouvez retirer l'accès dans Paramètres › Sécurité › Gérer les autorisations."),
    "id": ("{app} ingin mengakses akun TikTok kamu", "Izinkan", "Batal",
           "Kamu bisa mencabut akses di Pengaturan › Keamanan › Kelola izin aplikasi."),
}  # fmt: skip
APPS = ("Clipmetric", "Postwise", "Reelboard", "Statloom", "Cadence Social", "Brightgrid")


def authorize_url(rng: random.Random, scopes: list[str], redirect: str) -> str:
    """A well-formed Login Kit v2 URL: client_key, comma scopes, static https redirect, PKCE."""
    return (
        f"https://www.tiktok.com/v2/auth/authorize/?client_key={token(rng, rng.randint(16, 18), 'abcdefghijklmnopqrstuvwxyz0123456789')}"
        f"&response_type=code&scope={','.join(scopes)}&redirect_uri={redirect.replace(':', '%3A').replace('/', '%2F')}"
        f"&state={token(rng, 16)}&code_challenge={token(rng, 43, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_')}"
        "&code_challenge_method=S256"
    )


def consent(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    app = pick(rng, APPS)
    scopes = [
        "user.info.basic",
        *rng.sample(["user.info.stats", "video.list", "video.upload"], k=rng.randint(1, 2)),
    ]
    ask, ok, cancel, revoke = CONSENT[lang]
    items = "".join(f"<li>{esc(SCOPES[s][lang])}</li>" for s in scopes)
    body = (
        f'<div class="consent"><img src="https://p16-sign.tiktokcdn-us.com/app-icons/{token(rng, 10)}.png" alt="" width="48">'
        f"<h2>{esc(ask.format(app=app))}</h2><ul>{items}</ul>"
        f'<button class="primary" data-e2e="authorize">{esc(ok)}</button><button>{esc(cancel)}</button><p>{esc(revoke)}</p></div>'
    )
    url = authorize_url(
        rng, scopes, f"https://app.{app.lower().replace(' ', '')}.com/auth/tiktok/callback"
    )
    loc = Loc("") if rng.random() < 0.1 else Loc(url)
    return Page(f"TikTok - {ok}", body, lang, "TikTok", head=_tt_head(rng)), loc


PERMS = {
    "en": (
        "Manage app permissions",
        "Remove access",
        "These apps can access parts of your account. They cannot see your password.",
    ),
    "tr": (
        "Uygulama izinlerini yönet",
        "Erişimi kaldır",
        "Bu uygulamalar hesabının bazı bölümlerine erişebilir. Şifreni göremezler.",
    ),
    "vi": (
        "Quản lý quyền ứng dụng",
        "Xóa quyền truy cập",
        "Các ứng dụng này truy cập một phần tài khoản. Chúng không thấy mật khẩu của bạn.",
    ),
}


def app_permissions(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title, remove, note = PERMS[lang]
    rows = "".join(
        f"<li><b>{esc(a)}</b> <small>user.info.basic, video.list</small> <button>{esc(remove)}</button></li>"
        for a in rng.sample(APPS, k=rng.randint(1, 4))
    )
    body = f"<h1>{esc(title)}</h1><p>{esc(note)}</p><ul class='apps'>{rows}</ul>"
    return Page(f"{title} | TikTok", body, lang, "TikTok", head=_tt_head(rng)), site_loc(
        rng, "www.tiktok.com", "/setting/security/apps"
    )


def families() -> list[Family]:
    b, off = "benign", "tiktok_official"
    tt = ("react", "bare", "react", "tailwind")
    return [
        Family(
            "page-tt-help-profileviews",
            b,
            off,
            ("en", "es", "pt", "id", "vi", "tr", "de", "fr"),
            10,
            help_profile,
            tt,
        ),
        Family("page-tt-help-postviews", b, off, ("en", "es", "id", "th", "ar"), 8, help_post, tt),
        Family("page-tt-newsroom", b, off, ("en", "fr", "de", "pt"), 8, newsroom),
        Family("page-tt-safety", b, off, ("en", "es", "vi", "tr"), 9, safety, tt),
        Family(
            "page-tt-login",
            b,
            "tiktok_login",
            ("en", "es", "pt", "id", "vi", "tr", "de", "fr", "ar", "th"),
            10,
            login,
            ("react", "bare"),
        ),
        Family(
            "page-tt-login-qr",
            b,
            "tiktok_login",
            ("en", "id", "vi"),
            8,
            login_qr,
            ("react", "bare"),
        ),
        Family(
            "page-tt-oauth-consent",
            b,
            "tiktok_oauth_consent",
            ("en", "es", "pt", "de", "fr", "id"),
            10,
            consent,
            ("react", "bare"),
        ),
        Family("page-tt-app-permissions", b, off, ("en", "tr", "vi"), 6, app_permissions, tt),
    ]
