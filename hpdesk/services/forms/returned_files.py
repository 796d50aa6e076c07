"""What the clerk dropped in: returned workbooks, folders of them, and zips units sent, and where each workbook's
evidence files may be (beside it, in a folder named by its form code, or inside the same zip).

A zip is unpacked into the workspace's scratch folder, member by member through `zip_members.member_chunks` (each
member inflated exactly to its declared size and CRC), within limits on members and bytes, every path part made
safe (no '..', no absolute paths, no device names). Nothing here stores anything; the evidence files found are
added later through the normal attachment intake with all its checks.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.evidence import safe_file_name
from hpdesk.domain.messages import Message
from hpdesk.services.importing import file_guard as _registers_zip_details  # noqa: F401  (the details' texts)
from hpdesk.services.user_files import open_user_file
from hpdesk.services.zip_members import ZipDefect, member_chunks

WORKBOOK_SUFFIXES = (".xlsx", ".xls", ".xlsm", ".ods", ".et")
MAX_ZIP_BYTES = 2 * 1024 ** 3
MAX_ZIP_MEMBERS = 2000
MAX_UNPACKED_BYTES = 4 * 1024 ** 3

register_messages({
    "forms_zip_refused": (
        "压缩包 {file} 无法安全解开（{detail}），已拒绝。请让单位重新打包，或解压后导入其中的表格。",
        "The zip {file} cannot be unpacked safely ({detail}) and was refused. Ask the unit to pack it again, or "
        "import the workbook after unpacking it.",
    ),
    "forms_no_workbook": (
        "{file} 中没有找到填报表（.xlsx/.xls/.ods）。", "No fill-in workbook (.xlsx/.xls/.ods) was found in {file}.",
    ),
})


@dataclass(frozen=True)
class ReturnedFile:
    """A workbook to import, and the folders to look for the evidence files it names (in order)."""

    workbook: Path
    shown_name: str  # as the clerk knows it: 'units.zip/区卫健委-….xlsx' for a member of a zip
    places: tuple[Path, ...]


def collect(paths: list[Path], scratch: Path) -> list[ReturnedFile]:
    """Every workbook in `paths` (files, folders one level deep, zips); UserError for a zip that cannot be unpacked
    safely and for an input with no workbook in it."""
    found: list[ReturnedFile] = []
    for number, path in enumerate(Path(p) for p in paths):
        if path.is_dir():
            books = _workbooks_in(path, depth=1)
            if not books:
                raise UserError("forms_no_workbook", file=path.name)
            found.extend(ReturnedFile(book, book.name, (book.parent,)) for book in books)
        elif path.suffix.lower() == ".zip":
            root = scratch / f"zip-{number}"
            _unpack(path, root)
            books = _workbooks_in(root, depth=4)
            if not books:
                raise UserError("forms_no_workbook", file=path.name)
            found.extend(ReturnedFile(book, f"{path.name}/{book.relative_to(root).as_posix()}",
                                      (book.parent, root, path.parent)) for book in books)
        else:
            found.append(ReturnedFile(path, path.name, (path.parent,)))
    return found


def _workbooks_in(folder: Path, depth: int) -> list[Path]:
    books: list[Path] = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(("~$", ".~lock", ".")):
            continue  # Excel's and LibreOffice's lock files beside an open workbook
        if entry.is_file() and entry.suffix.lower() in WORKBOOK_SUFFIXES:
            books.append(entry)
        elif entry.is_dir() and depth > 0:
            books.extend(_workbooks_in(entry, depth - 1))
    return books


def find_evidence(name: str, form_code: str, places: tuple[Path, ...]) -> Path | None:
    """The file named `name` in a cell of 佐证材料: beside the workbook, in a folder whose name holds the form code
    (at any of `places`), matched by its last path part, case-insensitively; None when it is nowhere."""
    wanted = name.replace("\\", "/").rsplit("/", 1)[-1].strip().casefold()
    if not wanted:
        return None
    folders: list[Path] = []
    for place in places:
        folders.append(place)
        if place.is_dir():
            folders.extend(sorted(entry for entry in place.iterdir()
                                  if entry.is_dir() and form_code and form_code.upper() in entry.name.upper()))
    return next((entry for folder in folders if folder.is_dir() for entry in sorted(folder.iterdir())
                 if entry.is_file() and entry.name.casefold() == wanted), None)


def _unpack(path: Path, root: Path) -> None:
    """Unpack `path` into `root`, every member checked (see the module docstring)."""
    name = path.name
    with open_user_file(path) as opened:
        if opened.size > MAX_ZIP_BYTES:
            raise UserError("forms_zip_refused", file=name, detail=f"{opened.size // 1048576} MB")
        data = opened.read_all()
    stream = io.BytesIO(data)
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise UserError("forms_zip_refused", file=name, detail=f"{len(members)} 个文件")
            if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
                raise UserError("forms_zip_refused", file=name, detail="解压后过大")
            for member in members:
                if member.is_dir() or member.flag_bits & 0x1:
                    continue
                target = root.joinpath(*_safe_parts(member))
                target.parent.mkdir(parents=True, exist_ok=True)
                with open(target, "wb") as out:
                    for chunk in member_chunks(stream, member, limit=MAX_UNPACKED_BYTES):
                        out.write(chunk)
    except ZipDefect as defect:
        raise UserError("forms_zip_refused", file=name, detail=str(defect)) from None
    except zipfile.BadZipFile:  # its class name ("BadZipFile") read as English inside the Chinese message
        raise UserError("forms_zip_refused", file=name, detail=Message.of("import_detail_zip_structure")) from None
    except (zipfile.LargeZipFile, NotImplementedError, EOFError):
        raise UserError("forms_zip_refused", file=name, detail=Message.of("import_detail_zip_data")) from None


def _safe_parts(member: zipfile.ZipInfo) -> list[str]:
    """The member's path as safe parts. Without the UTF-8 flag, zips made on Chinese Windows carry GBK names, and
    those made on a Mac or a phone (WeChat) UTF-8 names: UTF-8 is tried first (GBK names are almost never valid
    UTF-8, while UTF-8 names often decode as GBK into wrong characters, which lost the evidence beside the form)."""
    raw = member.filename
    if not member.flag_bits & 0x800:
        for encoding in ("utf-8", "gbk"):
            try:
                raw = member.filename.encode("cp437").decode(encoding)
                break
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
    parts = [safe_file_name(part) for part in raw.replace("\\", "/").split("/")
             if part.strip() not in ("", ".", "..")]
    return parts or ["附件"]
