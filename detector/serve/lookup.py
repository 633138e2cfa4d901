"""Privacy mode: hash prefixes in, full hashes and their verdicts out (as Safe Browsing does).

The client canonicalises the URL it is on (``canonical_url``, ``canonical_host``), hashes both with
SHA-256 and sends only the first 4 to 8 hex digits. The server answers with every full hash it
knows under those prefixes; the client compares full hashes locally. The server learns a prefix
shared by many URLs, never the URL; a full hash (which would confirm a guessed URL) is refused by
the request schema.

Canonical forms (easy to reproduce with a browser's ``URL`` object):

- URL: ``scheme://host[:port]path[?query]`` with scheme and host lower-case, the host's trailing dot
  dropped, IDN hosts in A-labels (punycode), the default port dropped, an empty path as ``/``, user
  info and fragment dropped, and the query kept exactly as it is;
- host: the host part of that form, without the port.

Where an answer comes from matters, because anyone holding a key (and a key shipped inside a
published extension is public) can send any markup under any URL. Each entry keeps its source:
``scan`` (a verdict from the store, written by analysts' scans), ``fetch`` (a page the server
fetched itself for a bare-URL request), ``snapshot`` (markup a caller sent). A snapshot's verdict
never replaces a scan's or a fetch's, so no caller can whitewash a known lure or smear a site the
scans have judged; whether snapshots are indexed at all is the operator's choice
(``SERVE_LOOKUP_SNAPSHOTS``, off by default).
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import idna

from detector.core.urls import HTTP_PORTS, split_http

MAX_ENTRIES = 200_000  # about 1 kB each: bounds the worker's memory
# How far each source of a verdict is trusted: an entry is replaced only by one at least as
# trusted (a newer scan or fetch replaces an older one; a snapshot replaces only a snapshot).
TRUST = {"snapshot": 0, "fetch": 1, "scan": 1}


def _host(hostname: str) -> str:
    host = hostname.strip("[]").rstrip(".").lower()
    if host and not host.isascii():
        try:
            host = idna.encode(host, uts46=True).decode("ascii")
        except idna.IDNAError:
            return ""
    return host


def canonical_url(url: str) -> str | None:
    """The lookup form of ``url`` (see the module text), or None for a non-http(s) URL."""
    split = split_http(url, _host)
    if split is None:
        return None
    scheme, netloc, sp = split
    query = f"?{sp.query}" if sp.query else ""
    return f"{scheme}://{netloc}{sp.path or '/'}{query}"


def canonical_host(url: str) -> str | None:
    """The lookup form of the host of ``url``, or None."""
    try:
        sp = urlsplit(url.strip())
    except ValueError:
        return None
    if sp.scheme.lower() not in HTTP_PORTS:
        return None
    return _host(sp.hostname or "") or None


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_RANK = {"scam": 3, "suspicious": 2, "unverified": 1, "benign": 0}


def summary(verdict: dict[str, Any], source: str = "scan") -> dict[str, Any]:
    """What a lookup reveals about a URL's verdict: no URL, no evidence text, no id."""
    return {
        "source": source,
        "label": verdict.get("label"),
        "score": verdict.get("score"),
        "model": verdict.get("model"),
        "claims": list(verdict.get("claims") or []),
        "reasons": [
            {"code": r.get("code"), "message": r.get("message")}
            for r in verdict.get("reasons") or []
            if isinstance(r, dict)
        ][:5],
    }


@dataclass
class _Host:
    urls: set[str] = field(default_factory=set)
    worst: str = "benign"
    flagged: int = 0
    labels: dict[str, str] = field(default_factory=dict)


class HashIndex:
    """Full hashes of canonical URLs and hosts with verdicts; answers prefix queries."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self._sorted: list[str] = []
        self._urls: dict[str, dict[str, Any]] = {}
        self._hosts: dict[str, _Host] = {}

    def __len__(self) -> int:
        return len(self._sorted)

    def _insert(self, digest: str) -> None:
        i = bisect.bisect_left(self._sorted, digest)
        if i == len(self._sorted) or self._sorted[i] != digest:
            self._sorted.insert(i, digest)

    def add(self, url: str, verdict: dict[str, Any], source: str = "scan") -> bool:
        """Index a scored verdict under its URL and host; False when not indexable, full, or
        when the URL already has a verdict from a more trusted source (``TRUST``)."""
        if source not in TRUST:
            raise ValueError(f"unknown verdict source {source!r}")
        label = verdict.get("label")
        canon, host = canonical_url(url), canonical_host(url)
        if canon is None or host is None or label is None or verdict.get("score") is None:
            return False
        url_hash, host_hash = sha256_hex(canon), sha256_hex(host)
        known = self._urls.get(url_hash)
        if known is None and len(self._sorted) >= self.max_entries:
            return False
        if known is not None and TRUST[source] < TRUST[known["source"]]:
            return False
        self._urls[url_hash] = summary(verdict, source)
        self._insert(url_hash)
        entry = self._hosts.setdefault(host_hash, _Host())
        self._insert(host_hash)
        entry.urls.add(url_hash)
        entry.labels[url_hash] = str(label)
        entry.flagged = sum(1 for lb in entry.labels.values() if lb in ("scam", "suspicious"))
        entry.worst = max(entry.labels.values(), key=lambda lb: _RANK.get(lb, 0))
        return True

    def query(self, prefix: str) -> list[dict[str, Any]]:
        """Every known full hash that starts with ``prefix`` (lower-case hex), with its answer."""
        out: list[dict[str, Any]] = []
        i = bisect.bisect_left(self._sorted, prefix)
        while i < len(self._sorted) and self._sorted[i].startswith(prefix):
            digest = self._sorted[i]
            if digest in self._urls:
                out.append({"hash": digest, "kind": "url", "verdict": self._urls[digest]})
            host = self._hosts.get(digest)
            if host is not None:
                out.append(
                    {
                        "hash": digest,
                        "kind": "host",
                        "host": {
                            "worst_label": host.worst,
                            "urls": len(host.urls),
                            "flagged": host.flagged,
                        },
                    }
                )
            i += 1
        return out


def client_hashes(url: str) -> dict[str, str]:
    """What a privacy-mode client computes for the page it is on: ``{full hash: "url"|"host"}``."""
    out: dict[str, str] = {}
    host, canon = canonical_host(url), canonical_url(url)
    if host:
        out[sha256_hex(host)] = "host"
    if canon:
        out[sha256_hex(canon)] = "url"
    return out


def client_request(url: str, digits: int = 8) -> dict[str, list[str]]:
    """The ``POST /v1/lookup`` body a client sends for ``url``: prefixes only."""
    if not 4 <= digits <= 8:
        raise ValueError("prefixes are 4 to 8 hex digits")
    return {"prefixes": sorted({h[:digits] for h in client_hashes(url)})}


def client_matches(url: str, answer: dict[str, Any]) -> list[dict[str, Any]]:
    """The entries of a lookup answer that are really about ``url`` (full-hash comparison)."""
    mine = client_hashes(url)
    return [
        m
        for m in answer.get("matches", [])
        if isinstance(m, dict) and mine.get(str(m.get("hash"))) == m.get("kind")
    ]
