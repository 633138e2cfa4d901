"""Scan inputs: one reader per input file, and the de-duplication key of each input.

``read_inputs(path)`` yields ``(key, raw JSON)`` per input of a URL list (.txt), a CSV with a
``url`` column, JSONL snapshots, or an ad-library export (.json: each ad is scored from its text,
and its landing page becomes one more input, crawled and scored as a page; ads sharing a landing
page share that input). ``read_snapshots(lines)`` reads JSONL snapshots for ``detector score`` and
``detector features``. A malformed row never stops a file: it becomes a ``Rejected`` row that
fails when scored, naming its line.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detector.core.urls import normalise_url, refang
from detector.crawl.sources import store_url
from detector.errors import InvalidSnapshot
from detector.records import Snapshot


@dataclass(frozen=True)
class Rejected:
    """An input row that cannot be read: its key, its text as given, and why (with its line).

    It unpacks as ``(key, raw)`` like a readable row, so a run keeps it among its inputs; it
    fails when scored, with ``snapshot.invalid: <problem>``."""

    key: str
    raw: str
    problem: str

    def __iter__(self) -> Iterator[str]:
        return iter((self.key, self.raw))


def json_objects(lines: Iterable[str]) -> Iterator[tuple[int, str, dict[str, Any] | Rejected]]:
    """``(line number, line, JSON object or why it is not one)`` per non-blank JSONL line."""
    for n, line in enumerate(lines, 1):
        if line.strip():
            yield n, line, json_object(n, line)


def json_object(n: int, line: str) -> dict[str, Any] | Rejected:
    """Line ``n`` of a JSONL file as a JSON object, or why it is not one."""
    try:
        row = json.loads(line)
    except (ValueError, UnicodeDecodeError) as exc:
        problem = f"not valid JSON: {exc}"
    except RecursionError:
        problem = "not valid JSON: nested too deeply"
    else:
        if isinstance(row, dict):
            return row
        problem = "not a JSON object"
    return Rejected(f"line:{n}", line, f"line {n}: {problem}")


def read_snapshots(lines: Iterable[str]) -> Iterator[Snapshot | Rejected]:
    """A ``Snapshot`` per JSONL line (``detector score`` and ``features``); blank lines skipped."""
    for n, line, row in json_objects(lines):
        if isinstance(row, Rejected):
            yield row
            continue
        try:
            yield Snapshot.from_dict(row)
        except InvalidSnapshot as exc:
            yield Rejected(f"line:{n}", line, f"line {n}: {exc}")


def input_key(url: str) -> str:
    """De-duplication key of a URL input: its canonical form, or the stripped text if not a URL."""
    return normalise_url(url) or url.strip()


def _key_for(snap: dict[str, Any], fallback: str) -> str:
    if isinstance(snap.get("id"), str | int) and not isinstance(snap.get("id"), bool):
        return f"id:{snap['id']}"
    if isinstance(snap.get("url"), str) and snap["url"].strip():
        return input_key(snap["url"])
    return "sha:" + hashlib.sha256(fallback.encode("utf-8", "replace")).hexdigest()[:24]


def read_inputs(path: str | Path) -> Iterator[tuple[str, str] | Rejected]:
    """Yield (key, raw JSON) per input; a malformed row is a ``Rejected`` (it fails when scored)."""
    p = Path(path)
    text = text_of(p, p.read_bytes())
    suffix = p.suffix.lower()
    if suffix == ".jsonl":
        for _, line, row in json_objects(text.splitlines()):
            if isinstance(row, Rejected):
                yield row
            else:
                yield _key_for(row, line), json.dumps(row, ensure_ascii=False)
    elif suffix == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        try:
            names = reader.fieldnames
        except csv.Error as exc:
            raise InvalidSnapshot(f"{p}:{reader.line_num + 1}: unreadable CSV: {exc}") from exc
        fields = {f.lower().strip(): f for f in names or []}
        if "url" not in fields:
            raise InvalidSnapshot(f"{p}: CSV needs a 'url' column (found {sorted(fields)})", "url")
        for n, row in _csv_rows(reader, p):
            url = (row.get(fields["url"]) or "").strip()
            extra = {k: v for k, v in row.items() if k != fields["url"] and k}
            item: dict[str, Any] = {**_url_item(url), "csv_row": n}
            if extra:
                item["input"] = extra
            if not url:
                yield Rejected(f"line:{n}", json.dumps(item), f"line {n}: empty url")
                continue
            yield _key_for(item, f"csv:{n}"), json.dumps(item)
    elif suffix == ".json":
        from detector.crawl.sources.ad_library import load_ad_export

        try:
            ads = load_ad_export(p)
        except InvalidSnapshot as exc:
            raise InvalidSnapshot(f"{p}: {exc}") from exc
        for snap in ads:
            d = snap.to_dict()
            yield _key_for(d, json.dumps(d, sort_keys=True)), json.dumps(d, ensure_ascii=False)
            landing = (snap.listing.landing_url if snap.listing else None) or snap.extra.get(
                "landing_url"
            )
            if isinstance(landing, str) and landing.startswith(("http://", "https://")):
                page = {"url": landing, "kind": "page", "parent_id": snap.id, "parent_kind": "ad"}
                yield input_key(landing), json.dumps(page, ensure_ascii=False)
    else:
        for line in text.splitlines():
            url = line.strip()
            if not url or url.startswith("#"):
                continue
            item = _url_item(url)
            yield input_key(item["url"]), json.dumps(item, ensure_ascii=False)


def _url_item(text: str) -> dict[str, Any]:
    """A pasted indicator as a snapshot request: defanged and scheme-less forms made fetchable,
    the text as given kept beside it (``given_url``), so the verdict says what was read."""
    url = store_url(text) or refang(text)[0]
    return {"url": url, "given_url": text} if url != text else {"url": url}


def text_of(path: Path, data: bytes) -> str:
    """An input file's bytes as text; a binary file is refused with its line, not read as junk.

    A NUL byte, or more than 1 in 20 bytes that are not UTF-8, marks a binary file. Text that is
    mostly UTF-8 keeps working: the odd bad byte becomes U+FFFD.
    """
    nul = data.find(b"\0")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InvalidSnapshot(f"{path}:{line}: binary data (a NUL byte), not a text input file")
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad and bad * 20 > len(text):
        first = text.index("\ufffd")
        line = text.count("\n", 0, first) + 1
        raise InvalidSnapshot(f"{path}:{line}: binary data (not UTF-8 text), not a text input file")
    return text


def _csv_rows(reader: csv.DictReader[str], path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number, row) per CSV record, numbered from 2 as before; an unreadable record stops
    the file with the line it was read from."""
    n = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InvalidSnapshot(f"{path}:{reader.line_num + 1}: unreadable CSV: {exc}") from exc
        n += 1
        yield n, row
