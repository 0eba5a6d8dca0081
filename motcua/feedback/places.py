"""Where a rating is made and whom it credits: the unit (the dossier's, or the one named), the counter
with the officer on duty, the officer credited. Rows rather than ORM objects, from statements built
once: this runs for every rating a kiosk posts (see bench/ratings.py)."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import Row, bindparam, select
from sqlalchemy.orm import Session

from motcua.dossiers.codes import normalize_code
from motcua.dossiers.models import Dossier
from motcua.feedback.devices import Device
from motcua.feedback.errors import RatingError
from motcua.staff import Counter, Officer
from motcua.units import Unit


def find_dossier(session: Session, code: str) -> Dossier | None:
    """The dossier with this code (spaces, dashes and case as people type them), or None."""
    code = normalize_code(code)
    return session.scalar(select(Dossier).where(Dossier.code == code)) if code else None


def rated_unit(session: Session, unit_code: str, dossier: Dossier | None) -> Row:
    """The unit's id, code, name and scale (a row, not an ORM object: this runs on every rating).

    A rating of a dossier belongs to the dossier's unit; the unit named may be that unit or one above
    it (the province centre's assistant rates a commune's dossier for the commune)."""
    code = (unit_code or "").strip()
    unit = None
    for candidate in dict.fromkeys((code, code.upper())) if code else ():
        unit = unit or session.connection().execute(_UNIT_BY_CODE, {"code": candidate}).one_or_none()
    if code and unit is None:
        raise RatingError(404, "unit_not_found", f"Không tìm thấy đơn vị '{code}'.")
    if dossier is None:
        if unit is None:
            raise RatingError(422, "unit_required", "Thiếu mã đơn vị được đánh giá (unit_code).")
        return unit
    if unit is not None and unit.id not in _ancestors_and_self(session, dossier.unit_id):
        raise RatingError(422, "dossier_of_other_unit", "Hồ sơ này không thuộc đơn vị được đánh giá.")
    return session.connection().execute(_UNIT_BY_ID, {"id": dossier.unit_id}).one()


def _ancestors_and_self(session: Session, unit_id: int) -> list[int]:
    chain = [unit_id]
    while (parent := session.scalar(select(Unit.parent_id).where(Unit.id == chain[-1]))) and parent not in chain:
        chain.append(parent)
    return chain


def counter_at(session: Session, unit: Row, code: str, required: bool) -> Row | None:
    """The counter with the officer on duty now (id and code), in one query."""
    code = (code or "").strip()
    if not code:
        if required:
            raise RatingError(422, "counter_required", "Thiếu mã quầy của màn hình đánh giá.")
        return None
    counter = session.connection().execute(_COUNTER, {"unit_id": unit.id, "code": code}).one_or_none()
    if counter is None:
        raise RatingError(404, "counter_not_found", f"Không tìm thấy quầy '{code}' của {unit.name}.")
    return counter


def device_counter(session: Session, device: Device, unit_code: str, counter_code: str) -> tuple[Row, Row]:
    """The unit and counter (with the officer on duty) of an enrolled kiosk. A kiosk rates its own
    counter only: a body naming another unit or counter is refused, not silently moved."""
    named_unit, named_counter = (unit_code or "").strip(), (counter_code or "").strip()
    if (named_unit and named_unit.upper() != device.unit_code.upper()) or (
        named_counter and named_counter != device.counter_code
    ):
        raise RatingError(403, "device_other_counter", "Màn hình đánh giá này được đăng ký cho một quầy khác.")
    unit = session.connection().execute(_UNIT_BY_ID, {"id": device.unit_id}).one()
    counter = session.connection().execute(_COUNTER_BY_ID, {"id": device.counter_id}).one()
    return unit, counter


def credited_officer(
    session: Session, unit: Row, code: str, counter: Row | None, dossier: Dossier | None
) -> Row | None:
    """The officer credited: the one named (only the history import names one), else the dossier's
    receiving officer, else the officer on duty at the counter."""
    code = (code or "").strip()
    columns = select(Officer.id, Officer.code)
    if code:
        officer = session.connection().execute(columns.where(Officer.unit_id == unit.id, Officer.code == code))
        found = officer.one_or_none()
        if found is None:
            raise RatingError(404, "officer_not_found", f"Không tìm thấy cán bộ '{code}' của {unit.name}.")
        return found
    if dossier is not None and dossier.received_by_officer_id:
        return session.connection().execute(columns.where(Officer.id == dossier.received_by_officer_id)).one()
    if counter is not None and counter.officer_id is not None:
        return _Officer(counter.officer_id, counter.officer_code)
    return None


class _Officer(NamedTuple):
    id: int
    code: str


_UNIT_COLUMNS = select(Unit.id, Unit.code, Unit.name, Unit.rating_scale)
_UNIT_BY_ID = _UNIT_COLUMNS.where(Unit.id == bindparam("id"))
_UNIT_BY_CODE = _UNIT_COLUMNS.where(Unit.code == bindparam("code"))
_COUNTER_COLUMNS = select(
    Counter.id, Counter.code, Officer.id.label("officer_id"), Officer.code.label("officer_code")
).outerjoin(Officer, Officer.id == Counter.current_officer_id)
# A closed counter still takes the ratings its kiosk queued while it was open.
_COUNTER = _COUNTER_COLUMNS.where(Counter.unit_id == bindparam("unit_id"), Counter.code == bindparam("code"))
_COUNTER_BY_ID = _COUNTER_COLUMNS.where(Counter.id == bindparam("id"))
