"""Parquet export via pyarrow: the CSV columns plus ``reasons_json`` (the full reasons list).

The schema is fixed (``schema()``), so an empty export still has every column, and types survive a
round trip: ``score`` is a nullable float64, everything else a nullable string.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from typing import Any

from detector.export import temp_path
from detector.export.csv_export import COLUMNS, flat_row
from detector.records import Verdict

PARQUET_COLUMNS = (*COLUMNS, "reasons_json")


def schema() -> Any:
    import pyarrow as pa

    return pa.schema([(c, pa.float64() if c == "score" else pa.string()) for c in PARQUET_COLUMNS])


def write_parquet(verdicts: Iterable[Verdict], path: str | os.PathLike[str]) -> int:
    """Write one row per verdict; returns the row count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns: dict[str, list[Any]] = {c: [] for c in PARQUET_COLUMNS}
    for verdict in verdicts:
        row = flat_row(verdict)
        row["reasons_json"] = json.dumps([r.to_dict() for r in verdict.reasons], ensure_ascii=False)
        for c in PARQUET_COLUMNS:
            columns[c].append(row[c])
    table = pa.table(columns, schema=schema())
    with temp_path(path) as tmp:
        pq.write_table(table, tmp, compression="zstd")
    return table.num_rows
