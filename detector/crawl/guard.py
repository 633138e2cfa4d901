"""SSRF guard: refuse URLs whose host is, or resolves to, an address no crawler should reach.

Checking a name and then letting the HTTP stack resolve it again leaves a DNS-rebinding window.
So the check happens where the socket is made: ``GuardedAdapter`` gives ``requests`` connection
classes that resolve the host, check every answer, and connect to an address that passed, while
the Host header, TLS SNI and certificate checks keep using the host name. Every new connection
(every redirect hop, every retry) goes through it.
"""

from __future__ import annotations

import functools
import ipaddress
import re
import socket
from typing import Any
from urllib.parse import urlsplit

import idna
from requests.adapters import HTTPAdapter
from urllib3 import HTTPConnectionPool, HTTPSConnectionPool, PoolManager
from urllib3.connection import HTTPConnection, HTTPSConnection

from detector.config import Settings
from detector.errors import BlockedAddress, ConfigError, FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

SCHEMES = ("http", "https")
# Names that answer with cloud credentials even when DNS says nothing special about them.
_BLOCKED_NAMES = frozenset({"metadata.google.internal", "metadata.goog", "metadata"})
_METADATA = frozenset(
    ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200")
)
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
# inet_aton accepts 1-4 parts in decimal, octal (leading 0) or hex (0x); browsers do too.
_BAD_HOST_CHARS = re.compile(r"[\x00-\x20\x7f<>\"{}|\\^`%]")
_NUMERIC_HOST = re.compile(r"^(?:0x[0-9a-f]*|\d+)(?:\.(?:0x[0-9a-f]*|\d+)){0,3}$", re.I)


def _embedded_v4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form carries (mapped, 6to4, Teredo, NAT64), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if any(ip in net for net in _NAT64):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def blocked_reason(ip: IPAddress, allow_loopback: bool = False) -> str | None:
    """Why ``ip`` must not be contacted, or None when it is a public address."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_v4(ip)
        if inner is not None:
            return blocked_reason(inner, allow_loopback)
        if ip.scope_id:
            ip = ipaddress.IPv6Address(int(ip))  # the zone says nothing about reachability
    if ip in _METADATA:
        return "cloud metadata"
    if ip.is_loopback:
        return None if allow_loopback else "loopback"
    for name in ("unspecified", "link_local", "multicast", "private", "reserved"):
        if getattr(ip, f"is_{name}"):
            return name.replace("_", "-")
    if isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT:
        return "carrier-grade NAT"
    if not ip.is_global:
        return "not globally routable"
    return None


def _numeric_part(part: str) -> int:
    if part[:2].lower() == "0x":
        return int(part[2:] or "0", 16)
    if len(part) > 1 and part.startswith("0"):
        return int(part, 8)
    return int(part)


def parse_numeric_host(host: str) -> IPAddress | None:
    """Read ``host`` as an IP literal, including integer, hex and octal IPv4 spellings."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    host = host.rstrip(".")
    if not _NUMERIC_HOST.match(host):
        return None
    try:
        parts = [_numeric_part(p) for p in host.split(".")]
    except ValueError:
        raise FetchError(f"malformed numeric host {host!r}", code="fetch.invalid_url") from None
    *head, last = parts
    if any(p > 255 for p in head) or last >= 256 ** (4 - len(head)):
        raise FetchError(f"numeric host out of range {host!r}", code="fetch.invalid_url")
    value = 0
    for p in head:
        value = value * 256 + p
    return ipaddress.IPv4Address((value << (8 * (4 - len(head)))) | last)


@functools.lru_cache(maxsize=32)
def connect_map(spec: str) -> dict[tuple[str, int], tuple[IPAddress, int]]:
    """Parse ``Settings.connect_to`` ("HOST:PORT:ADDR:PORT,..."); raises ``ConfigError``."""
    out: dict[tuple[str, int], tuple[IPAddress, int]] = {}
    for entry in filter(None, (e.strip() for e in spec.split(","))):
        try:
            host, port, rest = entry.split(":", 2)
            addr, _, target_port = rest.rpartition(":")
            out[(host.lower().rstrip("."), int(port))] = (
                ipaddress.ip_address(addr.strip("[]")),
                int(target_port),
            )
        except ValueError as exc:
            raise ConfigError(
                f"connect_to entry {entry!r} is not HOST:PORT:ADDR:PORT with ADDR an IP address"
            ) from exc
    return out


def connect_target(host: str, port: int, settings: Settings) -> tuple[list[IPAddress], int]:
    """Checked addresses and the port to connect to for ``host:port`` (``connect_to`` applied)."""
    if settings.connect_to:
        mapped = connect_map(settings.connect_to).get((host.strip("[]").rstrip(".").lower(), port))
        if mapped is not None:
            ip, target_port = mapped
            reason = blocked_reason(ip, settings.allow_loopback)
            if reason:
                raise BlockedAddress(f"{host} is mapped to a {reason} address")
            return [ip], target_port
    if settings.connect_to_only:
        raise BlockedAddress(f"{host}:{port} is not listed in connect_to (connect_to_only is set)")
    return resolve_host(host, port, settings), port


def resolve_host(host: str, port: int, settings: Settings) -> list[IPAddress]:
    """Addresses for ``host``, every one checked; raises ``BlockedAddress`` if any is refused.

    One refused answer refuses the host: a name that mixes public and private answers is how
    rebinding attacks are staged.
    """
    name = host.strip("[]").rstrip(".").lower()
    if not name.isascii():  # IDN: resolve the A-label, as requests will when it connects
        try:
            name = idna.encode(name, uts46=True).decode("ascii")
        except idna.IDNAError as exc:
            raise FetchError(f"bad host name {name!r}", code="fetch.invalid_url") from exc
    if name in _BLOCKED_NAMES:
        raise BlockedAddress(f"{name} is a metadata service name")
    literal = parse_numeric_host(name)
    if literal is not None:
        addresses = [literal]
    else:
        try:
            infos = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM)
        except UnicodeError as exc:
            raise FetchError(f"bad host name {name!r}", code="fetch.invalid_url") from exc
        addresses = []
        for info in infos:
            ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
            if ip not in addresses:
                addresses.append(ip)
    for ip in addresses:
        reason = blocked_reason(ip, settings.allow_loopback)
        if reason:
            raise BlockedAddress(f"{name} resolves to a {reason} address")
    return addresses


def check_url(url: str, settings: Settings | None = None) -> list[str]:
    """Resolve and check the host of ``url``; returns its addresses as strings.

    Raises ``FetchError`` with code ``fetch.invalid_url`` or ``fetch.unsupported_scheme``,
    ``BlockedAddress`` for refused addresses, and lets ``socket.gaierror`` (an ``OSError``)
    through when the name does not resolve.
    """
    settings = settings or Settings()
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"invalid URL: {exc}", code="fetch.invalid_url") from exc
    scheme = parts.scheme.lower()
    if not scheme:
        raise FetchError("URL has no scheme", code="fetch.invalid_url")
    if scheme not in SCHEMES:
        raise FetchError(f"scheme {scheme!r} is not fetched", code="fetch.unsupported_scheme")
    if not parts.hostname:
        raise FetchError("URL has no host", code="fetch.invalid_url")
    if _BAD_HOST_CHARS.search(parts.hostname.strip("[]").split("%")[0]):
        raise FetchError("host name has forbidden characters", code="fetch.invalid_url")
    default = 443 if scheme == "https" else 80
    return [str(ip) for ip in connect_target(parts.hostname, port or default, settings)[0]]


def _connect(addresses: list[IPAddress], port: int, conn: HTTPConnection) -> socket.socket:
    """Open a TCP socket to the first checked address that answers."""
    timeout = conn.timeout if isinstance(conn.timeout, int | float) else None
    last: OSError | None = None
    for ip in addresses:
        family = socket.AF_INET6 if ip.version == 6 else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            for opt in conn.socket_options or ():
                sock.setsockopt(*opt)
            sock.settimeout(timeout)
            if conn.source_address:
                sock.bind(conn.source_address)
            sock.connect((str(ip), port))
            return sock
        except OSError as exc:
            sock.close()
            last = exc
    raise last or OSError("no address to connect to")


class _GuardMixin:
    """Resolve, check and connect to the checked address, all in one step."""

    guard_settings: Settings = Settings()
    on_socket: Any = None  # set per thread by the session's deadline watchdog

    def _new_conn(self) -> socket.socket:
        conn: Any = self
        addresses, port = connect_target(conn.host, conn.port, self.guard_settings)
        try:
            sock = _connect(addresses, port, conn)
        except TimeoutError as exc:
            from urllib3.exceptions import ConnectTimeoutError

            raise ConnectTimeoutError(conn, f"connect to {conn.host} timed out") from exc
        except OSError as exc:
            from urllib3.exceptions import NewConnectionError

            raise NewConnectionError(conn, f"cannot connect: {exc}") from exc
        from detector.crawl.session import watch_socket

        watch_socket(sock)
        return sock

    def request(self, *args: Any, **kwargs: Any) -> None:
        from detector.crawl.session import watch_socket

        sock = getattr(self, "sock", None)
        if sock is not None:  # a kept-alive connection: the watchdog must see it too
            watch_socket(sock)
        super().request(*args, **kwargs)  # type: ignore[misc]


class GuardedHTTPConnection(_GuardMixin, HTTPConnection):
    pass


class GuardedHTTPSConnection(_GuardMixin, HTTPSConnection):
    pass


class _GuardedPool:
    """Hands the pool's guard settings to every connection it opens."""

    guard_settings: Settings = Settings()

    def _new_conn(self) -> Any:
        conn = super()._new_conn()  # type: ignore[misc]
        conn.guard_settings = self.guard_settings
        return conn


class _GuardedHTTPPool(_GuardedPool, HTTPConnectionPool):
    ConnectionCls = GuardedHTTPConnection


class _GuardedHTTPSPool(_GuardedPool, HTTPSConnectionPool):
    ConnectionCls = GuardedHTTPSConnection


class _GuardedPoolManager(PoolManager):
    def __init__(self, settings: Settings, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.guard_settings = settings
        self.pool_classes_by_scheme = {"http": _GuardedHTTPPool, "https": _GuardedHTTPSPool}

    def _new_pool(self, scheme: str, host: str, port: int, request_context: Any = None) -> Any:
        pool: Any = super()._new_pool(scheme, host, port, request_context)
        pool.guard_settings = self.guard_settings
        return pool


class GuardedAdapter(HTTPAdapter):
    """A ``requests`` adapter whose every connection goes only to a checked address."""

    def __init__(self, settings: Settings, **kwargs: Any) -> None:
        self.guard_settings = settings
        super().__init__(**kwargs)

    def init_poolmanager(
        self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any
    ) -> None:
        self.poolmanager = _GuardedPoolManager(
            self.guard_settings, num_pools=connections, maxsize=maxsize, block=block, **pool_kwargs
        )

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        # A proxy would make the connection for us, out of the guard's sight.
        raise BlockedAddress("proxies are not used by the crawler")
