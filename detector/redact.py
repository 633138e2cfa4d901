"""The one rule for secrets in URLs: what is never sent, and what is never written.

- **Never sent.** User info (``https://user:pass@host/``) is removed from every URL before a
  request is made (``strip_userinfo``); ``requests`` would otherwise turn it into an
  ``Authorization: Basic`` header for the scanned site.
- **Never written.** In everything the detector writes (the store, JSONL/CSV/Parquet/STIX/MISP
  exports, the HTML report, WARC archives, crawl output, logs), a URL keeps no user info, and
  the value of every credential-like query or fragment parameter is replaced with
  ``REDACTED`` (``redact_url``). A parameter is credential-like when its name, lower-cased, is
  in ``CREDENTIAL_PARAMS`` or ends with one of ``CREDENTIAL_SUFFIXES``. Other parameters, the
  host and the path are kept, so verdicts stay useful for blocking and triage.

Scores are computed from the URL as given (in memory); only what is written is redacted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

REDACTED = "REDACTED"

CREDENTIAL_PARAMS = frozenset(
    {
        "token",
        "access_token",
        "refresh_token",
        "id_token",
        "auth",
        "auth_token",
        "authorization",
        "bearer",
        "jwt",
        "key",
        "api_key",
        "apikey",
        "access_key",
        "secret",
        "client_secret",
        "password",
        "passwd",
        "pwd",
        "pass",
        "session",
        "sessionid",
        "session_id",
        "sid",
        "sid_tt",
        "sig",
        "signature",
        "x-amz-signature",
        "x-amz-credential",
        "x-amz-security-token",
        "code",
    }
)
CREDENTIAL_SUFFIXES = ("_token", "-token", "_secret", "_password", "_signature", "_sig")

_URL_IN_TEXT = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]{0,20}://[^\s\"'<>]+")
_PARAM = re.compile(r"([^&;=]*)(=?)([^&;]*)")


def is_credential_param(name: str) -> bool:
    low = name.strip().lower()
    return low in CREDENTIAL_PARAMS or low.endswith(CREDENTIAL_SUFFIXES)


def strip_userinfo(url: str) -> str:
    """``url`` without ``user:pass@`` (unchanged when it has none or cannot be parsed)."""
    if "@" not in url:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def _redact_params(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        name, eq, value = m.group(1), m.group(2), m.group(3)
        if eq and value and is_credential_param(_unquote_name(name)):
            return f"{name}={REDACTED}"
        return m.group(0)

    return _PARAM.sub(one, text)


def _unquote_name(name: str) -> str:
    from urllib.parse import unquote_plus

    return unquote_plus(name)


def redact_url(url: str) -> str:
    """``url`` as it may be written: no user info, credential-like parameter values redacted."""
    if not isinstance(url, str) or ("@" not in url and "=" not in url):
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return _redact_params(url) if "=" in url else url
    netloc = parts.netloc.rsplit("@", 1)[1] if "@" in parts.netloc else parts.netloc
    query = _redact_params(parts.query) if "=" in parts.query else parts.query
    fragment = _redact_params(parts.fragment) if "=" in parts.fragment else parts.fragment
    if (netloc, query, fragment) == (parts.netloc, parts.query, parts.fragment):
        return url
    return urlunsplit(parts._replace(netloc=netloc, query=query, fragment=fragment))


def redact_text(text: str) -> str:
    """Every URL inside free text (an error message, a log line) redacted."""
    if not isinstance(text, str) or "://" not in text:
        return text
    return _URL_IN_TEXT.sub(lambda m: redact_url(m.group(0)), text)


def redact(value: Any) -> Any:
    """A JSON-like value with every URL-looking string in it redacted (dict keys kept)."""
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, Mapping):
        return {k: redact(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact(v) for v in value]
    return value


def redact_verdict(verdict: Any) -> Any:
    """A copy of a ``Verdict`` fit to write: its URL, evidence, error and extras redacted."""
    from dataclasses import replace

    from detector.records import Reason

    return replace(
        verdict,
        url=redact_url(verdict.url),
        reasons=[
            Reason(r.code, r.message, redact_text(r.evidence), r.weight) for r in verdict.reasons
        ],
        error=redact_text(verdict.error) if verdict.error else verdict.error,
        extra=redact(verdict.extra),
    )


def redact_snapshot(snapshot: Any) -> Any:
    """A copy of a ``Snapshot`` fit to write: URLs and fetch details redacted (markup and
    script texts kept)."""
    from dataclasses import replace

    return replace(
        snapshot,
        url=redact_url(snapshot.url),
        final_url=redact_url(snapshot.final_url) if snapshot.final_url else snapshot.final_url,
        redirects=[redact_url(u) for u in snapshot.redirects],
        headers=redact(snapshot.headers),
        listing=snapshot.listing,
        extra=redact(snapshot.extra),
        error=redact_text(snapshot.error) if snapshot.error else snapshot.error,
        scripts=[  # same-site script files: their URLs and extras (script text kept as fetched)
            replace(s, url=redact_url(s.url), extra=redact(s.extra)) for s in snapshot.scripts
        ],
    )
