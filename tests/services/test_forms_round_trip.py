"""Fill-in forms round trips: export → the unit fills the workbook (openpyxl) → import with a diff and validation."""

from __future__ import annotations

from pathlib import Path

import pytest
from forms_world import GOOD_ANSWER, STREET, build_county, column, export_street, fill
from openpyxl.packaging.custom import CustomPropertyList
from plan_builder import audit_events
from pg_fixtures import BOTH_BACK_ENDS

from hpdesk.domain.errors import UserError
from hpdesk.domain.fill_in_forms import FORM_SHEET, META_SHEET
from hpdesk.domain.reporting import Figure
from hpdesk.services.evidence import list_evidence, prune_unreferenced_blobs
from hpdesk.services.forms import analyse_files, apply_files
from hpdesk.services.forms.export import export_forms, units_owing
from hpdesk.services.periods import set_period_state
from hpdesk.services.reports import ReportChanges, get_report, set_report
from hpdesk.services.review import review_report
from hpdesk.services.workspace import Workspace, init_workspace
from hpdesk.storage.form_store import returns_of, find_form

pytestmark = BOTH_BACK_ENDS  # every test here runs on SQLite and on PostgreSQL (issue 17)


@pytest.fixture
def county(workspace: Workspace) -> Workspace:
    build_county(workspace)
    return workspace


def _import(workspace: Workspace, *paths: Path, **options):  # type: ignore[no-untyped-def]
    analysis = analyse_files(workspace, list(paths), **options)
    return analysis, apply_files(workspace, analysis)


def test_a_filled_form_becomes_submitted_reports_filled_by_the_units_person(county: Workspace, tmp_path: Path) -> None:
    form = export_street(county, tmp_path / "out")
    returned = fill(form.path, tmp_path / "back" / form.path.name, {"A01-T001": GOOD_ANSWER})
    analysis, (result,) = _import(county, returned)
    row = next(r for r in analysis.previews[0].rows if r.task_code == "A01-T001")
    assert row.state == "new" and {c.label for c in row.changes} >= {"完成情况", "工作开展情况", "主要数据", "填报人"}
    assert result.applied == ("A01-T001",) and result.new_reports == 1
    report = get_report(county, "A01-T001", STREET, "2025H1")
    assert report is not None
    assert (report.status, report.narrative, report.review_state, report.filled_by) == (
        "done", "开展健康讲座3场", "submitted", "李四")
    assert report.figures == (Figure("培训人数", 120, "人"), Figure("发放资料", 3000, "份"))
    assert get_report(county, "A01-T002", STREET, "2025H1") is None  # the row left blank is not a report


def test_every_report_changed_by_an_import_records_the_form_id_and_file_hash(county: Workspace, tmp_path: Path) -> None:
    form = export_street(county, tmp_path / "out")
    returned = fill(form.path, tmp_path / "back.xlsx", {"A01-T001": GOOD_ANSWER})
    analysis, _results = _import(county, returned)
    event = [e for e in audit_events(county, "report") if e.action == "import"][-1]
    assert event.after["form_id"] == form.form_id and event.after["file_sha256"] == analysis.previews[0].sha256


def test_rows_the_unit_re_sorted_are_matched_by_their_key_not_their_position(county: Workspace,
                                                                             tmp_path: Path) -> None:
    form = export_street(county, tmp_path / "out")

    def swap_rows(workbook) -> None:  # type: ignore[no-untyped-def]
        sheet = workbook[FORM_SHEET]
        for col in range(1, sheet.max_column + 1):
            first, second = sheet.cell(5, col), sheet.cell(6, col)
            first.value, second.value = second.value, first.value

    returned = fill(form.path, tmp_path / "back.xlsx", {"A01-T002": {"status": "推进中", "narrative": "课程已开设"}},
                    edit=swap_rows)
    analysis, _results = _import(county, returned)
    assert [(r.sheet_row, r.task_code) for r in analysis.previews[0].rows] == [(5, "A01-T002"), (6, "A01-T001")]
    report = get_report(county, "A01-T002", STREET, "2025H1")
    assert report is not None and report.narrative == "课程已开设"
    assert get_report(county, "A01-T001", STREET, "2025H1") is None


def test_a_renamed_file_is_still_recognised_by_what_it_carries(county: Workspace, tmp_path: Path) -> None:
    form = export_street(county, tmp_path / "out")
    returned = fill(form.path, tmp_path / "我们的材料（最终版）.xlsx", {"A01-T001": GOOD_ANSWER})
    analysis, _results = _import(county, returned)
    assert (analysis.previews[0].form_id, analysis.previews[0].unit) == (form.form_id, STREET)


def test_without_any_hidden_carrier_the_visible_form_code_matches_with_a_warning(county: Workspace,
                                                                                tmp_path: Path) -> None:
    form = export_street(county, tmp_path / "out")

    def strip_identity(workbook) -> None:  # type: ignore[no-untyped-def]
        del workbook[META_SHEET]
        workbook.custom_doc_props = CustomPropertyList()
        for name in [n for n in workbook.defined_names if n.startswith("hpdesk_")]:
            del workbook.defined_names[name]
        workbook[FORM_SHEET].delete_cols(column("row_key"))  # the keys are gone too: task codes must do

    returned = fill(form.path, tmp_path / "back.xlsx", {"A01-T001": GOOD_ANSWER}, edit=strip_identity)
    analysis, (result,) = _import(county, returned)
    preview = analysis.previews[0]
    assert preview.form_id == form.form_id and preview.warnings[0].code == "form_warn_visible_code"
    assert form.form_code in preview.warnings[0].text("zh") and "表单编号" in preview.warnings[0].text("zh")
    assert result.applied == ("A01-T001",)


def test_carriers_naming_different_forms_refuse_the_file(county: Workspace, tmp_path: Path) -> None:
    form = export_street(county, tmp_path / "out")
    other = export_street(county, tmp_path / "out2")

    def paste_other_identity(workbook) -> None:  # type: ignore[no-untyped-def]
        workbook[META_SHEET]["B1"] = other.form_id

    returned = fill(form.path, tmp_path / "back.xlsx", {"A01-T001": GOOD_ANSWER}, edit=paste_other_identity)
    with pytest.raises(UserError) as caught:
        analyse_files(county, [returned])
    assert caught.value.code == "form_carriers_disagree" and "back.xlsx" in caught.value.message("zh")


def test_a_locked_cell_the_unit_edited_is_shown_and_applied_only_with_consent(county: Workspace,
                                                                              tmp_path: Path) -> None:
    form = export_street(county, tmp_path / "out")
    answer = {**GOOD_ANSWER, "task_text": "我们改写了任务内容"}
    returned = fill(form.path, tmp_path / "back.xlsx", {"A01-T001": answer})
    analysis = analyse_files(county, [returned])
    row = next(r for r in analysis.previews[0].rows if r.task_code == "A01-T001")
    assert row.needs_consent and row.locked_changes[0].after == "我们改写了任务内容"
    assert row.locked_changes[0].before == "开展健康知识进机关、进学校、进社区活动"
    (result,) = apply_files(county, analysis)
    assert result.applied == () and get_report(county, "A01-T001", STREET, "2025H1") is None
    analysis = analyse_files(county, [returned])
    (result,) = apply_files(county, analysis, accepted={analysis.previews[0].path: {row.row_key}})
    assert result.applied == ("A01-T001",)


def test_a_status_pasted_outside_the_list_blocks_the_row_and_names_the_cell(county: Workspace,
                                                                           tmp_path: Path) -> None:
    form = export_street(county, tmp_path / "out")
    returned = fill(form.path, tmp_path / "back.xlsx", {"A01-T001": {**GOOD_ANSWER, "status": "基本完成"},
                                                        "A01-T002": {"figures": "培训人数很多"}})
    analysis, (result,) = _import(county, returned)
    rows = {r.task_code: r for r in analysis.previews[0].rows}
    assert rows["A01-T001"].state == "blocked" and "基本完成" in rows["A01-T001"].problems[0].text("zh")
    assert "H5" in rows["A01-T001"].problems[0].text("zh")
    assert rows["A01-T002"].state == "blocked" and "J6" in rows["A01-T002"].problems[0].text("en")
    assert result.applied == ()


def test_a_second_corrected_file_supersedes_the_first_and_the_history_stays(county: Workspace,
                                                                           tmp_path: Path) -> None:
    form = export_street(county, tmp_path / "out")
    first = fill(form.path, tmp_path / "first" / "back.xlsx", {"A01-T001": GOOD_ANSWER})
    _import(county, first)
    second = fill(form.path, tmp_path / "second" / "back-改.xlsx",
                  {"A01-T001": {**GOOD_ANSWER, "narrative": "开展健康讲座4场"}})
    analysis, (result,) = _import(county, second)
    assert analysis.previews[0].supersedes == "back.xlsx"
    row = analysis.previews[0].rows[0]
    assert row.state == "changed" and [(c.before, c.after) for c in row.changes] == [("开展健康讲座3场", "开展健康讲座4场")]
    with county.database.read_only() as session:
        history = returns_of(session, find_form(session, form.form_id))  # type: ignore[arg-type]
        assert [(r.file_name, r.superseded_by_id) for r in history] == [("back.xlsx", history[1].id),
                                                                       ("back-改.xlsx", None)]
    assert prune_unreferenced_blobs(county).attachments_removed == 0  # the units' originals are kept


def test_importing_the_same_file_twice_changes_nothing(county: Workspace, tmp_path: Path) -> None:
    form = export_street(county, tmp_path / "out")
    returned = fill(form.path, tmp_path / "back.xlsx", {"A01-T001": GOOD_ANSWER})
    _import(county, returned)
    events = len(audit_events(county))
    analysis, (result,) = _import(county, returned)
    assert analysis.previews[0].already_imported and result.already_imported and result.applied == ()
    assert len(audit_events(county)) == events


def test_a_form_of_another_period_is_refused_when_a_period_is_named(county: Workspace, tmp_path: Path) -> None:
    form = export_street(county, tmp_path / "out")
    returned = fill(form.path, tmp_path / "back.xlsx", {"A01-T001": GOOD_ANSWER})
    with pytest.raises(UserError) as caught:
        analyse_files(county, [returned], period="2025H2")
    assert caught.value.code == "form_other_period"


def test_a_form_issued_by_another_office_is_refused(county: Workspace, tmp_path: Path) -> None:
    other = init_workspace(tmp_path / "other", region="金水区", office="金水区卫生健康委员会", actor="tester")
    try:
        build_county(other)
        form = export_street(other, tmp_path / "out")
    finally:
        other.close()
    returned = fill(form.path, tmp_path / "back.xlsx", {"A01-T001": GOOD_ANSWER})
    with pytest.raises(UserError) as caught:
        analyse_files(county, [returned])
    assert caught.value.code == "form_other_office" and "金水区卫生健康委员会" in caught.value.message("zh")


def test_a_row_for_a_task_that_is_not_the_units_is_refused(county: Workspace, tmp_path: Path) -> None:
    form = export_street(county, tmp_path / "out")

    def add_foreign_row(workbook) -> None:  # type: ignore[no-untyped-def]
        sheet = workbook[FORM_SHEET]
        sheet.cell(7, column("task_code")).value = "A02-T001"
        sheet.cell(7, column("status")).value = "已完成"

    returned = fill(form.path, tmp_path / "back.xlsx", {}, edit=add_foreign_row)
    analysis, (result,) = _import(county, returned)
    row = analysis.previews[0].rows[-1]
    assert (row.task_code, row.state) == ("A02-T001", "blocked") and "A02-T001" in row.problems[0].text("zh")
    assert result.applied == ()


def test_evidence_beside_the_workbook_is_added_and_missing_files_are_listed(county: Workspace,
                                                                          tmp_path: Path) -> None:
    form = export_street(county, tmp_path / "out")
    folder = tmp_path / "back" / f"{form.form_code}佐证材料"
    folder.mkdir(parents=True)
    (folder / "健康讲座通知.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    returned = fill(form.path, tmp_path / "back" / "back.xlsx",
                    {"A01-T001": {**GOOD_ANSWER, "evidence": "健康讲座通知.pdf\n现场照片.jpg"}})
    analysis, (result,) = _import(county, returned)
    row = analysis.previews[0].rows[0]
    assert row.evidence_missing == ("现场照片.jpg",) and result.evidence_missing == ("现场照片.jpg",)
    assert result.evidence_added == ("健康讲座通知.pdf",)
    report = get_report(county, "A01-T001", STREET, "2025H1")
    assert report is not None
    assert [(e.title, e.kind) for e in list_evidence(county, report.id)] == [("健康讲座通知", "document")]


def test_an_approved_report_is_not_overwritten(county: Workspace, tmp_path: Path) -> None:
    set_report(county, "A01-T001", STREET, "2025H1", ReportChanges(status="done", narrative="已审核的内容"))
    review_report(county, "A01-T001", STREET, "2025H1", "submit")
    review_report(county, "A01-T001", STREET, "2025H1", "approve")
    form = export_street(county, tmp_path / "out")
    returned = fill(form.path, tmp_path / "back.xlsx", {"A01-T001": {**GOOD_ANSWER, "narrative": "新内容"}})
    analysis, (result,) = _import(county, returned)
    assert analysis.previews[0].rows[0].state == "blocked" and result.applied == ()
    report = get_report(county, "A01-T001", STREET, "2025H1")
    assert report is not None and report.narrative == "已审核的内容"


def test_a_locked_period_takes_an_import_only_with_a_reason(county: Workspace, tmp_path: Path) -> None:
    form = export_street(county, tmp_path / "out")
    set_period_state(county, "2025H1", "locked")
    returned = fill(form.path, tmp_path / "back.xlsx", {"A01-T001": GOOD_ANSWER})
    analysis, (result,) = _import(county, returned)
    assert analysis.previews[0].rows[0].state == "blocked" and result.applied == ()
    _analysis, (result,) = _import(county, returned, reason="单位补报")
    report = get_report(county, "A01-T001", STREET, "2025H1")
    assert result.applied == ("A01-T001",) and report is not None and report.changed_after_lock


def test_units_without_tasks_in_the_period_get_no_form(county: Workspace, tmp_path: Path) -> None:
    result = export_forms(county, "2025H1", tmp_path / "out")
    assert [form.unit for form in result.forms] == ["区卫生健康委", STREET, "区教育局"]
    assert result.without_tasks == ("区民政局",)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f.path.name for f in result.forms)


def test_the_send_dialog_lists_every_unit_with_the_tasks_its_form_would_hold(county: Workspace) -> None:
    assert units_owing(county, "2025H1") == [("区卫生健康委", 1), (STREET, 2), ("区教育局", 1), ("区民政局", 0)]


def test_two_copies_of_one_returned_file_in_a_batch_are_imported_once(county: Workspace, tmp_path: Path) -> None:
    """The unit's folder held the form and a copy of it: the second copy failed on the one-return-per-file rule with
    an internal error (IntegrityError) after the first was already imported."""
    form = export_street(county, tmp_path / "out")
    returned = fill(form.path, tmp_path / "back" / "北下街.xlsx", {"A01-T001": GOOD_ANSWER})
    (tmp_path / "back" / "北下街 - 副本.xlsx").write_bytes(returned.read_bytes())
    analysis, results = _import(county, tmp_path / "back")
    assert len(analysis.previews) == 1 and [result.applied for result in results] == [("A01-T001",)]
    assert any("副本" in warning.text("zh") for warning in analysis.previews[0].warnings)


def test_two_different_versions_of_one_form_in_a_batch_are_refused_naming_both(county: Workspace,
                                                                                tmp_path: Path) -> None:
    """Both versions were applied, each previewed as new, and whichever came last in path order won."""
    form = export_street(county, tmp_path / "out")
    fill(form.path, tmp_path / "back" / "a.xlsx", {"A01-T001": GOOD_ANSWER})
    fill(form.path, tmp_path / "back" / "b.xlsx", {"A01-T001": {**GOOD_ANSWER, "narrative": "另一个版本"}})
    with pytest.raises(UserError) as refused:
        analyse_files(county, [tmp_path / "back"])
    assert refused.value.code == "forms_two_versions"
    assert "a.xlsx" in refused.value.message("zh") and "b.xlsx" in refused.value.message("zh")
    assert get_report(county, "A01-T001", STREET, "2025H1") is None


def test_a_zip_cut_short_is_refused_in_chinese(county: Workspace, tmp_path: Path) -> None:
    """The message quoted Python's class name ("BadZipFile") inside the Chinese text."""
    form = export_street(county, tmp_path / "out")
    cut = tmp_path / "回传.zip"
    whole = form.path.read_bytes()  # an .xlsx is a zip: half of it is a zip cut short
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(UserError) as refused:
        analyse_files(county, [cut])
    text = refused.value.message("zh")
    assert refused.value.code == "forms_zip_refused" and "回传.zip" in text and "截断" in text
    assert "Zip" not in text and "Error" not in text


def test_a_form_whose_header_the_unit_changed_is_named_as_ours_with_what_changed(county: Workspace,
                                                                                   tmp_path: Path) -> None:
    """The unit renamed 完成情况: the message said the file was not an hpdesk form and had no form code, though every
    carrier still named the form."""
    form = export_street(county, tmp_path / "out")

    def rename_status_header(workbook) -> None:  # type: ignore[no-untyped-def]
        sheet = workbook[FORM_SHEET]
        sheet.protection.sheet = False
        sheet.cell(4, column("status")).value = "完成进度"

    returned = fill(form.path, tmp_path / "back" / "表.xlsx", {"A01-T001": GOOD_ANSWER}, edit=rename_status_header)
    with pytest.raises(UserError) as refused:
        analyse_files(county, [returned])
    text = refused.value.message("zh")
    assert refused.value.code == "form_header_changed" and form.form_code in text and "表头被改动" in text


def test_a_row_for_a_task_the_city_withdrew_since_the_form_went_out_is_imported_with_a_note(
        county: Workspace, tmp_path: Path) -> None:
    """A revised city table withdrew the task after the forms went out: the row came in as a plain new report, with
    nothing telling the clerk it no longer counts anywhere."""
    from sqlalchemy import update

    from hpdesk.storage.records import TaskRecord

    form = export_street(county, tmp_path / "out")
    with county.database.unit_of_work() as session:  # stands in for re-importing a table without the task
        session.execute(update(TaskRecord).where(TaskRecord.code == "A01-T001").values(status="withdrawn"))
    returned = fill(form.path, tmp_path / "back" / form.path.name, {"A01-T001": GOOD_ANSWER})
    analysis, (result,) = _import(county, returned)
    row = next(r for r in analysis.previews[0].rows if r.task_code == "A01-T001")
    assert row.state == "new" and result.applied == ("A01-T001",)
    assert any("撤销" in problem.text("zh") and "A01-T001" in problem.text("zh") for problem in row.problems)


def test_a_folder_with_the_file_imported_before_and_its_correction_imports_the_correction(county: Workspace,
                                                                                          tmp_path: Path) -> None:
    """The unit's folder keeps its first file beside the corrected one: the batch was refused as two versions."""
    form = export_street(county, tmp_path / "out")
    first = fill(form.path, tmp_path / "back" / "a.xlsx", {"A01-T001": GOOD_ANSWER})
    _import(county, first)
    fill(form.path, tmp_path / "back" / "b.xlsx", {"A01-T001": {**GOOD_ANSWER, "narrative": "更正后的情况"}})
    analysis, results = _import(county, tmp_path / "back")
    assert [preview.file for preview in analysis.previews] == ["b.xlsx"]
    assert any("a.xlsx" in warning.text("zh") for warning in analysis.previews[0].warnings)
    assert [result.applied for result in results] == [("A01-T001",)]
    report = get_report(county, "A01-T001", STREET, "2025H1")
    assert report is not None and report.narrative == "更正后的情况"


def _zip_with_unflagged_names(path: Path, members: dict[str, bytes], encoding: str) -> Path:
    """A zip whose member names are `encoding` bytes without the UTF-8 flag, as Windows (GBK) or a Mac's or a
    phone's archiver (UTF-8) writes them: written under ASCII names of the same length, then the bytes swapped."""
    import io
    import zipfile

    buffer = io.BytesIO()
    swaps = []
    with zipfile.ZipFile(buffer, "w") as archive:
        for number, (name, data) in enumerate(members.items()):
            wanted = name.encode(encoding)
            stand_in = f"M{number}".encode().ljust(len(wanted), b"_")
            archive.writestr(stand_in.decode(), data)
            swaps.append((stand_in, wanted))
    raw = buffer.getvalue()
    for stand_in, wanted in swaps:
        raw = raw.replace(stand_in, wanted)  # the local header and the central directory
    path.write_bytes(raw)
    return path


@pytest.mark.parametrize("encoding", ["gbk", "utf-8"])
def test_evidence_in_a_zip_with_unflagged_chinese_names_is_found(county: Workspace, tmp_path: Path,
                                                                 encoding: str) -> None:
    """A Mac's or WeChat's zip stores UTF-8 names without the flag: they were read as GBK, the workbook's name came
    out as mojibake and the photo named in 佐证材料 was reported missing."""
    form = export_street(county, tmp_path / "out")
    returned = fill(form.path, tmp_path / "work" / "北下街回传.xlsx",
                    {"A01-T001": {**GOOD_ANSWER, "evidence": "现场照片.pdf"}})
    sent = _zip_with_unflagged_names(tmp_path / "回传.zip", {
        "回传/北下街回传.xlsx": returned.read_bytes(),
        "回传/现场照片.pdf": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"}, encoding)
    analysis = analyse_files(county, [sent])
    (preview,) = analysis.previews
    row = next(r for r in preview.rows if r.task_code == "A01-T001")
    assert preview.file == "回传.zip/回传/北下街回传.xlsx"
    assert [Path(found).name for found in row.evidence_found] == ["现场照片.pdf"] and row.evidence_missing == ()


def test_a_folder_with_two_versions_both_imported_before_imports_the_third_beside_them(county: Workspace,
                                                                                     tmp_path: Path) -> None:
    """The unit's first file and its correction were both imported; the folder now also holds a second correction.
    The batch was refused as two versions of one form (the two old ones), holding back the new file."""
    form = export_street(county, tmp_path / "out")
    _import(county, fill(form.path, tmp_path / "back" / "a.xlsx", {"A01-T001": GOOD_ANSWER}))
    _import(county, fill(form.path, tmp_path / "back" / "b.xlsx",
                         {"A01-T001": {**GOOD_ANSWER, "narrative": "更正后的情况"}}))
    fill(form.path, tmp_path / "back" / "c.xlsx", {"A01-T001": {**GOOD_ANSWER, "narrative": "第二次更正"}})
    analysis, results = _import(county, tmp_path / "back")
    assert [preview.file for preview in analysis.previews] == ["c.xlsx"]
    assert [result.applied for result in results] == [("A01-T001",)]
    report = get_report(county, "A01-T001", STREET, "2025H1")
    assert report is not None and report.narrative == "第二次更正"
