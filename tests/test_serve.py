"""The scoring endpoint through the ASGI client: routes, keys, limits, bad input, privacy."""

from __future__ import annotations

import asyncio
import functools
import gzip
import hashlib
import json
import logging
import re
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from detector.config import Settings
from detector.errors import ConfigError
from detector.serve import create_app
from detector.serve.cache import TTLCache
from detector.serve.keys import KeyRing, digest, hashed_line
from detector.serve.lookup import (
    canonical_host,
    canonical_url,
    client_matches,
    client_request,
    sha256_hex,
)
from tests.conftest import fake_dns

KEY = "test-key-0123456789abcdef"
OTHER = "other-key-0123456789abcdef"
H = {"X-API-Key": KEY}
ORIGIN = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
LURE = (
    "<html><head><title>See who viewed your TikTok profile</title></head><body>"
    "<h1>Who viewed your TikTok? Find out free</h1>"
    "<form action='https://collect.example/p' method=post><input name=username>"
    "<input type=password name=password><button>Log in with TikTok</button></form></body></html>"
)


def _settings(tmp_path: Path, **kw: Any) -> Settings:
    base: dict[str, Any] = {
        "api_keys": f"ext:{KEY},ops:{OTHER}",
        "serve_cors_origins": ORIGIN,
        "serve_store": str(tmp_path / "serve.sqlite"),
        "serve_rate_limit": "1000/minute",
        "serve_client_rate_limit": "1000/minute",
        "max_request_bytes": 1_000_000,
    }
    return Settings(**(base | kw))


@pytest.fixture()
def client(shipped: Any, tmp_path: Path) -> Any:
    with TestClient(create_app(_settings(tmp_path), detector=shipped)) as c:
        yield c


def _err(resp: Any) -> dict[str, Any]:
    body = resp.json()
    assert set(body) == {"error"}, body
    return dict(body["error"])


# -- keys ----------------------------------------------------------------------------------------


def test_keys_are_hashed_named_and_matched(tmp_path: Path) -> None:
    keys_file = tmp_path / "keys"
    keys_file.write_text(f"# team keys\n{hashed_line('file', OTHER)}\n")
    ring = KeyRing.from_settings(Settings(api_keys=f"ext:{KEY}", api_keys_file=str(keys_file)))
    assert ring.match(KEY) == "ext" and ring.match(OTHER) == "file"
    assert ring.match(KEY + "x") is None and ring.match("") is None and ring.match(None) is None
    assert KEY not in repr(ring) and OTHER not in repr(ring)
    assert ("ext", digest(KEY)) in ring.entries
    from_env = KeyRing.from_settings(Settings(api_keys=f"env:sha256:{digest(KEY).hex()}"))
    assert from_env.match(KEY) == "env"


@pytest.mark.parametrize(
    "value", ["nocolon", "ext:short", "bad name:0123456789abcdefghij", "a:sha256:zz"]
)
def test_bad_key_entries_are_refused_without_echoing_the_key(value: str) -> None:
    with pytest.raises(ConfigError) as info:
        KeyRing.from_settings(Settings(api_keys=value))
    assert "0123456789abcdefghij" not in str(info.value)


def test_app_refuses_to_start_without_keys_or_with_a_wildcard_origin(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no API keys"):
        create_app(Settings())
    with pytest.raises(ConfigError, match="CORS origin"):
        create_app(_settings(tmp_path, serve_cors_origins="*"))
    with pytest.raises(ConfigError, match="rate-limit storage"):
        create_app(_settings(tmp_path, serve_rate_limit_storage="nosuch://x"))
    with pytest.raises(ConfigError, match="bad rate limit"):
        create_app(_settings(tmp_path, serve_rate_limit="lots"))


def test_v1_routes_need_a_known_key_and_health_does_not(client: Any) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    for headers in ({}, {"X-API-Key": "not-a-known-key-at-all"}):
        resp = client.post("/v1/score", json={"url": "https://a.example/"}, headers=headers)
        assert resp.status_code == 401
        assert _err(resp)["field"] == "x-api-key"
        assert client.get("/v1/model", headers=headers).status_code == 401
    assert client.get("/v1/model", headers={"X-API-Key": OTHER}).status_code == 200


# -- scoring -------------------------------------------------------------------------------------


def test_score_snapshot_follows_the_verdict_contract_and_is_cached(client: Any) -> None:
    body = {"url": "https://who-viewed.example/", "html": LURE, "id": "tab-7"}
    first = client.post("/v1/score", json=body, headers=H)
    assert first.status_code == 200
    v = first.json()
    assert {"id", "url", "kind", "score", "label", "reasons", "claims", "model", "error"} <= set(v)
    assert v["id"] == "tab-7" and v["basis"] == "page" and v["label"] == "scam"
    assert v["error"] is None and 0.0 <= v["score"] <= 1.0 and v["reasons"]
    assert v["cached"] is False
    again = client.post("/v1/score", json=body | {"id": "tab-8"}, headers=H).json()
    assert again["cached"] is True and again["id"] == "tab-8" and again["score"] == v["score"]
    changed = client.post("/v1/score", json=body | {"html": LURE + "<p>x</p>"}, headers=H).json()
    assert changed["cached"] is False


def test_batch_scores_in_order_and_is_bounded(client: Any) -> None:
    snaps = [
        {"url": "https://who-viewed.example/", "html": LURE, "id": 1},
        {"text": "How to change your TikTok profile picture", "id": 2},
    ]
    resp = client.post("/v1/score/batch", json={"snapshots": snaps}, headers=H)
    assert resp.status_code == 200
    assert [v["id"] for v in resp.json()["verdicts"]] == [1, 2]
    too_many = {"snapshots": [{"text": "hello"}] * 33}
    resp = client.post("/v1/score/batch", json=too_many, headers=H)
    assert resp.status_code == 422 and _err(resp)["field"] == "snapshots"
    resp = client.post(
        "/v1/score/batch", json={"snapshots": [{"text": "ok"}, {"htm": 1}]}, headers=H
    )
    assert resp.status_code == 422 and _err(resp)["field"] == "snapshots.1.htm"
    internal = {"snapshots": [{"text": "ok"}, {"url": "http://127.0.0.1/"}]}
    resp = client.post("/v1/score/batch", json=internal, headers=H)
    assert resp.status_code == 422 and _err(resp)["field"] == "snapshots.1.url"


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://127.0.0.1:8080/admin", "fetch.blocked_address"),
        ("http://169.254.169.254/latest/meta-data/", "fetch.blocked_address"),
        ("http://[::1]/", "fetch.blocked_address"),
        ("http://0x7f000001/", "fetch.blocked_address"),
        ("http://metadata.google.internal/", "fetch.blocked_address"),
        ("http://10.1.2.3/", "fetch.blocked_address"),
        ("ftp://files.example/x", "fetch.invalid_url"),
    ],
)
def test_bare_urls_to_internal_addresses_are_refused(client: Any, url: str, code: str) -> None:
    resp = client.post("/v1/score", json={"url": url}, headers=H)
    assert resp.status_code == 422
    err = _err(resp)
    assert err["field"] == "url" and err["code"] == code


def test_a_name_resolving_to_a_private_address_is_refused(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_dns(monkeypatch, {"intranet.example": ["192.168.1.10"]})
    resp = client.post("/v1/score", json={"url": "https://intranet.example/"}, headers=H)
    assert resp.status_code == 422 and _err(resp)["code"] == "fetch.blocked_address"


def test_unresolvable_bare_url_is_scored_from_the_url_and_never_called_benign(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_dns(monkeypatch, {})
    resp = client.post("/v1/score", json={"url": "https://plain-site.example/about"}, headers=H)
    assert resp.status_code == 200
    v = resp.json()
    assert v["basis"] == "url" and v["label"] != "benign" and v["fetch_error"]


def test_bare_url_is_fetched_through_the_guard(
    shipped: Any, tmp_path: Path, httpserver: Any
) -> None:
    httpserver.expect_request("/lure").respond_with_data(LURE, content_type="text/html")
    settings = _settings(tmp_path, allow_loopback=True, obey_robots=False)
    with TestClient(create_app(settings, detector=shipped)) as c:
        resp = c.post("/v1/score", json={"url": httpserver.url_for("/lure")}, headers=H)
    assert resp.status_code == 200
    v = resp.json()
    assert v["basis"] == "page" and v["label"] == "scam"
    assert len(httpserver.log) == 1


def test_a_bare_url_gets_its_answer_within_the_fetch_timeout(
    shipped: Any, tmp_path: Path, httpserver: Any
) -> None:
    # Each request of the fetch within its own timeout, their sum well past the setting:
    # robots.txt and the page 0.8 s each, four same-site scripts 0.3 s each (over their cap).
    def slow(seconds: float, body: str, kind: str) -> Any:
        from werkzeug import Response

        def handler(_request: Any) -> Any:
            time.sleep(seconds)
            return Response(body, content_type=kind)

        return handler

    scripts = "".join(f"<script src='/s{i}.js'></script>" for i in range(4))
    httpserver.expect_request("/robots.txt").respond_with_handler(
        slow(0.8, "User-agent: *\nAllow: /\n", "text/plain")
    )
    httpserver.expect_request("/slow").respond_with_handler(slow(0.8, LURE + scripts, "text/html"))
    for i in range(4):
        httpserver.expect_request(f"/s{i}.js").respond_with_handler(
            slow(0.3, "var x = 1;", "application/javascript")
        )
    settings = _settings(tmp_path, allow_loopback=True, serve_fetch_timeout=1.0)
    app = create_app(settings, detector=shipped)
    with TestClient(app) as c:
        began = time.monotonic()
        resp = c.post("/v1/score", json={"url": httpserver.url_for("/slow")}, headers=H)
        took = time.monotonic() - began
        v = resp.json()
        assert resp.status_code == 200 and took < 1.7, took
        assert v["basis"] == "url" and v["label"] != "benign" and v["fetch_error"]
        assert "timeout" in json.dumps(v["fetch_error"])
        assert c.get("/healthz").status_code == 200
    # The fetch the caller stopped waiting for still ends by its own timeouts: let it, before
    # the next test's requests reach the same local server.
    app.state.service.fetcher.shutdown(wait=True)


# -- bad input -----------------------------------------------------------------------------------

JSON = {"content-type": "application/json"}


@pytest.mark.parametrize(
    ("body", "headers", "status", "code", "field"),
    [
        (b'{"url": "https://a.example/", ', JSON, 400, "request.malformed", None),
        (b'{"url": "\xff\xfe\xfa"}', JSON, 400, "request.malformed", None),
        (b"[1, 2]", JSON, 422, "request.invalid", None),
        (b'{"url": 5}', JSON, 422, "request.invalid", "url"),
        (b'{"html": ["a"]}', JSON, 422, "request.invalid", "html"),
        (b'{"url": "https://a.example/", "status": "200"}', JSON, 422, "request.invalid", "status"),
        (b"{}", JSON, 422, "request.invalid", None),
        (b'{"url": "https://a.example/", "htm": "x"}', JSON, 422, "request.invalid", "htm"),
        (b'{"kind": "tweet", "text": "x"}', JSON, 422, "request.invalid", "kind"),
        (b'{"html": "\\u0000\\u0001\\u0002ELF"}', JSON, 422, "request.invalid", "html"),
        (b'{"text": "a\\ud800b"}', JSON, 422, "request.invalid", "text"),
        (b'{"listing": {"rating": "5"}}', JSON, 422, "request.invalid", "listing.rating"),
        (b'{"url": "https://a.example/"}', {"content-type": "text/plain"}, 415, None, None),
        (b'{"url": "https://a.example/"}', {}, 415, "request.content_type", "content-type"),
        # JSON is UTF-8: another declared charset is refused by name, not misread.
        (
            '{"text": "caf\u00e9"}'.encode("latin-1"),
            {"content-type": "application/json; charset=ISO-8859-1"},
            415,
            "request.content_type",
            "content-type",
        ),
        (
            '{"text": "x"}'.encode("utf-16"),
            {"content-type": 'application/json; charset="utf-16"'},
            415,
            "request.content_type",
            "content-type",
        ),
        # A compressed body is refused, not taken for malformed JSON (nor inflated).
        (
            gzip.compress(b'{"url": "https://a.example/"}', mtime=0),
            JSON | {"content-encoding": "gzip"},
            415,
            "request.content_encoding",
            "content-encoding",
        ),
        (
            b'{"url": "https://a.example/"}',
            JSON | {"content-encoding": "identity, br"},
            415,
            "request.content_encoding",
            "content-encoding",
        ),
    ],
)
def test_bad_input_gets_a_clear_4xx_naming_the_field(
    client: Any, body: bytes, headers: dict[str, str], status: int, code: Any, field: Any
) -> None:
    resp = client.post("/v1/score", content=body, headers=H | headers)
    assert resp.status_code == status, resp.text
    err = _err(resp)
    assert err["message"]
    if code:
        assert err["code"] == code
    if field:
        assert err["field"] == field and field in err["message"]
    assert client.get("/healthz").status_code == 200  # still up


def test_every_document_route_decodes_its_body_with_the_fast_parser(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from detector.serve import jsonbody

    seen: list[bytes] = []
    fast = jsonbody.from_json

    def recorded(data: bytes, **kw: Any) -> Any:
        seen.append(data)
        return fast(data, **kw)

    monkeypatch.setattr(jsonbody, "from_json", recorded)
    one = json.dumps({"html": LURE}).encode()
    assert client.post("/v1/score", content=one, headers=H | JSON).json()["label"] == "scam"
    batch = json.dumps({"snapshots": [{"html": LURE}, {"text": "a recipe"}]}).encode()
    assert (
        len(client.post("/v1/score/batch", content=batch, headers=H | JSON).json()["verdicts"]) == 2
    )
    lookup = b'{"prefixes": ["abcd"]}'
    assert client.post("/v1/lookup", content=lookup, headers=H | JSON).status_code == 200
    assert seen == [one, batch, lookup]


def test_utf8_charset_and_identity_encoding_are_plain_json(client: Any) -> None:
    for headers in (
        {"content-type": "application/json; charset=UTF-8"},
        {"content-type": 'application/json;charset="utf8"'},
        JSON | {"content-encoding": "identity"},
    ):
        resp = client.post("/v1/score", content=b'{"text": "caf\xc3\xa9"}', headers=H | headers)
        assert resp.status_code == 200, (headers, resp.text)


def test_a_repeated_api_key_header_is_refused_whichever_comes_first(client: Any) -> None:
    # A proxy that checks one of two keys and an app that uses the other would disagree about
    # who is calling: two keys are no key.
    for keys in ((KEY, "not-a-key"), ("not-a-key", KEY), (KEY, KEY)):
        resp = client.post(
            "/v1/score", json={"text": "x"}, headers=[("X-API-Key", k) for k in keys]
        )
        assert resp.status_code == 401, keys
        err = _err(resp)
        assert err["code"] == "auth.key" and err["field"] == "x-api-key"
        assert "one X-API-Key" in err["message"] and KEY not in resp.text
    assert client.post("/v1/score", json={"text": "x"}, headers=H).status_code == 200


def test_oversized_bodies_get_413_declared_or_streamed(client: Any) -> None:
    big = b'{"html": "' + b"a" * 50_000_000 + b'"}'
    resp = client.post("/v1/score", content=big, headers=H | JSON)
    assert resp.status_code == 413 and _err(resp)["code"] == "request.too_large"

    def chunks() -> Any:
        yield b'{"html": "'
        for _ in range(40):
            yield b"a" * 50_000
        yield b'"}'

    resp = client.post("/v1/score", content=chunks(), headers=H | JSON)
    assert resp.status_code == 413
    assert client.post("/v1/score", json={"text": "still up"}, headers=H).status_code == 200


def test_deep_markup_is_scored_not_a_crash(client: Any) -> None:
    deep = "<div>" * 100_000 + "who viewed your tiktok" + "</div>" * 100_000
    resp = client.post("/v1/score", json={"html": deep[:900_000]}, headers=H)
    assert resp.status_code == 200 and resp.json()["error"] is None


# -- limits, CORS, headers -----------------------------------------------------------------------


def test_rate_limit_per_key_answers_429_with_retry_after(shipped: Any, tmp_path: Path) -> None:
    settings = _settings(tmp_path, serve_rate_limit="3/minute")
    with TestClient(create_app(settings, detector=shipped)) as c:
        codes = [c.get("/v1/model", headers=H).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        resp = c.get("/v1/model", headers=H)
        assert resp.status_code == 429 and _err(resp)["code"] == "rate.limited"
        assert 1 <= int(resp.headers["retry-after"]) <= 60
        assert c.get("/v1/model", headers={"X-API-Key": OTHER}).status_code == 200  # own budget


def test_rate_limit_per_client_address(shipped: Any, tmp_path: Path) -> None:
    settings = _settings(tmp_path, serve_client_rate_limit="2/minute")
    app = create_app(settings, detector=shipped)
    with TestClient(app) as a, TestClient(app, client=("203.0.113.9", 5000)) as b:
        assert [a.get("/v1/model", headers=H).status_code for _ in range(3)] == [200, 200, 429]
        assert b.get("/v1/model", headers=H).status_code == 200  # another address, same key


def test_cors_preflight_from_the_extension_origin_only(client: Any) -> None:
    ask = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,x-api-key",
    }
    ok = client.options("/v1/score", headers=ask | {"Origin": ORIGIN})
    assert ok.status_code == 200
    assert ok.headers["access-control-allow-origin"] == ORIGIN
    assert "x-api-key" in ok.headers["access-control-allow-headers"].lower()
    other = client.options("/v1/score", headers=ask | {"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    resp = client.post("/v1/score", json={"text": "hi"}, headers=H | {"Origin": ORIGIN})
    assert resp.headers["access-control-allow-origin"] == ORIGIN


def test_security_headers_on_every_response(client: Any) -> None:
    for resp in (
        client.get("/healthz"),
        client.post("/v1/score", json={"text": "x"}),
        client.post("/v1/score", content=b"x" * 2_000_000, headers=H | JSON),
    ):
        assert resp.headers["x-content-type-options"] == "nosniff"
        assert resp.headers["cache-control"] == "no-store"
        assert "frame-ancestors 'none'" in resp.headers["content-security-policy"]


def test_logs_carry_hashes_not_urls_bodies_or_keys(
    client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    url = "https://secret-lure.example/p?token=s3cr3t"
    with caplog.at_level(logging.INFO):
        client.post("/v1/score", json={"url": url, "html": LURE + "MARKER-XYZ"}, headers=H)
        client.post("/v1/report", json={"url": url, "expected": "scam"}, headers=H)
    text = caplog.text
    assert "POST /v1/score 200" in text
    assert sha256_hex(canonical_url(url) or "")[:12] in text
    for secret in ("secret-lure", "s3cr3t", "MARKER-XYZ", KEY):
        assert secret not in text


def test_the_access_line_says_how_long_scoring_took(
    client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    body = {"url": "https://timing.example/", "html": LURE + "<p>timing</p>"}
    with caplog.at_level(logging.INFO, logger="detector.serve"):
        client.post("/v1/score", json=body, headers=H)
        client.post("/v1/score", json=body, headers=H)  # answered from the cache
        client.get("/healthz")
    lines = [r.getMessage() for r in caplog.records if " key=" in r.getMessage()]
    assert [line.split(" ", 3)[:3] for line in lines] == [
        ["POST", "/v1/score", "200"],
        ["POST", "/v1/score", "200"],
        ["GET", "/healthz", "200"],
    ]
    scored = re.search(r" (\d+\.\d)ms .* queue=(\d+\.\d)ms score=(\d+\.\d)ms$", lines[0])
    assert scored is not None, lines[0]
    total, queue, score = (float(g) for g in scored.groups())
    assert score > 0 and queue + score <= total + 0.2  # both inside the request's own time
    assert lines[1].endswith("queue=- score=-")  # nothing was scored
    assert lines[2].endswith("queue=- score=-")


# -- model, health ------------------------------------------------------------------------------


def test_model_route_names_thresholds_and_metrics(client: Any, shipped: Any) -> None:
    body = client.get("/v1/model", headers=H).json()
    assert body["model"] == shipped.model_name
    assert set(body["thresholds"]) >= {"scam", "suspicious"}
    assert body["metrics"]


def test_ready_only_after_start_up_and_one_native_thread(shipped: Any, tmp_path: Path) -> None:
    from threadpoolctl import threadpool_info

    app = create_app(_settings(tmp_path), detector=shipped)
    cold = TestClient(app)  # no lifespan run yet
    page = {"url": "https://who-viewed.example/", "html": LURE}
    for resp in (cold.get("/readyz"), cold.post("/v1/score", json=page, headers=H)):
        assert resp.status_code == 503 and _err(resp)["code"] == "not_ready"
        assert resp.headers["retry-after"] == "5"  # clients (the extension) wait, then retry
    with TestClient(app) as c:
        ready = c.get("/readyz").json()
        pools = app.state.service.executor.submit(threadpool_info).result()
    assert ready["status"] == "ready" and ready["native_threads"] == 1
    assert pools and all(p["num_threads"] == 1 for p in pools)


def test_probes_answer_head_as_get_without_a_body(shipped: Any, tmp_path: Path) -> None:
    app = create_app(_settings(tmp_path), detector=shipped)
    cold = TestClient(app).head("/readyz")
    assert cold.status_code == 503 and cold.content == b"" and cold.headers["retry-after"] == "5"
    with TestClient(app) as c:
        for path in ("/healthz", "/readyz"):
            got, head = c.get(path), c.head(path)
            assert head.status_code == got.status_code == 200 and head.content == b""
            assert head.headers["content-length"] == str(len(got.content))
            assert head.headers["x-content-type-options"] == "nosniff"
        assert c.head("/v1/model", headers=H).status_code == 405  # only the probes
    ops = app.openapi()["paths"]
    assert {"get", "head"} <= ops["/healthz"].keys() and {"get", "head"} <= ops["/readyz"].keys()


def test_a_model_that_fails_verification_stops_start_up(tmp_path: Path) -> None:
    from detector.errors import ModelLoadError

    broken = tmp_path / "model"
    broken.mkdir()
    (broken / "model.json").write_text("{}")
    app = create_app(_settings(tmp_path, model_path=str(broken)))
    with pytest.raises(ModelLoadError), TestClient(app):
        pass


# -- lookup (privacy mode) and reports ----------------------------------------------------------


class Recorder:
    """ASGI wrapper that keeps every byte the server receives: path, query, headers, body."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.seen: list[bytes] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self.seen.append(scope["path"].encode() + b"?" + scope.get("query_string", b""))
            self.seen.extend(k + b": " + v for k, v in scope["headers"])

        async def recording() -> Any:
            message = await receive()
            self.seen.append(message.get("body", b""))
            return message

        await self.app(scope, recording, send)


def client_lookup(c: Any, url: str) -> list[dict[str, Any]]:
    """What a privacy-mode client does: send prefixes, match full hashes locally."""
    body = client_request(url)
    assert all(len(p) == 8 for p in body["prefixes"]) and len(body["prefixes"]) == 2
    resp = c.post("/v1/lookup", json=body, headers=H)
    assert resp.status_code == 200
    return client_matches(url, resp.json())


def test_lookup_answers_by_hash_prefix_and_never_receives_the_url(
    shipped: Any, tmp_path: Path
) -> None:
    url = "https://who-viewed.example/free?ref=abc"
    app = create_app(_settings(tmp_path, serve_lookup_snapshots=True), detector=shipped)
    with TestClient(app) as c:
        c.post("/v1/score", json={"url": url, "html": LURE}, headers=H)
        recorder = Recorder(app)
        with TestClient(recorder) as private:
            matches = client_lookup(private, url)
            unknown = client_lookup(private, "https://never-seen.example/")
    kinds = {m["kind"]: m for m in matches}
    assert kinds["url"]["verdict"]["label"] == "scam"
    assert kinds["url"]["verdict"]["source"] == "snapshot"
    assert kinds["host"]["host"]["flagged"] == 1
    assert unknown == []
    received = b"\n".join(recorder.seen)
    for secret in (url, canonical_url(url), "who-viewed", sha256_hex(canonical_url(url) or "")):
        assert str(secret).encode() not in received
    assert url not in json.dumps(matches)  # the answer carries hashes, not URLs


def test_lookup_refuses_full_hashes_and_finds_store_verdicts(shipped: Any, tmp_path: Path) -> None:
    stored = "https://stored-lure.example/"
    _store_verdict(tmp_path / "serve.sqlite", shipped, stored, LURE)
    with TestClient(create_app(_settings(tmp_path), detector=shipped)) as c:
        full = hashlib.sha256(stored.encode()).hexdigest()
        resp = c.post("/v1/lookup", json={"prefixes": [full]}, headers=H)
        assert resp.status_code == 422 and _err(resp)["field"].startswith("prefixes")
        assert sorted(m["kind"] for m in client_lookup(c, stored)) == ["host", "url"]


def _store_verdict(path: Path, shipped: Any, url: str, html: str) -> str:
    """Record a scan of ``url`` (as ``html``) in the store at ``path``; returns its label."""
    from detector.records import Snapshot
    from detector.store import open_store

    with open_store(path) as store:
        run_id, _ = store.create_or_resume_run(f"scan-{url}")
        store.add_inputs(run_id, [(url, "{}")])
        snap = Snapshot(url=url, html=html)
        verdict = shipped.score(snap)
        store.record(run_id, url, snap, verdict)
    return str(verdict.label)


HONEST = "<html><head><title>Recipes</title></head><body><p>Bake for 20 minutes.</p></body></html>"


@pytest.mark.parametrize("snapshots_on", [False, True])
def test_no_caller_can_rewrite_what_lookups_say_about_a_scanned_url(
    shipped: Any, tmp_path: Path, snapshots_on: bool
) -> None:
    # A key shipped in an extension is public: whoever holds it can send any markup under any
    # URL. Sent as an honest page, a scanned lure must stay a lure to privacy-mode users; sent
    # as a lure, a scanned honest site must not turn into one.
    lure, honest = "https://known-lure.example/", "https://honest-shop.example/"
    store = tmp_path / "serve.sqlite"
    assert _store_verdict(store, shipped, lure, LURE) == "scam"
    assert _store_verdict(store, shipped, honest, HONEST) == "benign"
    fresh = "https://fresh.example/"
    settings = _settings(tmp_path, serve_lookup_snapshots=snapshots_on)
    with TestClient(create_app(settings, detector=shipped)) as c:
        for url, html in ((lure, HONEST), (honest, LURE), (fresh, LURE)):
            resp = c.post("/v1/score", json={"url": url, "html": html}, headers=H)
            assert resp.status_code == 200
        answers = {u: client_lookup(c, u) for u in (lure, honest, fresh)}
    by_kind = {u: {m["kind"]: m for m in found} for u, found in answers.items()}
    assert by_kind[lure]["url"]["verdict"]["label"] == "scam"
    assert by_kind[lure]["url"]["verdict"]["source"] == "scan"
    assert by_kind[honest]["url"]["verdict"]["label"] == "benign"
    assert by_kind[honest]["host"]["host"]["worst_label"] == "benign"
    # A URL no scan has seen: the caller's markup answers only where the operator said so.
    if snapshots_on:
        assert by_kind[fresh]["url"]["verdict"]["source"] == "snapshot"
    else:
        assert answers[fresh] == []


def _lure_and_gone(tmp_path: Path, httpserver: Any) -> tuple[Settings, str, str]:
    """Settings that let the server fetch from loopback, a lure page and a URL answering 503."""
    httpserver.expect_request("/lure").respond_with_data(LURE, content_type="text/html")
    httpserver.expect_request("/gone").respond_with_data("", status=503)
    settings = _settings(tmp_path, allow_loopback=True, obey_robots=False)
    return settings, httpserver.url_for("/lure"), httpserver.url_for("/gone")


def test_a_page_the_server_fetched_answers_lookups_and_a_failed_fetch_does_not(
    shipped: Any, tmp_path: Path, httpserver: Any
) -> None:
    settings, lure, gone = _lure_and_gone(tmp_path, httpserver)
    with TestClient(create_app(settings, detector=shipped)) as c:
        for url in (lure, gone):
            assert c.post("/v1/score", json={"url": url}, headers=H).status_code == 200
        found = {m["kind"]: m for m in client_lookup(c, lure)}
        failed = client_lookup(c, gone)
    assert found["url"]["verdict"]["source"] == "fetch"
    assert found["url"]["verdict"]["label"] == "scam"
    assert [m for m in failed if m["kind"] == "url"] == []


def test_a_failed_fetch_is_reused_briefly_and_a_fetched_page_for_the_cache_ttl(
    shipped: Any, tmp_path: Path, httpserver: Any
) -> None:
    settings, lure, gone = _lure_and_gone(tmp_path, httpserver)
    app = create_app(settings, detector=shipped)
    now = [0.0]

    def hits(path: str) -> int:
        return sum(1 for request, _ in httpserver.log if request.path == path)

    with TestClient(app) as c:
        app.state.service.cache._clock = lambda: now[0]

        def score(url: str) -> dict[str, Any]:
            resp = c.post("/v1/score", json={"url": url}, headers=H)
            assert resp.status_code == 200
            return dict(resp.json())

        assert not score(gone)["cached"] and score(gone)["cached"]  # within the failed TTL
        assert not score(lure)["cached"] and score(lure)["cached"]
        assert (hits("/gone"), hits("/lure")) == (1, 1)
        now[0] = settings.serve_fetch_failed_ttl + 1  # the failure is fetched again...
        again = score(gone)
        assert not again["cached"] and again["fetch_error"] and hits("/gone") == 2
        assert score(lure)["cached"] and hits("/lure") == 1  # ...the page is not
        now[0] = settings.serve_cache_ttl + 1
        assert not score(lure)["cached"] and hits("/lure") == 2


def test_cache_keeps_an_entry_for_its_own_ttl_capped_by_the_cache_ttl() -> None:
    now = [0.0]
    cache = TTLCache(size=4, ttl=10, clock=lambda: now[0])
    cache.put("short", 1, ttl=2)
    cache.put("long", 2, ttl=60)  # capped at the cache's 10 s
    cache.put("never", 3, ttl=0)
    assert cache.get("never") is None
    now[0] = 3
    assert cache.get("short") is None and cache.get("long") == 2
    now[0] = 11
    assert cache.get("long") is None


def test_report_waits_for_an_analyst_before_it_becomes_a_label(
    client: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from detector.cli import main
    from detector.store import open_store

    body = {"url": "https://honest.example/", "expected": "benign", "note": "an explainer"}
    resp = client.post("/v1/report", json=body, headers=H)
    assert resp.status_code == 202 and resp.json()["status"] == "pending"
    path = tmp_path / "serve.sqlite"
    with open_store(path) as store:
        (row,) = store.reports()
        assert row["reporter"] == "ext" and row["url"] == body["url"]
        assert re.fullmatch(r"[0-9a-f]{16}", row["client_hash"])
        assert store.labels() == []  # nothing reaches training on its own
    assert main(["reports", "accept", str(row["id"]), "--store", str(path)]) == 0
    with open_store(path) as store:
        (label,) = store.labels()
        assert label["label"] == "benign" and store.reports() == []
    assert main(["reports", "reject", str(row["id"]), "--store", str(path)]) == 2  # resolved
    client.post("/v1/report", json={"url": "https://b.example/", "expected": "scam"}, headers=H)
    with open_store(path) as store:
        (second,) = store.reports()
    assert main(["reports", "reject", str(second["id"]), "--store", str(path)]) == 0
    capsys.readouterr()
    assert main(["reports", "list", "--status", "all", "--store", str(path)]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["status"] for r in listed] == ["accepted", "rejected"]
    with open_store(path) as store:
        assert len(store.labels()) == 1  # a rejected report leaves no label
    resp = client.post("/v1/report", json={"url": "x", "expected": "maybe"}, headers=H)
    assert resp.status_code == 422 and _err(resp)["field"] == "expected"


def test_a_report_keeps_no_secret_from_the_address_bar(client: Any, tmp_path: Path) -> None:
    from detector.store import open_store

    url = "https://me:hunter2@shop.example/account?code=4f9a&tab=orders#access_token=eyJab"
    note = "it showed https://x.example/cb?session=77aa1 after I signed in"
    resp = client.post(
        "/v1/report", json={"url": url, "expected": "benign", "note": note}, headers=H
    )
    assert resp.status_code == 202
    with open_store(tmp_path / "serve.sqlite") as store:
        (row,) = store.reports()
    written = json.dumps(row)
    for secret in ("hunter2", "me:", "4f9a", "eyJab", "77aa1"):
        assert secret not in written, secret
    # What an analyst needs to judge the report is kept.
    assert row["url"].startswith("https://shop.example/account?") and "tab=orders" in row["url"]
    assert "after I signed in" in row["note"]


@pytest.mark.parametrize("url", ["\x1f", " ", "x", "javascript:alert(1)", "ftp://a.example/f"])
def test_report_of_something_that_is_not_a_web_address_is_422(client: Any, url: str) -> None:
    # Found by a longer schemathesis run: a URL of only whitespace (``\x1f`` is whitespace to
    # ``str.strip``) reached the store, which refused it, and the client got a 500.
    resp = client.post("/v1/report", json={"url": url, "expected": "scam"}, headers=H)
    assert resp.status_code == 422, resp.text
    assert _err(resp)["field"] == "url" and _err(resp)["code"] == "report.invalid_url"


def test_408_for_a_body_that_does_not_arrive_in_time(shipped: Any, tmp_path: Path) -> None:
    import httpx

    app = create_app(_settings(tmp_path, serve_body_timeout=0.3), detector=shipped)
    body = json.dumps({"url": "https://slow.example/", "html": "<p>x</p>"}).encode()

    async def trickle(stall: bool) -> AsyncIterator[bytes]:
        yield body[:10]
        if stall:
            await asyncio.sleep(30)  # a client that sent part of its body, then went quiet
        yield body[10:]

    async def both() -> list[tuple[httpx.Response, float]]:
        await asyncio.to_thread(app.state.service.start)
        out = []
        try:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
                for stall in (True, False):
                    t = time.monotonic()
                    resp = await asyncio.wait_for(
                        c.post("/v1/score", content=trickle(stall), headers=H | JSON), 20
                    )
                    out.append((resp, time.monotonic() - t))
        finally:
            app.state.service.stop()
        return out

    (stalled, waited), (whole, _) = asyncio.run(both())
    assert stalled.status_code == 408 and waited < 5
    assert stalled.headers["connection"] == "close"
    assert _err(stalled)["code"] == "request.timeout"
    assert whole.status_code == 200  # in two parts, in time: scored


def test_report_without_a_store_is_503(shipped: Any, tmp_path: Path) -> None:
    with TestClient(create_app(_settings(tmp_path, serve_store=""), detector=shipped)) as c:
        resp = c.post(
            "/v1/report", json={"url": "https://a.example/", "expected": "scam"}, headers=H
        )
    assert resp.status_code == 503 and _err(resp)["code"] == "reports.unavailable"


def test_cache_expires_and_is_bounded() -> None:
    now = [0.0]
    cache = TTLCache(size=2, ttl=10, clock=lambda: now[0])
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("c", 3)
    assert cache.get("a") is None and cache.get("b") == 2 and len(cache) == 2
    now[0] = 11
    assert cache.get("b") is None and cache.get("c") is None


def test_cli_new_key_prints_a_key_and_its_hashed_line(capsys: pytest.CaptureFixture[str]) -> None:
    from detector.cli import main

    assert main(["serve", "--new-key", "extension"]) == 0
    out = capsys.readouterr().out
    key = re.search(r"key:\s+(\S+)", out)
    line = re.search(r"keys file: (\S+)", out)
    assert key and line and line.group(1) == hashed_line("extension", key.group(1))
    assert key.group(1) not in line.group(1)


def test_cli_keep_warm_idle_needs_keep_warm_and_a_sane_value(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from detector.cli import main

    monkeypatch.delenv("DETECTOR_SERVE_KEEP_WARM", raising=False)
    assert main(["serve", "--keep-warm-idle", "5"]) == 2
    assert "--keep-warm-idle needs --keep-warm" in capsys.readouterr().err
    assert main(["serve", "--keep-warm", "--keep-warm-idle", "-1"]) == 2
    assert "0 (no end) or more seconds" in capsys.readouterr().err


def test_a_full_scoring_queue_answers_503_with_retry_after(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import detector.serve.app as serve_app

    monkeypatch.setattr(serve_app, "MAX_QUEUED", 0)
    resp = client.post("/v1/score", json={"text": "queue is full " * 3}, headers=H)
    assert resp.status_code == 503 and _err(resp)["code"] == "busy"
    assert resp.headers["retry-after"] == "1"
    monkeypatch.setattr(serve_app, "MAX_QUEUED", 256)
    assert (
        client.post("/v1/score", json={"text": "queue is full " * 3}, headers=H).status_code == 200
    )


@pytest.mark.parametrize(
    ("url", "canon", "host"),
    [
        (
            "HTTPS://Who-Viewed.Example./a?b=1#frag",
            "https://who-viewed.example/a?b=1",
            "who-viewed.example",
        ),
        ("http://user:pw@x.example:80", "http://x.example/", "x.example"),
        ("https://x.example:8443/p", "https://x.example:8443/p", "x.example"),
        ("https://bücher.example/", "https://xn--bcher-kva.example/", "xn--bcher-kva.example"),
        ("ftp://x.example/", None, None),
    ],
)
def test_canonical_forms_for_lookup(url: str, canon: Any, host: Any) -> None:
    assert canonical_url(url) == canon and canonical_host(url) == host


class _BlockingModel:
    """Scores at once, except a snapshot whose text is "block": that one waits for the test."""

    model_name = "blocking@1"

    def __init__(self) -> None:
        import threading

        self.started, self.release, self.done = (threading.Event() for _ in range(3))

    def score(self, snapshot: Any) -> Any:
        from detector.records import Verdict

        if snapshot.get("text") == "block":
            self.started.set()
            self.release.wait(10)
            self.done.set()
        return Verdict(url=snapshot.get("url", ""), score=0.1, label="benign", model="blocking@1")

    def score_many(self, snapshots: Any) -> list[Any]:
        return [self.score(s) for s in snapshots]


def test_scoring_never_blocks_the_event_loop(tmp_path: Path) -> None:
    import asyncio

    import httpx

    model = _BlockingModel()
    app = create_app(_settings(tmp_path, serve_store=""), detector=model)

    async def run() -> None:
        await asyncio.to_thread(app.state.service.start)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://serve.test") as c:
            scoring = asyncio.create_task(c.post("/v1/score", json={"text": "block"}, headers=H))
            assert await asyncio.to_thread(model.started.wait, 10)
            health = await c.get("/healthz")
            ready = await c.get("/readyz")
            # Both answered while the scoring thread is still busy with the first request.
            assert health.status_code == 200 and not model.done.is_set()
            assert ready.json()["model"] == "blocking@1" and not model.done.is_set()
            model.release.set()
            assert (await scoring).status_code == 200
        app.state.service.stop()

    asyncio.run(run())


class _BrokenModel(_BlockingModel):
    model_name = "broken@1"

    def score(self, snapshot: Any) -> Any:
        if snapshot.get("text") == "explode":
            raise RuntimeError("failed on https://secret-page.example/?t=XYZ")
        return super().score(snapshot)


def test_an_unexpected_error_is_a_500_json_and_its_text_stays_out_of_logs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(_settings(tmp_path, serve_store=""), detector=_BrokenModel())
    with TestClient(app, raise_server_exceptions=True) as c, caplog.at_level(logging.INFO):
        resp = c.post("/v1/score", json={"text": "explode"}, headers=H)
        assert resp.status_code == 500 and _err(resp)["code"] == "internal"
        assert resp.headers["x-content-type-options"] == "nosniff"
        assert c.post("/v1/score", json={"text": "fine"}, headers=H).status_code == 200
    assert "RuntimeError" in caplog.text and "secret-page" not in caplog.text


def test_lookup_index_picks_up_new_store_verdicts(
    shipped: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    import detector.serve.app as serve_app

    monkeypatch.setattr(serve_app, "STORE_REFRESH_SECONDS", 0.05)
    later = "https://scanned-later.example/"
    with TestClient(create_app(_settings(tmp_path), detector=shipped)) as c:
        assert client_lookup(c, later) == []
        _store_verdict(tmp_path / "serve.sqlite", shipped, later, LURE)
        found: list[dict[str, Any]] = []
        for _ in range(100):  # the refresher runs every 0.05 s
            found = client_lookup(c, later)
            if found:
                break
            time.sleep(0.05)
    assert sorted(m["kind"] for m in found) == ["host", "url"]


def test_a_snapshot_may_carry_its_same_site_scripts(client: Any) -> None:
    """``scripts`` is accepted (strictly typed), feeds the locker signals and the cache key."""
    page = (
        "<html><head><title>See who viewed your TikTok profile</title>"
        "<script src='/js/a.js'></script></head><body><h1>See who viewed your TikTok profile</h1>"
        "<p>Enter your username. Verify you are human to see the results.</p></body></html>"
    )
    body: dict[str, Any] = {"url": "https://www.lure-page.com/", "html": page}
    plain = client.post("/v1/score", json=body, headers=H).json()
    script = {"url": "https://www.lure-page.com/js/a.js", "text": "new CPBContentLocker({});"}
    scored = client.post("/v1/score", json=body | {"scripts": [script]}, headers=H).json()
    codes = {r["code"]: r["evidence"] for r in scored["reasons"]}
    assert "in same-site script https://www.lure-page.com/js/a.js" in codes["locker.cpa_markers"]
    assert "locker.cpa_markers" not in {r["code"] for r in plain["reasons"]}
    bad = client.post("/v1/score", json=body | {"scripts": [{"text": 3}]}, headers=H)
    assert bad.status_code == 422
    too_many = client.post("/v1/score", json=body | {"scripts": [script] * 9}, headers=H)
    assert too_many.status_code == 422


def test_a_bare_url_is_fetched_with_its_same_site_scripts(
    shipped: Any, tmp_path: Path, http: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from werkzeug import Response

    fake_dns(monkeypatch, {"www.lure-page.com": ["127.0.0.1"]})
    page = (
        "<html><head><title>See who viewed your TikTok profile</title>"
        "<script src='/js/a.js'></script></head><body><h1>See who viewed your TikTok profile</h1>"
        "<p>Enter your username. Verify you are human to see the results.</p></body></html>"
    )
    http.expect_request("/p").respond_with_response(
        Response(page, headers={"Content-Type": "text/html"})
    )
    http.expect_request("/js/a.js").respond_with_response(
        Response("new CPBContentLocker({});", headers={"Content-Type": "text/javascript"})
    )
    url = f"http://www.lure-page.com:{http.port}/p"
    reasons = {}
    for on in (True, False):
        s = _settings(tmp_path, allow_loopback=True, obey_robots=False, fetch_scripts=on)
        with TestClient(create_app(s, detector=shipped)) as c:
            v = c.post("/v1/score", json={"url": url}, headers=H).json()
        assert v["basis"] == "page"
        reasons[on] = {r["code"]: r["evidence"] for r in v["reasons"]}
    script = f"in same-site script http://www.lure-page.com:{http.port}/js/a.js"
    assert script in reasons[True]["locker.cpa_markers"]
    assert "locker.cpa_markers" not in reasons[False]
    assert [req.path for req, _ in http.log] == ["/p", "/js/a.js", "/p"]


def test_503_when_bodies_being_read_hold_the_worker_budget(shipped: Any, tmp_path: Path) -> None:
    """A slow client holds the bytes it has sent until its request is done; past
    SERVE_BODY_BUDGET the next body is refused with 503 + Retry-After instead of read, a body
    that fits is still scored, and the bytes come back when the slow request ends."""
    import httpx

    settings = _settings(tmp_path, serve_body_budget=1_500_000)
    app = create_app(settings, detector=shipped)
    slow = json.dumps({"url": "https://slow.example/", "html": "<p>" + "b" * 700_000}).encode()
    big = json.dumps({"url": "https://big.example/", "html": "<p>" + "c" * 950_000}).encode()
    small = json.dumps({"url": "https://small.example/", "html": "<p>hello</p>"}).encode()
    go_on = asyncio.Event()

    async def trickle() -> AsyncIterator[bytes]:
        yield slow[:600_000]  # chunked: counted as it arrives
        await go_on.wait()
        yield slow[600_000:]

    async def run() -> dict[str, httpx.Response]:
        await asyncio.to_thread(app.state.service.start)
        out: dict[str, httpx.Response] = {}
        try:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
                post = functools.partial(c.post, "/v1/score", headers=H | JSON)
                held = asyncio.create_task(post(content=trickle()))
                await asyncio.sleep(0.3)  # the slow request now holds 600 kB
                out["nokey"] = await c.post("/v1/score", content=big, headers=JSON)
                out["big"] = await post(content=big)  # 600 kB + 950 kB > 1.5 MB
                out["small"] = await post(content=small)
                go_on.set()
                out["slow"] = await asyncio.wait_for(held, 20)
                out["big_again"] = await post(content=big)  # the 600 kB came back
        finally:
            app.state.service.stop()
        return out

    got = asyncio.run(run())
    assert got["nokey"].status_code == 401  # no key: refused before any budget is taken
    busy = got["big"]
    assert busy.status_code == 503, busy.text
    assert _err(busy)["code"] == "busy" and busy.headers["retry-after"] == "1"
    assert busy.headers["connection"] == "close"
    assert got["small"].status_code == 200
    assert got["slow"].status_code == 200
    assert got["big_again"].status_code == 200, got["big_again"].text


@pytest.mark.parametrize("budget", [-1, 999_999])
def test_a_body_budget_below_the_largest_body_is_refused(
    shipped: Any, tmp_path: Path, budget: int
) -> None:
    with pytest.raises(ConfigError, match="SERVE_BODY_BUDGET"):
        create_app(_settings(tmp_path, serve_body_budget=budget), detector=shipped)
