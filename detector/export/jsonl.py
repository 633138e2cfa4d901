"""JSONL export: one verdict per line, exactly the Verdict contract (``Verdict.to_json``)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import IO

from detector.export import write_text
from detector.records import Verdict


def write_jsonl(verdicts: Iterable[Verdict], path: str | os.PathLike[str]) -> int:
    """Write one JSON object per line (UTF-8, non-ASCII kept); ``"-"`` means stdout."""
    return write_text(path, lambda fh: _dump(verdicts, fh), newline="\n")


def _dump(verdicts: Iterable[Verdict], fh: IO[str]) -> int:
    n = 0
    for verdict in verdicts:
        fh.write(verdict.to_json())
        fh.write("\n")
        n += 1
    return n
