"""Understand an indicator target as the city wrote it, keeping the text verbatim (DOMAIN.md, "Targets").

Kinds (`Target.kind`):
- threshold: "≥92.3", "<14%", "≤4‰", "不低于22%", "控制在10%以下", "十万分之8.9", bare "25" (read with the
  indicator's direction), "100; 75" (sub-targets, one value each), "90~95" (one value, both bounds), "接近100" (≈);
- relative: "比2019年提高10%", "提高1岁", "提高30%", "翻一番", "同比例提高";
- rate: "每年递减1%", "力争每年降低1个百分点", "比上年下降2%";
- trend: "持续提高", "逐年下降", "上升趋势暂缓", "明显下降", "增速下降", "持续改善", "巩固提升";
- state: "实现", "基本实现", "持续保持", "有效控制", "保持基本消除", "所有二级及以上医院卒中中心均开展";
- unknown: anything else, and empty targets ("—").

`needs_judgement` is True, with a Chinese `reason`, where the text alone cannot be checked against numbers: states,
vague words (明显/显著), "≈", a bare number while the direction is unknown, "10%" that may be relative or percentage
points, a target about another quantity ("新发近视率明显下降" on 总体近视率), unknown forms. Nothing is guessed
silently: `reading` always says, in Chinese, how the text was read.

Values are read with the same machinery: `parse_value("近3000万元")` → 3000, qualifier 近, unit 万元.
Everything here is pure and never raises on odd text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from hpdesk.domain.judging_messages import TREND_MESSAGES
from hpdesk.domain.measure_units import canonical_unit, format_number, read_prefix_unit, read_unit
from hpdesk.domain.messages import Message, joined

PARSER_VERSION = 3  # bump when a text may parse differently: cached JSON of an older version is re-parsed

KINDS = ("threshold", "relative", "rate", "trend", "state", "unknown")
KIND_LABELS = {"threshold": "阈值", "relative": "相对目标", "rate": "年度速率", "trend": "趋势", "state": "工作状态",
               "unknown": "无法识别"}
TREND_LABELS = {trend: message.text("zh") for trend, message in TREND_MESSAGES.items()}  # the reading is Chinese

_NUMBER = r"(?P<value>[-+]?(?:\d+(?:\.\d+)?|\.\d+))"
_AMOUNT = r"(?P<value>\d+(?:\.\d+)?|\.\d+)"  # a change: its sign comes from the verb
_EMPTY_MARKS = {"", "—", "——", "-", "--", "/", "无", "暂无", "—/—", "不适用"}
_HEDGES = ("力争", "争取", "确保", "努力", "基本")
_VAGUE_WORDS = ("明显", "显著", "大幅", "较大", "大幅度")  # how much is "明显"? a clerk decides
_YEARLY_WORDS = ("持续", "逐年", "不断", "继续", "稳步", "逐步")
_ADVERBS = tuple(sorted(set(_VAGUE_WORDS + _YEARLY_WORDS + ("进一步", "有效", "稳定", "保持", "加快", "全面", "有所")),
                        key=len, reverse=True))
_UP_VERBS = ("提高", "提升", "增加", "增长", "上升", "扩大", "递增")
_DOWN_VERBS = ("降低", "下降", "减少", "递减", "缩小", "减")
_VERBS = "|".join(sorted(_UP_VERBS + _DOWN_VERBS, key=len, reverse=True))

# (word, operator); None = the word says nothing about the side ("保持在95%以上" takes 以上).
_PREFIX_WORDS: tuple[tuple[str, str | None], ...] = tuple(sorted((
    ("不低于", "≥"), ("不少于", "≥"), ("不小于", "≥"), ("至少", "≥"), ("达到", "≥"), ("提高到", "≥"), ("提高至", "≥"),
    ("提升到", "≥"), ("提升至", "≥"), ("增加到", "≥"), ("增加至", "≥"), ("增长到", "≥"), ("上升到", "≥"), ("上升至", "≥"),
    ("不高于", "≤"), ("不超过", "≤"), ("不大于", "≤"), ("最多", "≤"), ("控制在", "≤"), ("控制到", "≤"), ("降至", "≤"),
    ("降到", "≤"), ("下降到", "≤"), ("下降至", "≤"), ("降低到", "≤"), ("降低至", "≤"), ("减少到", "≤"), ("减少至", "≤"),
    ("减至", "≤"), ("高于", ">"), ("大于", ">"), ("超过", ">"), ("低于", "<"), ("小于", "<"), ("少于", "<"), ("不足", "<"),
    ("不满", "<"), ("约", "≈"), ("大约", "≈"), ("接近", "≈"), ("保持在", None), ("稳定在", None), ("维持在", None),
    ("保持", None), ("为", None),
), key=lambda item: len(item[0]), reverse=True))
# Chinese statistical usage (民法典 第1259条): 以上/以下/以内 include the number itself.
_SUFFIX_WORDS = (("及以上", "≥"), ("以上", "≥"), ("及以下", "≤"), ("以下", "≤"), ("以内", "≤"), ("左右", "≈"), ("上下", "≈"))
_SYMBOLS = ("≥", "≤", ">", "<", "=", "≈")

# (phrase, trend, ambiguous) — matched at the end of the text, longest first.
_TREND_PHRASES: tuple[tuple[str, str, bool], ...] = tuple(sorted(
    [(p, "slowing", False) for p in ("上升趋势暂缓", "上升趋势减缓", "上升趋势得到遏制", "上升势头得到遏制", "增速下降",
                                     "增速放缓", "增速减缓", "增幅下降", "增幅收窄", "增幅减缓", "增长放缓", "增长减缓",
                                     "增长速度下降", "上升趋势放缓")]
    + [(p, "slowing", True) for p in ("减缓", "趋缓", "放缓")]
    + [(p, "consolidate", False) for p in ("巩固提升", "巩固提高")]
    + [(p, "better", False) for p in ("改善", "好转", "向好")]
    + [(p, "up", False) for p in ("提高", "提升", "增加", "上升", "增长", "增多", "扩大")]
    + [(p, "down", False) for p in ("下降", "降低", "减少", "减轻", "缩小")],
    key=lambda item: len(item[0]), reverse=True))
_STATE_WORDS = ("实现", "保持", "控制", "消除", "建立", "建成", "健全", "完善", "完成", "开展", "覆盖", "达标", "落实",
                "推广", "普及", "运行", "巩固", "稳定", "设立", "配备", "纳入", "通过")
_FOLD = str.maketrans({"≧": "≥", "≦": "≤", "⩾": "≥", "⩽": "≤", "≮": "≥", "≯": "≤", "；": ";", "，": ",", "、": ",",
                       "～": "~", "〜": "~", "–": "-", "－": "-"})


@dataclass(frozen=True)
class TargetPart:
    """One bound: `operator` ≥ ≤ > < = ≈, or "" for a bare number whose side the direction decides."""

    operator: str
    value: float
    unit: str = ""


@dataclass(frozen=True)
class Target:
    """A target text and how it was read. `text` is kept verbatim; every other field is derived from it."""

    text: str
    kind: str  # one of KINDS
    parts: tuple[TargetPart, ...] = ()  # threshold bounds
    sub_targets: bool = False  # True: "100; 75" — one part per sub-indicator; False: all parts bound one value
    base_year: int | None = None  # relative: "比2019年…"; None = the indicator's baseline
    change: float | None = None  # relative/rate: signed amount (+ up, − down)
    change_unit: str = ""  # % (relative), 个百分点, 岁, the indicator's unit …
    trend: str = ""  # up | down | slowing | better | consolidate
    yearly: bool = False  # trend: "持续/逐年/不断" — every year, not only overall
    vague: bool = False  # 明显/显著 …: the size of the change is a matter of judgement
    subject: str = ""  # "新发近视率" in "新发近视率明显下降": the target speaks of another quantity
    hedge: str = ""  # 力争 / 确保 … as written
    note: str = ""  # a bracketed note, "(2025年)"
    direction: str | None = None  # higher | lower, when the text itself tells (or the caller's direction was used)
    needs_judgement: bool = False
    reason: Message | None = None  # why it needs judgement; None when the numbers can decide
    ambiguity: Message | None = None  # the competing readings, when there are two
    reading: str = ""  # how the text was read, for the clerk (Chinese)
    version: int = PARSER_VERSION

    def to_json(self) -> dict[str, object]:
        """A plain dict (JSON-safe) to cache in the database; `from_json` turns it back into an equal Target."""
        data = asdict(self)
        data["parts"] = [asdict(part) for part in self.parts]
        data["reason"] = self.reason.to_json() if self.reason else None
        data["ambiguity"] = self.ambiguity.to_json() if self.ambiguity else None
        return data

    @staticmethod
    def from_json(data: dict[str, Any]) -> Target:
        """The Target of `to_json`; unknown keys are ignored and missing ones take their defaults, so older cached
        forms load (compare `version` with PARSER_VERSION to decide whether to re-parse)."""
        known = {field.name for field in fields(Target)}
        values = {key: value for key, value in data.items() if key in known}
        values["parts"] = tuple(TargetPart(**part) for part in data.get("parts") or ())
        for key in ("reason", "ambiguity"):  # a version-2 cache holds Chinese text here: it is re-parsed anyway
            value = values.get(key)
            values[key] = Message.from_json(value) if isinstance(value, dict) else None
        values.setdefault("version", 1)
        return Target(**values)


@dataclass(frozen=True)
class ParsedValue:
    """A value as written ('95.25%以上', '近3000万元', '53.97(截至2019年3月)'): number, qualifier, unit, note.

    `number` is None when the text holds no readable number; `problem` then says why, in Chinese."""

    text: str
    number: float | None
    qualifier: str = ""  # 以上 / 以下 / 近 / 接近 / 约 / ≥ / ≤ / 左右 / 余 …
    unit: str = ""
    note: str = ""
    problem: str = ""


def normalise_text(text: str) -> str:
    """NFKC (full-width digits, ％ and ＞ become ASCII), ≧/>= → ≥, '、' and '，' → ',', no spaces, no final '。'."""
    # NFKC twice: removing a space can let a combining mark compose differently ("¸" → " ̧").
    spaced = unicodedata.normalize("NFKC", text or "")
    folded = unicodedata.normalize("NFKC", re.sub(r"\s+", "", spaced)).translate(_FOLD)
    folded = folded.replace(">=", "≥").replace("=>", "≥").replace("<=", "≤").replace("=<", "≤")
    return re.sub(r"\s+", "", folded).strip("。.;,")


def _split_note(compact: str) -> tuple[str, str]:
    notes = re.findall(r"\(([^()]*)\)", compact)
    return re.sub(r"\([^()]*\)", "", compact), "；".join(note for note in notes if note)


def operator_direction(operator: str) -> str | None:
    """The better side a bound's operator implies: 'higher' for ≥ and >, 'lower' for ≤ and <, else None."""
    return {"≥": "higher", ">": "higher", "≤": "lower", "<": "lower"}.get(operator)


def _show(part: TargetPart, unit: str = "") -> str:
    return f"{part.operator}{format_number(part.value, part.unit or unit)}"


# ---------------------------------------------------------------------------------------------------------- thresholds


def _read_bound(piece: str, unit: str) -> TargetPart | None:
    """'不低于22%' → (≥, 22, %); '十万分之8.9' → ('', 8.9, 1/10万); None when `piece` is not one bound."""
    rest, operators = piece, []
    for word, operator in _PREFIX_WORDS:
        if rest.startswith(word):
            rest = rest[len(word):]
            if operator:
                operators.append(operator)
            break
    if rest[:1] in _SYMBOLS:
        operators.append(rest[0])
        rest = rest[1:]
    prefix_unit, rest = read_prefix_unit(rest)
    match = re.match(_NUMBER, rest)
    if not match:
        return None
    rest = rest[match.end():]
    suffix_unit, rest = read_unit(rest) if not prefix_unit else ("", rest)
    for word, operator in _SUFFIX_WORDS:
        if rest.startswith(word):
            operators.append(operator)
            rest = rest[len(word):]
            break
    if rest:
        return None
    distinct = set(operators)
    if "≈" in distinct:
        operator = "≈"
    elif len({operator_direction(op) for op in distinct}) > 1 or "=" in distinct and len(distinct) > 1:
        return None  # "不低于10%以下": contradictory, never guessed
    else:
        operator = operators[0] if operators else ""
    return TargetPart(operator, float(match.group("value")), prefix_unit or suffix_unit or canonical_unit(unit))


def _read_range(piece: str, unit: str) -> tuple[TargetPart, TargetPart] | None:
    match = re.match(rf"^{_NUMBER}(?P<u1>[^\d~-]*)(?:~|-|至|到)(?P<high>\d+(?:\.\d+)?)(?P<u2>.*)$", piece)
    if not match or match.group("value").startswith(("-", "+")):
        return None
    first_unit, left = read_unit(match.group("u1"))
    second_unit, right = read_unit(match.group("u2"))
    low, high = float(match.group("value")), float(match.group("high"))
    if left or right or low > high:
        return None
    shown_unit = second_unit or first_unit or canonical_unit(unit)
    return TargetPart("≥", low, shown_unit), TargetPart("≤", high, shown_unit)


def _threshold(text: str, compact: str, unit: str, direction: str | None) -> Target | None:
    pieces = [piece for piece in compact.split(";") for piece in piece.split(",") if piece]
    if len(pieces) == 1:
        bounds = _read_range(pieces[0], unit)
        if bounds:
            shown = f"{_show(bounds[0])} 且 {_show(bounds[1])}"
            return Target(text, "threshold", bounds, reading=f"阈值区间：{shown}")
    parts = [_read_bound(piece, unit) for piece in pieces]
    if not parts or not all(parts):
        return None
    read = tuple(part for part in parts if part is not None)
    if direction in ("higher", "lower"):
        side = "≥" if direction == "higher" else "≤"
        read = tuple(TargetPart(part.operator or side, part.value, part.unit) for part in read)
    implied = {operator_direction(part.operator) for part in read} - {None}
    text_direction = implied.pop() if len(implied) == 1 else None
    shown = "；".join(f"第{index}项 {_show(part)}" for index, part in enumerate(read, 1)) if len(read) > 1 \
        else _show(read[0])
    reading = ("分项目标：" if len(read) > 1 else "阈值：") + shown
    reason = None
    if any(part.operator == "" for part in read):
        reading += "（只写了数字，按指标方向读作 ≥ 或 ≤）"
        numbers: Message | str = format_number(read[0].value, read[0].unit)
        for part in read[1:]:
            numbers = Message.of("target_numbers_and", first=numbers, second=format_number(part.value, part.unit))
        reason = Message.of("target_bare_numbers", numbers=numbers)
    elif any(part.operator == "≈" for part in read):
        reason = Message.of("target_no_clear_bound", text=text.strip())
    return Target(text, "threshold", read, sub_targets=len(read) > 1, direction=text_direction or direction,
                  needs_judgement=bool(reason), reason=reason, reading=reading)


# ------------------------------------------------------------------------------------------------- relative and rates


def _change(rest: str, unit: str) -> tuple[float, str, str] | None:
    """'10%' → (10, '%', ''); '1个百分点以上' → (1, '个百分点', ''); '1岁' → (1, '岁'); '30%左右' → (…, '左右')."""
    match = re.match(_AMOUNT, rest)
    if not match:
        return None
    change_unit, tail = read_unit(rest[match.end():])
    extra = ""
    for word in ("以上", "左右", "以内"):
        if tail.startswith(word):
            extra, tail = word, tail[len(word):]
    if tail:
        return None
    return float(match.group("value")), change_unit or canonical_unit(unit), extra


def _percent_ambiguity(change_unit: str, unit: str, phrase: str, change: float) -> Message | None:
    """'10%' on an indicator measured in % (or of unknown unit) is relative (×1.10) or 10 percentage points."""
    if change_unit != "%" or canonical_unit(unit) not in ("%", ""):
        return None
    code = "target_percent_ambiguity" if canonical_unit(unit) else "target_percent_ambiguity_no_unit"
    return Message.of(code, phrase=phrase, amount=f"{abs(change):g}", factor=f"{1 + change / 100:g}")


def _relative_or_rate(text: str, compact: str, unit: str) -> Target | None:
    rate = re.match(rf"^(?:每年|年均|平均每年|每年平均|年平均|逐年|(?:比|较)(?:上年|上一年|去年)(?:同期)?)(?P<verb>{_VERBS})"
                    r"(?P<rest>.+)$", compact)
    relative = re.match(
        rf"^(?:(?:比|较|与)(?P<base>(?:19|20)\d{{2}}年?(?:底|末)?|基期年?|基线)(?:相比)?|在(?P<base2>(?:19|20)\d{{2}}年?"
        rf"(?:底|末)?|基期)的?基础上)?(?P<verb>{_VERBS})(?P<rest>.+)$", compact)
    match = rate or relative
    if match is None:
        if re.fullmatch(r"(?:比\S*)?翻(?:一|1)?番", compact):
            return Target(text, "relative", change=100.0, change_unit="%", direction="higher",
                          reading="相对目标：翻一番（比基期提高100%）")
        return None
    read = _change(match.group("rest"), unit)
    if read is None:
        return None
    amount, change_unit, extra = read
    verb = match.group("verb")
    change = -amount if verb in _DOWN_VERBS else amount
    phrase = f"{verb}{amount:g}{change_unit}"
    ambiguity = _percent_ambiguity(change_unit, unit, phrase, change)
    vague = extra == "左右"
    reason = joined([m for m in (ambiguity, Message.of("target_about") if vague else None) if m is not None])
    direction = "higher" if change > 0 else "lower"
    if rate:
        return Target(text, "rate", change=change, change_unit=change_unit, direction=direction, vague=vague,
                      ambiguity=ambiguity, needs_judgement=bool(reason), reason=reason,
                      reading=f"年度速率：每年{phrase}" + (f"（{extra}）" if extra else ""))
    base = match.group("base") or match.group("base2") or ""
    year = re.match(r"(?:19|20)\d{2}", base)
    base_year = int(year.group()) if year else None
    since = f"比{base_year}年" if base_year else "比基期"
    return Target(text, "relative", base_year=base_year, change=change, change_unit=change_unit, direction=direction,
                  vague=vague, ambiguity=ambiguity, needs_judgement=bool(reason), reason=reason,
                  reading=f"相对目标：{since}{phrase}" + (f"（{extra}）" if extra else ""))


# ------------------------------------------------------------------------------------------------- trends and states


def _trend(text: str, compact: str, direction: str | None) -> Target | None:
    for phrase, trend, ambiguous in _TREND_PHRASES:
        if not compact.endswith(phrase):
            continue
        prefix, adverbs = compact[: -len(phrase)], []
        while adverb := next((word for word in _ADVERBS if prefix.endswith(word)), ""):  # "持续明显" + "下降"
            adverbs.append(adverb)
            prefix = prefix[: -len(adverb)]
        if re.search(r"\d", prefix) or (prefix and not re.search(r"(率|数|比例|比重|水平|人数|例数|时间|长度|寿命)$", prefix)):
            return None  # "所有医院均开展…提高" and the like are not trends of the indicator
        vague = any(adverb in _VAGUE_WORDS for adverb in adverbs)
        implied = {"up": "higher", "down": "lower", "slowing": "lower"}.get(trend)
        ambiguity = Message.of("target_slowing_ambiguity", phrase=compact) if ambiguous else None
        reasons = []
        if vague:
            reasons.append(Message.of("target_vague_words"))
        if prefix:
            reasons.append(Message.of("target_other_subject", subject=prefix))
        if trend in ("better", "consolidate") and not direction:
            reasons.append(Message.of("target_trend_needs_direction", trend=TREND_MESSAGES[trend]))
        reason = joined(reasons)
        # "巩固提升" speaks of the result, not of the number: 个人支出比重 "提升" means going down.
        shown_direction = implied or (direction if trend in ("better", "consolidate") else None)
        yearly = any(adverb in _YEARLY_WORDS for adverb in adverbs)
        return Target(text, "trend", trend=trend, yearly=yearly, vague=vague, subject=prefix, direction=shown_direction,
                      ambiguity=ambiguity, needs_judgement=bool(reason), reason=reason,
                      reading=f"趋势：{TREND_LABELS[trend]}" + ("，每年都应如此" if yearly else "")
                      + (f"，程度词“{'、'.join(a for a in adverbs if a in _VAGUE_WORDS)}”" if vague and adverbs else "")
                      + (f"，针对“{prefix}”" if prefix else ""))
    return None


def parse_target(text: str, unit: str = "", direction: str | None = None) -> Target:
    """The structured form of `text` for an indicator measured in `unit` whose better side is `direction`
    ('higher'/'lower'/None). A bare number takes its operator from `direction`; without one it needs judgement.
    Never raises: text it cannot read comes back as kind 'unknown' with a reason."""
    try:
        return _parse(text if isinstance(text, str) else str(text or ""), unit or "", direction)
    except Exception as error:  # the parser must never take the app down; say we could not read it
        return Target(str(text), "unknown", needs_judgement=True,
                      reason=Message.of("target_unreadable_error", error=type(error).__name__), reading="无法识别")


def _parse(text: str, unit: str, direction: str | None) -> Target:
    compact, note = _split_note(normalise_text(text))
    hedge = next((word for word in _HEDGES if compact.startswith(word) and len(compact) > len(word)), "")
    core = compact[len(hedge):]
    if hedge == "基本" and not re.search(r"\d", core):
        core, hedge = compact, ""  # "基本实现", "基本消除" are states of their own
    target = _read(text, core, unit, direction)
    # What the sub-readers do not see: the hedge, the bracketed note, and "基本" before a number.
    reasons = [target.reason, Message.of("target_basically") if hedge == "基本" else None]
    reason = joined(list(dict.fromkeys(m for m in reasons if m is not None)))
    reading = f"{target.reading}（有两种理解）" if target.ambiguity else target.reading
    return replace(target, hedge=hedge, note=note, reason=reason, reading=reading,
                   needs_judgement=bool(target.needs_judgement or reason))


def _read(text: str, core: str, unit: str, direction: str | None) -> Target:
    if core in _EMPTY_MARKS:
        return Target(text, "unknown", needs_judgement=True, reason=Message.of("target_none"), reading="没有目标值")
    if re.search(r"\d", core):
        found = _threshold(text, core, unit, direction) or _relative_or_rate(text, core, unit)
        if found:
            return found
    else:
        found = _relative_or_rate(text, core, unit)  # "翻一番"
        if found:
            return found
        if re.fullmatch(r"(?:与\S+)?(?:同比例|同步|同幅度)(?:提高|增长|提升)", core):
            return Target(text, "relative", direction="higher", needs_judgement=True,
                          reason=Message.of("target_same_ratio"),
                          reading="相对目标：与相关指标同比例提高")
        is_state = any(word in core for word in _STATE_WORDS) and not core.endswith(("提升", "提高"))
        found = None if is_state else _trend(text, core, direction)
        if found:
            return found
        if is_state or core.endswith(("实现", "开展")):
            return Target(text, "state", needs_judgement=True,
                          reason=Message.of("target_state", text=text.strip()), reading="工作状态")
    return Target(text, "unknown", needs_judgement=True, reason=Message.of("target_unreadable", text=text.strip()),
                  reading="无法识别")


# ------------------------------------------------------------------------------------------------------------- values

_VALUE_PREFIXES = tuple(sorted(("近", "接近", "约", "大约", "超过", "逾", "达到", "不低于", "不高于", "不足", "高于", "低于",
                                "≥", "≤", ">", "<", "≈", "=", "约为"), key=len, reverse=True))
_VALUE_SUFFIXES = ("及以上", "以上", "及以下", "以下", "以内", "左右", "上下")
_VALUE_NUMBER = r"(?P<value>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+)"


def parse_value(text: str) -> ParsedValue:
    """'95.25%以上' → 95.25, '以上', '%'; '近3000万元' → 3000, '近', '万元'; '53.97(截至2019年3月)' → note
    '截至2019年3月'; '3,000' → 3000. The unit is canonical where known, else as written. Never raises: text without
    a readable number gives number None and a `problem` in Chinese."""
    raw = text if isinstance(text, str) else str(text or "")
    compact, note = _split_note(normalise_text(raw))
    if compact in _EMPTY_MARKS:
        return ParsedValue(raw, None, note=note, problem="没有填写数值")
    qualifier = next((word for word in _VALUE_PREFIXES if compact.startswith(word)), "")
    prefix_unit, rest = read_prefix_unit(compact[len(qualifier):])
    match = re.match(_VALUE_NUMBER, rest)
    if not match:
        return ParsedValue(raw, None, note=note, problem=f"“{raw.strip()}”不是数值，可记为文字说明并人工判断")
    rest = rest[match.end():]
    for word in ("余", "多"):  # "3000余万元": at least 3000 (万元)
        if rest.startswith(word):
            qualifier, rest = qualifier or word, rest[len(word):]
    suffix = next((word for word in _VALUE_SUFFIXES if rest.endswith(word)), "")
    if suffix:
        rest = rest[: -len(suffix)]
        qualifier = qualifier or suffix
    unit, tail = read_unit(rest) if rest else ("", "")
    if tail:
        if re.search(r"\d", tail) or len(rest) > 10:
            return ParsedValue(raw, None, note=note, problem=f"“{raw.strip()}”含有多个数或说明文字，无法读成一个数值")
        unit = rest  # a unit hpdesk does not know ('张', '次/年'): kept as written
    number = float(match.group("value").replace(",", ""))
    return ParsedValue(raw, number, qualifier, prefix_unit or unit, note)


def parse_values(text: str) -> tuple[ParsedValue, ...]:
    """The values of a multi-part text, '100; 78' → two values; a single value gives a 1-tuple. A thousands
    separator ('3,000') is not a separator of parts."""
    compact = normalise_text(text or "")
    if re.fullmatch(r"[^\d]*\d{1,3}(?:,\d{3})+(?:\.\d+)?[^\d]*", compact) or not re.search(r"[;,]", compact):
        return (parse_value(text),)
    return tuple(parse_value(piece) for piece in re.split(r"[;,]", compact) if piece)


# ---------------------------------------------------------------------------------------------------------- direction


@dataclass(frozen=True)
class DirectionInference:
    """`direction` when the target texts tell it; otherwise None, possibly with a `suggestion` the clerk confirms."""

    direction: str | None
    reason: str
    suggestion: str | None = None


def _boundary_direction(target: Target) -> str | None:
    """A bare 100 on a % indicator can only be reached from below, a bare 0 only from above: ≥100 ≡ =100, ≤0 ≡ =0."""
    if target.kind != "threshold" or any(part.operator for part in target.parts):
        return None
    values = {part.value for part in target.parts}
    if values == {100.0} and all(canonical_unit(part.unit) == "%" for part in target.parts):
        return "higher"
    if values == {0.0}:
        return "lower"
    return None


def explain_direction(texts: list[str], unit: str = "", baseline: float | None = None) -> DirectionInference:
    """Whether higher or lower is better, from the indicator's target `texts` (in year order).

    Only what the texts say decides: operators (≥, <), verbs (提高, 下降), trend words, and the two boundary cases
    (a bare 100% can only be met from below, a bare 0 from above). Numbers above or below the `baseline`, or targets
    rising over the years, only *suggest* a direction — real tables contradict that rule (艾滋病感染率: <0.13, <0.18
    over a baseline of 0.06) — so they never decide it."""
    targets = [parse_target(text, unit) for text in texts if text and text.strip()]
    said: dict[str, list[str]] = {}
    for target in targets:
        direction = target.direction if target.kind != "state" else None
        direction = direction or _boundary_direction(target)
        if direction:
            said.setdefault(direction, []).append(target.text.strip())
    if len(said) == 1:
        direction, examples = next(iter(said.items()))
        label = "越高越好" if direction == "higher" else "越低越好"
        return DirectionInference(direction, f"目标“{examples[0]}”表明该指标{label}")
    if len(said) > 1:
        return DirectionInference(None, "各年目标的写法指向相反的方向（"
                                  + "；".join(f"“{items[0]}”" for items in said.values()) + "），请人工确定")
    numbers = [part.value for target in targets if target.kind == "threshold" for part in target.parts]
    suggestion = None
    if numbers and baseline is not None and all(value > baseline for value in numbers):
        suggestion = "higher"
    elif numbers and baseline is not None and all(value < baseline for value in numbers):
        suggestion = "lower"
    elif len(numbers) >= 2 and all(b > a for a, b in zip(numbers, numbers[1:])):
        suggestion = "higher"
    elif len(numbers) >= 2 and all(b < a for a, b in zip(numbers, numbers[1:])):
        suggestion = "lower"
    if suggestion:
        label = "越高越好" if suggestion == "higher" else "越低越好"
        return DirectionInference(None, f"目标只写了数字，从数值变化看可能{label}，请确认", suggestion)
    return DirectionInference(None, "目标的写法看不出该指标越高越好还是越低越好，请确定一次")


def infer_direction(texts: list[str], unit: str = "", baseline: float | None = None) -> str | None:
    """'higher' or 'lower' when the target texts tell it consistently, else None (the clerk is asked once).
    See `explain_direction` for the rule and the reason to show."""
    return explain_direction(texts, unit, baseline).direction
