"""Batch scans: read inputs, crawl what needs crawling, score, record in a store. Resumable.

- ``inputs``: the input readers (URL lists, CSV, JSONL snapshots, ad exports) and input keys;
- ``pipeline``: ``Processor``, which parses, crawls and scores a list of inputs (no store);
- ``executors``: the same work on local processes or a Dask cluster (they import the pipeline,
  never the scanner);
- ``scanner``: ``Scanner``, one run into a store, on any of those executors.
"""

from detector.scan.inputs import input_key, read_inputs, text_of
from detector.scan.pipeline import Processor, needs_fetch
from detector.scan.scanner import Progress, Scanner, Summary

__all__ = [
    "Processor",
    "Progress",
    "Scanner",
    "Summary",
    "input_key",
    "needs_fetch",
    "read_inputs",
    "text_of",
]
