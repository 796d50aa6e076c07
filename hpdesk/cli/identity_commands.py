"""`hpdesk identity create|import|export-cert|show`: the office's signing identity from the command line.

A passphrase is never taken from an argument (it would land in shell history and the process list): it is read
from `--passphrase-file` (first line, trailing newline removed) or asked with getpass. Creating or importing an
identity is recorded in the audit trail (fingerprint only, never key material).
"""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path

from hpdesk.cli.output import print_json, print_lines
from hpdesk.domain.errors import UserError, register_messages
from hpdesk.services.desk import Desk
from hpdesk.services.identity import IdentityInfo, export_certificate, load_identity_info
from hpdesk.services.workspace import open_workspace

register_messages({
    "passphrase_file_unreadable": ("无法读取口令文件 {path}。", "Cannot read the passphrase file {path}."),
    "passphrase_mismatch": ("两次输入的口令不一致。", "The two passphrases differ."),
    "office_profile_missing": ("工作区尚未设置本单位名称，请先完成单位设置。",
                               "The workspace has no office name yet; set up the office first."),
})


def register(subparsers: argparse._SubParsersAction) -> None:
    identity = subparsers.add_parser("identity", help="the office's signing identity (key and certificate)")
    actions = identity.add_subparsers(dest="identity_command", metavar="ACTION", required=True)
    create = actions.add_parser("create", help="make a new key pair and self-signed certificate for this office")
    create.add_argument("--passphrase-file", type=Path, help="read the passphrase from this file")
    create.add_argument("--replace", action="store_true", help="replace an existing identity")
    create.add_argument("--json", action="store_true")
    create.set_defaults(handler=run_identity_create)
    imported = actions.add_parser("import", help="use the key and certificate of a PKCS#12 file (.p12/.pfx)")
    imported.add_argument("file", type=Path)
    imported.add_argument("--passphrase-file", type=Path, help="read the file's passphrase from this file")
    imported.add_argument("--replace", action="store_true", help="replace an existing identity")
    imported.add_argument("--json", action="store_true")
    imported.set_defaults(handler=run_identity_import)
    export = actions.add_parser("export-cert", help="write the certificate (PEM) for the receiving office")
    export.add_argument("out", type=Path)
    export.set_defaults(handler=run_identity_export_cert)
    show = actions.add_parser("show", help="office, fingerprint and validity of the identity")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_identity_show)


def read_passphrase(passphrase_file: Path | None, *, prompt: str = "口令 / passphrase: ", confirm: bool = False) -> str:
    """The passphrase from `passphrase_file` (its first line) or, without one, asked twice-if-`confirm` with getpass."""
    if passphrase_file is not None:
        try:
            text = passphrase_file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            raise UserError("passphrase_file_unreadable", path=str(passphrase_file)) from None
        lines = text.splitlines()
        return lines[0] if lines else ""
    passphrase = getpass.getpass(prompt)
    if confirm and getpass.getpass("再次输入 / again: ") != passphrase:
        raise UserError("passphrase_mismatch")
    return passphrase


def identity_as_dict(info: IdentityInfo) -> dict[str, object]:
    return {
        "office_name": info.office_name,
        "subject": info.subject,
        "fingerprint_sha256": info.fingerprint_sha256,
        "fingerprint_display": info.fingerprint_display,
        "fingerprint_short": info.fingerprint_short,
        "not_valid_before": info.not_valid_before.isoformat(),
        "not_valid_after": info.not_valid_after.isoformat(),
        "key_description": info.key_description,
        "certificate_path": str(info.certificate_path),
    }


def _print_identity(info: IdentityInfo, as_json: bool) -> None:
    if as_json:
        print_json(identity_as_dict(info))
    else:
        print_lines(f"单位：{info.office_name}", f"密钥：{info.key_description}",
                    f"有效期：{info.not_valid_before:%Y-%m-%d} 至 {info.not_valid_after:%Y-%m-%d}",
                    f"指纹（短）：{info.fingerprint_short}", f"指纹（SHA-256）：{info.fingerprint_display}")


def run_identity_create(args: argparse.Namespace) -> int:
    with Desk.open(args.workspace) as desk:
        profile = desk.office()
        if profile is None:
            raise UserError("office_profile_missing")
        passphrase = read_passphrase(args.passphrase_file, prompt="新口令 / new passphrase: ", confirm=True)
        info = desk.create_identity(profile.name, passphrase, replace=args.replace)
    _print_identity(info, args.json)
    return 0


def run_identity_import(args: argparse.Namespace) -> int:
    with Desk.open(args.workspace) as desk:
        passphrase = read_passphrase(args.passphrase_file)
        info = desk.import_identity(args.file, passphrase, replace=args.replace)
    _print_identity(info, args.json)
    return 0


def run_identity_export_cert(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        written = export_certificate(workspace.identity_dir, args.out)
    print_lines(f"证书已写入 {written}")
    return 0


def run_identity_show(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        info = load_identity_info(workspace.identity_dir)
    if info is None:
        raise UserError("identity_missing")
    _print_identity(info, args.json)
    return 0
