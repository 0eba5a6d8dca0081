"""The purge removes exactly what is past its period, on data of known ages, in batches, and a second
run removes nothing; dossiers are never touched."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from motcua.clock import VN_TZ
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.ratelimit import RateLimitWindow
from motcua.feedback.models import Complaint, Rating
from motcua.notifications.models import Delivery, Follow, Notification
from motcua.privacy.access import AccessEntry, Actor, record_access
from motcua.privacy.retention import APP_KINDS, RetentionError, periods_from_environment, purge
from motcua.units import get_unit
from tests.factories import COMMUNE, add_dossier, seed_catalogue

NOW = datetime(2026, 11, 30, 12, 0)
# Days old of the rows each kind gets: with a 365-day period, 366 and 800 are due, 365 (exactly at the
# limit) and younger are not.
AGES = (0, 30, 364, 365, 366, 800)
DUE = 2
# Rate-limit windows (2-day period): those started 3 and 10 days ago are due.
RATE_LIMIT_AGES = (0, 1, 3, 10)


def _at(days: int) -> datetime:
    return NOW - timedelta(days=days)


@pytest.fixture
def aged(db):
    """Ratings with comments, complaints with contacts, access entries, rate-limit windows and finished
    notifications (each with its message and follow) at every age of ``AGES``; one old pending
    notification that must stay."""
    seed_catalogue(db)
    dossier = add_dossier(db)
    unit = get_unit(db, COMMUNE)
    for n, days in enumerate(AGES):
        at = _at(days)
        db.add(
            Rating(
                idempotency_key=f"r{n}",
                unit_id=unit.id,
                level="hai_long",
                source="qr",
                comment=f"Gọi 09123456{n:02d}",
                created_at=at,
                received_at=at,
            )
        )
        db.add(
            Complaint(
                reference=f"PA{n}",
                unit_id=unit.id,
                text="Chờ lâu",
                contact=f"an{n}@gmail.com",
                source="chat",
                created_at=at,
            )
        )
        record_access(db, Actor.system("test"), "test.view", at, dossier_id=dossier.id)
        follow = Follow(
            dossier_id=dossier.id,
            channel="zalo",
            recipient=f"zalo-user-{n}",
            created_at=at,
            last_seen_at=at,
            stopped_at=at,
        )
        delivery = Delivery(
            key=f"d{n}",
            channel="zalo",
            recipient=f"zalo-user-{n}",
            text="Hồ sơ đã có kết quả",
            status="sent",
            created_at=at,
            next_attempt_at=at,
        )
        db.add_all([follow, delivery])
        db.flush()
        db.add(
            Notification(
                key=f"n{n}",
                follow_id=follow.id,
                state=10,
                state_at=at,
                created_at=at,
                status="sent",
                delivery_id=delivery.id,
            )
        )
    for days in RATE_LIMIT_AGES:
        db.add(
            RateLimitWindow(
                key="lookup:10.0.0.1", window_start=int(_at(days).replace(tzinfo=VN_TZ).timestamp()), hits=1
            )
        )
    waiting = Follow(
        dossier_id=dossier.id, channel="sms", recipient="0912345678", created_at=_at(800), last_seen_at=_at(800)
    )
    db.add(waiting)
    db.flush()
    db.add(
        Notification(
            key="pending", follow_id=waiting.id, state=10, state_at=_at(800), created_at=_at(800), status="pending"
        )
    )
    db.commit()
    return db


def _count(db, query) -> int:
    return db.scalar(select(func.count()).select_from(query.subquery()))


def test_the_purge_removes_exactly_what_is_due_and_a_second_run_nothing(aged):
    db = aged
    counts = purge(db, NOW, periods={"rate_limits": 2}, batch_size=1)  # batches of one: every loop turns

    assert counts == {
        "rating_comments": DUE,
        "complaint_contacts": DUE,
        "access_log": DUE,
        "rate_limits": 2,
        "notifications": 3 * DUE,  # notification, message and follow of each due row
        "assistant_turns": 0,
        "handoff": 0,
    }
    comments = {r.idempotency_key: r.comment for r in db.scalars(select(Rating))}
    assert [key for key, comment in sorted(comments.items()) if not comment] == ["r4", "r5"]
    assert len(comments) == len(AGES), "the ratings themselves stay for the reports"
    assert sorted(c.reference for c in db.scalars(select(Complaint)) if not c.contact) == ["PA4", "PA5"]
    assert sorted(e.at for e in db.scalars(select(AccessEntry))) == sorted(_at(d) for d in AGES if d <= 365)
    assert _count(db, select(Notification).where(Notification.status == "sent")) == len(AGES) - DUE
    assert _count(db, select(Notification).where(Notification.key == "pending")) == 1
    assert _count(db, select(Follow).where(Follow.recipient == "0912345678")) == 1
    assert _count(db, select(Delivery)) == len(AGES) - DUE
    assert _count(db, select(Dossier)) == 1 and _count(db, select(DossierEvent)) >= 1

    assert purge(db, NOW, periods={"rate_limits": 2}) == dict.fromkeys(APP_KINDS, 0)


def test_a_longer_period_keeps_more(aged):
    counts = purge(aged, NOW, periods={"rating_comments": 700, "access_log": 10_000})
    assert counts["rating_comments"] == 1 and counts["access_log"] == 0


def test_periods_come_from_the_environment_with_a_twelve_month_default():
    periods = periods_from_environment({"MOTCUA_RETENTION_RATING_COMMENTS_DAYS": "180"})
    assert periods["rating_comments"] == 180 and periods["complaint_contacts"] == 365 and periods["access_log"] == 365


@pytest.mark.parametrize("bad", ["0", "-5", "abc", "1.5", "12 tháng"])
def test_a_period_that_is_not_a_positive_number_of_days_is_refused_in_vietnamese(bad):
    with pytest.raises(RetentionError, match="số ngày nguyên dương"):
        periods_from_environment({"MOTCUA_RETENTION_ACCESS_LOG_DAYS": bad})


def test_an_unknown_kind_is_refused(db):
    with pytest.raises(RetentionError, match="Không có loại dữ liệu"):
        purge(db, NOW, periods={"dossiers": 30})
