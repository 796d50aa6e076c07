"""The percentage cells of a legacy .xls workbook (BIFF8 in an OLE compound file), which calamine reads as bare
fractions: a cell the clerk sees as 27.64% comes back as 0.2764, and an indicator target "35%" as "0.35".

Number formats are not in calamine's API, so this reads just enough of the file: the compound file's FAT and
directory to find the Workbook stream, then the stream's FORMAT and XF records (which formats show a '%') and the
numeric cell records (NUMBER, RK, MULRK, FORMULA) of one sheet. Every offset is checked against the data and every
chain is bounded by the number of sectors, so a damaged or hostile file yields nothing rather than an error: the
guard and calamine have already judged the file, this only adds what they cannot say.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

_FREE_OR_END = 0xFFFFFFFA  # FAT values at or above this end a chain (or mark special sectors)
_BUILTIN_PERCENT_FORMATS = {9, 10}  # 0% and 0.00%
_BOUNDSHEET, _FORMAT, _XF, _BOF, _EOF = 0x0085, 0x041E, 0x00E0, 0x0809, 0x000A
_NUMBER, _RK, _MULRK, _FORMULA = 0x0203, 0x027E, 0x00BD, 0x0006


def xls_percentages(data: bytes, sheet: str) -> dict[tuple[int, int], float]:
    """(sheet row, 0-based column) → stored fraction of every numeric cell of `sheet` whose format shows a '%';
    {} when the file cannot be read this far (the cells then stay as calamine gives them)."""
    try:
        stream = _workbook_stream(data)
        if stream is None:
            return {}
        return _sheet_percentages(stream, sheet)
    except (struct.error, IndexError, ValueError, UnicodeDecodeError):
        return {}


def _workbook_stream(data: bytes) -> bytes | None:
    """The 'Workbook' (or BIFF5 'Book') stream of the compound file: from regular sectors, or from the mini stream
    when it is under the cutoff (4096 bytes). Chains are followed at most as many steps as there are sectors."""
    sector_size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    if sector_size not in (512, 4096):
        return None
    sectors = max(0, (len(data) - sector_size) // sector_size)
    fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
    difat, difat_count = struct.unpack_from("<II", data, 0x44)
    per_sector = sector_size // 4
    for _ in range(min(difat_count, sectors)):
        if difat >= sectors:
            break
        entries = struct.unpack_from(f"<{per_sector}I", data, (difat + 1) * sector_size)
        fat_sectors.extend(entries[:-1])
        difat = entries[-1]
    fat: list[int] = []
    for sector in fat_sectors:
        if sector < sectors:
            fat.extend(struct.unpack_from(f"<{per_sector}I", data, (sector + 1) * sector_size))

    def read(start: int, table: list[int], limit: int) -> Iterator[int]:
        for _ in range(limit):
            if start >= _FREE_OR_END or start >= len(table):
                return
            yield start
            start = table[start]

    def regular(start: int) -> bytes:
        return b"".join(data[(sector + 1) * sector_size:(sector + 2) * sector_size]
                        for sector in read(start, fat, sectors) if sector < sectors)

    directory = regular(struct.unpack_from("<I", data, 0x30)[0])
    for offset in range(0, len(directory) - 127, 128):
        name_length = struct.unpack_from("<H", directory, offset + 64)[0]
        name = directory[offset:offset + max(0, name_length - 2)].decode("utf-16-le", "replace")
        if name in ("Workbook", "Book") and directory[offset + 66] == 2:  # a stream
            start, size = struct.unpack_from("<II", directory, offset + 116)
            if size >= struct.unpack_from("<I", data, 0x38)[0]:  # over the cutoff (4096): in regular sectors
                return regular(start)[:size]
            # a small workbook (a short indicator table) lives in the mini stream, held by the root entry
            mini_size = 1 << struct.unpack_from("<H", data, 0x20)[0]
            mini_stream = regular(struct.unpack_from("<I", directory, 116)[0])
            mini_fat_bytes = regular(struct.unpack_from("<I", data, 0x3C)[0])
            mini_fat = list(struct.unpack_from(f"<{len(mini_fat_bytes) // 4}I", mini_fat_bytes))
            return b"".join(mini_stream[sector * mini_size:(sector + 1) * mini_size]
                            # at most as many steps as the mini stream has sectors: a looping chain cannot grow it
                            for sector in read(start, mini_fat, len(mini_stream) // max(1, mini_size) + 1))[:size]
    return None


def _records(stream: bytes, position: int = 0) -> Iterator[tuple[int, int, bytes]]:
    """(offset, record type, record data) from `position` to the end of the stream."""
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        yield position, kind, stream[position + 4:position + 4 + length]
        position += 4 + length


def _unicode(data: bytes, offset: int, count: int) -> str:
    """An XLUnicodeString's characters after its length: a flags byte, then 8-bit or UTF-16 characters."""
    wide = data[offset] & 1
    body = data[offset + 1:offset + 1 + count * (2 if wide else 1)]
    return body.decode("utf-16-le") if wide else body.decode("latin-1")


def _sheet_percentages(stream: bytes, sheet: str) -> dict[tuple[int, int], float]:
    percent_formats = set(_BUILTIN_PERCENT_FORMATS)
    percent_xf: set[int] = set()
    sheet_at: int | None = None
    xf_index = 0
    for _offset, kind, record in _records(stream):
        if kind == _FORMAT:
            number, count = struct.unpack_from("<HH", record, 0)
            if "%" in _unicode(record, 4, count).replace('"%"', ""):
                percent_formats.add(number)
        elif kind == _XF:
            if struct.unpack_from("<H", record, 2)[0] in percent_formats:
                percent_xf.add(xf_index)
            xf_index += 1
        elif kind == _BOUNDSHEET and _unicode(record, 7, record[6]) == sheet:
            sheet_at = struct.unpack_from("<I", record, 0)[0]
        elif kind == _EOF:
            break  # the workbook globals end here; the sheets follow
    if sheet_at is None or not percent_xf:
        return {}
    found: dict[tuple[int, int], float] = {}
    for offset, kind, record in _records(stream, sheet_at):
        if kind == _EOF or (kind == _BOF and offset != sheet_at):
            break
        if kind in (_NUMBER, _RK, _FORMULA):
            row, column, xf = struct.unpack_from("<HHH", record, 0)
            if xf not in percent_xf:
                continue
            if kind == _RK:
                found[(row + 1, column)] = _rk_value(struct.unpack_from("<I", record, 6)[0])
            elif kind == _NUMBER or record[12:14] != b"\xff\xff":  # a formula's result is a number unless marked
                found[(row + 1, column)] = struct.unpack_from("<d", record, 6)[0]
        elif kind == _MULRK:
            row, first = struct.unpack_from("<HH", record, 0)
            for index in range((len(record) - 6) // 6):
                xf, rk = struct.unpack_from("<HI", record, 4 + index * 6)
                if xf in percent_xf:
                    found[(row + 1, first + index)] = _rk_value(rk)
    return found


def _rk_value(rk: int) -> float:
    """An RK number: a 30-bit integer or the top 30 bits of a double, either one possibly divided by 100."""
    if rk & 2:
        value = float(rk >> 2 if not rk & 0x80000000 else (rk >> 2) - (1 << 30))
    else:
        value = struct.unpack("<d", struct.pack("<Q", (rk & 0xFFFFFFFC) << 32))[0]
    return value / 100 if rk & 1 else value
