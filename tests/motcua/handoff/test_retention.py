"""Hand-offs are kept 12 months after they end, then deleted with their messages (and their Zalo
messages with the notifications, in that order, so no message points to a deleted delivery); a
citizen's deletion request removes their hand-offs at once."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select

from motcua.handoff import queue
from motcua.handoff.hours import parse_schedule
from motcua.handoff.messages import add_officer
from motcua.handoff.models import HandoffConversation, HandoffMessage
from motcua.handoff.retention import forget_sender
from motcua.notifications.models import Delivery
from motcua.privacy.retention import purge
from motcua.units import save_unit

NOW = datetime(2027, 12, 1, 9, 0)
ALWAYS = parse_schedule("T2-CN 00:00-23:59")


def conversation(db, unit, sender: str, closed_days_ago: int | None, channel: str = "zalo"):
    start = NOW - timedelta(days=(closed_days_ago or 0) + 1)
    found = queue.request_handoff(db, unit, queue.Request(sender, channel), ALWAYS, start).conversation
    queue.take(db, found, None, "Cán bộ Lan", start)
    add_officer(db, found, "Chào anh/chị", None, "Cán bộ Lan", start)
    if closed_days_ago is not None:
        queue.close(db, found, NOW - timedelta(days=closed_days_ago))
    db.commit()
    return found


def test_hand_offs_closed_over_a_year_ago_go_with_their_messages_then_their_zalo_messages(db):
    unit = save_unit(db, "000.00.00.H62", "Trung tâm", "tinh")
    old = conversation(db, unit, "111", closed_days_ago=400)
    recent = conversation(db, unit, "222", closed_days_ago=30)
    still_open = conversation(db, unit, "333", closed_days_ago=None)
    for delivery in db.scalars(select(Delivery)):
        delivery.status = "sent"
    db.commit()
    counts = purge(db, NOW)
    assert counts["handoff"] == 1 + 3  # the conversation, its two notices and the reply
    assert counts["notifications"] == 3  # their Zalo messages, no longer pointed to
    left = {c.id for c in db.scalars(select(HandoffConversation))}
    assert left == {recent.id, still_open.id} and old.id not in left
    assert db.scalar(select(func.count()).select_from(Delivery)) == 3 + 2
    assert purge(db, NOW)["handoff"] == 0


def test_a_deletion_request_forgets_every_hand_off_of_that_chat(db):
    unit = save_unit(db, "000.00.00.H62", "Trung tâm", "tinh")
    conversation(db, unit, "web-aaaa", closed_days_ago=1, channel="web")
    conversation(db, unit, "web-bbbb", closed_days_ago=1, channel="web")
    assert forget_sender(db, "web-aaaa") == 1 + 3
    db.commit()
    assert [c.sender_id for c in db.scalars(select(HandoffConversation))] == ["web-bbbb"]
    assert db.scalar(select(func.count()).select_from(HandoffMessage)) == 3
    assert forget_sender(db, "web-nobody") == 0
