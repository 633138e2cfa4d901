"""``python -m detector.cli``: the same as the ``detector`` command."""

import sys

from detector.cli import main

sys.exit(main())
