"""WARC archive: fetched responses written as request/response pairs and read back."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from detector.config import Settings
from detector.crawl import CrawlSession, WarcArchive, fetch, fetch_many

warcio = pytest.importorskip("warcio")
from warcio.archiveiterator import ArchiveIterator  # noqa: E402


def read_back(path: Path) -> list[tuple[str, str, bytes, dict[str, str]]]:
    out = []
    with path.open("rb") as fh:
        for rec in ArchiveIterator(fh):
            headers = dict(rec.http_headers.headers) if rec.http_headers else {}
            out.append(
                (
                    rec.rec_type,
                    rec.rec_headers.get_header("WARC-Target-URI"),
                    rec.content_stream().read(),
                    headers,
                )
            )
    return out


def test_fetched_pages_round_trip(http: HTTPServer, tmp_path: Path) -> None:
    pages = {
        "/one": b"<html><p>first page</p></html>",
        "/two": "<html><p>deuxième</p></html>".encode(),
    }
    for path, body in pages.items():
        http.expect_request(path).respond_with_response(
            Response(body, headers={"Content-Type": "text/html; charset=utf-8"})
        )
    http.expect_request("/zipped").respond_with_response(
        Response(
            gzip.compress(b"<p>was gzipped</p>"),
            headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
        )
    )
    http.expect_request("/missing").respond_with_response(Response("", status=204))
    s = Settings(allow_loopback=True, obey_robots=False, per_host_delay=0.0)
    target = tmp_path / "crawl.warc.gz"
    urls = [http.url_for(p) for p in (*pages, "/zipped")]
    with WarcArchive(target) as archive, CrawlSession(s) as sess:
        snaps = list(fetch_many(urls, session=sess, archive=archive))
        empty = fetch(http.url_for("/missing"), session=sess, archive=archive)
    assert all(x.error is None for x in snaps) and empty.status == 204

    records = read_back(target)
    responses = {uri: (body, hdrs) for kind, uri, body, hdrs in records if kind == "response"}
    requests_ = [uri for kind, uri, _, _ in records if kind == "request"]
    for path, body in pages.items():
        assert responses[http.url_for(path)][0] == body
    zipped_body, zipped_headers = responses[http.url_for("/zipped")]
    assert zipped_body == b"<p>was gzipped</p>"  # stored decoded, and says so
    assert "Content-Encoding" not in zipped_headers
    assert set(requests_) >= {http.url_for(p) for p in (*pages, "/zipped")}
    assert len(requests_) == len(responses)


def test_request_record_is_linked_and_carries_our_user_agent(tmp_path: Path) -> None:
    target = tmp_path / "one.warc"
    with WarcArchive(target, gzip=False) as archive:
        archive.write_exchange(
            url="https://example.invalid/p?q=1",
            status=200,
            reason="OK",
            headers=[("Content-Type", "text/html")],
            body=b"<p>hi</p>",
            request_headers={"User-Agent": "tiktok-lure-detector/test"},
        )
    with target.open("rb") as fh:
        recs = list(ArchiveIterator(fh))
    kinds = [r.rec_type for r in recs]
    assert kinds == ["request", "response"]
    request, response = recs
    assert request.rec_headers.get_header("WARC-Concurrent-To") == response.rec_headers.get_header(
        "WARC-Record-ID"
    )
    assert request.http_headers.protocol == "GET"
    assert request.http_headers.get_header("User-Agent") == "tiktok-lure-detector/test"
    assert request.http_headers.get_header("Host") == "example.invalid"
