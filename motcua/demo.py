"""Demo data for ``make demo`` (``seed-demo``): a province centre with the communes under it, and
whatever each domain adds (procedures, dossiers, ratings; the list is ``motcua.demo_seeders``). Never part of a real
centre's start: ``bootstrap`` sets that up without any made-up row."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from motcua.dossiers.models import Dossier
from motcua.units import Unit, save_unit

PROVINCE_CENTRE = "000.00.00.H62"

DEMO_UNITS = [
    # code, name, level, parent, address, hotline, opening hours
    (
        PROVINCE_CENTRE,
        "Trung tâm Phục vụ hành chính công tỉnh",
        "tinh",
        None,
        "Số 1 đường Hùng Vương, phường Trung tâm",
        "0210 3812 345",
        "Thứ Hai – Thứ Sáu 7:30–11:30, 13:30–17:00; sáng Thứ Bảy 7:30–11:30",
    ),
    (
        "000.00.12.H62",
        "Bộ phận Một cửa UBND phường Đức Chính",
        "xa",
        PROVINCE_CENTRE,
        "Tổ 3, khu phố 1, phường Đức Chính",
        "0210 3830 112",
        "Thứ Hai – Thứ Sáu 7:30–11:30, 13:30–17:00",
    ),
    (
        "000.00.13.H62",
        "Bộ phận Một cửa UBND xã Bình Dương",
        "xa",
        PROVINCE_CENTRE,
        "Thôn Đông, xã Bình Dương",
        "0210 3830 113",
        "Thứ Hai – Thứ Sáu 7:30–11:30, 13:30–17:00",
    ),
    (
        "000.00.14.H62",
        "Bộ phận Một cửa UBND phường Mạo Khê",
        "xa",
        PROVINCE_CENTRE,
        "Số 5 phố Hòa Bình, phường Mạo Khê",
        "0210 3830 114",
        "Thứ Hai – Thứ Sáu 7:30–11:30, 13:30–17:00; sáng Thứ Bảy 7:30–11:30",
    ),
]

def has_dossiers(session: Session) -> bool:
    """True once any dossier is recorded: demo data already seeded, or a centre at work."""
    return bool(session.scalar(select(func.count()).select_from(Dossier)))


def real_units(session: Session, also_allowed: set[str] = frozenset()) -> list[str]:
    """Codes of units that are neither demo units nor in ``also_allowed`` (the centre ``bootstrap``
    made): a database holding them belongs to a real centre, where demo rows would mix with its own."""
    allowed = {code for code, *_ in DEMO_UNITS} | set(also_allowed)
    return [code for code in session.scalars(select(Unit.code).order_by(Unit.code)) if code not in allowed]


def seed_units(session: Session, _today: date) -> None:
    for code, name, level, parent, address, hotline, hours in DEMO_UNITS:
        save_unit(session, code, name, level, parent, address=address, hotline=hotline, opening_hours=hours)
