"""👍 / 👎 under every catalogue answer (actions/answer_feedback.py), and a question a manager taught from the
missed list answered by the assistant right after, from the app's recorded answers (tests/bot/test_api_contract.py
teaches it on the real app and records what the search then says)."""

from __future__ import annotations

import json

from actions.answer_feedback import HANDOFF_PAYLOAD, ActionAnswerFeedback, asked_question
from actions.catalogue import ActionProcedureAnswer

from bot_tests.conftest import UNIT, make_tracker, recorded

TAUGHT_QUESTION = "làm giấy tờ cho em bé mới đẻ thì làm sao"


def test_a_taught_question_is_answered_with_its_procedure_and_the_feedback_row(fake_app, api, dispatcher):
    fake_app.answer_recorded("GET", "/api/v1/procedures", "procedure_search_learned")
    fake_app.answer_recorded("GET", "/api/v1/procedures/1.001193", "procedure_learned")
    fake_app.answer_recorded("GET", f"/api/v1/units/{UNIT}", "unit")
    events = ActionProcedureAnswer(api).answer(dispatcher, make_tracker(TAUGHT_QUESTION, "nlu_fallback"), {})

    answer, row = dispatcher.messages
    assert "Thủ tục: Thủ tục đăng ký khai sinh (mã 1.001193" in answer["text"]
    assert {"event": "slot", "name": "procedure_code", "value": "1.001193", "timestamp": None} in events
    assert [button["title"] for button in row["buttons"]] == ["👍 Có ích", "👎 Chưa đúng", "Gặp cán bộ"]
    assert [button["payload"] for button in row["buttons"]] == [
        '/answer_good{"procedure_code": "1.001193"}',
        '/answer_bad{"procedure_code": "1.001193"}',
        HANDOFF_PAYLOAD,
    ]
    # What the tracker store reads to count the answer (stores/turns.py), hidden from the citizen.
    assert (answer["assistant_outcome"], answer["procedure"]) == ("answered", "1.001193")


def _clicked(intent: str) -> object:
    tracker = make_tracker(
        f'/{intent}{{"procedure_code": "1.001193"}}',
        intent,
        entities=[{"entity": "procedure_code", "value": "1.001193"}],
    )
    tracker.events[:0] = [
        {"event": "user", "timestamp": 990.0, "text": "khai sinh cho con, gọi tôi 0912345678", "parse_data": {}},
        {"event": "bot", "text": "Thủ tục: …", "timestamp": 991.0},
    ]
    return tracker


def test_a_thumbs_down_is_sent_as_a_rating_of_the_assistant_with_the_question_masked(fake_app, api, dispatcher):
    sent = []
    fake_app.answer_with(
        "POST", "/api/v1/assistant/feedback", lambda body: sent.append(body) or recorded("assistant_feedback_stored")
    )
    ActionAnswerFeedback(api).answer(dispatcher, _clicked("answer_bad"), {})

    assert sent == [
        {
            "conversation_id": "test-user",
            "at": 1000.0,
            "helpful": False,
            "procedure": "1.001193",
            "question": "khai sinh cho con, gọi tôi [số điện thoại]",
        }
    ]
    assert "Xin lỗi" in dispatcher.messages[0]["text"]
    assert dispatcher.messages[0]["buttons"] == [{"title": "Gặp cán bộ", "payload": HANDOFF_PAYLOAD}]


def test_a_thumbs_up_thanks_the_citizen_even_when_the_app_is_down(fake_app, api, dispatcher):
    fake_app.answer("POST", "/api/v1/assistant/feedback", 503, {"error": "unavailable", "message": "Bảo trì."})
    ActionAnswerFeedback(api).answer(dispatcher, _clicked("answer_good"), {})
    assert [message["text"] for message in dispatcher.messages] == ["Cảm ơn anh/chị đã cho biết."]


def test_the_question_is_the_last_typed_message_never_a_button():
    events = [
        {"event": "user", "text": "đổi bằng lái"},
        {"event": "user", "text": '/ask_fee{"procedure_code": "1.002809"}'},
        {"event": "user", "text": "/answer_bad"},
    ]
    assert asked_question(events) == "đổi bằng lái"
    assert asked_question([{"event": "user", "text": "/answer_good"}]) == ""
    assert json.dumps(asked_question([{"event": "user", "text": "x" * 900}])).count("x") == 500
