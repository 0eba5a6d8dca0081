"""Demo dossiers for ``seed-demo``: six months of intake at every demo unit, in the proportions the
centres publish (seeds 000–004): about two thirds received at the counter, a quarter online, the rest
by post; ~85% resolved early, ~14% on time, well under 1% late; a few rejected, withdrawn or waiting
for documents; ~15% of results sent by post."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from motcua.catalogue import ProcessingTime, processing_time
from motcua.catalogue.models import Procedure
from motcua.dossiers import states
from motcua.dossiers.codes import format_code
from motcua.dossiers.models import Dossier, DossierCounter, DossierEvent
from motcua.dossiers.workdays import due_date, rules_for
from motcua.staff import Counter, Officer, save_counter, save_officer
from motcua.units import Unit

DAYS_BACK = 182
DAILY_INTAKE = {"tinh": 24, "huyen": 12, "xa": 7, "bo": 5}
CHANNEL_WEIGHTS = {"truc_tiep": 68, "truc_tuyen": 24, "buu_chinh": 8}
OUTCOME_WEIGHTS = {"truoc_han": 850, "dung_han": 140, "qua_han": 4, "tu_choi": 4, "rut": 2}
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Minh", "Thu", "Đức", "Ngọc", "Hữu", "Thanh", "Quốc", "Thị Thu", "Xuân"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Linh", "Mai", "Nam", "Phúc", "Quân"]
STREETS = ["Hùng Vương", "Trần Hưng Đạo", "Lê Lợi", "Nguyễn Trãi", "Hòa Bình", "Quang Trung", "Bạch Đằng"]
DEMO_OFFICERS = [("CB01", "Trần Văn Minh"), ("CB02", "Nguyễn Thị Hạnh"), ("CB03", "Lê Quốc Bảo")]


def seed_dossiers(session: Session, today: date) -> None:
    """Dossiers received over the last six months by every unit (deterministic for a given day)."""
    rng = random.Random(f"motcua-dossiers-{today.isoformat()}")
    for unit in session.scalars(select(Unit).order_by(Unit.id)):
        procedures = _procedures_for(session, unit)
        if procedures:
            officers = _officers_of(session, unit)
            _seed_unit(session, rng, unit, procedures, officers, today)


def _seed_unit(session, rng, unit, procedures, officers, today) -> None:
    calendar = rules_for(False).calendar
    now = datetime.combine(today, time(10, 0))
    dossiers, numbers = [], {}
    day = today - timedelta(days=DAYS_BACK)
    while day <= today:
        if calendar.is_working_day(day):
            count = max(0, int(rng.gauss(DAILY_INTAKE.get(unit.level, 6), 2)))
            for _ in range(count):
                received_at = datetime.combine(day, _office_time(rng))
                if received_at > now:
                    continue
                numbers[day] = numbers.get(day, 0) + 1
                dossiers.append(_dossier(rng, unit, day, numbers[day], received_at, procedures, officers, today))
        day += timedelta(days=1)
    if not dossiers:
        return
    table = Dossier.__table__
    rows = [values for values, _ in dossiers]
    ids = session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows).scalars().all()
    session.execute(
        insert(DossierEvent.__table__),
        [
            {"dossier_id": dossier_id, "state": state, "at": at, "note": note, "source": "demo"}
            for dossier_id, (_, events) in zip(ids, dossiers, strict=True)
            for state, at, note in events
        ],
    )
    session.execute(
        insert(DossierCounter.__table__), [{"unit_id": unit.id, "day": d, "last": n} for d, n in numbers.items()]
    )


def _dossier(rng, unit, day, number, received_at, procedures, officers, today) -> tuple[dict, list]:
    procedure, legal_time, civil = rng.choice(procedures)
    channel = _weighted(rng, CHANNEL_WEIGHTS)
    due = datetime.combine(due_date(received_at, legal_time, rules_for(civil)), time(17, 0))
    values = {
        "code": format_code(unit.code, day, number),
        "procedure_id": procedure.id,
        "unit_id": unit.id,
        "applicant_name": f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
        "applicant_phone": f"09{rng.randrange(10**8):08d}",
        "applicant_address": f"Số {rng.randint(1, 200)} đường {rng.choice(STREETS)}",
        "applicant_email": "",
        "applicant_identifier": f"0{rng.randrange(10**11):011d}",
        "channel": channel,
        "result_delivery": "buu_chinh" if rng.random() < 0.15 else "tai_quay",
        "received_at": received_at,
        "due_at": due,
        "online_level": rng.choice(["toan_trinh", "mot_phan"]) if channel == "truc_tuyen" else None,
        "received_by_officer_id": rng.choice(officers) if channel == "truc_tiep" else None,
        "processing_days": legal_time.amount if legal_time.unit == "working" else None,
        "documents": [{"name": doc["name"], "copy_type": doc.get("copy_type", "")} for doc in procedure.documents[:4]],
        "sets": 1,
        "supplement": [],
        "note": "",
        "resolved_at": None,
        "result_returned_at": None,
    }
    events = [(states.RECEIVED, received_at, "")]
    outcome = _weighted(rng, OUTCOME_WEIGHTS)
    start = received_at + timedelta(hours=1)
    if outcome in ("tu_choi", "rut"):
        state = states.REJECTED if outcome == "tu_choi" else states.WITHDRAWN
        events.append((state, start, "Hồ sơ không đủ điều kiện" if outcome == "tu_choi" else "Công dân rút hồ sơ"))
        return _finish(values, events)
    events.append((states.PROCESSING, start, ""))
    resolved = _resolved_at(rng, outcome, received_at, due)
    today_end = datetime.combine(today, time(9, 0))
    if resolved > today_end or (due.date() >= today and rng.random() < 0.5):
        if rng.random() < 0.04:
            events.append((states.SUPPLEMENT, start + timedelta(hours=2), "Cần bổ sung giấy tờ"))
            values["supplement"] = ["Bản sao giấy tờ chứng minh nơi cư trú"]
        return _finish(values, events)
    values["resolved_at"] = resolved
    events.append((states.RESOLVED, resolved, ""))
    returned = resolved + timedelta(hours=rng.randint(1, 48))
    if returned < today_end and rng.random() < 0.93:
        values["result_returned_at"] = returned
        events.append((states.RETURNED, returned, ""))
    return _finish(values, events)


def _finish(values: dict, events: list) -> tuple[dict, list]:
    values["state"], values["state_at"] = events[-1][0], events[-1][1]
    return values, events


def _resolved_at(rng, outcome: str, received_at: datetime, due: datetime) -> datetime:
    if outcome == "dung_han":
        return datetime.combine(due.date(), time(rng.randint(8, 16), rng.randint(0, 59)))
    if outcome == "qua_han":
        return datetime.combine(due.date() + timedelta(days=rng.randint(1, 4)), time(10, 0))
    span = max((due - received_at).total_seconds() - 86400, 3600)
    return received_at + timedelta(seconds=rng.uniform(1800, span))


def _office_time(rng) -> time:
    minutes = rng.choice([rng.randint(450, 690), rng.randint(810, 1020)])
    return time(minutes // 60, minutes % 60)


def _weighted(rng, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _procedures_for(session: Session, unit: Unit) -> list[tuple[Procedure, ProcessingTime, bool]]:
    """About forty procedures of the unit's level that publish a processing time."""
    level = "xa" if unit.level in ("xa", "huyen") else unit.level
    chosen = []
    query = select(Procedure).order_by(Procedure.code)
    for procedure in session.scalars(query):
        if level not in (procedure.levels or []):
            continue
        legal_time = processing_time(procedure, "truc_tiep")
        if legal_time is not None and legal_time.calendar_length <= 42 and procedure.documents:
            chosen.append((procedure, legal_time, procedure.is_civil_status))
        if len(chosen) >= 40:
            break
    return chosen


def _officers_of(session: Session, unit: Unit) -> list[int]:
    """The unit's officers; three demo officers and two counters when the staff seeder made none."""
    ids = list(session.scalars(select(Officer.id).where(Officer.unit_id == unit.id, Officer.active.is_(True))))
    if ids:
        return ids
    for code, name in DEMO_OFFICERS:
        ids.append(save_officer(session, unit.code, code, name).id)
    if not session.scalar(select(func.count()).select_from(Counter).where(Counter.unit_id == unit.id)):
        for number in (1, 2):
            save_counter(session, unit.code, f"Q{number}", f"Quầy {number}")
    return ids
