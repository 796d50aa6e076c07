"""Who may do what once an office registers its clerks (issue 17 item 4): a reviewer (审核) approves, returns, locks and
exports; a filler (填报) edits the reports of their own units only; a login nobody registered may do nothing that is
checked; a workspace without clerks stays single-user. On SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from evidence_world import UNIT_NAME, make_photo, seed_report
from pg_fixtures import BOTH_BACK_ENDS

from hpdesk.domain.errors import UserError
from hpdesk.domain.reporting import ReportKey
from hpdesk.services.audit import verify_audit_chain
from hpdesk.services.clerks import add_clerk, current_clerk, list_clerks, remove_clerk
from hpdesk.services.evidence import add_evidence, remove_evidence
from hpdesk.services.exporting.submission import export_submission
from hpdesk.services.periods import set_period_state
from hpdesk.services.reports import ReportChanges, set_report
from hpdesk.services.review import review_report
from hpdesk.services.units import add_unit
from hpdesk.services.workspace import Workspace

pytestmark = BOTH_BACK_ENDS


def _office(workspace: Workspace) -> tuple[str, str, str]:
    """A report of 北下街街道, the reviewer 'wang' and the filler 'li' of 北下街街道 (区教育局's filler: 'zhao')."""
    address = seed_report(workspace).address
    add_unit(workspace, "区教育局")
    add_clerk(workspace, "wang", "reviewer", display_name="王芳")
    workspace.actor = "wang"
    add_clerk(workspace, "li", "filler", [UNIT_NAME], display_name="李明")
    add_clerk(workspace, "zhao", "filler", ["区教育局"])
    return address


def _refusal(call) -> UserError:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError) as refused:
        call()
    return refused.value


def test_a_filler_edits_and_hands_in_the_reports_of_their_own_units_only(workspace: Workspace) -> None:
    address = _office(workspace)
    workspace.actor = "zhao"
    refused = _refusal(lambda: set_report(workspace, *address, ReportChanges(narrative="讲座2场")))
    assert refused.code == "clerk_not_for_unit" and refused.params["unit"] == UNIT_NAME

    workspace.actor = "li"
    assert set_report(workspace, *address, ReportChanges(narrative="讲座2场")).narrative == "讲座2场"
    assert review_report(workspace, *address, "submit").review_state == "submitted"
    assert _refusal(lambda: review_report(workspace, *address, "approve")).code == "clerk_not_reviewer"


def test_only_a_reviewer_approves_locks_and_exports(workspace: Workspace, tmp_path: Path) -> None:
    address = _office(workspace)
    set_report(workspace, *address, ReportChanges(narrative="讲座2场"))
    review_report(workspace, *address, "submit")
    workspace.actor = "li"
    assert _refusal(lambda: set_period_state(workspace, address[2], "locked")).code == "clerk_not_reviewer"
    refused = _refusal(lambda: export_submission(workspace, address[2], tmp_path / "out", "any passphrase"))
    assert refused.code == "clerk_not_reviewer" and not (tmp_path / "out").exists()

    workspace.actor = "wang"
    assert review_report(workspace, *address, "approve").review_state == "approved"
    assert set_period_state(workspace, address[2], "locked").state == "locked"


def test_a_login_nobody_registered_may_change_no_report_once_clerks_exist(workspace: Workspace) -> None:
    address = _office(workspace)
    workspace.actor = "visitor"
    assert _refusal(lambda: set_report(workspace, *address, ReportChanges(narrative="x"))).code == "clerk_unknown"
    assert current_clerk(workspace) is None
    workspace.actor = "li"
    clerk = current_clerk(workspace)
    assert clerk is not None and (clerk.role_label, clerk.units) == ("填报", (UNIT_NAME,))


def test_the_first_clerk_is_a_reviewer_and_only_reviewers_manage_clerks(workspace: Workspace) -> None:
    assert _refusal(lambda: add_clerk(workspace, "li", "filler")).code == "clerk_first_must_review"
    _office(workspace)
    workspace.actor = "li"
    assert _refusal(lambda: remove_clerk(workspace, "wang")).code == "clerk_not_reviewer"
    workspace.actor = "wang"
    remove_clerk(workspace, "zhao")
    assert [clerk.login for clerk in list_clerks(workspace)] == ["li", "wang"]  # by display name: 李明, 王芳
    with workspace.database.read_only() as session:
        assert verify_audit_chain(session)[1] == []


def test_a_filler_adds_and_removes_evidence_on_the_reports_of_their_own_units_only(workspace: Workspace,
                                                                                  tmp_path: Path) -> None:
    address = _office(workspace)
    photo = make_photo(tmp_path / "lecture.jpg")
    workspace.actor = "zhao"
    refused = _refusal(lambda: add_evidence(workspace, ReportKey(*address), kind="photo", title="讲座照片", files=[photo]))
    assert refused.code == "clerk_not_for_unit" and refused.params["unit"] == UNIT_NAME

    workspace.actor = "li"
    added = add_evidence(workspace, ReportKey(*address), kind="photo", title="讲座照片", files=[photo]).evidence
    workspace.actor = "zhao"
    assert _refusal(lambda: remove_evidence(workspace, added.id)).code == "clerk_not_for_unit"
    workspace.actor = "wang"  # a reviewer may change every unit's evidence
    remove_evidence(workspace, added.id)


def test_the_last_reviewer_cannot_be_removed_while_other_clerks_remain(workspace: Workspace) -> None:
    """Removing wang, the only reviewer, left li and zhao with nobody able to approve, lock, export or register a
    reviewer again: the office was locked out of its own workspace."""
    _office(workspace)
    refused = _refusal(lambda: remove_clerk(workspace, "wang"))
    assert refused.code == "clerk_last_reviewer" and "wang" in refused.message("zh")
    assert _refusal(lambda: remove_clerk(workspace, "nobody")).code == "clerk_not_registered"
    add_clerk(workspace, "sun", "reviewer")
    remove_clerk(workspace, "wang")  # another reviewer is there now
    workspace.actor = "sun"
    remove_clerk(workspace, "li")
    remove_clerk(workspace, "zhao")
    remove_clerk(workspace, "sun")  # the last clerk of all: the workspace is single-user again
    assert list_clerks(workspace) == []



def test_a_filler_may_not_import_the_citys_table(workspace: Workspace, sample_copy) -> None:  # type: ignore[no-untyped-def]
    """An import adds, changes and withdraws the tasks the whole office works on, yet a 填报 clerk could run it."""
    from hpdesk.services.importing.plan_import import analyse_workbook, apply_import
    from hpdesk.services.maintenance import count_summary

    _office(workspace)
    preview = analyse_workbook(workspace, sample_copy("taian_task_breakdown.xlsx"))
    workspace.actor = "li"
    before = count_summary(workspace)
    refused = _refusal(lambda: apply_import(workspace, preview))
    assert refused.code == "clerk_not_reviewer" and "导入市里的表格" in refused.message("zh")
    assert count_summary(workspace) == before
    workspace.actor = "wang"
    assert apply_import(workspace, preview).created > 0


def test_a_filler_may_not_replace_a_shared_workspace_from_a_backup(
        pg_workspace_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`hpdesk restore --force` by a 填报 clerk replaced every row of the office's shared database."""
    from hpdesk.services.maintenance import backup_workspace
    from hpdesk.services.restore import restore_workspace
    from hpdesk.services.units import list_units
    from hpdesk.services.workspace import open_workspace

    with open_workspace(pg_workspace_dir, actor="tester") as workspace:
        backup = backup_workspace(workspace, tmp_path / "backup.zip")  # before the office's clerks and units
        _office(workspace)
    monkeypatch.setenv("LOGNAME", "li")  # restore runs as the OS login, as `hpdesk restore` does
    monkeypatch.setenv("USER", "li")
    refused = _refusal(lambda: restore_workspace(backup, pg_workspace_dir, force=True))
    assert refused.code == "clerk_not_reviewer" and "备份" in refused.message("zh")
    with open_workspace(pg_workspace_dir, actor="wang") as workspace:
        assert "区教育局" in {unit.name for unit in list_units(workspace)}


def test_a_filler_may_not_create_or_replace_the_offices_signing_identity(workspace: Workspace) -> None:
    """A 填报 clerk could replace the key every submission of the office is signed with (`hpdesk identity create
    --replace`), after which the city no longer recognises the county's packages."""
    from hpdesk.services.desk import Desk

    _office(workspace)
    desk = Desk(workspace)
    workspace.actor = "li"
    refused = _refusal(lambda: desk.create_identity("管城回族区卫生健康委员会", "a long passphrase 2026", replace=True))
    assert refused.code == "clerk_not_reviewer" and "签名证书" in refused.message("zh")
    assert desk.identity_info() is None
    workspace.actor = "wang"
    assert desk.create_identity("管城回族区卫生健康委员会", "a long passphrase 2026").office_name


def test_a_filler_may_not_change_the_office_the_signed_letter_names(workspace: Workspace) -> None:
    """A 填报 clerk could change the office's name, level, addressee and document prefix, which the signed cover
    letter of every submission carries."""
    from hpdesk.services.desk import Desk
    from hpdesk.services.workspace import OfficeChanges

    _office(workspace)
    desk = Desk(workspace)
    before = desk.office()
    assert before is not None
    workspace.actor = "li"
    refused = _refusal(lambda: desk.update_office(OfficeChanges(addressee="某某单位")))
    assert refused.code == "clerk_not_reviewer" and "本单位信息" in refused.message("zh")
    assert desk.office() == before
    workspace.actor = "wang"
    assert desk.update_office(OfficeChanges(doc_prefix="管卫健")).doc_prefix == "管卫健"


def test_a_blank_login_is_refused_in_words(workspace: Workspace) -> None:
    """It said `login 不能为空。`, the field's English name in a Chinese sentence."""
    refused = _refusal(lambda: add_clerk(workspace, "  ", "reviewer"))
    assert refused.code == "clerk_login_empty" and "login" not in refused.message("zh")


def test_a_filler_may_not_move_the_offices_due_dates(workspace: Workspace) -> None:
    """`hpdesk period cadence --semiannual-due 6-30 12-30 --reschedule-open` by a 填报 clerk moved every open
    period's due date, and with it what is overdue for the whole office."""
    from dataclasses import replace

    from hpdesk.services.periods import cadence, set_cadence

    _office(workspace)
    current = cadence(workspace)
    later = replace(current, semiannual_due=((6, 30), (12, 30)))
    workspace.actor = "li"
    refused = _refusal(lambda: set_cadence(workspace, later, reschedule_open=True))
    assert refused.code == "clerk_not_reviewer" and "报送日历" in refused.message("zh")
    assert cadence(workspace) == current
    workspace.actor = "wang"
    set_cadence(workspace, later, reschedule_open=True)
    assert cadence(workspace) == later



def test_a_filler_may_not_add_reporting_periods(workspace: Workspace) -> None:
    """`hpdesk period create 2027H1` by a 填报 clerk made a period every unit of the office is then due to report in."""
    from hpdesk.services.periods import create_period, list_periods

    _office(workspace)
    before = [period.label for period in list_periods(workspace)]
    workspace.actor = "li"
    assert _refusal(lambda: create_period(workspace, "2027H1")).code == "clerk_not_reviewer"
    assert [period.label for period in list_periods(workspace)] == before
    workspace.actor = "wang"
    assert create_period(workspace, "2027H1").label == "2027H1"
