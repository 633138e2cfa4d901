"""JS rendering with the system Chromium: one browser launch for the whole module.

Skips cleanly when Playwright or Chromium is missing.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from detector.config import Settings

SETTINGS = Settings(allow_loopback=True, obey_robots=False, per_host_delay=0.0, total_timeout=15)

pytest.importorskip("playwright.sync_api")
if not os.path.exists(SETTINGS.chromium_path):
    pytest.skip(f"no chromium at {SETTINGS.chromium_path}", allow_module_level=True)

from detector.crawl.render import Renderer  # noqa: E402


@pytest.fixture(scope="module")
def renderer() -> Iterator[Renderer]:
    from detector.errors import FetchError

    try:
        r = Renderer(SETTINGS).start()
    except FetchError as exc:
        pytest.skip(f"browser cannot start here: {exc}")
    yield r
    r.close()


def page(body: str) -> Response:
    return Response(f"<html><body>{body}</body></html>", content_type="text/html")


def test_script_built_text_appears(http: HTTPServer, renderer: Renderer) -> None:
    http.expect_request("/js").respond_with_response(
        page(
            "<div id=out></div><script>"
            "document.getElementById('out').textContent = ['see', 'who', 'viewed'].join(' ');"
            "</script>"
        )
    )
    http.expect_request("/hop").respond_with_response(
        Response("", status=302, headers={"Location": "/js"})
    )
    snap = renderer.render(http.url_for("/js"))
    assert snap.error is None and snap.extra["rendered"] is True
    import base64

    assert base64.b64decode(snap.extra["screenshot"])[:3] == b"\xff\xd8\xff"  # a JPEG is kept
    assert '<div id="out">see who viewed</div>' in (snap.html or "")
    hopped = renderer.render(http.url_for("/hop"))
    assert hopped.error is None and "see who viewed" in (hopped.html or "")
    assert hopped.redirects == [http.url_for("/hop")] and hopped.final_url == http.url_for("/js")


def test_private_iframe_is_blocked(http: HTTPServer, renderer: Renderer) -> None:
    http.expect_request("/frame").respond_with_response(
        page(
            "<p>outer</p><iframe src='http://10.0.0.1/admin'></iframe>"
            "<img src='http://169.254.169.254/latest/meta-data/'>"
        )
    )
    snap = renderer.render(http.url_for("/frame"))
    assert snap.error is None and "outer" in (snap.html or "")
    assert "http://10.0.0.1/admin" in snap.extra["blocked_requests"]
    assert "http://169.254.169.254/latest/meta-data/" in snap.extra["blocked_requests"]


def test_page_cannot_post_data(http: HTTPServer, renderer: Renderer) -> None:
    http.expect_request("/form").respond_with_response(
        page(
            "<form id=f method=post action='/steal'><input name=password value=x></form>"
            "<script>document.getElementById('f').submit()</script><p>form page</p>"
        )
    )
    renderer.render(http.url_for("/form"))
    assert not any(req.path == "/steal" for req, _ in http.log)


def test_blocked_start_url(renderer: Renderer) -> None:
    snap = renderer.render("http://10.0.0.1/")
    assert snap.error == "fetch.blocked_address" and snap.html is None


def test_importing_crawl_does_not_import_playwright() -> None:
    import subprocess

    code = "import sys, detector.crawl; print('playwright' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
