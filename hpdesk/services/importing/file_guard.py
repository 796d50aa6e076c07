"""Checks every incoming workbook before any parser touches it (TECH_NOTES §4), and keeps the bytes it checked.

The file is opened once (`user_files.open_user_file`: a regular file, judged by its open handle) and read whole
after the size check; readers parse those bytes and the import records their hash, so nothing can change between
the check, the parse and the hash. What is refused, each with one UserError that names the file and says what is wrong (in Chinese):
- a missing, empty or too large file (over MAX_FILE_BYTES: a city table is well under 1 MB);
- anything whose first bytes are not a spreadsheet container: a PDF, a Word document (.doc/.docx), an HTML or CSV
  file renamed .xls (web systems export those), plain text — each told apart so the message says what to do;
- a zip container (.xlsx/.xlsm/.xlsb/.ods) with encrypted members, more than MAX_MEMBERS members, a member or a total
  that really expands beyond the limits (every member is inflated once, capped at its declared size: a bomb is
  judged by what it expands to, never by its compression ratio — a sheet of long repetitive cells compresses
  1000:1 and is legitimate), a damaged compressed stream, or a DOCTYPE/ENTITY declaration in an XML part (billion
  laughs, XXE: never legitimate in OOXML or ODF);
- an OLE container holding an encrypted OOXML package (a password-protected .xlsx) or no workbook stream.
No XML parser runs here; a worksheet's cell references are scanned for the extent a reader would allocate.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.messages import Message
from hpdesk.services.user_files import open_user_file
from hpdesk.services.zip_members import ZipDefect, member_chunks

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 1000
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 100 * 1024 * 1024
XML_PROLOG_BYTES = 4096
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_DTD_MARKERS = tuple(marker.encode(encoding) for marker in ("<!DOCTYPE", "<!ENTITY")
                     for encoding in ("ascii", "utf-16-le", "utf-16-be"))
_CELL_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
# A cell start, and when the cell's own tag names its reference (before the first '>'), the rest of the tag up to
# it as the group: one pass counts the cell starts and the referenced cells of the two patterns
# `<c[\s/>]` and `<c\s[^>]*?(?<=\s)r="A1"`, each scanned on its own (see sheet_extent for why the counts are equal).
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c(?:(\s[^>]*?(?<=\s)r=[\"'][A-Z]{1,3}[0-9]{1,7}[\"'])|[\s/>])")
# A cell reference in any tag, wherever it stands. The pattern above stops at the first '>', but a quoted attribute
# value may hold one (x="a>b": XML allows it, calamine reads past it), which would hide the reference behind it.
# Any attribute ending in r counts (more than enough; a literal start keeps the scan as fast as a byte search).
_ANY_REFERENCE = re.compile(rb"r=[\"']([A-Z]{1,3})([0-9]{1,7})[\"']")


def _ole_name(name: str) -> bytes:
    return name.encode("utf-16-le")


register_messages(
    {
        "import_file_missing": ("找不到文件 {file}。", "The file {file} does not exist."),
        "import_file_too_large": (
            "{file} 有 {size_mb} MB，超过 {limit_mb} MB 的上限：这不像市里下发的任务表，请确认文件是否正确。",
            "{file} is {size_mb} MB, over the {limit_mb} MB limit; it does not look like a city task table.",
        ),
        "import_file_empty": ("{file} 是空文件。", "{file} is empty."),
        "import_not_spreadsheet": (
            "{file} 不是 Excel 表格（.xlsx/.xls/.ods）。如果是 Word 或 PDF，请先把表格另存为 .xlsx。",
            "{file} is not a spreadsheet (.xlsx/.xls/.ods). Save the table as .xlsx first.",
        ),
        "import_word_document": (
            "{file} 是 Word 文档，不是 Excel 表格。请把其中的表格复制到 Excel/WPS 表格中，另存为 .xlsx 后再导入。",
            "{file} is a Word document, not a spreadsheet. Copy its table into Excel/WPS and save it as .xlsx.",
        ),
        "import_pdf_document": (
            "{file} 是 PDF 文件，不是 Excel 表格。请向发文单位索取 Excel 版本，或把表格转换为 .xlsx 后再导入。",
            "{file} is a PDF, not a spreadsheet. Ask for the Excel version or convert the table to .xlsx.",
        ),
        "import_web_page": (
            "{file} 实际上是网页或文本格式（常见于系统导出的“.xls”），不是真正的 Excel 文件。"
            "请用 Excel/WPS 打开后另存为 .xlsx 再导入。",
            "{file} is a web page or text file with a spreadsheet name. Open it in Excel/WPS and save it as .xlsx.",
        ),
        "import_password_protected": (
            "{file} 设置了打开密码，无法读取。请在 Excel/WPS 中取消密码后另存为 .xlsx 再导入。",
            "{file} is password-protected. Remove the password in Excel/WPS, save as .xlsx and import again.",
        ),
        "import_suspicious_archive": (
            "{file} 的内部结构异常（{detail}），为安全起见拒绝读取。请让发文单位重新导出。",
            "{file} has an abnormal internal structure ({detail}) and was refused for safety.",
        ),
        "import_detail_zip_structure": ("压缩结构不完整，文件可能在复制、下载或传输时被截断",
                                        "its zip structure is incomplete: the file was probably cut short in copying"),
        "import_detail_zip_data": ("压缩数据损坏或使用了不支持的压缩方式", "its compressed data is damaged or unsupported"),
        "import_corrupt": (
            "{file} 已损坏或不是有效的表格文件（{detail}）。请在 Excel/WPS 中打开并另存为 .xlsx 后再导入。",
            "{file} is damaged or not a valid spreadsheet ({detail}). Open it in Excel/WPS and save as .xlsx.",
        ),
    }
)


@dataclass(frozen=True)
class GuardedFile:
    """A workbook that passed the guard, with the very bytes that were checked: every reader parses `data` and the
    hash is of `data`, so a file replaced or deleted after the check changes nothing (the file is read once)."""

    path: Path
    container: str  # xlsx | xlsb | ods | xls
    size: int
    data: bytes = field(repr=False, default=b"")
    # XML part holding cells (xl/worksheets/sheet1.xml) → (last row, last column) they reach; zip containers only
    extents: Mapping[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


_OPEN_CODES = {"missing": "import_file_missing", "folder": "import_file_missing"}


def guard_workbook(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> GuardedFile:
    """Refuse anything that is not a sane spreadsheet; returns the checked bytes and what kind of container they
    are. The file is opened once (user_files: regular files only) and read whole after the size check."""
    path = Path(path)
    name = path.name
    with open_user_file(path, codes=_OPEN_CODES) as opened:
        size = opened.size
        if size == 0:
            raise UserError("import_file_empty", file=name)
        if size > max_bytes:
            raise UserError("import_file_too_large", file=name, size_mb=round(size / 1048576, 1),
                            limit_mb=max_bytes // 1048576)
        try:
            data = opened.read_all()
        except OSError as error:
            raise UserError("user_file_unreadable", file=name, detail=error.strerror or str(error)) from None
    if len(data) != size:
        raise UserError("user_file_changed", file=name)
    head = data[:1024]
    if head.startswith(_OLE_MAGIC):
        return _guard_ole(path, name, data)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _guard_zip(path, name, data)
    raise UserError(_not_a_spreadsheet_code(head), file=name)


def _not_a_spreadsheet_code(head: bytes) -> str:
    if head.startswith(b"%PDF"):
        return "import_pdf_document"
    if head.startswith(b"{\\rtf"):
        return "import_word_document"
    text = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").lower()
    if text.startswith((b"<html", b"<!doctype html", b"<table", b"<?xml", b"<meta", b"<head")) or \
            b"<html" in text[:400] or b"urn:schemas-microsoft-com:office" in text:
        return "import_web_page"
    try:
        head.decode("utf-8")
        return "import_web_page" if b"," in head or b"\t" in head else "import_not_spreadsheet"
    except UnicodeDecodeError:
        return "import_not_spreadsheet"


def _guard_ole(path: Path, name: str, data: bytes) -> GuardedFile:
    """An OLE compound file: .xls (a 'Workbook'/'Book' stream), an encrypted .xlsx, or a Word/PowerPoint file.

    Stream names live in the directory sectors as UTF-16; scanning the raw bytes for them is enough to tell the
    kinds apart without an OLE parser.
    """
    head = data[:8 * 1024 * 1024]
    if _ole_name("EncryptedPackage") in head or _ole_name("EncryptionInfo") in head:
        raise UserError("import_password_protected", file=name)
    if _ole_name("WordDocument") in head:
        raise UserError("import_word_document", file=name)
    if _ole_name("Workbook") in head or _ole_name("Book") in head:
        return GuardedFile(path, "xls", len(data), data)
    raise UserError("import_not_spreadsheet", file=name)


def _guard_zip(path: Path, name: str, data: bytes) -> GuardedFile:
    stream = io.BytesIO(data)
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
            _check_members(name, members)
            names = {member.filename for member in members}
            container = _zip_container(archive, names, name)
            extents = _inflate_all(stream, members, name)
    except ZipDefect as defect:
        raise UserError("import_corrupt", file=name, detail=str(defect)) from None
    except zipfile.BadZipFile:
        # Python's own text ("File is not a zip file") is English and says nothing a clerk can act on
        raise UserError("import_corrupt", file=name, detail=Message.of("import_detail_zip_structure")) from None
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError, OSError, zlib.error):
        # unsupported compression, a member needing a password, a truncated stream
        raise UserError("import_corrupt", file=name, detail=Message.of("import_detail_zip_data")) from None
    return GuardedFile(path, container, len(data), data, extents)


def _check_members(name: str, members: list[zipfile.ZipInfo]) -> None:
    """Declared sizes only; `_inflate_all` then holds every member to its declared size."""
    if len(members) > MAX_MEMBERS:
        raise UserError("import_suspicious_archive", file=name, detail=f"{len(members)} 个内部文件")
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise UserError("import_password_protected", file=name)
        total += member.file_size
        if member.file_size > MAX_MEMBER_BYTES:
            raise UserError("import_suspicious_archive", file=name,
                            detail=f"{member.filename} 解压后 {member.file_size // 1048576} MB")
    if total > MAX_TOTAL_BYTES:
        raise UserError("import_suspicious_archive", file=name, detail=f"解压后共 {total // 1048576} MB")


def _inflate_all(stream: io.BytesIO, members: list[zipfile.ZipInfo], name: str) -> dict[str, tuple[int, int]]:
    """Inflate every member once, exactly to its declared size (a bomb is judged by what it really expands to, a
    damaged stream is caught here and not inside a parser), refusing DTDs in XML parts; returns the extents of
    the XML parts holding cells. The largest part is held in memory at most once at a time."""
    extents: dict[str, tuple[int, int]] = {}
    for member in members:
        if member.is_dir():
            continue
        is_xml = member.filename.endswith((".xml", ".rels", ".vml"))
        # every XML part, not only xl/worksheets/: relationships may place a sheet anywhere
        is_sheet = member.filename.endswith(".xml")
        kept: list[bytes] = []
        prolog_checked = False
        for chunk in member_chunks(stream, member, limit=MAX_MEMBER_BYTES):
            if is_xml and not prolog_checked:
                _check_prolog(chunk[:XML_PROLOG_BYTES], member.filename, name)
                prolog_checked = True
            if is_sheet:
                kept.append(chunk)
        if is_sheet and (extent := sheet_extent(b"".join(kept))) != (0, 0):
            extents[member.filename] = extent
    return extents


def _check_prolog(prolog: bytes, part: str, name: str) -> None:
    """A DTD can only come before the root element, so the first few KB of each XML part tell."""
    upper = prolog.upper()
    if any(marker in upper for marker in _DTD_MARKERS):
        raise UserError("import_suspicious_archive", file=name, detail=f"{part} 含有 XML 实体声明")


def sheet_extent(xml: bytes) -> tuple[int, int]:
    """(last row, last column) a worksheet's cells reach, which is what a reader allocates: a sheet with one cell
    in A1 and one in GR100000 costs 20 million cells. Cells without a reference count as if each opened a new
    row and column (conservative: writers give every cell its reference)."""
    # findall, not a loop over match objects: a 20,000-row sheet has 60,000 cells, and the few distinct column
    # letters are converted once each
    anywhere = _ANY_REFERENCE.findall(xml)  # the extent: every reference counts, even one outside a cell
    columns = max(map(_column_number, {letters for letters, _row in anywhere}), default=0)
    rows = max(map(int, {row for _letters, row in anywhere}), default=0)
    # The cell starts and the referenced cells, as two separate scans would count them: where a cell's tag names
    # its reference, the scan for cell starts would go on inside that stretch of the tag (a quoted value may
    # hold '<c '), so the stretches are scanned for starts too (joined by a byte no pattern matches; no start can
    # run past a stretch, which ends with a quote). Everywhere else both scans stop at the same places.
    tags = _CELL_TAG.findall(xml)
    referenced = [stretch for stretch in tags if stretch]
    starts = len(tags) + len(_CELL_START.findall(b"\0".join(referenced)))
    unreferenced = starts - len(referenced)
    if unreferenced > 0:
        rows += unreferenced
        columns += unreferenced
    return rows, columns


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _zip_container(archive: zipfile.ZipFile, names: set[str], name: str) -> str:
    if "[Content_Types].xml" in names:
        if "xl/workbook.xml" in names or any(n.startswith("xl/worksheets/") for n in names):
            return "xlsx"
        if "xl/workbook.bin" in names:
            return "xlsb"
        if any(n.startswith("word/") for n in names):
            raise UserError("import_word_document", file=name)
        raise UserError("import_not_spreadsheet", file=name)
    if "mimetype" in names and "content.xml" in names:
        with archive.open("mimetype") as stream:
            mimetype = stream.read(200).strip()
        if mimetype == _ODS_MIMETYPE:
            return "ods"
        if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
            raise UserError("import_word_document", file=name)
    raise UserError("import_not_spreadsheet", file=name)
