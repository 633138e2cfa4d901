"""A disk cache of extracted features, so retraining does not re-parse every page.

Entries are keyed by the snapshot's content hash; the cache file is named by the extractor's
identity: the feature schema hash plus a digest of the source and lexicon files extraction reads
and the versions of the parsers it uses (a fix inside a signal family changes the digest even
when no feature name changes). A stale entry can therefore never be read: a changed extractor
or a changed snapshot misses.

The file is plain JSON (feature dicts and documents), written atomically, never pickle. It lives
outside the repository: ``$DETECTOR_CACHE_DIR`` or ``~/.cache/detector``. A file that cannot be
read is ignored and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from detector.records import Snapshot

CACHE_ENV = "DETECTOR_CACHE_DIR"
_FORMAT = "features-v1"

Entry = tuple[dict[str, Any], str]  # (feature dict, document)


def default_dir() -> Path:
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else Path.home() / ".cache" / "detector"


# What extraction reads besides detector/extract/ and the bottom layer detector/core/ (URLs,
# platforms, lexicons): these modules and the parser's version.
_ALSO_READ = ("records.py", "config.py", "errors.py")


@lru_cache(maxsize=1)
def extractor_id() -> str:
    """Schema hash + digest of every source and lexicon file extraction reads, plus the Python
    and parser versions (a parser upgrade may parse a page differently)."""
    from importlib.metadata import version

    from detector.extract.features import schema_hash

    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(schema_hash().encode())
    for lib in ("selectolax", "tldextract"):
        h.update(f"{lib} {version(lib)}".encode())
    h.update(repr(sys.version_info[:3]).encode())
    files = [
        path
        for part in ("extract", "core")
        for pattern in ("*.py", "*.json")
        for path in sorted((root / part).rglob(pattern))
    ]
    for path in [*files, *(root / name for name in _ALSO_READ)]:
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:24]


def snapshot_key(snap: Snapshot) -> str:
    blob = json.dumps(snap.to_dict(), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()


class FeatureCache:
    """Extraction results of one extractor version, read from and written to one JSON file."""

    def __init__(self, directory: Path | None = None) -> None:
        self.path = (directory or default_dir()) / f"features-{extractor_id()}.json"
        self.entries: dict[str, Entry] = {}
        self.hits = 0
        self.misses = 0
        self._dirty = False
        self._load()

    def _load(self) -> None:
        try:
            blob = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(blob, dict) or blob.get("format") != _FORMAT:
            return
        rows = blob.get("entries")
        if not isinstance(rows, dict):
            return
        for key, value in rows.items():
            if (
                isinstance(value, list)
                and len(value) == 2
                and isinstance(value[0], dict)
                and isinstance(value[1], str)
            ):
                self.entries[key] = (value[0], value[1])

    def get_many(
        self, snaps: Sequence[Snapshot], compute: Callable[[list[Snapshot]], list[Entry]]
    ) -> list[Entry]:
        """Each snapshot's entry; the missing ones are computed in one call of ``compute``
        (a list of snapshots -> their entries, in order) and remembered."""
        keys = [snapshot_key(snap) for snap in snaps]
        missing: dict[str, Snapshot] = {}
        for key, snap in zip(keys, snaps, strict=True):
            if key not in self.entries:
                missing.setdefault(key, snap)
        self.misses += len(missing)
        self.hits += len(keys) - len(missing)  # a repeat of a missing page is read, not redone
        if missing:
            computed = compute(list(missing.values()))
            self.entries.update(zip(missing, computed, strict=True))
            self._dirty = True
        return [self.entries[key] for key in keys]

    def save(self) -> None:
        """Write the file atomically (only when something was added); errors are not fatal."""
        if not self._dirty:
            return
        blob = {"format": _FORMAT, "extractor": extractor_id(), "entries": self.entries}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(blob, fh)  # ASCII escapes: any string, even a lone surrogate
            os.replace(tmp, self.path)
            self._dirty = False
        except (OSError, ValueError):
            return
