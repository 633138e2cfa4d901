"""Command line: ``detector scan | report | export | label | reports | serve | demo | score |
features | crawl | train | evaluate | config`` (parser.py; one module per command group).
``--version``; ``-v``/``-vv``/``--log-level`` before or after the command (logs go to stderr,
with every URL in them redacted).

Exit codes: 0 every row scored, 1 some rows failed (their verdicts carry the error), 2 usage or
I/O errors (bad arguments, unreadable input, unwritable output, unloadable model, a store error).
A bad input is one stderr line naming the file, the line and the reason, never a traceback.
"""

from __future__ import annotations

import csv
import logging
import sqlite3
import sys
from collections.abc import Sequence

from detector.cli.common import EXIT_OK, EXIT_ROWS_FAILED, EXIT_USAGE, UsageError
from detector.cli.parser import build_parser
from detector.errors import ConfigError, DetectorError, ModelLoadError

__all__ = ["EXIT_OK", "EXIT_ROWS_FAILED", "EXIT_USAGE", "UsageError", "build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.log_level, args.verbose)
    try:
        return int(args.func(args))
    except UsageError as exc:
        print(f"detector: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (ModelLoadError, ConfigError, FileNotFoundError) as exc:
        print(f"detector: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except (OSError, DetectorError) as exc:  # store, export and other I/O failures
        print(f"detector: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except sqlite3.Error as exc:  # a full disk, a locked or corrupt store mid-run
        print(
            f"detector: store error: {' '.join(str(exc).split())[:300]}; results already "
            "recorded stay in the store (run the same command again to resume)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except csv.Error as exc:
        print(f"detector: unreadable CSV input: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except RecursionError:
        print("detector: input nested too deeply to read", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("detector: interrupted; output written so far is kept", file=sys.stderr)
        return 130


class _Redacting(logging.Filter):
    """Every URL in a log line redacted (detector/redact.py): logs never carry secrets."""

    def filter(self, record: logging.LogRecord) -> bool:
        from detector.redact import redact_text

        record.msg = redact_text(record.getMessage())
        record.args = None
        return True


def configure_logging(level: str, verbose: int = 0) -> None:
    """stderr logging at ``level``, raised to info by -v and to debug by -vv."""
    number = getattr(logging, str(level).upper(), logging.WARNING)
    if verbose:
        number = min(number, logging.INFO if verbose == 1 else logging.DEBUG)
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_detector", False)]:
        root.removeHandler(old)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("detector %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_Redacting())
    handler._detector = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(number)
