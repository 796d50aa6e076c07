"""`python -m hpdesk` is the same as the `hpdesk` console script."""

import multiprocessing
import sys

from hpdesk.cli import main

if __name__ == "__main__":  # spawned export processes import this module too (services/child_process.py)
    multiprocessing.freeze_support()  # the frozen Windows build re-enters here for each child
    sys.exit(main())
