from datetime import date

from sqlalchemy import func, select

from motcua.demo import seed_units
from motcua.feedback.demo import seed_ratings
from motcua.feedback.demo_staff import seed_staff
from motcua.feedback.models import KioskDevice, Rating
from motcua.staff import Counter


def test_demo_staff_puts_an_officer_on_duty_at_every_counter(db):
    seed_units(db, date(2026, 4, 15))
    seed_staff(db, date(2026, 4, 15))
    counters = db.scalars(select(Counter)).all()
    assert len(counters) == 5 + 3 * 2
    assert all(counter.current_officer is not None for counter in counters)


def test_demo_ratings_are_mostly_very_satisfied_like_the_published_reports(db):
    today = date(2026, 4, 15)
    seed_units(db, today)
    seed_staff(db, today)
    seed_ratings(db, today)
    counts = dict(db.execute(select(Rating.level, func.count()).group_by(Rating.level)).all())
    total = sum(counts.values())
    assert total > 500 and counts["rat_hai_long"] / total > 0.9
    bad = db.scalars(select(Rating).where(Rating.level == "khong_hai_long")).all()
    assert bad and all(rating.reasons for rating in bad)


def test_demo_kiosk_ratings_come_from_kiosks_enrolled_before_them(db):
    today = date(2026, 4, 15)
    seed_units(db, today)
    seed_staff(db, today)
    seed_ratings(db, today)
    rows = db.execute(
        select(
            Rating.source, Rating.created_at, Rating.counter_id, KioskDevice.enrolled_at, KioskDevice.counter_id
        ).outerjoin(KioskDevice, KioskDevice.id == Rating.device_id)
    ).all()
    kiosk = [row for row in rows if row.source == "kiosk"]
    assert kiosk and all(row.enrolled_at is not None and row.enrolled_at <= row.created_at for row in kiosk)
    assert all(row[2] == row[4] for row in kiosk)
    assert all(row.enrolled_at is None for row in rows if row.source != "kiosk")
    assert db.scalar(select(func.count()).select_from(KioskDevice)) == db.scalar(
        select(func.count()).select_from(Counter)
    )
