"""Issue 17, the rest of the roles and of the export's consistency, on SQLite and on PostgreSQL:
- a 填报 clerk imports the fill-in forms of their own units only, and manages no units or assignments;
- an export whose period's reports or evidence changed while the package was being made is refused, not recorded;
- clerks are listed in pinyin order on PostgreSQL (its ICU collation), in code point order on SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_fixture import EXPORT_TIME, PASSPHRASE, PERIOD, build_export_data
from city_world import _small_signed_pdf
from forms_world import GOOD_ANSWER, STREET, build_county, export_street, fill
from pg_fixtures import BOTH_BACK_ENDS
from sqlalchemy import func, select

from hpdesk.domain.errors import UserError
from hpdesk.services.assignments import assign_task, confirm_assignments, remove_assignments
from hpdesk.services.clerks import add_clerk, list_clerks
from hpdesk.services.exporting.submission import export_submission
from hpdesk.services.forms import analyse_files, apply_files
from hpdesk.services.maintenance import check_workspace
from hpdesk.services.reports import get_report
from hpdesk.services.unit_merge import merge_units
from hpdesk.services.units import add_unit, update_unit
from hpdesk.services.workspace import Workspace
from hpdesk.storage.records import EvidenceRecord, ProgressReportRecord, SubmissionRecord

pytestmark = BOTH_BACK_ENDS


def _refusal(call) -> UserError:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError) as refused:
        call()
    return refused.value


def _clerks(workspace: Workspace) -> None:
    """wang reviews; li fills in for 北下街街道, zhao for 区教育局."""
    add_clerk(workspace, "wang", "reviewer", display_name="王芳")
    workspace.actor = "wang"
    add_clerk(workspace, "li", "filler", [STREET], display_name="李明")
    add_clerk(workspace, "zhao", "filler", ["区教育局"])


def test_a_filler_imports_the_fill_in_forms_of_their_own_units_only(workspace: Workspace, tmp_path: Path) -> None:
    build_county(workspace)
    _clerks(workspace)
    form = export_street(workspace, tmp_path / "out")
    returned = fill(form.path, tmp_path / "back" / form.path.name, {"A01-T001": GOOD_ANSWER})

    workspace.actor = "zhao"
    analysis = analyse_files(workspace, [returned])
    refused = _refusal(lambda: apply_files(workspace, analysis))
    assert refused.code == "clerk_not_for_unit" and refused.params["unit"] == STREET
    assert get_report(workspace, "A01-T001", STREET, "2025H1") is None  # nothing written

    workspace.actor = "li"
    (result,) = apply_files(workspace, analyse_files(workspace, [returned]))
    assert result.applied == ("A01-T001",)


def test_only_a_reviewer_manages_units_and_assignments(workspace: Workspace) -> None:
    build_county(workspace)
    _clerks(workspace)
    workspace.actor = "li"
    for call in (lambda: add_unit(workspace, "区财政局"),
                 lambda: update_unit(workspace, "区民政局", contact="王五"),
                 lambda: merge_units(workspace, "区民政局", "区教育局"),
                 lambda: assign_task(workspace, "A01-T001", "区教育局"),
                 lambda: confirm_assignments(workspace),
                 lambda: remove_assignments(workspace, ["A01-T001"], STREET)):
        refused = _refusal(call)
        assert refused.code == "clerk_not_reviewer" and refused.params["action"] == "管理责任单位和任务分派"

    workspace.actor = "wang"
    assert add_unit(workspace, "区财政局").name == "区财政局"
    assert [unit.unit for unit in assign_task(workspace, "A01-T001", "区卫生健康委", [STREET, "区财政局"])] == [
        "区卫生健康委", STREET, "区财政局"]


@pytest.mark.parametrize(("record", "field"), [(ProgressReportRecord, "narrative"), (EvidenceRecord, "title")],
                         ids=["report", "evidence"])
def test_an_export_whose_reports_or_evidence_changed_while_it_was_made_is_refused_and_not_recorded(
        workspace: Workspace, tmp_path: Path, record: type, field: str) -> None:
    build_export_data(workspace, tmp_path / "originals")

    def pdf_while_a_colleague_saves(*args):  # type: ignore[no-untyped-def]
        # the content is built; a colleague now changes the period's first report or evidence (the export's lock
        # does not stop single saves)
        with workspace.database.unit_of_work() as session:
            row = session.scalars(select(record).order_by(record.id)).first()  # type: ignore[attr-defined]
            setattr(row, field, getattr(row, field) + "（补充）")
        return _small_signed_pdf(*args)

    refused = _refusal(lambda: export_submission(workspace, PERIOD, tmp_path / "out", PASSPHRASE, "1",
                                                 now=EXPORT_TIME, pdf_builder=pdf_while_a_colleague_saves))
    assert refused.code == "export_content_changed_meanwhile" and "他人修改" in refused.message("zh")
    assert not list((tmp_path / "out").glob("*")) and not list(workspace.exports_dir.glob("*.zip"))
    with workspace.database.read_only() as session:
        assert session.scalar(select(func.count()).select_from(SubmissionRecord)) == 0

    # nothing changes during the next one: it is recorded, with the colleague's change in it
    result = export_submission(workspace, PERIOD, tmp_path / "out", PASSPHRASE, "1", now=EXPORT_TIME,
                               pdf_builder=_small_signed_pdf)
    assert result.sequence == 1 and result.period_locked
    assert check_workspace(workspace).sound


def test_clerks_are_listed_by_name_in_pinyin_on_postgresql(workspace: Workspace) -> None:
    add_clerk(workspace, "zhang", "reviewer", display_name="张伟")
    workspace.actor = "zhang"
    for login, name in (("chen", "陈静"), ("wang", "王芳"), ("li", "李明")):
        add_clerk(workspace, login, "reviewer", display_name=name)
    logins = [clerk.login for clerk in list_clerks(workspace)]
    if workspace.shared is not None:  # zh-x-icu: chen, li, wang, zhang
        assert logins == ["chen", "li", "wang", "zhang"]
    else:  # SQLite has no ICU collation: code point order (张 U+5F20 … 陈 U+9648); the GUI sorts with QCollator
        assert logins == ["zhang", "li", "wang", "chen"]
