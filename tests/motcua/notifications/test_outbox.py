"""Every path that moves a followed dossier writes one notification per follower in its transaction;
replays and older updates write none."""

import json
from datetime import datetime

from sqlalchemy import func, select

from motcua.dossiers.importer import import_dossiers, read_rows
from motcua.dossiers.intake import record_event, upsert_dossier
from motcua.notifications.follows import follow, followed, unfollow
from motcua.notifications.models import Notification
from tests.motcua.notifications.conftest import CODE, RECORD

NOW = datetime(2026, 3, 3, 8, 0)


def queued(session) -> list[tuple[int, int]]:
    return [tuple(row) for row in session.execute(select(Notification.follow_id, Notification.state))]


def test_a_change_through_put_queues_one_notification_per_follower(db, dossier):
    zalo = follow(db, dossier, "zalo", "2512523625412515", NOW)
    web = follow(db, dossier, "web", "session-1", NOW)
    upsert_dossier(db, CODE, {**RECORD, "state": 4, "state_at": "2026-03-03T09:00:00+07:00"})
    db.commit()
    assert sorted(queued(db)) == sorted([(zalo.id, 4), (web.id, 4)])


def test_the_same_change_replayed_or_an_older_one_queues_nothing_more(db, dossier):
    follow(db, dossier, "zalo", "u1", NOW)
    for _ in range(2):
        record_event(db, dossier, 9, datetime(2026, 3, 4, 10, 0))
    record_event(db, dossier, 4, datetime(2026, 3, 3, 10, 0))  # older, arriving late
    upsert_dossier(db, CODE, {**RECORD, "state": 9, "state_at": "2026-03-04T10:00:00+07:00"})
    db.commit()
    assert [state for _, state in queued(db)] == [9]


def test_a_change_rolled_back_leaves_no_notification(db, dossier):
    follow(db, dossier, "zalo", "u1", NOW)
    db.commit()
    record_event(db, dossier, 4, datetime(2026, 3, 3, 10, 0))
    db.rollback()
    assert db.scalar(select(func.count()).select_from(Notification)) == 0


def test_an_import_that_moves_a_followed_dossier_queues_its_notification(db, dossier, tmp_path):
    follow(db, dossier, "zalo", "u1", NOW)
    db.commit()
    path = tmp_path / "rows.jsonl"
    row = {**RECORD, "code": CODE, "state": 10, "state_at": "2026-03-05T10:00:00+07:00"}
    path.write_text(json.dumps(row) + "\n" + json.dumps(row) + "\n", encoding="utf-8")
    import_dossiers(db, read_rows(path))
    assert [state for _, state in queued(db)] == [10]


def test_after_stopping_a_change_queues_nothing_and_the_list_is_empty(db, dossier):
    follow(db, dossier, "zalo", "u1", NOW)
    assert [d.code for d in followed(db, "zalo", "u1")] == [CODE]
    assert unfollow(db, dossier, "zalo", "u1", NOW)
    record_event(db, dossier, 4, datetime(2026, 3, 3, 10, 0))
    db.commit()
    assert queued(db) == [] and followed(db, "zalo", "u1") == []
