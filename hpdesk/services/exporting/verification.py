"""`verify_package`: does a submission package hold exactly what its signed manifest says, signed by a pinned key?

Checks, in order: the file is a readable zip of sane size, laid out byte for byte as hpdesk writes it (nothing
before, between or after the members, headers and directory exactly as rebuilt from the authenticated values:
canonical_zip.py); manifest.json and its detached CMS signature are there;
the signature is intact, valid and made by one of `trusted_certs` (pinned by SHA-256, no PKI), and the parts of the
CMS structure its signature does not cover are as hpdesk writes them; every listed file is
present with the listed size and SHA-256; no member is missing, extra, duplicated or oddly named; the embedded
PDF's own signatures hold. Never raises for damaged input: every finding is a Chinese line naming the file or
signature concerned. OK only when there are no findings.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import zipfile
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from cryptography import x509

from hpdesk.services.exporting.canonical_zip import container_problems
from hpdesk.services.exporting.package import CHUNK, HASH_CHUNK, MANIFEST_FORMAT, MANIFEST_NAME, SIGNATURE_NAME
from hpdesk.domain.errors import UserError
from hpdesk.services.cms_strict import CmsWriter, cms_structure_problems
from hpdesk.services.signing import verify_cms, verify_signed_pdf_stream
from hpdesk.services.zip_members import ZipDefect, local_header
from hpdesk.services.user_files import open_user_file

MAX_MEMBERS = 20_000
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
MAX_SIGNATURE_BYTES = 1024 * 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class PackageVerification:
    ok: bool
    problems: tuple[str, ...]
    office: str = ""
    period: str = ""
    signer_subject: str = ""
    signer_fingerprint: str = ""
    files_checked: int = 0
    files: tuple[str, ...] = field(default_factory=tuple)  # member names the manifest lists


def workspace_certificates(workspace_root: Path) -> list[x509.Certificate]:
    """The signing certificate of the workspace at `workspace_root`, read without opening (or locking) the
    workspace, so a package can be checked while the app has it open; [] when it has no identity. A shared
    workspace keeps its identity in the shared attachments folder, not in its local folder."""
    from hpdesk.services.identity import CERTIFICATE_FILE, load_certificate_file
    from hpdesk.services.workspace import IDENTITY_FOLDER
    from hpdesk.storage.shared_database import read_shared_settings

    shared = read_shared_settings(workspace_root)
    data_root = shared.attachments if shared is not None else workspace_root
    own = data_root / IDENTITY_FOLDER / CERTIFICATE_FILE
    return load_certificate_file(own) if own.is_file() else []


def verify_package(path: Path | str, trusted_certs: Sequence[x509.Certificate]) -> PackageVerification:
    """Check the package at `path` against the receiver's registered certificates (see the module docstring)."""
    path = Path(path)
    try:
        # one open handle on a regular file (never a FIFO or a device): every read is bounded by its size
        with open_user_file(path) as opened, zipfile.ZipFile(opened.stream) as archive:
            container = container_problems(opened.stream, opened.size, archive.infolist())
            return _verify_archive(archive, trusted_certs, container, opened.stream)
    except UserError as error:
        return PackageVerification(False, (error.message("zh"),))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as error:
        return PackageVerification(False, (f"{path.name} 不是完整的报送包（{zip_damage(error)}）。",))
    except Exception as error:  # a verifier reports, never crashes (zipfile raises NotImplementedError and more)
        return PackageVerification(False, (f"{path.name} 不是完整的报送包（{type(error).__name__}：{error}）。",))


def read_package_member(path: Path | str, name: str, limit: int = MAX_MANIFEST_BYTES) -> bytes | None:
    """The bytes of member `name` of the package at `path`, read as verify_package reads them (regular files only,
    at most `limit` bytes), or None when the file, the zip or the member cannot be read. Unverified: a receiver
    uses it to learn which office a package names before choosing that office's certificates, and to read a member
    of a package that has passed verify_package."""
    try:
        with open_user_file(Path(path)) as opened, zipfile.ZipFile(opened.stream) as archive:
            problems: list[str] = []
            info = next((info for info in archive.infolist() if info.filename == name), None)
            return _read_small(archive, info, limit, problems)
    except Exception:  # a damaged package: verify_package says what is wrong with it
        return None


def read_package_manifest(path: Path | str) -> dict | None:
    """The package's manifest.json as verify_package parses it (None when unreadable), unverified."""
    data = read_package_member(path, MANIFEST_NAME)
    return None if data is None else _read_manifest(data)[0]


def _verify_archive(archive: zipfile.ZipFile, trusted_certs: Sequence[x509.Certificate],
                    container: list[str], stream: BinaryIO) -> PackageVerification:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        return PackageVerification(False, (f"报送包内文件过多（{len(infos)} 个），拒绝处理。",))
    problems: list[str] = list(container)  # the zip's own bytes, rebuilt and compared (canonical_zip.py)
    names = [info.filename for info in infos]
    for name, count in Counter(names).items():
        if count > 1:
            problems.append(f"报送包内文件 {name} 出现了 {count} 次。")
    by_name = {info.filename: info for info in infos}
    for name in by_name:
        if name.startswith(("/", "\\")) or ".." in name.split("/") or ":" in name or "\\" in name:
            problems.append(f"报送包内文件名 {name} 不安全。")
        if by_name[name].flag_bits & 0x1:
            problems.append(f"报送包内文件 {name} 被加密，无法核对。")
    manifest_data = _read_small(archive, by_name.get(MANIFEST_NAME), MAX_MANIFEST_BYTES, problems)
    signature = _read_small(archive, by_name.get(SIGNATURE_NAME), MAX_SIGNATURE_BYTES, problems)
    if manifest_data is None or signature is None:
        if MANIFEST_NAME not in by_name:
            problems.append("报送包缺少清单文件 manifest.json。")
        if SIGNATURE_NAME not in by_name:
            problems.append("报送包缺少清单签名 manifest.json.p7s。")
        return PackageVerification(False, tuple(problems))
    cms = verify_cms(manifest_data, signature, trusted_certs)
    problems.extend(_named_signature_problem(problem) for problem in cms.problems)
    if not cms.problems:
        problems.extend(_named_signature_problem(problem)
                        for problem in cms_structure_problems(signature, CmsWriter.MANIFEST))
    manifest, listed = _read_manifest(manifest_data)
    if manifest is None:
        problems.append("清单 manifest.json 无法解析或格式不符。")
        return PackageVerification(False, tuple(problems), signer_subject=cms.signer_subject,
                                   signer_fingerprint=cms.signer_fingerprint)
    checked = 0
    entries = sorted(listed.items())
    present = [(by_name[name], size, sha256) for name, (size, sha256) in entries if name in by_name]
    # Members are hashed on a thread pool: zipfile serialises the reads of a shared archive, and hashlib and zlib
    # release the GIL while they work, so hashing uses every core. Problems keep the manifest's (sorted) order.
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1), thread_name_prefix="verify") as pool:
        results = iter(pool.map(lambda item: _check_member(archive, *item), present))
    for name, _listed in entries:
        if name not in by_name:
            problems.append(f"清单列出的文件 {name} 在报送包中缺失。")
            continue
        problem = next(results)
        if problem:
            problems.append(problem)
        checked += 1
    for name in sorted(set(by_name) - set(listed) - {MANIFEST_NAME, SIGNATURE_NAME}):
        if not name.endswith("/"):
            problems.append(f"报送包中有清单未列出的多余文件 {name}。")
    for name in sorted(n for n in listed if n.lower().endswith(".pdf") and "/" not in n and n in by_name):
        problems.extend(_check_pdf(stream, by_name[name], trusted_certs))
    return PackageVerification(
        not problems, tuple(problems), office=_text_at(manifest, "office", "name"),
        period=_text_at(manifest, "period", "label"), signer_subject=cms.signer_subject,
        signer_fingerprint=cms.signer_fingerprint, files_checked=checked, files=tuple(sorted(listed)))


def _read_manifest(data: bytes) -> tuple[dict | None, dict[str, tuple[int, str]]]:
    """The manifest and its file list (name → (size, sha256)), or (None, {}) when it is not a manifest this
    version reads: every entry must have a text name, a whole non-negative size and a 64-digit hex SHA-256."""
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None, {}
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        return None, {}
    entries = manifest.get("files")
    if not isinstance(entries, list):
        return None, {}
    listed: dict[str, tuple[int, str]] = {}
    for entry in entries:
        if not isinstance(entry, dict):
            return None, {}
        name, size, sha256 = entry.get("name"), entry.get("size"), entry.get("sha256")
        if not isinstance(name, str) or not name or isinstance(size, bool) or not isinstance(size, int) \
                or size < 0 or not isinstance(sha256, str) or not _SHA256.fullmatch(sha256) or name in listed:
            return None, {}
        listed[name] = (size, sha256)
    return manifest, listed


def _text_at(manifest: dict, *keys: str) -> str:
    value: object = manifest
    for key in keys:
        value = value.get(key, "") if isinstance(value, dict) else ""
    return value if isinstance(value, str) else ""


def _named_signature_problem(problem: str) -> str:
    """verify_cms says "清单签名：…"; name the two files concerned, as every other finding does."""
    prefix = "清单签名："
    text = problem[len(prefix):] if problem.startswith(prefix) else problem
    return f"清单签名 {SIGNATURE_NAME}（签署 {MANIFEST_NAME}）：" + text.replace("文件在签名后", f"{MANIFEST_NAME} 在签名后")


def _read_small(archive: zipfile.ZipFile, info: zipfile.ZipInfo | None, limit: int,
                problems: list[str]) -> bytes | None:
    if info is None:
        return None
    if info.file_size > limit:
        problems.append(f"报送包内 {info.filename} 过大，拒绝处理。")
        return None
    try:
        with archive.open(info) as stream:
            return stream.read(limit + 1)[:limit]
    except Exception as error:  # zipfile raises many types for damaged members
        problems.append(f"报送包内 {info.filename} 已损坏，无法读取（{zip_damage(error)}）。")
        return None


def zip_damage(error: BaseException) -> str:
    """What a damaged zip or member means, in the clerk's words: zipfile's own texts ("Bad CRC-32 for file …",
    "File is not a zip file") are English and were quoted inside the Chinese reason. Unknown kinds keep the
    exception's name, which is all a clerk can pass on to whoever looks further."""
    text = str(error)
    if "CRC" in text:
        return "校验码（CRC-32）不符，内容在复制或传输中被改动"
    if "not a zip file" in text or "Truncated" in text or "truncated" in text or isinstance(error, EOFError):
        return "不是 zip 文件或文件不完整，可能在复制中被截断"
    if "Error -3" in text or "compressed data" in text:
        return "压缩数据已损坏"
    if isinstance(error, OSError) and error.errno:
        return f"读取失败，系统错误号 {error.errno}"
    return f"无法解压，{type(error).__name__}"


def _check_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, size: int, sha256: str) -> str:
    if info.file_size != size:
        return f"文件 {info.filename} 的大小（{info.file_size} 字节）与清单（{size} 字节）不符。"
    digest = hashlib.sha256()
    read = 0
    try:
        with archive.open(info) as stream:
            for chunk in iter(lambda: stream.read(HASH_CHUNK), b""):
                read += len(chunk)
                if read > size:
                    return f"文件 {info.filename} 的实际内容超过清单所列大小。"
                digest.update(chunk)
    except Exception as error:  # CRC errors, truncated data, bad compression
        return f"文件 {info.filename} 已损坏，无法读取（{zip_damage(error)}）。"
    if digest.hexdigest() != sha256:
        return f"文件 {info.filename} 的内容与清单不符（SHA-256 不一致），已被修改。"
    return ""


def _check_pdf(stream: BinaryIO, info: zipfile.ZipInfo, trusted_certs: Sequence[x509.Certificate]) -> list[str]:
    """The embedded PDF's own signatures, read in place from the package (a stored member is a byte range of it):
    no copy of the county's document is written anywhere."""
    if info.compress_type != zipfile.ZIP_STORED or info.compress_size != info.file_size:
        return []  # already reported: the container is not hpdesk's
    try:
        start = local_header(stream, info)[3]
    except ZipDefect:
        return []  # already reported by the hash check
    window = io.BufferedReader(_Window(stream, start, info.file_size), CHUNK)
    result = verify_signed_pdf_stream(window, info.file_size, trusted_certs)
    return [f"{info.filename}：{problem}" for problem in result.problems]


class _Window(io.RawIOBase):
    """Bytes [start, start + size) of `stream`, read-only and seekable, as a file of its own."""

    def __init__(self, stream: BinaryIO, start: int, size: int) -> None:
        super().__init__()
        self._stream, self._start, self._size, self._position = stream, start, size, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self._size}[whence]
        self._position = max(0, base + offset)
        return self._position

    def readinto(self, buffer) -> int:
        wanted = min(len(buffer), self._size - self._position)
        if wanted <= 0:
            return 0
        self._stream.seek(self._start + self._position)
        data = self._stream.read(wanted)
        buffer[:len(data)] = data
        self._position += len(data)
        return len(data)
