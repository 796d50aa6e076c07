"""Who may do what in a shared workspace (issue 17 item 4): clerks by login name, with a role.

- 审核 (`reviewer`): approve and return reports, lock and unlock periods, export, edit every report, manage clerks,
  units (add, change, merge) and task assignments;
- 填报 (`filler`): edit (and hand in) the reports of their own units only, also through their units' fill-in forms.

The login is the workspace's actor (the OS login, or the name given in the login dialog / `--actor`), which the
audit trail records with every change. A workspace without any clerk is single-user (one PC, the default): everyone
may do everything, as before. Once clerks exist, an unknown login may do nothing that is checked here. The first clerk
must be a reviewer, so the workspace never locks its last reviewer out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.services.audit import record_event
from hpdesk.services.workspace import Workspace
from hpdesk.storage import clerk_store as store
from hpdesk.storage.clerk_store import any_clerks, clerk_unit_ids, find_clerk
from hpdesk.storage.clock import now_iso
from hpdesk.storage.report_store import assignment_unit_id
from hpdesk.storage.unit_store import find_unit, unit_by_id

if TYPE_CHECKING:
    from hpdesk.storage.records import ClerkRecord, ProgressReportRecord

ROLE_LABELS = {"reviewer": "审核", "filler": "填报"}

register_messages(
    {
        "clerk_role_invalid": ("角色 {role} 无效，应为 reviewer（审核）或 filler（填报）。",
                               "Role {role} is invalid; use reviewer or filler."),
        "clerk_unknown": ("用户 {login} 不是本工作区登记的经办人，不能进行此操作。",
                          "{login} is not a registered clerk of this workspace and may not do this."),
        "clerk_not_reviewer": ("用户 {login} 不是审核人员，不能{action}。", "{login} is not a reviewer and may not {action}."),
        "clerk_not_for_unit": ("用户 {login} 只能填报本人负责单位的报告，不能修改“{unit}”的报告。",
                               "{login} may edit only the reports of their own units, not those of {unit}."),
        "clerk_first_must_review": ("第一位经办人必须是审核人员（reviewer）。", "The first clerk must be a reviewer."),
        "clerk_exists": ("经办人 {login} 已登记。", "The clerk {login} is already registered."),
        "clerk_login_empty": ("请给出经办人的登录名（其电脑的登录用户名）。", "Give the clerk's login (their computer login)."),
        "clerk_not_registered": ("经办人 {login} 没有登记，无需注销。", "{login} is not a registered clerk."),
        "clerk_last_reviewer": (
            "{login} 是最后一位审核人员：注销后其他经办人都不能再审核、锁定、导出或管理经办人。请先登记另一位审核人员。",
            "{login} is the last reviewer: without them no other clerk could approve, lock, export or manage clerks. "
            "Register another reviewer first.",
        ),
    }
)

ACTION_LABELS = {"approve": "审核通过报告", "return": "退回报告", "lock": "锁定或解锁报送周期", "export": "生成报送包",
                 "manage": "管理经办人", "units": "管理责任单位和任务分派", "import": "导入市里的表格",
                 "restore": "用备份替换整个工作区的数据", "identity": "建立或更换本单位的签名证书",
                 "calendar": "修改报送日历（截止日期）", "office": "修改本单位信息（名称、级别、主送机关、发文字号）"}


@dataclass(frozen=True)
class ChangeNotice:
    """One change someone made (an audit event), for the GUI's refresh of what others changed."""

    event_id: int
    at: str
    actor: str
    action: str
    entity_type: str
    entity_id: str
    summary: str


@dataclass(frozen=True)
class ClerkSummary:
    login: str
    display_name: str
    role: str
    role_label: str
    units: tuple[str, ...]
    active: bool


def require_reviewer(session: Session, login: str, action: str) -> None:
    """Raise unless `login` may `action` (a key of ACTION_LABELS): always in a single-user workspace."""
    if not any_clerks(session):
        return
    clerk = _active_clerk(session, login)
    if clerk.role != "reviewer":
        raise UserError("clerk_not_reviewer", login=login, action=ACTION_LABELS.get(action, action))


def require_workspace_reviewer(workspace: Workspace, action: str) -> None:
    """`require_reviewer` for the workspace's actor, for a change that is not in the database (the signing identity's
    files) and must be refused before it is made."""
    with workspace.database.read_only() as session:
        require_reviewer(session, workspace.actor, action)


def require_unit(session: Session, login: str, unit_id: int) -> None:
    """Raise unless `login` may edit the reports of unit `unit_id` (reviewers: every unit; fillers: their own)."""
    if not any_clerks(session):
        return
    clerk = _active_clerk(session, login)
    if clerk.role == "reviewer" or unit_id in clerk_unit_ids(session, clerk.id):
        return
    unit = unit_by_id(session, unit_id)
    raise UserError("clerk_not_for_unit", login=login, unit=unit.name if unit else str(unit_id))


def require_report(session: Session, login: str, report: ProgressReportRecord) -> None:
    """`require_unit` for the unit whose report `report` is (evidence, forms: whatever changes a report)."""
    if not any_clerks(session):
        return
    require_unit(session, login, assignment_unit_id(session, report.assignment_id))


def _active_clerk(session: Session, login: str) -> ClerkRecord:
    clerk = find_clerk(session, login)
    if clerk is None or not clerk.active:
        raise UserError("clerk_unknown", login=login)
    return clerk


def add_clerk(workspace: Workspace, login: str, role: str, units: Sequence[str] = (),
              display_name: str = "") -> ClerkSummary:
    """Register a clerk (audited). Raises `clerk_role_invalid`, `clerk_exists`, `clerk_first_must_review`,
    `clerk_not_reviewer` (only a reviewer manages clerks once there are any) and `unit_unknown`."""
    if role not in ROLE_LABELS:
        raise UserError("clerk_role_invalid", role=role)
    login = login.strip()
    if not login:
        raise UserError("clerk_login_empty")
    with workspace.database.unit_of_work() as session:
        if not any_clerks(session) and role != "reviewer":
            raise UserError("clerk_first_must_review")
        require_reviewer(session, workspace.actor, "manage")
        if find_clerk(session, login) is not None:
            raise UserError("clerk_exists", login=login)
        unit_records = [find_unit(session, name) for name in units]
        clerk = store.add_clerk_row(session, login, display_name.strip(), role, [unit.id for unit in unit_records],
                                    now_iso())
        record_event(session, actor=workspace.actor, action="create", entity_type="clerk", entity_id=clerk.id,
                     summary=f"登记经办人 {login}（{ROLE_LABELS[role]}）",
                     after={"login": login, "role": role, "units": [unit.name for unit in unit_records]})
        return _summary(session, clerk)


def list_clerks(workspace: Workspace) -> list[ClerkSummary]:
    """Every clerk, by display name (or login) in Chinese order on PostgreSQL."""
    with workspace.database.read_only() as session:
        return [_summary(session, clerk) for clerk in store.clerks_in_order(session)]


def remove_clerk(workspace: Workspace, login: str) -> None:
    """Unregister a clerk (audited); their past changes stay in the audit trail under their login. Raises
    `clerk_not_reviewer`, `clerk_not_registered` and `clerk_last_reviewer` (other clerks would have no reviewer
    left, and none of them could register one)."""
    with workspace.database.unit_of_work() as session:
        require_reviewer(session, workspace.actor, "manage")
        clerk = find_clerk(session, login)
        if clerk is None:
            raise UserError("clerk_not_registered", login=login)
        # the last of all clerks may go (the workspace is single-user again); the last reviewer among others may not
        if clerk.role == "reviewer" and store.others_count(session, clerk.id) and not store.others_count(
                session, clerk.id, "reviewer"):
            raise UserError("clerk_last_reviewer", login=login)
        before = {"login": clerk.login, "role": clerk.role}
        store.delete_clerk(session, clerk)
        record_event(session, actor=workspace.actor, action="delete", entity_type="clerk", entity_id=clerk.id,
                     summary=f"注销经办人 {login}", before=before)


def _summary(session: Session, clerk: ClerkRecord) -> ClerkSummary:
    return ClerkSummary(clerk.login, clerk.display_name, clerk.role, ROLE_LABELS[clerk.role],
                        tuple(store.unit_names_of(session, clerk.id)), clerk.active)


def current_clerk(workspace: Workspace) -> ClerkSummary | None:
    """The clerk the workspace's actor is registered as, or None (single-user workspace, or not registered)."""
    with workspace.database.read_only() as session:
        clerk = find_clerk(session, workspace.actor)
        return _summary(session, clerk) if clerk is not None else None


def change_token(workspace: Workspace) -> int:
    """A number that grows with every change anyone makes to the workspace (the newest audit event's id): a GUI
    polls it cheaply and refreshes when it moved."""
    with workspace.database.read_only() as session:
        return store.last_change_id(session)


def changes_since(workspace: Workspace, token: int) -> list[ChangeNotice]:
    """Other clerks' changes after `token` (from `change_token`), oldest first; the first 200 changes are read."""
    with workspace.database.read_only() as session:
        events = store.changes_after(session, token, 200)
        return [ChangeNotice(event.id, event.at, event.actor, event.action, event.entity_type, event.entity_id,
                             event.summary)
                for event in events if event.actor != workspace.actor]
