"""The import's fast paths (one getter per row for the text fields, identities worked out only when something is
stored to match against, column-wise JSON binding) store exactly what the code before them stored.

The digest below is of everything these imports leave in the workspace (plans, sources, actions, tasks,
indicators, targets; timestamps and the file hashes of workbooks written here left out) and of every preview
(counts, flags, issues, the diff, the codes), as the code at 2273b4f produced it. A change in any stored value,
flag, issue, code, identity match or content hash changes it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sqlalchemy import text
from test_plan_import import _save  # this folder is on the path: pytest's rootdir-relative imports

from hpdesk.services.demo.demo_task_table import write_task_table
from hpdesk.services.importing.plan_import import analyse_workbook, apply_import
from hpdesk.services.importing.workbook_reader import read_grid
from hpdesk.services.workspace import Workspace

DIGEST_BEFORE = "225b079ba50dd5fe175fc7f985cf93c5cfba11b429ef53cd5080cabd7cc411f4"
# Varying by run: when a row was written, and the hash of a workbook openpyxl wrote with the time in its properties.
_VARYING = {"created_at", "updated_at", "imported_at", "file_sha256", "sha256"}
_TABLES = ("plan", "plan_source", "action", "task", "indicator", "indicator_target", "column_mapping")


def _awkward_rows() -> list[list[Any]]:
    """A table with every kind of row the parser flags or reshapes: two 责任单位 columns, an action goal, a
    fragment, blank departments, a unit list in a text column, prose in a unit column, a duplicate, units in
    parentheses after the task, full-width letters, a repeated header and a notes row."""
    header = ["序号", "专项行动", "具体任务", "推进措施", "牵头单位", "责任单位", "责任单位", "备注"]
    return [
        ["健康泰山行动重点任务分解表", "", "", "", "", "", "", ""],
        header,
        [1, "（一）健康知识普及行动", "行动目标：到2022年健康素养水平不低于22%", "", "", "", "", ""],
        [2, "（一）健康知识普及行动", "建立健康科普专家库。", "每年更新一次", "市卫生健康委", "市教育局",
         "各县市区", ""],
        [2, "（一）健康知识普及行动", "建立健康科普专家库。", "每年更新一次", "市卫生健康委", "市教育局",
         "各县市区", ""],
        [4, "（一）健康知识普及行动", "开展ＡＢＣ健康讲座（市卫生健康委牵头，市教育局配合）", "", "", "", "", ""],
        [5, "（二）合理膳食行动", "市卫生健康委、市教育局", "推广减盐。", "市市场监管局", "", "", "试点"],
        [6, "（二）合理膳食行动", "制定营养指南。", "", "", "由各单位根据实际情况自行安排落实工作", "", ""],
        ["", "", "只剩下这一段文字", "", "", "", "", ""],
        [7, "（二）合理膳食行动", "开展营养宣传周。", "按季度报送", "", "", "", ""],
        header,
        [8, "（三）全民健身行动", "建设健身步道 100 公里，  每年\u3000检查。", "每学期报送", "市体育局",
         "市住房城乡建设局；市自然资源局", "市财政局", "重点"],
        ["注：各县市区参照执行。", "", "", "", "", "", "", ""],
    ]


def _revised_taian(path: Path, target: Path) -> Path:
    rows = [list(row.cells) for row in read_grid(path).rows]
    rows[3][3] += "（修订）"
    rows[5][7] = "市医保局、市财政局、各县市区"
    rows[6], rows[7] = rows[7], rows[6]
    del rows[9]
    rows[20][2] = rows[20][2].replace("。", "，") + " "  # same identity, changed content
    rows.append(["", "", "新增任务：建设健康主题公园", "每区至少一个", "提供建设资料", "", "市住房城乡建设局",
                 "市住房城乡建设局、各县市区"])
    return _save(rows, target, title="任务")


def _preview_json(preview: Any) -> dict[str, Any]:
    data = preview.to_json()
    data.pop("file", None)
    data["match_states"] = [(match.incoming_index, match.code, match.state) for match in preview.matches.matches]
    data["content_hashes"] = [row.content_hash for row in preview.parsed.rows]
    data["flags"] = [list(row.flags) for row in preview.parsed.rows]
    return data


def _stored(workspace: Workspace) -> dict[str, list[dict[str, Any]]]:
    dump = {}
    with workspace.database.read_only() as session:
        for table in _TABLES:
            rows = session.execute(text(f'SELECT * FROM "{table}" ORDER BY id')).mappings().all()
            dump[table] = [{key: value for key, value in row.items() if key not in _VARYING} for row in rows]
    return dump


def imports_digest(workspace: Workspace, samples: Path, scratch: Path) -> str:
    """Import the generated, awkward and sample tables (and a revision of one) and hash what they leave."""
    scratch.mkdir(parents=True, exist_ok=True)
    files = [
        write_task_table(scratch / "generated.xlsx", 300),
        _save(_awkward_rows(), scratch / "awkward.xlsx", merges=("A1:H1",), title="任务"),
        samples / "taian_task_breakdown.xlsx",
        _revised_taian(samples / "taian_task_breakdown.xlsx", scratch / "taian_revised.xlsx"),
        samples / "zhengzhou_tasks.xlsx",
        samples / "zhengzhou_indicators.xlsx",
    ]
    previews = []
    for path in files:
        preview = analyse_workbook(workspace, path)
        report = apply_import(workspace, preview)
        previews.append({"preview": _preview_json(preview), "codes": sorted(report.codes_by_row.items())})
    document = json.dumps({"previews": previews, "stored": _stored(workspace)}, ensure_ascii=False,
                          sort_keys=True, default=str)
    return hashlib.sha256(document.encode("utf-8")).hexdigest()


def test_imports_store_the_same_rows_flags_issues_codes_and_hashes_as_before(
    workspace: Workspace, samples_dir: Path, tmp_path: Path
) -> None:
    assert imports_digest(workspace, samples_dir, tmp_path / "tables") == DIGEST_BEFORE
