"""`hpdesk export` (the signed submission package for a period) and `hpdesk verify` (check a package or a PDF).

`verify` exits 0 only when every check holds, else 1 — also when it cannot check at all (no trusted certificate,
an unreadable certificate file) — and prints one line per failed file or signature; with --json, one JSON object in
every case. Without `--trust`, the certificate of this workspace's own identity is trusted (a county checking what
it is about to send). A file starting with "%PDF-" is checked as a signed PDF, anything else as a package.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cryptography import x509

from hpdesk.cli import workspace_dir
from hpdesk.cli.identity_commands import read_passphrase
from hpdesk.cli.output import print_json, print_lines
from hpdesk.domain.errors import UserError, register_messages
from hpdesk.services.exporting.submission import export_submission
from hpdesk.services.exporting.verification import verify_package
from hpdesk.services.identity import CERTIFICATE_FILE, load_certificate_file
from hpdesk.services.signing import verify_signed_pdf
from hpdesk.services.user_files import read_head
from hpdesk.services.workspace import open_workspace

register_messages({
    "verify_no_trust": ("没有可信任的证书：请用 --trust 指定对方登记的证书文件。",
                        "No trusted certificate: name the sender's registered certificate with --trust."),
})


def register(subparsers: argparse._SubParsersAction) -> None:
    export = subparsers.add_parser("export", help="write the signed submission package for a period")
    export.add_argument("--period", required=True, help="e.g. 2025H1")
    export.add_argument("--out", type=Path, required=True, help="folder for the package")
    export.add_argument("--passphrase-file", type=Path, help="read the signing passphrase from this file")
    export.add_argument("--doc-number", help="document number of the cover letter: 12, or 管卫健〔2025〕12号")
    export.add_argument("--reissue", action="store_true",
                        help="re-sign the content of the period's last submission exactly as it was sent")
    export.add_argument("--json", action="store_true")
    export.set_defaults(handler=run_export)
    verify = subparsers.add_parser("verify", help="check a submission package (.zip) or a signed PDF")
    verify.add_argument("file", type=Path)
    verify.add_argument("--trust", type=Path, action="append", default=[], metavar="CERT.pem",
                        help="a registered certificate to trust (repeatable; default: this workspace's own)")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=run_verify)


def run_export(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        passphrase = read_passphrase(args.passphrase_file, prompt="签名口令 / signing passphrase: ")
        result = export_submission(workspace, args.period, args.out, passphrase, doc_number=args.doc_number,
                                   reissue=args.reissue)
    if args.json:
        print_json({"package": str(result.package_path), "package_sha256": result.package_sha256,
                    "manifest_sha256": result.manifest_sha256, "content_sha256": result.content_sha256,
                    "fingerprint": result.fingerprint, "period": args.period, "sequence": result.sequence,
                    "submission_id": result.submission_id, "signer_fingerprint": result.signer_fingerprint,
                    "files": list(result.files), "evidence_files": result.evidence_files,
                    "pdf_included": result.pdf_included, "period_locked": result.period_locked,
                    "reissue": args.reissue})
    else:
        print_lines(f"报送包已生成：{result.package_path}", f"SHA-256：{result.package_sha256}",
                    f"材料指纹：{result.fingerprint}",
                    f"共 {len(result.files)} 个文件，其中佐证材料 {result.evidence_files} 个。",
                    *(["报送期已锁定：此后对本期填报的修改需要说明理由，并在再次报送时注明。"] if result.period_locked else []))
    return 0


def _trusted(args: argparse.Namespace) -> list[x509.Certificate]:
    certificates: list[x509.Certificate] = []
    for path in args.trust:
        certificates.extend(load_certificate_file(path))
    if not args.trust:
        own = workspace_dir(args) / "identity" / CERTIFICATE_FILE
        if own.is_file():
            certificates.extend(load_certificate_file(own))
    if not certificates:
        raise UserError("verify_no_trust")
    return certificates


def _is_pdf(path: Path) -> bool:
    """By content; only regular files are read (UserError for a FIFO, a device, a missing file: exit 2)."""
    return read_head(path, 5) == b"%PDF-"


def run_verify(args: argparse.Namespace) -> int:
    try:
        is_pdf = _is_pdf(args.file)
    except UserError as error:  # not a regular file (a FIFO, a device, missing): nothing to check, refused at once
        if args.json:
            print_json({"ok": False, "file": str(args.file), "problems": [error.message()]})
        else:
            print_lines(f"校验未通过：{args.file.name}", f"  - {error.message()}")
        return 1
    try:
        trusted = _trusted(args)
    except UserError as error:  # nothing could be checked: that is a failed verification, not a usage error
        if args.json:
            print_json({"ok": False, "file": str(args.file), "problems": [error.message()]})
        else:
            print(error.message(), file=sys.stderr)
        return 1
    if is_pdf:
        pdf = verify_signed_pdf(args.file, trusted)
        ok, problems = pdf.ok, list(pdf.problems)
        details: dict[str, object] = {"kind": "pdf", "signatures": [
            {"label": s.label, "signer": s.signer_subject, "fingerprint": s.signer_fingerprint, "ok": s.ok,
             "signing_time": s.signing_time.isoformat() if s.signing_time else None, "problems": list(s.problems)}
            for s in pdf.signatures]}
    else:
        package = verify_package(args.file, trusted)
        ok, problems = package.ok, list(package.problems)
        details = {"kind": "package", "office": package.office, "period": package.period,
                   "signer": package.signer_subject, "signer_fingerprint": package.signer_fingerprint,
                   "files_checked": package.files_checked, "files": list(package.files)}
    if args.json:
        print_json({"ok": ok, "file": str(args.file), "problems": problems, **details})
    elif ok:
        print_lines(f"校验通过：{args.file.name}" + (f"（{details['files_checked']} 个文件与签名清单一致）"
                                                     if details["kind"] == "package" else ""))
    else:
        print_lines(f"校验未通过：{args.file.name}", *(f"  - {problem}" for problem in problems))
    return 0 if ok else 1
