"""The one place that reads the wall clock for stored timestamps, so tests can pin it."""

from __future__ import annotations

from datetime import date, datetime


def now_iso() -> str:
    """Local time with its UTC offset, to the second: '2025-06-14T09:30:05+08:00'."""
    return datetime.now().astimezone().replace(microsecond=0).isoformat()


def today() -> date:
    """Today's local date."""
    return date.today()
