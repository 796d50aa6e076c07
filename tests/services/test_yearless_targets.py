"""A city indicator table whose targets sit in a column without a year (headed 其他): the column is read as the
targets, kept for any year (不限年份) unless the clerk picks a year, judged, and shown with every other year."""

from __future__ import annotations

from pathlib import Path

from unseen_layout import yearless_indicator_table
from pg_fixtures import BOTH_BACK_ENDS

from hpdesk.domain.target_judging import Verdict
from hpdesk.services.importing.plan_import import analyse_workbook, apply_import
from hpdesk.services.desk import Desk
from hpdesk.services.indicator_evaluation import evaluate_all
from hpdesk.services.indicator_grid import grid_years, indicator_grid
from hpdesk.services.workspace import Workspace

pytestmark = BOTH_BACK_ENDS  # every test here runs on SQLite and on PostgreSQL (issue 17)


def test_targets_under_a_column_without_a_year_are_kept_for_any_year(workspace: Workspace, tmp_path: Path) -> None:
    preview = analyse_workbook(workspace, yearless_indicator_table(tmp_path))
    assert preview.kind == "indicators" and [c.field for c in preview.columns][-1] == "target"
    notes = [issue for issue in preview.issues if issue.code == "target_year_unknown"]
    assert len(notes) == 1 and notes[0].severity == "info"  # said once, not on every row
    apply_import(workspace, preview)
    literacy = next(row for row in indicator_grid(workspace) if row.name.startswith("居民健康素养"))
    assert literacy.targets == ((0, "≥30"),)
    assert 0 not in grid_years(indicator_grid(workspace), 2026)  # no "0年" column
    judged = Desk(workspace).set_indicator_value(literacy.code, 2025, "31")
    assert judged.verdict == Verdict.MET and judged.target_text == "≥30"
    assert {e.verdict for e in evaluate_all(workspace, 2026)} <= {Verdict.NO_VALUE}


def test_the_clerk_gives_the_yearless_column_a_year(workspace: Workspace, tmp_path: Path) -> None:
    path = yearless_indicator_table(tmp_path)
    fields = [column.field for column in analyse_workbook(workspace, path).columns]
    mapping = [*fields[:-1], "target:2025"]
    preview = analyse_workbook(workspace, path, mapping=mapping)
    assert not [issue for issue in preview.issues if issue.code == "target_year_unknown"]
    apply_import(workspace, preview)
    assert {row.targets for row in indicator_grid(workspace)} >= {((2025, "≥30"),)}


def test_targets_of_every_year_get_a_column_even_before_the_first_value() -> None:
    from hpdesk.services.indicator_grid import IndicatorGridRow

    rows = [IndicatorGridRow(1, "I001", "x", "%", "", "", "", ((2022, "≥20"), (2030, "≥30")), ((2025, "25"),))]
    assert grid_years(rows, 2026) == [2022, 2025, 2026, 2030]
