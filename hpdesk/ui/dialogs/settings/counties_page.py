"""Settings → Counties (city level): the counties the city receives from and the signing certificates pinned for each.
A package is verified only against its own county's certificates; a county rotating its key gets the new
certificate added and the old one's window closed (stop trusting it for packages made after a date)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from hpdesk.ui.i18n import error_text
from hpdesk.ui.theme import hbox, push_button

if TYPE_CHECKING:
    from hpdesk.ui.app_services import AppServices
    from hpdesk.ui.prompts import Prompts
    from hpdesk.ui.jobs import JobRunner


class CountiesPage(QWidget):
    def __init__(self, services: AppServices, jobs: JobRunner, prompts: Prompts, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.jobs, self.prompts, self.language = services, jobs, prompts, language
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Each county's packages are checked against that county's certificates only. "
                                        "Ask the county for its certificate file (Settings → Signing identity → "
                                        "Export the certificate…, or hpdesk identity export-cert) and compare the "
                                        "fingerprint by phone before trusting it."), wordWrap=True))
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("County / certificate"), self.tr("Region"), self.tr("Trusted from"),
                                   self.tr("Trusted until"), self.tr("Contact")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.tree, 1)
        self.add_button = push_button(self.tr("Add a county…"), self._on_add_button_clicked)
        self.trust_button = push_button(self.tr("Trust a certificate…"), self._on_trust_button_clicked)
        self.untrust_button = push_button(self.tr("Stop trusting…"), self._on_untrust_button_clicked)
        layout.addLayout(hbox(self.add_button, self.trust_button, self.untrust_button, 1))

    def load(self) -> None:
        self.jobs.run(self.services.city_counties, self._show)

    def _show(self, counties) -> None:
        self.tree.clear()
        for county in counties:
            item = QTreeWidgetItem([county.name, county.region, "", "", county.contact])
            item.setData(0, 0x0100, (county.name, None))
            for cert in county.certificates:
                state = self.tr(" (revoked)") if cert.revoked else ""
                child = QTreeWidgetItem([self.tr("Certificate {fingerprint}").format(
                    fingerprint=cert.fingerprint_short) + state, "", cert.valid_from[:10],
                    cert.valid_to[:10] or self.tr("open-ended"), ""])
                child.setToolTip(0, f"{cert.subject}\nSHA-256 {cert.fingerprint_sha256}")
                child.setData(0, 0x0100, (county.name, cert.fingerprint_sha256))
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            item.setExpanded(True)

    def _selected(self) -> tuple[str, str | None] | None:
        item = self.tree.currentItem()
        return item.data(0, 0x0100) if item is not None else None

    def _on_add_button_clicked(self) -> None:
        name = self.prompts.ask_text(self.tr("Add a county"), self.tr(
            "The office name exactly as its packages carry it (the county's full office name):"))
        if not name or not name.strip():
            return
        region = self.prompts.ask_text(self.tr("Add a county"), self.tr("Its region (the county or district):")) or ""
        self.jobs.run(lambda: self.services.add_county(name, region, ""), lambda _county: self.load(),
                      self._on_failed)

    def _on_trust_button_clicked(self) -> None:
        selected = self._selected()
        if selected is None:
            self.prompts.inform(self.tr("Trust a certificate"), self.tr("Select the county first."))
            return
        files = self.prompts.choose_files(self.tr("Choose the county's certificate"),
                                          self.tr("Certificates (*.pem *.crt *.cer *.der)"))
        if files:
            self.jobs.run(lambda: self.services.trust_county_certificate(selected[0], files[0]),
                          lambda _cert: self.load(), self._on_failed)

    def _on_untrust_button_clicked(self) -> None:
        county, fingerprint = self._selected() or ("", None)
        if fingerprint is None:
            self.prompts.inform(self.tr("Stop trusting"), self.tr("Select a certificate first."))
            return
        choice = self.prompts.ask_choice(self.tr("Stop trusting"), self.tr("How?"), [
            self.tr("For packages made from today (the county changed its key)"),
            self.tr("For every package (the key was lost or leaked)")])
        if choice is None:
            return
        after = datetime.now().astimezone().replace(microsecond=0).isoformat() if choice == 0 else None
        self.jobs.run(lambda: self.services.untrust_county_certificate(county, fingerprint, after),
                      lambda _cert: self.load(), self._on_failed)

    def _on_failed(self, error: BaseException) -> None:
        self.prompts.warn(self.tr("Counties"), error_text(error, self.language))
