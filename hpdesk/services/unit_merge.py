"""Merging two county units that are one body (区工信局 and 区工业信息化局): the clerk keeps one, the other's tasks,
reports, evidence, counterparts and names move onto it in one audited unit of work.

`preview_merge` says what would happen (and which reports clash: both units reported on one task for one period);
`merge_units` does it. A clash in an open period is settled only by the clerk's choice of whose report stays
(`keep="kept"` or `"merged"`); without one the merge is refused, naming the clashes. A clash in a period already
handed in is always refused: the merge must not rewrite what was sent. The rules of the move are in
`hpdesk.storage.unit_merge_store`.
"""

from __future__ import annotations

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.services.audit import record_event
from hpdesk.services.clerks import require_reviewer
from hpdesk.services.workspace import Workspace
from hpdesk.storage.unit_merge_store import MergePlan, ReportClash, apply_merge, merge_pair, plan_merge

__all__ = ["MergePlan", "ReportClash", "merge_units", "preview_merge"]

KEEP_CHOICES = ("kept", "merged")

register_messages(
    {
        "unit_merge_clash": (
            "“{merged}”和“{kept}”对同一任务同一期次都有报告：{clashes}。请选择保留哪个单位的报告后再合并。",
            "{merged} and {kept} both reported on the same task and period: {clashes}. Choose whose reports to "
            "keep, then merge."),
        "unit_merge_clash_closed": (
            "“{merged}”和“{kept}”在已报送的期次对同一任务都有报告：{clashes}。合并会改写已报送的内容，不能合并。",
            "{merged} and {kept} both reported on the same task in a period already handed in: {clashes}. Merging "
            "would rewrite what was sent, so it is refused."),
        "unit_merge_keep_invalid": ("保留方式 {keep} 无效，可选：kept、merged。", "Keep {keep} is invalid: kept, merged."),
    }
)


def _clash_list(clashes: list[ReportClash]) -> str:
    return "、".join(f"{clash.task_code}（{clash.period_name}）" for clash in clashes)


def _check_keep(keep: str | None) -> None:
    if keep is not None and keep not in KEEP_CHOICES:
        raise UserError("unit_merge_keep_invalid", keep=keep)


def preview_merge(workspace: Workspace, merged: str, kept: str, keep: str | None = None) -> MergePlan:
    """What merging unit `merged` into unit `kept` (names or aliases) with this `keep` would move, and which
    reports clash."""
    _check_keep(keep)
    with workspace.database.read_only() as session:
        return plan_merge(session, *merge_pair(session, merged, kept), keep)


def merge_units(workspace: Workspace, merged: str, kept: str, *, keep: str | None = None) -> MergePlan:
    """Merge unit `merged` into unit `kept` (one unit of work, one audit event) and return what moved.

    `keep` ("kept"/"merged") says whose report stays where both reported on a task for one open period; the other
    report and its evidence are deleted (the audit event lists them). Raises `unit_merge_clash` when there are
    clashes and no `keep`, `unit_merge_clash_closed` when a clash lies in a period that is no longer open.
    """
    _check_keep(keep)
    with workspace.database.unit_of_work() as session:
        require_reviewer(session, workspace.actor, "units")
        merged_unit, kept_unit = merge_pair(session, merged, kept)
        plan = plan_merge(session, merged_unit, kept_unit)
        closed = [clash for clash in plan.clashes if not clash.period_open]
        if closed:
            raise UserError("unit_merge_clash_closed", merged=plan.merged, kept=plan.kept, clashes=_clash_list(closed))
        if plan.clashes and keep is None:
            raise UserError("unit_merge_clash", merged=plan.merged, kept=plan.kept,
                            clashes=_clash_list(list(plan.clashes)))
        merged_id, kept_id = merged_unit.id, kept_unit.id
        done = apply_merge(session, merged_unit, kept_unit, keep)
        record_event(
            session, actor=workspace.actor, action="merge", entity_type="unit", entity_id=kept_id,
            summary=f"合并责任单位：{done.merged} 并入 {done.kept}（任务{done.tasks_moved + done.tasks_shared}项，"
                    f"报告{done.reports_moved}份，佐证{done.evidence_moved}项）",
            before={"merged_unit_id": merged_id, "merged": done.merged, "kept": done.kept},
            after={"tasks_moved": done.tasks_moved, "tasks_shared": done.tasks_shared,
                   "reports_moved": done.reports_moved, "evidence_moved": done.evidence_moved,
                   "aliases_added": list(done.aliases_added), "empty_reports_dropped": done.empty_reports_dropped,
                   "clashes": [{"task": c.task_code, "period": c.period_name, "kept_report": c.kept_report_id,
                                "merged_report": c.merged_report_id} for c in done.clashes],
                   "reports_kept_from": keep or "", "deleted_reports": list(done.deleted_reports)},
        )
        return done
