"""Demo counters and officers for every demo unit, with an officer on duty at each counter.

Runs before the dossiers seeder, which credits dossiers received at the counter to these officers.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.staff import assign_officer, save_counter, save_officer
from motcua.units import Unit

OFFICERS = [
    ("CB01", "Trần Văn Minh"),
    ("CB02", "Nguyễn Thị Hạnh"),
    ("CB03", "Lê Quốc Bảo"),
    ("CB04", "Phạm Thu Trang"),
    ("CB05", "Hoàng Đức Anh"),
    ("CB06", "Vũ Ngọc Mai"),
]
COUNTERS_PER_LEVEL = {"tinh": 5, "bo": 3, "huyen": 3, "xa": 2}


def seed_staff(session: Session, _today: date) -> None:
    """Each unit gets its counters (Quầy 1…n) and one more officer than counters (someone is off)."""
    for unit in session.scalars(select(Unit).order_by(Unit.id)):
        counters = COUNTERS_PER_LEVEL.get(unit.level, 2)
        for code, name in OFFICERS[: counters + 1]:
            save_officer(session, unit.code, code, name)
        for number in range(1, counters + 1):
            counter = save_counter(session, unit.code, f"Q{number}", f"Quầy {number}")
            assign_officer(session, counter, OFFICERS[number - 1][0])
