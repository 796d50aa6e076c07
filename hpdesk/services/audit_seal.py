"""A keyed seal on the head of the audit trail, so `hpdesk check` sees events deleted from its end (the last one,
the last 500, all of them) and a chain that was edited and then re-hashed from scratch.

The hash chain alone cannot show either: deleting the newest events or recomputing every hash after an edit leaves
a chain that verifies. So every event also advances a seal, kept in the `setting` row `audit_seal` in the same
transaction: the number of events, the newest event's hash, and an HMAC-SHA256 over both with a key that lives
outside the database (`identity/audit-chain.key`, 32 random bytes, created once per workspace and carried in its
backups). Without the key, nobody editing the database with an SQLite tool can produce a seal that matches their
edit. (Someone who holds the workspace folder holds the key too; the signed packages sent to the city are the
evidence that survives that.)

A workspace made before seals existed gets its key and a seal over its current chain when first opened (trust on
first use); so does one whose key file is gone, and then the moment is noted in the seal for `check` to show. A
seal that is missing while events exist is itself reported.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from hpdesk.storage.audit_store import chain_end, hash_at
from hpdesk.storage.setting_store import set_setting, setting_value

KEY_FILE = "audit-chain.key"
SEAL_SETTING = "audit_seal"
SESSION_KEY = "audit_key"  # Session.info entry holding the key for `advance_seal`
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _mac(key: bytes, count: int, head: str) -> str:
    return hmac.new(key, f"hpdesk-audit-seal:{count}:{head}".encode(), hashlib.sha256).hexdigest()


def read_key(identity_dir: Path) -> bytes | None:
    """The workspace's audit key, or None when there is none (or it is unreadable: `check` then says so)."""
    try:
        descriptor = os.open(identity_dir / KEY_FILE, os.O_RDONLY | _NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as stream:
        text = stream.read(200).strip()
    try:
        key = bytes.fromhex(text.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        return None
    return key if len(key) >= 32 else None


def create_key(identity_dir: Path) -> bytes:
    """Make the key file (never overwriting one, never through a link) and return the key."""
    identity_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    descriptor = os.open(identity_dir / KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(key.hex().encode("ascii"))
        stream.flush()
        os.fsync(stream.fileno())
    return key


def _seal_value(key: bytes, count: int, head: str, rekeyed: list[str]) -> dict[str, object]:
    return {"count": count, "head": head, "mac": _mac(key, count, head), "rekeyed": rekeyed}


def _rekeyed(value: object) -> list[str]:
    notes = value.get("rekeyed") if isinstance(value, dict) else None
    return [str(note) for note in notes] if isinstance(notes, list) else []


def advance_seal(session: Session, head: str, *, added: int = 1) -> None:
    """Move the seal over the `added` events just appended in `session`, the last with hash `head` (no-op for a
    session without the key): the same seal as moving it once per event.

    A missing seal is only created with the very first events: otherwise a deleted seal would quietly reappear over
    a truncated chain with the next edit.
    """
    key = session.info.get(SESSION_KEY)
    if not key:
        return
    value = setting_value(session, SEAL_SETTING)
    if isinstance(value, dict) and isinstance(value.get("count"), int):
        count = value["count"] + added
    elif value is None and chain_end(session)[0] == added:
        count = added
    else:
        return  # a damaged or missing seal stays visibly so
    set_setting(session, SEAL_SETTING, _seal_value(key, count, head, _rekeyed(value)))


def chain_anchor(session: Session) -> dict[str, object]:
    """{"count", "head"}: the audit trail's length and last hash now, written where a later truncation shows — the
    signed manifest of each exported package and each backup's backup.json (outside the database)."""
    count, head = chain_end(session)
    return {"count": count, "head": head or ""}


def anchor_problem(session: Session, anchor: object) -> str | None:
    """None when the trail still holds the event `anchor` (from `chain_anchor`) names at its position; else why not:
    events deleted since ("truncated"), or that position now holding another event ("rewritten"), or an anchor
    that is not one ("unreadable")."""
    if not isinstance(anchor, dict) or isinstance(anchor.get("count"), bool) \
            or not isinstance(anchor.get("count"), int) or anchor["count"] < 0 or not isinstance(anchor.get("head"), str):
        return "unreadable"
    count, head = anchor["count"], anchor["head"]
    if count == 0:
        return None
    if (chain_end(session)[0]) < count:
        return "truncated"
    return None if hash_at(session, count) == head else "rewritten"


def seal_current_chain(session: Session, key: bytes, now: str) -> bool:
    """Seal the chain as it stands with a new key. Returns True when an earlier seal existed (its key was lost):
    the moment is noted in the seal, where `check` shows it."""
    count, head = chain_end(session)
    value = setting_value(session, SEAL_SETTING)
    rekeyed = [] if value is None else [*_rekeyed(value), now]
    set_setting(session, SEAL_SETTING, _seal_value(key, count, head or "", rekeyed))
    return value is not None


@dataclass(frozen=True)
class SealFinding:
    problem: str  # seal_missing | seal_forged | events_missing | events_unsealed | head_mismatch
    detail: str = ""


def rekeyed_at(session: Session) -> list[str]:
    """When the audit key had to be made anew although a seal existed (shown by `check`, not a failure)."""
    return _rekeyed(setting_value(session, SEAL_SETTING))


def verify_seal(session: Session, key: bytes | None) -> list[SealFinding]:
    """Compare the chain's end with its seal; [] when they agree (or when there is no key to check with)."""
    if key is None:
        return []
    value = setting_value(session, SEAL_SETTING)
    count, head = chain_end(session)
    if not isinstance(value, dict):
        return [SealFinding("seal_missing")] if count else []
    sealed_count, sealed_head, mac = value.get("count"), value.get("head"), value.get("mac")
    if not (isinstance(sealed_count, int) and isinstance(sealed_head, str) and isinstance(mac, str)) or \
            not hmac.compare_digest(mac, _mac(key, sealed_count, sealed_head)):
        return [SealFinding("seal_forged")]
    findings = []
    if count < sealed_count:
        findings.append(SealFinding("events_missing", f"{sealed_count - count}"))
    elif count > sealed_count:
        findings.append(SealFinding("events_unsealed", f"{count - sealed_count}"))
    if (head or "") != sealed_head:
        findings.append(SealFinding("head_mismatch"))
    return findings
