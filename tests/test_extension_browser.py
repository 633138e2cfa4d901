"""The browser extension (extension/) end to end in Debian's chromium, new headless, one browser
session for every case: the unpacked extension, a real `detector serve` on loopback with the
shipped model (reached through a recording relay, so the test sees every byte the extension
sends), and local test pages under public-looking names mapped to 127.0.0.1 by the browser's
host resolver rules (the extension's "never send private addresses" rule stays in force).

Labels come from a model that may be retrained, so the test asserts the badge and banner that
match whatever verdict the endpoint returned for each page (read from the relay), except that the
lure page must not be called benign. Screenshots and the page-load timing go to test-artifacts/.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from detector.config import Settings
from tests.conftest import ROOT, wait_until_ready

CHROMIUM = Settings().chromium_path
if not os.path.exists(CHROMIUM):
    pytest.skip(
        f"no chromium at {CHROMIUM}: extension browser tests skipped", allow_module_level=True
    )
sync_api = pytest.importorskip("playwright.sync_api")
pytest.importorskip("uvicorn")

EXT = ROOT / "extension"
PAGES = ROOT / "tests/fixtures/extension_pages"
ARTIFACTS = ROOT / "test-artifacts" / "extension"
KEY = "ext-e2e-key-0123456789abcdef"
HOSTS = {
    "lure.example": "who-viewed.html",
    "explainer.example": "explainer.html",
    "tool.example": "login-tool.html",
    "allowed.example": "allowed.html",
}
LURE = "http://lure.example/who-viewed.html"
EXPLAINER = "http://explainer.example/explainer.html"
TOOL = "http://tool.example/login-tool.html"
ALLOWED = "http://allowed.example/allowed.html"
BADGE = {"scam": "SCAM", "suspicious": "SUS", "benign": "OK", "unverified": "?"}
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--dns-prefetch-disable",
    "--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,MediaRouter",
]


def extension_id() -> str:
    """What Chrome derives from the manifest key: SHA-256 of the DER key, 32 hex digits as a-p."""
    key = json.loads((EXT / "manifest.json").read_text())["key"]
    digest = hashlib.sha256(base64.b64decode(key)).hexdigest()[:32]
    return "".join(chr(ord("a") + int(c, 16)) for c in digest)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Pages(BaseHTTPRequestHandler):
    """The test pages, by the Host the browser asked for; never cached."""

    def do_GET(self) -> None:
        host = (self.headers.get("Host") or "").split(":")[0]
        name = HOSTS.get(host, Path(self.path.split("?")[0]).name)
        path = PAGES / name
        if not name or not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


class Relay:
    """Forwards to the real endpoint and records every request and answer."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.seen: list[dict[str, Any]] = []
        self.delay = 0.0
        # (status, headers, body) answered to the next POSTs instead of the endpoint's answer
        self.inject: list[tuple[int, dict[str, str], bytes]] = []
        self.lock = threading.Lock()
        relay = self

        class Handler(BaseHTTPRequestHandler):
            def _forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if relay.delay:
                    time.sleep(relay.delay)
                with relay.lock:
                    canned = (
                        relay.inject.pop(0) if relay.inject and self.command == "POST" else None
                    )
                if canned is not None:
                    status, canned_headers, content = canned
                    with relay.lock:
                        relay.seen.append(
                            {"method": "POST", "path": self.path, "body": body, "status": status}
                        )
                    self.send_response(status)
                    for k, v in canned_headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(content)))
                    self.end_headers()
                    self.wfile.write(content)
                    return
                headers = {
                    k: v
                    for k, v in self.headers.items()
                    if k.lower() not in ("host", "content-length", "connection")
                }
                answer = httpx.request(
                    self.command,
                    relay.upstream + self.path,
                    headers=headers,
                    content=body,
                    timeout=30,
                )
                record = {
                    "method": self.command,
                    "path": self.path,
                    "headers": dict(self.headers.items()),
                    "body": body,
                    "status": answer.status_code,
                    "answer": answer.content,
                }
                with relay.lock:
                    relay.seen.append(record)
                self.send_response(answer.status_code)
                for k, v in answer.headers.items():
                    if k.lower() not in ("content-length", "transfer-encoding", "connection"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            do_GET = do_POST = do_OPTIONS = _forward

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def posts(self, path: str) -> list[dict[str, Any]]:
        with self.lock:
            return [r for r in self.seen if r["method"] == "POST" and r["path"] == path]

    def clear(self) -> None:
        with self.lock:
            self.seen.clear()


def _serve(port: int, store: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DETECTOR_")}
    env |= {
        "PYTHONPATH": str(ROOT),
        "DETECTOR_API_KEYS": f"extension:{KEY}",
        "DETECTOR_SERVE_CORS_ORIGINS": f"chrome-extension://{extension_id()}",
        "DETECTOR_SERVE_CLIENT_RATE_LIMIT": "1000/minute",
        "DETECTOR_SERVE_RATE_LIMIT": "2000/minute",
        # The privacy-mode test looks up a page this test suite scored in normal mode: a
        # caller's markup answers lookups only when the operator trusts every key holder.
        "DETECTOR_SERVE_LOOKUP_SNAPSHOTS": "1",
    }
    cmd = [sys.executable, "-m", "detector", "serve", "--port", str(port), "--store", str(store)]
    with log.open("w") as out:
        return subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Pages server, endpoint, relay and one browser with the extension loaded."""
    from detector.store import open_store

    tmp = Path(tmp_path_factory.mktemp("extension-e2e"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pages = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=pages.serve_forever, daemon=True).start()
    pages_port = pages.server_address[1]
    store = tmp / "scans.sqlite"
    with open_store(store):
        pass
    port = _free_port()
    proc = _serve(port, store, tmp / "server.log")
    base = f"http://127.0.0.1:{port}"
    relay = Relay(base)
    rules = ", ".join(f"MAP {h} 127.0.0.1:{pages_port}" for h in HOSTS)
    args = [
        *FLAGS,
        f"--host-resolver-rules={rules}",
        f"--disable-extensions-except={EXT}",
        f"--load-extension={EXT}",
    ]
    try:
        wait_until_ready(proc, base, tmp / "server.log")
        with sync_api.sync_playwright() as pw:
            context = pw.chromium.launch_persistent_context(
                str(tmp / "profile"),
                executable_path=CHROMIUM,
                headless=False,  # --headless=new is in FLAGS: the mode that runs extensions
                args=args,
                ignore_default_args=["--disable-extensions"],
                viewport={"width": 1100, "height": 900},
                timeout=60_000,
            )
            try:
                yield {
                    "pw": pw,
                    "context": context,
                    "relay": relay,
                    "base": base,
                    "store": store,
                    "pages_port": pages_port,
                    "rules": rules,
                }
            finally:
                context.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        relay.server.shutdown()
        pages.shutdown()


def _worker(context: Any) -> Any:
    prefix = f"chrome-extension://{extension_id()}/"
    for w in context.service_workers:
        if w.url.startswith(prefix):
            return w
    return context.wait_for_event(
        "serviceworker", predicate=lambda w: w.url.startswith(prefix), timeout=30_000
    )


def _probe(context: Any) -> Any:
    """An extension page kept open for the test's look-ups: it has the same chrome.* access as the
    service worker, and stays valid when the browser stops and restarts the worker."""
    url = f"chrome-extension://{extension_id()}/src/popup.html?probe"
    for p in context.pages:
        if p.url == url:
            return p
    page = context.new_page()
    page.goto(url)
    return page


def _configure(context: Any, **values: Any) -> None:
    _probe(context).evaluate("(v) => chrome.storage.local.set(v)", values)


def _outcome(context: Any, url: str, timeout: float = 20.0) -> dict[str, Any]:
    """The extension's stored outcome and the real toolbar badge text for the tab showing `url`,
    once it is no longer pending."""
    script = """async (url) => {
        const all = await chrome.storage.session.get(null);
        for (const [key, state] of Object.entries(all)) {
            if (key.startsWith("tab:") && state.url === url) {
                const tabId = Number(key.slice(4));
                const text = await chrome.action.getBadgeText({ tabId });
                const title = await chrome.action.getTitle({ tabId });
                return { ...state, text, title, tabId };
            }
        }
        return null;
    }"""
    deadline = time.monotonic() + timeout
    state = None
    while time.monotonic() < deadline:
        state = _probe(context).evaluate(script, url)
        if state and state["note"] != "checking..." and state["badge"] == state["text"]:
            return state
        time.sleep(0.2)
    raise AssertionError(f"no outcome for {url} in {timeout} s: {state}")


def _verdict_for(relay: Relay, url: str) -> dict[str, Any]:
    """The endpoint's answer to the extension's snapshot of `url` (as the relay saw it)."""
    for r in reversed(relay.posts("/v1/score")):
        if json.loads(r["body"])["url"] == url:
            assert r["status"] == 200, r["answer"]
            return json.loads(r["answer"])
    raise AssertionError(f"the extension sent no snapshot of {url}")


def _banner(page: Any) -> Any:
    return page.locator("#tiktok-lure-warning-banner")


def _check_page(world: dict[str, Any], url: str, shot: str) -> dict[str, Any]:
    """Open `url` in a fresh tab; assert badge and banner match the endpoint's verdict."""
    context, relay = world["context"], world["relay"]
    page = context.new_page()
    page.goto(url)
    state = _outcome(context, url)
    verdict = _verdict_for(relay, url)
    label = verdict["label"]
    assert state["text"] == BADGE[label], (state, label)
    assert state["badge"] == state["text"]
    if label == "scam":
        _banner(page).locator("li").first.wait_for(timeout=10_000)
        shown = [r["message"] for r in verdict["reasons"] if r["message"].strip()][:3]
        items = _banner(page).locator("li").all_inner_texts()
        assert items == [f"This page {m.rstrip('. ')}." for m in shown]
    else:
        page.wait_for_timeout(300)
        assert _banner(page).count() == 0
    page.screenshot(path=str(ARTIFACTS / shot), full_page=True)
    page.close()
    return {"label": label, "state": state, "verdict": verdict}


def test_stable_id_and_nothing_sent_until_configured(world: dict[str, Any]) -> None:
    context, relay = world["context"], world["relay"]
    worker = _worker(context)
    assert worker.url == f"chrome-extension://{extension_id()}/src/background.js"
    page = context.new_page()
    page.goto(LURE)
    state = _outcome(context, LURE)
    assert state["text"] == "?" and "no endpoint" in state["note"]
    assert relay.seen == []
    # configure through the options page, as a user does
    page.goto(f"chrome-extension://{extension_id()}/src/options.html")
    page.fill("#endpoint", "http://scoring.example/")
    page.click("#save")
    assert "https" in page.locator("#saved").inner_text()  # refused: plain http off loopback
    page.fill("#endpoint", relay.base)
    page.fill("#apiKey", KEY)
    page.fill("#allowList", "Allowed.Example\n")
    page.click("#save")
    page.locator("#saved", has_text="Saved.").wait_for()
    stored = _probe(context).evaluate("() => chrome.storage.local.get(null)")
    assert stored["endpoint"] == relay.base and stored["allowList"] == ["allowed.example"]
    page.close()


def test_lure_page_badge_banner_report_and_dismiss(world: dict[str, Any]) -> None:
    context, relay = world["context"], world["relay"]
    result = _check_page(world, LURE, "lure.png")
    assert result["label"] != "benign", result["verdict"]
    sent = json.loads(relay.posts("/v1/score")[-1]["body"])
    assert set(sent) == {"url", "kind", "html", "id"} and sent["kind"] == "page"
    assert "PAGE-MARKER-LURE-5521" in sent["html"] and 'type="password"' in sent["html"]
    assert relay.posts("/v1/score")[-1]["headers"]["X-API-Key"] == KEY
    if result["label"] != "scam":
        pytest.skip(f"the model calls the lure page {result['label']}: no banner to act on")
    page = context.new_page()
    page.goto(LURE)
    banner = _banner(page)
    banner.locator("li").first.wait_for(timeout=10_000)
    # the banner sits in the page flow: the page's own controls stay visible and clickable
    page.click("#own-control", timeout=5_000)
    page.fill("input[name=username]", "still-usable")
    assert page.evaluate("window.__ownControl") == 1
    box = banner.bounding_box()
    control = page.locator("#own-control").bounding_box()
    assert box and control and control["y"] >= box["y"] + box["height"] - 1
    page.screenshot(path=str(ARTIFACTS / "lure-banner.png"))
    # report a wrong verdict
    banner.locator("button.report").click()
    banner.locator(".status", has_text="Thank you").wait_for(timeout=15_000)
    reports = relay.posts("/v1/report")
    assert len(reports) == 1 and reports[0]["status"] == 202
    body = json.loads(reports[0]["body"])
    assert body["url"] == LURE and body["expected"] == "benign"
    assert body["verdict_id"] == _verdict_for(relay, LURE)["id"]
    # dismiss: gone now and remembered for the site
    banner.locator("button.dismiss").click()
    assert banner.count() == 0
    page.reload()
    state = _outcome(context, LURE)
    assert state["text"] == "SCAM"
    page.wait_for_timeout(500)
    assert _banner(page).count() == 0
    page.close()
    _probe(context).evaluate("() => chrome.storage.local.remove('dismissed')")


def test_honest_explainer_and_login_tool(world: dict[str, Any]) -> None:
    explainer = _check_page(world, EXPLAINER, "explainer.png")
    tool = _check_page(world, TOOL, "login-tool.png")
    (ARTIFACTS / "labels.json").write_text(
        json.dumps(
            {"explainer": explainer["label"], "tool": tool["label"]}, indent=2, sort_keys=True
        )
    )


def test_popup_shows_the_verdict_and_reports_it(world: dict[str, Any]) -> None:
    context, relay = world["context"], world["relay"]
    page = context.new_page()
    page.goto(EXPLAINER)
    state = _outcome(context, EXPLAINER)
    label = _verdict_for(relay, EXPLAINER)["label"]
    popup = context.new_page()
    popup.goto(f"chrome-extension://{extension_id()}/src/popup.html?tab={state['tabId']}")
    titles = {
        "scam": "looks like a scam",
        "suspicious": "looks suspicious",
        "benign": "No scam signs",
        "unverified": "No answer",
    }
    popup.locator("#verdict", has_text=titles[label]).wait_for(timeout=5_000)
    if label == "unverified":
        assert popup.locator("#report").is_hidden()
        return
    before = len(relay.posts("/v1/report"))
    popup.click("#report")
    popup.locator("#status", has_text="Thank you").wait_for(timeout=15_000)
    popup.screenshot(path=str(ARTIFACTS / "popup.png"))
    reports = relay.posts("/v1/report")
    assert len(reports) == before + 1 and reports[-1]["status"] == 202
    body = json.loads(reports[-1]["body"])
    assert body["url"] == EXPLAINER
    assert body["expected"] == ("scam" if label == "benign" else "benign")
    popup.close()
    page.close()


def test_allow_list_and_private_address_are_never_sent(world: dict[str, Any]) -> None:
    context, relay = world["context"], world["relay"]
    relay.clear()
    page = context.new_page()
    page.goto(ALLOWED)
    state = _outcome(context, ALLOWED)
    assert state["text"] == "OK" and "allow-list" in state["note"]
    assert _banner(page).count() == 0
    page.screenshot(path=str(ARTIFACTS / "allowed.png"))
    private = f"http://127.0.0.1:{world['pages_port']}/who-viewed.html"
    page.goto(private)
    state = _outcome(context, private)
    assert state["text"] == "?" and "private" in state["note"]
    page.wait_for_timeout(500)
    assert relay.seen == []
    page.close()


def test_state_survives_a_stopped_service_worker(world: dict[str, Any]) -> None:
    """MV3 stops idle service workers at any time: stop it here; the next page wakes a new one,
    which still knows the settings (endpoint, key, allow-list: all in chrome.storage) and scores."""
    context = world["context"]
    cdp = context.browser.new_browser_cdp_session()
    targets = cdp.send("Target.getTargets")["targetInfos"]
    prefix = f"chrome-extension://{extension_id()}/"
    workers = [t for t in targets if t["type"] == "service_worker" and t["url"].startswith(prefix)]
    assert len(workers) == 1
    assert cdp.send("Target.closeTarget", {"targetId": workers[0]["targetId"]})["success"]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        running = [
            t
            for t in cdp.send("Target.getTargets")["targetInfos"]
            if t["type"] == "service_worker" and t["url"].startswith(prefix)
        ]
        if not running:
            break
        time.sleep(0.1)
    assert not running, "the service worker did not stop"
    cdp.detach()
    page = context.new_page()
    url = TOOL + "?after-stop"
    page.goto(url)
    state = _outcome(context, url)
    assert state["text"] == BADGE[_verdict_for(world["relay"], url)["label"]]
    page.goto(ALLOWED + "?after-stop")
    assert _outcome(context, ALLOWED + "?after-stop")["text"] == "OK"
    page.close()


def test_privacy_mode_sends_only_prefixes(world: dict[str, Any]) -> None:
    context, relay = world["context"], world["relay"]
    # score the lure page once more in normal mode: the worker indexes its own verdict
    _check_page(world, LURE, "lure.png")
    label = _verdict_for(relay, LURE)["label"]
    relay.clear()
    _configure(context, privacyMode=True)
    try:
        page = context.new_page()
        page.goto(LURE)
        state = _outcome(context, LURE)
        # the worker indexed its own verdict for this URL: the lookup finds it by full hash
        assert state["text"] == (BADGE[label] if label != "unverified" else "?")
        if label == "scam":
            _banner(page).locator("li").first.wait_for(timeout=10_000)
        page.screenshot(path=str(ARTIFACTS / "privacy-mode.png"))
        page.goto(EXPLAINER)
        _outcome(context, EXPLAINER)
        page.close()
    finally:
        _configure(context, privacyMode=False)
    assert relay.seen, "privacy mode sent nothing at all"
    from detector.serve.lookup import canonical_url, sha256_hex

    full = {sha256_hex(canonical_url(u) or "") for u in (LURE, EXPLAINER)}
    for r in relay.seen:
        assert (r["method"], r["path"]) in (("POST", "/v1/lookup"), ("OPTIONS", "/v1/lookup"))
        raw = r["body"].decode()
        for secret in ("lure.example", "explainer.example", "who-viewed", "PAGE-MARKER", "<html"):
            assert secret not in raw and secret not in json.dumps(r["headers"])
        if r["method"] == "POST":
            body = json.loads(raw)
            assert set(body) == {"prefixes"} and all(len(p) == 8 for p in body["prefixes"])
            assert not any(h in raw for h in full)


def test_endpoint_down_gives_question_mark_and_options_show_why(world: dict[str, Any]) -> None:
    context = world["context"]
    closed = f"http://127.0.0.1:{_free_port()}"
    _configure(context, endpoint=closed)
    _probe(context).evaluate("() => chrome.storage.local.remove('lastError')")
    try:
        page = context.new_page()
        started = time.monotonic()
        page.goto(TOOL)
        loaded = time.monotonic() - started
        state = _outcome(context, TOOL)
        assert state["text"] == "?" and "no answer" in state["note"]
        assert loaded < 5, loaded
        page.goto(f"chrome-extension://{extension_id()}/src/options.html")
        err = page.locator("#lastError")
        err.filter(has_text="could not be reached").wait_for(timeout=10_000)
        page.screenshot(path=str(ARTIFACTS / "options-endpoint-down.png"), full_page=True)
        # an endpoint that answers with an error: a key it does not know
        _configure(context, endpoint=world["relay"].base, apiKey="wrong-key-000000000000")
        page.goto(EXPLAINER + "?bad-key")
        state = _outcome(context, EXPLAINER + "?bad-key")
        assert state["text"] == "?" and _banner(page).count() == 0
        page.goto(f"chrome-extension://{extension_id()}/src/options.html")
        page.locator("#lastError").filter(has_text="refused the API key").wait_for(timeout=10_000)
        page.close()
    finally:
        _configure(context, endpoint=world["relay"].base, apiKey=KEY)


def test_a_rate_limited_extension_waits_as_asked(world: dict[str, Any]) -> None:
    """A 429 with Retry-After: 30 (as the endpoint sends it) pauses the automatic checks: the
    next page is not sent, its badge says why, and the options page names the pause."""
    context, relay = world["context"], world["relay"]
    probe = _probe(context)
    probe.evaluate("() => chrome.storage.session.remove('pause')")
    error = {"error": {"code": "rate_limited", "message": "rate limit reached", "field": None}}
    headers = {
        "Content-Type": "application/json",
        "Retry-After": "30",
        "Access-Control-Allow-Origin": f"chrome-extension://{extension_id()}",
        "Access-Control-Expose-Headers": "retry-after",
    }
    relay.clear()
    relay.inject.append((429, headers, json.dumps(error).encode()))
    try:
        page = context.new_page()
        page.goto(EXPLAINER + "?limited")
        assert _outcome(context, EXPLAINER + "?limited")["text"] == "?"
        assert [r["status"] for r in relay.posts("/v1/score")] == [429]
        pause = probe.evaluate("async () => (await chrome.storage.session.get('pause')).pause")
        assert pause and 25_000 < pause["until"] - time.time() * 1000 <= 30_000
        page.goto(TOOL + "?while-paused")
        state = _outcome(context, TOOL + "?while-paused")
        assert state["text"] == "?" and "asked the extension to wait" in state["note"]
        assert len(relay.posts("/v1/score")) == 1  # nothing sent during the pause
        page.goto(f"chrome-extension://{extension_id()}/src/options.html")
        page.locator("#lastError").filter(has_text="waits 30 s").wait_for(timeout=10_000)
        page.close()
    finally:
        relay.inject.clear()
        probe.evaluate("() => chrome.storage.session.remove('pause')")
    page = context.new_page()  # the pause over: checked again
    page.goto(TOOL + "?after-pause")
    assert _outcome(context, TOOL + "?after-pause")["text"] != "?"
    page.close()


def _load_ms(page: Any, url: str) -> float:
    page.goto(url, wait_until="load")
    return float(
        page.evaluate(
            "() => { const n = performance.getEntriesByType('navigation')[0];"
            " return n.loadEventEnd - n.startTime; }"
        )
    )


def test_page_load_with_and_without_the_extension(world: dict[str, Any], tmp_path: Path) -> None:
    """Median load time (navigation start to the end of the load event) of the lure page in the
    browser with the extension, working against a slow endpoint (1 s per answer), and in a second
    browser launched the same way without it. Alternating, after one warm-up load each, with a
    pause after every load so work left over from one load does not land in the next one."""
    context, relay, pw = world["context"], world["relay"], world["pw"]
    runs = 15
    plain = pw.chromium.launch_persistent_context(
        str(tmp_path / "plain-profile"),
        executable_path=CHROMIUM,
        headless=False,
        args=[*FLAGS, f"--host-resolver-rules={world['rules']}"],
        viewport={"width": 1100, "height": 900},
        timeout=60_000,
    )
    relay.delay = 1.0
    try:
        bare = plain.new_page()
        ext_page = context.new_page()
        _load_ms(ext_page, f"{LURE}?warm-up")
        _load_ms(bare, f"{LURE}?warm-up")
        with_ext: list[float] = []
        without: list[float] = []
        for i in range(runs):
            url = f"{LURE}?run={i}"
            order = [(ext_page, with_ext), (bare, without)]
            for page, into in order if i % 2 == 0 else order[::-1]:
                into.append(_load_ms(page, url))
                page.wait_for_timeout(300)
        state = _outcome(context, f"{LURE}?run={runs - 1}", timeout=30)
        assert state["text"] in BADGE.values()
    finally:
        relay.delay = 0.0
        plain.close()
    med_with, med_without = statistics.median(with_ext), statistics.median(without)
    figures = {
        "runs": runs,
        "median_ms_with_extension": round(med_with, 1),
        "median_ms_without_extension": round(med_without, 1),
        "ratio": round(med_with / med_without, 3),
        "endpoint_delay_s": 1.0,
        "with_extension_ms": [round(x, 1) for x in with_ext],
        "without_extension_ms": [round(x, 1) for x in without],
    }
    (ARTIFACTS / "page-load.json").write_text(json.dumps(figures, indent=2))
    print(f"page load with/without the extension: {figures}")
    # The page never waits for the endpoint (it answers after 1 s). The bound only catches a gross
    # regression (a capture or a request in the page's load path): on the shared 2-core machine
    # single loads of this small page swing between 30 and 160 ms either way.
    assert med_with < 1000
    assert med_with - med_without < 100, figures
