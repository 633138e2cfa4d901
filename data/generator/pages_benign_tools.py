"""Benign page templates: OAuth-connected tools, public-data analytics, first-party viewers."""

from __future__ import annotations

import random

from data.generator.common import esc
from data.generator.pages_benign_tiktok import authorize_url
from data.generator.pages_hosts import Loc, site_loc
from data.generator.pages_kit import Family, pick, shuffled, token
from data.generator.pages_skeletons import Page

CONNECT = {
    "en": ("Grow with real numbers", "Connect with TikTok", "We never see your password: you log in on tiktok.com and can revoke access in Settings › Privacy › Manage app permissions.",
           "We read your public profile, follower counts and your own videos' stats. TikTok does not share who viewed or saved your videos, so neither do we."),
    "es": ("Crece con datos reales", "Conectar con TikTok", "Nunca vemos tu contraseña: inicias sesión en tiktok.com y puedes revocar el acceso en Ajustes › Privacidad › Administrar permisos.",
           "Leemos tu perfil público, tus seguidores y las estadísticas de tus videos. TikTok no comparte quién vio o guardó tus videos."),
    "pt": ("Cresça com números reais", "Conectar com o TikTok", "Nunca vemos sua senha: o login é feito em tiktok.com e você pode revogar o acesso quando quiser.",
           "Lemos seu perfil público, seguidores e estatísticas dos seus vídeos. O TikTok não informa quem viu ou salvou."),
    "de": ("Wachse mit echten Zahlen", "Mit TikTok verbinden", "Wir sehen nie dein Passwort: Du meldest dich auf tiktok.com an und kannst den Zugriff jederzeit widerrufen.",
           "Wir lesen dein öffentliches Profil, Follower-Zahlen und Statistiken deiner Videos. Wer sie angesehen hat, teilt TikTok nicht."),
    "fr": ("Progressez avec de vrais chiffres", "Se connecter avec TikTok", "Nous ne voyons jamais votre mot de passe : la connexion se fait sur tiktok.com.",
           "Nous lisons votre profil public et les statistiques de vos vidéos. TikTok ne partage pas qui les a vues."),
    "id": ("Tumbuh dengan angka nyata", "Hubungkan dengan TikTok", "Kami tidak pernah melihat kata sandimu: login dilakukan di tiktok.com.",
           "Kami membaca profil publik dan statistik videomu. TikTok tidak membagikan siapa yang menonton."),
    "tr": ("Gerçek rakamlarla büyü", "TikTok ile bağlan", "Şifreni asla görmeyiz: girişi tiktok.com üzerinde yaparsın.",
           "Herkese açık profilini ve videolarının istatistiklerini okuruz. TikTok videolarını kimin izlediğini paylaşmaz."),
    "vi": ("Phát triển bằng số liệu thật", "Kết nối với TikTok", "Chúng tôi không bao giờ thấy mật khẩu của bạn: bạn đăng nhập trên tiktok.com.",
           "Chúng tôi đọc hồ sơ công khai và số liệu video của bạn. TikTok không chia sẻ ai đã xem."),
}  # fmt: skip
TOOLS = ("Clipmetric", "Statloom", "Reelboard", "Brightgrid")


def _connect_button(rng: random.Random, lang: str, scopes: list[str], app: str) -> str:
    url = authorize_url(rng, scopes, f"https://app.{app.lower()}.com/oauth/tiktok/callback")
    return f'<a class="btn btn-tiktok" href="{esc(url)}">{esc(CONNECT[lang][1])}</a>'


def analytics(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    app = pick(rng, TOOLS)
    hero, _, never, reads = CONNECT[lang]
    scopes = ["user.info.basic", "user.info.stats", "video.list"][: rng.randint(2, 3)]
    parts = shuffled(
        rng,
        [
            f"<p>{esc(reads)}</p>",
            f"<p class='trust'>🔒 {esc(never)}</p>",
            "<div class='chart' data-series='[3,5,8,13]'></div>",
        ],
    )
    body = f"<h1>{esc(hero)}</h1>" + _connect_button(rng, lang, scopes, app) + "".join(parts)
    return Page(f"{app} — TikTok analytics", body, lang, app), site_loc(
        rng, f"{app.lower()}.com", "/", free=0.1
    )


PRICING = {
    "en": ("Plan, schedule and publish", "Spring sale ends in", "Log in", "Email", "Password"),
    "fr": ("Planifiez et publiez", "Les soldes se terminent dans", "Connexion", "E-mail", "Mot de passe"),
    "id": ("Rencanakan dan jadwalkan", "Promo berakhir dalam", "Masuk", "Email", "Kata sandi"),
    "tr": ("Planla, zamanla, yayınla", "İndirim bitiyor", "Giriş yap", "E-posta", "Şifre"),
}  # fmt: skip


def scheduler(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    app = pick(rng, ("Postwise", "Cadence Social", "Queuely"))
    hero, sale, login, email, pw = PRICING[lang]
    host = f"{app.lower().replace(' ', '')}.app"
    scopes = ["user.info.basic", "video.upload", "video.publish"]
    countdown = (
        f'<div class="sale">{esc(sale)} <span id="cd">{rng.randint(1, 3)}d {rng.randint(0, 23)}h</span></div>'
        "<script>var e=Date.now()+86400000*2;setInterval(function(){var s=Math.max(0,e-Date.now())/1000|0;"
        "document.getElementById('cd').textContent=(s/3600|0)+'h '+(s/60%60|0)+'m'},1000)</script>"
    )
    own_login = (
        f'<form class="login" action="https://{host}/session" method="post"><h3>{esc(login)} — {esc(app)}</h3>'
        f'<input type="email" name="email" placeholder="{esc(email)}"><input type="password" name="password" placeholder="{esc(pw)}">'
        f"<button>{esc(login)}</button></form>"
    )
    never = CONNECT.get(lang, CONNECT["en"])[2]
    parts = shuffled(rng, [countdown, own_login, f"<p>{esc(never)}</p>"])
    body = (
        f"<h1>{esc(hero)}</h1>"
        + _connect_button(rng, lang, scopes, app.replace(" ", ""))
        + "".join(parts)
    )
    return Page(f"{app} | {hero}", body, lang, app), site_loc(rng, host, "/", free=0.1)


SETTINGS = {
    "en": ("Connected accounts", "TikTok connected as @{u}", "Disconnect",
           "To revoke access from TikTok instead: Settings › Privacy › Manage app permissions."),
    "vi": ("Tài khoản đã kết nối", "Đã kết nối TikTok: @{u}", "Ngắt kết nối",
           "Để thu hồi từ TikTok: Cài đặt › Quyền riêng tư › Quản lý quyền ứng dụng."),
    "es": ("Cuentas conectadas", "TikTok conectado como @{u}", "Desconectar",
           "Para revocar desde TikTok: Ajustes › Privacidad › Administrar permisos de apps."),
}  # fmt: skip


def connect_settings(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    app = pick(rng, TOOLS)
    title, linked, disc, revoke = SETTINGS[lang]
    scopes = "<code>user.info.basic, video.list</code>"
    body = (
        f"<h1>{esc(title)}</h1><div class='account'><p>{esc(linked.format(u=token(rng, 7)))} · {scopes}</p>"
        f"<form action='/settings/integrations/tiktok/disconnect' method='post'><input type='hidden' name='csrf' value='{token(rng, 24)}'>"
        f"<button>{esc(disc)}</button></form></div><p>{esc(revoke)}</p>"
    )
    return Page(f"{title} · {app}", body, lang, app), site_loc(
        rng, f"app.{app.lower()}.com", "/settings/integrations"
    )


DOCS = {
    "en": ("TikTok integration", "Scopes we request", "What we cannot show",
           "No TikTok scope returns who viewed a profile, who saved or shared a video, or who unfollowed."),
    "de": ("TikTok-Integration", "Angefragte Scopes", "Was wir nicht anzeigen können",
           "Kein TikTok-Scope liefert Profilbesucher, Speicherer, Teiler oder Entfolger."),
}  # fmt: skip


def docs(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title, scopes_h, cannot_h, cannot = DOCS[lang]
    rows = "".join(
        f"<tr><td><code>{s}</code></td><td>read</td></tr>"
        for s in ("user.info.basic", "user.info.stats", "video.list")
    )
    code = authorize_url(
        rng,
        ["user.info.basic", "user.info.stats", "video.list"],
        "https://docs-demo.statloom.com/callback",
    )
    body = (
        f"<h1>{esc(title)}</h1><h2>{esc(scopes_h)}</h2><table>{rows}</table><pre>{esc(code)}</pre>"
        f"<h2>{esc(cannot_h)}</h2><p>{esc(cannot)}</p>"
    )
    return Page(f"{title} — Statloom Docs", body, lang, "Statloom Docs"), site_loc(
        rng, "docs.statloom.com", "/integrations/tiktok", free=0.3
    )


LOOKUP = {
    "en": ("TikTok profile stats", "Enter a username", "Check", "Followers", "Likes", "Videos",
           "Public data only. We can't show who viewed a profile — nobody can."),
    "es": ("Estadísticas de perfiles de TikTok", "Escribe un usuario", "Consultar", "Seguidores", "Me gusta", "Videos",
           "Solo datos públicos. No podemos mostrar quién vio un perfil; nadie puede."),
    "pt": ("Estatísticas de perfis do TikTok", "Digite um usuário", "Consultar", "Seguidores", "Curtidas", "Vídeos",
           "Apenas dados públicos. Não mostramos quem visitou um perfil."),
    "id": ("Statistik profil TikTok", "Masukkan username", "Cek", "Pengikut", "Suka", "Video",
           "Hanya data publik. Kami tidak bisa menampilkan siapa yang melihat profil."),
    "tr": ("TikTok profil istatistikleri", "Kullanıcı adı gir", "Kontrol et", "Takipçi", "Beğeni", "Video",
           "Yalnızca herkese açık veriler. Profili kimin görüntülediğini gösteremeyiz."),
    "vi": ("Thống kê hồ sơ TikTok", "Nhập tên người dùng", "Kiểm tra", "Người theo dõi", "Lượt thích", "Video",
           "Chỉ dữ liệu công khai. Không thể cho biết ai đã xem hồ sơ."),
    "th": ("สถิติโปรไฟล์ TikTok", "ใส่ชื่อผู้ใช้", "ตรวจสอบ", "ผู้ติดตาม", "ถูกใจ", "วิดีโอ",
           "ข้อมูลสาธารณะเท่านั้น เราไม่สามารถแสดงว่าใครดูโปรไฟล์"),
    "fr": ("Statistiques de profils TikTok", "Saisissez un nom d'utilisateur", "Vérifier", "Abonnés", "J'aime", "Vidéos",
           "Données publiques uniquement. Personne ne peut montrer qui a vu un profil."),
    "de": ("TikTok-Profilstatistiken", "Benutzername eingeben", "Prüfen", "Follower", "Likes", "Videos",
           "Nur öffentliche Daten. Profilbesucher kann niemand anzeigen."),
    "ar": ("إحصاءات حسابات تيك توك", "أدخل اسم مستخدم", "تحقق", "المتابعون", "الإعجابات", "الفيديوهات",
           "بيانات عامة فقط. لا يمكن لأحد معرفة من زار الحساب."),
}  # fmt: skip


def _stats(rng: random.Random, lang: str) -> str:
    f, lk, v = LOOKUP[lang][3:6]
    return (
        f"<dl class='stats'><dt>{esc(f)}</dt><dd>{rng.randint(1, 900)}.{rng.randint(0, 9)}K</dd>"
        f"<dt>{esc(lk)}</dt><dd>{rng.randint(1, 90)}.{rng.randint(0, 9)}M</dd><dt>{esc(v)}</dt><dd>{rng.randint(10, 2000)}</dd></dl>"
    )


def _lookup_form(rng: random.Random, lang: str, action: str) -> str:
    _, ph, btn = LOOKUP[lang][:3]
    return f'<form action="{action}" method="get"><input name="username" placeholder="@{esc(ph)}"><button>{esc(btn)}</button></form>'


def lookup(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title = LOOKUP[lang][0]
    body = (
        f"<h1>{esc(title)}</h1>"
        + _lookup_form(rng, lang, "/lookup")
        + _stats(rng, lang)
        + f"<p class='note'>{esc(LOOKUP[lang][6])}</p>"
    )
    return Page(title, body, lang, "Tokstat"), site_loc(
        rng, "tokstat.io", f"/@{token(rng, 7)}", free=0.1
    )


def leaderboard(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title = LOOKUP[lang][0] + " — Top 50"
    rows = "".join(
        f"<tr><td>{n}</td><td>@{token(rng, rng.randint(5, 10))}</td><td>{rng.randint(10, 90)}.{rng.randint(0, 9)}M</td></tr>"
        for n in range(1, rng.randint(6, 20))
    )
    body = (
        f"<h1>{esc(title)}</h1>"
        + _lookup_form(rng, lang, "/search")
        + f"<table class='rank'>{rows}</table><p>{esc(LOOKUP[lang][6])}</p>"
    )
    return Page(title, body, lang, "ChartTok"), site_loc(
        rng, "charttok.com", f"/top/{pick(rng, ('global', 'us', 'id', 'vn', 'fr', 'th'))}"
    )


ENGAGE = {
    "en": "Engagement rate = (likes + comments + shares) ÷ views of recent public videos.",
    "de": "Engagement-Rate = (Likes + Kommentare + Shares) ÷ Aufrufe der letzten öffentlichen Videos.",
    "es": "Tasa de interacción = (me gusta + comentarios + compartidos) ÷ vistas de los videos públicos recientes.",
    "ar": "معدل التفاعل = (الإعجابات + التعليقات + المشاركات) ÷ مشاهدات الفيديوهات العامة الأخيرة.",
}


def engagement(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title = "TikTok Engagement Rate Calculator"
    rate = f"{rng.randint(1, 14)}.{rng.randint(0, 99):02d}%"
    body = (
        f"<h1>{title}</h1>" + _lookup_form(rng, lang, "/calc") + f"<p class='result'>{rate}</p>"
        f"<p>{esc(ENGAGE[lang])}</p><p>{esc(LOOKUP[lang][6])}</p>"
    )
    return Page(title, body, lang, "RateKit"), site_loc(
        rng, "ratekit.co", "/tiktok-engagement-calculator", free=0.2
    )


DATING = {
    "en": ("Who viewed your profile", "{n} members viewed your profile this week", "See all viewers with Premium",
           "Only members of Heartline appear here, and only if they have not turned on Private browsing.", "Log in", "Password"),
    "es": ("Quién vio tu perfil", "{n} miembros vieron tu perfil esta semana", "Ver todos con Premium",
           "Solo aparecen miembros de Heartline que no usan la navegación privada.", "Entrar", "Contraseña"),
    "pt": ("Quem viu seu perfil", "{n} membros viram seu perfil nesta semana", "Veja todos com o Premium",
           "Só aparecem membros do Heartline que não ativaram a navegação privada.", "Entrar", "Senha"),
    "tr": ("Profilini kimler gördü", "Bu hafta {n} üye profilini gördü", "Premium ile tümünü gör",
           "Burada yalnızca gizli gezinmeyi açmamış Heartline üyeleri görünür.", "Giriş", "Şifre"),
}  # fmt: skip


def dating(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title, count, cta, note, login, pw = DATING[lang]
    faces = "".join(
        f"<img src='/m/{token(rng, 8)}.jpg' class='face{' blur' if rng.random() < 0.5 else ''}' alt=''>"
        for _ in range(rng.randint(3, 8))
    )
    form = (
        f'<form action="/login" method="post"><input type="email" name="email"><input type="password" name="password" placeholder="{esc(pw)}">'
        f"<button>{esc(login)}</button></form>"
    )
    body = f"<h1>{esc(title)}</h1><p>{esc(count.format(n=rng.randint(2, 40)))}</p><div class='faces'>{faces}</div>"
    body += f'<a class="btn" href="/premium?src=viewers">{esc(cta)}</a><p><small>{esc(note)}</small></p>'
    if rng.random() < 0.5:
        body = form + body
    return Page(f"{title} | Heartline", body, lang, "Heartline"), site_loc(
        rng, "heartline.dating", "/viewers"
    )


PRO = {
    "en": ("Who viewed your profile", "{n} people viewed your profile in the past 90 days", "Recruiters", "Try Premium for free",
           "Viewers who browse in private mode are shown as 'Someone at a company'."),
    "de": ("Wer hat Ihr Profil angesehen", "{n} Personen haben Ihr Profil in den letzten 90 Tagen angesehen", "Recruiter",
           "Premium kostenlos testen", "Mitglieder im privaten Modus erscheinen als 'Jemand bei einem Unternehmen'."),
    "fr": ("Qui a consulté votre profil", "{n} personnes ont consulté votre profil ces 90 derniers jours", "Recruteurs",
           "Essayer Premium gratuitement", "Les membres en mode privé apparaissent comme « Quelqu'un dans une entreprise »."),
    "id": ("Siapa yang melihat profil Anda", "{n} orang melihat profil Anda dalam 90 hari terakhir", "Perekrut",
           "Coba Premium gratis", "Anggota dalam mode pribadi ditampilkan sebagai 'Seseorang di sebuah perusahaan'."),
}  # fmt: skip


def professional(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title, count, rec, cta, note = PRO[lang]
    cards = "".join(
        f"<li><b>{pick(rng, ('Product Manager', 'Data Analyst', 'HR Lead', 'Designer'))}</b> · {pick(rng, ('Northwind', 'Acme Labs', 'Globex'))}</li>"
        for _ in range(rng.randint(2, 6))
    )
    body = f"<h1>{esc(title)}</h1><p>{esc(count.format(n=rng.randint(3, 300)))}</p><h3>{esc(rec)}</h3><ul>{cards}</ul>"
    body += f'<a class="btn" href="/premium">{esc(cta)}</a><p>{esc(note)}</p>'
    return Page(f"{title} | Worknet", body, lang, "Worknet"), site_loc(
        rng, "www.worknetpro.com", "/me/profile-views/"
    )


PORTFOLIO = {
    "en": (
        "Profile visitors",
        "Your portfolio had {n} visits this month from {c} countries.",
        "Visitor names are never shown; we count visits to your page on our site.",
    ),
    "vi": (
        "Lượt ghé thăm hồ sơ",
        "Trang của bạn có {n} lượt xem tháng này từ {c} quốc gia.",
        "Chúng tôi không hiển thị tên người xem; chỉ đếm lượt truy cập trang của bạn.",
    ),
}


def portfolio(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title, line, note = PORTFOLIO[lang]
    body = f"<h1>{esc(title)}</h1><p>{esc(line.format(n=rng.randint(20, 4000), c=rng.randint(2, 40)))}</p><canvas id='visits'></canvas><p>{esc(note)}</p>"
    return Page(f"{title} — Folioly", body, lang, "Folioly"), site_loc(
        rng, "folioly.com", "/dashboard/visitors"
    )


def families() -> list[Family]:
    b = "benign"
    ot, pa, fp = "legit_oauth_tool", "public_analytics", "first_party_viewers"
    return [
        Family("page-oauth-analytics", b, ot, ("en", "es", "pt", "de", "vi"), 10, analytics),
        Family("page-oauth-scheduler", b, ot, ("en", "fr", "id", "tr"), 9, scheduler),
        Family("page-oauth-settings", b, ot, ("en", "vi", "es"), 7, connect_settings),
        Family("page-oauth-docs", b, ot, ("en", "de"), 6, docs),
        Family("page-public-lookup", b, pa, ("en", "es", "pt", "id", "tr"), 10, lookup),
        Family("page-public-leaderboard", b, pa, ("en", "vi", "th", "fr"), 9, leaderboard),
        Family("page-public-engagement", b, pa, ("en", "de", "es", "ar"), 8, engagement),
        Family("page-fp-dating", b, fp, ("en", "es", "pt", "tr"), 9, dating),
        Family("page-fp-professional", b, fp, ("en", "de", "fr", "id"), 8, professional),
        Family("page-fp-portfolio", b, fp, ("en", "vi"), 6, portfolio),
    ]
