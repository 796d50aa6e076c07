"""`build_demo`: create (or take an empty) workspace and fill it with the small or the large demo.

The office is 管城回族区卫生健康委员会 (区卫健委, 文号 prefix 管卫健). A workspace that already holds a plan is refused
(`demo_workspace_not_empty`): the demo never mixes with real data.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.services.demo import demo_content as content
from hpdesk.services.maintenance import count_summary
from hpdesk.services.progress import CancelToken, ProgressSink
from hpdesk.services.workspace import Workspace, office_profile, open_workspace, set_up_office

DEMO_SIZES = ("small", "large")

register_messages(
    {
        "demo_workspace_not_empty": (
            "工作区 {path} 中已有导入的计划，演示数据只能写入新的工作区。请用 --workspace 指定一个新文件夹。",
            "The workspace at {path} already holds an imported plan; demo data only goes into a new workspace. "
            "Use --workspace with a new folder.",
        ),
        "demo_city_workspace": (
            "工作区 {path} 是市级工作区；演示数据是一个县区的（管城回族区），只能写入新的工作区。请用 --workspace 指定一个新文件夹。",
            "The workspace at {path} is a city's; the demo is a county's (Guancheng district) and only goes into a new "
            "workspace. Use --workspace with a new folder.",
        ),
        "demo_size_unknown": ("演示规模 {size} 无效，应为 small 或 large。", "Unknown demo size {size}; use small or large."),
    }
)


@dataclass(frozen=True)
class DemoResult:
    size: str
    seed: int
    seconds: float
    counts: dict[str, object]
    locked_period: str | None
    identity_passphrase: str | None  # the demo signing identity's passphrase, when one was made

    def to_json(self) -> dict[str, object]:
        return {
            "size": self.size, "seed": self.seed, "seconds": round(self.seconds, 2),
            "locked_period": self.locked_period, "identity_passphrase": self.identity_passphrase, **self.counts,
        }


def _ensure_office(workspace: Workspace) -> None:
    if office_profile(workspace) is None:
        set_up_office(
            workspace, region=content.REGION, office=content.OFFICE_NAME, short_name=content.OFFICE_SHORT_NAME,
            doc_prefix=content.OFFICE_DOC_PREFIX, addressee=content.OFFICE_ADDRESSEE,
        )


def build_demo(
    root: Path | None, *, size: str = "small", seed: int = 1, today: date | None = None, actor: str | None = None,
    progress: ProgressSink | None = None, cancel: CancelToken | None = None,
) -> DemoResult:
    """Create the workspace at `root` (default workspace if None) if needed and fill it; returns the counts.

    `today` fixes the calendar (the last demo period is the half-year containing it). Raises UserError
    `demo_workspace_not_empty` for a workspace with a plan, `demo_city_workspace` for a city's (the demo would fill
    the city's own workspace with a county's units, reports and submission), and the workspace errors of
    `open_workspace`.
    """
    if size not in DEMO_SIZES:
        raise UserError("demo_size_unknown", size=size)
    started = time.perf_counter()
    with open_workspace(root, create=True, actor=actor) as workspace:
        if count_summary(workspace)["plans"]:
            raise UserError("demo_workspace_not_empty", path=str(workspace.root))
        profile = office_profile(workspace)
        if profile is not None and profile.level == "city":
            raise UserError("demo_city_workspace", path=str(workspace.root))
        _ensure_office(workspace)
        from hpdesk.services.demo import demo_large, demo_small

        build = demo_small.build_small_demo if size == "small" else demo_large.build_large_demo
        outcome = build(workspace, seed=seed, today=today, progress=progress, cancel=cancel)
        counts = count_summary(workspace)
    return DemoResult(size, seed, time.perf_counter() - started, counts, outcome.locked_period,
                      outcome.identity_passphrase)
