"""The Excel for the city: its own table (header rows, columns, row order) with the county's answer columns added,
an indicator sheet with values and verdicts, a summary sheet; text that looks like a formula stays text.
Checked by reading the workbook back."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

import pytest
from conftest import DOC_NUMBER
from export_fixture import EXPORT_TIME, FORMULA_NARRATIVE, MINUS_NEXT_STEP, PERIOD, PHONE_PROBLEM, ExportFixture
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from hpdesk.services.exporting.content_builder import build_packet_content
from hpdesk.services.exporting.excel_export import ADDED_TASK_COLUMNS, write_submission_workbook
from hpdesk.services.exporting.packet_content import CityRow, PacketContent
from pg_fixtures import BOTH_BACK_ENDS

pytestmark = BOTH_BACK_ENDS

TASK_HEADER = ["专项行动", "序号", "任务", "责任单位"]


@pytest.fixture
def content(export_data: ExportFixture) -> PacketContent:
    return build_packet_content(export_data.workspace, PERIOD, doc_number=DOC_NUMBER, now=EXPORT_TIME)


def grid(sheet: Worksheet) -> list[list[str]]:
    """The sheet's values with merged areas filled from their anchor cell (as a person reads the table)."""
    rows = [["" if value is None else value for value in row] for row in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        anchor = sheet.cell(merged.min_row, merged.min_col).value
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                rows[r - 1][c - 1] = "" if anchor is None else anchor
    return rows


def written(content: PacketContent, tmp_path: Path):  # type: ignore[no-untyped-def]
    return load_workbook(write_submission_workbook(content, tmp_path / "out" / "报送表.xlsx"))


def test_the_task_sheet_is_the_citys_table_in_its_row_order_with_the_answer_columns(content: PacketContent,
                                                                                     tmp_path: Path) -> None:
    workbook = written(content, tmp_path)
    assert workbook.sheetnames == ["重点任务", "主要指标", "报送汇总"]
    rows = grid(workbook["重点任务"])
    assert rows[0] == TASK_HEADER + list(ADDED_TASK_COLUMNS)
    assert list(ADDED_TASK_COLUMNS) == ["完成情况", "工作开展情况", "存在问题", "下一步计划", "佐证材料清单", "责任单位"]
    city_rows = next(table for table in content.city_tables if table.kind == "tasks").rows
    assert [row[:4] for row in rows[1:]] == [list(row.cells) for row in city_rows]  # verbatim, same order
    assert [row[1] for row in rows[1:]] == ["1", "2", "4"]  # serials stay text


def test_county_rows_get_the_answer_and_city_rows_stay_empty(content: PacketContent, tmp_path: Path) -> None:
    rows = grid(written(content, tmp_path)["重点任务"])
    lectures, media, canteens = (dict(zip(ADDED_TASK_COLUMNS, row[4:])) for row in rows[1:])
    assert lectures["完成情况"] == "推进中"
    assert "【区卫健委（牵头）】开展健康科普讲座12场" in lectures["工作开展情况"]
    assert "【北下街街道（配合）】辖区讲座4场。" in lectures["工作开展情况"]
    assert "覆盖人数 3420人" in lectures["工作开展情况"]
    assert lectures["存在问题"] == "【区卫健委（牵头）】部分社区场地不足。"
    assert lectures["下一步计划"] == "【区卫健委（牵头）】下半年增加流动讲座。"
    evidence = lectures["佐证材料清单"].splitlines()
    assert [line.split()[0] for line in evidence] == ["E001", "E002"]
    assert "关于开展健康科普讲座的通知（管卫健〔2025〕3号）" in evidence[1]
    assert evidence[0].endswith("：E001-1-讲座现场.jpg、E001-2-宣传栏.png")  # as named in the package
    assert evidence[1].endswith("：E002-1-讲座通知.pdf、E002-2-工作方案.docx")
    assert lectures["责任单位"] == "区卫健委（牵头）、北下街街道（配合）"
    assert all(value == "" for value in media.values())  # A01-T002 is the city's own task
    assert canteens["完成情况"] == "推进中" and "草稿" not in "".join(canteens.values())


def test_the_indicator_sheet_keeps_both_header_rows_and_adds_value_and_verdict(content: PacketContent,
                                                                              tmp_path: Path) -> None:
    sheet = written(content, tmp_path)["主要指标"]
    rows = grid(sheet)
    assert rows[0][:7] == ["领域", "序号", "指标", "2018年", "2022年", "2030年", "指标性质"]
    assert rows[1][:7] == ["领域", "序号", "指标", "基期水平", "目标值", "目标值", "指标性质"]
    assert rows[0][7:] == ["2025年数值", "数据截至", "数据来源", "评估结论", "判断理由"]
    literacy, experts = rows[2:]
    assert literacy[:7] == ["（一）健康知识普及行动", "1", "居民健康素养水平", "14.38", "25", "36", "预期性"]
    assert literacy[7:11] == ["28.5", "2025-05-31", "区卫健委统计", "进度正常"] and "26.99%" in literacy[11]
    assert experts[7] == "已建立" and experts[10] == "需人工判断"
    assert sheet.freeze_panes == "A3"  # data scrolls under both header rows
    merged = {str(block) for block in sheet.merged_cells.ranges}
    assert {"A1:A2", "B1:B2", "C1:C2", "G1:G2", "E2:F2"} <= merged  # the city's merged header cells
    assert {"H1:H2", "L1:L2"} <= merged  # the added headers span both rows


def test_the_summary_sheet_names_the_office_period_fingerprint_and_counts(content: PacketContent,
                                                                          tmp_path: Path) -> None:
    rows = grid(written(content, tmp_path)["报送汇总"])
    facts = {row[0]: row[1] for row in rows if row[0]}
    assert facts["报送单位"] == "管城回族区卫生健康委员会" and facts["文号"] == "管卫健〔2025〕12号"
    assert facts["材料指纹"] == content.fingerprint and facts["报送期"].startswith("2025年上半年")
    assert facts["佐证材料"] == "3项，文件5个" and "进度正常1项" in facts["2025年指标评估"]
    by_unit = {row[0]: row[1:6] for row in rows if row[0] in ("区卫健委", "北下街街道", "区教育局")}
    assert by_unit["北下街街道"] == [2, 2, 1, 0, 0]


def test_the_summary_sheet_gives_the_time_it_was_made_as_a_clerk_writes_it(content: PacketContent,
                                                                           tmp_path: Path) -> None:
    """It showed the raw ISO text 2025-06-14T10:00:00+08:00."""
    facts = {row[0]: row[1] for row in grid(written(content, tmp_path)["报送汇总"]) if row[0]}
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", facts["生成时间"]), facts["生成时间"]


def test_user_text_that_looks_like_a_formula_is_written_as_text(content: PacketContent, tmp_path: Path) -> None:
    nasty = {"narrative": FORMULA_NARRATIVE, "problems": PHONE_PROBLEM, "next_steps": MINUS_NEXT_STEP}
    tasks = tuple(dataclasses.replace(t, **nasty, figures=()) if t.code == "A02-T001" else t for t in content.tasks)
    tables = tuple(dataclasses.replace(table, rows=tuple(
        CityRow(row.code, (*row.cells[:3], "@市教育局")) if row.code == "A02-T001" else row for row in table.rows))
        if table.kind == "tasks" else table for table in content.city_tables)
    path = write_submission_workbook(dataclasses.replace(content, tasks=tasks, city_tables=tables),
                                     tmp_path / "t.xlsx")
    sheet = load_workbook(path)["重点任务"]
    values = {cell.value: cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)}
    for text in (*nasty.values(), "@市教育局"):
        assert text in values, text
        assert values[text].data_type == "s"  # a formula would read back as "f"
    with zipfile.ZipFile(path) as archive:
        sheets = [archive.read(name).decode("utf-8") for name in archive.namelist()
                  if name.startswith("xl/worksheets/sheet")]
    assert not any(re.search(r"<f[ >]", xml) for xml in sheets)  # no formula element anywhere


def test_characters_xml_cannot_hold_are_dropped_and_long_text_is_cut(content: PacketContent, tmp_path: Path) -> None:
    long_text = "讲" * 40000
    tasks = tuple(dataclasses.replace(t, narrative="第一\x07段", problems=long_text) if t.code == "A01-T001" else t
                  for t in content.tasks)
    rows = grid(written(dataclasses.replace(content, tasks=tasks), tmp_path)["重点任务"])
    added = dict(zip(ADDED_TASK_COLUMNS, rows[1][4:]))
    assert added["工作开展情况"].startswith("第一段")
    assert len(added["存在问题"]) <= 32767 and added["存在问题"].endswith("已截断）")


def test_without_an_imported_layout_the_sheets_fall_back_to_plain_tables(content: PacketContent,
                                                                         tmp_path: Path) -> None:
    workbook = written(dataclasses.replace(content, city_tables=()), tmp_path)
    assert workbook.sheetnames == ["任务完成情况", "指标监测情况", "报送汇总"]
    tasks = grid(workbook["任务完成情况"])
    assert [row[0] for row in tasks[1:]] == ["A01-T001", "A02-T001"] and tasks[0][3:] == list(ADDED_TASK_COLUMNS)
    indicators = grid(workbook["指标监测情况"])
    assert [row[0] for row in indicators[1:]] == ["I001", "I002"]


def test_the_workbook_is_written_in_place_without_leftovers(content: PacketContent, tmp_path: Path) -> None:
    target = tmp_path / "out" / "报送表.xlsx"
    write_submission_workbook(content, target)
    write_submission_workbook(content, target)  # overwriting is fine
    assert [path.name for path in target.parent.iterdir()] == ["报送表.xlsx"]
    properties = load_workbook(target).properties
    assert properties.creator == "管城回族区卫生健康委员会" and properties.created.year == 2025


def test_header_blocks_rebuild_merged_header_cells() -> None:
    from hpdesk.services.exporting.excel_export import header_blocks

    assert header_blocks([["指标", "指标", "目标"], ["指标", "指标", "2030年"]]) == [(0, 0, 1, 1)]
    assert header_blocks([["a", "b"], ["c", "d"]]) == []
    assert header_blocks([["", ""], ["", ""]]) == []  # empty cells stay separate


def test_rows_are_tall_enough_for_their_wrapped_answers_where_libreoffice_and_wps_do_not_fit_them(
        content: PacketContent, tmp_path: Path) -> None:
    """LibreOffice and WPS keep a row's stored height when they open a workbook: with none stored, a long
    工作开展情况 printed over the rows below it (seen converting the demo's export with soffice). Each row is as tall
    as its longest wrapped text, at 2 width units per Chinese character."""
    sheet = written(content, tmp_path)["重点任务"]
    widths = {letter: dimension.width for letter, dimension in sheet.column_dimensions.items()}
    answered = 0
    for cells in sheet.iter_rows(min_row=2):
        texts = [(cell.column_letter, cell.value) for cell in cells if isinstance(cell.value, str) and cell.value]
        needed = max((sum(-(-sum(2 if ord(c) > 0x2E7F else 1 for c in part) // (int(widths[letter]) - 1)) or 1
                          for part in text.split("\n")) for letter, text in texts), default=1)
        if needed > 1:
            answered += 1
            height = sheet.row_dimensions[cells[0].row].height
            assert height is not None and height >= 14 * needed, (cells[0].row, needed, height)
    assert answered >= 2
    summary = written(content, tmp_path / "again")["报送汇总"]
    assert summary.row_dimensions[1].height is None  # one-line rows keep the application's own height
