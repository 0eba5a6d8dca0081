"""A message the intent model did not recognise is tried against the catalogue before any apology."""

from actions import catalogue
from actions.fallback import ActionFallback
from rasa_sdk.events import SlotSet

from bot_tests.conftest import UNIT, make_tracker
from bot_tests.procedure_answers import KET_HON

CENTRE = {"code": UNIT, "name": "Trung tâm", "level": "tinh", "hotline": "0212 3 888 999"}


def _setup(fake_app, monkeypatch, items, match):
    monkeypatch.setattr(catalogue, "_units", {})
    fake_app.answer("GET", f"/api/v1/units/{UNIT}", 200, CENTRE)
    fake_app.answer("GET", "/api/v1/procedures", 200, {"items": items, "total": len(items), "match": match})


def test_a_bare_procedure_name_gets_the_procedure_card(fake_app, api, dispatcher, monkeypatch):
    _setup(fake_app, monkeypatch, [{"code": "1.000894", "name": KET_HON["name"], "score": 9.0}], "strong")
    fake_app.answer("GET", "/api/v1/procedures/1.000894", 200, KET_HON)

    events = ActionFallback(api).answer(dispatcher, make_tracker("trich luc ket hon", "nlu_fallback"), {})

    assert SlotSet("procedure_code", "1.000894") in events and SlotSet("unanswered", 0) in events
    message = dispatcher.messages[0]
    assert "Thủ tục đăng ký kết hôn (mã 1.000894" in message["text"] and "Lệ phí" in message["text"]
    assert [b["title"] for b in message["buttons"]] == ["Giấy tờ", "Lệ phí", "Thời gian", "Nơi nộp", "Nộp trực tuyến"]
    assert message["buttons"][1]["payload"] == '/ask_fee{"procedure_code": "1.000894"}'


def test_nothing_close_is_said_honestly_with_the_hotline(fake_app, api, dispatcher, monkeypatch):
    _setup(fake_app, monkeypatch, [{"code": "1.000894", "name": KET_HON["name"], "score": 0.4}], "none")

    events = ActionFallback(api).answer(dispatcher, make_tracker("cho tôi hỏi về con mèo", "nlu_fallback"), {})

    assert events == [SlotSet("unanswered", 1)]
    text = dispatcher.messages[0]["text"]
    assert "không tìm thấy thủ tục" in text and CENTRE["hotline"] in text
    assert KET_HON["name"] not in text
    assert {"title": "Gặp cán bộ", "payload": "/human_handoff"} in dispatcher.messages[0]["buttons"]


def test_out_of_scope_not_in_the_catalogue_says_out_of_scope(fake_app, api, dispatcher, monkeypatch):
    _setup(fake_app, monkeypatch, [], "none")

    events = ActionFallback(api).answer(dispatcher, make_tracker("giá vàng hôm nay", "out_of_scope"), {})

    assert events == [SlotSet("unanswered", 0)]
    assert "ngoài phạm vi" in dispatcher.messages[0]["text"]


def test_the_second_unanswered_message_in_a_row_hands_off(fake_app, api, dispatcher, monkeypatch):
    _setup(fake_app, monkeypatch, [], "none")
    tracker = make_tracker("xyz abc", "nlu_fallback", slots={"unanswered": 1})

    events = ActionFallback(api).answer(dispatcher, tracker, {})

    assert SlotSet("handoff", True) in events and SlotSet("unanswered", 0) in events
    assert CENTRE["hotline"] in dispatcher.messages[1]["text"]  # no queue on this fake app: the hotline


def test_an_answered_fallback_does_not_bring_the_hand_off_closer(fake_app, api, dispatcher, monkeypatch):
    _setup(fake_app, monkeypatch, [{"code": "1.000894", "name": KET_HON["name"], "score": 9.0}], "strong")
    fake_app.answer("GET", "/api/v1/procedures/1.000894", 200, KET_HON)
    tracker = make_tracker("dang ky ket hon", "nlu_fallback", slots={"unanswered": 1})

    events = ActionFallback(api).answer(dispatcher, tracker, {})

    assert SlotSet("unanswered", 0) in events and SlotSet("handoff", True) not in events


def test_an_english_question_not_found_is_answered_in_english(fake_app, api, dispatcher, monkeypatch):
    _setup(fake_app, monkeypatch, [], "none")

    ActionFallback(api).answer(dispatcher, make_tracker("how do I register my boat", "nlu_fallback"), {})

    text = dispatcher.messages[0]["text"]
    assert text.startswith("Sorry, I could not find a procedure") and CENTRE["hotline"] in text


def test_an_english_question_is_searched_in_vietnamese_and_answered_in_english(fake_app, api, dispatcher, monkeypatch):
    _setup(fake_app, monkeypatch, [{"code": "1.000894", "name": KET_HON["name"], "score": 9.0}], "strong")
    fake_app.answer("GET", "/api/v1/procedures/1.000894", 200, KET_HON)

    ActionFallback(api).answer(
        dispatcher, make_tracker("How much is the fee for marriage registration?", "nlu_fallback"), {}
    )

    search = next(r["path"] for r in fake_app.requests if r["path"].startswith("/api/v1/procedures?"))
    assert "q=%C4%91%C4%83ng+k%C3%BD+k%E1%BA%BFt+h%C3%B4n" in search
    text = dispatcher.messages[0]["text"]
    assert text.startswith("Procedure: Thủ tục đăng ký kết hôn (code 1.000894") and "Fee:" in text


def test_on_the_english_page_a_short_english_question_is_answered_in_english(fake_app, api, dispatcher, monkeypatch):
    _setup(fake_app, monkeypatch, [], "none")
    tracker = make_tracker("passport fee?", "nlu_fallback")
    tracker.latest_message["metadata"] = {"lang": "en"}
    tracker.events[-1]["metadata"] = {"lang": "en"}

    ActionFallback(api).answer(dispatcher, tracker, {})

    assert dispatcher.messages[0]["text"].startswith("Sorry, I could not find a procedure")


def test_on_the_english_page_a_vietnamese_question_is_answered_in_vietnamese(fake_app, api, dispatcher, monkeypatch):
    _setup(fake_app, monkeypatch, [], "none")
    tracker = make_tracker("làm hộ chiếu ở đâu", "nlu_fallback")
    tracker.events[-1]["metadata"] = {"lang": "en"}

    ActionFallback(api).answer(dispatcher, tracker, {})

    assert "không tìm thấy thủ tục" in dispatcher.messages[0]["text"]
