"""Domain age in scans: RDAP through the guard, cached in the store, shown in every export;
the model reads it only if it was trained with known ages (the shipped one was not)."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from detector.cli import main
from detector.store import open_store

PAGE = "<title>Who viewed your TikTok</title><form><input type=password name=p></form>"


def test_scan_looks_up_domain_age_once_and_shows_it(
    tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = httpserver.port
    registered = (datetime.now(UTC) - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/lure").respond_with_data(PAGE, content_type="text/html")
    httpserver.expect_request("/rdap/dns.json").respond_with_json(
        {"services": [[["xyz"], [f"http://127.0.0.1:{port}/rdap/"]]]}
    )
    httpserver.expect_request("/rdap/domain/new-lure.xyz").respond_with_json(
        {
            "events": [{"eventAction": "registration", "eventDate": registered}],
            "entities": [
                {
                    "roles": ["registrar"],
                    "vcardArray": ["vcard", [["fn", {}, "text", "Cheap Names"]]],
                }
            ],
        }
    )
    monkeypatch.setenv("DETECTOR_ALLOW_LOOPBACK", "1")
    monkeypatch.setenv("DETECTOR_OFFLINE", "0")
    monkeypatch.setenv("DETECTOR_RDAP_BOOTSTRAP_URL", f"http://127.0.0.1:{port}/rdap/dns.json")
    src = tmp_path / "urls.txt"
    src.write_text("http://new-lure.xyz/lure\n")
    store = tmp_path / "s.sqlite"
    common = ["--input", str(src), "--store", str(store), "--per-host-delay", "0", "--quiet",
              "--connect-to", f"new-lure.xyz:80:127.0.0.1:{port}"]  # fmt: skip

    def scan(run: str, *extra: str) -> dict[str, object]:
        out = tmp_path / f"{run}.jsonl"
        assert main(["scan", *common, "--run", run, "--output", str(out), *extra]) == 0
        (row,) = [json.loads(line) for line in out.read_text().splitlines()]
        return row

    first = scan("a")
    assert 2.5 < float(first["domain_age_days"]) < 3.5  # type: ignore[arg-type]
    assert first["registered_domain"] == "new-lure.xyz"
    assert first["registrar"] == "Cheap Names"
    again = scan("b")  # a second run: the store's cache answers
    assert again["domain_age_days"] == first["domain_age_days"]
    asked = [r for r, _ in httpserver.log if r.path.startswith("/rdap/domain/")]
    assert len(asked) == 1
    with open_store(store) as opened:
        assert opened.rdap_get("rdap_domain:new-lure.xyz", 0) is not None
    off = scan("c", "--no-intel")
    assert "domain_age_days" not in off
    # The shipped model was trained without known ages: the age is shown, not scored.
    assert off["score"] == first["score"]

    out = tmp_path / "a.csv"
    assert main(["export", "a", "--store", str(store), "--output", str(out)]) == 0
    with out.open(newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert 2.5 < float(row["domain_age_days"]) < 3.5
    assert row["registrar"] == "Cheap Names"
