"""Every exception the package raises on purpose: one root, errors that carry data, and the
built-in base a caller would catch anyway mixed in.

    DetectorError
    ├── InvalidSnapshot (ValueError)      a snapshot or verdict record is malformed
    ├── ExtractionError                   features could not be extracted
    ├── FetchError                        a fetch failed (normally carried in Snapshot.error)
    │   └── BlockedAddress                the SSRF guard refused the address
    ├── InvalidPackage (ValueError)       an extension package is unreadable or unsafe
    ├── ModelLoadError                    a model artifact is missing, altered or incompatible
    ├── ConfigError (ValueError)          a setting has an invalid value
    ├── StoreError                        the store cannot be opened, read or written
    ├── InvalidLabel (ValueError)         an analyst label or user report is malformed
    └── ExportError (OSError)             an export file could not be written

Each class has a ``code`` (``"<area>.<reason>"``) that ends up in verdicts, logs and HTTP errors.
"""

from __future__ import annotations

import os


class DetectorError(Exception):
    """Root of every error this package raises on purpose."""

    code: str = "detector.error"


class InvalidSnapshot(DetectorError, ValueError):
    """A snapshot (or verdict) record has a missing or wrongly typed field."""

    code = "snapshot.invalid"

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field


class ExtractionError(DetectorError):
    """Features could not be extracted from a snapshot."""

    code = "extract.failed"

    def __init__(self, message: str, reason: str = "failed") -> None:
        super().__init__(message)
        self.reason = reason
        self.code = f"extract.{reason}"


class FetchError(DetectorError):
    """A fetch failed; the crawler normally records this in ``Snapshot.error``."""

    code = "fetch.failed"

    def __init__(
        self, message: str, url: str = "", status: int | None = None, code: str = "fetch.failed"
    ) -> None:
        super().__init__(message)
        self.url = url
        self.status = status
        self.code = code


class BlockedAddress(FetchError):
    """The SSRF guard refused a host that resolves to a private or reserved address."""

    def __init__(self, message: str, url: str = "") -> None:
        super().__init__(message, url=url, code="fetch.blocked_address")


class ModelLoadError(DetectorError):
    """A model artifact is missing, altered, or built with incompatible versions."""

    code = "model.load_failed"


class ConfigError(DetectorError, ValueError):
    """A setting has an invalid value."""

    code = "config.invalid"


class InvalidPackage(DetectorError, ValueError):
    """The bytes are not a readable, safe extension package; ``reason`` says why."""

    code = "crawl.invalid_package"

    def __init__(self, message: str, reason: str = "invalid") -> None:
        super().__init__(message)
        self.reason = reason


class StoreError(DetectorError):
    """The store cannot be opened or written: not a store, corrupt, unreachable or read-only."""

    code = "store.failed"

    def __init__(self, message: str, path: str | os.PathLike[str] = "") -> None:
        super().__init__(message)
        self.path = str(path)


class InvalidLabel(DetectorError, ValueError):
    """A label row with an empty URL or a label other than scam/benign, or a bad user report."""

    code = "store.invalid_label"


class ExportError(DetectorError, OSError):
    """An export could not be written; ``filename`` is the target path."""

    code = "export.failed"

    def __init__(self, message: str, path: str | os.PathLike[str], err: int | None = None) -> None:
        super().__init__(err, message, str(path))

    def __str__(self) -> str:
        return str(self.strerror)
