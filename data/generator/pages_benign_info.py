"""Benign page templates: honest explainers, forum answers and news (hard negatives).

They repeat every lure keyword ("who viewed", "verify you are human", "sessionid", "free
followers") because they describe the scams; what they never do is ask for anything.
"""

from __future__ import annotations

import random

from data.generator.common import esc
from data.generator.pages_benign_tiktok import authorize_url
from data.generator.pages_hosts import Loc, site_loc
from data.generator.pages_kit import LURES, Builder, Family, pick, shuffled
from data.generator.pages_skeletons import Page

YES_BUT = {
    "en": ("Can you see who viewed your TikTok? Yes, but only if…", [
        "Short answer: yes, but only through TikTok's own Profile view history, and only if both of you turned it on.",
        "It covers the last 30 days and is limited to users 16 or older with fewer than 5,000 followers.",
        "Post view history works the same way for the last 7 days.",
        "Sites that promise to show who viewed, saved or shared your videos are lying; some steal accounts."]),
    "es": ("¿Puedes ver quién vio tu TikTok? Sí, pero solo si…", [
        "Respuesta corta: sí, pero solo con el historial de visitas al perfil de TikTok y si ambos lo activaron.",
        "Abarca los últimos 30 días y solo para mayores de 16 con menos de 5.000 seguidores.",
        "Las webs que prometen mostrar quién guardó o compartió tus videos mienten."]),
    "pt": ("Dá para ver quem visitou seu TikTok? Sim, mas só se…", [
        "Resposta curta: sim, mas só pelo histórico de visualizações do próprio TikTok, e se os dois ativaram.",
        "Vale para os últimos 30 dias, maiores de 16 anos e contas com menos de 5.000 seguidores.",
        "Sites que prometem revelar quem salvou ou compartilhou seus vídeos são golpe."]),
    "de": ("Kann man sehen, wer das eigene TikTok angesehen hat? Ja, aber nur wenn…", [
        "Kurz: ja, aber nur über den Profilaufrufverlauf in TikTok selbst und nur, wenn beide ihn aktiviert haben.",
        "Er gilt für 30 Tage, ab 16 Jahren und für Konten unter 5.000 Followern.",
        "Seiten, die Besucher, Speicherer oder Teiler verraten wollen, lügen."]),
}  # fmt: skip
NO_SAVES = {
    "en": ("No, you can't see who saved your TikTok video", [
        "TikTok shows how many times a video was saved, never who saved it.",
        "The same goes for shares: you get a number, not a list of names.",
        "Any site or app that claims otherwise wants your password, your cookies or your money.",
        "What you can see: Profile view history (opt-in, 30 days) and Post view history (7 days)."]),
    "id": ("Tidak, kamu tidak bisa melihat siapa yang menyimpan video TikTok-mu", [
        "TikTok hanya menampilkan jumlah simpanan, bukan siapa yang menyimpan.",
        "Begitu juga dengan jumlah bagikan.",
        "Situs atau aplikasi yang mengaku bisa melakukannya hanya ingin kata sandi, cookie, atau uangmu."]),
    "vi": ("Không, bạn không thể biết ai đã lưu video TikTok của mình", [
        "TikTok chỉ hiển thị số lượt lưu, không cho biết ai đã lưu.",
        "Lượt chia sẻ cũng chỉ là một con số.",
        "Trang web hay ứng dụng nào hứa hẹn điều đó đều muốn mật khẩu, cookie hoặc tiền của bạn."]),
    "tr": ("Hayır, TikTok videonu kimin kaydettiğini göremezsin", [
        "TikTok yalnızca kaydetme sayısını gösterir, kimin kaydettiğini değil.",
        "Paylaşımlar için de sadece bir sayı görürsün.",
        "Aksini iddia eden siteler şifreni, çerezlerini ya da paranı ister."]),
}  # fmt: skip
FAQ = {
    "en": ("Can I see who viewed my TikTok?", "Only with Profile view history, which both people must turn on. No app can do it."),
    "fr": ("Puis-je voir qui a regardé mon TikTok ?", "Seulement avec l'historique des vues du profil, activé des deux côtés. Aucune appli ne le peut."),
    "ar": ("هل يمكنني معرفة من شاهد حسابي على تيك توك؟", "فقط عبر سجل مشاهدات الملف الشخصي إذا فعّله الطرفان. لا يوجد تطبيق يستطيع ذلك."),
    "th": ("ดูได้ไหมว่าใครดู TikTok ของเรา?", "ได้เฉพาะผ่านประวัติการเข้าชมโปรไฟล์ที่ทั้งสองฝ่ายต้องเปิดไว้ ไม่มีแอปใดทำได้"),
    "es": ("¿Puedo ver quién vio mi TikTok?", "Solo con el historial de visitas al perfil, si ambos lo activan. Ninguna app puede hacerlo."),
}  # fmt: skip
HOWTO = {
    "en": ("How to turn on Profile view history", ["Open TikTok and tap Profile.", "Tap the menu (☰) › Settings and privacy.",
           "Tap Privacy › Profile views.", "Switch Profile view history on.", "Tap the eye icon on your profile to see visitors from the last 30 days."]),
    "de": ("Profilaufrufverlauf aktivieren", ["Öffne TikTok und tippe auf Profil.", "Tippe auf das Menü (☰) › Einstellungen und Datenschutz.",
           "Tippe auf Datenschutz › Profilaufrufe.", "Aktiviere den Profilaufrufverlauf."]),
    "fr": ("Activer l'historique des vues du profil", ["Ouvrez TikTok et touchez Profil.", "Menu (☰) › Paramètres et confidentialité.",
           "Confidentialité › Vues du profil.", "Activez l'historique des vues du profil."]),
    "id": ("Cara mengaktifkan riwayat tayangan profil", ["Buka TikTok dan ketuk Profil.", "Ketuk menu (☰) › Pengaturan dan privasi.",
           "Ketuk Privasi › Tayangan profil.", "Aktifkan riwayat tayangan profil."]),
}  # fmt: skip
WARNING = {
    "en": ("Beware of 'who viewed my TikTok' sites", [
        "They follow a script: type your username, watch a fake progress bar ('Connecting to server…'), then 'verify you are human'.",
        "The verification is an offer wall: surveys and app installs that pay the site owner per lead.",
        "Others ask you to press F12, open Application › Cookies and paste your sessionid. That hands over your account.",
        "Some show a blurred list of 'visitors' and charge a weekly subscription to unblur invented names."]),
    "es": ("Cuidado con las webs de 'quién vio mi TikTok'", [
        "Siguen un guion: escribes tu usuario, ves una barra de progreso falsa y luego 'verifica que eres humano'.",
        "La verificación es un muro de ofertas: encuestas e instalaciones que pagan al dueño del sitio.",
        "Otras piden pegar tu cookie sessionid. Con eso se quedan con tu cuenta."]),
    "pt": ("Cuidado com sites de 'quem viu meu TikTok'", [
        "O roteiro é sempre igual: seu usuário, uma barra de progresso falsa e 'verifique que você é humano'.",
        "A verificação é uma parede de ofertas que paga o dono do site por cadastro.",
        "Outros mostram visitantes borrados e cobram assinatura semanal via PIX para revelar nomes inventados."]),
    "th": ("ระวังเว็บ 'ใครดู TikTok ของฉัน'", [
        "ขั้นตอนเดิม ๆ: ใส่ชื่อผู้ใช้ แถบโหลดปลอม แล้ว 'ยืนยันว่าคุณเป็นมนุษย์'",
        "การยืนยันคือหน้าข้อเสนอที่จ่ายเงินให้เจ้าของเว็บ",
        "บางเว็บขอให้วาง sessionid ซึ่งเท่ากับยกบัญชีให้เขา"]),
}  # fmt: skip


def _ads(rng: random.Random, n: int) -> str:
    return "".join(
        f'<div class="ad-slot"><ins class="adsbygoogle" data-ad-slot="{rng.randint(10**9, 10**10)}"></ins>'
        "<script>(adsbygoogle=window.adsbygoogle||[]).push({});</script></div>"
        for _ in range(n)
    )


def _paras(rng: random.Random, paras: list[str], ads: int = 0) -> str:
    order = paras[:1] + (shuffled(rng, paras[1:]) if rng.random() < 0.5 else paras[1:])
    out = ""
    for n, p in enumerate(order):
        out += f"<p>{esc(p)}</p>"
        if ads and n % 2 == 0:
            out += _ads(rng, 1)
    return out


PUBLISHERS = (
    "socialsavvyguide.com",
    "appwhisper.net",
    "pixelpostdaily.com",
    "clicktruth.org",
    "feedlearn.io",
)


def yes_but(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title, paras = YES_BUT[lang]
    author = pick(rng, ("Dana Brooks", "Luis Ortega", "Marta Silva", "Jonas Weber"))
    body = f"<h1>{esc(title)}</h1><p class='byline'>{esc(author)}</p>" + _paras(rng, paras)
    return Page(title, body, lang, "Social Savvy"), site_loc(
        rng, pick(rng, PUBLISHERS[:2]), "/tiktok/who-viewed-my-profile", free=0.2
    )


def no_saves(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title, paras = NO_SAVES[lang]
    body = (
        f"<h1>{esc(title)} (2026)</h1>" + _ads(rng, rng.randint(1, 3)) + _paras(rng, paras, ads=1)
    )
    body += f"<h2>{esc(pick(rng, LURES[lang]))}?</h2><p>❌</p>" + _ads(rng, rng.randint(1, 4))
    return Page(f"{title} (2026)", body, lang, "TrendyTips"), site_loc(
        rng, "trendytips-hub.com", "/can-you-see-who-saved-tiktok"
    )


def faq(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    q, a = FAQ[lang]
    body = f"<h1>{esc(q)}</h1><p>{esc(a)}</p>"
    return Page(q, body, lang, "QuickAnswers"), site_loc(
        rng, "quickanswers.help", f"/q/{i + 100}", free=0.3
    )


def howto(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title, steps = HOWTO[lang]
    items = "".join(
        f"<li>{esc(s)}<img src='/shots/step{n}.webp' alt='' loading='lazy'></li>"
        for n, s in enumerate(steps, 1)
    )
    body = f"<h1>{esc(title)}</h1><ol class='steps'>{items}</ol>"
    return Page(title, body, lang, "HandyHowTo"), site_loc(
        rng, "handyhowto.net", "/tiktok/profile-view-history", free=0.2
    )


def scam_warning(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title, paras = WARNING[lang]
    quote = f"<blockquote>“{esc(pick(rng, LURES[lang]))}”</blockquote>"
    body = f"<h1>{esc(title)}</h1>{quote}" + _paras(rng, paras)
    return Page(title, body, lang, "SafeNet Watch"), site_loc(
        rng, "safenetwatch.org", "/scams/tiktok-viewers", free=0.1
    )


DEV = {
    "en": ("Why no API can tell you who viewed your TikTok", [
        "I built a small analytics app on TikTok's Login Kit. Here is what the API actually returns.",
        "Scopes like user.info.basic, user.info.stats and video.list give profile fields and counts. There is no scope for viewers, savers or sharers.",
        "The consent screen lives on tiktok.com; my app gets a code, exchanges it at open.tiktokapis.com/v2/oauth/token/, and never sees a password."]),
    "de": ("Warum keine API verrät, wer dein TikTok angesehen hat", [
        "Ich habe eine kleine Analyse-App mit dem Login Kit von TikTok gebaut.",
        "Scopes wie user.info.basic, user.info.stats und video.list liefern Profilfelder und Zahlen. Einen Scope für Besucher gibt es nicht.",
        "Die Zustimmung erfolgt auf tiktok.com; meine App sieht nie ein Passwort."]),
}  # fmt: skip


def devblog(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    title, paras = DEV[lang]
    code = authorize_url(rng, ["user.info.basic", "video.list"], "https://statnotes.dev/callback")
    body = f"<h1>{esc(title)}</h1>" + _paras(rng, paras) + f"<pre><code>{esc(code)}</code></pre>"
    user = pick(rng, ("kleinbaum", "ajwrites", "mtorres", "devnotes"))
    return Page(title, body, lang, user), site_loc(
        rng, f"{user}.github.io", "/posts/tiktok-api-viewers/"
    )


FORUM = {
    "en": ("Is there any app that shows who viewed my TikTok?", ["Tried 3 sites, all wanted me to 'verify'. Anyone?",
           "No. Only the built-in Profile view history, and only if the other person has it on too.",
           "Those sites are offer walls. One asked me to paste my sessionid, I changed my password right after."]),
    "es": ("¿Hay alguna app para ver quién vio mi TikTok?", ["Probé varias webs y todas piden 'verificar'.",
           "No. Solo el historial de visitas del propio TikTok, si la otra persona también lo tiene activado.",
           "Son muros de ofertas. No pongas tu contraseña."]),
    "id": ("Ada aplikasi buat lihat siapa yang stalking TikTok?", ["Semua situs minta 'verifikasi manusia'.",
           "Tidak ada. Cuma riwayat tayangan profil bawaan TikTok.", "Itu penipuan, jangan masukkan kata sandi."]),
    "vi": ("Có app nào xem ai đã vào TikTok mình không?", ["Web nào cũng bắt 'xác minh'.",
           "Không có. Chỉ có lịch sử xem hồ sơ trong TikTok.", "Đừng nhập mật khẩu vào mấy trang đó."]),
}  # fmt: skip


def forum(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
    q, posts = FORUM[lang]
    votes = [rng.randint(0, 300) for _ in posts]
    items = "".join(
        f'<div class="post"><span class="votes">{v}</span><b>u/{pick(rng, ("nightowl", "kayla", "rizky", "minh", "pablo"))}{rng.randint(1, 99)}</b><p>{esc(p)}</p></div>'
        for v, p in zip(votes, posts, strict=True)
    )
    search = '<form action="/search"><input name="q"></form>' if rng.random() < 0.5 else ""
    return Page(q, f"<h1>{esc(q)}</h1>{search}{items}", lang, "AskAround"), site_loc(
        rng, "askaround.community", f"/t/{rng.randint(10**4, 10**5)}"
    )


NEWS_PHISH = {
    "en": ("Fake 'profile viewer' sites steal thousands of TikTok accounts", [
        "Researchers found dozens of look-alike sites offering to reveal TikTok profile visitors.",
        "Victims typed their password into a copy of TikTok's login page; the data went to a Telegram bot.",
        "TikTok said no third party can show profile viewers and urged users to enable 2-step verification."]),
    "de": ("Gefälschte Profilbesucher-Seiten stehlen TikTok-Konten", [
        "Forscher fanden Dutzende nachgemachte Seiten, die TikTok-Profilbesucher anzeigen wollen.",
        "Opfer gaben ihr Passwort in eine Kopie der Anmeldeseite ein; die Daten gingen an einen Telegram-Bot.",
        "TikTok betont, dass Dritte keine Profilbesucher anzeigen können."]),
    "fr": ("De faux sites de « visiteurs de profil » volent des comptes TikTok", [
        "Des chercheurs ont repéré des dizaines de sites imitant TikTok.",
        "Les victimes saisissaient leur mot de passe sur une fausse page de connexion.",
        "TikTok rappelle qu'aucun service tiers ne peut montrer les visiteurs."]),
    "es": ("Webs falsas de 'quién vio tu perfil' roban cuentas de TikTok", [
        "Investigadores hallaron decenas de sitios que imitan a TikTok.", "Las víctimas escribían su contraseña en una copia del login.",
        "TikTok recuerda que ningún tercero puede mostrar visitantes."]),
    "pt": ("Sites falsos de 'quem viu seu perfil' roubam contas do TikTok", [
        "Pesquisadores encontraram dezenas de sites imitando o TikTok.", "As vítimas digitavam a senha numa cópia da página de login.",
        "O TikTok lembra que nenhum terceiro consegue mostrar visitantes."]),
}  # fmt: skip
NEWS_FEATURE = {
    "en": ("TikTok rolls out profile view history", ["The opt-in feature shows who viewed your profile in the last 30 days.",
           "It is off by default and unavailable to users under 16 or with more than 5,000 followers."]),
    "id": ("TikTok meluncurkan riwayat tayangan profil", ["Fitur opsional ini menampilkan siapa yang melihat profil dalam 30 hari.",
           "Nonaktif secara default dan tidak tersedia untuk pengguna di bawah 16 tahun."]),
    "vi": ("TikTok ra mắt lịch sử xem hồ sơ", ["Tính năng tùy chọn cho biết ai đã xem hồ sơ trong 30 ngày.",
           "Mặc định tắt và không dành cho người dưới 16 tuổi."]),
    "tr": ("TikTok profil görüntüleme geçmişini sundu", ["İsteğe bağlı özellik son 30 günde profiline kimin baktığını gösterir.",
           "Varsayılan olarak kapalıdır ve 16 yaş altı kullanıcılara kapalıdır."]),
}  # fmt: skip
NEWS_LOCKER = {
    "en": ("How 'free followers' generators make money", ["Behind the 'verify you are human' button sits a CPA network that pays per survey.",
           "Nobody receives followers; the site earns a few cents per completed offer."]),
    "ar": ("كيف تربح مواقع 'المتابعين المجانيين'", ["خلف زر 'تحقق من أنك إنسان' شبكة إعلانية تدفع مقابل كل استبيان.",
           "لا أحد يحصل على متابعين؛ الموقع يربح من كل عرض مكتمل."]),
    "th": ("เว็บ 'ปั๊มผู้ติดตามฟรี' หาเงินอย่างไร", ["หลังปุ่ม 'ยืนยันว่าคุณเป็นมนุษย์' คือเครือข่ายโฆษณาที่จ่ายต่อแบบสำรวจ",
           "ไม่มีใครได้ผู้ติดตามจริง"]),
}  # fmt: skip
CONSUMER = {
    "de": ("Verbraucherwarnung: Abo-Fallen mit 'Wer hat dein Profil besucht'", ["Anbieter zeigen verschwommene Besucherlisten und verlangen ein Wochenabo.",
           "Die Daten sind erfunden. Kündigen Sie sofort und melden Sie die Abbuchung Ihrer Bank."]),
    "fr": ("Alerte consommateurs : faux rapports de visiteurs de profil", ["Des sites affichent des listes floues et facturent un abonnement hebdomadaire.",
           "Les données sont inventées. Résiliez et contactez votre banque."]),
    "en": ("Consumer alert: paid 'profile visitor' reports", ["Sites show blurred visitor lists and charge a weekly subscription.",
           "The data is invented. Cancel, and dispute the charge with your card issuer."]),
    "es": ("Alerta al consumidor: informes de visitantes de pago", ["Webs muestran listas borrosas y cobran una suscripción semanal.",
           "Los datos son inventados. Cancela y reclama a tu banco."]),
}  # fmt: skip


def _news(bank: dict[str, tuple[str, list[str]]], site: str, host: str) -> Builder:
    """A news template for one outlet (the bank holds its headline and paragraphs)."""

    def build(rng: random.Random, lang: str, i: int) -> tuple[Page, Loc]:
        title, paras = bank[lang]
        date = f"<time>{rng.randint(1, 28)}.{rng.randint(1, 12)}.{pick(rng, (2024, 2025, 2026))}</time>"
        body = f"<h1>{esc(title)}</h1>{date}" + _paras(rng, paras)
        return Page(f"{title} - {site}", body, lang, site), site_loc(
            rng, host, f"/{lang}/tech/{rng.randint(10**5, 10**6)}"
        )

    build.__name__ = f"news_{site.lower().replace(' ', '_')}"
    return build


def families() -> list[Family]:
    b, ex, nw = "benign", "explainer", "news"
    return [
        Family("page-expl-yesbut", b, ex, ("en", "es", "pt", "de"), 9, yes_but),
        Family("page-expl-nosaves-farm", b, ex, ("en", "id", "vi", "tr"), 9, no_saves),
        Family("page-expl-faq", b, ex, ("en", "fr", "ar", "th", "es"), 10, faq),
        Family("page-expl-howto", b, ex, ("en", "de", "fr", "id"), 8, howto),
        Family("page-expl-scamwarning", b, ex, ("en", "es", "pt", "th"), 9, scam_warning),
        Family("page-expl-devblog", b, ex, ("en", "de"), 6, devblog),
        Family("page-expl-forum", b, ex, ("en", "es", "id", "vi"), 8, forum),
        Family(
            "page-news-phishing",
            b,
            nw,
            ("en", "de", "fr", "es", "pt"),
            9,
            _news(NEWS_PHISH, "Daily Circuit", "dailycircuit-news.com"),
        ),
        Family(
            "page-news-feature",
            b,
            nw,
            ("en", "id", "vi", "tr"),
            8,
            _news(NEWS_FEATURE, "Gadget Ledger", "gadgetledger.net"),
        ),
        Family(
            "page-news-lockers",
            b,
            nw,
            ("en", "ar", "th"),
            9,
            _news(NEWS_LOCKER, "Byte Review", "bytereview.media"),
        ),
        Family(
            "page-news-consumer",
            b,
            nw,
            ("de", "fr", "en", "es"),
            7,
            _news(CONSUMER, "Consumer Desk", "consumerdesk.eu"),
        ),
    ]
