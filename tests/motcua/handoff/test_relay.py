"""Keeping Rasa in step: the pause before the officer's messages, the resume after the closing notice,
the citizen's messages copied from the tracker once (masked), and nothing lost while Rasa is down."""

from __future__ import annotations

from datetime import datetime

import pytest

from motcua.handoff import queue, relay
from motcua.handoff.hours import STANDARD, parse_schedule
from motcua.handoff.messages import NOT_DELIVERED, add_officer, state_label
from motcua.units import save_unit
from tests.motcua.handoff.memory_assistant import MemoryAssistant

NOW = datetime(2026, 11, 30, 9, 0)
SENDER = "web-" + "b2" * 16


@pytest.fixture
def assistant() -> MemoryAssistant:
    return MemoryAssistant()


@pytest.fixture
def conversation(db, assistant):
    unit = save_unit(db, "000.00.00.H62", "Trung tâm", "tinh")
    assistant.say(SENDER, "user", "thủ tục đăng ký kết hôn cần gì")
    assistant.say(SENDER, "bot", "Anh/chị cần tờ khai đăng ký kết hôn.")
    assistant.say(SENDER, "user", "gặp cán bộ")
    outcome = queue.request_handoff(db, unit, queue.Request(SENDER, "web"), parse_schedule(STANDARD), NOW)
    queue.take(db, outcome.conversation, None, "Cán bộ Lan", NOW)
    db.commit()
    return outcome.conversation


def test_taking_pauses_rasa_and_records_the_notice_in_its_tracker(db, assistant, conversation):
    assert relay.push(db, conversation, assistant) is True
    assert assistant.paused[SENDER] is True
    assert assistant.bot_texts(SENDER)[-1] == "Cán bộ Lan đã tiếp nhận cuộc trò chuyện và sẽ trả lời anh/chị."
    assert conversation.rasa_pending == "" and all(m.tracker_state == "done" for m in conversation.messages)


def test_the_officer_reads_the_history_and_the_citizens_new_messages_once_and_masked(db, assistant, conversation):
    relay.push(db, conversation, assistant)
    assert relay.collect(db, conversation, assistant, NOW) == 3  # the earlier turns; the app's own notice skipped
    assistant.say(SENDER, "user", "số tôi là 0912 345 678, hồ sơ 000.00.12.H62-260302-0001")
    assert relay.collect(db, conversation, assistant, NOW) == 1
    assert relay.collect(db, conversation, assistant, NOW) == 0
    history = [(m.author, m.text) for m in conversation.messages]
    assert history == [
        ("system", "Cán bộ Lan đã tiếp nhận cuộc trò chuyện và sẽ trả lời anh/chị."),
        ("citizen", "thủ tục đăng ký kết hôn cần gì"),
        ("assistant", "Anh/chị cần tờ khai đăng ký kết hôn."),
        ("citizen", "gặp cán bộ"),
        ("citizen", "số tôi là [số điện thoại], hồ sơ [mã hồ sơ]"),
    ]


def test_while_rasa_is_down_the_reply_is_kept_shown_as_not_delivered_and_sent_when_it_is_back(
    db, assistant, conversation
):
    assistant.down = True
    reply = add_officer(db, conversation, "Anh/chị chờ một chút.", None, "Cán bộ Lan", NOW)
    db.commit()
    assert relay.push(db, conversation, assistant) is False
    assert conversation.rasa_pending == "pause" and reply.tracker_state == "pending"
    with pytest.raises(relay.AssistantUnavailable):
        relay.collect(db, conversation, assistant, NOW)
    assert relay.pending_work(db, [conversation.unit_id]) == [conversation]
    assistant.down = False
    first_notice = conversation.messages[0]
    assert state_label(first_notice) == NOT_DELIVERED
    assert relay.push(db, conversation, assistant) is True
    assert assistant.paused[SENDER] is True
    assert assistant.bot_texts(SENDER)[-2:] == [first_notice.text, "Anh/chị chờ một chút."]
    assert relay.pending_work(db, [conversation.unit_id]) == []
    assert state_label(reply) == "Đã lưu, chờ người dân xem"


def test_closing_resumes_rasa_after_the_closing_notice_is_in_its_tracker(db, assistant, conversation):
    relay.push(db, conversation, assistant)
    queue.close(db, conversation, NOW)
    db.commit()
    relay.push(db, conversation, assistant)
    assert assistant.paused[SENDER] is False
    assert assistant.bot_texts(SENDER)[-1] == queue.CLOSED_MESSAGE
    assert conversation.rasa_pending == ""


def test_a_conversation_closed_while_waiting_never_pauses_rasa(db, assistant):
    unit = save_unit(db, "000.00.00.H62", "Trung tâm", "tinh")
    outcome = queue.request_handoff(db, unit, queue.Request(SENDER, "web"), parse_schedule(STANDARD), NOW)
    queue.close(db, outcome.conversation, NOW)
    db.commit()
    relay.push(db, outcome.conversation, assistant)
    assert SENDER not in assistant.paused
