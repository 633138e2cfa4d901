"""Claims family: offers vs questions, negations and explanations, in several languages."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detector.extract import claims
from detector.extract.base import Context
from detector.extract.parse import page_from_text, parse_html
from detector.records import Listing, Snapshot

URL = "https://lure.example/"


def run(html: str, url: str = URL) -> claims.Signals:
    return claims.extract(Context(snapshot=Snapshot(url=url, html=html), page=parse_html(html)))


def body(text: str) -> dict[str, object]:
    return run(f"<html><body><p>{text}</p></body></html>").features


OFFERS = {
    "en": [
        ("See who viewed your TikTok profile now!", "who_viewed"),
        ("Enter your username and find out who saved your TikTok videos.", "who_saved"),
    ],
    "es": [
        ("Descubre quién vio tu perfil de TikTok ahora.", "who_viewed"),
        ("Mira quién compartió tus videos de TikTok gratis.", "who_shared"),
    ],
    "pt": [
        ("Descubra quem visitou seu perfil do TikTok.", "who_viewed"),
        ("Ganhe 1000 seguidores grátis no TikTok agora!", "free_followers"),
    ],
    "id": [
        ("Lihat siapa yang melihat profil TikTok kamu sekarang!", "who_viewed"),
        ("Cek siapa yang menyimpan video TikTok kamu.", "who_saved"),
    ],
    "vi": [
        ("Xem ai đã xem hồ sơ TikTok của bạn ngay!", "who_viewed"),
        ("Tăng follow TikTok miễn phí cho tài khoản của bạn.", "free_followers"),
    ],
    "tr": [
        ("TikTok profiline kimler baktı hemen öğren!", "who_viewed"),
        ("TikTok videolarını kimler kaydetti, hemen gör!", "who_saved"),
    ],
    "de": [
        ("Finde heraus, wer dein TikTok Profil angesehen hat.", "who_viewed"),
        ("Sieh jetzt deine heimlichen Verehrer auf TikTok.", "stalkers"),
    ],
    "fr": [
        ("Découvre qui a vu ton profil TikTok maintenant !", "who_viewed"),
        ("Obtenez des abonnés gratuits sur TikTok.", "free_followers"),
    ],
    "it": [
        ("Scopri chi ha visitato il tuo profilo TikTok!", "who_viewed"),
        ("Ottieni 1000 follower TikTok gratis subito!", "free_followers"),
    ],
    "ru": [
        ("Узнай, кто смотрел твой профиль в TikTok!", "who_viewed"),
        ("Получи бесплатные подписчики в TikTok сейчас!", "free_followers"),
    ],
}

# (question, negated or explaining sentence) per language.
HARD_NEGATIVES = {
    "en": (
        "Can you see who viewed your TikTok profile?",
        "No, TikTok doesn't tell you who saved your video; it only shows the number of saves.",
    ),
    "es": (
        "¿Se puede ver quién vio tu perfil de TikTok?",
        "TikTok no muestra quién guardó tus videos, solo el número.",
    ),
    "pt": (
        "É possível ver quem visitou seu perfil do TikTok?",
        "O TikTok não mostra quem salvou seus vídeos.",
    ),
    "id": (
        "Apakah bisa melihat siapa yang melihat profil TikTok kita?",
        "TikTok tidak bisa menampilkan siapa yang menyimpan video kamu.",
    ),
    "vi": (
        "Có thể xem ai đã xem hồ sơ TikTok không?",
        "TikTok không cho biết ai đã lưu video của bạn.",
    ),
    "tr": (
        "TikTok'ta profilime kimlerin baktığını görebilir miyim?",
        "TikTok videolarını kimler kaydetti göremezsin.",
    ),
    "de": (
        "Kann man sehen, wer dein TikTok Profil angesehen hat?",
        "TikTok zeigt nicht, wer dein Video gespeichert hat.",
    ),
    "fr": (
        "Est-ce que l'on peut savoir qui a vu mon profil TikTok ?",
        "TikTok ne montre pas qui a enregistré tes vidéos.",
    ),
    "it": (
        "Si può vedere chi ha visto il tuo profilo TikTok?",
        "TikTok non mostra chi ha salvato i tuoi video.",
    ),
    "ru": (
        "Можно ли узнать, кто смотрел мой профиль TikTok?",
        "TikTok не показывает, кто сохранил ваше видео.",
    ),
}


@pytest.mark.parametrize(
    ("lang", "text", "claim"),
    [(lang, text, claim) for lang, pairs in OFFERS.items() for text, claim in pairs],
)
def test_offers_fire_in_every_language(lang: str, text: str, claim: str) -> None:
    f = body(text)
    assert f[f"claims.offer_{claim}"] == 1, text
    assert f["claims.offer_total"] >= 1
    assert f["claims.lang"] == lang
    assert claim in claims.claims_found(f)


@pytest.mark.parametrize("lang", sorted(HARD_NEGATIVES))
def test_questions_and_negations_are_not_offers(lang: str) -> None:
    question, negated = HARD_NEGATIVES[lang]
    q = body(question)
    assert (q["claims.offer_total"], q["claims.question"], q["claims.mentions"]) == (0, 1, 1)
    n = body(negated)
    assert n["claims.offer_total"] == 0 and n["claims.negated"] == 1, negated
    assert claims.claims_found(n) == []


def test_explainer_pointing_to_tiktok_settings_is_not_an_offer() -> None:
    f = body(
        "If you turn on Profile view history in Settings and privacy, you can see who viewed "
        "your profile in the last 30 days."
    )
    assert f["claims.offer_total"] == 0 and f["claims.mentions"] == 1
    assert f["claims.explainer_cues"] >= 2


def test_title_and_cta_offers_are_strong() -> None:
    html = """<html><head><title>TikTok Profile Viewer - Who Stalks You?</title></head>
    <body><h1>Profile visitors</h1><button>See who viewed your TikTok</button>
    <a href="/go">Get free TikTok followers</a></body></html>"""
    sig = run(html)
    f = sig.features
    assert f["claims.offer_in_title"] == 1 and f["claims.offer_in_cta"] == 1
    assert f["claims.offer_profile_visitors"] >= 1 and f["claims.offer_who_viewed"] >= 1
    assert f["claims.offer_free_followers"] >= 1
    assert "Profile Viewer" in sig.evidence["claims.offer_in_title"]


def test_question_title_is_not_an_offer_but_rhetorical_question_with_cta_is() -> None:
    honest = run("<title>Can You See Who Viewed Your TikTok? Here's the Answer</title>")
    assert honest.features["claims.offer_in_title"] == 0
    assert honest.features["claims.question"] == 1
    lure = run("<title>Who Saved Your TikTok? Find Out Now</title>")
    assert lure.features["claims.offer_in_title"] == 1
    assert lure.features["claims.offer_who_saved"] == 1


def test_paid_spy_report_page_in_portuguese() -> None:
    html = """<html><head><title>Stalker do Insta e TikTok - Relatório</title></head><body>
    <h1>Descubra quem visitou seu perfil</h1>
    <p>Cole o link de qualquer perfil. Encontramos 7 visitantes ocultos e 3 mensagens apagadas.</p>
    <p>Atividade na madrugada detectada. Desbloqueie o relatório completo por R$ 19,90 via PIX.</p>
    <p>Os dados exibidos são uma simulação para fins de entretenimento.</p>
    <button>Desbloquear relatório</button></body></html>"""
    f = run(html).features
    assert f["claims.spy_report"] >= 4
    assert f["claims.admits_simulation"] == 1
    assert f["claims.offer_who_viewed"] >= 1 and f["claims.lang"] == "pt"
    assert f["claims.other_platform"] == 1


def test_simulation_admission_in_app_listing_text() -> None:
    snap = Snapshot(
        kind="app_listing",
        listing=Listing(
            name="Who Viewed My Profile - Followers Tracker",
            description="See your profile visitors and unfollowers.\n"
            "Data shown is estimated based on your follower lists.",
        ),
    )
    sig = claims.extract(Context(snapshot=snap, page=page_from_text("")))
    f = sig.features
    assert f["claims.admits_simulation"] == 1 and f["claims.offer_in_title"] == 1
    assert claims.claims_found(f) == ["who_viewed", "profile_visitors", "unfollowers"]
    assert "estimated" in sig.evidence["claims.admits_simulation"]


@pytest.mark.parametrize(
    ("title", "spam"),
    [
        ("Free TikTok Followers Generator 2026 No Human Verification", 1),
        ("TikTok Coins Generator (Copy & Paste Link)", 1),
        ("Free TikTok Likes Xk3jd9Qz", 1),
        ("Seguidores grátis no TikTok 2026", 1),
        ("TikTok Creator Awards 2026: the winners", 0),
        ("How to see who viewed your TikTok profile (2026)", 0),
    ],
)
def test_spam_title(title: str, spam: int) -> None:
    assert run(f"<title>{title}</title>").features["claims.spam_title"] == spam


def test_urgency_counts() -> None:
    f = body("Limited time offer! Hurry, only 3 spots left. Get 500 free TikTok likes.")
    assert f["claims.urgency"] == 3
    assert body("We publish weekly.")["claims.urgency"] == 0


HONEST_ARTICLE = """<html><head><title>Can you see who viewed your TikTok? What to know</title>
</head><body><h1>Can you see who viewed, saved or shared your TikTok?</h1>
<p>Many third-party apps claim to show who viewed your TikTok profile, who saved your videos,
who shared them, your secret admirers, stalkers, profile visitors and unfollowers. They are
scams. You can't see who saved your video, and TikTok doesn't tell you who shared your video:
it only shows the number of saves and shares.</p>
<h2>Profile view history</h2>
<p>TikTok's own Profile view history lets both users see visits, but only if both have it turned
on in Settings and privacy, and only for the past 30 days. It is off by default.</p>
<p>Never enter your password on sites that promise free followers or free likes.
Free TikTok followers generators are scams that steal your account.</p>
</body></html>"""


def test_honest_explainer_repeating_every_keyword_makes_no_offer() -> None:
    sig = run(HONEST_ARTICLE, url="https://news.example/tiktok-views")
    f = sig.features
    assert f["claims.offer_total"] == 0, sig.evidence.get("claims.offer_total")
    assert f["claims.offer_in_title"] == 0 and f["claims.offer_in_cta"] == 0
    assert f["claims.mentions"] >= 4
    assert f["claims.negated"] >= 2 and f["claims.question"] >= 1
    assert f["claims.explainer_cues"] == 5
    assert claims.claims_found(f) == []


def test_offers_count_on_any_network_and_on_none_but_not_for_the_sites_own_members() -> None:
    dating = run("<title>Datewise</title><h1>See who viewed your Datewise profile</h1>")
    f = dating.features
    assert f["claims.offer_total"] == 0 and f["claims.mentions"] >= 1
    assert f["claims.own_site"] >= 1 and f["claims.other_platform"] == 0
    insta = run("<h1>Instagram stalkers</h1><p>See who viewed your Instagram profile now!</p>")
    assert insta.features["claims.offer_total"] >= 1
    assert insta.features["claims.other_platform"] == 1
    assert insta.features["claims.offer_no_platform"] == 0
    both = run("<h1>See who viewed your TikTok and Instagram profile</h1>").features
    assert both["claims.offer_who_viewed"] >= 1 and both["claims.other_platform"] == 1


@pytest.mark.parametrize(
    "html",
    [
        "<h1>Snap Spy</h1><p>Discover who looked at your Snapchat story today.</p>",
        "<p>Find out who has been checking your Twitch profile instantly.</p>",
        "<title>Face Viewers</title><p>See your Facebook profile visitors now</p>",
    ],
)
def test_offers_naming_other_networks_are_offers(html: str) -> None:
    f = run(html).features
    assert f["claims.offer_total"] >= 1 and f["claims.other_platform"] == 1


def test_platformless_visitor_lure_is_an_offer_and_flagged_as_such() -> None:
    sig = run("<title>Visitor Radar</title><h1>See who visited your profile</h1>")
    f = sig.features
    assert f["claims.offer_who_viewed"] >= 1
    assert f["claims.offer_no_platform"] >= 1 and f["claims.own_site"] == 0
    assert "visited your profile" in sig.evidence["claims.offer_no_platform"]


def test_generator_wording_is_an_offer_cue() -> None:
    # No second person, no "free"/"now": the generator itself is the call to action.
    f = body("Followers generator for Instagram accounts with 10k daily capacity.")
    assert f["claims.offer_free_followers"] == 1
    f = body("Instagram takipçi hilesi ile hesaplara gerçek takipçi.")
    assert f["claims.offer_total"] == 1
    assert body("Instagram followers generator.")["claims.offer_total"] == 1
    assert body("Instagram followers grew by 10k last month.")["claims.offer_total"] == 0


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("TikTok doesn't notify anyone, but our tool shows who viewed your profile.", "offer"),
        ("Nobody will know; see who viewed your Instagram profile now.", "offer"),
        ("You don't need a password to see who viewed your profile.", "offer"),
        ("You can't see who viewed your profile on TikTok.", "negated"),
        ("No, you can't see who viewed your profile.", "negated"),
        ("There is no app, site or tool that shows who viewed your profile.", "negated"),
        ("It is not possible to see who viewed, saved or shared your videos.", "negated"),
        ("You can't, unfortunately, see who viewed your profile.", "negated"),
        ("Sadly, no, you cannot see who viewed your profile.", "negated"),
        ("Our tool is not a scam, and it shows who viewed your profile.", "offer"),
    ],
)
def test_negation_counts_only_in_the_claims_own_clause(text: str, verdict: str) -> None:
    lex = claims.compiled()
    assert claims.judge(claims.fold(text.lower()), lex) == verdict


def test_legal_small_print_is_neither_negation_nor_explanation() -> None:
    lex = claims.compiled()
    unit = "see who viewed your instagram profile. we are not affiliated with instagram."
    assert claims.judge(unit, lex) == "offer"
    unit = "copyright 2026 - see who viewed your profile with our tracker, terms of service apply"
    assert claims.judge(unit, lex) == "offer"
    f = body("By using this site you accept our privacy policy and third-party services.")
    assert f["claims.explainer_cues"] == 0
    f = body("Third-party apps that promise this are scams.")
    assert f["claims.explainer_cues"] >= 1


def test_unrelated_tiktok_news_has_no_mentions() -> None:
    html = """<html><head><title>TikTok launches new creator fund in Europe</title></head>
    <body><p>TikTok said on Tuesday it would expand its creator fund to five more countries.
    The company, owned by ByteDance, has about a billion users. Regulators in Brussels are
    reviewing how the app handles data of young users. Creators who post often can apply.</p>
    </body></html>"""
    f = run(html).features
    assert f["claims.mentions"] == 0 and f["claims.offer_total"] == 0
    assert f["claims.lang"] == "en"


def test_every_key_always_present_and_bounded() -> None:
    empty = run("").features
    lure = run("<p>" + "See who viewed your TikTok profile now! " * 400 + "</p>").features
    assert set(empty) == set(lure)
    assert len(empty) == 26 and empty["claims.lang"] == "unknown"
    assert all(v == 0 for k, v in empty.items() if k != "claims.lang")
    assert lure["claims.offer_who_viewed"] == 5 and lure["claims.offer_total"] == 10
    assert set(claims.DESCRIPTIONS) | set(claims.BENIGN_DESCRIPTIONS) == set(empty) - {
        "claims.mentions",
        "claims.lang",
    }


def test_claims_found_order_and_types() -> None:
    feats = {f"claims.offer_{c}": 0 for c in claims.CLAIM_TYPES}
    feats |= {"claims.offer_free_followers": 2, "claims.offer_who_saved": 1.0}
    assert claims.claims_found(feats) == ["who_saved", "free_followers"]
    assert claims.claims_found({"claims.offer_who_viewed": "x"}) == []


def test_lexicon_compiles_with_literal_gates() -> None:
    lex = claims.compiled()
    assert lex.topic.full.groups == len(lex.topic.full.groupindex)  # only named groups
    assert all(len(p) >= 2 or not p.isalnum() for p in lex.topic.prefixes | lex.cues.prefixes)


def test_accents_case_and_turkish_capitals() -> None:
    decomposed = "Descubra QUEM VISITOU seu perfil do TikTok".replace("ú", "u\u0301")
    assert body(decomposed)["claims.offer_who_viewed"] == 1
    assert body("TİKTOK PROFİLİNE KİMLER BAKTI HEMEN ÖĞREN")["claims.offer_who_viewed"] == 1
    assert body("You can’t see who saved your TikTok video.")["claims.negated"] == 1


def test_typical_page_is_fast() -> None:
    page = HONEST_ARTICLE.replace(
        "</body>", "<p>" + "Some ordinary news text. " * 300 + "</p></body>"
    )
    ctx = Context(snapshot=Snapshot(url=URL, html=page), page=parse_html(page))
    claims.extract(ctx)
    start = time.perf_counter()
    for _ in range(20):
        claims.extract(ctx)
    assert (time.perf_counter() - start) / 20 < 0.02  # generous: about 1 ms on a laptop


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=400), st.text(max_size=80))
def test_extract_never_raises_on_random_text(text: str, title: str) -> None:
    sig = claims.extract(Context(snapshot=Snapshot(url="", text=text), page=page_from_text(text)))
    assert sig.features["claims.offer_total"] >= 0
    html = f"<title>{title}</title><h1>{title}</h1><button>{title}</button><p>{text}</p>"
    assert isinstance(run(html).features["claims.lang"], str)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Get 100 free Instagram followers instantly!", "free_followers"),
        ("Claim your 5k followers into your account today.", "free_followers"),
        ("Free Snapchat views for every story, now.", "free_followers"),
        ("Seguidores de Instagram grátis agora!", "free_followers"),
    ],
)
def test_follower_offers_naming_any_network(text: str, kind: str) -> None:
    assert body(text)[f"claims.offer_{kind}"] >= 1


@pytest.mark.parametrize(
    ("text", "least"),
    [
        (
            "Spy on your partner's chats: read their deleted messages and see their live location,"
            " 100% anonymous. Get VIP access.",
            4,
        ),
        (
            "Espione qualquer WhatsApp: veja as conversas apagadas e a localização em tempo real,"
            " 100% anônimo. Liberar acesso agora.",
            4,
        ),
        (
            "Espía cualquier perfil: mira los mensajes borrados y la ubicación en tiempo real,"
            " 100% anónimo.",
            3,
        ),
        ("Espionnez n'importe quel compte : messages supprimés et localisation en temps réel.", 3),
        ("Pesan yang dihapus dan lokasi real-time, 100% anonim.", 3),
    ],
)
def test_spy_funnel_wording_in_several_languages(text: str, least: int) -> None:
    assert body(text)["claims.spy_report"] >= least


def test_first_party_premium_wording_is_not_a_spy_report() -> None:
    f = body("Premium members can see the members who visited their profile this week.")
    assert f["claims.spy_report"] == 0


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("We send 500 real followers to your account.", "free_followers"),
        ("Envie 1000 seguidores para o seu perfil agora.", "free_followers"),
        ("Link ile takipçi gönder, hemen dene.", "free_followers"),
        ("Kirim 100 followers ke akun kamu sekarang.", "free_followers"),
        ("A melhor ferramenta de stalker do Brasil: veja agora.", "stalkers"),
        ("La mejor app de stalker para tu pareja.", "stalkers"),
        ("Best Snapchat stalker for your friends, try it now.", "stalkers"),
    ],
)
def test_follower_sending_and_stalker_tool_offers(text: str, kind: str) -> None:
    assert body(text)[f"claims.offer_{kind}"] >= 1


def test_zero_is_not_an_amount_on_offer() -> None:
    f = body("Why your TikTok videos get 0 views, and how you can fix it.")
    assert f["claims.offer_free_followers"] == 0
    assert body("Get 500 TikTok views now.")["claims.offer_free_followers"] == 1


@pytest.mark.parametrize(
    "text",
    [
        "Congratulations, you won 1K new Instagram followers! Log in to claim them.",
        "Parabéns! Você ganhou 500 seguidores, faça login para resgatar.",
        "¡Ganaste 1000 seguidores! Inicia sesión para recibirlos.",
    ],
)
def test_prize_framed_follower_offers(text: str) -> None:
    assert body(text)["claims.offer_free_followers"] >= 1


@pytest.mark.parametrize(
    "text",
    [
        "Công cụ theo dõi Instagram tốt nhất cho bạn, thử ngay.",
        "Лучший сталкер для инстаграм: узнай сейчас.",
    ],
)
def test_stalker_tool_offers_in_vietnamese_and_russian(text: str) -> None:
    assert body(text)["claims.offer_stalkers"] >= 1


@pytest.mark.parametrize(
    "text",
    [
        "Verbraucherwarnung: Abo-Fallen mit 'Wer hat dein Profil besucht' kosten Geld.",
        'How "free followers" generators make money from your data.',
        "Golpe do «quem viu seu perfil» cobra assinatura.",
    ],
)
def test_quoted_lure_wording_is_reported_not_offered(text: str) -> None:
    f = body(text)
    assert f["claims.offer_total"] == 0 and f["claims.mentions"] >= 1


def test_quotes_elsewhere_do_not_hide_an_offer() -> None:
    assert (
        body("The 'best' tool: see who viewed your Instagram profile now!")["claims.offer_total"]
        >= 1
    )
    assert body("Don't miss it, get 500 free followers now!")["claims.offer_total"] >= 1


def test_listing_developer_names_the_own_site() -> None:
    snap = Snapshot(
        kind="app_listing",
        listing=Listing(
            name="Matchly Dating",
            developer="Matchly Inc",
            description="Premium members see who viewed your Matchly profile.",
        ),
    )
    f = claims.extract(Context(snapshot=snap, page=page_from_text(""))).features
    assert f["claims.own_site"] >= 1 and f["claims.offer_total"] == 0
    page = run("<title>Worklink</title><p>See who viewed your profile on Worklink this week.</p>")
    assert page.features["claims.own_site"] >= 1 and page.features["claims.offer_total"] == 0


@pytest.mark.parametrize(
    "text",
    [
        "Free Robux Generator: get 10000 Robux now, no human verification.",
        "Claim your free Amazon gift card codes with our generator today.",
        "Our V-Bucks hack sends them to your account instantly.",
        "Generador de diamantes gratis para tu cuenta, ya.",
        "Gerador de robux grátis para a sua conta agora.",
        "Connectez-vous pour réclamer vos diamants gratuits.",
        "Dapatkan diamond gratis untuk akun kamu sekarang.",
    ],
)
def test_generator_freebies_beyond_followers_are_offers(text: str) -> None:
    # The same generator funnel sells game currency and gift cards as well as followers.
    assert body(text)["claims.offer_free_followers"] >= 1


@pytest.mark.parametrize(
    "text",
    [
        "Enter your email to win a free gift card for our shop.",
        "Robux are the currency you buy inside Roblox; generators that promise them are scams.",
        "Start your free trial of Premium today.",
    ],
)
def test_ordinary_giveaways_and_currency_explainers_are_not_generator_offers(text: str) -> None:
    assert body(text)["claims.offer_free_followers"] == 0


def test_stalker_tool_named_for_a_network_is_an_offer() -> None:
    html = "<title>Social Watch - Stalker & Spy for Instagram</title><p>Get your list now.</p>"
    assert run(html).features["claims.offer_stalkers"] == 1
    assert (
        body("Is there a stalker for Instagram? No, no app can show that.")["claims.offer_stalkers"]
        == 0
    )


@pytest.mark.parametrize(
    "text",
    [
        "Find out who your boyfriend is really talking to, 100% anonymous.",
        "💾 Discover the photos and videos they're saving in hidden folders.",
        "Monitor every like, even if they try to unlike later.",
        "Descubra com quem ele está conversando no WhatsApp.",
        "Lee los mensajes borrados de tu pareja al instante.",
        "To view the full conversation, you need to unlock the chats.",
        "Find out who blocked you on Instagram.",
    ],
)
def test_offers_to_spy_on_another_persons_private_activity(text: str) -> None:
    f = body(text)
    assert f["claims.offer_private_activity"] >= 1 and f["claims.offer_total"] >= 1


@pytest.mark.parametrize(
    "text",
    [
        "Can you read your partner's messages with an app? No, and sites that promise it are scams.",
        "Apps cannot see who your boyfriend is talking to on Instagram.",
        "We never read your messages.",
        "Can you see who blocked you? No, Instagram doesn't tell you.",
    ],
)
def test_warnings_about_partner_spying_are_not_offers(text: str) -> None:
    assert body(text)["claims.offer_private_activity"] == 0


@pytest.mark.parametrize(
    ("claim", "text", "offer"),
    [
        ("verified_badge", "Request a Verified Badge on Facebook", 1),
        ("verified_badge", "Get your free blue tick today!", 1),
        ("verified_badge", "Solicite seu selo de verificado agora.", 1),
        ("verified_badge", "How do I request a verified badge? Only Instagram can grant one.", 0),
        ("verified_badge", "Vérifiez votre badge de vérification dans les paramètres.", 0),
        ("prize", "Gift Card Giveaway: claim your code now", 1),
        ("prize", "Congratulations! You have won a free iPhone 15 Pro.", 1),
        ("prize", "Get your free PS5 today, only 3 left!", 1),
        ("prize", "¡Has ganado! Reclama tu premio ahora.", 1),
        ("prize", "We are happy to say that you won your chosen iPhone 11.", 1),
        ("prize", "Você ganhou um iPhone! Confirme seus dados.", 1),
        ("prize", "Our team won the design award this year.", 0),
        ("prize", "A text saying you have won an iPhone? It is a scam: nobody gives them away.", 0),
    ],
)
def test_badge_and_prize_offers(claim: str, text: str, offer: int) -> None:
    assert body(text)[f"claims.offer_{claim}"] == offer


def test_spy_report_wording_inside_a_warning_is_not_counted() -> None:
    assert (
        body("Sites that sell a full report of hidden visitors are scams.")["claims.spy_report"]
        == 0
    )
    assert (
        body("Unlock the full report of hidden visitors for $4.99/week.")["claims.spy_report"] >= 2
    )


def test_repeated_sentences_are_judged_once_with_the_same_features(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A page repeating its pitch: each distinct (unit, next unit, title-like) is judged once,
    and the claims features and evidence are those of judging every unit afresh."""
    pitch = (
        "<h2>See who viewed your TikTok profile!</h2><p>Find out who viewed your TikTok "
        "profile in seconds. Is there a way to see who viewed your TikTok? No, TikTok does "
        "not show it. Track every profile viewer now.</p><button>See who viewed you</button>"
    )
    html = "<title>Who viewed my TikTok</title>" + pitch * 12
    snap = Snapshot(url="https://viewers.example/", html=html)

    def run() -> tuple[dict[str, object], dict[str, str]]:
        sig = claims.extract(Context(snapshot=snap, page=parse_html(html)))
        return sig.features, sig.evidence

    calls: list[tuple[str, str, bool]] = []
    plain = claims._verdict

    def counted(unit: str, after: str, lex: object, strong: bool) -> str:
        calls.append((unit, after, strong))
        return plain(unit, after, lex, strong)  # type: ignore[arg-type]

    monkeypatch.setattr(claims, "_verdict", counted)
    remembered = run()
    assert calls and len(calls) == len(set(calls))  # no unit judged twice
    monkeypatch.setattr(
        claims._Tally,
        "verdict",
        lambda self, unit, after, lex, strong: plain(unit, after, lex, strong),
    )
    afresh = run()
    assert remembered == afresh
    assert remembered[0]["claims.offer_total"] >= 1  # type: ignore[operator]
