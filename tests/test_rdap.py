"""Domain age via RDAP against a local fake registry (pytest-httpserver on 127.0.0.1)."""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from detector.config import Settings
from detector.core.urls import host_parts
from detector.intel import DomainAgeLookup
from detector.intel.cache import Cache
from detector.intel.rdap import (
    RateLimiter,
    free_hosting_site,
    parse_bootstrap,
    registration_date,
)

FIXTURES = Path(__file__).parent / "fixtures" / "rdap"
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC).timestamp()
DAY = 86_400.0


class Clock:
    """Wall clock for the lookup and its cache; ``sleep`` advances it instead of waiting."""

    def __init__(self, now: float = NOW) -> None:
        self.now = now
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def _load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture
def registry(httpserver: HTTPServer) -> HTTPServer:
    base = httpserver.url_for("").rstrip("/")
    boot = json.loads((FIXTURES / "dns.json").read_text().replace("{base}", base))
    httpserver.expect_request("/dns.json").respond_with_json(boot)
    httpserver.expect_request("/com/domain/example-old.com").respond_with_json(
        _load("domain_old.json"), content_type="application/rdap+json"
    )
    httpserver.expect_request("/xyz/domain/tt-viewers-check.xyz").respond_with_json(
        _load("domain_new.json")
    )
    httpserver.expect_request("/couk/domain/example.co.uk").respond_with_json(
        _load("domain_no_registration.json")
    )
    httpserver.expect_request("/com/domain/missing.com").respond_with_json(
        _load("not_found.json"), status=404
    )
    httpserver.expect_request("/com/domain/badjson.com").respond_with_data("<html>oops</html>")
    httpserver.expect_request("/com/domain/flaky.com").respond_with_data("busy", status=503)
    huge = json.dumps({"events": [], "pad": "x" * 1_200_000})
    httpserver.expect_request("/com/domain/huge.com").respond_with_data(huge)

    def slow(request: Request) -> Response:
        time.sleep(0.6)
        return Response(json.dumps(_load("domain_old.json")), content_type="application/json")

    httpserver.expect_request("/slow/domain/late.slow").respond_with_handler(slow)
    return httpserver


def _settings(server: HTTPServer, **kw: Any) -> Settings:
    base: dict[str, Any] = dict(
        rdap_bootstrap_url=server.url_for("/dns.json"),
        cache_path="",
        connect_timeout=1.0,
        # Generous: a loaded 2-core CI machine can take longer than 0.2 s to answer a local
        # request (a lookup that should succeed came back unknown once); the timeout test sets
        # its own short one.
        read_timeout=5.0,
        rdap_rate_per_second=1000.0,
        allow_loopback=True,  # the fake registry listens on 127.0.0.1
    )
    return Settings(**(base | kw))


def _paths(server: HTTPServer) -> list[str]:
    return [req.path for req, _ in server.log]


def test_age_from_the_registration_event(registry: HTTPServer) -> None:
    clock = Clock()
    lookup = DomainAgeLookup(_settings(registry), clock=clock, sleep=clock.sleep)
    intel = lookup.lookup("https://www.Example-Old.com/login?x=1")
    expected = (NOW - datetime(2006, 3, 15, 4, 0, tzinfo=UTC).timestamp()) / DAY
    assert intel.host == "www.example-old.com"
    assert intel.registered_domain == "example-old.com"
    assert intel.age_days == pytest.approx(expected, abs=0.01)
    assert intel.registered_at == "2006-03-15T04:00:00Z"
    assert intel.source == "rdap"
    new = lookup.lookup("tt-viewers-check.xyz")
    assert new.age_days == pytest.approx(10.0, abs=0.01)
    assert _paths(registry) == [
        "/dns.json",
        "/com/domain/example-old.com",
        "/xyz/domain/tt-viewers-check.xyz",
    ]


def test_second_lookup_is_served_from_the_cache(registry: HTTPServer) -> None:
    clock = Clock()
    lookup = DomainAgeLookup(_settings(registry), clock=clock, sleep=clock.sleep)
    first = lookup.lookup("example-old.com")
    n = len(registry.log)
    second = lookup.lookup("https://shop.example-old.com/")
    assert len(registry.log) == n
    assert second.age_days == first.age_days and second.source == "rdap"
    clock.now += 30 * DAY  # the cached date still ages with the clock, then expires
    third = lookup.lookup("example-old.com")
    assert third.age_days == pytest.approx(first.age_days + 30, abs=0.01)  # type: ignore[operator]
    assert _paths(registry).count("/com/domain/example-old.com") == 2


def test_file_cache_is_shared_across_instances(registry: HTTPServer, tmp_path: Path) -> None:
    path = tmp_path / "intel" / "cache.sqlite"
    s = _settings(registry, cache_path=str(path))
    clock = Clock()
    assert DomainAgeLookup(s, clock=clock).lookup("example-old.com").age_days is not None
    n = len(registry.log)
    again = DomainAgeLookup(s, clock=clock).lookup("example-old.com")
    assert again.age_days is not None and len(registry.log) == n
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode.lower() == "wal"


def test_negative_answers_are_cached_for_the_negative_ttl(registry: HTTPServer) -> None:
    clock = Clock()
    lookup = DomainAgeLookup(_settings(registry), clock=clock, sleep=clock.sleep)
    for domain in ("missing.com", "badjson.com", "example.co.uk", "huge.com"):
        intel = lookup.lookup(domain)
        assert intel.age_days is None and intel.source == "unknown"
        assert intel.registered_domain == domain
    n = len(registry.log)
    for domain in ("missing.com", "badjson.com", "example.co.uk", "huge.com"):
        assert lookup.lookup(domain).age_days is None
    assert len(registry.log) == n
    clock.now += 1.01 * DAY  # rdap_negative_ttl_days = 1
    lookup.lookup("missing.com")
    assert _paths(registry).count("/com/domain/missing.com") == 2


def test_unknown_tld_makes_no_domain_request(registry: HTTPServer) -> None:
    lookup = DomainAgeLookup(_settings(registry))
    intel = lookup.lookup("https://lure.top/")
    assert intel.age_days is None and intel.registered_domain == "lure.top"
    assert _paths(registry) == ["/dns.json"]


def test_timeouts_and_server_errors_are_unknown_and_not_cached(registry: HTTPServer) -> None:
    lookup = DomainAgeLookup(_settings(registry, read_timeout=0.2))
    started = time.monotonic()
    assert lookup.lookup("late.slow").age_days is None
    assert time.monotonic() - started < 0.6 + 0.5
    assert lookup.lookup("flaky.com").age_days is None
    assert lookup.lookup("flaky.com").age_days is None
    assert _paths(registry).count("/com/domain/flaky.com") == 2


def test_unreachable_registry_is_unknown() -> None:
    s = Settings(rdap_bootstrap_url="http://127.0.0.1:9/dns.json", connect_timeout=0.2)
    intel = DomainAgeLookup(s).lookup("example.com")
    assert intel.age_days is None and intel.source == "unknown"


class NoNetwork(requests.Session):
    def request(self, *args: Any, **kwargs: Any) -> requests.Response:
        raise AssertionError("no request may be made")


def test_offline_mode_makes_no_request() -> None:
    lookup = DomainAgeLookup(Settings(offline=True), session=NoNetwork())
    intel = lookup.lookup("https://example-old.com/")
    assert intel.age_days is None and intel.source == "unknown"
    assert intel.registered_domain == "example-old.com"


@pytest.mark.parametrize(
    "host",
    [
        "someone.github.io",
        "lure-demo.netlify.app",
        "free-viewers.vercel.app",
        "tt-check.pages.dev",
        "viewer-app.web.app",
        "stalker.weebly.com",
        "whoviewed.blogspot.com",
        "api.worker.workers.dev",
        "pub-0123abcd.r2.dev",
        "deep.path.stalker.weebly.com",
        "sites.google.com",
        "random-words.trycloudflare.com",
    ],
)
def test_free_hosting_is_not_given_the_platform_age(host: str) -> None:
    lookup = DomainAgeLookup(Settings(), session=NoNetwork())
    intel = lookup.lookup(f"https://{host}/who-viewed")
    assert intel.source == "free_hosting"
    assert intel.age_days is None
    assert host.endswith(intel.registered_domain)


@pytest.mark.parametrize(
    ("host", "site"),
    [
        ("someone.github.io", "someone.github.io"),
        ("deep.path.stalker.weebly.com", "stalker.weebly.com"),
        ("a.b.trycloudflare.com", "b.trycloudflare.com"),
        ("www.example.com", ""),
        ("notweebly.com", ""),
    ],
)
def test_free_hosting_site(host: str, site: str) -> None:
    p = host_parts(host)
    assert free_hosting_site(p.host, p.registered_domain, p.public_registered_domain) == site


@pytest.mark.parametrize("target", ["", "http://10.0.0.1/x", "https://[::1]/", "::::", "http://["])
def test_hosts_without_a_domain_are_unknown(target: str) -> None:
    intel = DomainAgeLookup(Settings(), session=NoNetwork()).lookup(target)
    assert intel.age_days is None and intel.source == "unknown"


def test_rate_limit_per_server_with_an_injected_clock(registry: HTTPServer) -> None:
    clock = Clock()
    s = _settings(registry, rdap_rate_per_second=2.0)
    lookup = DomainAgeLookup(s, clock=clock, sleep=clock.sleep)
    for domain in ("example-old.com", "tt-viewers-check.xyz", "missing.com"):
        lookup.lookup(domain)
    # bootstrap + three domain queries on one server: three waits of half a second
    assert clock.slept == pytest.approx([0.5, 0.5, 0.5])
    lookup.lookup("example-old.com")  # cached: no request, no wait
    assert len(clock.slept) == 3


def test_rate_limiter_keeps_servers_apart() -> None:
    clock = Clock(0.0)
    limiter = RateLimiter(4.0, clock, clock.sleep)
    assert limiter.wait("a") == 0 and limiter.wait("b") == 0
    assert limiter.wait("a") == pytest.approx(0.25)
    clock.now += 10
    assert limiter.wait("a") == 0
    assert RateLimiter(0.0, clock, clock.sleep).wait("a") == 0


def test_parse_bootstrap_and_registration_date() -> None:
    table = parse_bootstrap(
        {
            "services": [
                [["COM", "net"], ["http://a.example/", "https://b.example/"]],
                [["bad"], ["ftp://x.example/"]],
                "junk",
                [["org"]],
            ]
        }
    )
    assert table == {"com": ["https://b.example/", "http://a.example/"], "net": table["com"]}
    assert parse_bootstrap(None) == {} and parse_bootstrap({"services": 3}) == {}
    events = {
        "events": [
            {"eventAction": "registration", "eventDate": "2020-05-01T00:00:00Z"},
            {"eventAction": "Registration", "eventDate": "2019-01-01T00:00:00+00:00"},
            {"eventAction": "registration", "eventDate": "not a date"},
        ]
    }
    assert registration_date(events) == "2019-01-01T00:00:00+00:00"
    assert registration_date({"events": "x"}) is None and registration_date([]) is None


def test_cache_ttl_and_purge() -> None:
    clock = Clock(0.0)
    cache = Cache("", clock=clock)
    cache.set("ns", "k", {"a": 1}, 10)
    cache.set("ns", "gone", 1, 0)
    assert cache.get("ns", "k") == {"a": 1} and cache.get("ns", "gone") is None
    assert cache.get("other", "k") is None
    clock.now = 10.5
    assert cache.get("ns", "k") is None
    assert cache.purge() == 1
    cache.close()


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=80))
def test_lookup_never_raises(target: str) -> None:
    intel = DomainAgeLookup(Settings(offline=True), session=NoNetwork()).lookup(target)
    assert intel.age_days is None
