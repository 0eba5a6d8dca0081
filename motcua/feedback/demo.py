"""Demo ratings: two months of kiosk ratings per counter, QR ratings for some returned dossiers, and
today's ratings (with a few bad ones) so the manager's live view and the reports have something real
to show. Proportions follow seed 003 (228 forms: 221 rất hài lòng, 6 hài lòng, 1 bình thường).

Every counter's kiosk is enrolled the morning before its first demo rating, as a real kiosk must be,
and its ratings name it. The secrets are random and shown nowhere: to use a demo kiosk, enrol it
(``counters enroll`` or the counters page), which replaces the demo credential."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from motcua.clock import now_local
from motcua.dossiers.models import Dossier
from motcua.feedback import scales
from motcua.feedback.devices import enrol_device
from motcua.feedback.models import Rating
from motcua.staff import Counter
from motcua.units import Unit

DAYS = 60
DAILY_PER_COUNTER = {"tinh": (3, 9), "bo": (2, 6), "huyen": (2, 6), "xa": (1, 4)}
LEVEL_WEIGHTS = {"rat_hai_long": 9692, "hai_long": 263, "binh_thuong": 45, "khong_hai_long": 12}
ATTITUDE_WEIGHTS = {"rat_lich_su": 9912, "binh_thuong": 88, "khong_than_thien": 6}
QR_SHARE = 0.15
TODAY_BAD = [
    ("khong_hai_long", "binh_thuong", ["cho_lau"], "Chờ gần một tiếng mới đến lượt."),
    ("khong_hai_long", "khong_than_thien", ["huong_dan_khong_ro", "thai_do"], ""),
]


def seed_ratings(session: Session, today: date) -> None:
    rng = random.Random(f"motcua-ratings-{today.isoformat()}")
    now = now_local() if now_local().date() == today else datetime.combine(today, time(17, 0))
    rows: list[dict] = []
    enrolled_at = datetime.combine(today - timedelta(days=DAYS + 1), time(7, 0))
    for unit in session.scalars(select(Unit).order_by(Unit.id)):
        counters = list(session.scalars(select(Counter).where(Counter.unit_id == unit.id).order_by(Counter.code)))
        devices = {
            counter.id: enrol_device(session, unit.code, counter.code, enrolled_at)[0].id for counter in counters
        }
        kiosk_rows = _kiosk_history(rng, unit, counters, today, now)
        if counters:
            kiosk_rows += _bad_today(rng, unit, counters[0], now)
        for row in kiosk_rows:
            row["device_id"] = devices[row["counter_id"]]
        rows += kiosk_rows + _qr_ratings(rng, session, unit, now)
    for number, row in enumerate(rows):
        row["idempotency_key"] = f"demo-{today:%y%m%d}-{number:06d}"
    if rows:
        session.execute(insert(Rating.__table__), rows)


def _kiosk_history(rng, unit: Unit, counters: list[Counter], today: date, now: datetime) -> list[dict]:
    low, high = DAILY_PER_COUNTER.get(unit.level, (1, 4))
    levels = [key for key in LEVEL_WEIGHTS if key in scales.level_keys(unit)]
    rows = []
    for back in range(DAYS, -1, -1):
        day = today - timedelta(days=back)
        if day.weekday() >= 5:
            continue
        for counter in counters:
            for _ in range(rng.randint(low, high)):
                at = _office_time(rng, day)
                if at > now:
                    continue
                level = rng.choices(levels, weights=[LEVEL_WEIGHTS[key] for key in levels])[0]
                reasons = ["cho_lau"] if level == scales.lowest_level(unit) else []
                rows.append(_row(unit, counter, at, level, _attitude(rng), reasons, "kiosk"))
    return rows


def _qr_ratings(rng, session: Session, unit: Unit, now: datetime) -> list[dict]:
    returned = session.scalars(
        select(Dossier).where(Dossier.unit_id == unit.id, Dossier.state == 10, Dossier.result_returned_at.is_not(None))
    )
    rows = []
    for dossier in returned:
        if rng.random() >= QR_SHARE or dossier.result_returned_at > now:
            continue
        at = min(now, dossier.result_returned_at + timedelta(hours=rng.randint(1, 48)))
        row = _row(unit, None, at, "rat_hai_long" if rng.random() < 0.95 else "hai_long", _attitude(rng), [], "qr")
        row.update(officer_id=dossier.received_by_officer_id, dossier_id=dossier.id, single_use_dossier_id=dossier.id)
        rows.append(row)
    return rows


def _bad_today(rng, unit: Unit, counter: Counter, now: datetime) -> list[dict]:
    """Two bad ratings this morning at the first counter: the alert list is what a manager checks first."""
    rows = []
    for minutes, (level, attitude, reasons, comment) in zip((45, 95), TODAY_BAD, strict=True):
        at = datetime.combine(now.date(), time(7, 30)) + timedelta(minutes=minutes + rng.randint(0, 20))
        if at <= now and level in scales.level_keys(unit):
            rows.append(_row(unit, counter, at, level, attitude, reasons, "kiosk", comment))
    return rows


def _row(unit, counter, at, level, attitude, reasons, source, comment="") -> dict:
    return {
        "unit_id": unit.id,
        "counter_id": counter.id if counter else None,
        "officer_id": counter.current_officer_id if counter else None,
        "dossier_id": None,
        "single_use_dossier_id": None,
        "level": level,
        "attitude": attitude,
        "reasons": reasons,
        "comment": comment,
        "source": source,
        "created_at": at,
        "received_at": at,
        "device_id": None,
    }


def _attitude(rng) -> str:
    return rng.choices(list(ATTITUDE_WEIGHTS), weights=list(ATTITUDE_WEIGHTS.values()))[0]


def _office_time(rng, day: date) -> datetime:
    """A moment within opening hours (7:30–11:30, 13:30–17:00)."""
    morning = rng.random() < 0.6
    start = time(7, 30) if morning else time(13, 30)
    minutes = rng.randint(0, 239 if morning else 209)
    return datetime.combine(day, start) + timedelta(minutes=minutes)
