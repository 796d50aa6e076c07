"""Functions that tests/services/test_child_process.py runs in a spawned child (importable by name there)."""

from __future__ import annotations

from hpdesk.domain.errors import UserError
from hpdesk.domain.messages import register_messages
from hpdesk.services.progress import check_cancelled, report
from hpdesk.services.workspace import office_profile


def office_name_after_steps(workspace, steps: int, progress=None, cancel=None) -> str:  # type: ignore[no-untyped-def]
    register_messages({"child_step": ("第 {step} 步", "Step {step}")})  # only the child registers it
    for step in range(1, steps + 1):
        report(progress, step, steps, "child_step", step=step)
    profile = office_profile(workspace)
    return profile.name if profile else ""


def refuse(workspace, progress=None, cancel=None) -> None:  # type: ignore[no-untyped-def]
    raise UserError("period_unknown", label="2031H1")


def stop_when_cancelled(workspace, progress=None, cancel=None) -> None:  # type: ignore[no-untyped-def]
    while True:  # the parent sets the event before its first poll; this returns through OperationCancelled
        check_cancelled(cancel)


def crash(workspace, progress=None, cancel=None) -> None:  # type: ignore[no-untyped-def]
    raise ValueError("a bug of ours")


def refuse_with_own_message(workspace, progress=None, cancel=None) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.domain.errors import register_messages

    register_messages({"child_only_message": ("只在子进程里登记的提示：{label}", "Registered in the child: {label}")})
    raise UserError("child_only_message", label="2031H1")
