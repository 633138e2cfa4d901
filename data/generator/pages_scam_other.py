"""Scam page templates: APK downloads, fabricated spy reports, SEO spam."""

from __future__ import annotations

import random

from data.generator.common import esc
from data.generator.pages_hosts import SHORTENERS, Loc, scam_host, scam_loc
from data.generator.pages_kit import LURES, Family, pick, shuffled, token
from data.generator.pages_scam_locker import PROGRESS, USERNAME
from data.generator.pages_skeletons import Page

UNKNOWN = {
    "en": ("Only available in TikTok Pro", "Settings › Security › enable Unknown sources, then open the file",
           "Download APK"),
    "id": ("Hanya tersedia di TikTok Pro", "Pengaturan › Keamanan › aktifkan Sumber tidak dikenal, lalu buka file",
           "Unduh APK"),
    "vi": ("Chỉ có trong TikTok Pro", "Cài đặt › Bảo mật › bật Nguồn không xác định rồi mở tệp", "Tải APK"),
    "ar": ("متاح فقط في TikTok Pro", "الإعدادات › الأمان › فعّل المصادر غير المعروفة ثم افتح الملف", "تنزيل APK"),
    "tr": ("Yalnızca TikTok Pro'da", "Ayarlar › Güvenlik › Bilinmeyen kaynaklar'ı aç, sonra dosyayı aç", "APK indir"),
    "pt": ("Disponível só no TikTok Pro", "Configurações › Segurança › ative Fontes desconhecidas e abra o arquivo",
           "Baixar APK"),
    "es": ("Solo disponible en TikTok Pro", "Ajustes › Seguridad › activa Orígenes desconocidos y abre el archivo",
           "Descargar APK"),
    "th": ("มีเฉพาะใน TikTok Pro", "การตั้งค่า › ความปลอดภัย › เปิดแหล่งที่ไม่รู้จัก แล้วเปิดไฟล์", "ดาวน์โหลด APK"),
    "de": ("Nur in TikTok Pro verfügbar", "Einstellungen › Sicherheit › Unbekannte Quellen erlauben, Datei öffnen",
           "APK herunterladen"),
    "fr": ("Disponible uniquement dans TikTok Pro",
           "Paramètres › Sécurité › activez Sources inconnues puis ouvrez le fichier", "Télécharger l'APK"),
}  # fmt: skip
PERMS = ("SYSTEM_ALERT_WINDOW", "REQUEST_INSTALL_PACKAGES", "QUERY_ALL_PACKAGES",
         "BIND_ACCESSIBILITY_SERVICE", "READ_SMS", "READ_CONTACTS", "INTERNET")  # fmt: skip


def _version(rng: random.Random) -> str:
    return f"{rng.randint(2, 38)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}"


def apk_pro(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    only, how, dl = UNKNOWN[lang]
    ver = _version(rng)
    feats = shuffled(rng, [LURES[lang][0], LURES[lang][1], LURES[lang][2]])
    items = "".join(f"<li>✅ {esc(f)}</li>" for f in feats)
    body = (
        f"<h1>TikTok Pro v{ver}</h1><p><b>{esc(only)}</b></p><ul>{items}</ul>"
        f'<a class="btn" href="/download/TikTok_Pro_v{ver}.apk" download>{esc(dl)} ({rng.randint(40, 140)} MB)</a>'
        f"<p class='note'>{esc(how)}</p>"
    )
    return Page(f"TikTok Pro v{ver} APK", body, lang, "TikTok Pro"), scam_loc(rng, "/tiktok-pro")


def apk_mirror(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    ver = _version(rng)
    name = pick(
        rng, ("Who Viewed My TikTok - Profile Tracker", "TikViewer Pro", "Stalker Check for TikTok")
    )
    perms = "".join(
        f"<li>android.permission.{p}</li>" for p in rng.sample(PERMS, k=rng.randint(3, 6))
    )
    rows = (
        f"<tr><th>Version</th><td>{ver}</td></tr><tr><th>Size</th><td>{rng.randint(8, 60)}.{rng.randint(0, 9)} MB</td></tr>"
        f"<tr><th>Android</th><td>{rng.randint(5, 9)}.0+</td></tr><tr><th>Updated</th><td>2026-0{rng.randint(1, 3)}-1{rng.randint(0, 9)}</td></tr>"
    )
    host = f"https://{scam_host(rng, ('apk', 'mod', 'download'))}"
    body = (
        f"<h1>{esc(name)} APK {ver}</h1><p>{esc(LURES[lang][0])}</p><table class='info'>{rows}</table>"
        f"<h3>Permissions</h3><ul>{perms}</ul>"
        f'<a class="download" href="{host}/f/{token(rng, 8)}/{name.split()[0]}_{ver}.apk">⬇ APK</a>'
        f"<p>{esc(UNKNOWN[lang][1])}</p>"
    )
    return Page(f"{name} APK {ver} (Latest)", body, lang, "APKZone"), scam_loc(
        rng, f"/apk/{token(rng, 5)}"
    )


def apk_mod(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    ver = _version(rng)
    short = f"https://{pick(rng, SHORTENERS)}/{token(rng, 7)}"
    feats = ("Unlimited coins", "No ads", "Profile viewer unlocked", "Download without watermark")
    items = "".join(f"<li>{f}</li>" for f in shuffled(rng, feats))
    body = (
        f"<h1>TikTok MOD APK {ver}</h1><ul class='mod'>{items}</ul><p>{esc(LURES[lang][0])}</p>"
        f'<a class="btn" href="{short}" rel="nofollow">{esc(UNKNOWN[lang][2])} (MOD)</a>'
        f'<p class="mirror"><a href="https://files.{pick(rng, ("dropmod", "apkvault", "fastmirror"))}.{pick(rng, ("net", "site"))}/TikTok-Mod-{ver}.apk">Mirror 2</a></p>'
    )
    return Page(f"TikTok MOD APK {ver} (Unlimited Coins)", body, lang, "ModHub"), scam_loc(
        rng, "/tiktok-mod-apk"
    )


QR = {
    "en": "Scan the QR code with your Android phone to install {n}",
    "de": "Scanne den QR-Code mit deinem Android-Handy, um {n} zu installieren",
    "fr": "Scannez le QR code avec votre téléphone Android pour installer {n}",
    "es": "Escanea el código QR con tu Android para instalar {n}",
}


def apk_qr(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    name = pick(rng, ("TikSpy", "ViewTrack", "Admirer Radar", "ProfileSeen"))
    apk = f"https://{scam_host(rng)}/{name.lower().replace(' ', '')}.apk"
    body = (
        f"<h1>{esc(name)}</h1><p>{esc(LURES[lang][pick(rng, (0, 2))])}</p>"
        f'<img class="qr" alt="QR" src="/qr/{token(rng, 10)}.png" width="180"><p>{esc(QR[lang].format(n=name))}</p>'
        f'<p><a href="{apk}">{esc(apk)}</a></p><p>{esc(UNKNOWN[lang][1])}</p>'
    )
    return Page(name, body, lang, name), scam_loc(rng, "/")


PAY = {
    "pt": ("Encontramos {n} perfis que visitaram sua conta", "Desbloquear relatório completo por R$ {p} via PIX",
           "Assinatura semanal, cancele quando quiser",
           "Os resultados exibidos são uma simulação para fins de entretenimento."),
    "es": ("Encontramos {n} perfiles que visitaron tu cuenta", "Desbloquea el informe completo por {p} € con tarjeta",
           "Suscripción semanal, cancela cuando quieras",
           "Los datos mostrados son una estimación con fines de entretenimiento."),
    "en": ("We found {n} profiles that visited your account", "Unlock the full report for ${p} (card or PayPal)",
           "Billed weekly, cancel anytime",
           "Data shown is estimated based on your follower lists and is for entertainment only."),
    "de": ("Wir haben {n} Profile gefunden, die dich besucht haben", "Vollständigen Bericht für {p} € freischalten",
           "Wöchentliches Abo, jederzeit kündbar",
           "Die angezeigten Daten sind eine Schätzung auf Basis deiner Follower-Listen."),
    "fr": ("Nous avons trouvé {n} profils qui ont visité votre compte", "Débloquez le rapport complet pour {p} €",
           "Abonnement hebdomadaire, résiliable à tout moment",
           "Les données affichées sont une simulation à des fins de divertissement."),
}  # fmt: skip


def _blurred(rng: random.Random, k: int) -> str:
    rows = "".join(
        f'<li class="visitor"><img src="/av/{rng.randint(1, 99)}.jpg" style="filter:blur(6px)">'
        f'<span style="filter:blur(5px)">@{token(rng, rng.randint(5, 10))}</span>'
        f"<em>{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}</em></li>"
        for _ in range(k)
    )
    return f'<ul class="hidden-visitors">{rows}</ul>'


def _spy(rng: random.Random, lang: str, price: str, site: str, method: str) -> Page:
    found, unlock, weekly, small = PAY[lang]
    n = rng.randint(9, 48)
    steps = "".join(f"<li>{esc(s)}</li>" for s in PROGRESS[lang][:3])
    sections = [
        f'<form class="lookup" onsubmit="scan();return false"><input name="profile" placeholder="{esc(USERNAME[lang])} / tiktok.com/@…"><button>🔍</button></form>',
        f'<ol class="scan">{steps}</ol>',
        f"<h2>{esc(found.format(n=n))}</h2>" + _blurred(rng, rng.randint(3, 8)),
        f'<div class="paywall"><a class="btn" href="/checkout?plan=weekly&m={method}">{esc(unlock.format(p=price))}</a><p>{esc(weekly)}</p></div>',
    ]
    if rng.random() < 0.4:
        sections[2], sections[3] = sections[3], sections[2]
    body = (
        f"<h1>{esc(LURES[lang][0])}</h1>"
        + "".join(sections)
        + f'<p class="fine-print" style="font-size:9px">{esc(small)}</p>'
    )
    return Page(f"{site} — {LURES[lang][0]}", body, lang, site)


def stalkea(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    price = pick(rng, ("19,90", "27,90", "14,90", "37,00"))
    page = _spy(rng, lang, price, pick(rng, ("Espiadinha", "QuemViu", "Stalkei")), "pix")
    page.body += f'<div class="pix"><img alt="QR PIX" src="/pix/{token(rng, 12)}.png"><code>00020126{token(rng, 24, "0123456789")}</code></div>'
    return page, scam_loc(rng, "/relatorio")


def spy_card(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    price = pick(rng, ("4.99", "6.99", "9.99", "7,99"))
    page = _spy(rng, lang, price, pick(rng, ("ProfileInsight", "SeenBy", "VisitorLens")), "card")
    return page, scam_loc(rng, "/report")


FREE = {
    "en": ("These {n} people checked your profile today", "Share with 5 friends to see more"),
    "tr": ("Bugün profiline bakan {n} kişi", "Daha fazlası için 5 arkadaşınla paylaş"),
    "id": ("{n} orang ini mengecek profilmu hari ini", "Bagikan ke 5 teman untuk melihat lebih banyak"),
    "vi": ("{n} người này đã xem hồ sơ của bạn hôm nay", "Chia sẻ cho 5 người bạn để xem thêm"),
    "ar": ("هؤلاء الـ {n} شاهدوا ملفك اليوم", "شارك مع 5 أصدقاء لرؤية المزيد"),
    "th": ("{n} คนนี้เข้าดูโปรไฟล์คุณวันนี้", "แชร์ให้เพื่อน 5 คนเพื่อดูเพิ่ม"),
    "es": ("Estas {n} personas revisaron tu perfil hoy", "Comparte con 5 amigos para ver más"),
}  # fmt: skip


def _fabricated_list(rng: random.Random, lang: str) -> str:
    names = [token(rng, rng.randint(5, 10)) for _ in range(12)]
    head, more = FREE[lang]
    return (
        f'<h2 id="h">{esc(head.format(n=rng.randint(5, 12)))}</h2><ol id="list"></ol>'
        f"<script>var pool={names!r};pool.sort(function(){{return Math.random()-0.5}});"
        "pool.slice(0,7).forEach(function(n){var li=document.createElement('li');li.textContent='@'+n+' · '"
        "+(1+Math.floor(Math.random()*59))+' min';document.getElementById('list').appendChild(li)});</script>"
        f'<a class="share" href="https://wa.me/?text=%F0%9F%91%80">{esc(more)}</a>'
    )


def fabricated_free(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    body = f"<h1>{esc(pick(rng, LURES[lang][:3]))}</h1>" + _fabricated_list(rng, lang)
    return Page(pick(rng, LURES[lang][:3]), body, lang, "WhoSaw"), scam_loc(rng, "/today")


def fabricated_quiz(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    box = f'<form onsubmit="return false"><input placeholder="@{esc(USERNAME[lang])}"><button>👀</button></form>'
    body = (
        f"<h1>{esc(LURES[lang][4] if len(LURES[lang]) > 4 else LURES[lang][2])}</h1>{box}"
        + _fabricated_list(rng, lang)
    )
    return Page("Stalker Finder", body, lang, "StalkerFinder"), scam_loc(rng, "/quiz")


KEYWORDS = ("free tiktok followers", "tiktok followers generator", "no human verification",
            "who viewed my tiktok", "tiktok viewer", "free tiktok likes", "tiktok coins hack",
            "copy & paste link", "no survey", "working", "instant", "2026")  # fmt: skip


def _stuffing(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(KEYWORDS) for _ in range(n))


def seo_title(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    tok = token(rng, rng.randint(4, 8), "ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
    what = pick(rng, ("Followers", "Likes", "Coins", "Profile Viewer"))
    title = f"Free TikTok {what} Generator 2026 No Human Verification (Copy & Paste Link) [{tok}]"
    link = f"https://{pick(rng, SHORTENERS)}/{token(rng, 7)}"
    paras = "".join(
        f"<p>{_stuffing(rng, rng.randint(12, 40))}</p>" for _ in range(rng.randint(2, 6))
    )
    body = f"<h1>{esc(title)}</h1><p><a href='{link}'>👉 {link} 👈</a></p>{paras}<p><a href='{link}'>CLICK HERE</a></p>"
    return Page(title, body, lang, "Free Gen"), scam_loc(rng, f"/{tok.lower()}.html", empty=0.2)


DOORWAY = {
    "es": "seguidores gratis tiktok generador sin verificación humana quien vio mi perfil",
    "pt": "seguidores grátis tiktok gerador sem verificação humana quem viu meu perfil",
    "id": "followers tiktok gratis generator tanpa verifikasi manusia siapa yang melihat profil",
    "vi": "tăng follow tiktok miễn phí không cần xác minh ai đã xem hồ sơ tiktok",
}


def doorway(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    target = f"https://{scam_host(rng)}/?ref={token(rng, 5)}"
    words = DOORWAY[lang].split()
    text = " ".join(rng.choice(words) for _ in range(rng.randint(40, 120)))
    head = f'<meta http-equiv="refresh" content="{rng.randint(0, 3)};url={target}">'
    body = f"<h1>{esc(' '.join(words[:5]))} 2026</h1><p>{esc(text)}</p><a href='{target}'>{esc(words[0])}</a>"
    return Page(" ".join(words[:6]) + " 2026", body, lang, "", head=head), scam_loc(
        rng, f"/{'-'.join(words[:3])}"
    )


INNOCENT = {
    "en": ("Spring garden checklist", "Prune roses before new growth and mulch the beds."),
    "tr": ("Bahar bahçe kontrol listesi", "Gül budamasını yeni sürgünlerden önce yapın."),
    "de": ("Checkliste für den Frühlingsgarten", "Rosen vor dem Austrieb schneiden und mulchen."),
}


def wp_inject(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title, text = INNOCENT[lang]
    links = "".join(
        f'<a href="https://{scam_host(rng)}/">{esc(rng.choice(KEYWORDS))}</a> '
        for _ in range(rng.randint(6, 15))
    )
    hide = pick(
        rng,
        ('style="display:none"', 'style="position:absolute;left:-9999px"', 'style="font-size:0"'),
    )
    body = f"<h1>{esc(title)}</h1><p>{esc(text)}</p><div {hide}>{links}</div>"
    return Page(
        title, body, lang, pick(rng, ("Greenthumb Diaries", "Bahçem", "Gartenzeit"))
    ), scam_loc(rng, f"/{rng.randint(2019, 2024)}/04/spring/", empty=0.15)


def linkfarm(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    items = "".join(
        f'<li><a href="https://{scam_host(rng)}/">{esc(pick(rng, LURES[lang]))} ✅ {rng.choice(("working", "100%", "new"))}</a></li>'
        for _ in range(rng.randint(8, 20))
    )
    title = f"TikTok Viewer / Generator links updated {rng.randint(1, 28)}.{rng.randint(1, 3)}.2026"
    body = f"<h1>{esc(title)}</h1><ul>{items}</ul>"
    return Page(title, body, lang, "links"), scam_loc(rng, f"/view/{token(rng, 8)}")


def families() -> list[Family]:
    s, apk, spy, seo = "scam", "malware_apk", "spy_report_fabricated", "seo_spam"
    return [
        Family("page-apk-pro", s, apk, ("en", "id", "vi", "ar"), 8, apk_pro),
        Family("page-apk-mirror", s, apk, ("en", "tr", "pt", "es"), 8, apk_mirror),
        Family("page-apk-mod", s, apk, ("id", "th", "vi", "en"), 8, apk_mod),
        Family("page-apk-qr", s, apk, ("en", "de", "fr", "es"), 8, apk_qr),
        Family("page-spy-pix", s, spy, ("pt",), 9, stalkea),
        Family("page-spy-card", s, spy, ("es", "en", "de", "fr"), 10, spy_card),
        Family("page-spy-freelist", s, spy, ("en", "tr", "id", "vi"), 9, fabricated_free),
        Family("page-spy-quiz", s, spy, ("ar", "th", "en", "es"), 7, fabricated_quiz),
        Family("page-seo-title", s, seo, ("en",), 9, seo_title),
        Family("page-seo-doorway", s, seo, ("es", "pt", "id", "vi"), 8, doorway),
        Family("page-seo-wpinject", s, seo, ("en", "tr", "de"), 7, wp_inject),
        Family("page-seo-linkfarm", s, seo, ("en", "fr", "es", "th"), 7, linkfarm),
    ]
