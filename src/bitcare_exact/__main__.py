"""Run the command line: ``python -m bitcare_exact``."""

from __future__ import annotations

import sys

from bitcare_exact.cli import main


if __name__ == "__main__":
    sys.exit(main())
