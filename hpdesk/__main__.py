"""`python -m hpdesk` is the same as the `hpdesk` console script."""

import sys

from hpdesk.cli import main

sys.exit(main())
