"""`python -m hpdesk` is the same as the `hpdesk` console script."""

import sys

from hpdesk.cli import main

if __name__ == "__main__":  # spawned export processes import this module too (services/child_process.py)
    if getattr(sys, "frozen", False):  # only a frozen build re-enters here for each child; importing
        import multiprocessing  # multiprocessing costs every other start ~15 ms (issue 13: --help)

        multiprocessing.freeze_support()
    sys.exit(main())
