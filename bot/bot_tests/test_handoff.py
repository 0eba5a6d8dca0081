"""Gặp cán bộ puts the same conversation in the unit's queue (``POST /api/v1/conversations``): the citizen
is told their place, or outside working hours when officers are back and how to leave a question and a
phone number for a call back; the phone number is never kept. The app's answers are its recorded ones
(bot_tests/api_answers/conversation_*.json, checked against the real app by tests/bot/test_api_contract.py)."""

from __future__ import annotations

from actions.contact import (
    ActionHumanHandoff,
    ActionSubmitCallback,
    ValidateCallbackForm,
    channel_of,
    phone_number,
    poll_url,
)
from actions.fallback import ActionFallback
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from stores.redaction import redact_events

from bot_tests.conftest import UNIT, make_tracker
from bot_tests.test_contact import UNIT as UNIT_RECORD

WIDGET = "web-" + "ab12" * 8
CONVERSATIONS = "/api/v1/conversations"


def tracker_of(texts: list[tuple[str, str]], sender: str = WIDGET, channel: str = "rest", slots=None, lang="vi"):
    """A tracker whose user messages are ``texts`` [(text, intent)], the last one being the latest."""
    events = [
        {
            "event": "user",
            "timestamp": 1000.0 + i,
            "text": text,
            "parse_data": {"text": text, "intent": {"name": intent}, "entities": []},
            "input_channel": channel,
            "metadata": {"lang": lang},
        }
        for i, (text, intent) in enumerate(texts)
    ]
    latest = events[-1]["parse_data"]
    return Tracker(sender, slots or {}, latest, events, False, None, {}, "action_listen")


def sent(fake_app) -> list[dict]:
    return [r["body"] for r in fake_app.requests if r["method"] == "POST" and r["path"] == CONVERSATIONS]


def test_asking_for_a_person_queues_the_conversation_and_tells_the_place_in_the_queue(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", CONVERSATIONS, "conversation_waiting")
    tracker = tracker_of(
        [("làm căn cước gắn chip cho con 0912345678", "ask_procedure"), ("cho tôi gặp cán bộ", "human_handoff")]
    )

    events = ActionHumanHandoff(api).answer(dispatcher, tracker, {})

    assert sent(fake_app) == [
        {
            "conversation_id": WIDGET,
            "channel": "web",
            "reason": "asked",
            "unit": UNIT,
            "question": "làm căn cước gắn chip cho con [số điện thoại]",  # masked before it leaves the bot
        }
    ]
    assert dispatcher.messages[0]["text"] == (
        "Tôi đã chuyển cuộc trò chuyện cho cán bộ của trung tâm. Anh/chị đang ở vị trí số 1 trong hàng chờ; "
        "cán bộ sẽ trả lời anh/chị ngay tại đây."
    )
    assert dispatcher.messages[1]["custom"] == {
        "handoff": {"status": "waiting", "conversation": 1, "position": 1, "poll": poll_url(WIDGET)}
    }
    assert poll_url(WIDGET).endswith(f"/tro-chuyen/phien/{WIDGET}/tin-nhan")
    assert SlotSet("handoff", True) in events and SlotSet("unanswered", 0) in events
    assert SlotSet("handoff_reason", "asked") in events


def test_the_button_under_an_answer_is_a_hand_off_by_button(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", CONVERSATIONS, "conversation_waiting")
    tracker = tracker_of(
        [("lệ phí làm hộ chiếu", "ask_fee"), ('/human_handoff{"handoff_reason":"button"}', "human_handoff")]
    )

    ActionHumanHandoff(api).answer(dispatcher, tracker, {})

    assert sent(fake_app)[0]["reason"] == "button" and sent(fake_app)[0]["question"] == "lệ phí làm hộ chiếu"


def test_an_english_conversation_is_told_in_english(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", CONVERSATIONS, "conversation_waiting")
    tracker = tracker_of([("I want to talk to a real person", "human_handoff")], lang="en")

    ActionHumanHandoff(api).answer(dispatcher, tracker, {})

    assert dispatcher.messages[0]["text"].startswith("I have passed this conversation to an officer")
    assert "number 1 in the queue" in dispatcher.messages[0]["text"]
    assert "question" not in sent(fake_app)[0]  # nothing asked before the request


def test_zalo_conversations_are_queued_as_zalo(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", CONVERSATIONS, "conversation_waiting")
    tracker = tracker_of([("gặp cán bộ", "human_handoff")], sender="2512523625412515", channel="zalo")

    ActionHumanHandoff(api).answer(dispatcher, tracker, {})

    assert sent(fake_app)[0]["channel"] == "zalo" and sent(fake_app)[0]["conversation_id"] == "2512523625412515"
    assert channel_of(tracker_of([("x", "greet")], sender="test-user")) == "rest"
    assert channel_of(tracker_of([("x", "greet")], sender="web-mabc123-k3j4h5g6")) == "web"  # an older widget's id


def test_outside_working_hours_says_when_officers_are_back_and_offers_a_call_back(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", CONVERSATIONS, "conversation_closed_hours")

    ActionHumanHandoff(api).answer(dispatcher, tracker_of([("gặp cán bộ", "human_handoff")]), {})

    message = dispatcher.messages[0]
    assert message["text"] == (
        "Hiện đã ngoài giờ làm việc của trung tâm. Cán bộ sẽ làm việc trở lại lúc 07:30 thứ Ba, 01/12/2026. "
        "Anh/chị có thể để lại câu hỏi và số điện thoại, cán bộ sẽ gọi lại cho anh/chị."
    )
    assert [b["payload"] for b in message["buttons"]] == ["/leave_callback", "/deny"]
    assert dispatcher.messages[1]["custom"]["handoff"]["status"] == "closed_hours"  # nothing to poll


def test_outside_working_hours_in_english(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", CONVERSATIONS, "conversation_closed_hours")

    ActionHumanHandoff(api).answer(dispatcher, tracker_of([("talk to a human please", "human_handoff")], lang="en"), {})

    assert "Officers are back at 07:30 on Tuesday 01/12/2026" in dispatcher.messages[0]["text"]
    assert dispatcher.messages[0]["buttons"][0]["title"] == "Leave a question"


def test_the_call_back_sends_the_question_and_the_digits_then_forgets_them(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", CONVERSATIONS, "conversation_callback")
    slots = {"callback_question": "Hồ sơ đất của tôi bao giờ xong?", "callback_phone": "0912345678"}
    slots["handoff_reason"] = "fallback"

    events = ActionSubmitCallback(api).answer(
        dispatcher, tracker_of([("0912 345 678", "nlu_fallback")], slots=slots), {}
    )

    assert sent(fake_app)[0] == {
        "conversation_id": WIDGET,
        "channel": "web",
        "reason": "fallback",
        "unit": UNIT,
        "question": "Hồ sơ đất của tôi bao giờ xong?",
        "contact": "0912345678",
    }
    assert events == [SlotSet("callback_question", None), SlotSet("callback_phone", None)]
    text = dispatcher.messages[0]["text"]
    assert "cán bộ sẽ gọi lại" in text.lower() and "07:30 thứ Ba, 01/12/2026" in text
    assert "0912" not in text and "345" not in text  # the number is not repeated back


def test_a_phone_number_is_read_in_the_shapes_citizens_type_and_anything_else_is_refused():
    assert phone_number("0912 345 678") == "0912345678"
    assert phone_number("sđt của tôi: 0912.345.678 nhé") == "0912345678"
    assert phone_number("+84 912 345 678") == "0912345678"
    assert phone_number("024 3826 4567") == "02438264567"
    for wrong in ("5678", "123", "gọi tôi nhé", "001099012345", "1.200.000 đồng", "000.00.12.H62-260302-0002"):
        assert phone_number(wrong) is None, wrong


def test_the_form_refuses_a_wrong_number_and_masks_the_question(dispatcher):
    form = ValidateCallbackForm()
    tracker = tracker_of([("abc", "nlu_fallback")])
    assert form.validate_callback_phone("số tôi là 12345", dispatcher, tracker, {}) == {"callback_phone": None}
    assert "Số điện thoại chưa đúng" in dispatcher.messages[0]["text"]
    question = form.validate_callback_question(
        "hồ sơ 000.00.12.H62-260302-0002 gọi 0912345678", dispatcher, tracker, {}
    )
    assert question == {"callback_question": "hồ sơ [mã hồ sơ] gọi [số điện thoại]"}
    assert form.validate_callback_question("?", dispatcher, tracker, {}) == {"callback_question": None}


def test_the_stored_conversation_keeps_neither_the_number_nor_an_unmasked_question():
    events = [
        {"event": "user", "text": "0912 345 678", "parse_data": {"text": "0912 345 678", "entities": []}},
        {"event": "slot", "name": "callback_phone", "value": "0912 345 678"},
        {"event": "slot", "name": "callback_phone", "value": "0912345678"},
        {"event": "slot", "name": "callback_question", "value": "gọi tôi ở 0987654321"},
    ]
    stored = redact_events(events)
    assert "0912" not in str(stored) and "0987654321" not in str(stored)
    assert stored[3]["value"] == "gọi tôi ở [số điện thoại]"


def test_when_the_queue_cannot_be_reached_the_hotline_and_address_are_given(fake_app, api, dispatcher):
    fake_app.answer("GET", f"/api/v1/units/{UNIT}", 200, UNIT_RECORD)
    fake_app.answer_with("POST", CONVERSATIONS, lambda _body: (503, {"error": "unavailable", "message": "x"}))

    events = ActionHumanHandoff(api).answer(dispatcher, tracker_of([("gặp cán bộ", "human_handoff")]), {})

    text = dispatcher.messages[0]["text"]
    assert UNIT_RECORD["hotline"] in text and UNIT_RECORD["address"] in text
    assert dispatcher.messages[1]["custom"]["handoff"]["status"] == "unavailable"
    assert SlotSet("handoff", True) in events


def test_the_fallbacks_second_miss_queues_the_missed_question(fake_app, api, dispatcher, monkeypatch):
    from actions import catalogue

    monkeypatch.setattr(catalogue, "_units", {})
    fake_app.answer("GET", f"/api/v1/units/{UNIT}", 200, {"code": UNIT, "name": "Trung tâm", "level": "tinh"})
    fake_app.answer("GET", "/api/v1/procedures", 200, {"items": [], "total": 0, "match": "none"})
    fake_app.answer_recorded("POST", CONVERSATIONS, "conversation_waiting")
    tracker = make_tracker("thủ tục cho con mèo nhà tôi", "nlu_fallback", slots={"unanswered": 1})

    events = ActionFallback(api).answer(dispatcher, tracker, {})

    assert sent(fake_app)[0]["reason"] == "fallback"
    assert sent(fake_app)[0]["question"] == "thủ tục cho con mèo nhà tôi"
    assert SlotSet("unanswered", 0) in events and SlotSet("handoff", True) in events
    assert "vị trí số 1" in dispatcher.messages[1]["text"]


def test_calling_the_assistant_ad_or_admin_is_a_greeting_never_a_request_for_a_person():
    from components.guard import rerouted_intent

    for text in ("ad ơi", "admin", "ad ơi cho em hỏi", "admin ơi tư vấn giúp", "ad có đó không", "alo ad", "ad oi!!"):
        for predicted in ("nlu_fallback", "human_handoff"):
            assert rerouted_intent(predicted, text, []) == "greet", (predicted, text)
    # asking for a person, or a question, through the same call is still read for what it asks
    assert rerouted_intent("human_handoff", "ad ơi cho em gặp cán bộ", []) is None
    assert rerouted_intent("human_handoff", "admin đâu", []) is None
    assert rerouted_intent("nlu_fallback", "ad ơi làm căn cước ở đâu", []) == "ask_where"


def test_a_whole_phone_number_read_as_the_phone_checks_digits_is_stored_masked_whole():
    """ "0987 654 321" typed for a call back: the extractor also reads "0987" as the phone check's digits; hiding
    those first left "**** 654 321", six digits of the number, in the stored conversation."""
    entity = {"entity": "phone_last4", "value": "0987", "start": 0, "end": 4}
    parse = {"text": "0987 654 321", "intent": {"name": "give_dossier_code"}, "entities": [entity]}
    stored = redact_events([{"event": "user", "text": "0987 654 321", "parse_data": parse}])
    assert stored[0]["text"] == stored[0]["parse_data"]["text"] == "[số điện thoại]"
    assert stored[0]["parse_data"]["entities"][0]["value"] == "****"
    # the phone check's four digits typed alone are still hidden by their span
    parse = {"text": "5678", "entities": [{"entity": "phone_last4", "value": "5678", "start": 0, "end": 4}]}
    assert redact_events([{"event": "user", "text": "5678", "parse_data": parse}])[0]["text"] == "****"
