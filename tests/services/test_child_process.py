"""Heavy calls run in a spawned child that opens the parent's workspace: results, progress, the clerk's errors,
Cancel and our own failures all come back to the caller."""

from __future__ import annotations

import child_targets
import pytest

from hpdesk.domain.errors import OperationCancelled, UserError
from hpdesk.services.child_process import ChildProcessFailed, run_in_child
from hpdesk.services.progress import CancelToken
from recording_progress import RecordingProgress
from hpdesk.services.workspace import Workspace
from pg_fixtures import BOTH_BACK_ENDS

pytestmark = [pytest.mark.slow, BOTH_BACK_ENDS]


def test_the_child_reads_the_parents_open_workspace_and_forwards_progress(workspace: Workspace) -> None:
    progress = RecordingProgress()
    result = run_in_child(child_targets.office_name_after_steps, workspace.root, workspace.actor, {"steps": 3},
                          progress)
    assert result == "管城回族区卫生健康委员会"
    assert [(done, total, message.text("zh")) for done, total, message in progress.updates] == \
        [(1, 3, "第 1 步"), (2, 3, "第 2 步"), (3, 3, "第 3 步")]  # texts registered only in the child arrive too


def test_a_user_error_in_the_child_reaches_the_caller_with_its_code_and_parameters(workspace: Workspace) -> None:
    with pytest.raises(UserError) as raised:
        run_in_child(child_targets.refuse, workspace.root, workspace.actor, {})
    assert raised.value.code == "period_unknown" and raised.value.params == {"label": "2031H1"}


def test_cancel_stops_the_child_and_raises_operation_cancelled(workspace: Workspace) -> None:
    cancel = CancelToken()
    cancel.cancel()
    with pytest.raises(OperationCancelled):
        run_in_child(child_targets.stop_when_cancelled, workspace.root, workspace.actor, {}, cancel=cancel)


def test_our_own_failure_in_the_child_carries_its_traceback(workspace: Workspace) -> None:
    with pytest.raises(ChildProcessFailed) as raised:
        run_in_child(child_targets.crash, workspace.root, workspace.actor, {})
    assert "ValueError: a bug of ours" in str(raised.value)


def test_a_user_error_from_a_module_the_parent_never_imported_keeps_its_chinese_text(workspace: Workspace) -> None:
    with pytest.raises(UserError) as raised:
        run_in_child(child_targets.refuse_with_own_message, workspace.root, workspace.actor, {})
    assert raised.value.message("zh") == "只在子进程里登记的提示：2031H1"
