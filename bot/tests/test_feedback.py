import json

from actions.feedback import ActionPrefillComplaint, ActionRateService, ActionSubmitComplaint
from rasa_sdk.events import SlotSet

from tests.conftest import make_tracker

UNIT = "000.00.00.H62"
SCALE = {
    "question": "Thái độ của cán bộ, công chức khi giao tiếp với ông/bà như thế nào?",
    "levels": [
        {"key": "rat_hai_long", "label": "Rất hài lòng"},
        {"key": "hai_long", "label": "Hài lòng"},
        {"key": "binh_thuong", "label": "Bình thường"},
        {"key": "khong_hai_long", "label": "Không hài lòng"},
    ],
    "attitudes": [],
    "reasons": [],
}


def test_rating_without_a_level_shows_the_units_scale_as_buttons(fake_app, api, dispatcher):
    fake_app.answer("GET", f"/api/v1/units/{UNIT}/rating-scale", 200, SCALE)
    events = ActionRateService(api).answer(dispatcher, make_tracker("tôi muốn đánh giá", "rate_service"), {})
    assert events == []
    assert dispatcher.messages[0]["text"].startswith("Anh/chị hài lòng thế nào")
    assert [b["title"] for b in dispatcher.messages[0]["buttons"]] == [lvl["label"] for lvl in SCALE["levels"]]
    assert dispatcher.messages[0]["buttons"][1]["payload"] == "/rate_service" + json.dumps({"rating_level": "hai_long"})


def test_a_level_picked_on_a_button_is_recorded_with_source_chat(fake_app, api, dispatcher):
    fake_app.answer("GET", f"/api/v1/units/{UNIT}/rating-scale", 200, SCALE)
    fake_app.answer("POST", "/api/v1/ratings", 201, {"id": 1})
    tracker = make_tracker(
        '/rate_service{"rating_level":"hai_long"}',
        "rate_service",
        slots={"dossier_code": "000.00.12.H62-260921-0001"},
        entities=[{"entity": "rating_level", "value": "hai_long"}],
    )
    ActionRateService(api).answer(dispatcher, tracker, {})

    body = fake_app.requests[-1]["body"]
    assert body["level"] == "hai_long" and body["source"] == "chat" and body["unit_code"] == UNIT
    assert body["dossier_code"] == "000.00.12.H62-260921-0001"
    assert "Cảm ơn anh/chị đã đánh giá" in dispatcher.messages[0]["text"]


def test_a_level_typed_without_diacritics_on_zalo_is_recorded_with_source_zalo(fake_app, api, dispatcher):
    fake_app.answer("GET", f"/api/v1/units/{UNIT}/rating-scale", 200, SCALE)
    fake_app.answer("POST", "/api/v1/ratings", 201, {"id": 1})
    ActionRateService(api).answer(dispatcher, make_tracker("khong hai long", "rate_service", channel="zalo"), {})
    body = fake_app.requests[-1]["body"]
    assert body["level"] == "khong_hai_long" and body["source"] == "zalo"
    assert dispatcher.messages[0]["buttons"][0]["payload"] == "/complain"


def test_the_same_message_retried_sends_the_same_idempotency_key(fake_app, api, dispatcher):
    fake_app.answer("GET", f"/api/v1/units/{UNIT}/rating-scale", 200, SCALE)
    fake_app.answer("POST", "/api/v1/ratings", 201, {"id": 1})
    tracker = make_tracker("rất hài lòng", "rate_service")
    ActionRateService(api).answer(dispatcher, tracker, {})
    ActionRateService(api).answer(dispatcher, tracker, {})
    keys = [r["body"]["idempotency_key"] for r in fake_app.requests if r["method"] == "POST"]
    assert len(keys) == 2 and keys[0] == keys[1]
    assert fake_app.requests[-1]["body"]["level"] == "rat_hai_long"


def test_a_refused_rating_shows_the_apis_message(fake_app, api, dispatcher):
    fake_app.answer("GET", f"/api/v1/units/{UNIT}/rating-scale", 200, SCALE)
    fake_app.answer(
        "POST", "/api/v1/ratings", 409, {"error": "already_rated", "message": "Hồ sơ này đã được đánh giá."}
    )
    ActionRateService(api).answer(dispatcher, make_tracker("hài lòng", "rate_service"), {})
    assert dispatcher.messages[0]["text"] == "Hồ sơ này đã được đánh giá."


def test_a_complaint_already_in_the_message_is_not_asked_again(dispatcher):
    events = ActionPrefillComplaint().run(
        dispatcher, make_tracker("cán bộ quầy 3 thái độ hách dịch với tôi", "complain"), {}
    )
    assert events == [SlotSet("complaint_text", "cán bộ quầy 3 thái độ hách dịch với tôi")]


def test_i_want_to_complain_alone_leaves_the_text_to_ask(dispatcher):
    events = ActionPrefillComplaint().run(dispatcher, make_tracker("tôi muốn khiếu nại", "complain"), {})
    assert events == [SlotSet("complaint_text", None)]


def test_a_complaint_is_recorded_and_the_citizen_told_how_it_is_handled(fake_app, api, dispatcher):
    fake_app.answer(
        "POST",
        "/api/v1/complaints",
        201,
        {"reference": "PA-2026-0042", "message": "Trung tâm sẽ trả lời trong 5 ngày làm việc."},
    )
    tracker = make_tracker("x", "complain", slots={"complaint_text": "Chờ 3 tiếng không được tiếp"}, channel="zalo")

    events = ActionSubmitComplaint(api).answer(dispatcher, tracker, {})

    assert fake_app.requests[0]["body"] == {"unit_code": UNIT, "text": "Chờ 3 tiếng không được tiếp", "source": "zalo"}
    text = dispatcher.messages[0]["text"]
    assert "(số PA-2026-0042)" in text and "5 ngày làm việc" in text
    assert events == [SlotSet("complaint_text", None)]


def test_a_complaint_when_the_app_is_down_is_not_lost_silently(dispatcher):
    from actions.api_client import MotCuaAPI

    ActionSubmitComplaint(MotCuaAPI(base_url="http://127.0.0.1:9")).answer(
        dispatcher, make_tracker("x", "complain", slots={"complaint_text": "abc"}), {}
    )
    assert "tạm thời gián đoạn" in dispatcher.messages[0]["text"]
