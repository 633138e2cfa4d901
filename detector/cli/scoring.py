"""``detector score`` and ``detector features``: snapshots JSONL in, verdicts or features out, offline."""

from __future__ import annotations

import argparse
import json
import sys
import time

from detector.cli.common import EXIT_OK, EXIT_ROWS_FAILED, bad_row, open_in, open_out
from detector.errors import DetectorError
from detector.records import Snapshot
from detector.redact import redact, redact_url, redact_verdict
from detector.scan.inputs import read_snapshots


def cmd_score(args: argparse.Namespace) -> int:
    from detector.detector import Detector
    from detector.records import Verdict

    det = Detector.load(args.model)
    total = failed = 0
    shown = [0]
    start = time.perf_counter()
    with open_in(args.input) as src, open_out(args.output) as out:
        rows = list(read_snapshots(src)) if args.input == "-" else read_snapshots(src)
        good: list[Snapshot] = []

        def flush() -> None:
            nonlocal total, failed
            for v in det.score_many(good):
                out.write(redact_verdict(v).to_json() + "\n")
                total += 1
                failed += v.error is not None
            good.clear()

        for row in rows:
            if isinstance(row, Snapshot):
                good.append(row)
                if len(good) >= 256:
                    flush()
                continue
            flush()
            bad_row(args.input, row, shown)
            v = Verdict(id=row.key, error=f"snapshot.invalid: {row.problem}", model=det.model_name)
            out.write(redact_verdict(v).to_json() + "\n")
            total += 1
            failed += 1
        flush()
    rate = total / max(time.perf_counter() - start, 1e-9)
    print(
        f"scored {total - failed} of {total} snapshots ({failed} failed, {rate:.0f}/s) "
        f"with {det.model_name}",
        file=sys.stderr,
    )
    return EXIT_ROWS_FAILED if failed else EXIT_OK


def cmd_features(args: argparse.Namespace) -> int:
    from detector.extract.features import extract

    failed = 0
    shown = [0]
    with open_in(args.input) as src, open_out(args.output) as out:
        for row in read_snapshots(src):
            if not isinstance(row, Snapshot):
                bad_row(args.input, row, shown)
                out.write(json.dumps({"id": row.key, "error": row.problem}) + "\n")
                failed += 1
                continue
            try:
                ex = extract(row)
            except DetectorError as exc:
                out.write(json.dumps({"id": row.id, "error": str(exc)}) + "\n")
                failed += 1
                continue
            out.write(
                json.dumps(
                    {
                        "id": row.id,
                        "url": redact_url(row.url),
                        "features": ex.features,
                        "evidence": redact(ex.evidence),
                        "claims": ex.claims,
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    return EXIT_ROWS_FAILED if failed else EXIT_OK
