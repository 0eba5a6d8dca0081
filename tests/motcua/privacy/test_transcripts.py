"""Chat transcripts in a Rasa SQL tracker store: the purge deletes exactly the events past their period,
and a deletion request empties one citizen's conversation and nobody else's."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from motcua.clock import VN_TZ
from motcua.privacy.transcripts import delete_conversation, purge_transcripts
from tests.motcua.privacy.tracker import tracker_store

NOW = datetime(2026, 11, 30, 12, 0)


@pytest.fixture
def tracker_db(tmp_path):
    """Two conversations, with events of known ages."""
    events = [
        (sender, NOW - timedelta(days=days)) for sender in ("zalo-1", "web-2") for days in (0, 100, 364, 366, 900)
    ]
    _, engine = tracker_store(tmp_path, events)
    yield engine
    engine.dispose()


def _left(engine) -> list[tuple[str, int]]:
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT sender_id, timestamp FROM events ORDER BY sender_id, timestamp")).all()
    return [(sender, round((NOW.replace(tzinfo=VN_TZ).timestamp() - ts) / 86400)) for sender, ts in rows]


def test_events_past_the_period_are_deleted_and_no_others(tracker_db):
    assert purge_transcripts(tracker_db, NOW - timedelta(days=365), batch_size=3) == 4
    assert sorted(_left(tracker_db)) == sorted((s, d) for s in ("zalo-1", "web-2") for d in (0, 100, 364))
    assert purge_transcripts(tracker_db, NOW - timedelta(days=365)) == 0


def test_a_deletion_request_empties_one_conversation_only(tracker_db):
    assert delete_conversation(tracker_db, "zalo-1") == 5
    assert {sender for sender, _ in _left(tracker_db)} == {"web-2"}
    assert delete_conversation(tracker_db, "zalo-1") == 0
