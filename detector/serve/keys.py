"""API keys: named, hashed at rest and in memory, compared in constant time.

Keys come from ``Settings.api_keys`` (``DETECTOR_API_KEYS``: comma-separated ``name:key`` pairs)
and from ``Settings.api_keys_file`` (one ``name:key`` or ``name:sha256:<hex>`` per line; ``#``
starts a comment). Only SHA-256 digests are kept after parsing; ``detector serve --new-key NAME``
prints a fresh key and the hashed line to put in the file. A key shipped inside a browser
extension is an identifier, not a secret: it names the caller for rate limits and reports.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from detector.config import Settings
from detector.errors import ConfigError

_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
_HEX = re.compile(r"^[0-9a-f]{64}$")
MIN_KEY_CHARS = 16


def digest(key: str) -> bytes:
    """SHA-256 of a key: what is stored and compared."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()


def new_key() -> str:
    """A fresh random key (256 bits, URL-safe)."""
    return "dk_" + secrets.token_urlsafe(32)


def hashed_line(name: str, key: str) -> str:
    """The keys-file line for ``key``: ``name:sha256:<hex>``."""
    return f"{name}:sha256:{digest(key).hex()}"


@dataclass(frozen=True)
class KeyRing:
    """Named key digests; ``match`` answers which name a presented key belongs to."""

    entries: tuple[tuple[str, bytes], ...]

    @classmethod
    def from_settings(cls, settings: Settings) -> KeyRing:
        """Parse both key sources; raises ``ConfigError`` naming the bad entry (never the key)."""
        entries: list[tuple[str, bytes]] = []
        for n, item in enumerate(filter(None, (e.strip() for e in settings.api_keys.split(",")))):
            entries.append(_parse(item, f"DETECTOR_API_KEYS entry {n + 1}"))
        if settings.api_keys_file:
            path = Path(settings.api_keys_file)
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as exc:
                raise ConfigError(f"cannot read api_keys_file {path}: {exc}") from exc
            for n, line in enumerate(lines, 1):
                line = line.split("#", 1)[0].strip()
                if line:
                    entries.append(_parse(line, f"{path} line {n}"))
        names = [name for name, _ in entries]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ConfigError(f"API key names must be unique; repeated: {', '.join(dupes)}")
        return cls(tuple(entries))

    def __len__(self) -> int:
        return len(self.entries)

    def match(self, presented: str | None) -> str | None:
        """The name of the key ``presented`` is, or None. Time does not depend on which matched."""
        if not presented:
            return None
        wanted = digest(presented)
        found: str | None = None
        for name, stored in self.entries:  # no early exit: every entry is compared
            if hmac.compare_digest(wanted, stored) and found is None:
                found = name
        return found


def _parse(item: str, where: str) -> tuple[str, bytes]:
    name, sep, rest = item.partition(":")
    name = name.strip()
    if not sep or not _NAME.match(name):
        raise ConfigError(f"{where}: expected name:key with a name of letters, digits, _ . -")
    if rest.startswith("sha256:"):
        hexed = rest[len("sha256:") :].strip().lower()
        if not _HEX.match(hexed):
            raise ConfigError(f"{where}: sha256: needs 64 hex digits")
        return name, bytes.fromhex(hexed)
    key = rest.strip()
    if len(key) < MIN_KEY_CHARS:
        raise ConfigError(f"{where}: key for {name!r} is shorter than {MIN_KEY_CHARS} characters")
    return name, digest(key)
