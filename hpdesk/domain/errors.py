"""User-facing errors as codes with parameters; their texts live in the message catalogue (`domain.messages`).

Services raise `UserError(code, **params)` for anything the user can fix (a wrong file, a locked period, a missing
workspace). The CLI prints `UserError.message()` (the process locale) on one line and exits 2; the UI shows
`UserError.message(its language)` in a dialog. Programming errors are ordinary exceptions: they go to the log file
with a traceback. Features register their codes' texts next to themselves with `register_messages`.
"""

from __future__ import annotations

import errno
import re
from typing import Any

# Re-exported: the modules that raise errors register their texts through this module too (one catalogue).
from hpdesk.domain.messages import Message, message_template, register_messages, render_message

__all__ = ["Message", "OperationCancelled", "UserError", "environment_error", "message_template",
           "register_messages", "render_message"]


class UserError(Exception):
    """A mistake or condition the user can act on. `code` selects the text; `params` fill it."""

    def __init__(self, code: str, /, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, language: str | None = None) -> str:
        """The one-line text in `language` ('zh' or 'en'); defaults to the process locale."""
        return render_message(self.code, self.params, language)

    def as_message(self) -> Message:
        """The error as a catalogue message (to show beside other messages, or to send to another process)."""
        return Message.of(self.code, **self.params)


class OperationCancelled(Exception):
    """Raised inside a long operation when the user pressed Cancel; the unit of work rolls back."""


register_messages(
    {
        "internal": ("内部错误：{detail}。详情已写入日志文件。", "Internal error: {detail}. Details are in the log file."),
        "operation_cancelled": ("操作已取消，未作任何改动。", "Cancelled; nothing was changed."),
        "disk_full": (
            "磁盘空间不足，无法写入 {path}。操作没有完成，原有数据未受影响；请腾出磁盘空间后重试。",
            "The disk is full; {path} could not be written. The operation did not finish and the existing data is "
            "unaffected; free some disk space and try again.",
        ),
        "read_only_location": (
            "{path} 所在的磁盘或文件夹是只读的，hpdesk 无法写入。请把工作区放在可写的位置（或关闭 U 盘写保护）后重试。",
            "{path} is on a read-only disk or folder; hpdesk cannot write there. Move the workspace somewhere "
            "writable (or unlock the USB stick) and try again.",
        ),
        "disk_io_error": (
            "读写 {path} 时磁盘出错：磁盘可能已满、只读或已被拔出。操作没有完成，原有数据未受影响；请检查磁盘后重试。",
            "A disk error while reading or writing {path}: the disk may be full, read-only or unplugged. The "
            "operation did not finish and the existing data is unaffected; check the disk and try again.",
        ),
        "no_permission": (
            "没有权限读写 {path}。请检查该文件或文件夹的权限后重试；原有数据未受影响。",
            "No permission to read or write {path}. Check the permissions of that file or folder; the existing "
            "data is unaffected.",
        ),
    }
)

# errno → message code. Each is a condition of the machine the clerk can fix, never a bug of ours.
_ERRNO_CODES = {
    errno.ENOSPC: "disk_full",
    getattr(errno, "EDQUOT", errno.ENOSPC): "disk_full",
    errno.EFBIG: "disk_full",
    errno.EROFS: "read_only_location",
    errno.EACCES: "no_permission",
    errno.EPERM: "no_permission",
}
# SQLite reports the same conditions as text, without an errno (sqlite3.OperationalError, wrapped by SQLAlchemy).
_SQLITE_TEXTS = {
    "database or disk is full": "disk_full",
    "attempt to write a readonly database": "read_only_location",
    "unable to open database file": "no_permission",
    "readonly database": "read_only_location",
    "disk i/o error": "disk_io_error",  # SQLite's word for a -wal/-shm file that could not grow on a full disk
}
# lxml (through openpyxl and python-docx) reports a failed write as SerialisationError("IO_ENOSPC"), libxml2's
# name for the errno, not as an OSError; the name after "IO_" is looked up in errno. Matched by class name: the
# domain layer does not import lxml.
_LXML_IO_ERROR = re.compile(r"\bIO_(E[A-Z]+)\b")
_LXML_ERRORS = {"SerialisationError", "LxmlError", "Error"}


def environment_error(error: BaseException, where: object = "") -> UserError | None:
    """The UserError for a full disk, a read-only location or a missing permission hidden in `error`, else None.

    Looks through the chain of causes (`__cause__`, `__context__`, SQLAlchemy's `orig`), because a full disk often
    surfaces as a wrapped database error. `where` names the place when the error itself does not (SQLite's don't).
    """
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, UserError):
            return None
        if isinstance(current, OSError) and current.errno in _ERRNO_CODES:
            return UserError(_ERRNO_CODES[current.errno], path=str(current.filename or where))
        lxml_io = _LXML_IO_ERROR.search(str(current)) if type(current).__name__ in _LXML_ERRORS else None
        lxml_errno = getattr(errno, lxml_io.group(1), None) if lxml_io else None
        if lxml_errno in _ERRNO_CODES:
            return UserError(_ERRNO_CODES[lxml_errno], path=str(where))
        text = str(current).lower()
        for fragment, code in _SQLITE_TEXTS.items():
            if type(current).__name__ in {"OperationalError", "DatabaseError"} and fragment in text:
                return UserError(code, path=str(where))
        pending.extend([current.__cause__, current.__context__, getattr(current, "orig", None)])
    return None
