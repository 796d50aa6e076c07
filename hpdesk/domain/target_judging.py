"""Judge the county's values against a parsed target: met, not met, on track, off track, or needs judgement.

Rules (every verdict comes with a Chinese reason naming the numbers compared):
- a clerk's recorded judgement always wins (kept with who and when by the caller);
- threshold, judged in or after the target year: met / not_met. Before the target year: on_track if the value
  already meets the target, or if it is on or ahead of the straight line from the baseline (value, year) to the
  target in the target year; off_track if behind that line; needs_judgement when there is no baseline to draw it;
- relative ("比2019年提高10%", "提高1岁"): the target value is computed from the base year's value (history) or the
  baseline, then judged as a threshold. "10%" on a % indicator is ambiguous (relative or percentage points): both
  readings are computed and stated, and the verdict is needs_judgement unless both agree;
- rate ("每年递减1%", "每年降低1个百分点"): the expected value for the year is compounded (%) or stepped (百分点)
  from the baseline; compared like a threshold with the indicator's direction;
- trend up/down/better: the last two yearly values are compared; slowing: the last increment must be smaller than
  the one before (three values needed); vague trends (明显/显著) state the numbers but need judgement;
- state and unknown forms: needs_judgement.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from hpdesk.domain.measure_units import format_number
from hpdesk.domain.targets import Target, TargetPart


class Verdict(str, Enum):
    MET = "met"
    NOT_MET = "not_met"
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    NEEDS_JUDGEMENT = "needs_judgement"


VERDICT_LABELS = {
    Verdict.MET: "已达标", Verdict.NOT_MET: "未达标", Verdict.ON_TRACK: "进度正常", Verdict.OFF_TRACK: "进度落后",
    Verdict.NEEDS_JUDGEMENT: "需人工判断",
}


@dataclass(frozen=True)
class Judgement:
    verdict: Verdict
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"verdict": self.verdict.value, "label": VERDICT_LABELS[self.verdict], "reason": self.reason}


def _satisfies(value: float, part: TargetPart) -> bool:
    return {"≥": value >= part.value, ">": value > part.value, "≤": value <= part.value,
            "<": value < part.value, "=": value == part.value}.get(part.operator, False)


def judge(
    target: Target, *, year: int, target_year: int, history: dict[int, float] | None = None,
    baseline: float | None = None, baseline_year: int | None = None, direction: str | None = None,
    unit: str = "", clerk_verdict: str = "", clerk_reason: str = "",
) -> Judgement:
    """The verdict for `year` of an indicator whose target for `target_year` is `target`.

    `history` maps years to the county's numeric values (the value of `year` included when known); `baseline` and
    `baseline_year` come from the city's table; `direction` ('higher'/'lower') is the indicator's, stored or inferred.
    """
    if clerk_verdict:
        verdict = Verdict(clerk_verdict)
        return Judgement(verdict, f"人工判断：{VERDICT_LABELS[verdict]}" + (f"。{clerk_reason}" if clerk_reason else ""))
    history = dict(history or {})
    direction = target.direction or direction
    value = history.get(year)
    if target.kind in ("state", "unknown"):
        return Judgement(Verdict.NEEDS_JUDGEMENT, target.reason)
    if target.kind == "trend":
        return _judge_trend(target, history, year, unit, direction)
    if value is None:
        return Judgement(Verdict.NEEDS_JUDGEMENT, f"{year}年尚未填报数值")
    if target.kind == "threshold":
        if any(part.operator == "" for part in target.parts):
            if direction not in ("higher", "lower"):
                return Judgement(Verdict.NEEDS_JUDGEMENT, target.reason)
            operator = "≥" if direction == "higher" else "≤"
            parts = tuple(TargetPart(part.operator or operator, part.value, part.unit) for part in target.parts)
        else:
            parts = target.parts
        if len(parts) > 1:
            return Judgement(Verdict.NEEDS_JUDGEMENT, f"目标有 {len(parts)} 个分项（{target.text.strip()}），"
                                                      "一个数值无法对应全部分项，请分别判断")
        return _judge_threshold(parts[0], value, year, target_year, baseline, baseline_year, unit)
    if target.kind == "relative":
        return _judge_relative(target, value, year, target_year, history, baseline, baseline_year, unit)
    if target.kind == "rate":
        return _judge_rate(target, value, year, history, baseline, baseline_year, unit, direction)
    return Judgement(Verdict.NEEDS_JUDGEMENT, target.reason or "无法判断")


def _judge_threshold(part: TargetPart, value: float, year: int, target_year: int, baseline: float | None,
                     baseline_year: int | None, unit: str, prefix: str = "") -> Judgement:
    shown_value, shown_target = format_number(value, unit), f"{part.operator}{format_number(part.value, unit)}"
    if _satisfies(value, part):
        if year >= target_year:
            return Judgement(Verdict.MET, f"{prefix}{year}年值 {shown_value}，目标 {shown_target}，已达标")
        return Judgement(Verdict.ON_TRACK, f"{prefix}{year}年值 {shown_value} 已达到{target_year}年目标 {shown_target}")
    if year >= target_year:
        return Judgement(Verdict.NOT_MET, f"{prefix}{year}年值 {shown_value}，目标 {shown_target}，未达标")
    if baseline is None or baseline_year is None or baseline_year >= target_year:
        return Judgement(Verdict.NEEDS_JUDGEMENT, f"{prefix}{year}年值 {shown_value} 尚未达到{target_year}年目标 "
                                                  f"{shown_target}，且没有基期值，无法判断进度")
    share = (year - baseline_year) / (target_year - baseline_year)
    expected = baseline + (part.value - baseline) * share
    higher = part.operator in ("≥", ">")
    ahead = value >= expected if higher else value <= expected
    path = (f"按基期{baseline_year}年 {format_number(baseline, unit)} 到{target_year}年目标 {shown_target} 的线性进度，"
            f"{year}年应{'达到' if higher else '降到'} {format_number(round(expected, 4), unit)}，实际 {shown_value}")
    return Judgement(Verdict.ON_TRACK if ahead else Verdict.OFF_TRACK, f"{prefix}{path}，{'进度正常' if ahead else '进度落后'}")


def _base_value(target: Target, history: dict[int, float], baseline: float | None,
                baseline_year: int | None) -> tuple[float | None, int | None]:
    if target.base_year is not None:
        if target.base_year in history:
            return history[target.base_year], target.base_year
        if baseline_year == target.base_year:
            return baseline, baseline_year
        return None, target.base_year
    return baseline, baseline_year


def _judge_relative(target: Target, value: float, year: int, target_year: int, history: dict[int, float],
                    baseline: float | None, baseline_year: int | None, unit: str) -> Judgement:
    if target.change is None:
        return Judgement(Verdict.NEEDS_JUDGEMENT, target.reason)
    base, base_year = _base_value(target, history, baseline, baseline_year)
    if base is None:
        return Judgement(Verdict.NEEDS_JUDGEMENT, f"缺少{base_year or '基期'}年的数值，无法计算“{target.text.strip()}”的目标值")
    operator = "≥" if target.change > 0 else "≤"
    if target.change_unit == "%":
        relative = TargetPart(operator, round(base * (1 + target.change / 100), 4), unit)
    else:
        relative = TargetPart(operator, round(base + target.change, 4), unit)
    prefix = f"以{base_year}年 {format_number(base, unit)} 为基数，"
    first = _judge_threshold(relative, value, year, target_year, base, base_year, unit, prefix)
    if not target.ambiguity:
        return first
    points = TargetPart(operator, round(base + target.change, 4), unit)
    second = _judge_threshold(points, value, year, target_year, base, base_year, unit, prefix)
    if first.verdict == second.verdict:
        return Judgement(first.verdict, f"{target.ambiguity}；两种理解结论相同。{first.reason}")
    return Judgement(Verdict.NEEDS_JUDGEMENT, f"{target.ambiguity}：按相对提高，{first.reason}；"
                                              f"按百分点，{second.reason}。请人工判断")


def _judge_rate(target: Target, value: float, year: int, history: dict[int, float], baseline: float | None,
                baseline_year: int | None, unit: str, direction: str | None) -> Judgement:
    earlier = sorted(y for y in history if y < year)
    base_year = earlier[0] if earlier else baseline_year
    base = history.get(base_year) if earlier else baseline
    if base is None or base_year is None or target.change is None:
        return Judgement(Verdict.NEEDS_JUDGEMENT, f"“{target.text.strip()}”需要起始年份的数值才能计算")
    years = year - base_year
    if target.change_unit == "个百分点":
        expected = base + target.change * years
    else:
        expected = base * (1 + target.change / 100) ** years
    lower_better = target.change < 0
    ok = value <= expected + 1e-9 if lower_better else value >= expected - 1e-9
    reason = (f"从{base_year}年 {format_number(base, unit)} 起{target.reason}，{year}年应"
              f"{'不高于' if lower_better else '不低于'} {format_number(round(expected, 4), unit)}，实际 {format_number(value, unit)}")
    return Judgement(Verdict.MET if ok else Verdict.NOT_MET, reason + ("，已达标" if ok else "，未达标"))


def _judge_trend(target: Target, history: dict[int, float], year: int, unit: str, direction: str | None) -> Judgement:
    years = sorted(y for y in history if y <= year)
    if target.trend == "slowing":
        if len(years) < 3:
            return Judgement(Verdict.NEEDS_JUDGEMENT, "判断“增速放缓”需要至少三年的数值")
        a, b, c = (history[y] for y in years[-3:])
        ok = (c - b) < (b - a)
        reason = (f"{years[-2]}年比上年变化 {format_number(round(b - a, 4), unit)}，{years[-1]}年比上年变化 "
                  f"{format_number(round(c - b, 4), unit)}，增幅{'已放缓' if ok else '未放缓'}")
        return Judgement(Verdict.MET if ok else Verdict.NOT_MET, reason)
    if len(years) < 2:
        return Judgement(Verdict.NEEDS_JUDGEMENT, "判断趋势需要至少两年的数值")
    previous, latest = history[years[-2]], history[years[-1]]
    wanted = {"up": "higher", "down": "lower"}.get(target.trend, direction)
    if wanted not in ("higher", "lower"):
        return Judgement(Verdict.NEEDS_JUDGEMENT, target.reason or "需要先确定指标方向")
    ok = latest > previous if wanted == "higher" else latest < previous
    reason = (f"{years[-2]}年 {format_number(previous, unit)} → {years[-1]}年 {format_number(latest, unit)}，"
              f"{'符合' if ok else '不符合'}“{target.text.strip()}”")
    if target.vague:
        return Judgement(Verdict.NEEDS_JUDGEMENT, reason + "；目标含“明显/显著”等程度词，幅度是否足够需人工判断")
    return Judgement(Verdict.MET if ok else Verdict.NOT_MET, reason)
