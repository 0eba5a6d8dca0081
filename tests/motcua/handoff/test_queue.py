"""The hand-off queue: joining it within working hours with a position, a callback outside them,
idempotent requests, taking, closing, and the messages stored for the citizen on each step."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from motcua.handoff import queue
from motcua.handoff.hours import STANDARD, parse_schedule
from motcua.handoff.messages import MessageError, add_officer, for_widget
from motcua.handoff.models import CALLBACK, CLOSED, OPEN, WAITING, HandoffConversation, HandoffMessage
from motcua.notifications.models import Delivery
from motcua.units import save_unit

IN_HOURS = datetime(2026, 11, 30, 9, 0)  # a Monday
EVENING = datetime(2026, 11, 30, 18, 0)
SCHEDULE = parse_schedule(STANDARD)
SENDER = "web-" + "a1" * 16


@pytest.fixture
def units(db):
    centre = save_unit(db, "000.00.00.H62", "Trung tâm Phục vụ hành chính công", "tinh")
    commune = save_unit(db, "000.00.12.H62", "UBND xã Một", "xa", "000.00.00.H62")
    db.commit()
    return centre, commune


def ask(db, unit, sender=SENDER, now=IN_HOURS, **fields):
    outcome = queue.request_handoff(
        db, unit, queue.Request(sender, fields.pop("channel", "web"), **fields), SCHEDULE, now
    )
    db.commit()
    return outcome


def test_within_hours_a_conversation_joins_its_units_queue_with_its_position(db, units):
    centre, commune = units
    first = ask(db, centre, "web-1111111111111111")
    ask(db, commune, "web-2222222222222222")
    second = ask(db, centre, SENDER, question="Tôi cần hỏi về hồ sơ 000.00.12.H62-260302-0001, gọi 0912345678")
    assert (first.created, first.within_hours, first.conversation.status) == (True, True, WAITING)
    assert queue.position(db, second.conversation) == 2
    assert "vị trí số 2" in second.message and centre.name in second.message
    assert second.conversation.question == "Tôi cần hỏi về hồ sơ [mã hồ sơ], gọi [số điện thoại]"
    queue.take(db, first.conversation, None, "Cán bộ Lan", IN_HOURS)
    db.commit()
    assert queue.position(db, second.conversation) == 1


def test_asking_again_returns_the_same_conversation(db, units):
    centre, _ = units
    first = ask(db, centre)
    again = ask(db, centre, reason="button")
    assert again.created is False and again.conversation.id == first.conversation.id
    assert db.scalar(select(HandoffConversation.id).where(HandoffConversation.sender_id == SENDER)) is not None
    assert len(db.scalars(select(HandoffConversation)).all()) == 1


def test_outside_hours_without_a_contact_nothing_is_queued_and_the_citizen_learns_when_officers_are_back(db, units):
    centre, _ = units
    outcome = ask(db, centre, now=EVENING)
    assert outcome.conversation is None and outcome.within_hours is False
    assert outcome.back_at == datetime(2026, 12, 1, 7, 30)
    assert "07:30 thứ Ba, 01/12/2026" in outcome.message and "số điện thoại" in outcome.message
    assert db.scalars(select(HandoffConversation)).all() == []


def test_outside_hours_a_question_with_a_contact_waits_as_a_callback(db, units):
    centre, _ = units
    outcome = ask(db, centre, now=EVENING, question="Hỏi về đăng ký kết hôn", contact="0912 345 678")
    conversation = outcome.conversation
    assert conversation.status == CALLBACK and queue.position(db, conversation) is None
    assert conversation.contact == "0912345678"
    assert "liên hệ lại từ 07:30 thứ Ba, 01/12/2026" in outcome.message
    stored = db.execute(text("SELECT contact FROM handoff_conversations")).scalar()
    assert "0912345678" not in stored  # encrypted at rest
    assert [c.id for c in queue.conversations(db, [centre.id], WAITING)] == [conversation.id]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"sender": ""}, "conversation_id"),
        ({"sender": "x" * 129}, "conversation_id"),
        ({"sender": "web-1/../../x"}, "conversation_id"),
        ({"channel": "sms"}, "channel"),
        ({"reason": "bored"}, "reason"),
        ({"question": "a" * 2001}, "question"),
        ({"question": "a\x00b"}, "question"),
        ({"contact": "gọi tôi", "now": EVENING}, "contact"),
    ],
)
def test_a_request_that_cannot_be_used_is_refused_with_a_vietnamese_message(db, units, fields, field):
    centre, _ = units
    with pytest.raises(queue.HandoffError) as caught:
        ask(db, centre, **fields)
    assert caught.value.field == field and caught.value.message


def test_taking_then_closing_stores_the_notices_and_asks_rasa_to_pause_then_resume(db, units):
    centre, _ = units
    conversation = ask(db, centre).conversation
    queue.take(db, conversation, None, "Cán bộ Lan", IN_HOURS)
    db.commit()
    assert (conversation.status, conversation.taken_at, conversation.rasa_pending) == (OPEN, IN_HOURS, "pause")
    queue.take(db, conversation, None, "Cán bộ Lan", IN_HOURS)  # the same officer again: nothing changes
    with pytest.raises(queue.HandoffConflict):
        queue.take(db, conversation, None, "Cán bộ Minh", IN_HOURS)
    add_officer(db, conversation, "Chào anh/chị, tôi là Lan.", None, "Cán bộ Lan", IN_HOURS)
    queue.close(db, conversation, IN_HOURS.replace(minute=20))
    queue.close(db, conversation, IN_HOURS.replace(minute=30))
    db.commit()
    assert (conversation.status, conversation.closed_at) == (CLOSED, IN_HOURS.replace(minute=20))
    assert conversation.rasa_pending == "resume"
    texts = [(m.author, m.text) for m in for_widget(db, conversation, 0)]
    assert texts == [
        ("system", "Cán bộ Lan đã tiếp nhận cuộc trò chuyện và sẽ trả lời anh/chị."),
        ("officer", "Chào anh/chị, tôi là Lan."),
        ("system", queue.CLOSED_MESSAGE),
    ]
    with pytest.raises(queue.HandoffConflict):
        queue.take(db, conversation, None, "Cán bộ Lan", IN_HOURS)


def test_an_officer_replies_only_to_an_open_conversation_and_only_with_usable_text(db, units):
    centre, _ = units
    conversation = ask(db, centre).conversation
    with pytest.raises(MessageError):
        add_officer(db, conversation, "Chào", None, "Cán bộ Lan", IN_HOURS)
    queue.take(db, conversation, None, "Cán bộ Lan", IN_HOURS)
    for bad in ("", "   ", "x" * 2001, "a\x00"):
        with pytest.raises(MessageError):
            add_officer(db, conversation, bad, None, "Cán bộ Lan", IN_HOURS)


def test_the_widget_gets_only_newer_messages_and_what_it_asked_after_counts_as_shown(db, units):
    centre, _ = units
    conversation = ask(db, centre).conversation
    queue.take(db, conversation, None, "Cán bộ Lan", IN_HOURS)
    first = add_officer(db, conversation, "Một", None, "Cán bộ Lan", IN_HOURS)
    second = add_officer(db, conversation, "Hai", None, "Cán bộ Lan", IN_HOURS)
    db.commit()
    assert [m.text for m in for_widget(db, conversation, first.id)] == ["Hai"]
    db.commit()
    assert (first.delivery_state, second.delivery_state) == ("sent", "stored")


def test_on_zalo_every_officer_and_system_message_enters_the_notification_outbox(db, units):
    centre, _ = units
    conversation = ask(db, centre, "1234567890123456789", channel="zalo").conversation
    queue.take(db, conversation, None, "Cán bộ Lan", IN_HOURS)
    reply = add_officer(db, conversation, "Anh/chị cần mang CCCD.", None, "Cán bộ Lan", IN_HOURS)
    db.commit()
    deliveries = db.scalars(select(Delivery).order_by(Delivery.id)).all()
    assert [(d.channel, d.recipient, d.status) for d in deliveries] == [("zalo", "1234567890123456789", "retry")] * 2
    assert deliveries[1].text == "Anh/chị cần mang CCCD." and reply.delivery_id == deliveries[1].id
    assert reply.delivery_state == "queued"
    assert {m.delivery_id for m in db.scalars(select(HandoffMessage))} == {d.id for d in deliveries}


def test_two_officers_taking_at_once_only_the_first_gets_it(db, units, engine):
    centre, _ = units
    conversation = ask(db, centre).conversation
    with Session(engine) as other:
        same = other.get(HandoffConversation, conversation.id)  # loaded while still waiting
        queue.take(db, conversation, None, "Cán bộ Lan", IN_HOURS)
        db.commit()
        with pytest.raises(queue.HandoffConflict) as caught:
            queue.take(other, same, None, "Cán bộ Minh", IN_HOURS)
        assert "Cán bộ Lan" in caught.value.message
    db.refresh(conversation)
    assert conversation.officer_name == "Cán bộ Lan"
    assert [m.text for m in conversation.messages] == ["Cán bộ Lan đã tiếp nhận cuộc trò chuyện và sẽ trả lời anh/chị."]
