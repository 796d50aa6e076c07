"""The first-run wizard: office and region → the signing identity → the city's table → done. A clerk who has never
seen hpdesk answers three short pages and lands on the task list, with the county's units, suggested assignments
and the reporting periods from the current one on already in place (none overdue the day it is made).

Nothing is written until Finish: the pages only collect answers (the table is analysed, read-only, off the UI
thread). Finish runs one job that sets up the office, the identity and the import, with a progress bar. The
identity and import steps can be skipped, and are skipped by themselves when their service is not in this build.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QFormLayout, QLabel, QLineEdit, QListWidget, QPushButton, QRadioButton,
    QVBoxLayout, QWidget, QWizard, QWizardPage,
)

from hpdesk.domain.calendar import current_periods, passed_periods
from hpdesk.domain.passphrase import MIN_PASSPHRASE_LENGTH, passphrase_too_short
from hpdesk.services.desk import IDENTITY_CREATE, IDENTITY_IMPORT, IDENTITY_LATER, FirstRunSetUp
from hpdesk.ui.theme import hbox, item_combo, muted_label, push_button
from hpdesk.ui.dialogs.import_dialog import rows_to_check
from hpdesk.ui.dialogs.join_shared_dialog import JoinSharedDialog
from hpdesk.ui.i18n import error_text, then_sentence
from hpdesk.ui.icons import icon
from hpdesk.ui.progress_dialog import run_with_progress

if TYPE_CHECKING:
    from hpdesk.ui.app_services import AppServices
    from hpdesk.ui.prompts import Prompts
    from hpdesk.ui.jobs import JobRunner
    from hpdesk.services.importing.plan_import import ImportPreview



class OfficeWizardPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Step 1 of 3: your office"))
        self.setSubTitle(self.tr("Who uses this workspace. It appears on everything sent to the city."))
        layout = QVBoxLayout(self)
        welcome = QLabel(self.tr("Welcome! Three short steps — your office, the signing identity and the city's "
                                 "table — and hpdesk opens the task list for your county."), wordWrap=True)
        welcome.setStyleSheet("font-size: 11pt; margin-bottom: 8px;")
        layout.addWidget(welcome)
        form = QFormLayout()
        layout.addLayout(form)
        layout.addStretch()
        self.region_edit = QLineEdit(placeholderText=self.tr("e.g. 管城回族区"))
        form.addRow(self.tr("County or district"), self.region_edit)
        self.office_edit = QLineEdit(placeholderText=self.tr("e.g. 管城回族区卫生健康委员会"))
        form.addRow(self.tr("Office"), self.office_edit)
        self.level_combo = item_combo([(self.tr("County or district"), "county"), (self.tr("City"), "city")])
        form.addRow(self.tr("Level"), self.level_combo)
        self.short_name_edit = QLineEdit(placeholderText=self.tr("e.g. 区卫健委 (optional)"))
        form.addRow(self.tr("Short name"), self.short_name_edit)
        self.doc_prefix_edit = QLineEdit(placeholderText=self.tr("e.g. 管卫健 (optional)"))
        form.addRow(self.tr("Document number prefix"), self.doc_prefix_edit)
        for edit in (self.region_edit, self.office_edit):
            edit.textChanged.connect(self.completeChanged)
        # advanced (issue 17): offices where several clerks share one database join it instead
        self.join_button = QPushButton(self.tr("Advanced: join a shared office database (PostgreSQL)…"))
        self.join_button.setFlat(True)
        layout.addLayout(hbox(self.join_button, None))

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return bool(self.region_edit.text().strip() and self.office_edit.text().strip())


class IdentityWizardPage(QWizardPage):
    def __init__(self, prompts: Prompts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompts = prompts
        self.identity_file: Path | None = None
        self.setTitle(self.tr("Step 2 of 3: signing identity"))
        self.setSubTitle(self.tr("The submission for the city is signed with your office's own key, kept in the "
                                 "workspace and protected by a passphrase."))
        layout = QVBoxLayout(self)
        self.choice_group = QButtonGroup(self)
        self.create_radio = QRadioButton(self.tr("Create a new identity for this office (recommended)"))
        self.import_radio = QRadioButton(self.tr("Import the certificate file the office already has (.p12/.pfx)"))
        self.later_radio = QRadioButton(self.tr("Later, in Settings"))
        for button in (self.create_radio, self.import_radio, self.later_radio):
            self.choice_group.addButton(button)
            button.toggled.connect(self._on_choice_toggled)
        layout.addWidget(self.create_radio)
        layout.addWidget(self.import_radio)
        self.file_label = muted_label(self.tr("No file chosen"), wrap=False)
        self.choose_file_button = push_button(self.tr("Choose file…"), self._on_choose_file_button_clicked)
        file_row = hbox(self.choose_file_button, (self.file_label, 1))
        file_row.setContentsMargins(24, 0, 0, 0)
        layout.addLayout(file_row)
        layout.addWidget(self.later_radio)
        form = QFormLayout()
        form.setContentsMargins(0, 12, 0, 0)
        self.passphrase_edit = QLineEdit(echoMode=QLineEdit.EchoMode.Password, placeholderText=self.tr(
            "at least {minimum} characters").format(minimum=MIN_PASSPHRASE_LENGTH))
        self.repeat_edit = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Passphrase"), self.passphrase_edit)
        form.addRow(self.tr("Repeat it"), self.repeat_edit)
        layout.addLayout(form)
        self.problem_label = QLabel()
        self.problem_label.setStyleSheet("color: #c0392b;")
        layout.addWidget(self.problem_label)
        layout.addWidget(muted_label(self.tr("Write the passphrase down and keep it safe: without it nothing can be "
                                        "signed, and nobody can recover it.")))
        layout.addStretch()
        for edit in (self.passphrase_edit, self.repeat_edit):
            edit.textChanged.connect(self.completeChanged)
        self.create_radio.setChecked(True)

    def choice(self) -> str:
        if self.create_radio.isChecked():
            return IDENTITY_CREATE
        return IDENTITY_IMPORT if self.import_radio.isChecked() else IDENTITY_LATER

    def _on_choice_toggled(self, _checked: bool) -> None:
        choice = self.choice()
        self.choose_file_button.setEnabled(choice == IDENTITY_IMPORT)
        self.passphrase_edit.setEnabled(choice != IDENTITY_LATER)
        self.repeat_edit.setEnabled(choice == IDENTITY_CREATE)
        self.completeChanged.emit()

    def _on_choose_file_button_clicked(self) -> None:
        path = self.prompts.choose_identity_file()
        if path is not None:
            self.identity_file = path
            self.file_label.setText(path.name)
            self.completeChanged.emit()

    def problem(self) -> str:
        """Why Next cannot be pressed yet ('' when it can)."""
        choice, passphrase = self.choice(), self.passphrase_edit.text()
        if choice == IDENTITY_LATER:
            return ""
        if choice == IDENTITY_IMPORT:
            if self.identity_file is None:
                return self.tr("Choose the certificate file.")
            return "" if passphrase else self.tr("Enter the file's passphrase.")
        if passphrase_too_short(passphrase):
            return self.tr("The passphrase needs at least {minimum} characters.").format(minimum=MIN_PASSPHRASE_LENGTH)
        if passphrase != self.repeat_edit.text():
            return self.tr("The two passphrases differ.")
        return ""

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        problem = self.problem()
        self.problem_label.setText(problem if self.passphrase_edit.text() or self.identity_file else "")
        return not problem


class TableWizardPage(QWizardPage):
    preview_changed = Signal()

    def __init__(self, services: AppServices, jobs: JobRunner, prompts: Prompts, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.jobs, self.prompts, self.language = services, jobs, prompts, language
        self.preview: ImportPreview | None = None
        self.setTitle(self.tr("Step 3 of 3: the city's table"))
        self.setSubTitle(self.tr("Choose the task breakdown table or the indicator table the city sent (Excel). "
                                 "hpdesk reads it now and imports it when you press Finish."))
        layout = QVBoxLayout(self)
        self.choose_button = push_button(self.tr("Choose the city's table…"), self._on_choose_button_clicked,
                                         primary=True)
        layout.addLayout(hbox(self.choose_button, None))
        self.summary_label = QLabel(wordWrap=True)
        layout.addWidget(self.summary_label)
        # The rows the summary says need checking, listed (a count alone leaves the clerk nothing to look at).
        self.rows_list = QListWidget()
        self.rows_list.setWordWrap(True)
        self.rows_list.setMaximumHeight(150)
        self.rows_list.hide()
        layout.addWidget(self.rows_list)
        self.skip_check = QCheckBox(self.tr("Skip: I will import the table later (File → Import)"))
        self.skip_check.toggled.connect(self.completeChanged)
        layout.addWidget(self.skip_check)
        layout.addStretch()

    def _on_choose_button_clicked(self) -> None:
        path = self.prompts.choose_workbook()
        if path is not None:
            self.analyse(path)

    def analyse(self, path: Path) -> None:
        """Read and understand the table off the UI thread (nothing is written)."""
        reading = self.tr("Reading {file}…").format(file=path.name)
        self.summary_label.setText(reading)
        run_with_progress(self.jobs, self, reading, self.language,
                          lambda progress, cancel: self.services.analyse_workbook(path, progress, cancel),
                          self._show_preview, self._show_error)

    def _show_preview(self, preview) -> None:
        self.preview = preview
        counts = preview.counts()
        if preview.kind == "tasks":
            text = self.tr("<b>{file}</b>: the task table of “{plan}” — {actions} actions, {tasks} tasks, "
                           "{county} of them for the county.")
        else:
            text = self.tr("<b>{file}</b>: the indicator table of “{plan}” — {actions} actions, {indicators} "
                           "indicators.")
        checks = rows_to_check(preview, self.language)
        if checks:
            text = then_sentence(text, self.tr("{rows} rows need checking (below); they stay marked after the import."))
        self.summary_label.setText(text.format(
            file=preview.file_name, plan=preview.plan_title, actions=counts["actions"], tasks=counts["tasks"],
            county=counts["county_tasks"], indicators=counts["indicators"], rows=len(checks)))
        self.rows_list.clear()
        for row, detail in checks:
            self.rows_list.addItem(self.tr("Row {row}: {detail}").format(row=row, detail=detail))
        self.rows_list.setVisible(bool(checks))
        self.skip_check.setChecked(False)
        self.completeChanged.emit()
        self.preview_changed.emit()

    def _show_error(self, error: BaseException) -> None:
        self.preview = None
        self.rows_list.clear()
        self.rows_list.hide()
        self.summary_label.setText(f"<span style='color:#c0392b'>{error_text(error, self.language)}</span>")
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return self.preview is not None or self.skip_check.isChecked()


class FinishWizardPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Ready"))
        self.setSubTitle(self.tr("Press Finish and hpdesk does the following."))
        layout = QVBoxLayout(self)
        self.steps_label = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        layout.addWidget(self.steps_label)
        self.error_label = QLabel(wordWrap=True)
        self.error_label.setStyleSheet("color: #c0392b;")
        layout.addWidget(self.error_label)
        layout.addStretch()

    def show_steps(self, steps: list[str]) -> None:
        self.steps_label.setText("<ol>" + "".join(f"<li style='margin-bottom:6px'>{step}</li>" for step in steps)
                                 + "</ol>")


class FirstRunWizard(QWizard):
    """`completed` fires after Finish has set everything up (then the wizard closes)."""

    completed = Signal()

    def __init__(self, services: AppServices, jobs: JobRunner, prompts: Prompts, language: str = "zh_CN",
                 parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.services, self.jobs, self.prompts, self.language = services, jobs, prompts, language
        self.today = today or date.today()
        self._finished = False
        self.setWindowTitle(self.tr("Welcome to hpdesk"))
        self.setWindowIcon(icon("hpdesk"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, icon("hpdesk").pixmap(48, 48))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.resize(720, 540)
        self.office_page = OfficeWizardPage()
        self.identity_page = IdentityWizardPage(prompts)
        self.table_page = TableWizardPage(services, jobs, prompts, language)
        self.finish_page = FinishWizardPage()
        for page in (self.office_page, self.identity_page, self.table_page, self.finish_page):
            self.addPage(page)
        self.currentIdChanged.connect(self._on_current_id_changed)
        self.office_page.join_button.clicked.connect(self.open_join_shared)

    def answers(self) -> FirstRunSetUp:
        office, identity = self.office_page, self.identity_page
        return FirstRunSetUp(
            office.region_edit.text().strip(), office.office_edit.text().strip(), office.level_combo.currentData(),
            office.short_name_edit.text().strip(), office.doc_prefix_edit.text().strip(), identity.choice(),
            identity.passphrase_edit.text(), identity.identity_file,
            None if self.table_page.skip_check.isChecked() else self.table_page.preview)

    def _on_current_id_changed(self, _page_id: int) -> None:
        if self.currentPage() is not self.finish_page:
            return
        answers = self.answers()
        steps = [self.tr("Record the office: {office} ({region}).").format(office=answers.office,
                                                                          region=answers.region)]
        if answers.identity == IDENTITY_CREATE:
            steps.append(self.tr("Create the office's signing identity."))
        elif answers.identity == IDENTITY_IMPORT and answers.identity_file is not None:
            steps.append(self.tr("Import the signing identity from {file}.").format(file=answers.identity_file.name))
        if answers.preview is not None:
            steps.append(self.tr("Import {file}, create the county's units from the departments it names, and "
                                 "suggest which unit carries each task.").format(
                file=answers.preview.file_name))
            steps.append(self._periods_step())
        steps.append(self.tr("Open the task list."))
        self.finish_page.show_steps(steps)

    def _periods_step(self) -> str:
        """The periods Finish creates, said plainly: it starts at the current period, and names the ones of this
        year already past their due date, which it leaves out (a period overdue the day it is made is noise)."""
        # A new workspace has the default cadence (it is changed later in Settings → Calendar).
        starting = current_periods("semiannual", self.today)
        skipped = passed_periods("semiannual", self.today)
        text = self.tr("Create the reporting periods from the current one on: {periods} (due {due}).").format(
            periods="、".join(spec.name for spec in starting), due=starting[0].due.isoformat())
        if skipped:
            text = then_sentence(text, self.tr("{periods} was due on {due}, before today, so it is not created (add "
                                               "it in Settings → Calendar if you still report on it).").format(
                periods="、".join(spec.name for spec in skipped), due=skipped[-1].due.isoformat()))
        return text

    def accept(self) -> None:  # Finish: set everything up first, close when it has worked
        if self._finished:
            super().accept()
            return
        answers, year, today = self.answers(), self.today.year, self.today
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.finish_page.error_label.clear()
        # the façade's first-run sequence skips each step already done, so Finish can be pressed again after an error
        run_with_progress(self.jobs, self, self.tr("Setting up hpdesk…"), self.language,
                          lambda progress, cancel: self.services.set_up_first_run(answers, year, progress, cancel,
                                                                                  today=today),
                          self._on_set_up, self._on_failed)

    def reject(self) -> None:  # 取消, Esc and the window's × come here; the app quits with the wizard
        """Leave without setting anything up — once the clerk has typed something, only after asking: Esc is easily
        hit, and it took the office, the passphrase and the chosen table with it unasked."""
        office, identity = self.office_page, self.identity_page
        typed = any(edit.text().strip() for edit in (office.region_edit, office.office_edit, office.short_name_edit,
                                                      office.doc_prefix_edit, identity.passphrase_edit))
        if not self._finished and (typed or self.table_page.preview is not None) and not self.prompts.confirm(
                self.tr("Leave the set-up"), self.tr("Nothing has been set up yet: what you entered is not kept and "
                                                     "hpdesk closes. Leave the set-up?")):
            return
        super().reject()

    def open_join_shared(self) -> None:
        """Join (or create, with this page's office) a shared office database instead; the wizard closes when the
        shared workspace is open, as after Finish."""
        page = self.office_page
        office = (page.region_edit.text().strip(), page.office_edit.text().strip(), page.level_combo.currentData())
        self.join_dialog = JoinSharedDialog(self.services, self.jobs, self.prompts, office, self.language, self)
        self.join_dialog.joined.connect(self._on_set_up)
        self.join_dialog.open()

    def _on_set_up(self, _result: object = None) -> None:
        self._finished = True
        self.completed.emit()
        super().accept()

    def _on_failed(self, error: BaseException) -> None:
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self.finish_page.error_label.setText(error_text(error, self.language))
