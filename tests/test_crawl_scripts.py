"""Same-site scripts fetched with a page (detector/crawl/scripts.py), against the local server.

The lure site's names (``www.lure-page.com``, ``static.lure-page.com``) and a CPA network's
(``cdn.other-net.com``) all resolve to the one local server (fake DNS), so the tests can tell from
the server's request log which scripts were asked for.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import time
from pathlib import Path
from typing import Any, cast

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from detector.config import Settings
from detector.crawl import fetch
from detector.crawl.scripts import same_site, script_urls
from detector.records import Snapshot
from detector.scan import Scanner
from detector.store import open_store
from tests.conftest import crawl_settings, fake_dns

SITE = "www.lure-page.com"
STATIC = "static.lure-page.com"
NETWORK = "cdn.other-net.com"
INSIDE = "internal.lure-page.com"  # same site, but resolves to a private address
LOCKER_JS = (
    "(function(){var s=document.createElement('script');"
    "s.src='https://pagelocked.org/cp/js/5a1b.js';document.head.appendChild(s);})();"
)
BODY = (
    "<h1>See who viewed your TikTok profile</h1>"
    "<p>Enter your username to see who viewed your profile and who saved your videos.</p>"
    "<input name='username' placeholder='TikTok username'><button>Search</button>"
    "<p>Verify you are human to see the results.</p>"
)


def settings(**overrides: Any) -> Settings:
    extra = dict(retries=0, offline=True, max_script_bytes=10_000, script_timeout=0.5)
    return cast(Settings, crawl_settings(**{**extra, **overrides}))


@pytest.fixture
def names(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_dns(
        monkeypatch,
        {SITE: ["127.0.0.1"], STATIC: ["127.0.0.1"], NETWORK: ["127.0.0.1"], INSIDE: ["10.0.0.7"]},
    )


def page(srcs: list[str]) -> str:
    tags = "".join(f"<script src='{s}'></script>" for s in srcs)
    return f"<html><head><title>Who viewed</title>{tags}</head><body>{BODY}</body></html>"


def js(text: str) -> Response:
    return Response(text, headers={"Content-Type": "application/javascript"})


def paths(http: HTTPServer) -> list[str]:
    """Paths the server answered (a request is logged once its handler returns)."""
    return [req.path for req, _ in http.log]


SLOW_ARRIVALS: list[str] = []  # the slow handler's requests, noted on arrival


def slow(request: Request) -> Response:
    SLOW_ARRIVALS.append(request.path)
    time.sleep(2.5)
    return js("var late = 1;")


def settle(http: HTTPServer) -> None:
    """Wait for the slow handler to answer, so its request is not logged in the next test."""
    deadline = time.monotonic() + 5
    while "/js/slow.js" not in paths(http) and time.monotonic() < deadline:
        time.sleep(0.05)


def serve_lure(http: HTTPServer, scripts: list[str]) -> str:
    """The lure page referencing ``scripts``, with every script the tests use; returns its URL."""
    http.expect_request("/p").respond_with_response(
        Response(page(scripts), headers={"Content-Type": "text/html; charset=utf-8"})
    )
    http.expect_request("/js/a.js").respond_with_response(js(LOCKER_JS))
    http.expect_request("/js/b.js").respond_with_response(js("var b = 'static host';"))
    http.expect_request("/js/big.js").respond_with_response(js("var x = 1;" * 5_000))
    http.expect_request("/js/slow.js").respond_with_handler(slow)
    http.expect_request("/js/e.js").respond_with_response(js("var e = 5;"))
    http.expect_request("/x/cross.js").respond_with_response(js("var cpagripComplete = 1;"))
    return f"http://{SITE}:{http.port}/p"


def test_same_site_scripts_are_fetched_cross_site_ones_never(http: HTTPServer, names: None) -> None:
    port = http.port
    url = serve_lure(
        http,
        [
            "/js/a.js",
            f"http://{NETWORK}:{port}/x/cross.js",  # cross-site: never requested
            f"http://{STATIC}:{port}/js/b.js",  # another host of the same site
            "/js/big.js",  # over max_script_bytes: skipped
            "/js/slow.js",  # over script_timeout: skipped, page still fetched
            "/js/a.js",  # a repeat is fetched once
            "/js/e.js",  # fifth same-site script: over max_scripts
        ],
    )
    SLOW_ARRIVALS.clear()
    started = time.monotonic()
    snap = fetch(url, settings(max_scripts=4))
    took = time.monotonic() - started
    assert snap.error is None and "Verify you are human" in (snap.html or "")
    by_url = {s.url: s for s in snap.scripts}
    assert list(by_url) == [
        f"http://{SITE}:{port}/js/a.js",
        f"http://{STATIC}:{port}/js/b.js",
        f"http://{SITE}:{port}/js/big.js",
        f"http://{SITE}:{port}/js/slow.js",
    ]
    a = by_url[f"http://{SITE}:{port}/js/a.js"]
    assert a.text == LOCKER_JS and a.error is None and a.size == len(LOCKER_JS)
    assert a.sha256 == hashlib.sha256(LOCKER_JS.encode()).hexdigest()
    assert by_url[f"http://{STATIC}:{port}/js/b.js"].text == "var b = 'static host';"
    big = by_url[f"http://{SITE}:{port}/js/big.js"]
    assert (big.error, big.text, big.sha256) == ("fetch.too_large", None, None)
    late = by_url[f"http://{SITE}:{port}/js/slow.js"]
    assert (late.error, late.text) == ("fetch.timeout", None)
    assert took < 2.0  # the slow script was cut at script_timeout, not waited for
    seen = paths(http)
    assert "/x/cross.js" not in seen  # the cross-site script was never asked for
    assert "/js/e.js" not in seen and seen.count("/js/a.js") == 1
    assert sorted(seen) == ["/js/a.js", "/js/b.js", "/js/big.js", "/p"]
    assert SLOW_ARRIVALS == ["/js/slow.js"]
    back = Snapshot.from_json(snap.to_json())  # the JSONL contract carries the scripts
    assert back.scripts == snap.scripts
    settle(http)


def test_switched_off_no_script_is_requested(http: HTTPServer, names: None) -> None:
    url = serve_lure(http, ["/js/a.js"])
    snap = fetch(url, settings(fetch_scripts=False))
    assert snap.error is None and snap.scripts == [] and paths(http) == ["/p"]
    assert "scripts" not in snap.to_dict()
    again = fetch(url, settings(max_scripts=0))
    assert again.scripts == [] and paths(http) == ["/p", "/p"]


def test_scripts_go_through_the_guard_robots_and_site_rules(http: HTTPServer, names: None) -> None:
    port = http.port
    http.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    http.expect_request("/private/locker.js").respond_with_response(js(LOCKER_JS))
    http.expect_request("/js/hop.js").respond_with_response(
        Response("", status=302, headers={"Location": f"http://{NETWORK}:{port}/x/cross.js"})
    )
    http.expect_request("/x/cross.js").respond_with_response(js("var cpagripComplete = 1;"))
    http.expect_request("/js/page.js").respond_with_response(
        Response("<html><p>not found</p></html>", headers={"Content-Type": "text/html"})
    )
    url = serve_lure(
        http,
        [
            f"http://{INSIDE}:{port}/js/a.js",  # same site, private address: refused
            "/private/locker.js",  # robots.txt disallows it
            "/js/hop.js",  # redirects off the site: not followed
            "/js/page.js",  # answers HTML: not a script
        ],
    )
    snap = fetch(url, settings(obey_robots=True))
    assert snap.error is None
    assert [s.error for s in snap.scripts] == [
        "fetch.blocked_address",
        "fetch.robots_disallowed",
        "fetch.cross_site_redirect",
        "fetch.not_script",
    ]
    assert all(s.text is None for s in snap.scripts)
    seen = paths(http)
    assert "/private/locker.js" not in seen and "/x/cross.js" not in seen
    assert seen.count("/js/a.js") == 0  # the private address was never connected to


def test_same_site_rule_and_script_urls() -> None:
    assert same_site("https://static.lure-page.com/a.js", "http://www.lure-page.com/p")
    assert not same_site("https://cdn.other-net.com/a.js", "https://www.lure-page.com/p")
    # a private suffix is a site boundary: two github.io users are two sites
    assert same_site("https://kit.github.io/js/a.js", "https://kit.github.io/p")
    assert not same_site("https://other.github.io/js/a.js", "https://kit.github.io/p")
    assert same_site("http://127.0.0.1:8080/a.js", "http://127.0.0.1:9/p")
    assert not same_site("http://127.0.0.2/a.js", "http://127.0.0.1/p")
    assert not same_site("data:text/javascript,1", "https://kit.github.io/p")
    html = (
        "<base href='/sub/'><script src='a.js#x'></script><script src='//kit.github.io/b.js'>"
        "</script><script src='https://cdn.example.net/c.js'></script><script>inline()</script>"
        "<script src='a.js'></script><script src='javascript:alert(1)'></script>"
    )
    assert script_urls(html, "https://kit.github.io/p", 1_000_000, 1000) == [
        "https://kit.github.io/sub/a.js",
        "https://kit.github.io/b.js",
    ]


def test_scan_verdict_names_the_locker_in_the_same_site_script(
    http: HTTPServer, names: None, tmp_path: Path, shipped: Any
) -> None:
    """End to end: the locker code is only in /js/a.js; with script fetching the verdict lists
    the locker network signal with the script as evidence, without it it does not."""
    url = serve_lure(http, ["/js/a.js", "/js/slow.js"])
    src = tmp_path / "urls.txt"
    src.write_text(url + "\n")
    reasons: dict[bool, dict[str, str]] = {}
    for on in (True, False):
        with open_store(tmp_path / f"s{on}.sqlite") as store:
            summary = Scanner(shipped, store, settings(fetch_scripts=on)).run(
                src, "r", progress=False
            )
            (verdict,) = list(store.verdicts(summary.run_id))
            stored = store.snapshot(summary.run_id, url)
        assert verdict.error is None and verdict.score is not None  # scored despite slow.js
        reasons[on] = {r.code: r.evidence for r in verdict.reasons}
        assert stored is not None
        if on:
            assert [s.error for s in stored.scripts] == [None, "fetch.timeout"]
            assert stored.scripts[0].text == LOCKER_JS
        else:
            assert stored.scripts == []
    evidence = reasons[True].get("locker.cpa_markers", "")
    assert "pagelocked.org/cp/js/" in evidence
    assert f"same-site script http://{SITE}:{http.port}/js/a.js" in evidence
    assert "locker.cpa_markers" not in reasons[False]
    settle(http)


def test_features_without_scripts_are_unchanged_and_json_has_no_field(
    http: HTTPServer, names: None
) -> None:
    from detector.extract.features import extract

    url = serve_lure(http, ["/js/a.js"])
    snap = fetch(url, settings())
    bare = Snapshot.from_dict({k: v for k, v in snap.to_dict().items() if k != "scripts"})
    with_files, without = extract(snap), extract(bare)
    assert with_files.features["locker.cpa_markers"] == 1
    assert with_files.features["locker.cpa_network"] == "OGAds"
    assert without.features["locker.cpa_markers"] == 0
    changed = {k for k in with_files.features if with_files.features[k] != without.features[k]}
    assert changed <= {"locker.cpa_markers", "locker.cpa_network", "cross.claim_with_locker"}
    assert "scripts" not in json.loads(bare.to_json())


def test_kept_scripts_are_archived_with_the_page(
    http: HTTPServer, names: None, tmp_path: Path
) -> None:
    pytest.importorskip("warcio")
    from warcio.archiveiterator import ArchiveIterator

    from detector.crawl import CrawlSession, WarcArchive

    url = serve_lure(http, ["/js/a.js", "/js/big.js"])
    target = tmp_path / "crawl.warc.gz"
    with WarcArchive(target) as archive, CrawlSession(settings()) as sess:
        snap = fetch(url, session=sess, archive=archive)
    assert [s.error for s in snap.scripts] == [None, "fetch.too_large"]
    with target.open("rb") as fh:
        responses = {
            rec.rec_headers.get_header("WARC-Target-URI"): rec.content_stream().read()
            for rec in ArchiveIterator(fh)
            if rec.rec_type == "response"
        }
    assert set(responses) == {url, f"http://{SITE}:{http.port}/js/a.js"}  # not the skipped one
    assert responses[f"http://{SITE}:{http.port}/js/a.js"] == LOCKER_JS.encode()


def test_with_rendering_the_scripts_come_from_the_rendered_page(
    http: HTTPServer, names: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A script the page inserts while it runs is in the rendered DOM: it is fetched too."""
    render_module = importlib.import_module("detector.crawl.render")

    url = serve_lure(http, [])
    rendered = page(["/js/a.js"])

    def fake_render(target: str, s: Settings) -> Snapshot:
        assert target == url
        return Snapshot(url=target, html=rendered)

    monkeypatch.setattr(render_module, "render", fake_render)
    snap = fetch(url, settings(render_js=True))
    assert snap.extra.get("rendered") is True and snap.html == rendered
    assert [s.text for s in snap.scripts] == [LOCKER_JS]


def test_no_secret_of_a_script_url_reaches_the_log(
    http: HTTPServer, names: None, caplog: pytest.LogCaptureFixture
) -> None:
    url = serve_lure(http, ["/js/big.js?token=s3cret-value", "/js/gone.js?api_key=k3y-value"])
    with caplog.at_level("DEBUG"):
        snap = fetch(url, settings())
    assert [s.error for s in snap.scripts] == ["fetch.too_large", "fetch.http_500"]
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("detector"))
    assert "/js/big.js" in ours  # the crawler's own lines name the script...
    assert "s3cret-value" not in ours and "k3y-value" not in ours  # ...never its query
