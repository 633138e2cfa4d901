"""Verdict exporters: JSONL, CSV, Parquet, STIX 2.1, MISP, plus the HTML report.

``write(fmt, verdicts, path) -> int`` dispatches to ``write_<fmt>(verdicts, path) -> int`` in the
format's module (jsonl, csv_export, parquet, stix, misp). Every writer goes through
``atomic_output``: it writes a temporary file beside the target and renames it into place, so a
failure never leaves a half-written file, and turns OS failures (disk full, read-only directory)
into ``ExportError`` (an ``OSError`` and a ``DetectorError``) that names the path.

pyarrow, stix2 and pymisp (the "export" extra) are imported inside the writers that need them,
so the core package works without them.

What the counts mean: JSONL, CSV and Parquet return rows written (one per verdict); STIX and MISP
return the number of verdicts exported as URL indicators (``scam`` ones by default).
"""

from __future__ import annotations

import errno
import importlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from detector.errors import ExportError
from detector.records import Verdict
from detector.redact import redact_verdict

FORMATS = {
    "jsonl": "detector.export.jsonl",
    "csv": "detector.export.csv_export",
    "parquet": "detector.export.parquet",
    "stix": "detector.export.stix",
    "misp": "detector.export.misp",
}
# File name endings that choose a format when none is given (anything else: JSONL).
SUFFIXES = {".csv": "csv", ".parquet": "parquet", ".stix.json": "stix", ".misp.json": "misp",
            ".stix": "stix", ".misp": "misp"}  # fmt: skip


def format_for(path: str) -> str:
    """The export format a file name asks for (``out.stix.json`` -> stix), JSONL by default."""
    low = path.lower()
    return next((fmt for end, fmt in SUFFIXES.items() if low.endswith(end)), "jsonl")


def write(
    fmt: str, verdicts: Iterable[Verdict], path: str | os.PathLike[str], **options: Any
) -> int:
    """Write ``verdicts`` to ``path`` in ``fmt`` (one of ``FORMATS``); returns the count."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {sorted(FORMATS)}")
    module = importlib.import_module(FORMATS[fmt])
    fn = getattr(module, f"write_{fmt}")
    return int(fn(map(redact_verdict, verdicts), path, **options))  # no secrets in exports


@contextmanager
def atomic_output(
    path: str | os.PathLike[str], mode: str = "w", **open_kwargs: Any
) -> Iterator[IO[Any]]:
    """Open a temp file beside ``path``; on success fsync and rename it over ``path``."""
    with temp_path(path) as tmp, open(tmp, mode, **open_kwargs) as fh:
        yield fh


@contextmanager
def temp_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temp path beside ``path`` for the writer to fill; on success it is fsynced and renamed
    over ``path``, on any failure removed. OS errors become ``ExportError`` naming ``path``."""
    target = Path(path)
    fd, tmp_name = _make_temp(target)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # the temp file is private; the export is not
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, ExportError):
            raise
        raise ExportError(_describe(target, exc), target, exc.errno) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return mask


def is_stdout(path: str | os.PathLike[str]) -> bool:
    return str(path) == "-"


def stdout_text() -> IO[str]:
    return sys.stdout


def write_text(path: str | os.PathLike[str], dump: Callable[[IO[str]], int], newline: str) -> int:
    """``dump`` into stdout for ``"-"``, else into a UTF-8 text file written atomically at
    ``path`` (``newline`` as ``open`` takes it); returns what ``dump`` returns (rows written)."""
    if is_stdout(path):
        return dump(stdout_text())
    with atomic_output(path, "w", encoding="utf-8", newline=newline) as fh:
        return dump(fh)


def _make_temp(target: Path) -> tuple[int, str]:
    if target.is_dir():
        raise ExportError(f"cannot write export {target}: it is a directory", target, errno.EISDIR)
    try:
        return tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise ExportError(_describe(target, exc), target, exc.errno) from exc


def _describe(target: Path, exc: OSError) -> str:
    why = {
        errno.ENOSPC: "disk full",
        errno.EDQUOT: "disk quota exceeded",
        errno.EFBIG: "file too large for this file system or limit",
        errno.EROFS: "read-only file system",
        errno.EACCES: "permission denied (read-only directory?)",
        errno.EPERM: "operation not permitted",
        errno.ENOENT: "directory does not exist",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    return f"cannot write export {target}: {why}"


def indicator_verdicts(verdicts: Iterable[Verdict], include: tuple[str, ...]) -> Iterator[Verdict]:
    """The verdicts STIX and MISP export as URL indicators: an included label, a URL, no error."""
    for verdict in verdicts:
        if verdict.label in include and verdict.url and not verdict.error:
            yield verdict


def hosting_platform(host: str) -> str | None:
    """The free-hosting platform (from the url lexicon) that serves ``host``, if any."""
    from detector.core.platforms import platform_of

    return platform_of(host, "free_hosting") or None


def blockable_host(url: str) -> str | None:
    """The URL's host when a domain-wide indicator is safe to publish, else None.

    Shared platforms (a free-hosting apex such as sites.google.com, URL shorteners, TikTok itself)
    and IP addresses are left out: blocking them would block every innocent tenant.
    """
    from detector.core.platforms import is_official_host, listed
    from detector.core.urls import host_parts

    parts = host_parts(url)
    if not parts.host or parts.is_ip or not parts.registered_domain:
        return None
    if parts.host in listed("free_hosting") or parts.registered_domain in listed("shorteners"):
        return None
    if is_official_host(parts.host):
        return None
    return parts.host


__all__ = [
    "FORMATS",
    "SUFFIXES",
    "ExportError",
    "atomic_output",
    "blockable_host",
    "format_for",
    "hosting_platform",
    "temp_path",
    "write",
]
