"""Read ``manifest.json`` out of a Chrome extension package (CRX3, CRX2 or a bare zip).

CRX3 layout: ``b"Cr24"``, uint32 LE version 3, uint32 LE header length, a protobuf header (signatures;
skipped), then a zip. CRX2: version 2, key length, signature length, key, signature, zip. Packages
are hostile input: the header, the member count, each member's declared and actual size, the total
declared size and the compression ratio are all capped, and names that escape the archive root are
refused. Only ``manifest.json`` and the default locale's ``messages.json`` are ever decompressed.
"""

from __future__ import annotations

import io
import json
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

from detector.errors import InvalidPackage

_MAGIC = b"Cr24"
_MSG = re.compile(r"^__MSG_(\w+)__$")


@dataclass(frozen=True)
class Limits:
    """Caps applied while reading a package."""

    max_package_bytes: int = 100_000_000
    max_header_bytes: int = 1_000_000
    max_members: int = 20_000
    max_member_bytes: int = 50_000_000  # declared uncompressed size of any one member
    max_total_bytes: int = 300_000_000  # declared uncompressed size of all members
    max_ratio: float = 200.0  # uncompressed / compressed, for members above ratio_floor
    ratio_floor: int = 1_000_000
    max_manifest_bytes: int = 1_000_000  # actually decompressed, whatever the header claims


def zip_payload(data: bytes, limits: Limits | None = None) -> bytes:
    """The zip archive inside a CRX2/CRX3 package (or ``data`` itself if it is a zip)."""
    lim = limits or Limits()
    if len(data) > lim.max_package_bytes:
        raise InvalidPackage(f"package is larger than {lim.max_package_bytes} bytes", "too_large")
    if data[:2] == b"PK":
        return data
    if data[:4] != _MAGIC or len(data) < 12:
        raise InvalidPackage("not a CRX package (bad magic or too short)", "bad_magic")
    version, first = struct.unpack_from("<II", data, 4)
    if version == 3:
        start, header = 12, first
    elif version == 2 and len(data) >= 16:
        (sig_len,) = struct.unpack_from("<I", data, 12)
        start, header = 16, first + sig_len
    else:
        raise InvalidPackage(f"unsupported CRX version {version}", "bad_version")
    if header > lim.max_header_bytes:
        raise InvalidPackage(f"CRX header of {header} bytes exceeds the cap", "header_too_large")
    if start + header >= len(data):
        raise InvalidPackage("package ends inside its header", "truncated")
    return data[start + header :]


def _unsafe_name(name: str) -> bool:
    norm = name.replace("\\", "/")
    parts = norm.split("/")
    return norm.startswith("/") or ".." in parts or (len(norm) > 1 and norm[1] == ":")


def _check_members(infos: list[zipfile.ZipInfo], lim: Limits) -> None:
    if len(infos) > lim.max_members:
        raise InvalidPackage(f"{len(infos)} members exceed the cap", "too_many_members")
    total = 0
    for info in infos:
        if _unsafe_name(info.filename):
            raise InvalidPackage(f"member name escapes the archive: {info.filename!r}", "path")
        if info.file_size > lim.max_member_bytes:
            raise InvalidPackage(f"member {info.filename!r} is too large", "member_too_large")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > lim.ratio_floor and ratio > lim.max_ratio:
            raise InvalidPackage(f"member {info.filename!r} looks like a zip bomb", "bomb")
        total += info.file_size
    if total > lim.max_total_bytes:
        raise InvalidPackage("declared uncompressed size exceeds the cap", "bomb")


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    # Headers can lie about sizes, so the cap is enforced on the bytes actually produced.
    with archive.open(info) as stream:
        data = stream.read(cap + 1)
    if len(data) > cap:
        raise InvalidPackage(f"{info.filename!r} decompresses beyond {cap} bytes", "bomb")
    return data


def lenient_json(raw: bytes | str) -> Any:
    """Parse JSON, tolerating a BOM, ``//`` and ``/* */`` comments and trailing commas."""
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    text = text.lstrip("\ufeff")
    try:
        return json.loads(text)
    except ValueError:
        pass
    cleaned = _strip_comments(text)
    cleaned = re.sub(r",(\s*[}\]])", r"\1", cleaned)
    try:
        return json.loads(cleaned)
    except ValueError as exc:
        raise InvalidPackage(f"manifest.json is not valid JSON: {exc}", "bad_json") from exc


def _strip_comments(text: str) -> str:
    out: list[str] = []
    i, n, in_str = 0, len(text), False
    while i < n:
        ch = text[i]
        if in_str:
            out.append(ch)
            if ch == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 1
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
            out.append(ch)
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
            continue
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _localise(manifest: dict[str, Any], messages: Any) -> None:
    """Replace ``__MSG_key__`` placeholders in name/short_name/description (keys are caseless)."""
    if not isinstance(messages, dict):
        return
    table = {str(k).lower(): v for k, v in messages.items()}
    for field in ("name", "short_name", "description"):
        value = manifest.get(field)
        m = _MSG.match(value) if isinstance(value, str) else None
        entry = table.get(m.group(1).lower()) if m else None
        if isinstance(entry, dict) and isinstance(entry.get("message"), str):
            manifest[field] = entry["message"]


def read_manifest(data: bytes, limits: Limits | None = None) -> dict[str, Any]:
    """The manifest of a CRX/zip package, with i18n placeholders resolved when possible.

    Raises ``InvalidPackage`` (a ``ValueError``) with a ``reason`` for any unsafe or broken input.
    """
    lim = limits or Limits()
    payload = zip_payload(data, lim)
    try:
        archive = zipfile.ZipFile(io.BytesIO(payload))
        infos = archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        NotImplementedError,
    ) as exc:
        raise InvalidPackage(f"zip archive unreadable: {exc}", "truncated") from exc
    _check_members(infos, lim)
    by_name = {i.filename: i for i in infos}
    info = by_name.get("manifest.json")
    if info is None:
        raise InvalidPackage("no manifest.json at the archive root", "no_manifest")
    try:
        manifest = lenient_json(_read_capped(archive, info, lim.max_manifest_bytes))
        if not isinstance(manifest, dict):
            raise InvalidPackage("manifest.json is not an object", "bad_json")
        locale = manifest.get("default_locale")
        msg_info = by_name.get(f"_locales/{locale}/messages.json") if locale else None
        if isinstance(locale, str) and msg_info is not None:
            try:
                raw = _read_capped(archive, msg_info, lim.max_manifest_bytes)
                _localise(manifest, lenient_json(raw))
            except InvalidPackage:
                pass  # placeholders stay; the manifest itself is still good
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError) as exc:
        if isinstance(exc, InvalidPackage):
            raise
        raise InvalidPackage(f"zip member unreadable: {exc}", "truncated") from exc
    return manifest


def download_url(extension_id: str, prodversion: str = "120.0") -> str:
    """The store's public update-service URL that redirects to an extension's CRX."""
    return (
        "https://clients2.google.com/service/update2/crx?response=redirect"
        f"&prodversion={prodversion}&acceptformat=crx2,crx3&x=id%3D{extension_id}%26uc"
    )
