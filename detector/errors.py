"""Exception tree: one root, errors that carry data, built-in bases callers expect."""

from __future__ import annotations


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
