"""The HTML report in a real browser (Debian chromium): renders, sorts, filters, runs no injected
script, and leaves a screenshot in test-artifacts/ for a human to look at. One browser launch."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from detector.config import Settings
from detector.export.report import model_info, write_report
from detector.records import Snapshot
from tests.conftest import ROOT

CHROMIUM = Settings().chromium_path
if not os.path.exists(CHROMIUM):
    pytest.skip(f"no chromium at {CHROMIUM}", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

HOSTILE = "https://evil.example/</script><script>window.__pwned=1</script><img src=x onerror=window.__pwned=2>"


@pytest.fixture(scope="module")
def page() -> Iterator[Any]:
    from detector.crawl.render import CHROMIUM_FLAGS

    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=list(CHROMIUM_FLAGS), timeout=60_000
        )
        try:
            yield browser.new_page(viewport={"width": 1400, "height": 1600})
        finally:
            browser.close()


def test_report_renders_sorts_filters_and_stays_inert(
    page: Any, shipped: Any, tmp_path: Path
) -> None:
    rows = [json.loads(line) for line in (ROOT / "data/samples/demo.jsonl").open()]
    snaps: list[Any] = [Snapshot.from_dict(r) for r in rows]
    snaps.append({"id": "hostile", "url": HOSTILE, "html": f"<h1>{HOSTILE}</h1>"})
    verdicts = list(shipped.score_many(snaps))
    page.set_content("<h1 style='font-size:60px'>rendered lure</h1>")
    import base64

    shot = base64.b64encode(page.screenshot(type="jpeg", quality=40)).decode()
    for v in verdicts:
        v.extra["screenshot"] = shot  # as a --render scan keeps it
    report = write_report(
        verdicts,
        tmp_path / "report.html",
        "Browser check <b>bold</b>",
        model=model_info(shipped.artifact),
    )
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(report.resolve().as_uri())
    body = page.locator("#verdicts tbody tr")
    assert body.count() == len(verdicts)
    assert page.title() == "Browser check <b>bold</b>"  # escaped, shown as text
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img").count() == 0
    assert not errors, errors  # the CSP hash admits the report's own script
    scores = [
        float(t) for t in page.locator("#verdicts tbody tr td:nth-child(4)").all_inner_texts() if t
    ]
    assert scores == sorted(scores, reverse=True)  # score descending by default
    page.select_option("#label-filter", "scam")
    scam = sum(v.label == "scam" for v in verdicts)
    assert body.count() == scam > 0
    page.select_option("#label-filter", "")
    page.fill("#filter", "evil.example")
    assert body.count() == 1 and HOSTILE in body.first.inner_text()
    page.fill("#filter", "")
    page.click('#verdicts th[data-key="url"]')
    urls = page.locator("#verdicts tbody tr td:nth-child(2)").all_inner_texts()
    assert urls in (sorted(urls), sorted(urls, reverse=True))
    assert shipped.model_name in page.locator("#model").inner_text()
    # A row opens its detail view (every reason, which way it pushed, its evidence); again closes.
    page.click('#verdicts th[data-key="score"]')  # back to score order: a scam row first
    first = page.locator("#verdicts tbody tr").first
    first.click()
    detail = page.locator("#verdicts tbody tr.detail")
    assert detail.count() == 1
    assert "toward scam" in detail.inner_text() and "based on" in detail.inner_text()
    picture = detail.locator("img.shot")
    assert picture.count() == 1
    assert page.evaluate("document.querySelector('img.shot').naturalWidth") > 100  # CSP let it in
    _no_overlap(page)
    out = ROOT / "test-artifacts"
    out.mkdir(exist_ok=True)
    page.screenshot(path=str(out / "report.png"), full_page=True)
    assert (out / "report.png").stat().st_size > 10_000
    first.click()
    assert detail.count() == 0


def _no_overlap(page: Any) -> None:
    """At 1,400 px nothing spills sideways and no two boxes side by side overlap."""
    assert page.evaluate("document.documentElement.scrollWidth") <= 1400
    groups = page.evaluate(
        """() => [...document.querySelectorAll('main, .cards, .grid')].map(parent =>
              [...parent.children].filter(e => e.tagName !== 'SCRIPT').map(e => {
                  const r = e.getBoundingClientRect();
                  return [e.id || e.className || e.tagName, r.left, r.top, r.right, r.bottom];
              }))"""
    )
    assert sum(len(g) for g in groups) > 10
    spilled = page.evaluate(
        """() => [...document.querySelectorAll('.grid > div, .cards > div')]
              .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.id || e.className)"""
    )
    assert spilled == []  # no table wider than its box
    for boxes in groups:
        for i, a in enumerate(boxes):
            assert a[3] <= 1400, a
            for b in boxes[i + 1 :]:
                apart = a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2]
                assert apart, (a, b)
