"""Command line: ``detector scan | report | export | label | reports | serve | demo | score |
features | crawl | train | evaluate`` (parser.py; one module per command group).

Exit codes: 0 every row scored, 1 some rows failed (their verdicts carry the error), 2 usage or
I/O errors (bad arguments, unreadable input, unwritable output, unloadable model, a store error).
A bad input is one stderr line naming the file, the line and the reason, never a traceback.
"""

from __future__ import annotations

import csv
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
