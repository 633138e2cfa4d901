"""Locker family: human checks, offer walls, fake progress, generators and CPA network markers."""

from __future__ import annotations

import time

import pytest

from detector.extract import lockers
from detector.extract.base import Context
from detector.extract.parse import decode_markup, parse_html
from detector.records import Snapshot
from tests.conftest import shared_path

URL = "https://tiktok-viewers-free.xyz/"
KEYS = {*lockers.DESCRIPTIONS, *lockers.BENIGN_DESCRIPTIONS}


def run(html: str, url: str = URL) -> tuple[dict, dict]:
    ctx = Context(snapshot=Snapshot(url=url, html=html), page=parse_html(html))
    sig = lockers.extract(ctx)
    return sig.features, sig.evidence


def f(html: str, url: str = URL) -> dict:
    return run(html, url)[0]


LOCKER = """<html><head><title>See who viewed your TikTok</title>
<script src="https://d2xyz.cloudfront.net/public/external/check2.php?t=1"></script>
<script>var _JF = {lockerId: 1};</script></head><body>
<h1>Almost done!</h1><p>Verify you are human to unlock your list of profile viewers.</p>
<p>Complete 2 offers below. This will open a new window.</p>
<div id="feed">Maria from Brazil just received 5000 followers</div>
<p>Offer expires in 04:59</p></body></html>"""

EXPLAINER = """<html><head><title>Can you see who viewed your TikTok? No, and here is why</title>
</head><body><h1>Can you see who viewed your TikTok profile?</h1>
<p>Only if both of you turned on Profile view history in Settings and privacy. Sites that
promise a list of viewers after you verify or complete an offer are scams: never give them your
password. TikTok shows saves and shares as counts only.</p></body></html>"""


def test_every_key_always_present():
    for html in ("", "<p>x</p>", LOCKER):
        feats = f(html)
        assert set(feats) == KEYS
        assert feats["locker.cpa_network"] == "none" or feats["locker.cpa_markers"] > 0
        numeric = {k: v for k, v in feats.items() if k != "locker.cpa_network"}
        assert all(isinstance(v, int) and 0 <= v <= 5 for v in numeric.values())


def test_locker_page_fires_its_signals_with_evidence():
    feats, evidence = run(LOCKER)
    for key in (
        "verify_human",
        "complete_offer",
        "unlock",
        "new_window",
        "fake_notifications",
        "cpa_markers",
        "countdown",
    ):
        assert feats[f"locker.{key}"] >= 1, key
        assert evidence[f"locker.{key}"], key
    assert feats["locker.cpa_network"] == "AdBlueMedia"
    assert feats["locker.captcha_real"] == 0
    assert all(feats[k] for k in evidence)


def test_honest_explainer_fires_nothing():
    feats = f(EXPLAINER, url="https://help.example.org/tiktok-viewers")
    fired = {k: v for k, v in feats.items() if v and v != "none"}
    assert fired == {}


# --- wording, four languages at least -----------------------------------------------------------

WORDING = {
    "locker.verify_human": [
        "Please verify you are human.",
        "Completa la verificación humana para continuar.",
        "Verifique que você é humano.",
        "Buktikan bahwa anda manusia.",
    ],
    "locker.complete_offer": [
        "Download and open 2 free apps to continue.",
        "Completa una oferta para ver los resultados.",
        "Complete uma oferta abaixo.",
        "Selesaikan satu penawaran di bawah.",
    ],
    "locker.survey": [
        "Complete a short survey to see who viewed you.",
        "Responde una breve encuesta.",
        "Responda a pesquisa rápida.",
        "Isi survei singkat ini.",
    ],
    "locker.unlock": [
        "Content locked: finish one step.",
        "Desbloquea tu lista de visitantes.",
        "Desbloqueie a lista agora.",
        "Buka kunci daftar pengunjung.",
    ],
    "locker.new_window": [
        "This will open a new window.",
        "Se abrirá una nueva ventana.",
        "O anúncio abrirá uma nova janela.",
        "Ini akan membuka jendela baru.",
    ],
    "locker.fake_progress": [
        "Searching account... Connecting to server...",
        "Buscando tu cuenta... Conectando al servidor...",
        "Procurando sua conta... Conectando ao servidor...",
        "Mencari akun... Menghubungkan ke server...",
    ],
    "locker.fake_notifications": [
        "Jake from Ohio just received 1000 followers",
        "Lucía de Madrid acaba de recibir 500 seguidores",
        "Ana do Rio acabou de receber 2000 seguidores",
        "Budi dari Bandung baru saja mendapatkan 1000 pengikut",
    ],
    "locker.countdown": [
        "Offer expires in 02:00",
        "La oferta expira en 5 minutos",
        "Tempo restante: 03:12",
        "Sisa waktu 01:00",
    ],
}


@pytest.mark.parametrize(("key", "text"), [(k, t) for k, texts in WORDING.items() for t in texts])
def test_wording_multilingual(key, text):
    assert f(f"<p>{text}</p>")[key] >= 1


@pytest.mark.parametrize("key", sorted(WORDING))
def test_wording_absent_from_plain_text(key):
    plain = "<p>We review gardening tools and compare prices every week. Read more.</p>"
    assert f(plain)[key] == 0


def test_counts_are_capped():
    text = "<p>Verify you are human. </p>" * 9
    assert f(text)["locker.verify_human"] == 5
    steps = [
        "Searching account",
        "Connecting to server",
        "Scanning may take up to 3 minutes",
        "Encrypting data",
        "Generating followers",
        "Bypassing security",
        "Analyzing profile",
    ]
    assert f("".join(f"<li>{s}…</li>" for s in steps))["locker.fake_progress"] == 5


def test_typographic_apostrophe():
    assert f("<p>Verify you’re human</p>")["locker.verify_human"] == 1


def test_scripted_progress_counts():
    js = """<script>var p = 0; var t = setInterval(function () { p += 7;
    document.getElementById('bar').style.width = p + '%'; if (p > 99) clearInterval(t); }, 300);
    </script>"""
    assert f(js)["locker.fake_progress"] == 1
    assert (
        f("<script>setTimeout(function(){ menu.close(); }, 300);</script>")["locker.fake_progress"]
        == 0
    )


def test_notifications_built_in_script():
    js = """<script>var names=['Jake','Mia']; setInterval(function(){ feed.innerText =
    names[i] + ' just received ' + n + ' followers'; }, 4000);</script>"""
    assert f(js)["locker.fake_notifications"] == 1
    assert f("<script>log('user just got here');</script>")["locker.fake_notifications"] == 0


# --- robots and real captchas -------------------------------------------------------------------

REAL_RECAPTCHA = """<script src="https://www.google.com/recaptcha/api.js" async defer></script>
<form action="/contact" method="post"><div class="g-recaptcha" data-sitekey="6LcXXXX"></div>
<button>Send</button></form>"""


def test_fake_robot_checkbox_counts_as_a_human_check():
    fake = '<label><input type="checkbox"> I\'m not a robot</label>'
    feats = f(fake)
    assert feats["locker.verify_human"] == 1
    assert feats["locker.captcha_real"] == 0


def test_real_recaptcha_is_recorded_and_does_not_count_as_theatre():
    feats, evidence = run(REAL_RECAPTCHA + "<p>I'm not a robot</p>")
    assert feats["locker.captcha_real"] == 1
    assert "recaptcha" in evidence["locker.captcha_real"]
    assert feats["locker.verify_human"] == 0


def test_hcaptcha_with_sitekey_and_captcha_script_without_sitekey():
    hcaptcha = '<script src="https://js.hcaptcha.com/1/api.js"></script><div class="h-captcha" data-sitekey="10000000-ffff"></div>'
    assert f(hcaptcha)["locker.captcha_real"] == 1
    assert (
        f('<script src="https://www.google.com/recaptcha/api.js"></script>')["locker.captcha_real"]
        == 0
    )
    assert "locker.captcha_real" in lockers.BENIGN_DESCRIPTIONS


# --- generators ---------------------------------------------------------------------------------

GENERATOR = """<h1>Free TikTok Followers Generator</h1>
<form><input type="text" name="username" placeholder="@username">
<label><input type="radio" name="amount" value="1000"> 1,000 Followers</label>
<label><input type="radio" name="amount" value="5000"> 5,000 Followers</label>
<label><input type="radio" name="amount" value="10000"> 10,000 Followers</label>
<button>Generate</button></form>"""


def test_generator_ui():
    feats, evidence = run(GENERATOR)
    assert feats["locker.generator_ui"] == 1
    assert "1000" in evidence["locker.generator_ui"]


def test_username_search_without_amounts_is_not_a_generator():
    analytics = """<h1>TikTok Analytics</h1><form><input type="search" name="q"
    placeholder="Enter a TikTok username"><button>Analyze</button></form>
    <p>See follower growth for any public creator.</p>"""
    assert f(analytics)["locker.generator_ui"] == 0
    no_input = GENERATOR.replace('<input type="text" name="username" placeholder="@username">', "")
    assert f(no_input)["locker.generator_ui"] == 0


# --- CPA networks -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "network"),
    [
        (
            '<script src="https://d1.cloudfront.net/public/offers/feed.php?x=1"></script>',
            "AdBlueMedia",
        ),
        ('<script src="https://pagelocked.org/cp/js/abc.js"></script>', "OGAds"),
        ('<iframe src="https://applocked.org/locker/1"></iframe>', "OGAds"),
        ('<script src="https://app.ogads.com/x.js" data-captcha-enable="1"></script>', "OGAds"),
        ("<script>var l = new CPBContentLocker({id: 5});</script>", "CPABuild"),
        ('<script src="https://www.cpagrip.com/script_include.php?id=1"></script>', "CPAGrip"),
        ("<script>function cpagripComplete(){ unlock(); }</script>", "CPAGrip"),
        ('<a href="https://www.cpalead.com/dashboard/reports/campaign_rss.php">x</a>', "CPALead"),
        ('<script src="https://www.adworkmedia.com/go.php?pub=1"></script>', "AdWorkMedia"),
        ('<script src="/js/contentlocker.min.js"></script>', "generic"),
    ],
)
def test_cpa_network_markers(html, network):
    feats = f(html)
    assert feats["locker.cpa_markers"] >= 1
    assert feats["locker.cpa_network"] == network


def test_cpa_markers_distinct_and_capped_and_named_network_wins():
    html = """<script src="/js/offerwall.js"></script>
    <script src="https://pagelocked.org/cp/js/a.js"></script>
    <script src="https://pagelocked.org/cp/js/a.js"></script>
    <script>var _JF = 1; cpagripComplete(); new CPBContentLocker();</script>
    <iframe src="https://applocked.org/x"></iframe>"""
    feats = f(html)
    assert feats["locker.cpa_markers"] == 5
    assert feats["locker.cpa_network"] != "generic"
    once = '<script src="https://pagelocked.org/cp/js/a.js"></script>' * 3
    assert f(once)["locker.cpa_markers"] == 1


def test_words_that_contain_marker_names_are_not_markers():
    html = "<script>var _jfx = 1; var my_JFoo = 2;</script><p>We unjf nothing.</p>"
    assert f(html)["locker.cpa_markers"] == 0


# --- real pages ---------------------------------------------------------------------------------


def test_real_kit_and_benign_pages():
    kit = shared_path("html-samples", "zphisher-templates", "tiktok__login.html")
    feats = f(decode_markup(kit.read_bytes()), url="")
    assert feats["locker.captcha_real"] == 0
    assert feats["locker.cpa_markers"] == 0
    benign = [
        *sorted(shared_path("html-samples", "phishytics", "legitimate").glob("*.html")),
        *sorted(shared_path("html-samples", "readability-benign").glob("*.html")),
    ]
    assert len(benign) >= 50
    for page in benign:
        feats = f(decode_markup(page.read_bytes()), url="")
        for key in ("verify_human", "complete_offer", "survey", "cpa_markers", "generator_ui"):
            assert feats[f"locker.{key}"] == 0, (page.name, key)
        assert feats["locker.cpa_network"] == "none", page.name


def test_fast_on_a_typical_page():
    filler = "<p>" + "An ordinary paragraph about gardens, tools and weather. " * 60 + "</p>"
    html = LOCKER.replace(
        "</body>", filler * 2 + "<script>" + "var a=1;" * 800 + "</script></body>"
    )
    ctx = Context(snapshot=Snapshot(url=URL, html=html), page=parse_html(html))
    lockers.extract(ctx)  # compile the lexicon once
    best = min(_timed(ctx) for _ in range(7))
    assert best < 0.002, f"{best * 1000:.2f} ms"


def _timed(ctx: Context) -> float:
    ctx.__dict__.pop("_lowered_scripts", None)
    ctx.__dict__.pop("_locker_script_heads", None)
    start = time.perf_counter()
    lockers.extract(ctx)
    return time.perf_counter() - start


@pytest.mark.parametrize("key", [*sorted(WORDING), "robot_phrases", "warning_cues"])
def test_gated_search_matches_the_plain_regex(key):
    name = key.split(".")[-1]
    pattern = lockers._pat(name)
    text = " ".join(t.lower() for texts in WORDING.values() for t in texts) * 3
    text += " i'm not a robot. these are scams. " + "filler words " * 50
    plain = [m.span() for m in pattern.pattern.finditer(text)][:40]
    assert [m.span() for m in pattern.findall(text, 40)] == plain


def test_locker_snippet_after_a_large_inline_bundle_is_found():
    bundle = "<script>" + "function a(b){return b+1}" * 20_000 + "</script>"
    snippet = "<script>var _JF = {id: 7}; setTimeout(function(){ go(); }, 10);</script>"
    feats = f(bundle + snippet)
    assert feats["locker.cpa_network"] == "AdBlueMedia"


# --- the generator funnel, from wording and shape (no CPA network named) -----------------------

FUNNEL = """<html><head><title>Boost your followers</title><script src="js/app.js"></script>
</head><body><h1>Followers for your account</h1>
<p>Step 1: enter your Instagram username.</p><input type="text" placeholder="@username">
<p>Step 2: how many followers do you want?</p>
<button>1,000</button><button>5,000</button><button>10,000</button>
<div id="log">Processing your request... Followers successfully sent.</div>
<p>Automatic verification failed. One last step: verification is required.</p>
</body></html>"""


def test_generator_funnel_stages_without_a_named_network():
    feats, evidence = run(FUNNEL)
    assert feats["locker.cpa_markers"] == 0
    assert feats["locker.funnel_steps"] == 4
    assert evidence["locker.funnel_steps"].startswith("username:")
    assert feats["locker.verify_human"] >= 1  # "automatic verification failed"
    # One stage, or stages seen only in the page's shape (a username box, a price list, a
    # progress bar), are any site's: not a funnel.
    assert f("<p>Enter your username to log in.</p>")["locker.funnel_steps"] == 0
    shape = '<input name="username"><button>1,000</button><button>5,000</button>'
    assert f(shape)["locker.funnel_steps"] == 0
    assert f(shape + "<p>How many followers do you want?</p>")["locker.funnel_steps"] == 2


@pytest.mark.parametrize(
    "html",
    [
        "<p>Digite seu nome de usuário. Quantos seguidores você quer? Enviando 500 seguidores..."
        " Última etapa: verificação necessária.</p>",
        "<p>Ingresa tu nombre de usuario. Elige la cantidad de seguidores. Enviando seguidores"
        " ahora. Último paso: verificación requerida.</p>",
        "<p>Masukkan username kamu. Pilih jumlah pengikut. Mengirim pengikut ke akun."
        " Langkah terakhir: verifikasi diperlukan.</p>",
    ],
)
def test_generator_funnel_wording_in_other_languages(html):
    assert f(html)["locker.funnel_steps"] == 4


def test_an_explainer_describing_the_funnel_is_not_one():
    html = """<p>These scams ask you to enter your username. Then they ask how many followers
    you want. Never trust a site that says verification is required before it pays out.</p>"""
    assert f(html)["locker.funnel_steps"] == 0


def test_escaped_script_messages_are_read():
    msgs = ["Connecting to server", "Generating 5000 followers"]
    escaped = ",".join('"' + "".join(f"\\x{ord(c):02x}" for c in m) + '"' for m in msgs)
    html = f"<script>var _m=[{escaped}];</script><p>Hello</p>"
    assert f(html)["locker.fake_progress"] >= 2
    assert lockers.unescape("a\\x41\\u0042") == "aab"


def test_an_offer_behind_the_funnel_is_a_claim_with_locker():
    from detector.extract.features import extract_features

    html = FUNNEL.replace(
        "<h1>Followers for your account</h1>", "<h1>Free Instagram followers</h1>"
    )
    feats = extract_features(Snapshot(url="", html=html))
    assert feats["locker.funnel_steps"] >= 3 and feats["locker.cpa_markers"] == 0
    assert feats["cross.claim_with_locker"] == 1


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("locker.complete_offer", "Completa un'offerta per vedere i risultati."),
        ("locker.complete_offer", "Выполните одно задание, чтобы продолжить."),
        ("locker.survey", "Rispondi a un breve sondaggio."),
        ("locker.verify_human", "Подтвердите, что вы человек."),
        ("locker.verify_human", "Automatic verification failed, please verify manually."),
        ("locker.fake_progress", "Invio di 500 follower in corso..."),
        ("locker.fake_progress", "Rastreando o número... Analisando as conversas..."),
    ],
)
def test_more_locker_wording(key, text):
    assert f(f"<p>{text}</p>")[key] >= 1


# --- same-site script files fetched with the page (Snapshot.scripts) ----------------------------

SCRIPT_PAGE = (
    "<h1>Who viewed your TikTok</h1><p>Verify you are human.</p><script src='/js/a.js'></script>"
)


def run_files(html: str, scripts: list[dict]) -> tuple[dict, dict]:
    snap = Snapshot.from_dict({"url": URL, "html": html, "scripts": scripts})
    sig = lockers.extract(Context(snapshot=snap, page=parse_html(html)))
    return sig.features, sig.evidence


def test_markers_in_a_same_site_script_file_count_and_name_the_file():
    code = "var l = new CPBContentLocker({id: 7});"
    feats, ev = run_files(SCRIPT_PAGE, [{"url": URL + "js/a.js?v=3&token=s3cret", "text": code}])
    # cpbcontentlocker is CPABuild's marker and contains the generic "contentlocker"
    assert feats["locker.cpa_markers"] == 2 and feats["locker.cpa_network"] == "CPABuild"
    assert ev["locker.cpa_markers"] == (
        "CPABuild: cpbcontentlocker in same-site script https://tiktok-viewers-free.xyz/js/a.js"
    )
    assert f(SCRIPT_PAGE)["locker.cpa_markers"] == 0  # the page alone names no network


def test_script_files_without_text_or_markers_change_nothing():
    base = f(SCRIPT_PAGE)
    assert run_files(SCRIPT_PAGE, [])[0] == base
    assert run_files(SCRIPT_PAGE, [{"url": URL + "js/a.js", "error": "fetch.timeout"}])[0] == base
    assert run_files(SCRIPT_PAGE, [{"url": URL + "js/a.js", "text": "jQuery.fn.x = 1;"}])[0] == base


def test_file_markers_escaped_deduped_and_page_markers_first():
    page = SCRIPT_PAGE + '<script src="https://pagelocked.org/cp/js/a.js"></script>'
    escaped = "var h = '\\x70\\x61\\x67\\x65\\x6c\\x6f\\x63\\x6b\\x65\\x64.org/cp/js/';"
    files = [
        {"url": URL + "js/a.js", "text": escaped},  # the page already names this marker
        {"url": URL + "js/b.js", "text": "if (window.cpagripComplete) go();"},
    ]
    feats, ev = run_files(page, files)
    assert feats["locker.cpa_markers"] == 2
    assert ev["locker.cpa_markers"] == "OGAds: pagelocked.org/cp/js/"  # from the page itself
    feats, ev = run_files(SCRIPT_PAGE, files[:1])
    assert feats["locker.cpa_markers"] == 1 and "in same-site script" in ev["locker.cpa_markers"]


def test_script_file_search_is_bounded():
    late = "var a=1;" * (lockers.MAX_SCRIPT_FILE // 8) + "cpagripComplete();"
    assert (
        run_files(SCRIPT_PAGE, [{"url": URL + "js/a.js", "text": late}])[0]["locker.cpa_markers"]
        == 0
    )
    many = [{"url": f"{URL}js/{i}.js", "text": "x"} for i in range(lockers.MAX_SCRIPT_FILES)]
    tail = {"url": URL + "js/z.js", "text": "cpagripComplete();"}
    assert run_files(SCRIPT_PAGE, [*many, tail])[0]["locker.cpa_markers"] == 0
    assert run_files(SCRIPT_PAGE, [*many[1:], tail])[0]["locker.cpa_markers"] == 1


def test_generator_funnel_for_game_currency_and_subscriptions():
    # The same funnel sells game currency or a "free" subscription tier: the amount stage and
    # the generator form count whatever the freebie is.
    shape = '<input name="username"><button>1,000</button><button>5,000</button>'
    assert f(shape + "<p>How many Robux do you want?</p>")["locker.funnel_steps"] == 2
    amount = "<p>Step 2: how much free gift money do you want?</p>"
    assert f(shape + amount)["locker.funnel_steps"] == 2
    generator = (
        '<input name="username" placeholder="Your username"><button>10,000</button>'
        "<button>25,000</button><p>Generate your Robux now.</p>"
    )
    assert f(generator)["locker.generator_ui"] == 1
    assert f(generator.replace("Robux", "badges"))["locker.generator_ui"] == 0


def test_script_file_captured_alone_is_searched_for_locker_calls():
    # A kit's main.js stored as a page: no script tags, its code is the text. The call into the
    # network's locker sits well past the first few kilobytes.
    filler = "".join(f"function step{i}(x) {{ $('.s{i}').fadeIn(500); }}\n" for i in range(150))
    code = "var chosen;\nlet amount = 0;\n" + filler + "function done() {\n  call_locker();\n}\n"
    feats = f(code)
    assert feats["locker.cpa_markers"] >= 1 and feats["locker.cpa_network"] == "generic"
    # The same words in prose are not a call.
    assert f("<p>Call locker 12 at the gym desk.</p>")["locker.cpa_markers"] == 0


def test_ogads_button_handler_is_a_network_marker():
    html = '<a id="verify" onclick="og_load()"><span>Verify Now</span></a>'
    assert f(html)["locker.cpa_network"] == "OGAds"
