"""A city's tables in a layout the importer was not written for, built in code (issue 18's walk of the clerk's day).

Task table: no 牵头/责任 columns — the departments sit in brackets after each task ("（市卫健委牵头，市教育局、各区县
（市）按职责分工负责）"), actions are heading rows numbered （一）…, the title names the plan and its span.
Indicator table: the targets sit under 其他 with no year, the areas are numbered （一）…, the title names no span.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

TASK_ROWS = [
    ("（一）健康知识普及行动",),
    ("1", "建立健全健康教育体系，开展健康知识进社区、进学校活动。（市卫健委牵头，市教育局、团市委、各区县（市）按职责分工负责）"),
    ("2", "办好健康类节目和栏目，每年开展健康科普讲座不少于12场。（市委宣传部牵头，市卫健委、市文化广电和旅游局，各区县（市）负责）"),
    ("（二）合理膳食行动",),
    ("3", "推进食品营养标准体系建设，开展营养健康食堂创建。（市市场监管局牵头，市工业信息化局、市农村农业局，各区县（市）负责）"),
    ("4", "制定全市营养产业发展规划。（市发展改革委牵头，市财政局负责）"),
    ("（三）全民健身行动",),
    ("5", "建设城市社区15分钟健身圈，推进公共体育场馆免费或低收费开放。（市体育局牵头，市直各有关部门、各区县（市）负责）"),
]

INDICATOR_ROWS = [
    ("1", "（一）健康知识普及行动", "居民健康素养水平（%）", "20.5", "≥30"),
    ("2", "（一）健康知识普及行动", "建立健康科普专家库", "—", "实现"),
    ("3", "（二）合理膳食行动", "成人肥胖增长率（%）", "5", "持续减缓"),
    ("4", "（三）全民健身行动", "城乡居民达到《国民体质测定标准》合格以上的人数比例（%）", "88.6", "≥92.2"),
]


def unseen_task_table(folder: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "重点任务"
    sheet.append(["某市健康城市建设行动（2026—2030年）重点任务清单"])
    sheet.append(["序号", "工作任务"])
    for row in TASK_ROWS:
        sheet.append(list(row))
    path = folder / "某市重点任务清单.xlsx"
    book.save(path)
    return path


def yearless_indicator_table(folder: Path) -> Path:
    """Actions numbered (一)…, indicator names with their unit, targets under 其他, no plan span in the title."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某市健康城市建设主要指标"])
    sheet.append(["序号", "领域", "指标名称", "基期水平", "其他"])
    for row in INDICATOR_ROWS:
        sheet.append(list(row))
    path = folder / "某市指标表.xlsx"
    book.save(path)
    return path
