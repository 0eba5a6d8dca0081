from actions.contact import ActionHumanHandoff, ActionUnitInfo
from rasa_sdk.events import SlotSet

from bot_tests.conftest import make_tracker

UNIT = {
    "code": "000.00.00.H62",
    "name": "Trung tâm Phục vụ hành chính công tỉnh",
    "address": "Số 1 Đường Trần Phú",
    "hotline": "0212 3 888 999",
    "opening_hours": "Thứ Hai – Thứ Sáu 7:30–11:30, 13:30–17:00; sáng thứ Bảy",
    "email": "motcua@example.gov.vn",
    "zalo_oa": "zalo.me/motcua",
}


def serve_unit(fake_app):
    fake_app.answer("GET", "/api/v1/units/000.00.00.H62", 200, UNIT)


def test_hours_come_from_the_units_configuration(fake_app, api, dispatcher):
    serve_unit(fake_app)
    ActionUnitInfo(api).answer(dispatcher, make_tracker("may gio mo cua", "ask_hours"), {})
    assert dispatcher.messages[0]["text"] == f"Giờ làm việc của {UNIT['name']}: {UNIT['opening_hours']}."


def test_contact_lists_address_hotline_email_and_zalo(fake_app, api, dispatcher):
    serve_unit(fake_app)
    ActionUnitInfo(api).answer(dispatcher, make_tracker("so dien thoai", "ask_contact"), {})
    text = dispatcher.messages[0]["text"]
    for value in (UNIT["address"], UNIT["hotline"], UNIT["email"], UNIT["zalo_oa"]):
        assert value in text


def test_handoff_without_the_queue_says_how_to_reach_an_officer_and_marks_the_conversation(fake_app, api, dispatcher):
    serve_unit(fake_app)  # the app answers the unit but has no queue route: the hotline and address
    events = ActionHumanHandoff(api).answer(dispatcher, make_tracker("cho gap can bo", "human_handoff"), {})
    assert SlotSet("handoff", True) in events
    text = dispatcher.messages[0]["text"]
    assert UNIT["hotline"] in text and UNIT["address"] in text and UNIT["zalo_oa"] in text
    assert dispatcher.messages[1]["custom"] == {
        "handoff": {"status": "unavailable", "unit": UNIT["code"], "hotline": UNIT["hotline"]}
    }


def test_handoff_still_marks_the_conversation_when_the_app_is_down(dispatcher):
    from actions.api_client import MotCuaAPI

    events = ActionHumanHandoff(MotCuaAPI(base_url="http://127.0.0.1:9")).answer(dispatcher, make_tracker(), {})
    assert SlotSet("handoff", True) in events
    assert "tạm thời gián đoạn" in dispatcher.messages[0]["text"]


def test_an_english_question_about_opening_hours_is_answered_in_english(fake_app, api, dispatcher):
    serve_unit(fake_app)
    ActionUnitInfo(api).answer(dispatcher, make_tracker("what are the opening hours of the office", "ask_hours"), {})
    assert dispatcher.messages[0]["text"] == f"Opening hours of {UNIT['name']}: {UNIT['opening_hours']}."
