"""The extension's privacy-mode canonicalisation and hashes (extension/src/lib/canon.js, run in
node) give exactly what detector/serve/lookup.py gives, on a table of URLs as a browser hands
them to the extension.

The extension never sees a raw URL: the browser hands it the URL as its URL parser serialises it
(``new URL(raw).href``: non-ASCII path and query percent-encoded, ``..`` resolved). The Python
helpers are applied to that form, which is also what the page's own requests carry.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from detector.serve.lookup import canonical_host, canonical_url, client_request, sha256_hex
from tests.conftest import ROOT

NODE = shutil.which("node")
if NODE is None:
    pytest.skip("node is not installed", allow_module_level=True)

URLS = [
    "https://lure.example/",
    "http://lure.example/who-viewed.html",
    "HTTPS://Lure.EXAMPLE/Path/Case?Q=Keep&a=1",
    "https://lure.example:443/x",
    "http://lure.example:80/x",
    "https://lure.example:8443/x?y=1",
    "http://lure.example:443/",
    "https://lure.example./trailing-dot",
    "https://user:secret@lure.example/login#fragment",
    "https://lure.example/?",
    "https://lure.example/#only-fragment",
    "https://lure.example",
    "https://bücher.example/straße",
    "https://xn--bcher-kva.example/",
    "https://ТикТок.example/viewers",
    "https://www.tiktok.com/@someone/video/123?is_from_webapp=1",
    "https://lure.example/a%20b?q=%E2%9C%93&r=a+b",
    "https://lure.example/%7Euser/",
    "http://8.8.8.8/x",
    "http://[2001:db8::1]:8080/v6",
    "http://[2001:db8::1]/",
    "https://sub.sub2.lure.example/deep/path/index.php?id=7&ref=tt",
    "https://lure.example/path;params?x=1",
    "ftp://lure.example/file",
    "chrome://settings/",
    "file:///etc/passwd",
]


def test_js_canonical_forms_and_hashes_match_python() -> None:
    done = subprocess.run(
        [NODE, str(ROOT / "extension/scripts/canon.js")],
        input=json.dumps(URLS),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    rows = json.loads(done.stdout)
    assert [r["url"] for r in rows] == URLS
    for row in rows:
        url = row["href"] or row["url"]
        canon, host = canonical_url(url), canonical_host(url)
        assert row["canonical_url"] == canon, url
        assert row["canonical_host"] == host, url
        assert row["url_hash"] == (sha256_hex(canon) if canon else None), url
        assert row["host_hash"] == (sha256_hex(host) if host else None), url
        expected = client_request(url)["prefixes"] if canon else []
        assert row["prefixes"] == expected, url
    assert sum(r["canonical_url"] is not None for r in rows) == len(URLS) - 3
    # most of the table is already in the browser's form: there JS and Python see the same string
    assert sum(r["href"] == r["url"] for r in rows) >= len(URLS) // 2
