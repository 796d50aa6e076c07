"""How commands print: one JSON object with --json, otherwise short human lines."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any


def _default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def print_json(payload: Any) -> None:
    """Print `payload` as one JSON document (UTF-8, Chinese kept readable)."""
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=_default) + "\n")


def print_lines(*lines: str) -> None:
    for line in lines:
        sys.stdout.write(line + "\n")


def print_mapping(mapping: dict[str, Any]) -> None:
    """Aligned `key: value` lines."""
    width = max((len(key) for key in mapping), default=0)
    for key, value in mapping.items():
        sys.stdout.write(f"{key.ljust(width)}  {value}\n")
