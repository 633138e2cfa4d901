"""Where a generated page lives: URLs, redirects, status and headers (all invented; never fetched).

Scams sit on look-alike domains, free hosting, tunnels and spammy domains, often behind a
shortener; benign pages sit on TikTok's hosts or publisher domains, but also on free hosting
and behind shorteners. About 15% of scams and 10% of benign rows have url "" (markup stored
elsewhere). Headers are drawn from one distribution for both labels.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from data.generator.common import fetched_at

SHORTENERS = ("is.gd", "tinyurl.com", "shrtco.de", "ow.ly", "tiny.cc", "cutt.ly", "rb.gy")
FREE_HOSTS = ("github.io", "netlify.app", "vercel.app", "pages.dev", "weebly.com", "webflow.io")
TUNNELS = ("trycloudflare.com", "loclx.io", "ngrok-free.app")
_BRANDISH = ("tiktok", "tlktok", "tiktokk", "tik-tok", "tiktoc", "tikt0k", "ttok", "tictok")
_TLDS = ("xyz", "top", "site", "online", "live", "click", "icu", "shop", "info", "com", "net", "me")
_WORDS = ("free", "viewer", "viewers", "stalker", "who-viewed", "profile-views", "verify",
          "badge", "generator", "likes", "fans", "1000", "boost", "pro", "check", "secure")  # fmt: skip


@dataclass
class Loc:
    """URL fields of a Snapshot."""

    url: str
    final_url: str | None = None
    redirects: list[str] = field(default_factory=list)


def _slug(rng: random.Random, n: int = 6) -> str:
    return "".join(rng.choices("abcdefghijkmnpqrstuvwxyz23456789", k=n))


def lookalike(rng: random.Random, words: tuple[str, ...] = ()) -> str:
    """A brand-in-domain host such as ``tiktokk-free-viewer.xyz``."""
    pool = words or _WORDS
    parts = [rng.choice(_BRANDISH), *rng.sample(pool, k=min(len(pool), rng.randint(1, 2)))]
    if rng.random() < 0.4:
        parts.reverse()
    return "-".join(parts) + "." + rng.choice(_TLDS)


def scam_host(rng: random.Random, words: tuple[str, ...] = ()) -> str:
    """Look-alike, free-hosting, tunnel or plain spammy host."""
    pool = words or _WORDS
    roll = rng.random()
    if roll < 0.5:
        return lookalike(rng, words)
    name = "-".join(rng.sample(pool, k=min(len(pool), 2)))
    if roll < 0.78:
        return f"{name}-{_slug(rng, 3)}.{rng.choice(FREE_HOSTS)}"
    if roll < 0.88:
        return f"{_slug(rng, 5)}-{_slug(rng, 4)}-{_slug(rng, 5)}.{rng.choice(TUNNELS)}"
    return f"{name.replace('-', '')}{rng.randint(1, 99)}.{rng.choice(_TLDS)}"


_DROP = (
    "wp-content/uploads",
    "wp-includes/js",
    "images",
    "assets/old",
    ".well-known/pki-validation",
)
_SEGMENTS = ("en", "app", "account", "secure", "v2", "user", "promo", "m")
_PLAIN = ("mariaflorist", "oakridgedental", "bluecreekfarm", "ptcarpentry", "lumenyoga", "harborcafe",
          "stjohnsparish", "kimtravels", "novaplumbing", "greenleafnursery")  # fmt: skip


def compromised_host(rng: random.Random) -> str:
    """An ordinary small-business host (the kind whose CMS gets hacked to host a kit)."""
    return f"{rng.choice(('', 'www.'))}{rng.choice(_PLAIN)}.{rng.choice(('com', 'net', 'org', 'com.br', 'co.id'))}"


def scam_loc(
    rng: random.Random, path: str, words: tuple[str, ...] = (), empty: float = 0.15
) -> Loc:
    """Location of a scam page; a third arrive through a shortener or a userinfo mask."""
    if rng.random() < empty:
        return Loc("")
    roll = rng.random()
    if roll < 0.2:
        # A hacked ordinary site: plain host, kit dropped deep in an upload folder.
        folder = rng.choice(_DROP)
        url = f"https://{compromised_host(rng)}/{folder}/{rng.randint(2019, 2026)}/{_slug(rng, 5)}{path}"
    elif roll < 0.4:
        url = f"https://{scam_host(rng, words)}/{rng.choice(_SEGMENTS)}/{_slug(rng, 4)}{path}"
    else:
        url = f"https://{scam_host(rng, words)}{path}"
    roll = rng.random()
    if roll < 0.25:
        short = f"https://{rng.choice(SHORTENERS)}/{_slug(rng, 7)}"
        return Loc(short, final_url=url, redirects=[short, url])
    if roll < 0.32:
        masked = f"https://tiktok-{rng.choice(_WORDS)}@{rng.choice(SHORTENERS)}/{_slug(rng, 6)}"
        return Loc(masked, final_url=url, redirects=[masked, url])
    return Loc(url)


def site_loc(
    rng: random.Random, host: str, path: str, empty: float = 0.10, free: float = 0.0
) -> Loc:
    """Location of a benign page on ``host`` (or a free-hosting mirror with probability ``free``)."""
    if rng.random() < empty:
        return Loc("")
    if rng.random() < free:
        user = host.split(".")[0].replace("www", "") or _slug(rng, 6)
        host = f"{user}.{rng.choice(FREE_HOSTS)}"
    url = f"https://{host}{path}"
    roll = rng.random()
    if roll < 0.12:
        short = f"https://{rng.choice(SHORTENERS)}/{_slug(rng, 7)}"
        return Loc(short, final_url=url, redirects=[short, url])
    if roll < 0.2:
        plain = "http://" + url.removeprefix("https://")
        return Loc(plain, final_url=url, redirects=[plain, url])
    return Loc(url)


def transport(rng: random.Random) -> dict[str, object]:
    """status / headers / fetched_at, drawn the same way for every label."""
    out: dict[str, object] = {}
    if rng.random() < 0.7:
        out["status"] = 200
        server = rng.choice(("nginx", "cloudflare", "Apache", "openresty", "Vercel", "GitHub.com"))
        headers = {"content-type": "text/html; charset=utf-8", "server": server}
        if rng.random() < 0.4:
            headers["cache-control"] = rng.choice(("max-age=600", "no-cache", "public, max-age=0"))
        out["headers"] = headers
    if rng.random() < 0.6:
        out["fetched_at"] = fetched_at(rng)
    return out
