"""`hpdesk identity create|import|export-cert|show`: the office's signing identity from the command line.

A passphrase is never taken from an argument (it would land in shell history and the process list): it is read
from `--passphrase-file` (first line, trailing newline removed) or asked with getpass. Creating or importing an
identity is recorded in the audit trail (fingerprint only, never key material).
"""

from __future__ import annotations

import argparse
import getpass
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from hpdesk.cli.registry import Command, Context, Output, option
from hpdesk.domain.errors import UserError, register_messages

if TYPE_CHECKING:
    from hpdesk.services.identity import IdentityInfo

register_messages({
    "passphrase_file_unreadable": ("无法读取口令文件 {path}。", "Cannot read the passphrase file {path}."),
    "passphrase_mismatch": ("两次输入的口令不一致。", "The two passphrases differ."),
    "passphrase_not_typed": ("没有读到口令或密码（输入已结束，或不是在终端中运行）：请在终端中输入，或用 {option} 文件 给出。",
                             "No passphrase or password was read (the input ended, or this is not a terminal): type "
                             "it in a terminal, or give it with {option} FILE."),
    "office_profile_missing": ("工作区尚未设置本单位名称，请先完成单位设置。",
                               "The workspace has no office name yet; set up the office first."),
})
GROUPS = {"identity": "the office's signing identity (key and certificate)"}
PASSPHRASE_FILE = option("--passphrase-file", type=Path, help="read the passphrase from this file")
REPLACE = option("--replace", action="store_true", help="replace an existing identity")


def read_passphrase(passphrase_file: Path | None, *, prompt: str = "口令 / passphrase: ", confirm: bool = False,
                    unreadable: str = "passphrase_file_unreadable", option: str = "--passphrase-file") -> str:
    """The passphrase from `passphrase_file` (its first line; UserError `unreadable` when it cannot be read) or,
    without one, asked twice-if-`confirm` with getpass: input that ends first (Ctrl-D, a script's empty stdin) is
    UserError `passphrase_not_typed`, naming `option`."""
    if passphrase_file is not None:
        try:
            lines = passphrase_file.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            raise UserError(unreadable, path=str(passphrase_file)) from None
        return lines[0] if lines else ""
    try:
        passphrase = getpass.getpass(prompt)
        if confirm and getpass.getpass("再次输入 / again: ") != passphrase:
            raise UserError("passphrase_mismatch")
    except EOFError:
        raise UserError("passphrase_not_typed", option=option) from None
    return passphrase


def _identity(info: IdentityInfo) -> Output:
    return Output(asdict(info), [  # the dates and the path print as JSON text (registry._json_default)
        f"单位：{info.office_name}", f"密钥：{info.key_description}",
        f"有效期：{info.not_valid_before:%Y-%m-%d} 至 {info.not_valid_after:%Y-%m-%d}",
        f"指纹（短）：{info.fingerprint_short}", f"指纹（SHA-256）：{info.fingerprint_display}"])


def run_identity_create(args: argparse.Namespace, context: Context) -> Output:
    desk = context.desk()
    profile = desk.office()
    if profile is None:
        raise UserError("office_profile_missing")
    passphrase = read_passphrase(args.passphrase_file, prompt="新口令 / new passphrase: ", confirm=True)
    return _identity(desk.create_identity(profile.name, passphrase, replace=args.replace))


def run_identity_import(args: argparse.Namespace, context: Context) -> Output:
    desk = context.desk()
    passphrase = read_passphrase(args.passphrase_file)
    return _identity(desk.import_identity(args.file, passphrase, replace=args.replace))


def run_identity_export_cert(args: argparse.Namespace, context: Context) -> Output:
    written = context.desk().export_certificate(args.out)
    return Output({"certificate": str(written)}, [f"证书已写入 {written}"])


def run_identity_show(args: argparse.Namespace, context: Context) -> Output:
    info = context.desk().identity_info()
    if info is None:
        raise UserError("identity_missing")
    return _identity(info)


COMMANDS = (
    Command(("identity", "create"), "make a new key pair and self-signed certificate for this office",
            run_identity_create, (PASSPHRASE_FILE, REPLACE)),
    Command(("identity", "import"), "use the key and certificate of a PKCS#12 file (.p12/.pfx)", run_identity_import,
            (option("file", type=Path), PASSPHRASE_FILE, REPLACE)),
    Command(("identity", "export-cert"), "write the certificate (PEM) for the receiving office",
            run_identity_export_cert, (option("out", type=Path),)),
    Command(("identity", "show"), "office, fingerprint and validity of the identity", run_identity_show),
)
