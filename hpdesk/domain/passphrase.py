"""The passphrase rule for the office's signing key, in one place: the identity service enforces it, and the
first-run wizard and the settings page say it and check it before they ask the service."""

from __future__ import annotations

MIN_PASSPHRASE_LENGTH = 6


def passphrase_too_short(passphrase: str | None, minimum: int = MIN_PASSPHRASE_LENGTH) -> bool:
    """True when `passphrase` is missing or shorter than `minimum` (never less than one character)."""
    return passphrase is None or len(passphrase) < max(1, minimum)
