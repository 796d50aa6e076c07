"""Units of measure as the city writes them, one canonical spelling each, and conversion between rate units."""

from __future__ import annotations

import re

# canonical spelling → the ways it is written
_SPELLINGS: dict[str, tuple[str, ...]] = {
    "%": ("%", "％", "百分比", "百分之"),
    "‰": ("‰", "千分之"),
    "1/10万": ("1/10万", "名/10万", "/10万", "10万分之", "十万分之", "人/10万", "例/10万", "1/十万"),
    "1/万": ("1/万", "万分之"),
    "岁": ("岁",),
    "例": ("例",),
    "名": ("名",),
    "人": ("人",),
    "m/万人": ("m/万人", "米/万人", "公里/万人"),
    "万人": ("万人",),
    "小时": ("小时", "h"),
    "个百分点": ("个百分点", "百分点"),
}
_CANONICAL = {spelling: canonical for canonical, spellings in _SPELLINGS.items() for spelling in spellings}

# Rates as a fraction of the population: these convert into each other.
RATE_SCALE = {"%": 1e-2, "‰": 1e-3, "1/万": 1e-4, "1/10万": 1e-5}

_UNIT_LABELS = {"%": "%", "‰": "‰", "1/10万": "/10万", "1/万": "/万", "个百分点": "个百分点"}


def canonical_unit(text: str) -> str:
    """'名/10万' → '1/10万', '％' → '%'; unknown units come back trimmed, unchanged."""
    compact = re.sub(r"\s+", "", text or "")
    return _CANONICAL.get(compact, compact)


def is_rate(unit: str) -> bool:
    return canonical_unit(unit) in RATE_SCALE


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert between rate units (% ‰ 1/万 1/10万); the same unit returns the value. ValueError otherwise."""
    source, target = canonical_unit(from_unit), canonical_unit(to_unit)
    if source == target:
        return value
    if source in RATE_SCALE and target in RATE_SCALE:
        return value * RATE_SCALE[source] / RATE_SCALE[target]
    raise ValueError(f"cannot convert {from_unit!r} to {to_unit!r}")


def format_number(value: float, unit: str = "") -> str:
    """'85.1%', '4‰', '9.5/10万', '80.2岁': a number as a clerk reads it (no trailing .0)."""
    text = f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    canonical = canonical_unit(unit)
    return text + _UNIT_LABELS.get(canonical, canonical)
