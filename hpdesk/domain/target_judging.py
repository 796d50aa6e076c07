"""Judge the county's values against a parsed target: met, not met, on track, off track, or needs judgement.

The rule (every verdict comes with a Chinese reason that names the numbers compared):
- A clerk's recorded judgement always wins; the reason says who decided and when.
- *Final* or *progress*: a year at or after the target year is judged final (met / not_met); a year before it is
  judged on progress (on_track / off_track).
- threshold: final — the year's value against the bound(s). Progress — on_track when the value already meets the
  target; otherwise the value is compared with the straight line from the start (the baseline value and year, or
  else the earliest earlier value in the history) to the target value in the target year: on or beyond the line is
  on_track, behind it off_track; no start → needs_judgement. Target units are converted to the value's unit
  (4‰ → 0.4%) when they differ; units that cannot be converted need judgement.
- sub-targets ("100; 75"): one value per part (`part_values`); a single value cannot be judged against them.
- relative ("比2019年提高10%", "提高1岁"): the target value is computed from the base year's value (history, or
  the baseline when its year matches; no base year = the baseline), then judged as a threshold from that base.
  "10%" on a % indicator is ambiguous (relative or percentage points): both readings are computed and stated, and the
  verdict is needs_judgement unless both agree.
- rate ("每年递减1%", "每年降低1个百分点"): the expected value for the year is compounded (%) or stepped (百分点,
  or the indicator's own unit) from the start; the value must be at or beyond it (final: met/not_met; progress:
  on_track/off_track). Ambiguous "1%" as above.
- trend up/down/better/consolidate: the points are the baseline plus the history up to the year. "持续/逐年/不断"
  (yearly) needs every step to go the right way; otherwise the year's value is compared with the first point;
  "巩固提升" with the previous point (unchanged at 100% or 0 counts as consolidated, otherwise unchanged needs
  judgement). better/consolidate follow the indicator's direction. slowing ("上升趋势暂缓", "增速下降"): the last
  yearly increment must be smaller than the one before (three points needed); "减缓" alone also has the reading
  "the value itself goes down" — both are checked. Vague trends (明显/显著) and targets about another quantity state
  the numbers but need judgement.
- state and unknown forms: needs_judgement, with the target's reason.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from hpdesk.domain.measure_units import can_convert, canonical_unit, convert, format_number
from hpdesk.domain.targets import TREND_LABELS, Target, TargetPart

_TOLERANCE = 1e-9


class Verdict(str, Enum):
    MET = "met"
    NOT_MET = "not_met"
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    NEEDS_JUDGEMENT = "needs_judgement"
    NO_VALUE = "no_value"  # the county has not entered the year's value yet: nothing to judge, nothing to decide


VERDICT_LABELS = {
    Verdict.MET: "已达标", Verdict.NOT_MET: "未达标", Verdict.ON_TRACK: "进度正常", Verdict.OFF_TRACK: "进度落后",
    Verdict.NEEDS_JUDGEMENT: "需人工判断", Verdict.NO_VALUE: "未填报",
}
CLERK_VERDICTS = tuple(v for v in Verdict if v is not Verdict.NO_VALUE)  # a clerk judges values, never their absence


@dataclass(frozen=True)
class Judgement:
    verdict: Verdict
    reason: str
    by_clerk: bool = False

    def to_json(self) -> dict[str, object]:
        return {"verdict": self.verdict.value, "label": VERDICT_LABELS[self.verdict], "reason": self.reason,
                "by_clerk": self.by_clerk}


def _ok_verdict(ok: bool, final: bool) -> Verdict:
    if final:
        return Verdict.MET if ok else Verdict.NOT_MET
    return Verdict.ON_TRACK if ok else Verdict.OFF_TRACK


def _needs(reason: str) -> Judgement:
    return Judgement(Verdict.NEEDS_JUDGEMENT, reason)


@dataclass(frozen=True)
class _Uncomputable:
    """Why a bound, a base or a goal cannot be computed: the judgement becomes 需人工判断 with this reason."""

    reason: str


def _not_reported(year: int) -> Judgement:
    return Judgement(Verdict.NO_VALUE, f"{year}年尚未填报数值")


def _without_label(judgement: Judgement) -> str:
    """The reason without its closing verdict words, when a verdict is withheld for judgement."""
    label = VERDICT_LABELS[judgement.verdict]
    return judgement.reason.removesuffix(f"，{label}").removesuffix(label)


def _satisfies(value: float, part: TargetPart) -> bool:
    slack = _TOLERANCE * max(1.0, abs(part.value))
    return {"≥": value >= part.value - slack, ">": value > part.value + slack, "≤": value <= part.value + slack,
            "<": value < part.value - slack, "=": abs(value - part.value) <= slack}.get(part.operator, False)


def _better_side(operator: str) -> str | None:
    return {"≥": "higher", ">": "higher", "≤": "lower", "<": "lower"}.get(operator)


@dataclass(frozen=True)
class _Context:
    year: int
    target_year: int
    history: dict[int, float]
    baseline: float | None
    baseline_year: int | None
    direction: str | None
    unit: str

    @property
    def final(self) -> bool:
        return self.year >= self.target_year

    def show(self, value: float) -> str:
        return format_number(round(value, 4), self.unit)

    def show_computed(self, value: float) -> str:
        """A computed value (a line, a compounded rate) rounded so a clerk can read it: 75.66%, 0.0952‰."""
        return format_number(round(value, 2) if abs(value) >= 1 else float(f"{value:.3g}"), self.unit)

    def start(self) -> tuple[float, int] | None:
        """Where progress is measured from: the baseline if it lies before the year, else the earliest earlier value."""
        if self.baseline is not None and self.baseline_year is not None and self.baseline_year < self.year:
            return self.baseline, self.baseline_year
        earlier = sorted(y for y in self.history if y < self.year)
        return (self.history[earlier[0]], earlier[0]) if earlier else None

    def points(self) -> list[tuple[int, float]]:
        """Baseline plus history, up to the year, in year order (the history wins where both give a year)."""
        merged = dict(self.history)
        if self.baseline is not None and self.baseline_year is not None:
            merged.setdefault(self.baseline_year, self.baseline)
        return sorted((y, v) for y, v in merged.items() if y <= self.year)


def judge(
    target: Target, *, year: int, target_year: int, history: dict[int, float] | None = None,
    baseline: float | None = None, baseline_year: int | None = None, direction: str | None = None,
    unit: str = "", clerk_verdict: str = "", clerk_reason: str = "", judged_by: str = "", judged_at: str = "",
    part_values: tuple[float, ...] | None = None, reported: bool | None = None,
) -> Judgement:
    """The verdict for `year` of an indicator whose target for `target_year` is `target` (see the module rule).

    `history` maps years to the county's numbers in the indicator's `unit` (the value of `year` included when known);
    `baseline`/`baseline_year` come from the city's table; `direction` ('higher'/'lower') is the indicator's, stored
    or inferred, used where the target text does not tell. `clerk_verdict` (a Verdict value) with `clerk_reason`,
    `judged_by` and `judged_at` is a recorded human judgement and wins. `part_values` are the values of a
    multi-part target's sub-indicators for `year`. `reported` says whether the county entered anything for `year`
    (a number or a text such as "已建立"); False gives no_value (未填报), never needs_judgement, so the counts tell a
    missing value from a question for the clerk. None infers it from `history`/`part_values`.
    Pure; never raises on odd numbers (NaN/inf need judgement).
    """
    if clerk_verdict:
        return _clerk_judgement(clerk_verdict, clerk_reason, judged_by, judged_at)
    if reported is False:
        return _not_reported(year)
    history = {y: float(v) for y, v in (history or {}).items() if v is not None}
    if any(not math.isfinite(v) for v in history.values()):
        return _needs("数值中有无法计算的数（如 NaN），请核对")
    context = _Context(year, target_year, history, baseline, baseline_year, target.direction or direction,
                       canonical_unit(unit))
    if target.kind in ("state", "unknown"):
        return _needs(target.reason or f"“{target.text.strip()}”需人工判断")
    if target.kind == "trend":
        return _judge_trend(target, context)
    if target.kind == "threshold" and target.sub_targets:
        return _judge_sub_targets(target, context, part_values)
    value = history.get(year)
    if value is None:
        if reported is None:
            return _not_reported(year)
        return _needs(f"{year}年填报的不是数值，无法与目标比较" + (f"（{target.reason}）" if target.reason else ""))
    if target.kind == "threshold":
        return _judge_bounds(target.parts, value, context, target.text)
    if target.kind == "relative":
        return _judge_relative(target, value, context)
    if target.kind == "rate":
        return _judge_rate(target, value, context)
    return _needs(target.reason or "无法判断")


def _clerk_judgement(verdict_value: str, reason: str, judged_by: str, judged_at: str) -> Judgement:
    try:
        verdict = Verdict(verdict_value)
    except ValueError:
        return _needs(f"记录的人工判断“{verdict_value}”无效，请重新判断")
    who = "，".join(filter(None, [judged_by, judged_at[:10] if judged_at else ""]))
    text = f"人工判断{f'（{who}）' if who else ''}：{VERDICT_LABELS[verdict]}" + (f"。{reason}" if reason else "")
    return Judgement(verdict, text, by_clerk=True)


# ---------------------------------------------------------------------------------------------------------- thresholds


def _resolve(parts: tuple[TargetPart, ...],
             context: _Context) -> tuple[tuple[TargetPart, ...], str] | _Uncomputable:
    """Parts with a known operator, in the value's unit; or the reason they cannot be judged."""
    resolved, notes = [], []
    for part in parts:
        operator = part.operator
        if not operator:
            if context.direction not in ("higher", "lower"):
                return _Uncomputable("目标只写了数字，需要先确定该指标是越高越好还是越低越好")
            operator = "≥" if context.direction == "higher" else "≤"
        value = part.value
        if part.unit and context.unit and canonical_unit(part.unit) != context.unit:
            if not can_convert(part.unit, context.unit):
                return _Uncomputable(f"目标单位“{part.unit}”与数值单位“{context.unit}”不同，无法换算，需人工判断")
            value = convert(part.value, part.unit, context.unit)
            notes.append(f"目标 {format_number(part.value, part.unit)} 折合 {context.show(value)}")
        resolved.append(TargetPart(operator, value, context.unit or part.unit))
    return tuple(resolved), "；".join(notes)


def _judge_bounds(parts: tuple[TargetPart, ...], value: float, context: _Context, text: str,
                  prefix: str = "", start: tuple[float, int] | None = None) -> Judgement:
    resolved = _resolve(parts, context)
    if isinstance(resolved, _Uncomputable):
        return _needs(f"{prefix}{context.year}年值 {context.show(value)}；{resolved.reason}")
    bounds, conversion = resolved
    prefix += f"{conversion}，" if conversion else ""
    shown_value = context.show(value)
    shown_target = " 且 ".join(f"{part.operator}{context.show(part.value)}" for part in bounds)
    if any(part.operator == "≈" for part in bounds):
        return _needs(f"{prefix}{context.year}年值 {shown_value}，目标“{text.strip()}”没有明确界限，是否达到需人工判断")
    missed = [part for part in bounds if not _satisfies(value, part)]
    if not missed:
        if context.final:
            if len(bounds) == 1:
                compared = f"{bounds[0].operator} 目标 {context.show(bounds[0].value)}"
            else:
                compared = f"在目标 {shown_target} 之内"
            return Judgement(Verdict.MET, f"{prefix}{context.year}年值 {shown_value} {compared}，已达标")
        return Judgement(Verdict.ON_TRACK, f"{prefix}{context.year}年值 {shown_value} 已达到{context.target_year}年"
                                           f"目标 {shown_target}，进度正常")
    if context.final:
        return Judgement(Verdict.NOT_MET, f"{prefix}{context.year}年值 {shown_value} 未达到目标 {shown_target}，未达标")
    start = start or context.start()
    part = missed[0]
    if start is None or start[1] >= context.target_year:
        return _needs(f"{prefix}{context.year}年值 {shown_value} 尚未达到{context.target_year}年目标 {shown_target}，"
                      "且没有基期值或往年数值，无法判断进度")
    start_value, start_year = start
    share = (context.year - start_year) / (context.target_year - start_year)
    expected = start_value + (part.value - start_value) * share
    higher = _better_side(part.operator) == "higher"
    ahead = value >= expected - _TOLERANCE if higher else value <= expected + _TOLERANCE
    since = "基期" if start_year == context.baseline_year and start_value == context.baseline else ""
    path = (f"按{since}{start_year}年 {context.show(start_value)} 到{context.target_year}年目标 {part.operator}"
            f"{context.show(part.value)} 的线性进度，{context.year}年应{'达到' if higher else '降到'} "
            f"{context.show_computed(expected)}，实际 {shown_value}")
    return Judgement(Verdict.ON_TRACK if ahead else Verdict.OFF_TRACK,
                     f"{prefix}{path}，{'进度正常' if ahead else '进度落后'}")


def _judge_sub_targets(target: Target, context: _Context, part_values: tuple[float, ...] | None) -> Judgement:
    if not part_values or len(part_values) != len(target.parts):
        return _needs(f"目标有 {len(target.parts)} 个分项（{target.text.strip()}），一个数值无法对应全部分项："
                      f"请按分项填报（如 {'; '.join(format_number(p.value) for p in target.parts)}）或人工判断")
    lines, verdicts = [], []
    for index, (part, value) in enumerate(zip(target.parts, part_values), 1):
        # Sub-indicators have no baselines of their own: progress is only "already there" or a question.
        single = _Context(context.year, context.year if context.final else context.target_year, {}, None, None,
                          context.direction, context.unit)
        judgement = _judge_bounds((part,), value, single, target.text, prefix=f"第{index}项：")
        verdicts.append(judgement.verdict)
        lines.append(judgement.reason)
    if Verdict.NEEDS_JUDGEMENT in verdicts:
        verdict = Verdict.NEEDS_JUDGEMENT
    elif context.final:
        verdict = Verdict.MET if all(v == Verdict.MET for v in verdicts) else Verdict.NOT_MET
    else:
        verdict = Verdict.ON_TRACK
    return Judgement(verdict, "；".join(lines))


# ------------------------------------------------------------------------------------------------- relative and rates


def _reading_of(change_unit: str, context: _Context) -> str:
    """How a change is applied: 'relative' (×(1+r)), 'points' (+r percentage points) or 'native' (+r in a unit)."""
    if change_unit == "%" and context.unit != "%":
        return "relative"
    if change_unit in ("%", "个百分点"):
        return "points"
    return "native"


def _apply(change: float, change_unit: str, base: float, context: _Context, steps: int,
           reading: str) -> float | _Uncomputable:
    """`base` after `steps` applications of `change` read as `reading`, or the reason it cannot be computed."""
    if reading == "relative":
        return base * (1 + change / 100) ** steps
    if reading == "points" or not change_unit or not context.unit:
        return base + change * steps
    if can_convert(change_unit, context.unit):
        return base + convert(change, change_unit, context.unit) * steps
    return _Uncomputable(f"变化量的单位“{change_unit}”与指标单位“{context.unit}”不同，无法换算")


def _step_text(change: float, change_unit: str, reading: str) -> str:
    unit = {"relative": "%", "points": "个百分点"}.get(reading, change_unit)
    return f"{'降低' if change < 0 else '提高'}{abs(change):g}{unit}"


def _two_readings(target: Target, compute) -> Judgement:
    """Judge both readings of an ambiguous "%": relative change and percentage points."""
    relative, points = compute("relative"), compute("points")
    if relative.verdict == points.verdict:
        return Judgement(relative.verdict, f"{target.ambiguity}；两种理解结论相同。按相对变化：{relative.reason}")
    return _needs(f"{target.ambiguity}。按相对变化：{relative.reason}；按百分点：{points.reason}。请人工判断")


def _base_of(target: Target, context: _Context) -> tuple[float, int | None] | _Uncomputable:
    if target.base_year is not None:
        if target.base_year in context.history:
            return context.history[target.base_year], target.base_year
        if context.baseline_year == target.base_year and context.baseline is not None:
            return context.baseline, target.base_year
        return _Uncomputable(f"缺少{target.base_year}年的数值，无法计算“{target.text.strip()}”的目标值")
    if context.baseline is not None:
        return context.baseline, context.baseline_year
    earlier = sorted(y for y in context.history if y < context.year)
    if earlier:
        return context.history[earlier[0]], earlier[0]
    return _Uncomputable(f"缺少基期值，无法计算“{target.text.strip()}”的目标值")


def _judge_relative(target: Target, value: float, context: _Context) -> Judgement:
    if target.change is None:
        return _needs(target.reason)
    base = _base_of(target, context)
    if isinstance(base, _Uncomputable):
        return _needs(base.reason)
    base_value, base_year = base
    change = target.change
    operator = "≥" if change > 0 else "≤"

    def compute(reading: str) -> Judgement:
        goal = _apply(change, target.change_unit, base_value, context, 1, reading)
        if isinstance(goal, _Uncomputable):
            return _needs(goal.reason)
        since = f"{base_year}年" if base_year else "基期"
        prefix = (f"以{since} {context.show(base_value)} 为基数，{_step_text(change, target.change_unit, reading)}"
                  f"即目标 {operator}{context.show(goal)}；")
        start = (base_value, base_year) if base_year is not None and base_year < context.year else None
        return _judge_bounds((TargetPart(operator, goal, context.unit),), value, context, target.text, prefix, start)

    if target.ambiguity:
        return _two_readings(target, compute)
    judgement = compute(_reading_of(target.change_unit, context))
    if target.vague and judgement.verdict != Verdict.NEEDS_JUDGEMENT:
        return _needs(f"{_without_label(judgement)}；但目标写“左右”，是否达到需人工判断")
    return judgement


def _judge_rate(target: Target, value: float, context: _Context) -> Judgement:
    start = context.start()
    if start is None or target.change is None:
        return _needs(f"“{target.text.strip()}”需要基期值或更早年份的数值才能计算")
    start_value, start_year = start
    change = target.change

    def compute(reading: str) -> Judgement:
        expected = _apply(change, target.change_unit, start_value, context, context.year - start_year, reading)
        if isinstance(expected, _Uncomputable):
            return _needs(expected.reason)
        lower = change < 0
        ok = value <= expected + _TOLERANCE if lower else value >= expected - _TOLERANCE
        verdict = _ok_verdict(ok, context.final)
        return Judgement(verdict, f"从{start_year}年 {context.show(start_value)} 起每年"
                                  f"{_step_text(change, target.change_unit, reading)}，{context.year}年应"
                                  f"{'不高于' if lower else '不低于'} {context.show_computed(expected)}，实际 "
                                  f"{context.show(value)}，{VERDICT_LABELS[verdict]}")

    if target.ambiguity:
        return _two_readings(target, compute)
    judgement = compute(_reading_of(target.change_unit, context))
    if target.vague and judgement.verdict != Verdict.NEEDS_JUDGEMENT:
        return _needs(f"{_without_label(judgement)}；但目标写“左右”，是否达到需人工判断")
    return judgement


# ---------------------------------------------------------------------------------------------------------- trends


def _judge_trend(target: Target, context: _Context) -> Judgement:
    if context.year not in context.history:
        return _needs(f"{context.year}年尚未填报数值")
    points = context.points()
    if target.trend == "slowing":
        judgement = _judge_slowing(points, context)
        if target.ambiguity:
            falling = _judge_direction(points, "lower", False, context, "下降")
            if judgement.verdict != falling.verdict:
                return _needs(f"{target.ambiguity}。按增幅缩小：{judgement.reason}；按数值下降：{falling.reason}。请人工判断")
            judgement = Judgement(judgement.verdict, f"{target.ambiguity}；两种理解结论相同。{judgement.reason}")
    else:
        wanted = {"up": "higher", "down": "lower"}.get(target.trend, context.direction)
        if wanted not in ("higher", "lower"):
            return _needs(target.reason or "需要先确定该指标越高越好还是越低越好")
        if target.trend == "consolidate":
            judgement = _judge_consolidation(points, wanted, context)
        else:
            judgement = _judge_direction(points, wanted, target.yearly, context, TREND_LABELS[target.trend])
    if judgement.verdict != Verdict.NEEDS_JUDGEMENT and (target.vague or target.subject):
        return _needs(f"{_without_label(judgement)}，数值变化的方向符合；{target.reason}")
    return judgement


def _moved(before: float, after: float, wanted: str) -> bool:
    return after > before + _TOLERANCE if wanted == "higher" else after < before - _TOLERANCE


def _judge_direction(points: list[tuple[int, float]], wanted: str, yearly: bool, context: _Context,
                     label: str) -> Judgement:
    if len(points) < 2:
        return _needs(f"判断“{label}”需要至少两个年份的数值（基期也算）")
    series = "，".join(f"{y}年 {context.show(v)}" for y, v in points)
    if yearly:
        broken = [(a, b) for a, b in zip(points, points[1:]) if not _moved(a[1], b[1], wanted)]
        ok = not broken
        detail = "每年都" + ("符合" if ok else f"应{label}，但{broken[0][1][0]}年没有比{broken[0][0][0]}年{label}")
    else:
        ok = _moved(points[0][1], points[-1][1], wanted)
        detail = f"{context.year}年比{points[0][0]}年{'已' if ok else '没有'}{label}"
    verdict = _ok_verdict(ok, context.final)
    return Judgement(verdict, f"{series}：{detail}，{VERDICT_LABELS[verdict]}")


def _judge_consolidation(points: list[tuple[int, float]], wanted: str, context: _Context) -> Judgement:
    if len(points) < 2:
        return _needs("判断“巩固提升”需要至少两个年份的数值（基期也算）")
    (before_year, before), (after_year, after) = points[-2], points[-1]
    series = f"{before_year}年 {context.show(before)} → {after_year}年 {context.show(after)}"
    if _moved(before, after, wanted):
        verdict = _ok_verdict(True, context.final)
        return Judgement(verdict, f"{series}，按指标方向有所提升，{VERDICT_LABELS[verdict]}")
    at_ceiling = wanted == "higher" and context.unit == "%" and after >= 100 - _TOLERANCE
    at_floor = wanted == "lower" and after == 0
    at_limit = abs(after - before) <= _TOLERANCE and (at_ceiling or at_floor)
    if at_limit:
        verdict = _ok_verdict(True, context.final)
        return Judgement(verdict, f"{series}，已处于{'上' if wanted == 'higher' else '下'}限并保持，{VERDICT_LABELS[verdict]}")
    if abs(after - before) <= _TOLERANCE:
        return _needs(f"{series}，与上年持平，是否算“巩固提升”需人工判断")
    verdict = _ok_verdict(False, context.final)
    return Judgement(verdict, f"{series}，按指标方向变差，{VERDICT_LABELS[verdict]}")


def _judge_slowing(points: list[tuple[int, float]], context: _Context) -> Judgement:
    """The rise has slowed when the latest yearly change is smaller than the one before, or is no rise at all."""
    if len(points) >= 2:
        (yb, b), (yc, c) = points[-2:]
        latest = (c - b) / (yc - yb)  # per year, so gaps between years do not distort
        if latest <= _TOLERANCE:
            verdict = _ok_verdict(True, context.final)
            return Judgement(verdict, f"{yb}年 {context.show(b)} → {yc}年 {context.show(c)}，已不再上升，"
                                      f"{VERDICT_LABELS[verdict]}")
    if len(points) < 3:
        return _needs("判断“增幅放缓”需要至少三个年份的数值（基期也算）")
    (ya, a), (yb, b), (yc, c) = points[-3:]
    earlier, latest = (b - a) / (yb - ya), (c - b) / (yc - yb)
    ok = latest < earlier - _TOLERANCE
    verdict = _ok_verdict(ok, context.final)
    return Judgement(verdict, f"{ya}—{yb}年每年变化 {context.show_computed(earlier)}，{yb}—{yc}年每年变化 "
                              f"{context.show_computed(latest)}，增幅{'已' if ok else '没有'}放缓，{VERDICT_LABELS[verdict]}")
