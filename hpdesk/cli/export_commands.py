"""`hpdesk export` (the signed submission package for a period) and `hpdesk verify` (check a package or a PDF).

`verify` exits 0 only when every check holds, else 1 — also when it cannot check at all (no trusted certificate,
an unreadable certificate file) — and prints one line per failed file or signature; with --json, one JSON object in
every case. Without `--trust`, the certificate of this workspace's own identity is trusted (a county checking what
it is about to send); the workspace is not opened, so this works while the app has it open. A file starting with
"%PDF-" is checked as a signed PDF, anything else as a package.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from hpdesk.cli.identity_commands import PASSPHRASE_FILE, read_passphrase
from hpdesk.cli.registry import Command, Context, Output, option
from hpdesk.domain.errors import UserError, register_messages

if TYPE_CHECKING:
    from cryptography import x509

register_messages({
    "verify_no_trust": ("没有可信任的证书：请用 --trust 指定对方登记的证书文件。",
                        "No trusted certificate: name the sender's registered certificate with --trust."),
})


def run_export(args: argparse.Namespace, context: Context) -> Output:
    desk = context.desk()
    passphrase = read_passphrase(args.passphrase_file, prompt="签名口令 / signing passphrase: ")
    result = desk.export_package(args.period, args.out, passphrase, args.doc_number, reissue=args.reissue)
    return Output({"package": str(result.package_path), "package_sha256": result.package_sha256,
                   "pdf": str(result.pdf_path) if result.pdf_path else None,  # the copies written beside the zip
                   "xlsx": str(result.xlsx_path) if result.xlsx_path else None,
                   "manifest_sha256": result.manifest_sha256, "content_sha256": result.content_sha256,
                   "fingerprint": result.fingerprint, "period": args.period, "sequence": result.sequence,
                   "submission_id": result.submission_id, "signer_fingerprint": result.signer_fingerprint,
                   "files": list(result.files), "evidence_files": result.evidence_files,
                   "pdf_included": result.pdf_included, "period_locked": result.period_locked,
                   "reissue": args.reissue},
                  [f"报送包已生成：{result.package_path}", f"SHA-256：{result.package_sha256}",
                   f"材料指纹：{result.fingerprint}",
                   f"共 {len(result.files)} 个文件，其中佐证材料 {result.evidence_files} 个。",
                   *(["报送期已锁定：此后对本期填报的修改需要说明理由，并在再次报送时注明。"] if result.period_locked else [])])


def _trusted(args: argparse.Namespace, context: Context) -> list[x509.Certificate]:
    from hpdesk.services.exporting.verification import workspace_certificates
    from hpdesk.services.identity import load_certificate_file

    certificates = [certificate for path in args.trust for certificate in load_certificate_file(path)]
    if not args.trust:
        certificates = workspace_certificates(context.root)
    if not certificates:
        raise UserError("verify_no_trust")
    return certificates


def _unverified(args: argparse.Namespace, error: UserError, lines: list[str], errors: list[str]) -> Output:
    return Output({"ok": False, "file": str(args.file), "problems": [error.message()]}, lines, errors, exit_code=1)


def run_verify(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.exporting.verification import verify_package
    from hpdesk.services.signing import verify_signed_pdf
    from hpdesk.services.user_files import read_head

    try:  # by content; only regular files are read (UserError for a FIFO, a device, a missing file)
        is_pdf = read_head(args.file, 5) == b"%PDF-"
    except UserError as error:  # nothing to check: refused at once
        return _unverified(args, error, [f"校验未通过：{args.file.name}", f"  - {error.message()}"], [])
    try:
        trusted = _trusted(args, context)
    except UserError as error:  # nothing could be checked: that is a failed verification, not a usage error
        return _unverified(args, error, [], [error.message()])
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
    if ok:
        lines = [f"校验通过：{args.file.name}" + (f"（{details['files_checked']} 个文件与签名清单一致）"
                                                 if details["kind"] == "package" else "")]
    else:
        lines = [f"校验未通过：{args.file.name}", *(f"  - {problem}" for problem in problems)]
    return Output({"ok": ok, "file": str(args.file), "problems": problems, **details}, lines,
                  exit_code=0 if ok else 1)


COMMANDS = (
    Command(("export",), "write the signed submission package for a period", run_export, (
        option("--period", required=True, help="e.g. 2025H1"),
        option("--out", type=Path, required=True, help="folder for the package"),
        PASSPHRASE_FILE,
        option("--doc-number", help="document number of the cover letter: 12, or 管卫健〔2025〕12号"),
        option("--reissue", action="store_true",
               help="re-sign the content of the period's last submission exactly as it was sent"))),
    Command(("verify",), "check a submission package (.zip) or a signed PDF", run_verify, (
        option("file", type=Path),
        option("--trust", type=Path, action="append", default=[], metavar="CERT.pem",
               help="a registered certificate to trust (repeatable; default: this workspace's own)"))),
)
