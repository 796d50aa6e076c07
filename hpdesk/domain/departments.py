"""Who is responsible: split department text into names, normalise their spellings, and spot county-wide duties.

Styles found in city tables (DOMAIN.md, "Departments in the text"):
- columns: 牵头部门 "市卫生健康委" and 责任部门 "市卫生健康委、各县市区";
- one bracket cell: "市卫健委<市爱卫办>牵头，市委组织部、市委宣传部，…各区县（市）按职责分工负责";
- labelled: "牵头单位：市卫健委；责任单位：市教育局、各县（区）人民政府";
- a parenthesis after the task text: "开展…活动。（市卫健委牵头，市教育局配合）" (see `split_trailing_responsibility`).
Separators are 、，,；; … and spaces; "等" ends open lists; "各县（区）人民政府" or a second 市-department may be glued to
the previous name without a separator. Nothing here guesses a lead: when no department is marked 牵头, the only one
named leads, otherwise nobody does and they are all responsible.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

# The one spelling stored for "every county/district" (services.units relies on it).
COUNTY_WIDE_NAME = "各县（市、区）"

# Every way the city says "each county/district", tested on a name with brackets and separators removed:
# 各县市区 各县（市、区） 各区县（市） 各县区 各县（区）人民政府 各区 各县（市）区政府 各区县（市）卫生健康委 …
_COUNTY_WIDE_COMPACT = re.compile(
    r"各(?=[县区市]*[县区])[县区市]{1,4}(?!长|委书记)"
    r"|^(?=[县区市]*[县区])[县区市]{2,4}(?:两级|级)?(?:人民政府|政府|党委|卫生健康委|卫健委|卫生健康部门|卫生健康局|卫生行政部门)"
)
_COMPACT_DROP = re.compile(r"[\s（）()、，,]")
_COUNTY_BODY = re.compile(r"^[县区市各两级]+")  # the county words themselves, leaving 卫生健康委 of 县区卫生健康委
_COUNTY_SUFFIX = re.compile(r"^(?:人民政府|政府)$")

# Built-in spellings of city departments (spelling → canonical); the clerk's alias table extends and overrides them.
DEFAULT_DEPARTMENT_ALIASES: dict[str, str] = {
    "市卫健委": "市卫生健康委",
    "市卫生健康委员会": "市卫生健康委",
    "市卫生健康局": "市卫生健康委",
    "市卫生和计划生育委员会": "市卫生健康委",
    "市卫计委": "市卫生健康委",
    "市教体局": "市教育局",
    "市教育和体育局": "市教育局",
    "市发改委": "市发展改革委",
    "市发展和改革委员会": "市发展改革委",
    "市发展改革委员会": "市发展改革委",
    "市人力资源社会保障局": "市人社局",
    "市人力资源和社会保障局": "市人社局",
    "市住建局": "市住房城乡建设局",
    "市住房和城乡建设局": "市住房城乡建设局",
    "市城建局": "市住房城乡建设局",
    "市市场监督管理局": "市市场监管局",
    "市生态环境保护局": "市生态环境局",
    "市环保局": "市生态环境局",
    "市爱卫会": "市爱卫办",
    "市爱国卫生运动委员会办公室": "市爱卫办",
    "市委宣传部（文明办）": "市委宣传部",
    "市文化广电旅游局": "市文化广电和旅游局",
    "市文广旅局": "市文化广电和旅游局",
    "市医疗保障局": "市医保局",
    "市工业和信息化局": "市工信局",
    "市科学技术局": "市科技局",
    "市应急管理局": "市应急局",
    "市城管局": "市城市管理局",
    "市大数据管理局": "市大数据局",
    "市委编办": "市编办",
    "市网信办": "市委网信办",
    "市政法委": "市委政法委",
    "市老干部局": "市委老干部局",
    "市交通局": "市交通运输局",
    "市文化旅游局": "市文化广电和旅游局",
    "市畜牧兽医服务中心": "市畜牧兽医事业服务中心",
    "市工业信息化局": "市工信局",
    "市工业和信息化委员会": "市工信局",
    "市农村农业局": "市农业农村局",
    "市农业局": "市农业农村局",
    "共青团市委": "团市委",
    "市团委": "团市委",
}
# Names that stand for "whoever is concerned", not a body that can be handed a task (区直各有关部门 …).
_GENERIC_BODY = re.compile(r"(?:各有关|有关|相关|其他|其它|各)(?:部门|单位|成员单位)|^[市区县]直|成员单位$")

_SEPARATORS = re.compile(r"[、，,；;。\s/…⋯]+|\.{3,}")
_TOP_LEVEL_TOKENS = re.compile(r"[（(<〈《]|[）)>〉》]|" + _SEPARATORS.pattern)
# A county-wide name or a second 市-department glued to the previous name: "市财政局各县（区）人民政府".
_GLUED = re.compile(r"(?<=[委局办部会院厅处队社署司站所心府）)])(?=各[县区]|县区|市(?!场|民|区|级|委员会))")
_ORGANISATION_END = re.compile(
    r"(?:委|局|办|部|会|院|厅|处|队|社|署|司|站|所|联|协|台|馆|校|团|行|室|科|关|中心|政府|公司|集团|机构|单位|医院|企业|学校"
    r"|组织|媒体|平台|部门|警备区|开发区|新区|管委会)$"
)
# Pieces that cannot be a department name: sentence punctuation, 的, a year or a percentage ('市120急救中心' can).
_NOT_A_NAME = re.compile(r"[的。：:]|\d{4}年|\d[%％]")
_DUTY_SUFFIX = re.compile(
    r"(?:按照?职责分工负责|按照?职责负责|按照?职责分工|分别负责|分工负责|共同负责|负责|配合|参与|协助|共同|落实)$"
)
_OPEN_END = re.compile(r"等(?:[单部]位|部门|有关部门|相关部门|单位)?$")
_LEADING_WORDS = re.compile(r"^(?:由|请|并|及|和|与)")
_INNER_ALIAS = re.compile(r"[<〈《](?P<inner>[^>〉》]+)[>〉》]")
_LABEL = re.compile(r"(?P<label>牵头(?:单位|部门)|责任(?:单位|部门)|配合(?:单位|部门)|参与(?:单位|部门))\s*[:：]")
_TRAILING_PARENTHESIS = re.compile(r"[（(](?P<inner>[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*)[）)]\s*[。.]?\s*$")
MAX_NAME_LENGTH = 24


@dataclass(frozen=True)
class Responsibility:
    """Departments named for a task, normalised, in order of appearance. Leads are not repeated among `responsible`.

    `unclear` holds pieces that do not read as a department name (a sentence, a cell out of place): they are kept out
    of the lists and the caller flags the row.
    """

    leads: tuple[str, ...]
    responsible: tuple[str, ...]
    falls_to_county: bool
    open_ended: bool  # the list ended with 等 ("… 等部门"): more bodies may be meant
    unclear: tuple[str, ...] = ()

    @property
    def all_departments(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.leads + self.responsible))


NOBODY = Responsibility((), (), False, False)


def is_county_wide(name: str) -> bool:
    """True when `name` (or a text containing it) means every county/district: 各县市区, 县区卫生健康委 …"""
    compact = _COMPACT_DROP.sub("", name)
    return bool(_COUNTY_WIDE_COMPACT.search(compact))


def mentions_county(text: str) -> bool:
    """True when any name in a department text is county-wide (names glued to others included)."""
    return any(is_county_wide(piece) for piece in split_top_level(_GLUED.sub("、", text)))


def split_top_level(text: str) -> list[str]:
    """Split at separators outside brackets: '市教育局、各县（市、区）' → ['市教育局', '各县（市、区）']."""
    pieces: list[str] = []
    depth, start = 0, 0
    for match in _TOP_LEVEL_TOKENS.finditer(text):
        token = match.group()
        if token in "（(<〈《":
            depth += 1
        elif token in "）)>〉》":
            depth = max(depth - 1, 0)
        elif depth == 0:
            pieces.append(text[start:match.start()])
            start = match.end()
    pieces.append(text[start:])
    return [piece.strip() for piece in pieces if piece.strip()]


def _clean(name: str) -> str:
    cleaned = name.strip().strip("。.：:；;“”\"'").replace("(", "（").replace(")", "）")
    cleaned = _LEADING_WORDS.sub("", cleaned)
    for _ in range(2):  # "市教育局等部门按职责分工负责": both suffixes
        cleaned = _DUTY_SUFFIX.sub("", cleaned).strip()
        cleaned = _OPEN_END.sub("", cleaned).strip()
    return cleaned


def normalise_name(name: str, aliases: Mapping[str, str] | None = None) -> str:
    """One spelling per department: trims, drops 等/duty words, county-wide names → 各县（市、区）, then the clerk's
    aliases (`aliases`, spelling → canonical) and the built-in ones. Unknown names come back cleaned, unchanged."""
    cleaned = _clean(name)
    if not cleaned:
        return ""
    county = _COUNTY_WIDE_COMPACT.search(_COMPACT_DROP.sub("", cleaned))
    if county:
        # keep what follows the county words: 各区县（市）体育主管部门 → 各县（市、区）体育主管部门
        rest = _COUNTY_SUFFIX.sub("", _COMPACT_DROP.sub("", cleaned)[county.end():] or
                                  _COUNTY_BODY.sub("", county.group()))
        if rest:  # 各县区卫健委 → 各县（市、区）卫生健康委, through the city spelling 市卫健委
            city_spelling = normalise_name("市" + rest, aliases)
            rest = city_spelling[1:] if city_spelling.startswith("市") else rest
        return COUNTY_WIDE_NAME + rest
    # the built-in spellings overridden and extended by the clerk's own
    table = {**DEFAULT_DEPARTMENT_ALIASES, **aliases} if aliases else DEFAULT_DEPARTMENT_ALIASES
    seen = {cleaned}
    while cleaned in table and table[cleaned] not in seen:  # follow chains the clerk may build, never loop
        cleaned = table[cleaned]
        seen.add(cleaned)
    return cleaned


# Endings that only organisation names have: used to tell a department list that slipped into a text column from
# task text ('建设无烟机关' ends like an organisation in the loose sense, not in this one).
_STRICT_ORGANISATION_END = re.compile(r"(?:委|局|办|部|厅|中心|政府|委员会|总工会|红十字会|海关|医院|妇联|残联|科协|工商联)$")


def looks_like_department_name(name: str) -> bool:
    """Stricter than `looks_like_department`: a short name ending in 委, 局, 办, 部, 政府 … (or county-wide)."""
    cleaned = _clean(name)
    return bool(cleaned) and len(cleaned) <= MAX_NAME_LENGTH and (
        bool(_STRICT_ORGANISATION_END.search(_INNER_ALIAS.sub("", cleaned))) or is_county_wide(cleaned))


def looks_like_department(name: str) -> bool:
    """A short text ending in an organisation word (委, 局, 办, 政府, 医院 …) or county-wide."""
    cleaned = _clean(name)
    return bool(cleaned) and len(cleaned) <= MAX_NAME_LENGTH and (
        bool(_ORGANISATION_END.search(_INNER_ALIAS.sub("", cleaned))) or is_county_wide(cleaned)
    )


@dataclass(frozen=True)
class _NameList:
    names: tuple[str, ...]
    open_ended: bool = False
    unclear: tuple[str, ...] = ()


_NO_NAMES = _NameList(())
_Marked = tuple[_NameList, _NameList]  # (leads, the others)


def _split(text: str, aliases: Mapping[str, str] | None) -> _NameList:
    stripped = text.strip()
    open_ended = bool(re.search(r"等(?:[单部]位|部门|有关部门|相关部门)?(?:按照?职责分工负责|按照?职责负责|负责|配合|参与)?"
                                r"\s*[。.]?$", stripped))
    names: list[str] = []
    unclear: list[str] = []
    for piece in split_top_level(_GLUED.sub("、", stripped)):
        # 市卫健委<市爱卫办>: two names of the same lead body; both are kept so either can be mapped to a county unit.
        inner = [match.group("inner") for match in _INNER_ALIAS.finditer(piece)]
        for candidate in [_INNER_ALIAS.sub("", piece), *inner]:
            cleaned = _clean(candidate)
            if not cleaned or cleaned in {"等", "牵头", "各"}:
                continue
            if len(cleaned) > MAX_NAME_LENGTH or _NOT_A_NAME.search(cleaned):
                unclear.append(cleaned)
                continue
            name = normalise_name(cleaned, aliases)
            if name not in names:
                names.append(name)
    return _NameList(tuple(names), open_ended, tuple(unclear))


def parse_responsibility(lead_text: str, responsible_text: str,
                         aliases: Mapping[str, str] | None = None) -> Responsibility:
    """Any style: a 牵头 column and/or a 责任 column; a cell that marks leads with 牵头 or with labels.

    A separate lead column decides the leads. Otherwise clauses ending in 牵头 (or labelled 牵头单位：) are the leads,
    the rest responsible; with no 牵头 anywhere a sole department leads and a longer list has no lead.
    """
    if lead_text.strip():
        extra_leads, others = _marked_clauses(responsible_text, aliases) if "牵头" in responsible_text else \
            (_NO_NAMES, _split(responsible_text, aliases))
        return _combine(_split(lead_text, aliases), others, lead_text + responsible_text, extra_leads)
    return _combine(*_marked_clauses(responsible_text, aliases), responsible_text)


def _marked_clauses(text: str, aliases: Mapping[str, str] | None) -> _Marked:
    stripped = text.strip()
    if len(stripped) >= 2 and stripped[0] in "（(" and stripped[-1] in "）)":
        stripped = stripped[1:-1]
    if _LABEL.search(stripped):
        return _labelled(stripped, aliases)
    clauses = [clause for clause in re.split(r"[，,；;。]", stripped) if clause.strip()]
    lead_clauses = [clause for clause in clauses if "牵头" in clause]
    if not lead_clauses:
        everyone = _split(stripped, aliases)
        return (everyone, _NO_NAMES) if len(everyone.names) == 1 else (_NO_NAMES, everyone)
    lead_text = "、".join(clause.split("牵头")[0] for clause in lead_clauses)
    # what follows 牵头 inside the same clause ("市卫健委牵头市教育局配合") belongs to the others
    rest = "、".join([clause.split("牵头", 1)[1] for clause in lead_clauses if clause.split("牵头", 1)[1]]
                     + [clause for clause in clauses if "牵头" not in clause])
    return _split(lead_text, aliases), _split(rest, aliases)


def _labelled(text: str, aliases: Mapping[str, str] | None) -> _Marked:
    parts = _LABEL.split(text)  # [before, label, body, label, body, …]
    lead_bodies: list[str] = []
    other_bodies = [parts[0]]
    for label, body in zip(parts[1::2], parts[2::2]):
        (lead_bodies if label.startswith("牵头") else other_bodies).append(body)
    return _split("、".join(lead_bodies), aliases), _split("、".join(other_bodies), aliases)


def _combine(leads: _NameList, others: _NameList, raw_text: str, extra_leads: _NameList = _NO_NAMES) -> Responsibility:
    lead_names = tuple(dict.fromkeys(leads.names + extra_leads.names))
    responsible = tuple(name for name in others.names if name not in lead_names)
    everyone = lead_names + responsible
    return Responsibility(
        leads=lead_names,
        responsible=responsible,
        falls_to_county=any(name.startswith(COUNTY_WIDE_NAME) for name in everyone) or mentions_county(raw_text),
        open_ended=leads.open_ended or others.open_ended,
        unclear=leads.unclear + others.unclear + extra_leads.unclear,
    )


def split_trailing_responsibility(task_text: str) -> tuple[str, str]:
    """'开展…活动。（市卫健委牵头，市教育局配合）' → ('开展…活动。', '市卫健委牵头，市教育局配合').

    Only a final parenthesis that names departments (牵头/负责, or nothing but department names) is taken; other
    parentheses ('（2022年底前）') stay in the text and the second value is ''.
    """
    match = _TRAILING_PARENTHESIS.search(task_text)
    if not match:
        return task_text, ""
    inner = match.group("inner").strip()
    pieces = [piece for piece in split_top_level(_GLUED.sub("、", inner)) if _clean(piece)]
    names_only = bool(pieces) and all(looks_like_department(piece) for piece in pieces)
    marked = ("牵头" in inner or "负责" in inner) and any(looks_like_department(piece.split("牵头")[0])
                                                         for piece in pieces)
    if not (names_only or marked):
        return task_text, ""
    return task_text[: match.start()].rstrip(), inner


def is_generic_body(name: str) -> bool:
    """True for 市直各有关部门, 各成员单位, 相关部门…: a way of saying "everyone concerned", never one unit."""
    return bool(_GENERIC_BODY.search(name))


def clean_body_name(name: str) -> str:
    """A department name without a stray bracket left by splitting ('市妇联）' → '市妇联'); balanced ones stay."""
    text = name.strip()
    while text and text[-1] in "）)" and text.count("（") + text.count("(") < text.count("）") + text.count(")"):
        text = text[:-1].strip()
    while text and text[0] in "（(" and text.count("（") + text.count("(") > text.count("）") + text.count(")"):
        text = text[1:].strip()
    return text


def county_counterpart(city_department: str, county_prefix: str = "区") -> str:
    """The county body that mirrors a city department: 市卫生健康委 → 区卫生健康委 (prefix 区 or 县), 团市委 → 团区委."""
    if city_department.startswith("团市委"):
        return "团" + county_prefix + "委" + city_department[3:]
    if city_department.startswith("市委"):
        return county_prefix + "委" + city_department[2:]
    if city_department.startswith("市"):
        return county_prefix + city_department[1:]
    return city_department
