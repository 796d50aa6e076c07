"""The guard's sheet extent counts cell starts and referenced cells in one scan; it must count exactly what the two
separate scans it replaced counted, hostile tags included (a '<c ' or an r="…" inside a quoted value, a '>' inside
one, namespaced cells, cells without a reference). The two scans are kept here as the reference."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from hpdesk.services.importing.file_guard import _ANY_REFERENCE, _CELL_START, _column_number, sheet_extent

_CELL_REFERENCE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*?(?<=\s)r=[\"']([A-Z]{1,3})([0-9]{1,7})[\"']")


def _two_scans(xml: bytes) -> tuple[int, int]:
    """sheet_extent as it was before the single scan (c0d0a64)."""
    anywhere = _ANY_REFERENCE.findall(xml)
    columns = max(map(_column_number, {letters for letters, _row in anywhere}), default=0)
    rows = max(map(int, {row for _letters, row in anywhere}), default=0)
    unreferenced = len(_CELL_START.findall(xml)) - len(_CELL_REFERENCE.findall(xml))
    if unreferenced > 0:
        rows += unreferenced
        columns += unreferenced
    return rows, columns


_PIECES = [b"<c", b"<x:c", b"<c:c", b"<cc", b"<", b"c", b" ", b"\t", b"\n", b">", b"/>", b"/", b"r=", b' r="',
           b" r='", b'"', b"'", b"A", b"CV", b"XFD", b"1", b"150000", b'x="', b"x='", b"<row r=\"3\">", b"</c>",
           b"<v>1</v>", b"s=\"1\"", b"\0", b"</row>", b"AB12", b"=",
           b'<c x="', b"<c r='B2'", b'" r="A1">', b'<x:c r="Z9"', b"<c t=\"s\" r='C3'/>", b"a>b"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_one_scan_counts_what_the_two_scans_counted(pieces: list[bytes]) -> None:
    xml = b"".join(pieces)
    assert sheet_extent(xml) == _two_scans(xml)


def test_hostile_tags_count_as_before() -> None:
    for xml in [b'<c x="<c r=\'B2\'" r="A1">', b'<c x="a>b" r="CV150000"><v>1</v></c>', b"<c><c/><x:c >",
                b'<c r="A1"><c r="B2"', b'<c x="<c <c r=\'Z9\'" r="A1"/>', b'<row r="9"><c r="A9"/></row>']:
        assert sheet_extent(xml) == _two_scans(xml), xml
