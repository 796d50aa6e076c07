"""Settings → Signing identity: the office's key and certificate that sign the submission. Shows the fingerprint
the city registers (read it to them on the phone), and creates, imports, re-protects or exports the identity."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from hpdesk.domain.passphrase import MIN_PASSPHRASE_LENGTH, passphrase_too_short
from hpdesk.ui.i18n import error_text
from hpdesk.ui.theme import muted_label, push_button

if TYPE_CHECKING:
    from hpdesk.ui.app_services import AppServices
    from hpdesk.ui.prompts import Prompts
    from hpdesk.ui.jobs import JobRunner
    from hpdesk.services.identity import IdentityInfo



class IdentityPage(QWidget):
    def __init__(self, services: AppServices, jobs: JobRunner, prompts: Prompts, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.jobs, self.prompts, self.language = services, jobs, prompts, language
        self.info = None
        layout = QVBoxLayout(self)
        self.info_label = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        layout.addWidget(self.info_label)
        buttons = QGridLayout()
        self.create_button = push_button(self.tr("Create a new identity…"), self.create_identity)
        self.import_button = push_button(self.tr("Import a .p12/.pfx file…"), self.import_identity)
        self.passphrase_button = push_button(self.tr("Change the passphrase…"), self.change_passphrase)
        self.export_button = push_button(self.tr("Export the certificate…"), self.export_certificate,
                                         tip=self.tr("The certificate (no key) for the city office to register"))
        self.seal_button = push_button(self.tr("Seal image…"), self.choose_seal_image,
                                       tip=self.tr("A scan of the office's seal, drawn under the signature in the PDF"))
        self.clear_seal_button = push_button(self.tr("Remove the seal image"), self.clear_seal_image)
        for number, button in enumerate((self.create_button, self.import_button, self.passphrase_button,
                                         self.export_button, self.seal_button, self.clear_seal_button)):
            buttons.addWidget(button, number // 2, number % 2)
        layout.addLayout(buttons)
        self.seal_label = muted_label(wrap=False)
        layout.addWidget(self.seal_label)
        layout.addStretch()

    def load(self) -> None:
        self.jobs.run(self.services.identity_info, self._show, self._warn)
        self.jobs.run(self.services.seal_image, self._show_seal, self._warn)

    def _show_seal(self, path: Path | None) -> None:
        self.clear_seal_button.setEnabled(path is not None)
        self.seal_label.setText(self.tr("Seal image: set — it appears under the signature in the PDF.")
                                if path is not None else
                                self.tr("Seal image: none — the signature shows its text only."))

    def choose_seal_image(self) -> None:
        source = self.prompts.choose_seal_image()
        if source is not None:
            self.jobs.run(lambda: self.services.set_seal_image(source), self._show_seal, self._warn)

    def clear_seal_image(self) -> None:
        self.jobs.run(self.services.clear_seal_image, lambda _none: self._show_seal(None), self._warn)

    def _on_passphrase_changed(self, info: IdentityInfo) -> None:
        self._show(info)
        self.prompts.inform(self.tr("Passphrase"), self.tr("The passphrase was changed."))

    def _show(self, info) -> None:
        self.info = info
        self.passphrase_button.setEnabled(info is not None)
        self.export_button.setEnabled(info is not None)
        if info is None:
            self.info_label.setText(self.tr(
                "<p><b>No signing identity yet.</b></p><p>The submission for the city is signed with the office's "
                "own key. Create one here (it is kept in the workspace, protected by a passphrase), or import the "
                "certificate file your office already has.</p>"))
            return
        rows = [
            (self.tr("Office"), info.office_name),
            (self.tr("Fingerprint (short)"), info.fingerprint_short),
            (self.tr("Fingerprint"), info.fingerprint_display),
            (self.tr("Valid"), f"{info.not_valid_before:%Y-%m-%d} — {info.not_valid_after:%Y-%m-%d}"),
            (self.tr("Key"), info.key_description),
        ]
        body = "".join(f"<tr><td style='padding-right:12px;color:#6b7280'>{html.escape(name)}</td>"
                       f"<td>{html.escape(value)}</td></tr>" for name, value in rows)
        hint = html.escape(self.tr("Give the city office the exported certificate, and read them the short "
                                   "fingerprint on the phone so they can check it."))
        self.info_label.setText(f"<table>{body}</table><p style='color:#6b7280'>{hint}</p>")

    def _new_passphrase(self) -> str | None:
        first = self.prompts.ask_passphrase(self.tr("Passphrase"), self.tr(
            "A passphrase of at least {minimum} characters protects the key:").format(minimum=MIN_PASSPHRASE_LENGTH))
        if first is None:
            return None
        if passphrase_too_short(first):
            self.prompts.warn(self.tr("Passphrase"), self.tr("The passphrase needs at least {minimum} characters.")
                              .format(minimum=MIN_PASSPHRASE_LENGTH))
            return None
        second = self.prompts.ask_passphrase(self.tr("Passphrase"), self.tr("The same passphrase again:"))
        if second != first:
            if second is not None:
                self.prompts.warn(self.tr("Passphrase"), self.tr("The two passphrases differ."))
            return None
        return first

    def _confirm_replace(self) -> bool:
        return self.info is None or self.prompts.confirm(self.tr("Replace the identity"), self.tr(
            "This office already has an identity. After replacing it the city must register the new certificate. "
            "Replace it?"))

    def create_identity(self) -> None:
        if not self._confirm_replace():
            return
        passphrase = self._new_passphrase()
        if passphrase is None:
            return
        replace = self.info is not None

        def create():
            office = self.services.office()
            return self.services.create_identity(office.name if office else "hpdesk", passphrase, replace=replace)

        self.jobs.run(create, self._show, self._warn)

    def import_identity(self) -> None:
        if not self._confirm_replace():
            return
        path = self.prompts.choose_identity_file()
        if path is None:
            return
        passphrase = self.prompts.ask_passphrase(self.tr("Passphrase"), self.tr("The file's passphrase:"))
        if passphrase is None:
            return
        replace = self.info is not None
        self.jobs.run(lambda: self.services.import_identity(path, passphrase, replace=replace), self._show, self._warn)

    def change_passphrase(self) -> None:
        old = self.prompts.ask_passphrase(self.tr("Passphrase"), self.tr("The current passphrase:"))
        if old is None:
            return
        new = self._new_passphrase()
        if new is None:
            return
        self.jobs.run(lambda: self.services.change_passphrase(old, new),
                      self._on_passphrase_changed, self._warn)

    def export_certificate(self) -> None:
        target = self.prompts.choose_save_path(self.tr("Export the certificate"),
                                               Path.home() / "hpdesk-certificate.pem",
                                               self.tr("Certificates (*.pem *.cer *.crt)"))
        if target is None:
            return
        self.jobs.run(lambda: self.services.export_certificate(target),
                      lambda path: self.prompts.inform(self.tr("Export the certificate"),
                                                       self.tr("Written: {path}").format(path=path)),
                      self._warn)

    def _warn(self, error: BaseException) -> None:
        self.prompts.warn(self.tr("Signing identity"), error_text(error, self.language))
