"""Run a heavy service call in a child process, so that it cannot stall the UI.

Threads are not enough for the export: reportlab, fontTools, openpyxl and pyHanko spend long stretches in C code
that holds the GIL (100–200 ms at a time, measured), and the UI thread cannot run meanwhile. A spawned child has its
own interpreter. The call's progress and the Cancel button cross over through a queue and an event; the result
comes back pickled; a UserError comes back as its code and parameters, so the clerk sees the same message.

The parent keeps the workspace lock and its JobRunner worker waits here for the child, so nothing else writes to
the workspace meanwhile; the child opens it with `attach_workspace` (no lock, no migration).

The target is a module-level function passed by reference (pickled by its qualified name, imported again in the
child), so import-linter and PyInstaller see the dependency. Its module must stay light, importing the heavy stack
inside the function: the parent imports it to pass the function, and unpickles the result, so results are plain data
or dataclasses of light modules (services/exporting/child_jobs.py). A UserError or a progress step arrives with its message templates.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import queue
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from hpdesk.domain.errors import OperationCancelled, UserError
from hpdesk.domain.messages import Message, message_template, register_messages
from hpdesk.services.progress import CancelToken, ProgressSink

log = logging.getLogger(__name__)

POLL_SECONDS = 0.1
Result = TypeVar("Result")


class ChildProcessFailed(RuntimeError):
    """The child raised something that is not the user's mistake, or died; the message carries its traceback."""


def run_in_child(target: Callable[..., Result], workspace_root: Path, actor: str, kwargs: dict[str, Any],
                 progress: ProgressSink | None = None, cancel: CancelToken | None = None) -> Result:
    """Call `target` (a module-level function) as target(workspace, **kwargs, progress=…, cancel=…) in a child.

    Returns what it returns; raises the UserError or OperationCancelled it raised, ChildProcessFailed otherwise.
    Cancelling `cancel` asks the child to stop at its next check; the child is always waited for (never killed
    mid-write: the services finish or roll back on their own).
    """
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no Qt, no threads copied by fork
    messages = context.Queue()
    stop = context.Event()
    child = context.Process(target=_child_main, args=(target, str(workspace_root), actor, kwargs, messages, stop),
                            name=f"hpdesk-{target.__name__}", daemon=True)
    child.start()
    try:
        while True:
            if cancel is not None and cancel.cancelled:
                stop.set()
            try:
                message = messages.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if not child.is_alive():
                    raise ChildProcessFailed(f"{target.__qualname__} ended without an answer "
                                             f"(exit code {child.exitcode})")
                continue
            kind, payload = message
            if kind == "progress":
                done, total, step = payload
                if progress is not None:
                    progress.update(done, total, _arrived(step))
            elif kind == "result":
                result: Result = payload
                return result
            elif kind == "user_error":
                error = _arrived(payload)
                assert error is not None  # the child always sends the error's message
                raise UserError(error.code, **dict(error.params))
            elif kind == "cancelled":
                raise OperationCancelled()
            else:
                raise ChildProcessFailed(payload)
    finally:
        child.join()


class _QueueProgress:
    def __init__(self, messages: Any) -> None:
        self._messages = messages

    def update(self, done: int, total: int, message: Message | None = None) -> None:
        self._messages.put(("progress", (done, total, _portable(message))))


def _portable(message: Message | None) -> tuple[Message, tuple[str, str] | None] | None:
    """The message with its catalogue texts: the parent may never have imported the module registering them."""
    return None if message is None else (message, message_template(message.code))


def _arrived(portable: tuple[Message, tuple[str, str] | None] | None) -> Message | None:
    if portable is None:
        return None
    message, templates = portable
    if templates is not None:
        register_messages({message.code: templates})
    return message


class _EventCancelToken(CancelToken):
    """A CancelToken backed by the parent's multiprocessing Event."""

    def __init__(self, event: Any) -> None:
        self._event = event


def _child_main(target: Callable[..., Any], root: str, actor: str, kwargs: dict[str, Any], messages: Any,
                stop: Any) -> None:
    from hpdesk.logging_setup import configure
    from hpdesk.services.workspace import attach_workspace

    configure(Path(root) / "logs")
    try:
        workspace = attach_workspace(Path(root), actor)
        try:
            result = target(workspace, **kwargs, progress=_QueueProgress(messages), cancel=_EventCancelToken(stop))
        finally:
            workspace.close()
        messages.put(("result", result))
    except UserError as error:
        messages.put(("user_error", _portable(error.as_message())))
    except OperationCancelled:
        messages.put(("cancelled", None))
    except BaseException:  # noqa: BLE001 - everything else is ours: the parent logs it with this traceback
        logging.getLogger(__name__).exception("%s failed in the child process", target.__qualname__)
        messages.put(("error", f"{target.__qualname__} failed:\n{traceback.format_exc()}"))
    finally:
        # Everything this process made ends with it, and the parent waits for the exit: unfrozen, the interpreter's
        # exit walks it all in several full collections (about 0.3 s CPU after the export's imports, at load 11).
        gc.freeze()
