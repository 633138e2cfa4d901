"""A page that was never fetched is never called benign: `unverified`, basis `url`, everywhere."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from selectolax.lexbor import LexborHTMLParser

from detector.cli import main
from detector.records import Verdict

LURE = (
    "<html><title>See who viewed your TikTok profile</title><h1>Who viewed your profile?</h1>"
    "<form action='https://collect.example/p'><input name=u placeholder='TikTok username'>"
    "<input type=password name=p><button>Show my visitors</button></form></html>"
)


def test_url_only_scores_are_never_benign(shipped: Any) -> None:
    plain = shipped.score({"url": "https://www.example.org/about", "error": "fetch.timeout"})
    assert plain.score is not None and plain.basis == "url"
    assert plain.label != "benign"
    assert plain.label == "unverified" or plain.score >= shipped.artifact.thresholds.suspicious
    assert plain.extra["fetch_error"] == "fetch.timeout"
    page = shipped.score({"url": "https://www.example.org/about", "html": "<p>About us</p>"})
    assert page.basis == "page" and page.label == "benign"
    # The field survives the JSON contract both ways.
    again = Verdict.from_dict(json.loads(plain.to_json()))
    assert (again.label, again.basis) == (plain.label, "url")


def test_unfetched_pages_are_unverified_in_every_output(
    tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pyarrow")
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /hidden\n")
    httpserver.expect_request("/open").respond_with_data(LURE, content_type="text/html")
    monkeypatch.setenv("DETECTOR_ALLOW_LOOPBACK", "1")
    base = f"http://127.0.0.1:{httpserver.port}"
    src = tmp_path / "urls.txt"
    src.write_text(f"{base}/hidden/lure\n{base}/open\n")
    out, store = tmp_path / "out", tmp_path / "s.sqlite"
    out.mkdir()
    args = ["--store", str(store), "--per-host-delay", "0", "--quiet"]
    code = main(["scan", "--input", str(src), "--run", "r", *args,
                 "--output", str(out / "v.jsonl"), "--report", str(out / "r.html")])  # fmt: skip
    assert code in (0, 1)
    rows = {r["url"]: r for r in map(json.loads, (out / "v.jsonl").read_text().splitlines())}
    hidden, shown = rows[f"{base}/hidden/lure"], rows[f"{base}/open"]
    assert hidden["basis"] == "url" and hidden["label"] != "benign"
    assert hidden["fetch_error"].startswith("fetch.robots")
    assert shown["basis"] == "page" and shown["label"] == "scam"

    for suffix in ("csv", "parquet", "stix.json"):
        assert (
            main(["export", "r", "--store", str(store), "--output", str(out / f"v.{suffix}")]) == 0
        )
    with (out / "v.csv").open(newline="") as fh:
        flat = {r["url"]: r for r in csv.DictReader(fh)}
    assert flat[f"{base}/hidden/lure"]["basis"] == "url"
    assert flat[f"{base}/hidden/lure"]["fetch_error"].startswith("fetch.robots")
    assert flat[f"{base}/hidden/lure"]["label"] == hidden["label"]
    opened = flat[f"{base}/open"]  # where and when it was read, and by which model
    assert (opened["run"], opened["http_status"]) == ("r", "200")
    assert opened["scanned_at"].startswith("20") and opened["model"] == shown["model"]
    assert shown["scanned_at"] == opened["scanned_at"] and shown["run"] == "r"
    import pyarrow.parquet as pq

    table = pq.read_table(out / "v.parquet").to_pylist()
    by_url = {r["url"]: r for r in table}
    assert by_url[f"{base}/hidden/lure"]["basis"] == "url"
    assert by_url[f"{base}/hidden/lure"]["fetch_error"].startswith("fetch.robots")
    stix = (out / "v.stix.json").read_text()
    assert "/open" in stix
    if hidden["label"] == "unverified":
        assert "/hidden/lure" not in stix  # not an indicator: nothing was seen

    tree = LexborHTMLParser((out / "r.html").read_text())
    count = tree.css_first("#count-unverified")
    assert count is not None
    assert int(count.text()) == (hidden["label"] == "unverified")
    data = (out / "r.html").read_text()
    assert "fetch.robots" in data  # the reason the page was not read is in the report's rows
    # `detector report` names the model and its thresholds like the scan's own report does.
    assert main(["report", "r", "--store", str(store), "--output", str(out / "again.html")]) == 0
    for page in ("r.html", "again.html"):
        header = LexborHTMLParser((out / page).read_text()).css_first("#model")
        assert header is not None and header.text().startswith(f"Model {shown['model']}; ")


def test_retry_failed_fetches_the_unfetched_rows_again(
    tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /late\n")
    httpserver.expect_request("/ok").respond_with_data("<p>Our shop</p>", content_type="text/html")
    monkeypatch.setenv("DETECTOR_ALLOW_LOOPBACK", "1")
    base = f"http://127.0.0.1:{httpserver.port}"
    src = tmp_path / "urls.txt"
    src.write_text(f"{base}/late/lure\n{base}/ok\n")
    store = tmp_path / "s.sqlite"
    args = ["scan", "--input", str(src), "--run", "r", "--store", str(store),
            "--per-host-delay", "0", "--quiet", "--output", str(tmp_path / "v.jsonl")]  # fmt: skip

    def rows() -> dict[str, dict[str, Any]]:
        lines = (tmp_path / "v.jsonl").read_text().splitlines()
        return {r["url"]: r for r in map(json.loads, lines)}

    main(args)
    assert rows()[f"{base}/late/lure"]["basis"] == "url"
    # The site now lets us in; a plain rerun keeps the stored verdicts, --retry-failed refetches.
    httpserver.clear()
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/late/lure").respond_with_data(LURE, content_type="text/html")
    main(args)
    assert rows()[f"{base}/late/lure"]["basis"] == "url"
    assert main([*args, "--retry-failed"]) == 0
    again = rows()
    assert again[f"{base}/late/lure"]["basis"] == "page"
    assert again[f"{base}/late/lure"]["label"] == "scam"
    assert again[f"{base}/ok"]["basis"] == "page"
    assert sum(1 for req, _ in httpserver.log if req.path == "/ok") == 0  # not fetched again
