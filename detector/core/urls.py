"""URLs: host parts with an offline public-suffix list, and the canonical form used as a key.

Every part of the package that splits a host or compares URLs uses this module: extraction,
intel, exports, the crawler's link discovery and the model's analyst feedback. tldextract is built with ``suffix_list_urls=()`` so it never fetches the suffix list at run time;
its bundled snapshot is used. Private suffixes (github.io, netlify.app, ...) are included so a page
on ``someone.github.io`` has registered domain ``someone.github.io``, not ``github.io``.
"""

from __future__ import annotations

import ipaddress
import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit, urlunsplit

import tldextract

HTTP_PORTS = {"http": 80, "https": 443}
_EXTRACT = tldextract.TLDExtract(
    suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
)


@dataclass(frozen=True)
class HostParts:
    """The pieces of a URL's host that features are computed on."""

    url: str
    scheme: str
    host: str  # lower-case, no port, IDNA (punycode) form when it was non-ASCII
    host_unicode: str  # the same host decoded for display and homoglyph checks
    subdomain: str
    domain: str  # the label left of the suffix, e.g. "tiktok" in www.tiktok.com
    suffix: str
    registered_domain: str  # domain + suffix ("" for IP hosts)
    public_registered_domain: str  # ignoring private suffixes (github.io -> github.io)
    is_ip: bool
    port: int | None
    path: str
    query: str
    fragment: str
    userinfo: str

    @property
    def valid(self) -> bool:
        return bool(self.host)


def _to_unicode(host: str) -> str:
    if "xn--" not in host:
        return host
    try:
        return host.encode("ascii").decode("idna")
    except UnicodeError:
        return host


def _to_ascii(host: str) -> str:
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


@lru_cache(maxsize=16384)
def host_parts(url: str) -> HostParts:
    """Split a URL (scheme optional) into the parts features use. Never raises."""
    raw = (url or "").strip()[:4096]
    if raw and "://" not in raw[:12] and not raw.startswith("//"):
        raw = "http://" + raw
    try:
        sp = urlsplit(raw)
        netloc = sp.netloc
        port = sp.port
    except ValueError:
        sp = urlsplit("")
        netloc, port = "", None
    userinfo, _, hostport = netloc.rpartition("@")
    host = hostport
    if host.startswith("["):
        host = host[1 : host.find("]")] if "]" in host else host[1:]
    elif ":" in host:
        host = host.rsplit(":", 1)[0]
    host = host.strip(".").lower()
    is_ip = _is_ip(host)
    ascii_host = host if is_ip else _to_ascii(host)
    if is_ip or not ascii_host:
        sub = dom = suf = reg = pub = ""
    else:
        ext = _EXTRACT(ascii_host)
        sub, dom, suf = ext.subdomain, ext.domain, ext.suffix
        reg = f"{dom}.{suf}" if dom and suf else ""
        pub_ext = _EXTRACT(ascii_host, include_psl_private_domains=False)
        pub = f"{pub_ext.domain}.{pub_ext.suffix}" if pub_ext.domain and pub_ext.suffix else ""
    return HostParts(
        url=url,
        scheme=sp.scheme.lower(),
        host=ascii_host,
        host_unicode=_to_unicode(ascii_host),
        subdomain=sub,
        domain=dom,
        suffix=suf,
        registered_domain=reg,
        public_registered_domain=pub,
        is_ip=is_ip,
        port=port,
        path=sp.path,
        query=sp.query,
        fragment=sp.fragment,
        userinfo=userinfo,
    )


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        # Also catch integer/hex forms browsers accept, e.g. http://2130706433/ or 0x7f.1
        return host.isdigit() or (host.startswith("0x") and "." not in host)
    return True


def normalise_url(url: str) -> str | None:
    """Canonical form for de-duplication, or None for anything but an absolute http(s) URL.

    Lower-case scheme and host, the host in its IDNA (punycode) form so ``tiktök.example`` and
    ``xn--tiktk-jua.example`` are one key, default port and fragment dropped, query parameters
    sorted, percent-escapes of unreserved characters decoded and the rest upper-cased, dot
    segments resolved (RFC 3986 6.2.2), empty path as ``/``.
    """
    split = split_http(url, lambda host: _to_ascii(host.rstrip(".")))
    if split is None:
        return None
    scheme, netloc, sp = split
    query = urlencode(sorted(parse_qsl(sp.query, keep_blank_values=True)))
    path = _remove_dot_segments(_normal_escapes(sp.path)) or "/"
    return urlunsplit((scheme, netloc, path, query, ""))


_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")


def _normal_escapes(path: str) -> str:
    """``%7e`` -> ``~`` (unreserved characters need no escape), other escapes upper-case."""

    def one(m: re.Match[str]) -> str:
        char = chr(int(m.group(1), 16))
        return char if char in _UNRESERVED else "%" + m.group(1).upper()

    return _ESCAPE.sub(one, path) if "%" in path else path


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 5.2.4: ``/a/./b/../c`` -> ``/a/c``."""
    if "." not in path:
        return path
    out: list[str] = []
    segments = path.split("/")
    for i, seg in enumerate(segments):
        last = i == len(segments) - 1
        if seg == "..":
            if len(out) > 1:
                out.pop()
            if last:
                out.append("")
        elif seg == ".":
            if last:
                out.append("")
        else:
            out.append(seg)
    return "/".join(out)


# Defanged indicators as analysts paste them: hxxp://, example[.]com, [:]//, (dot), [at].
_DEFANG_SCHEME = re.compile(r"^\s*h(?:xx|XX|\*\*|tt)p(s?)(?:\[:\]|:)//", re.I)
_DEFANG_TOKENS = (
    ("[.]", "."), ("(.)", "."), ("{.}", "."), ("[dot]", "."), ("(dot)", "."), ("[:]", ":"),
    ("[/]", "/"), ("[@]", "@"), ("[at]", "@"), ("[://]", "://"),
)  # fmt: skip
_HOSTLIKE = re.compile(
    r"^(?:[\w.-]+\.[a-z]{2,63}|\d{1,3}(?:\.\d{1,3}){3})(?::\d{1,5})?(?:[/?#]|$)", re.I
)


def refang(text: str) -> tuple[str, str | None]:
    """An indicator as a fetchable URL, and what was changed (None when nothing was).

    ``hxxp://example[.]com/x`` -> ``http://example.com/x``; a scheme-less ``example.com/x``
    gets ``http://`` (the crawler follows the site's redirect to https). Text that does not look
    like a host or URL is returned as it was.
    """
    raw = text.strip().strip("\"'<>")
    url = raw
    for token, plain in _DEFANG_TOKENS:
        if token in url or token.upper() in url:
            url = url.replace(token, plain).replace(token.upper(), plain)
    url = _DEFANG_SCHEME.sub(lambda m: f"http{m.group(1).lower()}://", url)
    if "://" not in url and _HOSTLIKE.match(url):
        url = "http://" + url
    if url == text.strip():
        return url, None
    return url, f"read {raw!r} as {url!r}"


def split_http(url: str, host_form: Callable[[str], str]) -> tuple[str, str, SplitResult] | None:
    """``(scheme, netloc, parts)`` of an absolute http(s) URL, or None (another scheme, no host,
    a bad port). The scheme is lower-case, the host as ``host_form`` spells the lower-case host
    name, IPv6 hosts in brackets, the default port dropped."""
    try:
        sp = urlsplit(url.strip())
        port = sp.port
    except ValueError:
        return None
    scheme = sp.scheme.lower()
    host = host_form(sp.hostname or "")
    if scheme not in HTTP_PORTS or not host:
        return None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != HTTP_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    return scheme, netloc, sp
