"""Settings → Units: the county's responsible units, the other names they go by, and the city departments each one
mirrors (which is how hpdesk suggests who carries a task). Units are created from the plan or by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QDialog, QFormLayout, QHeaderView, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from hpdesk.services.units import UnitSummary
from hpdesk.ui.theme import hbox, item_combo, muted_label, push_button, row_table
from hpdesk.ui.dialogs.assign_dialog import sorted_units
from hpdesk.ui.i18n import UNIT_TYPE_LABELS, error_text, label
from hpdesk.ui.models.unit_table_model import UnitTableModel
from hpdesk.ui.widgets.dialog_footer import add_ok_cancel

if TYPE_CHECKING:
    from hpdesk.ui.app_services import AppServices
    from hpdesk.ui.prompts import Prompts
    from hpdesk.ui.jobs import JobRunner


def _lines(text: str) -> list[str]:
    """One name per line (、，, also separate), blanks dropped, order kept, duplicates removed."""
    for separator in ("、", "，", ","):
        text = text.replace(separator, "\n")
    return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))


class UnitEditDialog(QDialog):
    """Edits a unit (or a new one when `unit` is None)."""

    def __init__(self, unit: UnitSummary | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New unit") if unit is None else self.tr("Edit {unit}").format(unit=unit.name))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name_edit = QLineEdit(unit.name if unit else "", placeholderText=self.tr("e.g. 区教育局"))
        form.addRow(self.tr("Name"), self.name_edit)
        self.type_combo = item_combo([(label(UNIT_TYPE_LABELS, code), code) for code in UNIT_TYPE_LABELS],
                                     unit.unit_type if unit else "department")
        form.addRow(self.tr("Type"), self.type_combo)
        self.aliases_edit = QPlainTextEdit("\n".join(unit.aliases) if unit else "")
        self.aliases_edit.setPlaceholderText(self.tr("Other ways it is written, one per line (e.g. 区教体局)"))
        self.aliases_edit.setFixedHeight(80)
        form.addRow(self.tr("Also written as"), self.aliases_edit)
        self.counterparts_edit = QPlainTextEdit("\n".join(unit.counterparts) if unit else "", placeholderText=self.tr(
            "City departments it mirrors, one per line (e.g. 市教育局)"))
        self.counterparts_edit.setFixedHeight(80)
        for edit in (self.aliases_edit, self.counterparts_edit):  # Tab moves on, as in every other field
            edit.setTabChangesFocus(True)
        form.addRow(self.tr("Mirrors"), self.counterparts_edit)
        layout.addLayout(form)
        add_ok_cancel(self, layout, self._on_ok_clicked)

    def values(self) -> tuple[str, str, list[str], list[str]]:
        return (self.name_edit.text().strip(), self.type_combo.currentData(), _lines(self.aliases_edit.toPlainText()),
                _lines(self.counterparts_edit.toPlainText()))

    def _on_ok_clicked(self) -> None:
        if self.name_edit.text().strip():
            self.accept()
        else:
            self.name_edit.setFocus()


class UnitsPage(QWidget):
    def __init__(self, services: AppServices, jobs: JobRunner, prompts: Prompts, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.jobs, self.prompts, self.language = services, jobs, prompts, language
        self.edit_dialog: UnitEditDialog | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(muted_label(self.tr("The county's units. hpdesk suggests which unit carries a task from the "
                                             "city departments each unit mirrors; double-click a unit to edit it.")))
        self.unit_model = UnitTableModel()
        self.unit_table = row_table(self.unit_model)
        header = self.unit_table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.unit_table.doubleClicked.connect(self._on_unit_table_double_clicked)
        layout.addWidget(self.unit_table, 1)
        self.add_button = push_button(self.tr("New unit…"), lambda: self.edit_unit(None))
        self.edit_button = push_button(self.tr("Edit…"), self._on_edit_button_clicked)
        self.merge_button = push_button(self.tr("Merge into…"), self._on_merge_button_clicked,
                                        tip=self.tr("The selected unit is the same body as another one: move its "
                                                    "tasks, reports and evidence to the other unit and keep its name "
                                                    "as an alias"))
        self.seed_button = push_button(self.tr("Create units from the plan"), self._on_seed_button_clicked,
                                       tip=self.tr("Add the county counterpart of every city department the plan names "
                                                   "on county tasks, and suggest who carries each unassigned task"))
        layout.addLayout(hbox(self.add_button, self.edit_button, self.merge_button, None, self.seed_button))

    def load(self, select: str | None = None) -> None:
        """Reload the list; `select` (a unit's name) is selected and scrolled to — a new unit is never added out of
        sight at the bottom of a long list."""
        def show(units) -> None:
            self.unit_model.set_rows(units)
            row = next((number for number, unit in enumerate(units) if unit.name == select), None)
            if row is not None:
                self.unit_table.selectRow(row)
                self.unit_table.scrollTo(self.unit_model.index(row, 0))

        self.jobs.run(self.services.units, show)

    def selected_unit(self) -> UnitSummary | None:
        rows = self.unit_table.selectionModel().selectedRows()
        return self.unit_model.row_at(rows[0].row()) if rows else None

    def _on_unit_table_double_clicked(self, index: QModelIndex) -> None:
        self.edit_unit(self.unit_model.row_at(index.row()))

    def _on_edit_button_clicked(self) -> None:
        unit = self.selected_unit()
        if unit is None:  # as 合并到… does: the button did nothing, not a word
            self.prompts.inform(self.tr("Edit unit"), self.tr("Select the unit to change first."))
            return
        self.edit_unit(unit)

    def edit_unit(self, unit: UnitSummary | None) -> None:
        dialog = UnitEditDialog(unit, self)
        dialog.accepted.connect(lambda: self.save_unit(unit, *dialog.values()))
        self.edit_dialog = dialog
        dialog.open()

    def save_unit(self, unit: UnitSummary | None, name: str, unit_type: str, aliases: list[str],
                  counterparts: list[str]) -> None:
        if unit is None:
            work = lambda: self.services.add_unit(name, unit_type, aliases, counterparts)  # noqa: E731
        else:
            work = lambda: self.services.update_unit(  # noqa: E731
                unit.name, new_name=name if name != unit.name else None,
                unit_type=unit_type if unit_type != unit.unit_type else None,
                add_aliases=[a for a in aliases if a not in unit.aliases],
                remove_aliases=[a for a in unit.aliases if a not in aliases],
                add_counterparts=[c for c in counterparts if c not in unit.counterparts],
                remove_counterparts=[c for c in unit.counterparts if c not in counterparts])
        self.jobs.run(work, lambda saved: self.load(select=saved.name),
                      lambda error: self.prompts.warn(self.tr("Units"), error_text(error, self.language)))

    def _on_seed_button_clicked(self) -> None:
        def seed():
            return self.services.seed_units_from_plan(), self.services.suggest_assignments(apply=True)

        def done(result) -> None:
            units, suggestions = result
            self.load()
            self.prompts.inform(self.tr("Units"), self.tr(
                "{units} units created; {tasks} tasks got a suggested assignment (confirm it on the task)."
            ).format(units=len(units), tasks=len(suggestions)))

        self.jobs.run(seed, done, lambda error: self.prompts.warn(self.tr("Units"), error_text(error, self.language)))

    # --- merging two units ------------------------------------------------------------------------------------------

    def _on_merge_button_clicked(self) -> None:
        """Pick the unit to keep, show what will move (and settle clashing reports), confirm, merge."""
        merged = self.selected_unit()
        if merged is None:
            self.prompts.inform(self.tr("Merge units"), self.tr("Select the unit to merge into another one first."))
            return
        others = sorted_units([self.unit_model.row_at(row) for row in range(self.unit_model.rowCount())
                               if self.unit_model.row_at(row).id != merged.id])
        if not others:
            return
        choice = self.prompts.ask_choice(
            self.tr("Merge units"),
            self.tr("Merge {merged} into which unit? {merged} is removed; its name becomes an alias of the unit "
                    "you keep.").format(merged=merged.name),
            [unit.name for unit in others])
        if choice is None:
            return
        kept = others[choice]
        self.jobs.run(lambda: self.services.preview_unit_merge(merged.name, kept.name),
                      lambda plan: self._confirm_merge(plan),
                      lambda error: self.prompts.warn(self.tr("Merge units"), error_text(error, self.language)))

    def _confirm_merge(self, plan) -> None:
        title = self.tr("Merge units")
        closed = [clash for clash in plan.clashes if not clash.period_open]
        if closed:
            self.prompts.warn(title, self.tr(
                "{merged} and {kept} both reported on the same task in a period already handed in: {clashes}. "
                "Merging would rewrite what was sent to the city, so they cannot be merged."
            ).format(merged=plan.merged, kept=plan.kept, clashes=_clash_text(closed)))
            return
        keep: str | None = None
        if plan.clashes:
            answer = self.prompts.ask_choice(title, self.tr(
                "{merged} and {kept} both reported on: {clashes}.\nOne report per task and period stays; the other, "
                "with its evidence, is deleted (the audit log keeps its text).\nWhose reports stay?"
            ).format(merged=plan.merged, kept=plan.kept, clashes=_clash_text(plan.clashes)),
                [self.tr("The reports of {unit}").format(unit=plan.kept),
                 self.tr("The reports of {unit}").format(unit=plan.merged)])
            if answer is None:
                return
            keep = ("kept", "merged")[answer]
            self.jobs.run(lambda: self.services.preview_unit_merge(plan.merged, plan.kept, keep),
                          lambda counted: self._ask_and_merge(counted, keep),
                          lambda error: self.prompts.warn(title, error_text(error, self.language)))
            return
        self._ask_and_merge(plan, None)

    def _ask_and_merge(self, plan, keep: str | None) -> None:
        """The summary (counted with the clerk's choice of whose clashing reports stay), then the merge."""
        title = self.tr("Merge units")
        summary = self.tr(
            "Merge {merged} into {kept}?\n\n{tasks} tasks, {reports} reports and {evidence} evidence items move "
            "to {kept}; {merged} is removed and its names become aliases of {kept}. The merge is recorded in the "
            "audit log and cannot be undone."
        ).format(merged=plan.merged, kept=plan.kept, tasks=plan.tasks_moved + plan.tasks_shared,
                 reports=plan.reports_moved, evidence=plan.evidence_moved)
        if not self.prompts.confirm(title, summary):
            return

        def done(result) -> None:
            self.load(select=result.kept)
            self.prompts.inform(title, self.tr("{merged} was merged into {kept}.").format(
                merged=result.merged, kept=result.kept))

        self.jobs.run(lambda: self.services.merge_units(plan.merged, plan.kept, keep), done,
                      lambda error: self.prompts.warn(title, error_text(error, self.language)))


def _clash_text(clashes) -> str:
    return "、".join(f"{clash.task_code}（{clash.period_name}）" for clash in clashes)
