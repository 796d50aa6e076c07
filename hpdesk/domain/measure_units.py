"""Units of measure as the city writes them: one canonical spelling each, and conversion where it makes sense.

A unit belongs to a *dimension* with a scale to the dimension's base, so '%' ↔ '‰' ↔ '1/10万', '万人' ↔ '人',
'km/万人' ↔ 'm/万人' and '人/千常住人口' ↔ '人/万常住人口' convert, while '%' → '岁' does not (ValueError).
Densities keep their own noun and population basis ('张/千常住人口' never converts to '人/千常住人口', nor to
'人/千人口': 常住人口 and 户籍人口 are different bases). Canonical spellings are stored in the database (indicator
units), so an existing spelling must keep its canonical form.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# canonical spelling → the ways it is written (compared after NFKC and with spaces removed)
_SPELLINGS: dict[str, tuple[str, ...]] = {
    "%": ("%", "百分比", "百分之", "百分率"),
    "‰": ("‰", "千分之", "1/千", "1/1000"),
    "1/万": ("1/万", "万分之", "1/10000", "/万"),
    "1/10万": ("1/10万", "名/10万", "/10万", "10万分之", "十万分之", "人/10万", "例/10万", "1/十万", "/十万",
               "1/100000", "人/十万", "例/十万", "名/十万"),
    "岁": ("岁", "周岁"),
    "例": ("例",),
    "名": ("名",),
    "人": ("人",),
    "万人": ("万人",),
    "个": ("个",),
    "元": ("元",),
    "万元": ("万元",),
    "亿元": ("亿元",),
    "m/万人": ("m/万人", "米/万人"),
    "km/万人": ("km/万人", "公里/万人", "千米/万人"),
    "小时": ("小时", "h"),
    "分钟": ("分钟", "min"),
    "天": ("天", "日"),
    "个百分点": ("个百分点", "百分点"),
}
_CANONICAL = {spelling: canonical for canonical, spellings in _SPELLINGS.items() for spelling in spellings}

# canonical unit → (dimension, scale to the dimension's base)
_DIMENSIONS: dict[str, tuple[str, float]] = {
    "%": ("proportion", 1e-2),
    "‰": ("proportion", 1e-3),
    "1/万": ("proportion", 1e-4),
    "1/10万": ("proportion", 1e-5),
    "人": ("persons", 1.0),
    "名": ("persons", 1.0),
    "万人": ("persons", 1e4),
    "元": ("money", 1.0),
    "万元": ("money", 1e4),
    "亿元": ("money", 1e8),
    "m/万人": ("length_per_population", 1.0),
    "km/万人": ("length_per_population", 1e3),
    "分钟": ("duration", 1.0),
    "小时": ("duration", 60.0),
    "天": ("duration", 1440.0),
    "岁": ("age", 1.0),
    "例": ("cases", 1.0),
    "个": ("items", 1.0),
}

# '人/千常住人口', '张/千人口', '个/万人': a count per thousand / ten thousand of a population.
_DENSITY_TEXT = (r"(?P<noun>[\u4e00-\u9fff]{1,3})/(?P<magnitude>百|千|万|10万|十万|1000|10000)"
                 r"(?P<basis>常住人口|户籍人口|人口|居民|人)?")
_DENSITY = re.compile(f"^{_DENSITY_TEXT}$")
_MAGNITUDES = {"百": 1e2, "千": 1e3, "1000": 1e3, "万": 1e4, "10000": 1e4, "10万": 1e5, "十万": 1e5}

# Spellings that stand *before* the number in Chinese: '十万分之8.9', '百分之80'.
PREFIX_UNITS = ("十万分之", "10万分之", "万分之", "千分之", "百分之")

_UNIT_LABELS = {"%": "%", "‰": "‰", "1/10万": "/10万", "1/万": "/万", "个百分点": "个百分点"}

# Every spelling a number may be followed by, longest first, so '1/10万' wins over '1' and '万人' over '万'.
_SUFFIX_SPELLINGS = sorted((s for s in _CANONICAL if s not in PREFIX_UNITS and not s.startswith("百分")),
                           key=len, reverse=True)


@dataclass(frozen=True)
class UnitDimension:
    """What a unit measures ('proportion', 'persons', 'per_population:人/常住人口' …) and its scale to the base."""

    name: str
    scale: float


def compact_unit_text(text: str) -> str:
    """NFKC (full-width ％ → %), no spaces: the form spellings are compared in."""
    # NFKC again after removing spaces: "¸" becomes " ̧", and without the space the mark composes differently.
    return unicodedata.normalize("NFKC", re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")))


def canonical_unit(text: str) -> str:
    """'名/10万' → '1/10万', '％' → '%', '公里/万人' → 'km/万人'; unknown units come back compacted, unchanged."""
    compact = compact_unit_text(text)
    return _CANONICAL.get(compact, compact)


def unit_dimension(unit: str) -> UnitDimension | None:
    """The dimension of `unit`, or None for a unit hpdesk cannot relate to any other (then only itself matches)."""
    canonical = canonical_unit(unit)
    if canonical in _DIMENSIONS:
        name, scale = _DIMENSIONS[canonical]
        return UnitDimension(name, scale)
    density = _DENSITY.match(canonical)
    if density:
        noun = "人" if density.group("noun") == "名" else density.group("noun")
        basis = density.group("basis") or "人"
        return UnitDimension(f"per_population:{noun}/{basis}", 1 / _MAGNITUDES[density.group("magnitude")])
    return None


def can_convert(from_unit: str, to_unit: str) -> bool:
    """True when `convert` would succeed: the same canonical unit, or two units of one dimension."""
    if canonical_unit(from_unit) == canonical_unit(to_unit):
        return True
    source, target = unit_dimension(from_unit), unit_dimension(to_unit)
    return source is not None and target is not None and source.name == target.name


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """`value` in `from_unit` expressed in `to_unit` (9.5 '1/10万' → 0.095 '‰'). ValueError across dimensions."""
    if canonical_unit(from_unit) == canonical_unit(to_unit):
        return value
    source, target = unit_dimension(from_unit), unit_dimension(to_unit)
    if source is None or target is None or source.name != target.name:
        raise ValueError(f"cannot convert {from_unit!r} to {to_unit!r}")
    return value * source.scale / target.scale


def read_unit(text: str) -> tuple[str, str]:
    """The unit at the start of `text` and what follows it: '%以上' → ('%', '以上'), '名/10万' → ('1/10万', '').

    Known spellings are matched longest first; a density such as '人/千常住人口' is taken whole. No unit → ('', text).
    """
    compact = compact_unit_text(text)
    density = re.match(_DENSITY_TEXT, compact)
    if density and unit_dimension(density.group()) is not None and density.group() not in _CANONICAL:
        return canonical_unit(density.group()), compact[density.end():]
    spelling = next((spelling for spelling in _SUFFIX_SPELLINGS if compact.startswith(spelling)), "")
    return _CANONICAL.get(spelling, ""), compact[len(spelling):]


def read_prefix_unit(text: str) -> tuple[str, str]:
    """A unit written before the number: '十万分之8.9' → ('1/10万', '8.9'); none → ('', text)."""
    compact = compact_unit_text(text)
    spelling = next((spelling for spelling in PREFIX_UNITS if compact.startswith(spelling)), "")
    return _CANONICAL.get(spelling, ""), compact[len(spelling):]


def format_number(value: float, unit: str = "") -> str:
    """'85.1%', '4‰', '9.5/10万', '80.2岁': a number as a clerk reads it (at most 4 decimals, no trailing zeros)."""
    if value != value or value in (float("inf"), float("-inf")):  # NaN/inf never come from a clerk; show them raw
        text = str(value)
    elif value == int(value) and abs(value) < 1e15:
        text = str(int(value))
    else:
        text = f"{value:.4f}".rstrip("0").rstrip(".")
        if text in ("0", "-0"):
            text = f"{value:.3g}"
    canonical = canonical_unit(unit)
    return text + _UNIT_LABELS.get(canonical, canonical)
