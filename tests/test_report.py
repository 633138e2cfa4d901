"""The HTML report: counts, histogram, top tables, embedded data, and escaping of hostile text."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from detector.export.report import render_report, script_json, write_report
from detector.records import Reason, Verdict

XSS = "<script>alert(1)</script>"
QUOTES = "\"'"


def _verdicts() -> list[Verdict]:
    evil = Reason(
        "credential.password_offsite", f"asks for a password {XSS}", f"<form>{XSS}{QUOTES}", 1.5
    )
    return [
        Verdict(
            id=f"id-{XSS}",
            url=f"https://who-viewed.xyz/x?a={XSS}&b={QUOTES}",
            score=0.95,
            label="scam",
            reasons=[evil],
            claims=["who_viewed"],
            model="m@1",
        ),
        Verdict(
            id=2,
            url="https://mine.github.io/visitors",
            score=0.81,
            label="scam",
            reasons=[Reason("claims.who_viewed", "promises profile viewers", "", 1.0)],
            claims=["who_viewed", "free_followers"],
            model="m@1",
        ),
        Verdict(
            id=3, url="https://www.tiktok.com/@someone", score=0.02, label="benign", kind="page"
        ),
        Verdict(
            id=4,
            url="https://gray.example.com/",
            score=0.55,
            label="suspicious",
            kind="extension_listing",
        ),
        Verdict(id=5, url="https://dead.example.com/", error="fetch.timeout: </script><!-- x"),
        Verdict(
            id=6,
            url="https://ünïcode-viewers.com/ä",
            score=0.91,
            label="scam",
            claims=["who_saved"],
        ),
    ]


def _page(tmp_path: Path, verdicts: list[Verdict], **kw) -> tuple[str, LexborHTMLParser]:
    path = write_report(verdicts, tmp_path / "r.html", title=f"Run <b>{XSS}</b> ü", **kw)
    text = path.read_text(encoding="utf-8")
    return text, LexborHTMLParser(text)


def _count(tree: LexborHTMLParser, ident: str) -> int:
    node = tree.css_first(f"#{ident}")
    assert node is not None, ident
    return int(node.text())


def _rows(tree: LexborHTMLParser, box: str) -> list[list[str]]:
    return [[td.text() for td in tr.css("td")] for tr in tree.css(f"#{box} tbody tr")]


def test_counts_histogram_and_tables(tmp_path: Path) -> None:
    stats = {"inputs": 7, "done": 5, "failed": 1, "pending": 1, "by_label": {}}
    _, tree = _page(tmp_path, _verdicts(), run_stats=stats)
    assert [_count(tree, f"count-{k}") for k in ("scam", "suspicious", "benign", "error")] == [
        3,
        1,
        1,
        1,
    ]
    assert [_count(tree, f"run-{k}") for k in ("inputs", "done", "failed", "pending")] == [
        7,
        5,
        1,
        1,
    ]
    bars = [int(r.attributes["data-count"] or 0) for r in tree.css("#histogram svg rect.bar")]
    assert len(bars) == 10 and sum(bars) == 5  # the failed verdict has no score
    assert bars[0] == 1 and bars[9] == 2 and bars[8] == 1 and bars[5] == 1
    assert ["who_viewed", "2"] in _rows(tree, "claims")
    assert ["extension_listing", "1"] in _rows(tree, "kinds")
    reasons = _rows(tree, "reasons")
    assert reasons[0][0] in ("credential.password_offsite", "claims.who_viewed")
    assert {r[0] for r in reasons} == {"credential.password_offsite", "claims.who_viewed"}
    domains = _rows(tree, "domains")
    # The extension listing is not counted under its store's host but under its publisher.
    assert ["example.com", "0", "1"] in domains and ["tiktok.com", "0", "1"] in domains
    assert _rows(tree, "publishers") == [["(publisher not given)", "1", "1"]]
    assert _rows(tree, "platforms") == [["github.io", "1", "1"]]


def test_header_names_the_model_and_histogram_draws_axes_and_thresholds(tmp_path: Path) -> None:
    model = {"name": "default@abc", "suspicious": 0.31, "scam": 0.72}
    _, tree = _page(tmp_path, _verdicts(), model=model)
    header = tree.css_first("#model")
    assert header is not None
    assert header.text() == "Model default@abc; suspicious from 0.310, scam from 0.720."
    lines = {n.attributes["class"]: n.attributes["data-threshold"] for n in
             tree.css("#histogram line.threshold")}  # fmt: skip
    assert lines == {"threshold suspicious": "0.310000", "threshold scam": "0.720000"}
    ticks = [t.text() for t in tree.css("#histogram svg text")]
    assert {"0.0", "0.2", "1.0", "score (calibrated probability of scam)", "verdicts"} <= set(ticks)
    # Without the model's thresholds: the names found in the verdicts, no threshold lines.
    _, plain = _page(tmp_path, _verdicts())
    assert plain.css_first("#model").text() == "Model m@1."
    assert not plain.css("#histogram line.threshold")


def test_rows_carry_every_reason_with_its_direction(tmp_path: Path) -> None:
    vs = _verdicts()
    vs[0].reasons.append(Reason("explainer.honest", "explains that this is impossible", "", -0.8))
    vs[1].extra["publisher"] = "Viewer Tools Ltd"
    vs[1].kind = "app_listing"
    _, tree = _page(tmp_path, vs)
    node = tree.css_first("script#report-data")
    assert node is not None
    rows = json.loads(node.text())
    assert [(r["code"], r["toward"]) for r in rows[0]["reasons"]] == [
        ("credential.password_offsite", "scam"),
        ("explainer.honest", "benign"),
    ]
    assert rows[1]["details"] == {"publisher": "Viewer Tools Ltd"}
    assert ["Viewer Tools Ltd", "1", "1"] in _rows(tree, "publishers")


def test_hostile_text_never_appears_raw(tmp_path: Path) -> None:
    text, tree = _page(tmp_path, _verdicts())
    assert XSS not in text
    assert "alert(1)</script>" not in text
    assert "<!-- x" not in text
    # The only scripts are the JSON data block and our own code.
    scripts = tree.css("script")
    assert [s.attributes.get("type") for s in scripts] == ["application/json", None]
    assert tree.css_first("title").text() == f"Run <b>{XSS}</b> ü"  # escaped text, not markup
    assert not tree.css("h1 b") and not tree.css("a[href]")
    reason_cell = _rows(tree, "reasons")
    assert f"asks for a password {XSS}" in [r[1] for r in reason_cell]


def test_embedded_data_round_trips(tmp_path: Path) -> None:
    vs = _verdicts()
    _, tree = _page(tmp_path, vs)
    node = tree.css_first("script#report-data")
    assert node is not None
    rows = json.loads(node.text())
    assert [r["url"] for r in rows] == [v.url for v in vs]
    assert (
        rows[0]["id"] == f"id-{XSS}" and rows[0]["reasons"][0]["evidence"] == f"<form>{XSS}{QUOTES}"
    )
    assert rows[4]["score"] is None and rows[4]["error"].startswith("fetch.timeout")
    assert rows[5]["url"] == "https://ünïcode-viewers.com/ä"


def test_script_is_pinned_by_csp_hash(tmp_path: Path) -> None:
    text, tree = _page(tmp_path, _verdicts())
    csp = tree.css_first('meta[http-equiv="Content-Security-Policy"]').attributes["content"] or ""
    code = re.search(r'<script id="report-js">(.*?)</script>', text, re.S)
    assert code is not None
    digest = base64.b64encode(hashlib.sha256(code.group(1).encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp and "default-src 'none'" in csp
    assert not tree.css("[src], [href], link, iframe, img")  # loads nothing from anywhere


@pytest.mark.parametrize("value", [XSS, "</SCRIPT >", "<!--<script>", "a&b", "\u2028"])
def test_script_json_escapes_breakouts(value: str) -> None:
    encoded = script_json({"v": value})
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded
    assert json.loads(encoded) == {"v": value}


def test_zero_verdicts(tmp_path: Path) -> None:
    _, tree = _page(tmp_path, [])
    assert all(_count(tree, f"count-{k}") == 0 for k in ("scam", "suspicious", "benign", "error"))
    assert json.loads(tree.css_first("script#report-data").text()) == []
    assert "report-data" in render_report([], "empty")


def test_screenshots_are_embedded_only_when_they_are_jpeg_base64(tmp_path: Path) -> None:
    vs = _verdicts()
    vs[0].extra["screenshot"] = "/9j/4AAQSkZJRgABAQ=="
    vs[1].extra["screenshot"] = '/9j/"><img src=x onerror=alert(1)>'
    vs[2].extra["screenshot"] = "iVBORw0KGgo="  # not a JPEG
    _, tree = _page(tmp_path, vs)
    node = tree.css_first("script#report-data")
    assert node is not None
    rows = json.loads(node.text())
    assert [r["screenshot"] for r in rows[:3]] == ["/9j/4AAQSkZJRgABAQ==", None, None]
