"""Indicators as analysts paste them: defanged, scheme-less; canonical keys for IDNs, escapes
and dot segments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from detector.cli import main
from detector.core.urls import normalise_url, refang


@pytest.mark.parametrize(
    ("given", "url"),
    [
        ("hxxp://example[.]com/x", "http://example.com/x"),
        ("hxxps[:]//evil(.)example/a?b=1", "https://evil.example/a?b=1"),
        ("HXXP://A[.]B[.]example", "http://A.B.example"),
        ("example[.]com/x", "http://example.com/x"),
        ("example.com/x", "http://example.com/x"),
        ("sub.example.co.uk", "http://sub.example.co.uk"),
        ("  'https://ok.example/'  ", "https://ok.example/"),
    ],
)
def test_refang(given: str, url: str) -> None:
    assert refang(given)[0] == url


@pytest.mark.parametrize("text", ["https://ok.example/", "not a url", "", "mailto:x@y.example"])
def test_refang_leaves_urls_and_other_text_alone(text: str) -> None:
    assert refang(text) == (text.strip(), None)


def test_canonical_keys() -> None:
    same = [
        ("http://tiktök.example/a", "http://xn--tiktk-mua.example/a"),
        ("http://x.example/a/./b/../c", "http://x.example/a/c"),
        ("http://x.example/%7euser", "http://x.example/~user"),
        ("http://x.example/a%2fb", "http://x.example/a%2Fb"),
        ("HTTP://X.EXAMPLE:80/?b=2&a=1#frag", "http://x.example/?a=1&b=2"),
    ]
    for a, b in same:
        assert normalise_url(a) == normalise_url(b), (a, b)
    assert normalise_url("http://x.example/a%2Fb") != normalise_url("http://x.example/a/b")
    assert normalise_url("http://x.example/../../a") == "http://x.example/a"


def test_scan_accepts_defanged_and_scheme_less_input(
    tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/lure").respond_with_data("<p>hello</p>", content_type="text/html")
    monkeypatch.setenv("DETECTOR_ALLOW_LOOPBACK", "1")
    port = httpserver.port
    src = tmp_path / "iocs.txt"
    src.write_text(f"hxxp://127[.]0[.]0[.]1:{port}/lure\n127.0.0.1:{port}/lure?x=1\n")
    out = tmp_path / "v.jsonl"
    args = ["--store", str(tmp_path / "s.sqlite"), "--per-host-delay", "0", "--quiet"]
    assert main(["scan", "--input", str(src), *args, "--output", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["given_url"] for r in rows} == {
        f"hxxp://127[.]0[.]0[.]1:{port}/lure",
        f"127.0.0.1:{port}/lure?x=1",
    }
    assert all(r["basis"] == "page" and not r.get("fetch_error") for r in rows)
    assert sorted(r["url"] for r in rows) == [
        f"http://127.0.0.1:{port}/lure",
        f"http://127.0.0.1:{port}/lure?x=1",
    ]
