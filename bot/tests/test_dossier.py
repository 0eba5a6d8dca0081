from actions.dossier import ActionDossierStatus, ActionStartStatus, ValidateDossierForm
from rasa_sdk.events import SlotSet

from tests.conftest import make_tracker

CODE = "000.00.12.H62-260921-0001"
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


def test_a_resolved_dossier_is_followed_by_an_offer_to_rate(fake_app, api, dispatcher):
    fake_app.answer(
        "GET",
        f"/api/v1/dossiers/{CODE}",
        200,
        {**PUBLIC, "state": 10, "state_label": "Đã trả kết quả", "timeliness": "truoc_han"},
    )
    ActionDossierStatus(api).answer(dispatcher, make_tracker("x", "give_dossier_code", {"dossier_code": CODE}), {})
    assert "Kết quả giải quyết trước hạn." in dispatcher.messages[0]["text"]
    assert dispatcher.messages[-1]["buttons"][0]["payload"] == "/rate_service"


def test_personal_data_comes_only_from_verification_and_the_digits_are_forgotten(fake_app, api, dispatcher):
    detail = {
        **PUBLIC,
        "applicant_name": "Nguyễn Văn An",
        "applicant_phone": "******5678",
        "events": [{"at": "2026-09-21T08:30:00", "state": 2, "state_label": "Được tiếp nhận"}],
        "documents_to_supplement": [{"name": "Giấy chứng sinh"}],
    }
    fake_app.answer("POST", f"/api/v1/dossiers/{CODE}/verify", 200, detail)
    tracker = make_tracker("5678", "give_dossier_code", {"dossier_code": CODE, "phone_last4": "5678"})

    events = ActionDossierStatus(api).answer(dispatcher, tracker, {})

    assert events == [SlotSet("phone_last4", None)]
    assert fake_app.requests[0]["body"] == {"phone_last4": "5678"}
    text = dispatcher.messages[0]["text"]
    assert "Người nộp: Nguyễn Văn An (điện thoại ******5678)." in text
    assert "• 08:30 ngày 21/09/2026: Được tiếp nhận" in text
    assert "Giấy tờ cần bổ sung: Giấy chứng sinh." in text


def test_public_lookup_never_shows_a_name_even_if_the_api_sent_one(fake_app, api, dispatcher):
    fake_app.answer("GET", f"/api/v1/dossiers/{CODE}", 200, {**PUBLIC, "applicant_name": "Nguyễn Văn An"})
    ActionDossierStatus(api).answer(dispatcher, make_tracker("x", "check_status", {"dossier_code": CODE}), {})
    assert all("Nguyễn Văn An" not in (m.get("text") or "") for m in dispatcher.messages)


def test_wrong_phone_digits_get_the_apis_message(fake_app, api, dispatcher):
    fake_app.answer(
        "POST",
        f"/api/v1/dossiers/{CODE}/verify",
        403,
        {"error": "verification_failed", "message": "Số điện thoại không khớp với hồ sơ."},
    )
    events = ActionDossierStatus(api).answer(
        dispatcher, make_tracker("1111", "give_dossier_code", {"dossier_code": CODE, "phone_last4": "1111"}), {}
    )
    assert dispatcher.messages[0]["text"] == "Số điện thoại không khớp với hồ sơ."
    assert events == [SlotSet("phone_last4", None)]


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
    assert events == [SlotSet("dossier_code", None), SlotSet("phone_last4", None)]


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
