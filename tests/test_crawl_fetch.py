"""Fault tests for ``detector.crawl.fetch`` against local servers on 127.0.0.1 only."""

from __future__ import annotations

import gzip
import socket
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from typing import cast

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from detector.config import Settings
from detector.crawl import CrawlSession, fetch
from detector.records import Snapshot
from tests.conftest import crawl_settings, fake_dns

CAP = 1_000_000


def settings(**overrides: object) -> Settings:
    extra = dict(retries=2, backoff_factor=0.01, max_body_bytes=CAP)
    return cast(Settings, crawl_settings(**{**extra, **overrides}))


def html(body: str, **headers: str) -> Response:
    return Response(body, headers={"Content-Type": "text/html; charset=utf-8", **headers})


def raw_server(reply: bytes) -> int:
    """A socket server that answers every connection with ``reply`` verbatim, then closes."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)

    def serve() -> None:
        with listener:
            while True:
                conn, _ = listener.accept()
                with conn:
                    conn.recv(4096)
                    conn.sendall(reply)

    threading.Thread(target=serve, daemon=True).start()
    return int(listener.getsockname()[1])


# --- success path -------------------------------------------------------------------------


def test_plain_page_fields(http: HTTPServer) -> None:
    http.expect_request("/p").respond_with_response(
        html("<html><title>Hi</title>see who viewed</html>", Server="t", **{"Set-Cookie": "s=1"})
    )
    snap = fetch(http.url_for("/p"), settings())
    assert isinstance(snap, Snapshot) and snap.error is None
    assert snap.status == 200 and snap.final_url == snap.url == http.url_for("/p")
    assert "who viewed" in (snap.html or "")
    assert snap.headers["content-type"].startswith("text/html") and snap.headers["server"].endswith(
        "t"
    )
    assert not any(k.lower() == "set-cookie" for k in snap.headers)
    assert snap.fetched_at and snap.fetched_at.endswith("Z") and snap.redirects == []


def test_user_agent_is_honest(http: HTTPServer) -> None:
    seen: list[str] = []

    def handler(request: Request) -> Response:
        seen.append(request.headers.get("User-Agent", ""))
        return html("ok")

    http.expect_request("/ua").respond_with_handler(handler)
    fetch(http.url_for("/ua"), settings(contact_url="https://contact.invalid/x"))
    assert seen and seen[0].startswith("tiktok-lure-detector/")
    assert "https://contact.invalid/x" in seen[0]


# --- timeouts and slow bodies -----------------------------------------------------------


def test_read_timeout(http: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.5)
        return html("late")

    http.expect_request("/slow").respond_with_handler(slow)
    start = time.monotonic()
    snap = fetch(http.url_for("/slow"), settings(read_timeout=0.3, retries=0))
    assert snap.error == "fetch.timeout" and snap.html is None
    assert time.monotonic() - start < 1.4


def test_slow_drip_body_is_cut_by_total_timeout(http: HTTPServer) -> None:
    def drip() -> Iterator[bytes]:
        yield b"<html>"
        for _ in range(100):  # 20 s if nobody stops it; every byte arrives well within read_timeout
            time.sleep(0.2)
            yield b"x"

    http.expect_request("/drip").respond_with_response(
        Response(drip(), headers={"Content-Type": "text/html", "Content-Length": "200"})
    )
    start = time.monotonic()
    snap = fetch(http.url_for("/drip"), settings(total_timeout=1.0, read_timeout=0.5))
    elapsed = time.monotonic() - start
    assert snap.error == "fetch.timeout" and snap.html is None
    assert 0.9 <= elapsed < 2.0


def test_slow_drip_chunked_body_is_cut(http: HTTPServer) -> None:
    def drip() -> Iterator[bytes]:
        for _ in range(100):
            time.sleep(0.2)
            yield b"<p>x</p>"

    http.expect_request("/dripc").respond_with_response(
        Response(drip(), headers={"Content-Type": "text/html"})
    )
    start = time.monotonic()
    snap = fetch(http.url_for("/dripc"), settings(total_timeout=1.0, read_timeout=0.5))
    assert snap.error == "fetch.timeout"
    assert time.monotonic() - start < 2.0


# --- retries ------------------------------------------------------------------------------


def test_5xx_burst_then_success(http: HTTPServer) -> None:
    calls: list[int] = []

    def flaky(request: Request) -> Response:
        calls.append(1)
        return Response("down", status=503) if len(calls) <= 2 else html("<p>up</p>")

    http.expect_request("/flaky").respond_with_handler(flaky)
    sleeps: list[float] = []
    with CrawlSession(settings(retries=2, backoff_factor=0.5), sleep=sleeps.append) as sess:
        snap = fetch(http.url_for("/flaky"), session=sess)
    assert snap.error is None and snap.status == 200 and "up" in (snap.html or "")
    assert len(calls) == 3 and sleeps == [0.5, 1.0]  # exponential backoff, injected sleep


def test_5xx_after_retries_is_an_error(http: HTTPServer) -> None:
    http.expect_request("/down").respond_with_response(Response("no", status=502))
    sleeps: list[float] = []
    with CrawlSession(settings(retries=1), sleep=sleeps.append) as sess:
        snap = fetch(http.url_for("/down"), session=sess)
    assert snap.error == "fetch.http_502" and snap.status == 502 and len(sleeps) == 1


def test_404_is_not_retried(http: HTTPServer) -> None:
    calls: list[int] = []

    def missing(request: Request) -> Response:
        calls.append(1)
        return Response("<html>gone</html>", status=404, content_type="text/html")

    http.expect_request("/gone").respond_with_handler(missing)
    snap = fetch(http.url_for("/gone"), settings())
    assert snap.error == "fetch.http_404" and len(calls) == 1


@pytest.mark.parametrize("header", ["120", "Wed, 21 Oct 2099 07:28:00 GMT"])
def test_429_retry_after_is_capped(http: HTTPServer, header: str) -> None:
    calls: list[int] = []

    def limited(request: Request) -> Response:
        calls.append(1)
        if len(calls) == 1:
            return Response("slow down", status=429, headers={"Retry-After": header})
        return html("<p>fine</p>")

    http.expect_request("/limited").respond_with_handler(limited)
    sleeps: list[float] = []
    with CrawlSession(settings(retry_after_cap=0.7), sleep=sleeps.append) as sess:
        snap = fetch(http.url_for("/limited"), session=sess)
    assert snap.error is None and sleeps == [0.7] and len(calls) == 2


def test_retry_after_longer_than_budget_gives_up(http: HTTPServer) -> None:
    http.expect_request("/busy").respond_with_response(
        Response("busy", status=429, headers={"Retry-After": "10"})
    )
    sleeps: list[float] = []
    s = settings(retry_after_cap=60.0, total_timeout=2.0)
    with CrawlSession(s, sleep=sleeps.append) as sess:
        snap = fetch(http.url_for("/busy"), session=sess)
    assert snap.error == "fetch.http_429" and sleeps == []


def test_connection_reset_is_retried_then_reported() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    accepted: list[int] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            accepted.append(1)
            conn.recv(1024)
            conn.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
            )
            conn.close()  # linger 0: the client sees a reset

    threading.Thread(target=serve, daemon=True).start()
    port = listener.getsockname()[1]
    sleeps: list[float] = []
    try:
        with CrawlSession(settings(retries=2), sleep=sleeps.append) as sess:
            snap = fetch(f"http://127.0.0.1:{port}/", session=sess)
    finally:
        listener.close()
    assert snap.error == "fetch.connection" and snap.html is None
    assert len(accepted) == 3 and len(sleeps) == 2


def test_connection_refused() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    snap = fetch(f"http://127.0.0.1:{port}/", settings(retries=0))
    assert snap.error == "fetch.connection"


# --- redirects ----------------------------------------------------------------------------


def redirect(to: str, status: int = 302) -> Response:
    return Response("", status=status, headers={"Location": to})


def test_redirect_chain_is_recorded(http: HTTPServer) -> None:
    http.expect_request("/r1").respond_with_response(redirect("/r2", 301))
    http.expect_request("/r2").respond_with_response(redirect(http.url_for("/r3"), 307))
    http.expect_request("/r3").respond_with_response(redirect("final?x=1", 303))
    http.expect_request("/final").respond_with_response(html("<p>landed</p>"))
    snap = fetch(http.url_for("/r1"), settings())
    assert snap.error is None and "landed" in (snap.html or "")
    assert snap.redirects == [http.url_for(p) for p in ("/r1", "/r2", "/r3")]
    assert snap.final_url == http.url_for("/final") + "?x=1"


def test_redirect_loop(http: HTTPServer) -> None:
    http.expect_request("/a").respond_with_response(redirect("/b"))
    http.expect_request("/b").respond_with_response(redirect("/a"))
    snap = fetch(http.url_for("/a"), settings())
    assert snap.error == "fetch.redirect_loop" and snap.html is None
    assert snap.redirects == [http.url_for("/a"), http.url_for("/b")]


def test_too_many_redirects(http: HTTPServer) -> None:
    for i in range(6):
        http.expect_request(f"/h{i}").respond_with_response(redirect(f"/h{i + 1}"))
    http.expect_request("/h6").respond_with_response(html("end"))
    snap = fetch(http.url_for("/h0"), settings(max_redirects=3))
    assert snap.error == "fetch.too_many_redirects" and len(snap.redirects) == 4
    ok = fetch(http.url_for("/h0"), settings(max_redirects=6))
    assert ok.error is None and len(ok.redirects) == 6


def test_redirect_loop_through_fragments_and_bad_targets(http: HTTPServer) -> None:
    http.expect_request("/f1").respond_with_response(redirect("/f2#top"))
    http.expect_request("/f2").respond_with_response(redirect("/f1#again"))
    assert fetch(http.url_for("/f1"), settings()).error == "fetch.redirect_loop"
    for location in (b"http://[::1/", b"http://host.test:99999/"):
        port = raw_server(b"HTTP/1.1 302 Found\r\nLocation: " + location + b"\r\n\r\n")
        assert fetch(f"http://127.0.0.1:{port}/", settings()).error == "fetch.invalid_url"
    with CrawlSession(settings()) as sess:
        assert sess.get("http://[::1").error == "fetch.invalid_url"


def test_redirect_body_is_never_read(http: HTTPServer) -> None:
    sent: list[int] = []

    def endless() -> Iterator[bytes]:
        for _ in range(16_384):
            sent.append(1)
            yield b"z" * 65536

    http.expect_request("/heavy").respond_with_response(
        Response(endless(), status=302, headers={"Location": "/light"})
    )
    http.expect_request("/light").respond_with_response(html("<p>light</p>"))
    snap = fetch(http.url_for("/heavy"), settings())
    assert snap.error is None and "light" in (snap.html or "") and len(sent) < 200


def test_redirect_to_unsupported_scheme(http: HTTPServer) -> None:
    http.expect_request("/tofile").respond_with_response(redirect("file:///etc/passwd"))
    snap = fetch(http.url_for("/tofile"), settings())
    assert snap.error == "fetch.unsupported_scheme" and snap.html is None


# --- size caps and decompression bombs ----------------------------------------------------


def _bomb(encoding: str, size: int = 64 * 1024 * 1024) -> bytes:
    """``size`` bytes of spaces, compressed to a few tens of kilobytes."""
    wbits = {"gzip": 31, "deflate": 15}[encoding]
    comp = zlib.compressobj(9, zlib.DEFLATED, wbits)
    block = b" " * (1024 * 1024)
    parts = [comp.compress(b"<html><body>")]
    parts += [comp.compress(block) for _ in range(size // len(block))]
    return b"".join(parts) + comp.flush()


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_decompression_bomb_stops_at_cap(http: HTTPServer, encoding: str) -> None:
    body = _bomb(encoding)
    assert len(body) < 200_000
    http.expect_request("/bomb").respond_with_response(
        Response(body, headers={"Content-Type": "text/html", "Content-Encoding": encoding})
    )
    tracemalloc.start()
    try:
        snap = fetch(http.url_for("/bomb"), settings())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert snap.error == "fetch.too_large" and snap.html is None
    assert peak < 12 * CAP  # 64 MB would have been inflated without the streaming cap


def test_small_gzip_body_is_decoded(http: HTTPServer) -> None:
    http.expect_request("/gz").respond_with_response(
        Response(
            gzip.compress(b"<html><p>squeezed</p></html>"),
            headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
        )
    )
    snap = fetch(http.url_for("/gz"), settings())
    assert snap.error is None and "squeezed" in (snap.html or "")


def test_endless_body_stops_at_cap(http: HTTPServer) -> None:
    sent: list[int] = []

    def endless() -> Iterator[bytes]:
        chunk = b"a" * 65536
        for _ in range(16_384):  # 1 GiB if read to the end
            sent.append(1)
            yield chunk

    http.expect_request("/big").respond_with_response(
        Response(endless(), headers={"Content-Type": "text/html"})
    )
    snap = fetch(http.url_for("/big"), settings())
    assert snap.error == "fetch.too_large" and snap.html is None
    assert len(sent) < 200  # the crawler hung up long before a gigabyte


def test_declared_length_over_cap_is_refused_early(http: HTTPServer) -> None:
    http.expect_request("/huge").respond_with_response(
        Response(b"x" * (CAP + 10), headers={"Content-Type": "text/html"})
    )
    snap = fetch(http.url_for("/huge"), settings())
    assert snap.error == "fetch.too_large" and snap.status == 200


def test_body_at_cap_is_kept(http: HTTPServer) -> None:
    body = b"<html>" + b"a" * (CAP - 6)
    http.expect_request("/exact").respond_with_response(
        Response(body, headers={"Content-Type": "text/html"})
    )
    snap = fetch(http.url_for("/exact"), settings())
    assert snap.error is None and len(snap.html or "") == CAP


# --- content types and encodings ----------------------------------------------------------


def test_binary_served_as_html(http: HTTPServer) -> None:
    payload = bytes(range(256)) * 64
    http.expect_request("/bin").respond_with_response(
        Response(payload, headers={"Content-Type": "text/html"})
    )
    snap = fetch(http.url_for("/bin"), settings())
    assert snap.error == "fetch.binary" and snap.html is None


def test_non_html_is_skipped_but_recorded(http: HTTPServer) -> None:
    http.expect_request("/img").respond_with_response(
        Response(b"\x89PNG\r\n", headers={"Content-Type": "image/png"})
    )
    http.expect_request("/txt").respond_with_response(
        Response("see who viewed your profile", headers={"Content-Type": "text/plain"})
    )
    img = fetch(http.url_for("/img"), settings())
    assert img.error == "fetch.not_html" and img.html is None and img.text is None
    assert img.headers["content-type"] == "image/png"
    txt = fetch(http.url_for("/txt"), settings())
    assert txt.error == "fetch.not_html" and txt.text == "see who viewed your profile"
    assert txt.html is None


def test_wrong_declared_charset(http: HTTPServer) -> None:
    body = "<html><p>Le café de Paris</p></html>".encode("cp1252")
    http.expect_request("/enc").respond_with_response(
        Response(body, headers={"Content-Type": "text/html; charset=utf-8"})
    )
    http.expect_request("/bogus").respond_with_response(
        Response("<p>naïve</p>".encode(), headers={"Content-Type": "text/html; charset=x-nope"})
    )
    snap = fetch(http.url_for("/enc"), settings())
    assert snap.error is None and "café de Paris" in (snap.html or "")
    bogus = fetch(http.url_for("/bogus"), settings())
    assert bogus.error is None and "naïve" in (bogus.html or "")


def test_utf16_page_is_text_not_binary(http: HTTPServer) -> None:
    http.expect_request("/u16").respond_with_response(
        Response(
            "<html><p>wide text</p></html>".encode("utf-16"),
            headers={"Content-Type": "text/html; charset=utf-16"},
        )
    )
    snap = fetch(http.url_for("/u16"), settings())
    assert snap.error is None and "wide text" in (snap.html or "")


def test_declared_charset_is_used(http: HTTPServer) -> None:
    body = "<p>Кто смотрел</p>".encode("koi8-r")
    http.expect_request("/koi").respond_with_response(
        Response(body, headers={"Content-Type": "text/html; charset=koi8-r"})
    )
    snap = fetch(http.url_for("/koi"), settings())
    assert "Кто смотрел" in (snap.html or "")


# --- robots.txt ---------------------------------------------------------------------------


def test_robots_disallow(http: HTTPServer) -> None:
    http.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private\n", content_type="text/plain"
    )
    http.expect_request("/private/x").respond_with_response(html("secret"))
    http.expect_request("/public").respond_with_response(html("open"))
    with CrawlSession(settings(obey_robots=True)) as sess:
        blocked = fetch(http.url_for("/private/x"), session=sess)
        allowed = fetch(http.url_for("/public"), session=sess)
    assert blocked.error == "fetch.robots_disallowed" and blocked.html is None
    assert allowed.error is None and "open" in (allowed.html or "")
    robots_calls = [r for r, _ in http.log if r.path == "/robots.txt"]
    assert len(robots_calls) == 1  # cached per host
    assert not any(r.path == "/private/x" for r, _ in http.log)
    ignored = fetch(http.url_for("/private/x"), settings(obey_robots=False))
    assert ignored.error is None


@pytest.mark.parametrize(
    ("robots", "expected"),
    [
        (Response(b"\x00\xff<html>garbage{{{\n\x89PNG", content_type="text/plain"), None),
        (Response("nope", status=404), None),
        (Response("oops", status=500), "fetch.robots_disallowed"),
    ],
)
def test_robots_edge_cases(http: HTTPServer, robots: Response, expected: str | None) -> None:
    http.expect_request("/robots.txt").respond_with_response(robots)
    http.expect_request("/page").respond_with_response(html("hello"))
    sess = CrawlSession(settings(obey_robots=True, retries=0))
    with sess:
        snap = fetch(http.url_for("/page"), session=sess)
    assert snap.error == expected


# --- invalid input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("", "fetch.invalid_url"),
        ("not a url", "fetch.invalid_url"),
        ("example.com/page", "fetch.invalid_url"),
        ("http://", "fetch.invalid_url"),
        ("http://[::1", "fetch.invalid_url"),
        ("http://host:99999/", "fetch.invalid_url"),
        ("http://08.1.2.3/", "fetch.invalid_url"),
        ("file:///etc/passwd", "fetch.unsupported_scheme"),
        ("data:text/html,<p>hi</p>", "fetch.unsupported_scheme"),
        ("javascript:alert(1)", "fetch.unsupported_scheme"),
        ("ftp://example.com/x", "fetch.unsupported_scheme"),
    ],
)
def test_invalid_urls(url: str, code: str) -> None:
    snap = fetch(url, settings())
    assert snap.error == code and snap.url == url and snap.html is None


def test_unresolvable_host(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_dns(monkeypatch, {})
    snap = fetch("http://nowhere.test/", settings(allow_loopback=False))
    assert snap.error == "fetch.connection"


# --- SSRF guard end to end ----------------------------------------------------------------


@pytest.mark.parametrize("ip", ["127.0.0.1", "169.254.169.254", "10.0.0.1", "::ffff:127.0.0.1"])
def test_host_resolving_to_blocked_address(
    http: HTTPServer, monkeypatch: pytest.MonkeyPatch, ip: str
) -> None:
    http.expect_request("/").respond_with_response(html("internal"))
    fake_dns(monkeypatch, {"evil.test": [ip]})
    port = http.port
    snap = fetch(f"http://evil.test:{port}/", settings(allow_loopback=False))
    assert snap.error == "fetch.blocked_address" and snap.html is None
    assert not http.log  # nothing reached the server


@pytest.mark.parametrize(
    "url", ["http://2130706433:{port}/", "http://0x7f000001:{port}/", "http://0177.0.0.1:{port}/"]
)
def test_numeric_spellings_blocked(http: HTTPServer, url: str) -> None:
    http.expect_request("/").respond_with_response(html("internal"))
    snap = fetch(url.format(port=http.port), settings(allow_loopback=False))
    assert snap.error == "fetch.blocked_address" and not http.log


def test_redirect_to_blocked_address_is_refused_at_the_hop(
    http: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_dns(monkeypatch, {"inside.test": ["10.0.0.1"], "meta.test": ["169.254.169.254"]})
    http.expect_request("/go").respond_with_response(redirect("http://inside.test/admin"))
    http.expect_request("/go2").respond_with_response(redirect("http://169.254.169.254/latest/"))
    snap = fetch(http.url_for("/go"), settings())
    assert snap.error == "fetch.blocked_address" and snap.redirects == [http.url_for("/go")]
    snap2 = fetch(http.url_for("/go2"), settings())
    assert snap2.error == "fetch.blocked_address"


def test_dns_rebinding_is_caught_at_connect(
    http: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """First answer public (passes the early check), second answer loopback: refused."""
    http.expect_request("/").respond_with_response(html("internal"))
    answers = iter([["93.184.216.34"], ["127.0.0.1"], ["127.0.0.1"], ["127.0.0.1"]])
    real = socket.getaddrinfo

    def rebinding(host: str, port: object, *args: object, **kwargs: object) -> list:
        if host == "rebind.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port)) for ip in next(answers)]
        return real(host, port, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    snap = fetch(f"http://rebind.test:{http.port}/", settings(allow_loopback=False))
    assert snap.error == "fetch.blocked_address" and not http.log


def test_connection_goes_to_checked_address_with_host_header(
    http: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    hosts: list[str] = []

    def handler(request: Request) -> Response:
        hosts.append(request.headers.get("Host", ""))
        return html("<p>named</p>")

    http.expect_request("/named").respond_with_handler(handler)
    fake_dns(monkeypatch, {"site.test": ["127.0.0.1"]})
    snap = fetch(f"http://site.test:{http.port}/named", settings())
    assert snap.error is None and hosts == [f"site.test:{http.port}"]


def test_fetch_never_raises_on_garbage_types() -> None:
    snap = fetch("http://\x00bad/", settings())
    assert snap.error is not None and snap.html is None
