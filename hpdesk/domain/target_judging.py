"""Judge the county's values against a parsed target: met, not met, on track, off track, or needs judgement.

The rule (every verdict comes with a reason that names the numbers compared: a `Message`, rendered at the edge,
in Chinese for the packet and the Excel export, in the UI's language on screen):
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
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from hpdesk.domain.measure_units import can_convert, canonical_unit, convert, format_number
from hpdesk.domain.judging_messages import TREND_MESSAGES
from hpdesk.domain.messages import Message, joined
from hpdesk.domain.targets import Target, TargetPart, operator_direction

_TOLERANCE = 1e-9


class Verdict(str, Enum):
    MET = "met"
    NOT_MET = "not_met"
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    NEEDS_JUDGEMENT = "needs_judgement"
    NO_VALUE = "no_value"  # the county has not entered the year's value yet: nothing to judge, nothing to decide


VERDICT_MESSAGES = {verdict: Message.of(f"verdict_{verdict.value}") for verdict in Verdict}
# the Chinese words the packet and the Excel export print, whatever the UI language
VERDICT_LABELS = {verdict: message.text("zh") for verdict, message in VERDICT_MESSAGES.items()}
CLERK_VERDICTS = tuple(v for v in Verdict if v is not Verdict.NO_VALUE)  # a clerk judges values, never their absence


@dataclass(frozen=True)
class Judgement:
    """A verdict and its `reason`, a Message the front end renders: `reason.text("zh")` in documents."""

    verdict: Verdict
    reason: Message


def _verdicted(verdict: Verdict, body: Message) -> Judgement:
    """A judgement whose reason ends with its verdict's words ("…，已达标")."""
    return Judgement(verdict, Message.of("judge_with_verdict", body=body, verdict=VERDICT_MESSAGES[verdict]))


def _prefixed(prefix: Message | str, body: Message) -> Message:
    return Message.of("judge_prefixed", prefix=prefix, body=body) if prefix else body


def _ok_verdict(ok: bool, final: bool) -> Verdict:
    if final:
        return Verdict.MET if ok else Verdict.NOT_MET
    return Verdict.ON_TRACK if ok else Verdict.OFF_TRACK


def _needs(reason: Message) -> Judgement:
    return Judgement(Verdict.NEEDS_JUDGEMENT, reason)


def _not_reported(year: int) -> Judgement:
    return Judgement(Verdict.NO_VALUE, Message.of("judge_not_reported", year=year))


def _without_label(reason: Message) -> Message:
    """The reason without its closing verdict words, when a verdict is withheld for judgement (also inside the
    "both readings agree" wrapper, whose quoted reason carries the words)."""
    params = dict(reason.params)
    if reason.code == "judge_with_verdict":
        return params["body"]
    if reason.code in ("judge_readings_agree", "judge_slowing_readings_agree"):
        return Message.of(reason.code, **{**params, "reason": _without_label(params["reason"])})
    return reason


def _satisfies(value: float, part: TargetPart) -> bool:
    slack = _TOLERANCE * max(1.0, abs(part.value))
    return {"≥": value >= part.value - slack, ">": value > part.value + slack, "≤": value <= part.value + slack,
            "<": value < part.value - slack, "=": abs(value - part.value) <= slack}.get(part.operator, False)


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
        return _needs(Message.of("judge_not_finite"))
    context = _Context(year, target_year, history, baseline, baseline_year, target.direction or direction,
                       canonical_unit(unit))
    if target.kind in ("state", "unknown"):
        return _needs(target.reason or Message.of("judge_state", text=target.text.strip()))
    if target.kind == "trend":
        return _judge_trend(target, context)
    if target.kind == "threshold" and target.sub_targets:
        return _judge_sub_targets(target, context, part_values)
    value = history.get(year)
    if value is None:
        if reported is None:
            return _not_reported(year)
        if target.reason:
            return _needs(Message.of("judge_not_a_number_because", year=year, reason=target.reason))
        return _needs(Message.of("judge_not_a_number", year=year))
    if target.kind == "threshold":
        return _judge_bounds(target.parts, value, context, target.text)
    if target.kind == "relative":
        return _judge_relative(target, value, context)
    if target.kind == "rate":
        return _judge_rate(target, value, context)
    return _needs(target.reason or Message.of("judge_cannot_judge"))


def _clerk_judgement(verdict_value: str, reason: str, judged_by: str, judged_at: str) -> Judgement:
    try:
        verdict = Verdict(verdict_value)
    except ValueError:
        return _needs(Message.of("judge_invalid_clerk_verdict", verdict=verdict_value))
    when = judged_at[:10] if judged_at else ""
    who: Message | str = Message.of("judge_who_when", who=judged_by, when=when) if judged_by and when else \
        judged_by or when
    judged = (Message.of("judge_by_clerk_who", who=who, verdict=VERDICT_MESSAGES[verdict]) if who
              else Message.of("judge_by_clerk", verdict=VERDICT_MESSAGES[verdict]))
    text = Message.of("judge_by_clerk_why", judged=judged, reason=reason) if reason else judged
    return Judgement(verdict, text)


# ---------------------------------------------------------------------------------------------------------- thresholds


def _resolve(parts: tuple[TargetPart, ...],
             context: _Context) -> tuple[tuple[TargetPart, ...], Message | None] | Message:
    """Parts with a known operator, in the value's unit, and the note of any conversion; or the reason they cannot
    be judged."""
    resolved: list[TargetPart] = []
    notes: list[Message] = []
    for part in parts:
        operator = part.operator
        if not operator:
            if context.direction not in ("higher", "lower"):
                return Message.of("judge_direction_unknown")
            operator = "≥" if context.direction == "higher" else "≤"
        value = part.value
        if part.unit and context.unit and canonical_unit(part.unit) != context.unit:
            if not can_convert(part.unit, context.unit):
                return Message.of("judge_units_differ", target_unit=part.unit, unit=context.unit)
            value = convert(part.value, part.unit, context.unit)
            notes.append(Message.of("judge_converted", target=format_number(part.value, part.unit),
                                    converted=context.show(value)))
        resolved.append(TargetPart(operator, value, context.unit or part.unit))
    return tuple(resolved), joined(notes)


def _judge_bounds(parts: tuple[TargetPart, ...], value: float, context: _Context, text: str,
                  prefix: Message | str = "", start: tuple[float, int] | None = None) -> Judgement:
    resolved = _resolve(parts, context)
    if isinstance(resolved, Message):
        return _needs(_prefixed(prefix, Message.of("judge_value_then", year=context.year, value=context.show(value),
                                                   reason=resolved)))
    bounds, conversion = resolved
    if conversion is not None:
        note = Message.of("judge_converted_prefix", notes=conversion)
        prefix = Message.of("judge_prefixed", prefix=prefix, body=note) if prefix else note
    shown_value = context.show(value)
    shown = [f"{part.operator}{context.show(part.value)}" for part in bounds]
    shown_target: Message | str = shown[0]
    for bound in shown[1:]:
        shown_target = Message.of("judge_bounds_and", first=shown_target, second=bound)
    year = context.year
    if any(part.operator == "≈" for part in bounds):
        return _needs(_prefixed(prefix, Message.of("judge_no_clear_bound", year=year, value=shown_value,
                                                   text=text.strip())))
    missed = [part for part in bounds if not _satisfies(value, part)]
    if not missed:
        if context.final:
            if len(bounds) == 1:
                compared = Message.of("judge_compared_one", operator=bounds[0].operator,
                                      target=context.show(bounds[0].value))
            else:
                compared = Message.of("judge_compared_within", target=shown_target)
            return _verdicted(Verdict.MET, _prefixed(prefix, Message.of("judge_met", year=year, value=shown_value,
                                                                        compared=compared)))
        return _verdicted(Verdict.ON_TRACK, _prefixed(prefix, Message.of(
            "judge_reached_early", year=year, value=shown_value, target_year=context.target_year,
            target=shown_target)))
    if context.final:
        return _verdicted(Verdict.NOT_MET, _prefixed(prefix, Message.of("judge_missed", year=year, value=shown_value,
                                                                        target=shown_target)))
    start = start or context.start()
    part = missed[0]
    if start is None or start[1] >= context.target_year:
        return _needs(_prefixed(prefix, Message.of("judge_no_start", year=year, value=shown_value,
                                                   target_year=context.target_year, target=shown_target)))
    start_value, start_year = start
    share = (context.year - start_year) / (context.target_year - start_year)
    expected = start_value + (part.value - start_value) * share
    higher = operator_direction(part.operator) == "higher"
    ahead = value >= expected - _TOLERANCE if higher else value <= expected + _TOLERANCE
    since = Message.of("judge_baseline_word") if start_year == context.baseline_year and \
        start_value == context.baseline else ""
    path = Message.of("judge_path_up" if higher else "judge_path_down", since=since, start_year=start_year,
                      start=context.show(start_value), target_year=context.target_year, operator=part.operator,
                      target=context.show(part.value), year=year, expected=context.show_computed(expected),
                      value=shown_value)
    return _verdicted(Verdict.ON_TRACK if ahead else Verdict.OFF_TRACK, _prefixed(prefix, path))


def _judge_sub_targets(target: Target, context: _Context, part_values: tuple[float, ...] | None) -> Judgement:
    if not part_values or len(part_values) != len(target.parts):
        return _needs(Message.of("judge_parts_mismatch", count=len(target.parts), text=target.text.strip(),
                                 example="; ".join(format_number(p.value) for p in target.parts)))
    # Sub-indicators have no baselines of their own: progress is only "already there" or a question.
    single = _Context(context.year, context.year if context.final else context.target_year, {}, None, None,
                      context.direction, context.unit)
    judgements = [_judge_bounds((part,), value, single, target.text, Message.of("judge_part_prefix", index=index))
                  for index, (part, value) in enumerate(zip(target.parts, part_values), 1)]
    verdicts = [judgement.verdict for judgement in judgements]
    if Verdict.NEEDS_JUDGEMENT in verdicts:
        verdict = Verdict.NEEDS_JUDGEMENT
    elif context.final:
        verdict = Verdict.MET if all(v == Verdict.MET for v in verdicts) else Verdict.NOT_MET
    else:
        verdict = Verdict.ON_TRACK
    reasons = joined([judgement.reason for judgement in judgements])  # one per part, never none
    return Judgement(verdict, reasons or Message.of("judge_cannot_judge"))


# ------------------------------------------------------------------------------------------------- relative and rates


def _reading_of(change_unit: str, context: _Context) -> str:
    """How a change is applied: 'relative' (×(1+r)), 'points' (+r percentage points) or 'native' (+r in a unit)."""
    if change_unit == "%" and context.unit != "%":
        return "relative"
    if change_unit in ("%", "个百分点"):
        return "points"
    return "native"


def _apply(change: float, change_unit: str, base: float, context: _Context, steps: int,
           reading: str) -> float | Message:
    """`base` after `steps` applications of `change` read as `reading`, or the reason it cannot be computed."""
    if reading == "relative":
        return base * (1 + change / 100) ** steps
    if reading == "points" or not change_unit or not context.unit:
        return base + change * steps
    if can_convert(change_unit, context.unit):
        return base + convert(change, change_unit, context.unit) * steps
    return Message.of("judge_units_differ_change", change_unit=change_unit, unit=context.unit)


def _step_text(change: float, change_unit: str, reading: str) -> Message:
    direction = "down" if change < 0 else "up"
    if reading in ("relative", "points"):
        return Message.of(f"judge_step_{direction}_{reading}", amount=f"{abs(change):g}")
    return Message.of(f"judge_step_{direction}", amount=f"{abs(change):g}", unit=change_unit)


def _by_reading(target: Target, context: _Context, compute: Callable[[str], Judgement]) -> Judgement:
    """`compute` under the change's reading; an ambiguous "%" is judged under both readings (relative change and
    percentage points), and a vague target's verdict only proposes one (needs judgement)."""
    if target.ambiguity:
        relative, points = compute("relative"), compute("points")
        if relative.verdict == points.verdict:
            return Judgement(relative.verdict, Message.of("judge_readings_agree", ambiguity=target.ambiguity,
                                                          reason=relative.reason))
        return _needs(Message.of("judge_readings_differ", ambiguity=target.ambiguity, relative=relative.reason,
                                 points=points.reason))
    judgement = compute(_reading_of(target.change_unit, context))
    if target.vague and judgement.verdict != Verdict.NEEDS_JUDGEMENT:
        return _needs(Message.of("judge_vague", body=_without_label(judgement.reason)))
    return judgement


def _base_of(target: Target, context: _Context) -> tuple[float, int | None] | Message:
    if target.base_year is not None:
        if target.base_year in context.history:
            return context.history[target.base_year], target.base_year
        if context.baseline_year == target.base_year and context.baseline is not None:
            return context.baseline, target.base_year
        return Message.of("judge_missing_base_year", year=target.base_year, text=target.text.strip())
    if context.baseline is not None:
        return context.baseline, context.baseline_year
    earlier = sorted(y for y in context.history if y < context.year)
    if earlier:
        return context.history[earlier[0]], earlier[0]
    return Message.of("judge_missing_base", text=target.text.strip())


def _judge_relative(target: Target, value: float, context: _Context) -> Judgement:
    if target.change is None:
        return _needs(target.reason or Message.of("judge_cannot_judge"))
    base = _base_of(target, context)
    if isinstance(base, Message):
        return _needs(base)
    base_value, base_year = base
    change = target.change
    operator = "≥" if change > 0 else "≤"

    def compute(reading: str) -> Judgement:
        goal = _apply(change, target.change_unit, base_value, context, 1, reading)
        if isinstance(goal, Message):
            return _needs(goal)
        since = Message.of("judge_base_year", year=base_year) if base_year else Message.of("judge_base_baseline")
        prefix = Message.of("judge_relative_prefix", since=since, base=context.show(base_value),
                            step=_step_text(change, target.change_unit, reading), operator=operator,
                            goal=context.show(goal))
        start = (base_value, base_year) if base_year is not None and base_year < context.year else None
        return _judge_bounds((TargetPart(operator, goal, context.unit),), value, context, target.text, prefix, start)

    return _by_reading(target, context, compute)


def _judge_rate(target: Target, value: float, context: _Context) -> Judgement:
    start = context.start()
    if start is None or target.change is None:
        return _needs(Message.of("judge_rate_needs_start", text=target.text.strip()))
    start_value, start_year = start
    change = target.change

    def compute(reading: str) -> Judgement:
        expected = _apply(change, target.change_unit, start_value, context, context.year - start_year, reading)
        if isinstance(expected, Message):
            return _needs(expected)
        lower = change < 0
        ok = value <= expected + _TOLERANCE if lower else value >= expected - _TOLERANCE
        verdict = _ok_verdict(ok, context.final)
        return _verdicted(verdict, Message.of(
            "judge_rate_down" if lower else "judge_rate_up", start_year=start_year, start=context.show(start_value),
            step=_step_text(change, target.change_unit, reading), year=context.year,
            expected=context.show_computed(expected), value=context.show(value)))

    return _by_reading(target, context, compute)


# ---------------------------------------------------------------------------------------------------------- trends


def _judge_trend(target: Target, context: _Context) -> Judgement:
    if context.year not in context.history:
        return _needs(Message.of("judge_not_reported", year=context.year))
    points = context.points()
    if target.trend == "slowing":
        judgement = _judge_slowing(points, context)
        if target.ambiguity:
            falling = _judge_direction(points, "lower", False, context, "down")
            if judgement.verdict != falling.verdict:
                return _needs(Message.of("judge_slowing_readings_differ", ambiguity=target.ambiguity,
                                         slowing=judgement.reason, falling=falling.reason))
            judgement = Judgement(judgement.verdict, Message.of("judge_slowing_readings_agree",
                                                                ambiguity=target.ambiguity, reason=judgement.reason))
    else:
        wanted = {"up": "higher", "down": "lower"}.get(target.trend, context.direction)
        if wanted not in ("higher", "lower"):
            return _needs(target.reason or Message.of("judge_direction_first"))
        if target.trend == "consolidate":
            judgement = _judge_consolidation(points, wanted, context)
        else:
            judgement = _judge_direction(points, wanted, target.yearly, context, target.trend)
    if judgement.verdict != Verdict.NEEDS_JUDGEMENT and (target.vague or target.subject):
        return _needs(Message.of("judge_direction_fits", body=_without_label(judgement.reason), reason=target.reason))
    return judgement


def _moved(before: float, after: float, wanted: str) -> bool:
    return after > before + _TOLERANCE if wanted == "higher" else after < before - _TOLERANCE


def _judge_direction(points: list[tuple[int, float]], wanted: str, yearly: bool, context: _Context,
                     trend: str) -> Judgement:
    """`trend` is the target's word for the movement wanted (targets.TREND_LABELS' keys)."""
    label = TREND_MESSAGES[trend]
    if len(points) < 2:
        return _needs(Message.of("judge_two_years_needed", trend=label))
    series = _series(points, context)
    detail: Message
    if yearly:
        broken = [(a, b) for a, b in zip(points, points[1:]) if not _moved(a[1], b[1], wanted)]
        ok = not broken
        detail = Message.of("judge_every_year_fits") if ok else Message.of(
            "judge_year_broken", trend=label, year=broken[0][1][0], before=broken[0][0][0])
    else:
        ok = _moved(points[0][1], points[-1][1], wanted)
        detail = Message.of("judge_moved" if ok else "judge_not_moved", year=context.year, first=points[0][0],
                            trend=label)
    verdict = _ok_verdict(ok, context.final)
    return _verdicted(verdict, Message.of("judge_trend_result", series=series, detail=detail))


def _series(points: list[tuple[int, float]], context: _Context) -> Message:
    """"2019年 53.97%，2020年 60%": each year's value, in year order."""
    shown = [Message.of("judge_series_point", year=y, value=context.show(v)) for y, v in points]
    series = shown[-1]
    for point in reversed(shown[:-1]):
        series = Message.of("judge_series_more", first=point, rest=series)
    return series


def _judge_consolidation(points: list[tuple[int, float]], wanted: str, context: _Context) -> Judgement:
    if len(points) < 2:
        return _needs(Message.of("judge_two_years_needed", trend=TREND_MESSAGES["consolidate"]))
    (before_year, before), (after_year, after) = points[-2], points[-1]
    series = Message.of("judge_step_series", before_year=before_year, before=context.show(before),
                        after_year=after_year, after=context.show(after))
    if _moved(before, after, wanted):
        return _verdicted(_ok_verdict(True, context.final), Message.of("judge_improved", series=series))
    at_ceiling = wanted == "higher" and context.unit == "%" and after >= 100 - _TOLERANCE
    at_floor = wanted == "lower" and after == 0
    at_limit = abs(after - before) <= _TOLERANCE and (at_ceiling or at_floor)
    if at_limit:
        return _verdicted(_ok_verdict(True, context.final),
                          Message.of("judge_at_ceiling" if wanted == "higher" else "judge_at_floor", series=series))
    if abs(after - before) <= _TOLERANCE:
        return _needs(Message.of("judge_level", series=series))
    return _verdicted(_ok_verdict(False, context.final), Message.of("judge_worse", series=series))


def _judge_slowing(points: list[tuple[int, float]], context: _Context) -> Judgement:
    """The rise has slowed when the latest yearly change is smaller than the one before, or is no rise at all."""
    if len(points) >= 2:
        (yb, b), (yc, c) = points[-2:]
        latest = (c - b) / (yc - yb)  # per year, so gaps between years do not distort
        if latest <= _TOLERANCE:
            series = Message.of("judge_step_series", before_year=yb, before=context.show(b), after_year=yc,
                                after=context.show(c))
            return _verdicted(_ok_verdict(True, context.final), Message.of("judge_no_longer_rising", series=series))
    if len(points) < 3:
        return _needs(Message.of("judge_three_years_needed"))
    (ya, a), (yb, b), (yc, c) = points[-3:]
    earlier, latest = (b - a) / (yb - ya), (c - b) / (yc - yb)
    ok = latest < earlier - _TOLERANCE
    return _verdicted(_ok_verdict(ok, context.final), Message.of(
        "judge_slowed" if ok else "judge_not_slowed", ya=ya, yb=yb, yc=yc, earlier=context.show_computed(earlier),
        latest=context.show_computed(latest)))
