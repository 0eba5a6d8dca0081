"""Quầy và cán bộ — the counters of a unit and the officers who staff them.

Which officer sits at which counter now is kiosk state (``Counter.current_officer``): a rating made
at the counter's kiosk is credited to that officer.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from motcua.db import Base
from motcua.errors import Invalid
from motcua.units import Unit, get_unit


class StaffError(Invalid):
    """A counter or officer that cannot be stored; Vietnamese message."""


class Officer(Base):
    """Cán bộ tiếp nhận và trả kết quả."""

    __tablename__ = "officers"
    __table_args__ = (UniqueConstraint("unit_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)

    unit: Mapped[Unit] = relationship()


class Counter(Base):
    """Quầy — a counter of a unit, with its kiosk and the officer on duty."""

    __tablename__ = "counters"
    __table_args__ = (UniqueConstraint("unit_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(255))
    current_officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    active: Mapped[bool] = mapped_column(default=True)

    unit: Mapped[Unit] = relationship()
    current_officer: Mapped[Officer | None] = relationship()


def save_officer(session: Session, unit_code: str, code: str, name: str) -> Officer:
    """Add or rename an officer of a unit (upsert on unit and code)."""
    unit = _unit(session, unit_code)
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise StaffError("Cần mã và họ tên cán bộ.")
    officer = session.scalar(select(Officer).where(Officer.unit_id == unit.id, Officer.code == code))
    officer = officer or Officer(unit=unit, code=code)
    officer.name = name
    session.add(officer)
    session.flush()
    return officer


def save_counter(session: Session, unit_code: str, code: str, name: str) -> Counter:
    """Add or rename a counter of a unit (upsert on unit and code)."""
    unit = _unit(session, unit_code)
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise StaffError("Cần mã và tên quầy.")
    counter = get_counter(session, unit, code) or Counter(unit=unit, code=code)
    counter.name = name
    session.add(counter)
    session.flush()
    return counter


def get_counter(session: Session, unit: Unit, code: str) -> Counter | None:
    return session.scalar(select(Counter).where(Counter.unit_id == unit.id, Counter.code == code.strip()))


def assign_officer(session: Session, counter: Counter, officer_code: str | None) -> None:
    """Put an officer of the same unit on duty at the counter (None: nobody)."""
    if officer_code is None:
        counter.current_officer = None
        return
    officer = session.scalar(
        select(Officer).where(Officer.unit_id == counter.unit_id, Officer.code == officer_code.strip())
    )
    if officer is None or not officer.active:
        raise StaffError(f"Không tìm thấy cán bộ '{officer_code}' của đơn vị này.")
    counter.current_officer = officer
    session.flush()


def list_counters(session: Session, unit: Unit) -> list[Counter]:
    """A unit's counters, by code."""
    return list(session.scalars(select(Counter).where(Counter.unit_id == unit.id).order_by(Counter.code)))


def list_officers(session: Session, unit: Unit, active_only: bool = False) -> list[Officer]:
    """A unit's officers, by code (``active_only``: those who may be put on duty, by name)."""
    query = select(Officer).where(Officer.unit_id == unit.id)
    if active_only:
        return list(session.scalars(query.where(Officer.active.is_(True)).order_by(Officer.name)))
    return list(session.scalars(query.order_by(Officer.code)))


def toggle_officer(session: Session, unit: Unit, code: str | None) -> Officer:
    """Deactivate an active officer (and take them off every counter they are on duty at), or
    reactivate an inactive one."""
    officer = session.scalar(select(Officer).where(Officer.unit_id == unit.id, Officer.code == code))
    if officer is None:
        raise StaffError("Không tìm thấy cán bộ.")
    officer.active = not officer.active
    if not officer.active:
        for counter in session.scalars(select(Counter).where(Counter.current_officer_id == officer.id)):
            counter.current_officer = None
    return officer


def _unit(session: Session, unit_code: str) -> Unit:
    unit = get_unit(session, unit_code)
    if unit is None:
        raise StaffError(f"Không tìm thấy đơn vị '{unit_code}'.")
    return unit
