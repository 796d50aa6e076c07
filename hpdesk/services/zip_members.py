"""Reading a zip member's bytes without trusting what the zip says about them (import guard and `verify` alike).

`zipfile` trusts the central directory: it stops at the declared size (a member that really expands to gigabytes
passes its checks, and another reader — calamine's Rust zip — then expands it all), raises `zlib.error` or
`NotImplementedError` from deep inside for a damaged stream, and never looks at bytes it does not need.
`member_chunks` reads the member's local header and compressed bytes itself and yields the inflated data,
insisting that: the local header is where the central directory says and names the same file with the same
method; only stored or deflated data is used; the compressed stream ends exactly at its declared compressed size
(nothing hidden after it, nothing missing); the output is exactly the declared size (never more is produced:
inflation is capped) and matches the declared CRC-32. Any breach raises ZipDefect with a short Chinese detail.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import BinaryIO

CHUNK = 1024 * 1024
LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
LOCAL_SIGNATURE = b"PK\x03\x04"
DATA_DESCRIPTOR_FLAG = 0x08
ZIP64_EXTRA = 0x0001


class ZipDefect(Exception):
    """A member whose bytes do not agree with what the zip declares; `str()` is a short Chinese detail."""


def local_header(stream: BinaryIO, info: zipfile.ZipInfo) -> tuple[tuple[int, ...], bytes, bytes, int]:
    """(the local header's fields, its name bytes, its extra field, the offset of the member's data)."""
    stream.seek(info.header_offset)
    fixed = stream.read(LOCAL_HEADER.size)
    if len(fixed) != LOCAL_HEADER.size:
        raise ZipDefect(f"{info.filename} 的文件头不完整")
    fields = LOCAL_HEADER.unpack(fixed)
    if fields[0] != LOCAL_SIGNATURE:
        raise ZipDefect(f"{info.filename} 的文件头位置不对")
    name_length, extra_length = fields[9], fields[10]
    name = stream.read(name_length)
    extra = stream.read(extra_length)
    if len(name) != name_length or len(extra) != extra_length:
        raise ZipDefect(f"{info.filename} 的文件头不完整")
    return fields, name, extra, info.header_offset + LOCAL_HEADER.size + name_length + extra_length


def _central_name_bytes(info: zipfile.ZipInfo) -> bytes:
    return info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437", "surrogateescape")


def member_chunks(stream: BinaryIO, info: zipfile.ZipInfo, *, limit: int) -> Iterator[bytes]:
    """The member's inflated bytes in chunks, checked as the module docstring says; ZipDefect on any breach.

    `limit` bounds the declared size (and so the output): a larger member is refused before anything is read.
    """
    if info.file_size > limit:
        raise ZipDefect(f"{info.filename} 解压后 {info.file_size // 1048576} MB，超过上限")
    fields, name, _extra, start = local_header(stream, info)
    method = fields[3]
    try:
        central_name = _central_name_bytes(info)
    except UnicodeEncodeError:
        central_name = b""
    if name != central_name or method != info.compress_type:
        raise ZipDefect(f"{info.filename} 的文件头与目录不一致")
    if method not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ZipDefect(f"{info.filename} 使用了不支持的压缩方式 {method}")
    if method == zipfile.ZIP_STORED and info.compress_size != info.file_size:
        raise ZipDefect(f"{info.filename} 的大小与目录不一致")
    stream.seek(start)
    inflater = zlib.decompressobj(-15) if method == zipfile.ZIP_DEFLATED else None
    remaining_in, produced, crc = info.compress_size, 0, 0
    try:
        while remaining_in > 0 or (inflater is not None and inflater.unconsumed_tail):
            if inflater is not None and inflater.unconsumed_tail:
                raw = inflater.unconsumed_tail
            else:
                raw = stream.read(min(CHUNK, remaining_in))
                if not raw:
                    raise ZipDefect(f"{info.filename} 的数据不完整（文件被截断）")
                remaining_in -= len(raw)
            # never produce more than one byte past the declared size: that byte already proves the lie
            out = inflater.decompress(raw, info.file_size - produced + 1) if inflater is not None else raw
            produced += len(out)
            if produced > info.file_size:
                raise ZipDefect(f"{info.filename} 解压后比声明的大小更大")
            crc = zlib.crc32(out, crc)
            if out:
                yield out
            if inflater is not None and inflater.eof and (remaining_in > 0 or inflater.unused_data):
                raise ZipDefect(f"{info.filename} 的压缩数据之后还有多余的字节")
    except zlib.error:
        raise ZipDefect(f"{info.filename} 的压缩数据已损坏") from None
    if inflater is not None and not inflater.eof:
        raise ZipDefect(f"{info.filename} 的压缩数据不完整")
    if produced != info.file_size:
        raise ZipDefect(f"{info.filename} 解压后的大小与声明不符")
    if crc != info.CRC:
        raise ZipDefect(f"{info.filename} 的校验码（CRC）不符，数据已损坏")
