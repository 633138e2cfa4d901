"""Domain registration age from RDAP, cached, rate-limited and never raising.

The IANA bootstrap file (``{"services": [[["com", "net"], ["https://rdap.example/"]], ...]}``)
maps a TLD to its registry's RDAP servers; ``GET <base>domain/<name>`` answers with
``events[eventAction=registration].eventDate``. Answers are cached (``rdap_ttl_days``), "no such
domain" and unusable answers too (``rdap_negative_ttl_days``); timeouts and server errors are not
cached. Hosts under a private public suffix (github.io, netlify.app, pages.dev, ...) are not
looked up, nor are hosts on the free-hosting and tunnel platforms of lexicons/url.json: the
platform's own age says nothing about the page, so they come back unknown with source
``"free_hosting"`` and the user's site (``someone.github.io``) as registered domain. Any failure gives ``age_days=None``; the caller never sees an exception.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests

from detector.config import Settings
from detector.core.platforms import tenant_site
from detector.core.urls import host_parts
from detector.errors import FetchError
from detector.intel.cache import Cache
from detector.records import DomainIntel

MAX_ANSWER_BYTES = 1_000_000
_DAY = 86_400.0
_BOOTSTRAP_NS = "rdap_bootstrap"
_DOMAIN_NS = "rdap_domain"


class _Negative(Exception):
    """The registry answered, and the answer gives no age (cached as negative)."""


class _Transient(Exception):
    """No usable answer this time (timeout, 5xx, 429, connection error): not cached."""


class RateLimiter:
    """At most ``rate`` requests per second per key (an RDAP server), with injectable time."""

    def __init__(
        self,
        rate: float,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self._clock = clock or time.monotonic
        self._sleep = sleep or time.sleep
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, key: str) -> float:
        """Block until ``key`` may be used again; returns the seconds slept."""
        with self._lock:
            now = self._clock()
            slot = max(now, self._next.get(key, now))
            self._next[key] = slot + self.interval
        delay = slot - now
        if delay > 0:
            self._sleep(delay)
        return delay


def parse_bootstrap(data: Any) -> dict[str, list[str]]:
    """TLD (lower-case) -> RDAP base URLs (https first) from an IANA bootstrap document."""
    table: dict[str, list[str]] = {}
    services = data.get("services") if isinstance(data, dict) else None
    for entry in services if isinstance(services, list) else []:
        if not (isinstance(entry, list) and len(entry) >= 2):
            continue
        tlds, urls = entry[0], entry[1]
        if not (isinstance(tlds, list) and isinstance(urls, list)):
            continue
        bases = [u for u in urls if isinstance(u, str) and u.startswith(("https://", "http://"))]
        bases.sort(key=lambda u: not u.startswith("https://"))
        for tld in tlds:
            if isinstance(tld, str) and bases:
                table[tld.lower().strip(".")] = bases
    return table


def registration_date(answer: Any) -> str | None:
    """The earliest ``registration`` event date of an RDAP domain answer, or None."""
    events = answer.get("events") if isinstance(answer, dict) else None
    dates = [
        e["eventDate"]
        for e in (events if isinstance(events, list) else [])
        if isinstance(e, dict)
        and str(e.get("eventAction", "")).lower() == "registration"
        and isinstance(e.get("eventDate"), str)
    ]
    parsed = [(d, _parse_time(d)) for d in dates]
    valid = [(d, t) for d, t in parsed if t is not None]
    return min(valid, key=lambda p: p[1])[0] if valid else None


def registrar_name(answer: Any) -> str | None:
    """The name (vCard ``fn``) of the entity with role ``registrar`` in an RDAP answer."""
    entities = answer.get("entities") if isinstance(answer, dict) else None
    for entity in entities if isinstance(entities, list) else []:
        if not isinstance(entity, dict) or "registrar" not in (entity.get("roles") or []):
            continue
        vcard = entity.get("vcardArray")
        cards = vcard[1] if isinstance(vcard, list) and len(vcard) > 1 else []
        for item in cards if isinstance(cards, list) else []:
            if isinstance(item, list) and len(item) > 3 and item[0] == "fn":
                return str(item[3])[:200] or None
    return None


def _parse_time(value: str) -> float | None:
    try:
        stamp = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.timestamp()


def free_hosting_site(host: str, registered: str, public: str) -> str:
    """The user's site on a hosting platform (``someone.github.io``), or "" for other hosts.

    Private public suffixes (the PSL's private section) are caught by the two registered
    domains differing; platforms the PSL does not list come from lexicons/url.json.
    """
    if registered and public and registered != public:
        return registered
    return tenant_site(host, "free_hosting", "tunnels")


class DomainAgeLookup:
    """Registration age of a URL's domain: ``DomainAgeLookup(settings).lookup(url)``.

    ``session`` (a ``requests.Session``), ``cache`` (a ``Cache``), ``clock`` (epoch seconds) and
    ``sleep`` are injectable for tests; by default a session with the crawler's user agent, a
    cache at ``settings.cache_path`` and real time are used.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        session: requests.Session | None = None,
        cache: Cache | None = None,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self._session = session
        self._cache = cache
        self._clock = clock or time.time
        self._limiter = RateLimiter(self.settings.rdap_rate_per_second, self._clock, sleep)
        self._bootstrap: tuple[dict[str, list[str]], float] | None = None
        self._lock = threading.Lock()

    @property
    def session(self) -> requests.Session:
        if self._session is None:  # the crawler's guarded client: no proxies, no loopback
            from detector.crawl.session import guarded_session

            self._session = guarded_session(self.settings)
        return self._session

    @property
    def cache(self) -> Cache:
        if self._cache is None:
            self._cache = Cache.from_settings(self.settings, clock=self._clock)
        return self._cache

    def lookup(self, url_or_host: str) -> DomainIntel:
        """What RDAP says about the host's registered domain; ``age_days`` None when unknown."""
        try:
            return self._lookup(url_or_host)
        except Exception:  # intel must never break scoring, whatever went wrong here
            return DomainIntel(host=str(url_or_host)[:255])

    def _lookup(self, url_or_host: str) -> DomainIntel:
        parts = host_parts(url_or_host)
        host, reg, pub = parts.host, parts.registered_domain, parts.public_registered_domain
        if not host or parts.is_ip:
            return DomainIntel(host=host)
        site = free_hosting_site(host, reg, pub)
        if site:
            return DomainIntel(host, site, source="free_hosting")
        domain = reg or pub
        if not domain or self.settings.offline:
            return DomainIntel(host, domain)
        cached = self.cache.get(_DOMAIN_NS, domain)
        if isinstance(cached, dict):
            return self._intel(host, domain, cached.get("registered_at"), cached.get("registrar"))
        try:
            registered, registrar = self._query(domain)
        except _Negative as exc:
            entry = {"registered_at": None, "reason": str(exc)[:200]}
            self.cache.set(_DOMAIN_NS, domain, entry, self.settings.rdap_negative_ttl_days * _DAY)
            return DomainIntel(host, domain)
        except _Transient:
            return DomainIntel(host, domain)
        entry = {"registered_at": registered, "registrar": registrar}
        self.cache.set(_DOMAIN_NS, domain, entry, self.settings.rdap_ttl_days * _DAY)
        return self._intel(host, domain, registered, registrar)

    def _intel(
        self, host: str, domain: str, registered_at: Any, registrar: Any = None
    ) -> DomainIntel:
        ts = _parse_time(registered_at) if isinstance(registered_at, str) else None
        age = (self._clock() - ts) / _DAY if ts is not None else None
        if age is None or age < -1.0:  # a date in the future is bad data, not a new domain
            return DomainIntel(host, domain)
        who = registrar if isinstance(registrar, str) and registrar else None
        return DomainIntel(host, domain, round(max(age, 0.0), 3), registered_at, "rdap", who)

    def _query(self, domain: str) -> tuple[str, str | None]:
        bases = self._servers(domain)
        if not bases:
            raise _Negative("no RDAP server for this TLD")
        answer = self._get_json(bases[0].rstrip("/") + "/domain/" + domain)
        registered = registration_date(answer)
        if registered is None:
            raise _Negative("no registration event")
        return registered, registrar_name(answer)

    def _servers(self, domain: str) -> list[str]:
        table = self._bootstrap_table()
        labels = domain.split(".")
        for i in range(1, len(labels)):  # longest matching suffix first
            bases = table.get(".".join(labels[i:]))
            if bases:
                return bases
        return []

    def _bootstrap_table(self) -> dict[str, list[str]]:
        with self._lock:
            if self._bootstrap is not None and self._bootstrap[1] > self._clock():
                return self._bootstrap[0]
            url = self.settings.rdap_bootstrap_url
            ttl = self.settings.rdap_ttl_days * _DAY
            data = self.cache.get(_BOOTSTRAP_NS, url)
            if data is None:
                try:
                    data = self._get_json(url)
                except _Negative as exc:  # a broken bootstrap says nothing about any domain
                    raise _Transient(str(exc)) from exc
                if not parse_bootstrap(data):
                    raise _Transient("bootstrap file lists no services")
                self.cache.set(_BOOTSTRAP_NS, url, data, ttl)
            table = parse_bootstrap(data)
            self._bootstrap = (table, self._clock() + ttl)
            return table

    def _get_json(self, url: str) -> Any:
        s = self.settings
        for _ in range(s.max_redirects + 1):  # hop by hop: each hop passes the guard again
            self._limiter.wait(urlsplit(url).netloc.lower())
            try:
                with self.session.get(
                    url,
                    timeout=(s.connect_timeout, s.read_timeout),
                    stream=True,
                    allow_redirects=False,
                    headers={"Accept": "application/rdap+json, application/json"},
                ) as resp:
                    target = _redirect(resp, url)
                    if target is None:
                        body = _answer(resp, s.total_timeout)
                        break
            except FetchError as exc:  # refused by the network guard, or an unusable URL
                raise _Negative(exc.code) from exc
            except requests.RequestException as exc:
                raise _Transient(type(exc).__name__) from exc
            url = target
        else:
            raise _Negative("too many redirects")
        try:
            return json.loads(body)
        except ValueError as exc:
            raise _Negative("answer is not JSON") from exc


def _redirect(resp: requests.Response, url: str) -> str | None:
    """The next hop of a redirect answer (http or https only), or None for any other answer."""
    location = resp.headers.get("location")
    if resp.status_code not in (301, 302, 303, 307, 308) or not location:
        return None
    target = urljoin(url, location.strip())
    if urlsplit(target).scheme.lower() not in ("http", "https"):
        raise _Negative("redirect to a scheme other than http(s)")
    return target


def _answer(resp: requests.Response, total_timeout: float) -> bytes:
    if resp.status_code == 429 or resp.status_code >= 500:
        raise _Transient(f"HTTP {resp.status_code}")
    if resp.status_code >= 400:
        raise _Negative(f"HTTP {resp.status_code}")
    return _read_capped(resp, total_timeout)


def _read_capped(resp: requests.Response, total_timeout: float) -> bytes:
    """At most ``MAX_ANSWER_BYTES`` of the body, within ``total_timeout`` seconds in all."""
    deadline = time.monotonic() + total_timeout
    chunks: list[bytes] = []
    size = 0
    for chunk in resp.iter_content(65_536):
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise _Negative("answer larger than the cap")
        if time.monotonic() > deadline:
            raise _Transient("answer took longer than the total timeout")
        chunks.append(chunk)
    return b"".join(chunks)


def domain_age(url_or_host: str, settings: Settings | None = None) -> DomainIntel:
    """One-off look-up with a fresh ``DomainAgeLookup`` (use the class to share its cache)."""
    return DomainAgeLookup(settings).lookup(url_or_host)
