"""A dossier asked about in English is answered in English: the app's own English labels
(``?lang=en``), English sentences; the procedure's name stays as the portal publishes it."""

from actions.api_client import MotCuaAPI
from actions.dossier import ActionAskDossierCode, ActionDossierStatus
from rasa_sdk import Tracker

from bot_tests.conftest import make_tracker

CODE = "000.00.12.H62-260302-0002"


def english_tracker(text: str, intent: str, slots: dict, earlier: str = "") -> Tracker:
    """A conversation whose citizen wrote ``earlier`` (if any) then ``text``."""
    tracker = make_tracker(text, intent, slots)
    if earlier:
        tracker.events.insert(0, {"event": "user", "timestamp": 999.0, "text": earlier, "parse_data": {}})
    return tracker


def paths(fake_app) -> list[str]:
    return [request["path"] for request in fake_app.requests]


def test_an_english_status_question_gets_the_english_status_and_asks_the_digits_in_english(fake_app, api, dispatcher):
    fake_app.answer_recorded("GET", f"/api/v1/dossiers/{CODE}", "dossier_resolved_public_en")
    text = f"what is the status of my application {CODE}"
    ActionDossierStatus(api).answer(dispatcher, english_tracker(text, "check_status", {"dossier_code": CODE}), {})

    assert paths(fake_app) == [f"/api/v1/dossiers/{CODE}?lang=en"]
    public, ask = (message["text"] for message in dispatcher.messages)
    assert f"Dossier {CODE}" in public and "Status: Result returned." in public
    assert "Received at 09:00 on 02/03/2026" in public and "Due date: 04/03/2026." in public
    assert "last 4 digits" in ask and "số" not in ask


def test_a_code_typed_alone_after_an_english_question_is_still_answered_in_english(fake_app, api, dispatcher):
    fake_app.answer_recorded("GET", f"/api/v1/dossiers/{CODE}", "dossier_resolved_public_en")
    tracker = english_tracker(
        CODE, "give_dossier_code", {"dossier_code": CODE}, earlier="check my dossier status please"
    )
    ActionDossierStatus(api).answer(dispatcher, tracker, {})
    assert "Status: Result returned." in dispatcher.messages[0]["text"]


def test_the_detail_after_the_phone_check_is_in_english(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", f"/api/v1/dossiers/{CODE}/verify", "dossier_resolved_verified_en")
    slots = {"dossier_code": CODE, "phone_last4": "5678"}
    ActionDossierStatus(api).answer(
        dispatcher, english_tracker("5678", "give_dossier_code", slots, "status of my dossier please"), {}
    )

    assert paths(fake_app) == [f"/api/v1/dossiers/{CODE}/verify?lang=en"]
    detail = dispatcher.messages[0]["text"]
    assert "Applicant: Nguyễn Văn An (phone 091****678)." in detail
    assert "• 15:00 on 04/03/2026: Result returned" in detail and "Resolved: On time." in detail
    assert "already been rated" in dispatcher.messages[-1]["text"]


def test_wrong_digits_in_english_keep_the_code(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", f"/api/v1/dossiers/{CODE}/verify", "dossier_verify_failed")
    fake_app.answer_recorded("GET", f"/api/v1/dossiers/{CODE}", "dossier_resolved_public_en")
    slots = {"dossier_code": CODE, "phone_last4": "1111"}
    events = ActionDossierStatus(api).answer(
        dispatcher, english_tracker("1111", "give_dossier_code", slots, "check my application status"), {}
    )
    assert "do not match" in dispatcher.messages[0]["text"]
    assert all(event["name"] != "dossier_code" for event in events)


def test_an_unknown_code_in_english(fake_app, api, dispatcher):
    fake_app.answer_recorded("GET", f"/api/v1/dossiers/{CODE}", "dossier_not_found")
    ActionDossierStatus(api).answer(
        dispatcher, english_tracker(f"status of application {CODE} please", "check_status", {"dossier_code": CODE}), {}
    )
    assert f"No dossier with code {CODE} was found" in dispatcher.messages[0]["text"]


def test_the_code_is_asked_in_english(dispatcher):
    ActionAskDossierCode().run(dispatcher, english_tracker("check my application status", "check_status", {}), {})
    assert "dossier code printed on your receipt" in dispatcher.messages[0]["text"]


def test_a_vietnamese_question_asks_the_app_in_vietnamese_even_after_an_english_one(fake_app, dispatcher):
    """The app remembers ?lang=en in a cookie: the assistant, one client for every citizen, keeps none."""
    api = MotCuaAPI(base_url=fake_app.url)
    fake_app.cookies["lang"] = "en"  # as the app answers a request with ?lang=en
    fake_app.answer_recorded("GET", f"/api/v1/dossiers/{CODE}", "dossier_resolved_public_en")
    ActionDossierStatus(api).answer(
        dispatcher, english_tracker(f"status of my application {CODE}", "check_status", {"dossier_code": CODE}), {}
    )
    fake_app.answer_recorded("GET", f"/api/v1/dossiers/{CODE}", "dossier_resolved_public")
    ActionDossierStatus(api).answer(
        dispatcher, make_tracker("ho so den dau roi", "check_status", {"dossier_code": CODE}), {}
    )
    assert fake_app.requests[-1]["path"] == f"/api/v1/dossiers/{CODE}"
    assert "Cookie" not in fake_app.requests[-1]["headers"]
    assert "Tình trạng:" in dispatcher.messages[-2]["text"]
