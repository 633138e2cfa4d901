"""Link discovery over an in-memory site graph (with a cycle), through a fake fetcher."""

from __future__ import annotations

import time

import pytest

from detector.config import Settings
from detector.core.lexicons import load_lexicon
from detector.core.urls import normalise_url
from detector.crawl.discovery import candidates, discover, looks_like_lure
from detector.records import Listing, Snapshot

SEED = "https://lure.example/"
SITE: dict[str, str] = {
    SEED: """<html><body>
        <a href="/step1">Check who viewed your TikTok</a>
        <a href="/about">About us</a>
        <a href="mailto:boss@lure.example">Get free followers</a>
        <a href="javascript:void(0)">Generate now</a>
        <a href="/banner.png">Generate</a>
        <a href="#top">Continue</a>
        <a href="ftp://files.lure.example/x">Claim</a>
    </body></html>""",
    "https://lure.example/step1": """<html><head>
        <meta http-equiv="refresh" content="5; url=https://offers.example/wall?b=2&a=1">
        </head><body>
        <button onclick="location.href='/claim'">Start</button>
        <a href="https://LURE.example/step1#again">who viewed (same page)</a>
        <a href="/">Home</a>
    </body></html>""",
    "https://offers.example/wall?a=1&b=2": """<html><body>
        <a href="https://lure.example/step1">Unlock</a>
        <a href="https://news.example/story">Read the news</a>
    </body></html>""",
    "https://lure.example/claim": """<html><body>
        <script>setTimeout(function(){ window.location.href = "https://lure.example/"; }, 3000)</script>
        <a href="/final">Continue</a>
    </body></html>""",
    "https://lure.example/final": "<p>Enter your TikTok password</p>",
}


class FakeFetch:
    def __init__(self, site: dict[str, str]) -> None:
        self.site = {normalise_url(k): v for k, v in site.items()}
        self.calls: list[str] = []

    def __call__(self, url: str, *, kind: str = "page") -> Snapshot:
        self.calls.append(url)
        html = self.site.get(normalise_url(url))
        if html is None:
            return Snapshot(url=url, kind=kind, status=404, error="fetch.http_404")
        return Snapshot(url=url, kind=kind, html=html, status=200, final_url=url)


def test_lexicon_is_versioned_data() -> None:
    lex = load_lexicon("discovery")
    assert lex["version"] and lex["description"]
    assert lex["anchor"] and lex["url"] and ".apk" in lex["skip_extensions"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://Lure.Example/a?b=2&a=1#frag", "https://lure.example/a?a=1&b=2"),
        ("http://lure.example:80", "http://lure.example/"),
        ("https://lure.example:8443/x", "https://lure.example:8443/x"),
        ("https://lure.example./x", "https://lure.example/x"),
        ("javascript:alert(1)", None),
        ("mailto:a@b.example", None),
        ("data:text/html,hi", None),
        ("ftp://lure.example/", None),
        ("/relative", None),
        ("https://[::1", None),
    ],
)
def test_normalise_url(url: str, expected: str | None) -> None:
    assert normalise_url(url) == expected


@pytest.mark.parametrize(
    ("url", "text", "lure"),
    [
        ("https://x.example/a", "See who viewed your profile", True),
        ("https://x.example/a", "Get free followers", True),
        ("https://x.example/a", "Continue", True),
        ("https://x.example/tiktok-viewers", "", True),
        ("https://x.example/free_likes/start", "", True),
        ("https://x.example/about", "About us", False),
        ("https://x.example/blog/recipes", "Recipes", False),
    ],
)
def test_looks_like_lure(url: str, text: str, lure: bool) -> None:
    assert looks_like_lure(url, text) is lure


def test_candidates_find_redirects_buttons_and_lure_links() -> None:
    snap = Snapshot(url="https://lure.example/step1", html=SITE["https://lure.example/step1"])
    found = {(c.via, c.url) for c in candidates(snap)}
    assert ("meta_refresh", "https://offers.example/wall?b=2&a=1") in found
    assert ("onclick", "https://lure.example/claim") in found
    script = Snapshot(url="https://lure.example/claim", html=SITE["https://lure.example/claim"])
    assert ("script", "https://lure.example/") in {(c.via, c.url) for c in candidates(script)}


def test_base_href_resolves_relative_links() -> None:
    html = '<base href="https://cdn.example/kit/"><a href="go">Continue</a>'
    found = [c.url for c in candidates(Snapshot(url="https://lure.example/x", html=html))]
    assert found == ["https://cdn.example/kit/go"]


def test_depth_one_follows_only_lure_links_of_the_seed() -> None:
    fetch = FakeFetch(SITE)
    out = list(discover([SEED], fetch, max_depth=1, max_links=20))
    assert fetch.calls == [SEED, "https://lure.example/step1"]
    assert [s.url for s in out] == fetch.calls
    trail = out[1].extra["discovery"]
    assert trail["parent_url"] == SEED and trail["depth"] == 1 and trail["via"] == "anchor"


def test_whole_funnel_with_a_cycle_is_fetched_once_each() -> None:
    fetch = FakeFetch(SITE)
    out = list(discover([SEED], fetch, max_depth=5, max_links=50))
    fetched = [normalise_url(u) for u in fetch.calls]
    assert len(fetched) == len(set(fetched))  # the cycle back to the seed is not re-fetched
    assert set(fetched) == {
        normalise_url(u)
        for u in (
            SEED,
            "https://lure.example/step1",
            "https://offers.example/wall?a=1&b=2",
            "https://lure.example/claim",
            "https://lure.example/final",
        )
    }
    assert "https://news.example/story" not in fetch.calls
    assert "https://lure.example/about" not in fetch.calls
    assert len(out) == len(fetch.calls)
    depths = {s.url: s.extra.get("discovery", {}).get("depth", 0) for s in out}
    assert depths["https://lure.example/final"] == 3


def test_max_links_bounds_the_fetches() -> None:
    fetch = FakeFetch(SITE)
    out = list(discover([SEED], fetch, max_depth=5, max_links=2))
    assert len(fetch.calls) == 3  # the seed plus two discovered pages
    assert len(out) == 3


def test_settings_supply_the_defaults() -> None:
    fetch = FakeFetch(SITE)
    list(discover([SEED], fetch, settings=Settings(discovery_depth=0)))
    assert fetch.calls == [SEED]
    fetch = FakeFetch(SITE)
    list(discover([SEED], fetch))  # Settings().discovery_depth is 1
    assert fetch.calls == [SEED, "https://lure.example/step1"]


def test_snapshot_seeds_are_expanded_not_yielded() -> None:
    ad = Snapshot(
        kind="ad",
        text="See who viewed your TikTok",
        id="ad-1",
        listing=Listing(landing_url="https://lure.example/claim"),
    )
    fetch = FakeFetch(SITE)
    out = list(discover([ad], fetch, max_depth=1))
    assert fetch.calls == ["https://lure.example/claim"]
    assert out[0].extra["discovery"]["via"] == "landing"
    assert out[0].extra["discovery"]["parent_id"] == "ad-1"


def test_failed_pages_are_yielded_but_not_expanded() -> None:
    site = {SEED: '<a href="/missing">Continue</a>'}
    fetch = FakeFetch(site)
    out = list(discover([SEED, SEED, "mailto:x@y.example"], fetch, max_depth=3))
    assert fetch.calls == [SEED, "https://lure.example/missing"]
    assert out[-1].error == "fetch.http_404"


def test_a_raising_fetcher_does_not_stop_discovery() -> None:
    def boom(url: str, *, kind: str = "page") -> Snapshot:
        raise TimeoutError("slow")

    out = list(discover(["https://a.example/", "https://b.example/"], boom, max_depth=2))
    assert [s.url for s in out] == ["https://a.example/", "https://b.example/"]
    assert all(s.error and s.error.startswith("fetch.failed") for s in out)


def test_redirected_seed_is_not_fetched_again() -> None:
    def fetch(url: str, *, kind: str = "page") -> Snapshot:
        calls.append(url)
        if url == "https://short.example/x":
            return Snapshot(
                url=url,
                final_url="https://lure.example/claim",
                redirects=["https://short.example/x"],
                html='<a href="https://lure.example/claim">Continue</a>',
            )
        return Snapshot(url=url, html="<p>end</p>")

    calls: list[str] = []
    list(discover(["https://short.example/x"], fetch, max_depth=2))
    assert calls == ["https://short.example/x"]


def test_pathological_nesting_is_bounded() -> None:
    html = "<div>" * 30_000 + '<a href="/x">Continue</a>' + "</div>" * 30_000
    started = time.monotonic()
    candidates(Snapshot(url=SEED, html=html))
    assert time.monotonic() - started < 5.0
