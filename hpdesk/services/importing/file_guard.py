"""Checks every incoming workbook before any parser touches it (TECH_NOTES §4).

A zip container (.xlsx, .ods) is inspected with `zipfile` alone: encrypted members, too many members, a member or
a total too large, or a compression ratio typical of zip bombs are refused. An OLE container (.xls, or an .xlsx
saved with a password) is told apart by its streams. Anything else is not a spreadsheet. Each refusal is one
UserError that names the file and says what is wrong.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from hpdesk.domain.errors import UserError, register_messages

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 1000
MAX_MEMBER_BYTES = 80 * 1024 * 1024
MAX_TOTAL_BYTES = 150 * 1024 * 1024
MAX_RATIO = 100
RATIO_CHECK_FROM = 1024 * 1024
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")

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
    container: str  # xlsx | ods | xls
    size: int


def guard_workbook(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> GuardedFile:
    """Refuse anything that is not a sane spreadsheet; returns what kind of container it is. Reads no XML."""
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
        head = stream.read(8)
    if head == _OLE_MAGIC:
        with open(path, "rb") as stream:
            if _ENCRYPTED_PACKAGE in stream.read(min(size, 4 * 1024 * 1024)):
                raise UserError("import_password_protected", file=name)
        return GuardedFile(path, "xls", size)
    if not head.startswith(b"PK"):
        raise UserError("import_not_spreadsheet", file=name)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
    except zipfile.BadZipFile as error:
        raise UserError("import_corrupt", file=name, detail=str(error)) from None
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
    if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
        return GuardedFile(path, "xlsx", size)
    if "mimetype" in names and "content.xml" in names:
        return GuardedFile(path, "ods", size)
    raise UserError("import_not_spreadsheet", file=name)
