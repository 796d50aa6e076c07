"""`hpdesk demo [--size small|large] [--seed N]`: fill a new workspace with believable 管城回族区 data."""

from __future__ import annotations

import argparse
import sys
import time

from typing import TYPE_CHECKING

from hpdesk.cli.registry import Command, Context, Output, option

if TYPE_CHECKING:  # --help imports nothing beyond the registry (tested)
    from hpdesk.domain.messages import Message

DEMO_SIZES = ("small", "large")  # services.demo.demo_builder's, written out so --help imports no service (tested)


class _StepPrinter:
    """Prints each new step of a long build to stderr (stdout stays clean for --json), and within a long step a
    `done/total` line at most every REPEAT_SECONDS."""

    REPEAT_SECONDS = 5.0

    def __init__(self) -> None:
        self._last = ""
        self._start = self._printed_at = time.perf_counter()

    def update(self, done: int, total: int, step: Message | None = None) -> None:
        now = time.perf_counter()
        message = step.text() if step is not None else ""  # the process locale, as every CLI line
        if not message or (message == self._last and now - self._printed_at < self.REPEAT_SECONDS):
            return
        counted = f" {done}/{total}" if message == self._last and total else ""
        self._last, self._printed_at = message, now
        sys.stderr.write(f"[{now - self._start:6.1f}s] {message}{counted}\n")
        sys.stderr.flush()


def run_demo(args: argparse.Namespace, context: Context) -> Output:
    # The demo builds its own workspace from scratch, so it takes the folder rather than an opened façade.
    from hpdesk.services.demo.demo_builder import build_demo

    result = build_demo(args.workspace, size=args.size, seed=args.seed, progress=_StepPrinter())
    counts = result.counts
    lines = [
        f"演示工作区已建立：{counts['workspace']}（{args.size}，种子 {args.seed}，用时 {result.seconds:.1f} 秒）",
        f"任务 {counts['tasks']} 项，指标 {counts['indicators']} 项，责任单位 {counts['units']} 个，"
        f"分派 {counts['assignments']} 项，报告期 {counts['periods']} 个，进展报告 {counts['reports']} 份，"
        f"佐证材料 {counts['evidence']} 项（附件 {counts['attachments']} 个），指标数值 {counts['indicator_values']} 条",
    ]
    if result.locked_period:
        lines.append(f"已报送并锁定的报告期：{result.locked_period}")
    if result.identity_passphrase:
        lines.append(f"演示用签名证书的口令是：{result.identity_passphrase}")
    return Output(result.to_json(), lines)


COMMANDS = (
    Command(("demo",), "fill a new workspace with demo data (small: instant; large: for scale tests)", run_demo, (
        option("--size", choices=DEMO_SIZES, default="small"),
        option("--seed", type=int, default=1, help="same seed, same data (default 1)"))),
)
