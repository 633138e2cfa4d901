"""A store URL (or a bare extension id / package name) in a scan is scored as the listing it is,
through its store adapter, served here by a local server under the store's host name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from detector.cli import main
from detector.crawl.sources import store_url

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
EXT_ID = "abcdefghijklmnopabcdefghijklmnop"


@pytest.mark.parametrize(
    ("text", "url"),
    [
        (EXT_ID, f"https://chromewebstore.google.com/detail/{EXT_ID}"),
        (
            "com.tikstalk.viewers",
            "https://play.google.com/store/apps/details?id=com.tikstalk.viewers",
        ),
        ("example.com", None),  # a host, not a package: it has a public suffix
        ("www.tiktok.com", None),
        ("abcdefghijklmnopabcdefghijklmnoq", None),  # q is not an id letter
        ("https://example.com/x", None),
    ],
)
def test_bare_store_ids(text: str, url: str | None) -> None:
    assert store_url(text) == url


def test_store_urls_are_scanned_as_listings(
    tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = (FIXTURES / "chrome_store_detail.html").read_text(encoding="utf-8")
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request(f"/detail/profile-viewer/{EXT_ID}").respond_with_data(
        page, content_type="text/html"
    )
    monkeypatch.setenv("DETECTOR_ALLOW_LOOPBACK", "1")
    url = f"http://chromewebstore.google.com/detail/profile-viewer/{EXT_ID}"
    src = tmp_path / "urls.txt"
    src.write_text(url + "\n")
    out = tmp_path / "v.jsonl"
    args = ["scan", "--input", str(src), "--store", str(tmp_path / "s.sqlite"), "--quiet",
            "--per-host-delay", "0", "--output", str(out),
            "--connect-to", f"chromewebstore.google.com:80:127.0.0.1:{httpserver.port}"]  # fmt: skip
    assert main(args) == 0
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert row["kind"] == "extension_listing" and row["basis"] == "page"
    assert row["publisher"] == "ViewerLabs Ltd"  # grouped by publisher, not under google.com
    assert row["url"] == url
