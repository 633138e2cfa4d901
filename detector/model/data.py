"""Load the labelled corpus: JSONL files under data/corpus and JSON files under data/handwritten."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from detector.errors import InvalidSnapshot
from detector.records import Snapshot

LABEL_FIELDS = ("label", "subtype", "family", "source", "lang")
POSITIVE = "scam"


@dataclass(frozen=True)
class Example:
    """One labelled snapshot with its provenance."""

    snapshot: Snapshot
    label: str
    subtype: str
    family: str
    source: str
    lang: str

    @property
    def y(self) -> int:
        return int(self.label == POSITIVE)


def corpus_files(data_dir: Path) -> list[Path]:
    """Every corpus file, in a stable order."""
    files = sorted((data_dir / "corpus").glob("*.jsonl"))
    files += sorted((data_dir / "handwritten").rglob("*.json"))
    files += sorted((data_dir / "labels").glob("*.jsonl")) if (data_dir / "labels").is_dir() else []
    return files


def _rows(path: Path) -> Iterator[tuple[str, dict[str, object]]]:
    if path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    yield f"{path.name}:{n}", json.loads(line)
    else:
        yield path.name, json.loads(path.read_text(encoding="utf-8"))


def to_example(row: dict[str, object], where: str = "") -> Example:
    missing = [f for f in ("label", "family") if not isinstance(row.get(f), str)]
    if missing:
        raise InvalidSnapshot(f"{where}: labelled row lacks {', '.join(missing)}", missing[0])
    label = str(row["label"])
    if label not in ("scam", "benign"):
        raise InvalidSnapshot(f"{where}: label must be scam or benign, got {label!r}", "label")
    snap_fields = {k: v for k, v in row.items() if k not in LABEL_FIELDS}
    return Example(
        snapshot=Snapshot.from_dict(snap_fields),
        label=label,
        subtype=str(row.get("subtype") or "unknown"),
        family=str(row["family"]),
        source=str(row.get("source") or "unknown"),
        lang=str(row.get("lang") or "unknown"),
    )


def load_corpus(data_dir: str | Path) -> list[Example]:
    """Load every labelled example under ``data_dir`` (raises on a malformed row, naming it)."""
    root = Path(data_dir)
    files = corpus_files(root)
    if not files:
        raise FileNotFoundError(f"no corpus files under {root}/corpus or {root}/handwritten")
    out = []
    for path in files:
        for where, row in _rows(path):
            out.append(to_example(row, where))
    return out


def data_hash(data_dir: str | Path) -> str:
    """SHA-256 over the corpus files' relative paths and bytes: the training-data identity."""
    root = Path(data_dir)
    h = hashlib.sha256()
    for path in sorted(corpus_files(root), key=lambda p: p.relative_to(root).as_posix()):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()
