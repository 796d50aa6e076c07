"""`environment_error` turns the machine's conditions into the clerk's one line, however the library reports them."""

from __future__ import annotations

import errno
import sqlite3

import pytest
from lxml import etree

from hpdesk.domain.errors import UserError, environment_error


def _lxml_write_error(errno_name: str) -> etree.SerialisationError:
    return etree.SerialisationError(errno_name)


@pytest.mark.parametrize(("error", "code"), [
    (OSError(errno.ENOSPC, "No space left on device", "/ws/x"), "disk_full"),
    (OSError(errno.EROFS, "Read-only file system", "/ws/x"), "read_only_location"),
    (OSError(errno.EACCES, "Permission denied", "/ws/x"), "no_permission"),
    (sqlite3.OperationalError("database or disk is full"), "disk_full"),
    (_lxml_write_error("IO_ENOSPC"), "disk_full"),
    (_lxml_write_error("IO_EROFS"), "read_only_location"),
    (_lxml_write_error("IO_EACCES"), "no_permission"),
])
def test_a_full_read_only_or_forbidden_location_becomes_its_user_message(error: BaseException, code: str) -> None:
    found = environment_error(error, "/ws")
    assert isinstance(found, UserError) and found.code == code


def test_lxml_s_full_disk_is_found_behind_the_error_it_caused() -> None:
    # The worksheet writer's close fails again while the first IO_ENOSPC propagates: the chain holds both.
    try:
        try:
            raise _lxml_write_error("IO_ENOSPC")
        except etree.SerialisationError as first:
            raise RuntimeError("while closing the sheet") from first
    except RuntimeError as chained:
        found = environment_error(chained, "/ws")
    assert found is not None and found.code == "disk_full" and "/ws" in found.message("zh")


@pytest.mark.parametrize("error", [
    _lxml_write_error("IO_ENCODER"),  # a bug of ours, not the disk
    etree.SerialisationError("unknown error -1"),
    ValueError("IO_ENOSPC"),  # only lxml's errors carry libxml2's names
])
def test_other_lxml_errors_and_look_alike_texts_stay_internal(error: BaseException) -> None:
    assert environment_error(error, "/ws") is None
