"""What a test does when an input it needs is not on this machine: skip on a developer's machine, fail in CI.

CI sets CI=true; there every input is installed (scripts/setup.sh) or checked out beside the repository, so a
missing one means the suite is not testing what it claims to, and a silent skip would hide it.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def missing(reason: str) -> NoReturn:
    """Skip the test for `reason`, or fail it when running in CI."""
    if running_in_ci():
        pytest.fail(f"{reason} (CI must run this test)", pytrace=False)
    pytest.skip(reason)
