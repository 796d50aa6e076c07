"""Understand an indicator target as the city wrote it, keeping the text verbatim (DOMAIN.md, "Targets").

Kinds:
- threshold: "≥92.3", "<14%", "≤4‰", "不低于22%", "控制在10%以下", bare "25" (read with the direction), "100; 75";
- relative: "比2019年提高10%", "提高1岁", "提高30%", "同比例提高";
- rate: "每年递减1%", "力争每年降低1个百分点";
- trend: "持续提高", "逐年下降", "上升趋势暂缓", "明显下降", "增速下降";
- state: "实现", "基本实现", "持续保持", "有效控制", "保持基本消除", "所有…均开展";
- unknown: anything else (never guessed: it needs the clerk's judgement).
`needs_judgement` is set, with a Chinese reason, where the text cannot be checked against numbers by itself (states,
vague words such as 明显/显著, unknown forms, a bare number without a direction).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from hpdesk.domain.measure_units import canonical_unit

NUMBER = r"(?P<value>[-+]?\d+(?:\.\d+)?)"
VAGUE_WORDS = ("明显", "显著", "大幅", "较大")
_UP_VERBS = ("提高", "增加", "上升", "增长", "提升", "递增")
_DOWN_VERBS = ("降低", "下降", "减少", "递减", "减缓", "降")
_FULL_WIDTH = str.maketrans({"％": "%", "＞": ">", "＜": "<", "≧": "≥", "≦": "≤", "＝": "=", "；": ";",
                             "，": ",", "（": "(", "）": ")", "．": "."})

_THRESHOLD = re.compile(rf"^(?P<op>≥|≤|>=|<=|>|<|=)?{NUMBER}(?P<unit>%|‰|岁|例|名|人|小时|/10万)?$")
_WORD_THRESHOLDS = (
    (re.compile(rf"^(?:不低于|不少于|达到|至少){NUMBER}(?P<unit>%|‰|岁)?(?:以上)?$"), "≥"),
    (re.compile(rf"^{NUMBER}(?P<unit>%|‰|岁)?(?:以上|及以上)$"), "≥"),
    (re.compile(rf"^(?:不高于|不超过|控制在|低于)?{NUMBER}(?P<unit>%|‰|岁)?(?:以下|以内)$"), "≤"),
    (re.compile(rf"^(?:不高于|不超过){NUMBER}(?P<unit>%|‰|岁)?$"), "≤"),
    (re.compile(rf"^低于{NUMBER}(?P<unit>%|‰|岁)?$"), "<"),
)
_RELATIVE = re.compile(
    rf"^(?:力争)?(?:比(?P<year>(?:19|20)\d{{2}})年?(?:底)?)?(?P<verb>{'|'.join(_UP_VERBS + _DOWN_VERBS)}){NUMBER}"
    r"(?P<unit>%|个百分点|百分点|岁|‰)?$"
)
_RATE = re.compile(
    rf"^(?:力争)?(?:每年|年均|逐年)(?P<verb>{'|'.join(_UP_VERBS + _DOWN_VERBS)}){NUMBER}(?P<unit>%|个百分点|百分点|‰)?$"
)
_TRENDS = (
    (("上升趋势暂缓", "增速下降", "增速放缓", "增幅下降", "持续减缓", "减缓"), "slowing"),
    (("逐年下降", "持续下降", "不断下降", "明显下降", "显著下降", "下降", "降低", "减少"), "down"),
    (("持续提高", "不断提高", "稳步提升", "持续提升", "逐年提高", "显著提高", "明显提高", "巩固提升", "提高", "提升",
      "增加", "上升"), "up"),
    (("持续改善", "明显改善", "显著改善", "改善", "巩固"), "better"),
)
_STATES = ("保持基本消除", "基本消除", "基本实现", "全面实现", "实现", "持续保持", "保持", "有效控制", "全覆盖", "建立",
           "完成", "消除", "均开展", "开展")


@dataclass(frozen=True)
class TargetPart:
    operator: str  # ≥ ≤ > < = or "" (bare number without a known direction)
    value: float
    unit: str


@dataclass(frozen=True)
class Target:
    text: str
    kind: str  # threshold | relative | rate | trend | state | unknown
    parts: tuple[TargetPart, ...] = ()
    base_year: int | None = None  # relative: "比2019年…"
    change: float | None = None  # relative/rate: signed amount (+ up, − down)
    change_unit: str = ""  # % (relative), 个百分点, 岁 …
    trend: str = ""  # up | down | slowing | better
    vague: bool = False
    needs_judgement: bool = False
    reason: str = ""  # why it needs judgement, or what it means
    ambiguity: str = ""  # e.g. relative % versus percentage points
    direction: str | None = None  # higher | lower, when the text itself tells

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["parts"] = [asdict(part) for part in self.parts]
        return data

    @staticmethod
    def from_json(data: dict[str, object]) -> Target:
        values = dict(data)
        values["parts"] = tuple(TargetPart(**part) for part in values.get("parts", []))  # type: ignore[arg-type, union-attr]
        return Target(**values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class ParsedValue:
    """A value as written ('95.25%以上', '近3000万元', '53.97(截至2019年3月)'): number, qualifier, unit, note."""

    text: str
    number: float | None
    qualifier: str = ""  # 以上 / 以下 / 近 / 接近 / 约 / ≥ / ≤ …
    unit: str = ""
    note: str = ""


def normalise_text(text: str) -> str:
    return re.sub(r"\s+", "", (text or "").translate(_FULL_WIDTH)).strip("。.")


def _direction_of_operator(operator: str) -> str | None:
    return {"≥": "higher", ">": "higher", "≤": "lower", "<": "lower"}.get(operator)


def _sign(verb: str) -> int:
    return -1 if verb in _DOWN_VERBS else 1


def _parse_threshold(text: str, unit: str, direction: str | None) -> TargetPart | None:
    match = _THRESHOLD.match(text)
    operator = None
    if match:
        operator = {">=": "≥", "<=": "≤"}.get(match.group("op") or "", match.group("op") or "")
    else:
        for pattern, word_operator in _WORD_THRESHOLDS:
            match = pattern.match(text)
            if match:
                operator = word_operator
                break
    if not match or operator is None:
        return None
    if operator == "":
        operator = {"higher": "≥", "lower": "≤"}.get(direction or "", "")
    part_unit = canonical_unit(match.group("unit") or unit)
    return TargetPart(operator, float(match.group("value")), part_unit)


def parse_target(text: str, unit: str = "", direction: str | None = None) -> Target:
    """The structured form of `text` for an indicator measured in `unit`. Never raises."""
    try:
        return _parse(text or "", unit or "", direction)
    except Exception as error:  # a parser must never take the app down; say we could not read it
        return Target(text, "unknown", needs_judgement=True, reason=f"无法识别的目标写法（{type(error).__name__}）")


def _parse(text: str, unit: str, direction: str | None) -> Target:
    compact = normalise_text(text)
    if not compact or compact in {"—", "-", "/", "无"}:
        return Target(text, "unknown", needs_judgement=True, reason="没有目标值")
    vague = any(word in compact for word in VAGUE_WORDS)
    pieces = [piece for piece in re.split(r"[;,、]", compact) if piece]
    parts = [_parse_threshold(piece, unit, direction) for piece in pieces]
    if parts and all(parts):
        real_parts = tuple(part for part in parts if part is not None)
        operators = {part.operator for part in real_parts}
        implied = _direction_of_operator(next(iter(operators))) if len(operators) == 1 else None
        if "" in operators:
            return Target(text, "threshold", real_parts, needs_judgement=True, direction=None,
                          reason="目标只写了数字，需要先确定该指标是越高越好还是越低越好")
        reason = "分项目标：" + "；".join(f"{p.operator}{p.value:g}" for p in real_parts) if len(real_parts) > 1 else ""
        return Target(text, "threshold", real_parts, direction=implied or direction, reason=reason)
    match = _RATE.match(compact)
    if match:
        change = _sign(match.group("verb")) * float(match.group("value"))
        change_unit = "个百分点" if "百分点" in (match.group("unit") or "") else (match.group("unit") or "%")
        return Target(text, "rate", change=change, change_unit=change_unit,
                      direction="higher" if change > 0 else "lower",
                      reason=f"每年{'提高' if change > 0 else '降低'}{abs(change):g}{change_unit}")
    match = _RELATIVE.match(compact)
    if match:
        change = _sign(match.group("verb")) * float(match.group("value"))
        change_unit = match.group("unit") or canonical_unit(unit)
        change_unit = "个百分点" if "百分点" in change_unit else change_unit
        ambiguity = ""
        if change_unit == "%" and canonical_unit(unit) == "%":
            ambiguity = "“{}”可以理解为相对提高（乘以{:g}%）或提高{:g}个百分点".format(
                match.group("verb") + match.group("value") + "%", abs(change), abs(change))
        base_year = int(match.group("year")) if match.group("year") else None
        return Target(text, "relative", base_year=base_year, change=change, change_unit=change_unit,
                      direction="higher" if change > 0 else "lower", ambiguity=ambiguity,
                      needs_judgement=bool(ambiguity), reason=ambiguity)
    if "同比例" in compact:
        return Target(text, "relative", needs_judgement=True, direction="higher" if "提高" in compact else None,
                      reason="“同比例提高”要与相关指标（如人均预期寿命）的提高比例对照，需人工判断")
    for words, trend in _TRENDS:
        if any(compact.endswith(word) or compact == word for word in words) and not _is_state(compact):
            implied = {"up": "higher", "down": "lower", "slowing": "lower"}.get(trend, direction)
            reason = "目标用“明显/显著”等程度词，需人工判断幅度是否足够" if vague else ""
            if trend == "better" and implied is None:
                reason = reason or "“改善”要按指标方向判断：请先确定该指标越高越好还是越低越好"
            return Target(text, "trend", trend=trend, vague=vague, needs_judgement=vague or (trend == "better"
                          and implied is None), reason=reason, direction=implied)
    if _is_state(compact):
        return Target(text, "state", needs_judgement=True, reason=f"“{text.strip()}”是工作状态，需要根据佐证材料人工判断")
    return Target(text, "unknown", needs_judgement=True, reason=f"无法识别的目标写法：“{text.strip()}”，需人工判断")


def _is_state(compact: str) -> bool:
    return any(word in compact for word in _STATES) and not re.search(r"\d", compact)


_VALUE = re.compile(rf"^(?P<before>≥|≤|>|<|约|近|接近|超过|达到|不低于|不高于)?{NUMBER}(?P<unit>[^\d(（)]*?)"
                    r"(?P<after>以上|以下|左右|及以上)?$")


def parse_value(text: str) -> ParsedValue:
    """'95.25%以上' → 95.25, '以上', '%'; '近3000万元' → 3000, '近', '万元'; text without a number → number None."""
    raw = text or ""
    compact = normalise_text(raw)
    note = ""
    note_match = re.search(r"\(([^()]*)\)", compact)
    if note_match:
        note = note_match.group(1)
        compact = (compact[: note_match.start()] + compact[note_match.end():]).strip()
    match = _VALUE.match(compact)
    if not match:
        return ParsedValue(raw, None, note=note)
    qualifier = match.group("before") or match.group("after") or ""
    return ParsedValue(raw, float(match.group("value")), qualifier, canonical_unit(match.group("unit")), note)


def infer_direction(texts: list[str], unit: str = "", baseline: float | None = None) -> str | None:
    """'higher' or 'lower' when the targets say so consistently: their words (≥, 提高 …, 下降 …), or else bare
    numbers that all lie above (or all below) the baseline (基期 14.38 → 目标 25, 36: higher is better). None when
    they do not tell; the clerk is then asked once."""
    targets = [parse_target(text, unit) for text in texts if text]
    found = {target.direction for target in targets}
    found.discard(None)
    if len(found) == 1:
        return found.pop()
    if found or baseline is None:
        return None
    values = [part.value for target in targets if target.kind == "threshold" for part in target.parts]
    if values and len(values) == len(targets) and all(value > baseline for value in values):
        return "higher"
    if values and len(values) == len(targets) and all(value < baseline for value in values):
        return "lower"
    return None

