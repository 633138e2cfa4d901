"""RDAP goes out through the crawler's guarded client: the network guard on every hop, no
proxies from the environment, no user info sent (a local fake registry; no outside sockets)."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from detector.config import Settings
from detector.crawl.guard import GuardedAdapter
from detector.intel import DomainAgeLookup
from tests.conftest import fake_dns

ANSWER = {"events": [{"eventAction": "registration", "eventDate": "2006-03-15T04:00:00Z"}]}


def _bootstrap(server: HTTPServer, base: str) -> None:
    server.expect_request("/dns.json").respond_with_json(
        {"services": [[["com"], [base.rstrip("/") + "/com/"]]]}
    )


def _settings(server: HTTPServer, host: str = "127.0.0.1", **kw: object) -> Settings:
    url = f"http://{host}:{server.port}/dns.json"
    base: dict[str, object] = dict(
        rdap_bootstrap_url=url, cache_path="", connect_timeout=1.0, read_timeout=1.0
    )
    return Settings(**(base | kw))  # type: ignore[arg-type]


def test_default_session_is_the_guarded_one() -> None:
    session = DomainAgeLookup(Settings()).session
    assert session.trust_env is False
    assert isinstance(session.get_adapter("https://rdap.example/"), GuardedAdapter)
    assert isinstance(session.get_adapter("http://rdap.example/"), GuardedAdapter)


def test_loopback_registry_is_refused_without_allow_loopback(httpserver: HTTPServer) -> None:
    _bootstrap(httpserver, httpserver.url_for("/"))
    httpserver.expect_request("/com/domain/example-old.com").respond_with_json(ANSWER)
    intel = DomainAgeLookup(_settings(httpserver)).lookup("example-old.com")
    assert intel.age_days is None
    assert httpserver.log == []  # not one request reached the loopback server
    allowed = DomainAgeLookup(_settings(httpserver, allow_loopback=True))
    assert allowed.lookup("example-old.com").age_days is not None


def test_redirect_to_a_metadata_service_is_not_followed(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = fake_dns(monkeypatch, {})
    _bootstrap(httpserver, httpserver.url_for("/"))
    httpserver.expect_request("/com/domain/lure.com").respond_with_data(
        "", status=302, headers={"Location": "http://metadata.google.internal/computeMetadata/v1/"}
    )
    lookup = DomainAgeLookup(_settings(httpserver, allow_loopback=True))
    assert lookup.lookup("lure.com").age_days is None
    assert "metadata.google.internal" not in asked


def test_redirects_within_allowed_hosts_are_followed(httpserver: HTTPServer) -> None:
    _bootstrap(httpserver, httpserver.url_for("/"))
    httpserver.expect_request("/com/domain/moved.com").respond_with_data(
        "", status=301, headers={"Location": "/answers/moved.com"}
    )
    httpserver.expect_request("/answers/moved.com").respond_with_json(ANSWER)
    lookup = DomainAgeLookup(_settings(httpserver, allow_loopback=True))
    assert lookup.lookup("moved.com").registered_at == "2006-03-15T04:00:00Z"


def test_proxy_variables_are_ignored(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_dns(monkeypatch, {"rdap.test": ["127.0.0.1"]})
    proxy = HTTPServer(host="127.0.0.1", port=0)
    proxy.start()
    try:
        for var in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY"):
            monkeypatch.setenv(var, proxy.url_for("/"))
        monkeypatch.setenv("NO_PROXY", "")
        monkeypatch.setenv("no_proxy", "")
        _bootstrap(httpserver, f"http://rdap.test:{httpserver.port}/")
        httpserver.expect_request("/com/domain/example-old.com").respond_with_json(ANSWER)
        s = _settings(httpserver, host="rdap.test", allow_loopback=True)
        intel = DomainAgeLookup(s).lookup("example-old.com")
        assert proxy.log == []
        assert intel.registered_at == "2006-03-15T04:00:00Z"
    finally:
        proxy.clear()
        proxy.stop()


def test_user_info_is_not_sent(httpserver: HTTPServer) -> None:
    base = f"http://analyst:hunter2@127.0.0.1:{httpserver.port}/"
    _bootstrap(httpserver, base)
    httpserver.expect_request("/com/domain/example-old.com").respond_with_json(ANSWER)
    lookup = DomainAgeLookup(_settings(httpserver, allow_loopback=True))
    assert lookup.lookup("example-old.com").age_days is not None
    assert [r.headers.get("Authorization") for r, _ in httpserver.log] == [None, None]
