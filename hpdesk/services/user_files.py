"""The one way hpdesk opens a file the user named (a workbook to import, an evidence file, a package to verify).

`open_user_file` opens the file once and judges the open handle, never the name: whatever the name points at
after a check, it is the handle's `fstat` that says what is read. Refused, each with a UserError naming the file:
- a missing file, a folder, anything that is not a regular file (a FIFO, a device such as /dev/zero: the open is
  non-blocking, so a pipe cannot hang us, and nothing is read from it);
- a link (or a path through a linked folder) whose real target is a system file or folder (/etc, /proc, /dev …),
  a hidden file or folder (~/.ssh …), or inside a folder the caller protects (the workspace: its keys and database
  must never leave inside an evidence file named like a PDF). A link to an ordinary document is followed, and the
  caller gets its real path to show;
- an unreadable file.
The size is the handle's size at open time; `read_all` reads at most that many bytes plus one, so a file that grows
or is swapped cannot make a read unbounded, and a file that shrank is noticed.

Callers keep their own message codes for the common cases (`codes` maps a reason to a registered code taking
`file`); reasons without an entry use the generic codes below.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from hpdesk.domain.errors import UserError, register_messages

_POSIX_SYSTEM_ROOTS = ("/etc", "/proc", "/sys", "/dev", "/boot", "/root", "/run", "/var", "/usr", "/bin", "/sbin",
                       "/lib", "/lib32", "/lib64", "/libx32", "/snap", "/System", "/Library", "/private")
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0))

register_messages(
    {
        "user_file_missing": ("找不到文件 {file}。", "The file {file} does not exist."),
        "user_file_folder": ("{file} 是文件夹，不是文件。", "{file} is a folder, not a file."),
        "user_file_not_regular": (
            "{file} 不是普通文件（可能是设备、管道或特殊文件），不能读取。",
            "{file} is not a regular file (a device, pipe or special file) and cannot be read.",
        ),
        "user_file_unreadable": (
            "无法读取文件 {file}：{detail}。请检查文件是否被其他程序占用或没有读取权限。",
            "Cannot read {file}: {detail}. Is it open in another program, or not readable?",
        ),
        "user_file_system_link": (
            "{file} 是一个链接（快捷方式），实际指向 {real}，那是系统文件或隐藏文件，出于安全考虑不能使用。"
            "请选择文件本身。",
            "{file} is a link to {real}, a system or hidden file; it is refused for safety. Choose the file itself.",
        ),
        "user_file_workspace_link": (
            "{file} 是一个链接（快捷方式），实际指向工作区自己的文件 {real}，不能作为附件添加。请选择原来的文件。",
            "{file} is a link to {real}, a file of the workspace itself; it cannot be added. Choose the original "
            "file.",
        ),
        "user_file_changed": (
            "读取文件 {file} 时它被替换或改动了。没有保存任何内容，请在文件不再变化后重试。",
            "The file {file} was replaced or changed while it was read. Nothing was saved; try again.",
        ),
    }
)


@dataclass(frozen=True)
class OpenedFile:
    """An open, regular file. `size` is the open handle's size; `real_path` is where the bytes come from (differs
    from the name given when that was a link); `identity` tells the same file apart from a replacement."""

    stream: BinaryIO
    size: int
    real_path: Path
    via_link: bool
    identity: tuple[int, int, int, int]  # (device, inode, size, mtime in ns)

    def read_all(self, limit: int | None = None) -> bytes:
        """Every byte, at most max(size, limit) + 1 read: more than `size` means the file grew while open."""
        return self.stream.read((self.size if limit is None else max(self.size, limit)) + 1)


def _refuse(reason: str, codes: Mapping[str, str], name: str, **params: object) -> UserError:
    return UserError(codes.get(reason, f"user_file_{reason}"), file=name, **params)


def is_protected_target(real: Path, protected: Sequence[Path] = ()) -> bool:
    """True when a link's real target is a system path, a hidden file or folder, or inside a protected folder."""
    text = str(real)
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        system_root = os.environ.get("SystemRoot", r"C:\Windows").lower()
        if text.lower().startswith(system_root.lower()):
            return True
    elif any(text == root or text.startswith(root + "/") for root in _POSIX_SYSTEM_ROOTS):
        return True
    if any(part.startswith(".") and part not in (".", "..") for part in real.parts):
        return True
    return any(real == folder or folder in real.parents for folder in (_real(p) for p in protected))


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


@contextmanager
def open_user_file(path: Path | str, *, name: str | None = None, codes: Mapping[str, str] | None = None,
                   protected: Sequence[Path] = ()) -> Iterator[OpenedFile]:
    """Open the regular file the user named, judged by its open handle (see the module docstring).

    `name` is the name shown in messages (default: the file name); `protected` are folders a link must not lead
    into. Raises UserError; the stream is closed when the block ends.
    """
    path = Path(path)
    codes = codes or {}
    shown = name if name is not None else path.name
    real = _real(path)
    via_link = real != Path(os.path.abspath(path))
    if via_link and is_protected_target(real, protected):
        into_protected = any(real == folder or folder in real.parents for folder in map(_real, protected))
        raise _refuse("workspace_link" if into_protected else "system_link", codes, shown, real=str(real))
    try:
        # the real path has no link left, so O_NOFOLLOW makes a link swapped in since realpath() fail to open
        descriptor = os.open(real, _OPEN_FLAGS | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        raise _refuse("missing", codes, shown) from None
    except IsADirectoryError:
        raise _refuse("folder", codes, shown) from None
    except OSError as error:
        if getattr(error, "errno", None) == getattr(os, "ELOOP", -1) or "ELOOP" in str(error):
            raise _refuse("changed", codes, shown) from None
        raise _refuse("unreadable", codes, shown, detail=error.strerror or str(error)) from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise _refuse("folder", codes, shown)
        if not stat.S_ISREG(info.st_mode):
            raise _refuse("not_regular", codes, shown)
        if hasattr(os, "set_blocking"):  # a regular file ignores O_NONBLOCK; cleared so later reads are ordinary
            os.set_blocking(descriptor, True)
        stream = os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
    with stream:
        yield OpenedFile(stream, info.st_size, real, via_link,
                         (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns))


def read_head(path: Path | str, size: int) -> bytes:
    """The first `size` bytes of the regular file the user named (UserError otherwise): a FIFO or a link to a
    device is refused without a blocking read, so `verify` on /dev/zero or a pipe answers at once."""
    with open_user_file(path) as opened:
        return opened.stream.read(size)


@contextmanager
def replacing(path: Path, suffix: str = ".tmp", *, durable: bool = False) -> Iterator[Path]:
    """A temporary file beside `path` (its folder made if missing) for the block to write whole: it replaces `path`
    when the block ends and is removed when the block raises, so readers of `path` see the old file or the complete
    new one, never half of one. `durable`: fsync it before the replace (keys and certificates). The temporary file
    is named `.<name>.<random><suffix>`, which the sweeps of leftovers match."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        if durable:
            with open(temporary, "rb+") as written:
                os.fsync(written.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
