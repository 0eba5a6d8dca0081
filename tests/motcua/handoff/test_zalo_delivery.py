"""A Zalo citizen gets the officer's replies through the notification outbox, against the fake Zalo API:
in order (the worker sends a recipient's messages one after the other, never in parallel), as
consultation messages; while Zalo does not answer a reply waits, is shown as not delivered,
and is sent by a later pass of the worker."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.bot_tests.fake_zalo import MESSAGE_PATH, running_fake_zalo
from motcua.handoff import queue
from motcua.handoff.hours import parse_schedule
from motcua.handoff.messages import NOT_DELIVERED, add_officer, state_label
from motcua.notifications.providers import ZaloProvider
from motcua.notifications.worker import Policy, run_once
from motcua.units import save_unit

USER = "2512523625412515"
MORNING = datetime(2026, 11, 30, 9, 0)


@pytest.fixture
def zalo():
    with running_fake_zalo() as fake:
        yield fake


@pytest.fixture
def conversation(db):
    unit = save_unit(db, "000.00.00.H62", "Trung tâm", "tinh")
    schedule = parse_schedule("T2-CN 00:00-23:59")
    found = queue.request_handoff(db, unit, queue.Request(USER, "zalo"), schedule, MORNING).conversation
    queue.take(db, found, None, "Cán bộ Lan", MORNING)
    db.commit()
    return found


def providers(fake) -> dict:
    return {"zalo": ZaloProvider(fake.url, "at-0", "", timedelta(hours=48), timeout=2)}


def test_the_officers_replies_reach_the_zalo_citizen_in_order(db, conversation, zalo):
    add_officer(db, conversation, "Anh/chị mang CCCD bản chính.", None, "Cán bộ Lan", MORNING)
    queue.close(db, conversation, MORNING + timedelta(minutes=5))
    db.commit()
    for second in range(4):  # the worker's passes: one message per recipient each, oldest first
        run_once(db, providers(zalo), MORNING + timedelta(minutes=5, seconds=second))
    assert [(body["recipient"]["user_id"], body["message"]["text"]) for body in zalo.sent] == [
        (USER, "Cán bộ Lan đã tiếp nhận cuộc trò chuyện và sẽ trả lời anh/chị."),
        (USER, "Anh/chị mang CCCD bản chính."),
        (USER, queue.CLOSED_MESSAGE),
    ]
    db.expire_all()
    assert [state_label(m) for m in conversation.messages] == ["Đã gửi"] * 3


def test_a_reply_zalo_did_not_take_is_shown_as_not_delivered_and_sent_on_retry(db, conversation, zalo):
    run_once(db, providers(zalo), MORNING)  # the "taken" notice
    reply = add_officer(db, conversation, "Xin chờ một chút.", None, "Cán bộ Lan", MORNING)
    db.commit()
    zalo.drop_next(MESSAGE_PATH)
    run_once(db, providers(zalo), MORNING + timedelta(seconds=10), Policy())
    db.expire_all()
    assert state_label(reply) == NOT_DELIVERED and reply.delivery.status == "retry"
    add_officer(db, conversation, "Đã có kết quả.", None, "Cán bộ Lan", MORNING + timedelta(seconds=20))
    db.commit()
    run_once(db, providers(zalo), MORNING + timedelta(seconds=30))  # the first is in its backoff: the second waits
    assert len(zalo.sent) == 1
    for second in range(2):
        run_once(db, providers(zalo), MORNING + timedelta(minutes=5, seconds=second))
    db.expire_all()
    assert state_label(reply) == "Đã gửi"
    assert [body["message"]["text"] for body in zalo.sent[1:]] == ["Xin chờ một chút.", "Đã có kết quả."]
