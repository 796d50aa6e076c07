"""Checks every incoming workbook before any parser touches it (TECH_NOTES §4).

What is refused, each with one UserError that names the file and says what is wrong (in Chinese):
- a missing, empty or too large file (over MAX_FILE_BYTES: a city table is well under 1 MB);
- anything whose first bytes are not a spreadsheet container: a PDF, a Word document (.doc/.docx), an HTML or CSV
  file renamed .xls (web systems export those), plain text — each told apart so the message says what to do;
- a zip container (.xlsx/.xlsm/.xlsb/.ods) with encrypted members, more than MAX_MEMBERS members, a member or a total
  that expands beyond the limits, a compression ratio typical of zip bombs, or a DOCTYPE/ENTITY declaration in an
  XML part (billion laughs, XXE: never legitimate in OOXML or ODF);
- an OLE container holding an encrypted OOXML package (a password-protected .xlsx) or no workbook stream.
Only `zipfile` and a few bytes of each XML part are read; no XML parser runs here.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from hpdesk.domain.errors import UserError, register_messages

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 1000
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100
RATIO_CHECK_FROM = 1024 * 1024
XML_PROLOG_BYTES = 4096
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_DTD_MARKERS = tuple(marker.encode(encoding) for marker in ("<!DOCTYPE", "<!ENTITY")
                     for encoding in ("ascii", "utf-16-le", "utf-16-be"))


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
        "import_corrupt": (
            "{file} 已损坏或不是有效的表格文件（{detail}）。请在 Excel/WPS 中打开并另存为 .xlsx 后再导入。",
            "{file} is damaged or not a valid spreadsheet ({detail}). Open it in Excel/WPS and save as .xlsx.",
        ),
    }
)


@dataclass(frozen=True)
class GuardedFile:
    path: Path
    container: str  # xlsx | xlsb | ods | xls
    size: int


def guard_workbook(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> GuardedFile:
    """Refuse anything that is not a sane spreadsheet; returns what kind of container it is. Reads no XML."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise UserError("import_file_missing", file=name)
    size = path.stat().st_size
    if size == 0:
        raise UserError("import_file_empty", file=name)
    if size > max_bytes:
        raise UserError("import_file_too_large", file=name, size_mb=round(size / 1048576, 1),
                        limit_mb=max_bytes // 1048576)
    with open(path, "rb") as stream:
        head = stream.read(1024)
    if head.startswith(_OLE_MAGIC):
        return _guard_ole(path, name, size)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _guard_zip(path, name, size)
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


def _guard_ole(path: Path, name: str, size: int) -> GuardedFile:
    """An OLE compound file: .xls (a 'Workbook'/'Book' stream), an encrypted .xlsx, or a Word/PowerPoint file.

    Stream names live in the directory sectors as UTF-16; scanning the raw bytes for them is enough to tell the
    kinds apart without an OLE parser.
    """
    with open(path, "rb") as stream:
        data = stream.read(min(size, 8 * 1024 * 1024))
    if _ole_name("EncryptedPackage") in data or _ole_name("EncryptionInfo") in data:
        raise UserError("import_password_protected", file=name)
    if _ole_name("WordDocument") in data:
        raise UserError("import_word_document", file=name)
    if _ole_name("Workbook") in data or _ole_name("Book") in data:
        return GuardedFile(path, "xls", size)
    raise UserError("import_not_spreadsheet", file=name)


def _guard_zip(path: Path, name: str, size: int) -> GuardedFile:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_members(name, members)
            names = {member.filename for member in members}
            container = _zip_container(archive, names, name)
            _check_xml_prologs(archive, members, name)
    except zipfile.BadZipFile as error:
        raise UserError("import_corrupt", file=name, detail=str(error)) from None
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError, OSError) as error:
        # unsupported compression, a member needing a password, a truncated stream
        raise UserError("import_corrupt", file=name, detail=type(error).__name__) from None
    return GuardedFile(path, container, size)


def _check_members(name: str, members: list[zipfile.ZipInfo]) -> None:
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
        if member.file_size > RATIO_CHECK_FROM and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise UserError("import_suspicious_archive", file=name,
                            detail=f"{member.filename} 压缩比 {member.file_size // max(member.compress_size, 1)}")
    if total > MAX_TOTAL_BYTES:
        raise UserError("import_suspicious_archive", file=name, detail=f"解压后共 {total // 1048576} MB")


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


def _check_xml_prologs(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], name: str) -> None:
    """A DTD can only come before the root element, so the first few KB of each XML part tell. Parts are read
    through zipfile's own decompressor, at most XML_PROLOG_BYTES each, so a bomb never expands here."""
    for member in members:
        if not member.filename.endswith((".xml", ".rels", ".vml")) or member.file_size == 0:
            continue
        with archive.open(member) as stream:
            prolog = stream.read(XML_PROLOG_BYTES)
        upper = prolog.upper()
        if any(marker in upper for marker in _DTD_MARKERS):
            raise UserError("import_suspicious_archive", file=name, detail=f"{member.filename} 含有 XML 实体声明")
