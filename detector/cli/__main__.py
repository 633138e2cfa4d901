"""``python -m detector.cli``: the same as the ``detector`` command."""

import sys

from detector.cli import main

if __name__ == "__main__":  # importing this module (as tools that walk the package do) runs nothing
    sys.exit(main())
