"""``python -m detector.cli``: the same as the ``detector`` command."""

import sys

from detector.cli import main

if __name__ == "__main__":  # importing this module (tools that walk the package) runs nothing
    sys.exit(main())
