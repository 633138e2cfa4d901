"""Parquet export via pyarrow: the CSV columns with their natural types.

The schema is fixed (``schema()``), so an empty export still has every column, and types survive a
round trip: ``score`` and ``domain_age_days`` are float64, ``http_status`` int64, ``claims`` a
list of strings and ``reasons`` a list of structs (code, message, evidence, weight: every reason,
strongest first), everything else a nullable string.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from detector.export import temp_path
from detector.export.csv_export import COLUMNS, flat_row
from detector.records import Verdict

PARQUET_COLUMNS = COLUMNS
_FLOATS = ("score", "domain_age_days")


def schema() -> Any:
    import pyarrow as pa

    reason = pa.struct(
        [("code", pa.string()), ("message", pa.string()), ("evidence", pa.string()),
         ("weight", pa.float64())]
    )  # fmt: skip

    def kind(column: str) -> Any:
        if column in _FLOATS:
            return pa.float64()
        if column == "http_status":
            return pa.int64()
        if column == "claims":
            return pa.list_(pa.string())
        if column == "reasons":
            return pa.list_(reason)
        return pa.string()

    return pa.schema([(c, kind(c)) for c in PARQUET_COLUMNS])


def write_parquet(verdicts: Iterable[Verdict], path: str | os.PathLike[str]) -> int:
    """Write one row per verdict; returns the row count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns: dict[str, list[Any]] = {c: [] for c in PARQUET_COLUMNS}
    for verdict in verdicts:
        row = flat_row(verdict)
        row["claims"] = list(verdict.claims)
        row["reasons"] = [r.to_dict() for r in verdict.reasons]
        for c in PARQUET_COLUMNS:
            columns[c].append(row[c])
    table = pa.table(columns, schema=schema())
    with temp_path(path) as tmp:
        pq.write_table(table, tmp, compression="zstd")
    return table.num_rows
