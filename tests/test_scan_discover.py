"""scan --discover N: lure links of scanned pages are scanned too, N hops deep, tagged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from detector.cli import main

SEED = (
    "<title>Profile tools</title><a href='/free-followers'>Get free followers now</a>"
    "<a href='/about'>About us</a>"
)
STEP = "<meta http-equiv='refresh' content='0; url=/verify'><p>Loading your followers...</p>"
LAST = "<title>Verify</title><form><input type=password name=p><button>Verify</button></form>"


@pytest.mark.parametrize("depth", [0, 1, 2])
def test_discover_follows_lure_links_to_depth(
    depth: int, tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    for path, body in (("/seed", SEED), ("/free-followers", STEP), ("/verify", LAST),
                       ("/about", "<p>about</p>")):  # fmt: skip
        httpserver.expect_request(path).respond_with_data(body, content_type="text/html")
    monkeypatch.setenv("DETECTOR_ALLOW_LOOPBACK", "1")
    base = f"http://127.0.0.1:{httpserver.port}"
    src = tmp_path / "urls.txt"
    src.write_text(f"{base}/seed\n")
    out = tmp_path / "v.jsonl"
    args = ["scan", "--input", str(src), "--store", str(tmp_path / "s.sqlite"),
            "--per-host-delay", "0", "--quiet", "--output", str(out), "--discover", str(depth)]  # fmt: skip
    assert main(args) == 0
    rows = {r["url"]: r for r in map(json.loads, out.read_text().splitlines())}
    want = [f"{base}/seed", f"{base}/free-followers", f"{base}/verify"][: depth + 1]
    assert sorted(rows) == sorted(want)  # /about reads like no lure: never followed
    fetched = {r.path for r, _ in httpserver.log}
    assert "/about" not in fetched
    if depth >= 1:
        assert rows[f"{base}/free-followers"]["discovered_from"] == f"{base}/seed"
        assert rows[f"{base}/free-followers"]["discovery_depth"] == 1
    if depth == 2:
        assert rows[f"{base}/verify"]["discovered_from"] == f"{base}/free-followers"
        assert rows[f"{base}/verify"]["label"] in ("scam", "suspicious")  # a flagged lure
    assert "discovered_from" not in rows[f"{base}/seed"]
