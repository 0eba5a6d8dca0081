from datetime import date

from sqlalchemy import func, select

from motcua.demo import seed_units
from motcua.feedback.demo import seed_ratings
from motcua.feedback.demo_staff import seed_staff
from motcua.feedback.models import Rating
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
