"""The extension's privacy-mode canonicalisation and hashes (extension/src/lib/canon.js, run in
node) give exactly what detector/serve/lookup.py gives, on a table of URLs as a browser hands
them to the extension.

The extension never sees a raw URL: the browser hands it the URL as its URL parser serialises it
(``new URL(raw).href``: non-ASCII path and query percent-encoded, ``..`` resolved). The Python
helpers are applied to that form, which is also what the page's own requests carry.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from typing import Any

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


def _in_node(urls: list[str]) -> list[dict[str, Any]]:
    """extension/scripts/canon.js's rows for ``urls`` (one node process)."""
    done = subprocess.run(
        [str(NODE), str(ROOT / "extension/scripts/canon.js")],
        input=json.dumps(urls),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    rows: list[dict[str, Any]] = json.loads(done.stdout)
    return rows


def test_js_canonical_forms_and_hashes_match_python() -> None:
    rows = _in_node(URLS)
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


# Pieces of URLs as they are typed or linked: scheme and host case, IDN labels in Unicode and as
# A-labels, default and odd ports, user info, dot segments, escapes, empty queries, fragments.
_SCHEMES = ["http", "https", "HTTP", "hTTps", "ftp"]
_LABELS = ["a", "lure", "Ex-ample", "xn--bcher-kva", "bücher", "ТикТок", "例え", "WWW", "ß", "İ"]
_TLDS = ["example", "com", "EXAMPLE", "xn--p1ai", "рф", "co.uk"]
_PORTS = ["", ":80", ":443", ":8080", ":0080", ":65535", ":"]
_USERS = ["", "user@", "u:p@"]
_PATHS = ["", "/", "/a/b", "/a/../b", "/./x", "/%7Euser", "/a%2fb", "/a b", "/ü", "/a//b", "/;p"]
_QUERIES = ["", "?", "?a=1", "?A=B&c", "?q=ü", "?q=%zz", "?a b", "?x=1#frag", "#frag"]
_HOSTS = ["8.8.8.8", "[2001:db8::1]", "[::FFFF:1.2.3.4]", "0x8.8.8.8", "010.1.1.1"]


def _random_url(rnd: random.Random) -> str:
    if rnd.random() < 0.1:
        host = rnd.choice(_HOSTS)
    else:
        labels = [rnd.choice(_LABELS) for _ in range(rnd.randint(1, 3))]
        host = ".".join([*labels, rnd.choice(_TLDS)]) + ("." if rnd.random() < 0.1 else "")
        host = host.upper() if rnd.random() < 0.2 else host
    parts = (_USERS, [host], _PORTS, _PATHS, _QUERIES)
    return f"{rnd.choice(_SCHEMES)}://" + "".join(rnd.choice(p) for p in parts)


def test_js_and_python_agree_on_random_urls() -> None:
    """A seeded differential run (12,000 URLs from a wider generator agreed when it was
    written); URLs the browser's parser refuses never reach the extension and are left out."""
    urls = [_random_url(random.Random(seed)) for seed in range(600)]
    rows = [r for r in _in_node(urls) if r["href"] is not None]
    assert len(rows) >= 400
    for row in rows:
        canon, host = canonical_url(row["href"]), canonical_host(row["href"])
        assert (row["canonical_url"], row["canonical_host"]) == (canon, host), row["url"]
        assert row["url_hash"] == (sha256_hex(canon) if canon else None), row["url"]
