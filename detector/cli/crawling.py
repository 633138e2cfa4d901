"""``detector crawl``: URLs in, snapshots JSONL out, politely."""

from __future__ import annotations

import argparse
import sys

from detector.cli.common import (
    EXIT_OK,
    EXIT_ROWS_FAILED,
    crawl_settings,
    open_in,
    open_out,
    text_lines,
)
from detector.core.urls import refang
from detector.redact import redact_snapshot


def cmd_crawl(args: argparse.Namespace) -> int:
    """URLs in (one per line), snapshots out; politeness and guard settings from flags/env."""
    from detector.crawl import fetch_many

    settings = crawl_settings(args)
    with open_in(args.input) as src:
        lines = text_lines(args.input, src)
        # Defanged and scheme-less indicators (hxxp://, example[.]com) are read as URLs.
        urls = [refang(line)[0] for line in lines if line.strip() and not line.startswith("#")]
    archive = None
    if args.warc:
        from detector.crawl import WarcArchive

        archive = WarcArchive(args.warc)
    failed = 0
    try:
        with open_out(args.output) as out:
            for snap in fetch_many(urls, settings, archive=archive):
                failed += snap.error is not None
                out.write(redact_snapshot(snap).to_json() + "\n")
    finally:
        if archive is not None:
            archive.close()
    print(f"crawled {len(urls)} URLs ({failed} with errors)", file=sys.stderr)
    return EXIT_ROWS_FAILED if failed else EXIT_OK
