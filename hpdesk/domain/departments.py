"""Who is responsible: split department text into names, normalise their spellings, and spot county-wide duties.

Two styles occur in city tables (DOMAIN.md, "Departments in the text"):
- columns: 牵头部门 "市卫生健康委" and 责任部门 "市卫生健康委、各县市区";
- one bracket cell: "市卫健委<市爱卫办>牵头，市委组织部、市委宣传部，…各区县（市）按职责分工负责".
Separators are 、，,；; and spaces; "等" ends open lists; "各县（区）人民政府" may be glued to the previous name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

# Every way the city says "each county/district" (and the county-level counterpart department).
COUNTY_WIDE_PATTERN = re.compile(
    r"各县[（(]?[市区][、，,]?[市区]?[）)]?(?:人民政府)?"  # 各县市区 各县（市、区） 各县（区）人民政府 各县区
    r"|各区县[（(]?市?[）)]?(?:人民政府)?"  # 各区县（市） 各区县
    r"|各县[（(]市[）)]区"  # 各县（市）区
    r"|各县(?:人民政府)?(?=$|[、，,；;])"
    r"|县区卫生健康委|县[（(]市、区[）)]卫生健康委|各(?:区|县)卫生健康委"
)

# Built-in spellings of city departments; the clerk's alias table extends and overrides these.
DEFAULT_DEPARTMENT_ALIASES: dict[str, str] = {
    "市卫健委": "市卫生健康委",
    "市卫生健康委员会": "市卫生健康委",
    "市卫生和计划生育委员会": "市卫生健康委",
    "市卫计委": "市卫生健康委",
    "市教体局": "市教育局",
    "市发改委": "市发展改革委",
    "市发展和改革委员会": "市发展改革委",
    "市人力资源社会保障局": "市人社局",
    "市人力资源和社会保障局": "市人社局",
    "市住建局": "市住房城乡建设局",
    "市城建局": "市住房城乡建设局",
    "市市场监督管理局": "市市场监管局",
    "市生态环境保护局": "市生态环境局",
    "市爱卫会": "市爱卫办",
    "市委宣传部（文明办）": "市委宣传部",
}

_SEPARATORS = re.compile(r"[、，,；;\s/]+")
_DUTY_SUFFIX = re.compile(r"(?:按职责分工负责|按照职责分工负责|按职责负责|分工负责|负责|配合|参与|共同)$")
_BRACKETED_ALIAS = re.compile(r"[<〈《](?P<inner>[^>〉》]+)[>〉》]")
_GLUE_BEFORE = re.compile(r"(?<=[^、，,；;\s])(?=各县|各区县|县区卫生健康委)")


@dataclass(frozen=True)
class Responsibility:
    """Departments named for a task: leads (牵头) and the others (责任/配合), normalised, in order of appearance."""

    leads: tuple[str, ...]
    responsible: tuple[str, ...]
    falls_to_county: bool
    open_ended: bool  # the list ended with 等 ("… 等"): more bodies may be meant

    @property
    def all_departments(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.leads + self.responsible))


def is_county_wide(name: str) -> bool:
    return bool(COUNTY_WIDE_PATTERN.search(name))


def normalise_name(name: str, aliases: Mapping[str, str] | None = None) -> str:
    """One spelling per department: trims, drops 等/duty words, maps through clerk aliases then the defaults."""
    cleaned = name.strip().strip("。.：:")
    cleaned = _DUTY_SUFFIX.sub("", cleaned).strip()
    cleaned = re.sub(r"等(?:[单部]位|部门)?$", "", cleaned)
    cleaned = cleaned.replace("(", "（").replace(")", "）")
    if is_county_wide(cleaned):
        return "各县（市、区）"
    for table in (aliases or {}, DEFAULT_DEPARTMENT_ALIASES):
        if cleaned in table:
            return table[cleaned]
    return cleaned


def split_names(text: str, aliases: Mapping[str, str] | None = None) -> tuple[list[str], bool]:
    """Names in a list cell, normalised, without duplicates; and whether the list ended with 等."""
    text = _GLUE_BEFORE.sub("、", text)
    open_ended = bool(re.search(r"等(?:[单部]位|部门)?(?:按职责分工负责|按职责负责|负责|配合)?\s*[。.]?$", text.strip()))
    names: list[str] = []
    for piece in _SEPARATORS.split(text):
        piece = piece.strip()
        if not piece:
            continue
        # 市卫健委<市爱卫办>: both names of the same lead body.
        inner = [match.group("inner") for match in _BRACKETED_ALIAS.finditer(piece)]
        outer = _BRACKETED_ALIAS.sub("", piece)
        for candidate in [outer, *inner]:
            name = normalise_name(candidate, aliases)
            if name and name not in names and name not in {"等", "牵头"}:
                names.append(name)
    return names, open_ended


def parse_columns(lead_text: str, responsible_text: str, aliases: Mapping[str, str] | None = None) -> Responsibility:
    """Column style: a 牵头 column and a 责任 column (either may be blank)."""
    leads, lead_open = split_names(lead_text, aliases)
    others, others_open = split_names(responsible_text, aliases)
    county = is_county_wide(lead_text) or is_county_wide(responsible_text)
    return Responsibility(tuple(leads), tuple(others), county, lead_open or others_open)


def parse_bracket_cell(text: str, aliases: Mapping[str, str] | None = None) -> Responsibility:
    """Bracket style: '甲<乙>牵头，丙、丁，各区县（市）按职责分工负责' in one cell.

    The clause that ends in 牵头 names the leads; everything else is responsible. Without any 牵头 the first name
    leads (the city's convention: the first listed department leads), flagged by the caller if it matters.
    """
    stripped = text.strip().strip("（）()")
    lead_part, _, rest = stripped.partition("牵头")
    if rest or stripped.endswith("牵头"):
        leads, lead_open = split_names(lead_part, aliases)
        others, others_open = split_names(rest, aliases)
    else:
        everyone, lead_open = split_names(stripped, aliases)
        leads, others, others_open = everyone[:1], everyone[1:], False
    others = [name for name in others if name not in leads]
    return Responsibility(tuple(leads), tuple(others), is_county_wide(text), lead_open or others_open)


def county_counterpart(city_department: str, county_prefix: str = "区") -> str:
    """The county body that mirrors a city department: 市卫生健康委 → 区卫生健康委 (prefix 区 or 县)."""
    if city_department.startswith("市委"):
        return county_prefix + "委" + city_department[2:]
    if city_department.startswith("市"):
        return county_prefix + city_department[1:]
    return city_department
