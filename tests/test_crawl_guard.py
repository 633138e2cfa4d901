"""SSRF guard: address rules, odd spellings, fake DNS answers, TLS to the pinned address."""

from __future__ import annotations

import ipaddress
import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from detector.config import Settings
from detector.crawl import CrawlSession, check_url, fetch
from detector.crawl.guard import blocked_reason, parse_numeric_host
from detector.errors import BlockedAddress, FetchError
from tests.conftest import fake_dns

STRICT = Settings()
LOOPBACK_OK = Settings(allow_loopback=True)


BLOCKED_LITERALS = [
    "http://127.0.0.1/",
    "http://127.8.9.10/",
    "http://[::1]/",
    "http://0.0.0.0/",
    "http://[::]/",
    "http://10.1.2.3/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://100.127.255.254/",
    "http://169.254.169.254/latest/meta-data/",
    "http://169.254.1.1/",
    "http://[fd00:ec2::254]/",
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://224.0.0.1/",
    "http://[ff02::1]/",
    "http://240.0.0.1/",
    "http://255.255.255.255/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[::ffff:169.254.169.254]/",
    "http://[::ffff:10.0.0.1]/",
    "http://[64:ff9b::a00:1]/",
    "http://[2002:7f00:1::]/",
    "http://[2002:a9fe:a9fe::]/",
    "http://2130706433/",
    "http://0x7f000001/",
    "http://0177.0.0.1/",
    "http://0x7f.0.0.1/",
    "http://127.1/",
    "http://0/",
    "http://3232235777/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://METADATA.GOOGLE.INTERNAL./",
]


@pytest.mark.parametrize("url", BLOCKED_LITERALS)
def test_blocked_literals(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    asked = fake_dns(monkeypatch, {})
    with pytest.raises(BlockedAddress):
        check_url(url, STRICT)
    assert asked == []  # literal addresses and metadata names never reach DNS


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1/", "http://127.5.5.5:8080/", "http://[::1]/", "http://2130706433/"]
)
def test_allow_loopback_permits_only_loopback(url: str) -> None:
    assert check_url(url, LOOPBACK_OK)


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/",
        "http://169.254.169.254/",
        "http://[fd00:ec2::254]/",
        "http://192.168.0.1/",
        "http://0.0.0.0/",
        "http://100.64.0.1/",
        "http://metadata.google.internal/",
    ],
)
def test_allow_loopback_still_blocks_the_rest(url: str) -> None:
    with pytest.raises(BlockedAddress):
        check_url(url, LOOPBACK_OK)


def test_public_literal_passes() -> None:
    assert check_url("https://93.184.216.34/x?y=1", STRICT) == ["93.184.216.34"]
    assert check_url("http://[2606:2800:220:1::1]/", STRICT) == ["2606:2800:220:1::1"]


@pytest.mark.parametrize("ip", ["127.0.0.1", "10.0.0.1", "169.254.169.254", "::1", "fd00::5"])
def test_name_resolving_to_blocked_address(ip: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_dns(monkeypatch, {"evil.test": [ip]})
    with pytest.raises(BlockedAddress):
        check_url("https://evil.test/login", STRICT)


def test_one_bad_answer_blocks_the_name(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_dns(monkeypatch, {"mixed.test": ["93.184.216.34", "10.0.0.7"]})
    with pytest.raises(BlockedAddress):
        check_url("http://mixed.test/", STRICT)


def test_public_name_returns_addresses(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_dns(monkeypatch, {"ok.test": ["93.184.216.34", "2606:2800:220:1::1", "93.184.216.34"]})
    assert check_url("http://ok.test/", STRICT) == ["93.184.216.34", "2606:2800:220:1::1"]


def test_idn_names_resolve_as_a_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    import idna

    a_label = idna.encode("кто-смотрел.рф", uts46=True).decode()
    asked = fake_dns(monkeypatch, {a_label: ["93.184.216.34"], "xn--80ak6aa92e.test": ["10.0.0.1"]})
    assert check_url("https://кто-смотрел.рф/", STRICT) == ["93.184.216.34"]
    assert asked == [a_label]
    with pytest.raises(BlockedAddress):
        check_url("http://xn--80ak6aa92e.test/", STRICT)


def test_unresolvable_name_is_an_oserror(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_dns(monkeypatch, {})
    with pytest.raises(OSError):
        check_url("http://nowhere.test/", STRICT)


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("file:///etc/passwd", "fetch.unsupported_scheme"),
        ("gopher://x/", "fetch.unsupported_scheme"),
        ("//no-scheme.test/", "fetch.invalid_url"),
        ("http:///path-only", "fetch.invalid_url"),
        ("http://bad host/", "fetch.invalid_url"),
        ("http://1.2.3.999/", "fetch.invalid_url"),
    ],
)
def test_invalid_input_codes(url: str, code: str) -> None:
    with pytest.raises(FetchError) as info:
        check_url(url, STRICT)
    assert info.value.code == code and not isinstance(info.value, BlockedAddress)


def test_numeric_spellings_decode_like_browsers() -> None:
    assert str(parse_numeric_host("2130706433")) == "127.0.0.1"
    assert str(parse_numeric_host("0x7f.1")) == "127.0.0.1"
    assert str(parse_numeric_host("010.0.0.1")) == "8.0.0.1"
    assert str(parse_numeric_host("1.2.3.4.")) == "1.2.3.4"
    assert parse_numeric_host("example.com") is None
    assert parse_numeric_host("1.2.3.com") is None


_PRIVATE_V4 = st.sampled_from(
    [
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "100.64.0.0/10",
    ]
).map(ipaddress.IPv4Network)


@hsettings(max_examples=50, deadline=None)
@given(net=_PRIVATE_V4, offset=st.integers(min_value=0, max_value=2**24))
def test_private_v4_blocked_in_every_spelling(net: ipaddress.IPv4Network, offset: int) -> None:
    ip = net[offset % net.num_addresses]
    spellings = [str(ip), str(int(ip)), hex(int(ip)), f"[::ffff:{ip}]"]
    for host in spellings:
        parsed = parse_numeric_host(host)
        assert parsed is not None
        assert blocked_reason(parsed) is not None, host


# --- TLS through the pinned address -------------------------------------------------------


def _self_signed(tmp: Path, name: str) -> tuple[Path, Path]:
    cert, key = tmp / f"{name}.pem", tmp / f"{name}.key"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(cert), "-subj", f"/CN={name}"),
            *("-addext", f"subjectAltName=DNS:{name}"),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[HTTPServer, Path]]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl not available to make a test certificate")
    cert, key = _self_signed(tmp_path_factory.mktemp("tls"), "site.test")
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    srv = HTTPServer(host="127.0.0.1", port=0, ssl_context=ctx, threaded=True)
    srv.start()
    yield srv, cert
    srv.stop()


def test_tls_keeps_sni_and_verifies_the_hostname(
    tls_server: tuple[HTTPServer, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    srv, cert = tls_server
    srv.clear()
    seen: list[str] = []

    def handler(request: Request) -> Response:
        seen.append(request.headers.get("Host", ""))
        return Response("<p>secure</p>", content_type="text/html")

    srv.expect_request("/").respond_with_handler(handler)
    fake_dns(monkeypatch, {"site.test": ["127.0.0.1"], "other.test": ["127.0.0.1"]})
    s = Settings(allow_loopback=True, obey_robots=False, per_host_delay=0.0, retries=0)
    with CrawlSession(s) as sess:
        sess.http.verify = str(cert)
        ok = fetch(f"https://site.test:{srv.port}/", session=sess)
        wrong_name = fetch(f"https://other.test:{srv.port}/", session=sess)
    untrusted = fetch(f"https://site.test:{srv.port}/", s)  # system CAs only
    assert ok.error is None and "secure" in (ok.html or "")
    assert seen == [f"site.test:{srv.port}"]
    assert wrong_name.error == "fetch.connection"  # certificate is for site.test, not other.test
    assert untrusted.error == "fetch.connection"
