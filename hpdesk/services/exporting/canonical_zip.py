"""The one byte layout of a submission package, so that `verify` accounts for every byte of the zip (issue 12, item 17).

The manifest signature authenticates the members' contents, not the zip around them: headers, the central
directory and the end record are not signed, and a zip reader ignores bytes before, between and after members.
Instead of signing the container too, hpdesk writes it in exactly one way, and `container_problems` rebuilds that
way from the values it is made of and compares byte for byte:

- every member is STORED (its bytes in the zip are its content, which the manifest's SHA-256 authenticates — a
  deflate stream can decode to the same content from different bytes), no data descriptor, no encryption;
- local headers contiguous from offset 0, each exactly as `zipfile` writes it for `package.member_info(name)`: the
  fixed timestamp, no extra field (a ZIP64 one only for a member over 2 GiB, as `zipfile` writes it), UTF-8 flag
  exactly when the name is not ASCII, the CRC-32 and the size of the content;
- the central directory right after the last member, listing manifest.json, manifest.json.p7s, then the other
  members in the order they are stored (the manifest and its signature are stored either first, as earlier
  versions wrote them, or last); every entry made by "Unix, version 2.0", attributes 0644, no comment, and a ZIP64
  extra field only where `zipfile` needs one;
- the end record (with ZIP64 records only where `zipfile` writes them) ending the file, without a comment.

Each value those bytes are built from is either a name the signed manifest lists (an unlisted member is reported
elsewhere), a size or CRC-32 of authenticated content (zipfile and `zip_members` check the CRC against the bytes
read; the verifier checks the size against the manifest), or a position that follows from them. So a package that
passes here and whose members match the signed manifest has no byte that could change without failing verify.
"""

from __future__ import annotations

import struct
import zipfile
from typing import BinaryIO

from hpdesk.services.exporting.package import MANIFEST_NAME, SIGNATURE_NAME, ZIP_TIMESTAMP

LOCAL = struct.Struct("<4s2B4HL2L2H")
CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
END = struct.Struct("<4s4H2LH")
END64 = struct.Struct("<4sQ2H2L4Q")
END64_LOCATOR = struct.Struct("<4sLQL")
ZIP64_LIMIT = (1 << 31) - 1  # zipfile's limit (not 4 GiB): above it, zipfile writes ZIP64 fields
FILECOUNT_LIMIT = 0xFFFF
VERSION = 20
ZIP64_VERSION = 45
UNIX = 3
ATTRIBUTES = 0o644 << 16
UTF8_FLAG = 0x800


def _dos_time() -> tuple[int, int]:
    year, month, day, hour, minute, second = ZIP_TIMESTAMP
    return hour << 11 | minute << 5 | second // 2, (year - 1980) << 9 | month << 5 | day


def _name_and_flags(name: str) -> tuple[bytes, int]:
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape"), UTF8_FLAG


def local_header(info: zipfile.ZipInfo) -> bytes:
    """The local header hpdesk's writer gives `info`'s name, CRC and size (a ZIP64 one above 2 GiB, as
    `package._copy_member` forces it then)."""
    name, flags = _name_and_flags(info.filename)
    time, date = _dos_time()
    size = info.file_size
    extra = b""
    version = VERSION
    if size > 2 ** 31:
        extra, version = struct.pack("<HHQQ", 1, 16, size, size), ZIP64_VERSION
        size = 0xFFFFFFFF
    return LOCAL.pack(b"PK\x03\x04", version, 0, flags, zipfile.ZIP_STORED, time, date, info.CRC, size, size,
                      len(name), len(extra)) + name + extra


def central_directory(infos: list[zipfile.ZipInfo], offsets: dict[int, int], start: int) -> bytes:
    """The central directory and end records `zipfile` writes for `infos` (in that order) stored at `offsets`
    (by position in `infos`), the directory beginning at `start`."""
    time, date = _dos_time()
    entries = []
    for index, info in enumerate(infos):
        name, flags = _name_and_flags(info.filename)
        size, offset = info.file_size, offsets[index]
        zip64: list[int] = []
        if size > ZIP64_LIMIT:
            zip64 += [size, size]
            size = 0xFFFFFFFF
        if offset > ZIP64_LIMIT:
            zip64.append(offset)
            offset = 0xFFFFFFFF
        extra = struct.pack("<HH" + "Q" * len(zip64), 1, 8 * len(zip64), *zip64) if zip64 else b""
        # a member over 2 GiB got a ZIP64 local header, which raised its "version needed" for the directory too
        version = ZIP64_VERSION if zip64 or info.file_size > 2 ** 31 else VERSION
        entries.append(CENTRAL.pack(b"PK\x01\x02", version, UNIX, version, 0, flags, zipfile.ZIP_STORED, time,
                                    date, info.CRC, size, size, len(name), len(extra), 0, 0, 0, ATTRIBUTES,
                                    offset) + name + extra)
    directory = b"".join(entries)
    count, size, offset = len(infos), len(directory), start
    tail = b""
    if count > FILECOUNT_LIMIT or offset > ZIP64_LIMIT or size > ZIP64_LIMIT:
        tail = END64.pack(b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, size, offset) \
            + END64_LOCATOR.pack(b"PK\x06\x07", 0, start + size, 1)
        count, size, offset = min(count, 0xFFFF), min(size, 0xFFFFFFFF), min(offset, 0xFFFFFFFF)
    return directory + tail + END.pack(b"PK\x05\x06", 0, 0, count, count, size, offset, 0)


def container_problems(stream: BinaryIO, file_size: int, infos: list[zipfile.ZipInfo]) -> list[str]:
    """Chinese findings where the zip in `stream` (`file_size` bytes, `infos` as zipfile read its directory)
    differs from the one layout hpdesk writes (see the module docstring); [] when every byte is as written."""
    if len(infos) < 2 or infos[0].filename != MANIFEST_NAME or infos[1].filename != SIGNATURE_NAME:
        return ["报送包的目录不是 hpdesk 写出的顺序（应先列 manifest.json 与 manifest.json.p7s），不予认可。"]
    problems = [f"报送包内文件 {info.filename} 是压缩存放的，本版本只认可逐字节受清单保护的不压缩格式，不予认可。"
                for info in infos if info.compress_type != zipfile.ZIP_STORED]
    if problems:
        return problems
    by_position = sorted(range(len(infos)), key=lambda index: infos[index].header_offset)
    if by_position not in (list(range(len(infos))), [*range(2, len(infos)), 0, 1]):
        return ["报送包内文件的存放顺序与目录不一致，不予认可。"]
    offsets: dict[int, int] = {}
    position = 0
    for index in by_position:
        info = infos[index]
        expected = local_header(info)
        stream.seek(position)
        if info.header_offset != position or stream.read(len(expected)) != expected \
                or info.compress_size != info.file_size:
            where = "报送包开头有多余的数据" if position == 0 and info.header_offset != 0 else \
                f"报送包内文件 {info.filename} 的文件头或存放位置不是 hpdesk 写出的样子（前面可能夹带了数据）"
            return [where + "，不予认可。"]
        offsets[index] = position
        position += len(expected) + info.file_size
    tail = central_directory(infos, offsets, position)
    if file_size != position + len(tail):
        return [f"报送包的目录区与结尾不是 hpdesk 写出的样子（多出或缺少 {file_size - position - len(tail)} 字节，"
                "可能在末尾追加了数据），不予认可。"]
    stream.seek(position)
    if stream.read(len(tail)) != tail:
        return ["报送包的目录区与 hpdesk 写出的不同（文件头信息、属性、注释或附加字段被改动），不予认可。"]
    return []
