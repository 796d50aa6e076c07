"""Synthetic task workbooks in the Zhengzhou layout, of any length, for the large demo and the import benchmark.

The layout is the bundled `zhengzhou_tasks.xlsx`'s: a title row, one header row (专项行动 | 序号 | 任务 | 责任单位), the
action cell merged down over its tasks, one bracket-style responsibility cell per task. Rows are the sample's own
tasks first; past those, each sample task is reused with a year and a pilot street appended, so every row's text is
distinct (an importer that fingerprints rows sees no duplicates) and every such row falls to the counties.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from hpdesk import paths
from hpdesk.services.demo.demo_content import STREET_UNITS

SAMPLE_TASKS = "zhengzhou_tasks.xlsx"
COUNTY_DUTY = "各区县（市）按职责分工负责"


def samples_dir() -> Path:
    """The bundled sample workbooks (copies of the public documents the project was built against)."""
    return paths.resources_dir() / "samples"


@dataclass(frozen=True)
class SampleTask:
    action: str  # （1）健康促进行动
    text: str
    responsibility: str


def read_sample_tasks() -> list[SampleTask]:
    """The task rows of the Zhengzhou sample (action filled down), read with calamine. Reads the file."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(samples_dir() / SAMPLE_TASKS))
    rows = workbook.get_sheet_by_name(workbook.sheet_names[0]).to_python()
    tasks: list[SampleTask] = []
    action = ""
    for row in rows[2:]:  # title row, header row
        cells = [str(cell).strip() for cell in row] + [""] * 4
        action = cells[0] or action
        if cells[2]:
            tasks.append(SampleTask(action, cells[2], cells[3]))
    return tasks


def _with_county_duty(responsibility: str) -> str:
    if "各区县" in responsibility:
        return responsibility
    return f"{responsibility.rstrip('。')}，{COUNTY_DUTY}"


def synthetic_tasks(count: int, *, county_wide: bool = False) -> list[SampleTask]:
    """`count` tasks: the sample's as they are, then distinct variants of them (see the module docstring).
    `county_wide=True` makes every task name the counties (as a county's own breakdown of the plan would)."""
    pool = read_sample_tasks()
    tasks = [SampleTask(t.action, t.text, _with_county_duty(t.responsibility)) if county_wide else t
             for t in pool[:count]]
    for index in range(len(tasks), count):
        base = pool[index % len(pool)]
        cycle = index // len(pool)
        year = 2021 + cycle % 10
        street = STREET_UNITS[(cycle // 10) % len(STREET_UNITS)]
        round_number = cycle // (10 * len(STREET_UNITS))
        batch = f"（第{round_number + 1}轮）" if round_number else ""
        tasks.append(SampleTask(base.action, f"{base.text.rstrip('。')}，{year}年底前在{street}等地率先完成试点{batch}。",
                                _with_county_duty(base.responsibility)))
    # Keep each action's tasks together, in the sample's action order, as a city table lists them.
    order = {action: position for position, action in enumerate(dict.fromkeys(task.action for task in pool))}
    return sorted(tasks, key=lambda task: order.get(task.action, len(order)))


def write_task_table(path: Path, rows: int, *, county_wide: bool = False) -> Path:
    """Write a workbook with `rows` task rows to `path` (written to a temp name, then moved into place)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.worksheet import Worksheet

    tasks = synthetic_tasks(rows, county_wide=county_wide)
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = "重点任务"
    sheet.append(["健康郑州行动（2020-2030年）重点任务及责任分工", "", "", ""])
    sheet.merge_cells("A1:D1")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["专项行动", "序号", "任务", "责任单位"])
    first_row = 3
    serial = 0
    for index, task in enumerate(tasks):
        row_number = first_row + index
        starts_action = index == 0 or tasks[index - 1].action != task.action
        serial = 1 if starts_action else serial + 1
        sheet.append([task.action if starts_action else None, f"({serial})", task.text, task.responsibility])
        last_of_action = index == len(tasks) - 1 or tasks[index + 1].action != task.action
        if last_of_action:
            start = row_number - serial + 1
            if row_number > start:
                sheet.merge_cells(start_row=start, start_column=1, end_row=row_number, end_column=1)
            sheet.cell(start, 1).alignment = Alignment(vertical="center", wrap_text=True)
    for column, width in zip("ABCD", (16, 6, 80, 50)):
        sheet.column_dimensions[column].width = width
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    workbook.save(partial)
    os.replace(partial, path)
    return path
