import pytest
from actions.complaint import ActionPrefillComplaint, ActionSubmitComplaint, ValidateComplaintForm
from rasa_sdk.events import SlotSet

from bot_tests.conftest import UNIT, make_tracker


def test_a_complaint_already_in_the_message_is_not_asked_again(dispatcher):
    events = ActionPrefillComplaint().run(
        dispatcher, make_tracker("cán bộ quầy 3 thái độ hách dịch với tôi", "complain"), {}
    )
    assert events == [
        SlotSet("complaint_text", "cán bộ quầy 3 thái độ hách dịch với tôi"),
        SlotSet("complaint_contact", None),
    ]


def test_i_want_to_complain_alone_leaves_the_text_to_ask(dispatcher):
    events = ActionPrefillComplaint().run(dispatcher, make_tracker("tôi muốn khiếu nại", "complain"), {})
    assert events == [SlotSet("complaint_text", None), SlotSet("complaint_contact", None)]


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
    assert events == [
        SlotSet("complaint_text", None),
        SlotSet("complaint_contact", None),
        SlotSet("rating_token", None),
    ]


def test_a_complaint_when_the_app_is_down_is_not_lost_silently(dispatcher):
    from actions.api_client import MotCuaAPI

    ActionSubmitComplaint(MotCuaAPI(base_url="http://127.0.0.1:9")).answer(
        dispatcher, make_tracker("x", "complain", slots={"complaint_text": "abc"}), {}
    )
    assert "tạm thời gián đoạn" in dispatcher.messages[0]["text"]


def test_a_contact_given_is_sent_with_the_complaint(fake_app, api, dispatcher):
    fake_app.answer("POST", "/api/v1/complaints", 201, {"reference": "PA-1", "message": ""})
    slots = {"complaint_text": "Chờ lâu", "complaint_contact": "0912345678"}
    ActionSubmitComplaint(api).answer(dispatcher, make_tracker("0912345678", "complain", slots), {})
    assert fake_app.requests[0]["body"]["contact"] == "0912345678"


@pytest.mark.parametrize(
    ("typed", "contact"),
    [
        ("sđt 0912 345 678", "0912345678"),
        ("+84 912.345.678 nhé", "+84912345678"),
        ("email: Nguyen.An@gmail.com", "Nguyen.An@gmail.com"),
        ("bỏ qua", ""),
        ("ko", ""),
    ],
)
def test_a_contact_typed_any_way_or_skipped(typed, contact, dispatcher):
    result = ValidateComplaintForm().validate_complaint_contact(typed, dispatcher, make_tracker(typed, "complain"), {})
    assert result == {"complaint_contact": contact}


def test_an_answer_with_no_phone_or_email_is_asked_again(dispatcher):
    result = ValidateComplaintForm().validate_complaint_contact(
        "gọi cho tôi", dispatcher, make_tracker("gọi cho tôi", "complain"), {}
    )
    assert result == {"complaint_contact": None} and "chưa nhận ra" in dispatcher.messages[0]["text"]


def test_nothing_typed_yet_is_not_answered_with_a_complaint_about_the_contact(dispatcher):
    """At the form's start the contact slot is cleared; that is not an answer to check."""
    result = ValidateComplaintForm().validate_complaint_contact(None, dispatcher, make_tracker("x", "complain"), {})
    assert result == {"complaint_contact": None} and dispatcher.messages == []


def test_a_complaint_about_the_verified_dossier_carries_its_token_once(fake_app, api, dispatcher):
    """After the phone check the complaint names the dossier with the verification's token (the app
    refuses a dossier named without it); the token is then forgotten."""
    fake_app.answer_recorded("POST", "/api/v1/complaints", "complaint_created")
    slots = {
        "complaint_text": "Trả kết quả chậm",
        "dossier_code": "000.00.12.H62-260302-0002",
        "rating_token": {"code": "000.00.12.H62-260302-0002", "token": "t0k"},
    }

    events = ActionSubmitComplaint(api).answer(dispatcher, make_tracker("x", "complain", slots), {})

    body = fake_app.requests[0]["body"]
    assert (body["dossier_code"], body["token"]) == ("000.00.12.H62-260302-0002", "t0k")
    assert fake_app.requests[0]["headers"]["X-Motcua-Conversation"] == "test-user"
    assert SlotSet("rating_token", None) in events
    assert "t0k" not in dispatcher.messages[0]["text"]


def test_a_dossier_looked_up_without_the_phone_check_is_not_named_in_a_complaint(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", "/api/v1/complaints", "complaint_created")
    slots = {"complaint_text": "Trả kết quả chậm", "dossier_code": "000.00.12.H62-260302-0002"}
    ActionSubmitComplaint(api).answer(dispatcher, make_tracker("x", "complain", slots), {})
    body = fake_app.requests[0]["body"]
    assert "dossier_code" not in body and "token" not in body
    assert "PA-000000-AAAAA" in dispatcher.messages[0]["text"]


def test_a_complaint_made_in_english_is_asked_and_acknowledged_in_english(fake_app, api, dispatcher):
    from actions.complaint import ActionAskComplaintContact, ActionAskComplaintText

    english = make_tracker("I want to make a complaint about the service", "complain")
    ActionAskComplaintText().run(dispatcher, english, {})
    ActionAskComplaintContact().run(dispatcher, english, {})
    assert dispatcher.messages[0]["text"].startswith("Please describe your complaint")
    assert dispatcher.messages[1]["buttons"][0]["title"] == "Skip"

    fake_app.answer_recorded("POST", "/api/v1/complaints", "complaint_created")
    slots = {"complaint_text": "The officer at counter 3 was rude", "complaint_contact": ""}
    skipped = make_tracker("/deny", "deny", slots)  # the contact skipped with the button
    skipped.events.insert(0, {"event": "user", "timestamp": 999.0, "text": slots["complaint_text"], "parse_data": {}})
    ActionSubmitComplaint(api).answer(dispatcher, skipped, {})
    assert dispatcher.messages[-1]["text"].startswith("The centre has recorded your complaint (no. PA-000000-AAAAA).")
