"""The city's words for one task, declared once: what its breakdown table wrote in each text column, how the task is
titled on every screen and in every document (`label`), what identifies it when the city revises its table
(`identity`), and what changes when any of its words change (`content_hash`).

The parsed table row (`ParsedTask`), the stored row (`TaskRecord.text`), the desk's task detail and the export all
hold a `TaskText`; the SQL label and the searched columns are derived from `LABEL_FIELDS` and `SEARCHED_FIELDS`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from hpdesk.domain.plan_table import content_digest, identity_text


@dataclass(frozen=True)
class TaskText:
    """A task's text columns verbatim ("" where the table has no such column or the cell is blank)."""

    basic_content: str = ""  # 基本内容
    task_text: str = ""  # 具体任务
    measures: str = ""  # 推进措施
    work_plan: str = ""  # 工作计划: the evidence the city expects
    reporting_note: str = ""  # 工作推进: the reporting instruction
    lead_text: str = ""  # 牵头 verbatim
    responsible_text: str = ""  # 责任 verbatim (or the bracket cell, or the parenthesis taken from the task text)
    note: str = ""  # 备注

    @classmethod
    def of(cls, source: object) -> TaskText:
        """The text fields of any object that has them as attributes (a stored row, a parsed row, a snapshot)."""
        return cls(*(getattr(source, name) or "" for name in TEXT_FIELDS))

    @property
    def label(self) -> str:
        """The task's title wherever it is listed: the first of 具体任务, 推进措施, 基本内容, 工作计划 that is not blank."""
        return next((text for text in (getattr(self, name) for name in LABEL_FIELDS) if text), "")

    @property
    def identity(self) -> str:
        """The identifying text (spacing and punctuation ignored): its task, measure and plan texts, or its basic
        content when those are blank. Stored and parsed rows with the same identity are the same task."""
        if self.task_text or self.measures or self.work_plan:
            return identity_text("|".join((self.task_text, self.measures, self.work_plan)))
        return identity_text(self.basic_content)

    @property
    def content_hash(self) -> str:
        """Changes with any edit of any of the texts (the stored text is then updated)."""
        return content_digest(self.basic_content, self.task_text, self.measures, self.work_plan, self.reporting_note,
                              self.lead_text, self.responsible_text, self.note)

    def differing(self, other: TaskText) -> tuple[str, ...]:
        """The names of the fields whose text differs from `other`'s, in field order."""
        return tuple(name for name in TEXT_FIELDS if getattr(self, name) != getattr(other, name))


TEXT_FIELDS = tuple(field.name for field in dataclasses.fields(TaskText))
LABEL_FIELDS = ("task_text", "measures", "basic_content", "work_plan")  # the title is the first that is not blank
SEARCHED_FIELDS = ("task_text", "measures", "basic_content", "work_plan", "lead_text", "responsible_text")
