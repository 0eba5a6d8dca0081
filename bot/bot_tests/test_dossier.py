from actions.dossier import ActionDossierStatus, ActionStartStatus, ValidateDossierForm
from rasa_sdk.events import SlotSet

from bot_tests.conftest import make_tracker, recorded

CODE = "000.00.12.H62-260921-0001"
# The recorded answers (bot_tests/api_answers) are about these two dossiers of the app's contract test.
SUPPLEMENT_CODE = "000.00.12.H62-260302-0001"
RESOLVED_CODE = "000.00.12.H62-260302-0002"
PUBLIC = {
    "code": CODE,
    "procedure_name": "Đăng ký khai sinh",
    "state": 4,
    "state_label": "Đang xử lý",
    "received_at": "2026-09-21T08:30:00",
    "due_at": "2026-09-24",
    "is_late": False,
    "timeliness": None,
}


def test_public_status_shows_state_and_dates_and_offers_the_phone_check(fake_app, api, dispatcher):
    fake_app.answer("GET", f"/api/v1/dossiers/{CODE}", 200, PUBLIC)
    events = ActionDossierStatus(api).answer(
        dispatcher, make_tracker("x", "give_dossier_code", {"dossier_code": CODE}), {}
    )

    assert events == []
    text = dispatcher.messages[0]["text"]
    assert "Tình trạng: Đang xử lý." in text
    assert "Tiếp nhận lúc 08:30 ngày 21/09/2026." in text and "Hẹn trả kết quả: 24/09/2026." in text
    assert "4 số cuối" in dispatcher.messages[1]["text"]
    assert len(dispatcher.messages) == 2  # not resolved: no rating offer


def test_a_resolved_dossier_asks_for_the_digits_before_any_rating(fake_app, api, dispatcher):
    """A rating naming a dossier needs the phone check (its rating token): none is offered before it."""
    fake_app.answer(
        "GET",
        f"/api/v1/dossiers/{CODE}",
        200,
        {**PUBLIC, "state": 10, "state_label": "Đã trả kết quả", "timeliness": "truoc_han"},
    )
    ActionDossierStatus(api).answer(dispatcher, make_tracker("x", "give_dossier_code", {"dossier_code": CODE}), {})
    assert "Kết quả giải quyết trước hạn." in dispatcher.messages[0]["text"]
    assert "4 số cuối" in dispatcher.messages[-1]["text"] and "đánh giá" in dispatcher.messages[-1]["text"]
    assert not any(message.get("buttons") for message in dispatcher.messages)


def test_personal_data_comes_only_from_verification_and_the_digits_are_forgotten(fake_app, api, dispatcher):
    detail = {
        **PUBLIC,
        "applicant_name": "Nguyễn Văn An",
        "applicant_phone": "******5678",
        "events": [{"at": "2026-09-21T08:30:00", "state": 2, "state_label": "Được tiếp nhận"}],
        "supplement": ["Giấy chứng sinh"],
    }
    fake_app.answer("POST", f"/api/v1/dossiers/{CODE}/verify", 200, detail)
    tracker = make_tracker("5678", "give_dossier_code", {"dossier_code": CODE, "phone_last4": "5678"})

    events = ActionDossierStatus(api).answer(dispatcher, tracker, {})

    assert events == [SlotSet("phone_last4", None), SlotSet("rating_token", None)]
    assert fake_app.requests[0]["body"] == {"phone_last4": "5678"}
    text = dispatcher.messages[0]["text"]
    assert "Người nộp: Nguyễn Văn An (điện thoại ******5678)." in text
    assert "• 08:30 ngày 21/09/2026: Được tiếp nhận" in text
    assert "Giấy tờ cần bổ sung: Giấy chứng sinh." in text


def test_public_lookup_never_shows_a_name_even_if_the_api_sent_one(fake_app, api, dispatcher):
    fake_app.answer(
        "GET", f"/api/v1/dossiers/{CODE}", 200, {**PUBLIC, "applicant_name": "Nguyễn Văn An"}, beyond_the_app=True
    )
    ActionDossierStatus(api).answer(dispatcher, make_tracker("x", "check_status", {"dossier_code": CODE}), {})
    assert all("Nguyễn Văn An" not in (m.get("text") or "") for m in dispatcher.messages)


def test_rate_limited_lookup_is_explained(fake_app, api, dispatcher):
    fake_app.answer(
        "GET", f"/api/v1/dossiers/{CODE}", 429, {"error": "rate_limited", "message": "Tra cứu quá nhiều lần."}
    )
    ActionDossierStatus(api).answer(dispatcher, make_tracker("x", "check_status", {"dossier_code": CODE}), {})
    assert dispatcher.messages[0]["text"] == "Tra cứu quá nhiều lần."


def test_unknown_code_is_forgotten_so_the_form_asks_again(fake_app, api, dispatcher):
    events = ActionDossierStatus(api).answer(dispatcher, make_tracker("x", "check_status", {"dossier_code": CODE}), {})
    assert "Không tìm thấy hồ sơ mã" in dispatcher.messages[0]["text"]
    assert events == [SlotSet("dossier_code", None)]


def test_a_new_status_question_without_a_code_forgets_the_previous_dossier(dispatcher):
    events = ActionStartStatus().run(
        dispatcher, make_tracker("tra cứu hồ sơ", "check_status", {"dossier_code": CODE}), {}
    )
    assert events == [SlotSet("dossier_code", None), SlotSet("phone_last4", None), SlotSet("rating_token", None)]


async def test_the_form_accepts_a_code_typed_in_lower_case_with_spaces(dispatcher):
    result = ValidateDossierForm().validate_dossier_code("ma la 000.00.12.h62 - 260921 - 0001", dispatcher, None, {})
    assert result == {"dossier_code": CODE}


async def test_the_form_rejects_text_without_a_code_with_an_example(dispatcher):
    result = ValidateDossierForm().validate_dossier_code("khong nho ma", dispatcher, None, {})
    assert result == {"dossier_code": None}
    assert "000.00.12.H62-260921-0001" in dispatcher.messages[0]["text"]


async def test_the_form_stays_quiet_when_the_code_was_only_cleared(dispatcher):
    assert ValidateDossierForm().validate_dossier_code(None, dispatcher, None, {}) == {"dossier_code": None}
    assert dispatcher.messages == []


def verify(fake_app, api, dispatcher, code: str, digits: str, **slots) -> list:
    tracker = make_tracker(digits, "give_dossier_code", {"dossier_code": code, "phone_last4": digits, **slots})
    return ActionDossierStatus(api).answer(dispatcher, tracker, {})


def test_the_documents_to_supplement_the_app_lists_are_shown_after_the_phone_check(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", f"/api/v1/dossiers/{SUPPLEMENT_CODE}/verify", "dossier_supplement_verified")

    verify(fake_app, api, dispatcher, SUPPLEMENT_CODE, "5678")

    text = dispatcher.messages[0]["text"]
    assert "Giấy tờ cần bổ sung: Bản sao giấy chứng sinh; Tờ khai có chữ ký của người yêu cầu." in text


def test_wrong_digits_are_blamed_on_the_digits_and_the_code_is_kept_for_a_retry(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", f"/api/v1/dossiers/{SUPPLEMENT_CODE}/verify", "dossier_verify_failed")
    fake_app.answer_recorded("GET", f"/api/v1/dossiers/{SUPPLEMENT_CODE}", "dossier_public")

    events = verify(fake_app, api, dispatcher, SUPPLEMENT_CODE, "1111")

    assert events == [SlotSet("phone_last4", None)]  # the code stays: the next 4 digits are checked against it
    [message] = dispatcher.messages
    assert "4 số cuối" in message["text"] and "chưa khớp" in message["text"]
    assert "Không tìm thấy hồ sơ" not in message["text"]

    fake_app.answer_recorded("POST", f"/api/v1/dossiers/{SUPPLEMENT_CODE}/verify", "dossier_supplement_verified")
    verify(fake_app, api, dispatcher, SUPPLEMENT_CODE, "5678")
    assert "Người nộp: Nguyễn Văn An" in dispatcher.messages[1]["text"]


def test_digits_given_with_an_unknown_code_forget_the_code(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", f"/api/v1/dossiers/{CODE}/verify", "dossier_verify_failed")
    fake_app.answer_recorded("GET", f"/api/v1/dossiers/{CODE}", "dossier_not_found")

    events = verify(fake_app, api, dispatcher, CODE, "1111")

    assert "Không tìm thấy hồ sơ mã" in dispatcher.messages[0]["text"]
    assert events == [SlotSet("phone_last4", None), SlotSet("dossier_code", None)]


def test_too_many_tries_get_the_apps_message_and_keep_the_code(fake_app, api, dispatcher):
    limited = {"error": "rate_limited", "message": "Tra cứu quá nhiều lần, vui lòng thử lại sau 15 phút."}
    fake_app.answer("POST", f"/api/v1/dossiers/{CODE}/verify", 429, limited)

    events = verify(fake_app, api, dispatcher, CODE, "1111")

    assert dispatcher.messages[0]["text"] == limited["message"]
    assert events == [SlotSet("phone_last4", None)]


def test_a_resolved_dossier_not_yet_rated_is_offered_a_rating_after_the_phone_check(fake_app, api, dispatcher):
    status, body = recorded("dossier_resolved_verified")
    fake_app.answer("POST", f"/api/v1/dossiers/{RESOLVED_CODE}/verify", status, {**body, "rated": False})

    events = verify(fake_app, api, dispatcher, RESOLVED_CODE, "5678")

    assert dispatcher.messages[-1]["buttons"][0]["payload"] == "/rate_service"
    assert SlotSet("rating_token", {"code": RESOLVED_CODE, "token": body["rating_token"]}) in events


def test_an_already_rated_dossier_is_not_offered_a_rating(fake_app, api, dispatcher):
    status, body = recorded("dossier_resolved_verified")
    fake_app.answer("POST", f"/api/v1/dossiers/{RESOLVED_CODE}/verify", status, {**body, "rated": True})

    events = verify(fake_app, api, dispatcher, RESOLVED_CODE, "5678")

    assert not any(message.get("buttons") for message in dispatcher.messages)
    assert "đã được đánh giá" in dispatcher.messages[-1]["text"]
    assert SlotSet("rating_token", None) in events


def test_the_verified_detail_is_marked_personal_so_the_tracker_store_redacts_it(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", f"/api/v1/dossiers/{SUPPLEMENT_CODE}/verify", "dossier_supplement_verified")
    verify(fake_app, api, dispatcher, SUPPLEMENT_CODE, "5678")
    assert dispatcher.messages[0]["personal_data"] is True


def test_lookups_name_the_conversation_so_the_app_limits_each_citizen(fake_app, api, dispatcher):
    fake_app.answer_recorded("GET", f"/api/v1/dossiers/{SUPPLEMENT_CODE}", "dossier_public")
    fake_app.answer_recorded("POST", f"/api/v1/dossiers/{SUPPLEMENT_CODE}/verify", "dossier_supplement_verified")
    ActionDossierStatus(api).answer(
        dispatcher, make_tracker("x", "check_status", {"dossier_code": SUPPLEMENT_CODE}), {}
    )
    verify(fake_app, api, dispatcher, SUPPLEMENT_CODE, "5678")
    assert [r["headers"].get("X-Motcua-Conversation") for r in fake_app.requests] == ["test-user", "test-user"]


def test_the_assistant_signs_its_calls_with_its_own_api_key(fake_app, dispatcher, monkeypatch):
    from actions.api_client import MotCuaAPI

    monkeypatch.setenv("MOTCUA_API_KEY", "mk_assistant_key")
    fake_app.answer_recorded("GET", f"/api/v1/dossiers/{SUPPLEMENT_CODE}", "dossier_public")
    ActionDossierStatus(MotCuaAPI(base_url=fake_app.url)).answer(
        dispatcher, make_tracker("x", "check_status", {"dossier_code": SUPPLEMENT_CODE}), {}
    )
    assert fake_app.requests[0]["headers"]["Authorization"] == "Bearer mk_assistant_key"
