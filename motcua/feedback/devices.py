"""Đăng ký màn hình đánh giá — the credential that lets one counter's kiosk post ratings.

A manager enrols a counter (``counters enroll UNIT COUNTER`` or the counters page) and opens the printed
URL once on the kiosk; the kiosk keeps the secret and sends it with every rating. Without it anyone
could post "kiosk" ratings for any counter and officer. The secret travels in the URL's fragment, which
browsers never send to the server, so it stays out of access logs and proxies.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import NamedTuple
from urllib.parse import quote

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from motcua.feedback.errors import RatingError
from motcua.feedback.models import KioskDevice
from motcua.staff import Counter, get_counter
from motcua.units import Unit, get_unit

# The kiosk page reads the secret from this fragment parameter (kiosk/static/kiosk/kiosk.js).
URL_FRAGMENT = "thiet-bi"
_PREFIX = "kd_"
MAX_SECRET = 120


class Device(NamedTuple):
    """An active kiosk credential with where it stands: what ``check_device`` returns."""

    id: int
    enrolled_at: datetime
    counter_id: int
    counter_code: str
    unit_id: int
    unit_code: str


def enrol_device(session: Session, unit_code: str, counter_code: str, now: datetime) -> tuple[KioskDevice, str]:
    """A new credential for the counter's kiosk, revoking the one it had; returns it and its secret
    (shown once, never stored). Flushes; the caller commits."""
    counter = _counter(session, unit_code, counter_code)
    _revoke(session, counter, now)
    secret = _PREFIX + secrets.token_urlsafe(32)
    device = KioskDevice(counter=counter, secret_hash=_digest(secret), enrolled_at=now)
    session.add(device)
    session.flush()
    return device, secret


def revoke_devices(session: Session, unit_code: str, counter_code: str, now: datetime) -> int:
    """Shut the counter's kiosk out; how many credentials were active (0 or 1). Flushes."""
    return _revoke(session, _counter(session, unit_code, counter_code), now)


def active_devices(session: Session, unit: Unit) -> dict[int, KioskDevice]:
    """The active credential of each enrolled counter of the unit, by counter id."""
    rows = session.scalars(
        select(KioskDevice)
        .join(Counter, Counter.id == KioskDevice.counter_id)
        .where(Counter.unit_id == unit.id, KioskDevice.revoked_at.is_(None))
    )
    return {device.counter_id: device for device in rows}


def check_device(session: Session, presented: str) -> Device | None:
    """The active device whose secret was presented, or None (unknown, revoked or malformed)."""
    presented = (presented or "").strip()
    if not presented.startswith(_PREFIX) or len(presented) > MAX_SECRET:
        return None
    row = session.connection().execute(_BY_HASH, {"digest": _digest(presented)}).one_or_none()
    return Device(*row) if row is not None else None


def kiosk_url(base_url: str, unit_code: str, counter_code: str, secret: str) -> str:
    """The address a manager opens once on the kiosk to enrol it."""
    path = f"/kiosk/{quote(unit_code, safe='')}/{quote(counter_code, safe='')}"
    return f"{base_url.rstrip('/')}{path}#{URL_FRAGMENT}={secret}"


def _counter(session: Session, unit_code: str, counter_code: str) -> Counter:
    unit = get_unit(session, (unit_code or "").strip())
    if unit is None:
        raise RatingError(404, "unit_not_found", f"Không tìm thấy đơn vị '{unit_code}'.")
    counter = get_counter(session, unit, counter_code or "")
    if counter is None:
        raise RatingError(404, "counter_not_found", f"Không tìm thấy quầy '{counter_code}' của {unit.name}.")
    return counter


def _revoke(session: Session, counter: Counter, now: datetime) -> int:
    result = session.execute(
        update(KioskDevice)
        .where(KioskDevice.counter_id == counter.id, KioskDevice.revoked_at.is_(None))
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


_BY_HASH = (
    select(KioskDevice.id, KioskDevice.enrolled_at, Counter.id, Counter.code, Unit.id, Unit.code)
    .join(Counter, Counter.id == KioskDevice.counter_id)
    .join(Unit, Unit.id == Counter.unit_id)
    .where(KioskDevice.secret_hash == bindparam("digest"), KioskDevice.revoked_at.is_(None))
)
