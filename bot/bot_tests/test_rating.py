"""Rating actions one by one (the whole conversation is in test_rating_conversation.py)."""

import json

from actions.rating import (
    SKIPPED,
    ActionAskRatingAttitude,
    ActionAskRatingLevel,
    ActionStartRating,
    ActionSubmitRating,
    ValidateRatingForm,
    match_level,
    rating_payload,
)
from rasa_sdk.events import SlotSet

from bot_tests.conftest import UNIT, make_tracker, recorded
from bot_tests.rating_chat import SCALE

KEPT = {
    "levels": SCALE["levels"],
    "lowest": "khong_hai_long",
    "bad_levels": SCALE["bad_levels"],
    "question": SCALE["question"],
    "question_en": SCALE["question_en"],
    "attitudes": SCALE["attitudes"],
    "reasons": SCALE["reasons"],
}
FIVE_LEVELS = {
    **KEPT,
    "levels": [*KEPT["levels"], {"key": "rat_khong_hai_long", "label": "Rất không hài lòng"}],
    "lowest": "rat_khong_hai_long",
}


def slots_of(events: list[dict]) -> dict:
    return {event["name"]: event["value"] for event in events if event["event"] == "slot"}


def test_starting_reads_the_units_scale_and_keeps_a_level_typed_without_diacritics(fake_app, api, dispatcher):
    fake_app.answer("GET", f"/api/v1/units/{UNIT}/rating-scale", 200, SCALE)
    events = ActionStartRating(api).answer(dispatcher, make_tracker("rat hai long", "rate_service"), {})
    slots = slots_of(events)
    assert slots["rating_scale"] == KEPT and slots["rating_level"] == "rat_hai_long"
    assert slots["rating_attitude"] is None and slots["rating_reasons"] is None and dispatcher.messages == []


def test_starting_when_the_app_is_down_says_so_and_keeps_no_scale(dispatcher):
    from actions.api_client import MotCuaAPI

    events = ActionStartRating(MotCuaAPI(base_url="http://127.0.0.1:9")).answer(
        dispatcher, make_tracker("/rate_service", "rate_service"), {}
    )
    assert slots_of(events)["rating_scale"] is None
    assert "tạm thời gián đoạn" in dispatcher.messages[0]["text"]


def test_the_longest_level_named_wins_and_shorthand_is_understood():
    assert match_level("rất không hài lòng", FIVE_LEVELS) == "rat_khong_hai_long"
    assert match_level("ko hai long", KEPT) == "khong_hai_long"
    assert match_level("hài lòng ạ", KEPT) == "hai_long"
    assert match_level("xin chào", KEPT) is None


async def test_reasons_are_asked_only_at_the_units_lowest_level(dispatcher):
    form = ValidateRatingForm()
    for level, expected in (
        ("hai_long", ["rating_level", "rating_attitude"]),
        ("khong_hai_long", ["rating_level", "rating_attitude", "rating_reasons"]),
    ):
        tracker = make_tracker(slots={"rating_scale": KEPT, "rating_level": level})
        assert await form.required_slots([], dispatcher, tracker, {}) == expected
    # On a five-level scale "Không hài lòng" is not the lowest: the app takes it without a reason.
    tracker = make_tracker(slots={"rating_scale": FIVE_LEVELS, "rating_level": "khong_hai_long"})
    assert "rating_reasons" not in await form.required_slots([], dispatcher, tracker, {})
    assert await form.required_slots([], dispatcher, make_tracker(slots={}), {}) == []


def test_the_attitude_question_is_the_scales_own_with_a_skip_button(dispatcher):
    ActionAskRatingAttitude().run(dispatcher, make_tracker(slots={"rating_scale": KEPT}), {})
    message = dispatcher.messages[0]
    assert message["text"] == SCALE["question"]
    assert message["buttons"][0]["payload"] == "/rate_service" + json.dumps({"rating_attitude": "rat_lich_su"})
    assert message["buttons"][-1] == {"title": "Bỏ qua", "payload": "/deny"}


def test_attitude_typed_as_a_label_start_skip_words_or_other_words(dispatcher):
    form = ValidateRatingForm()
    tracker = make_tracker("x", "rate_service", slots={"rating_scale": KEPT})
    assert form.validate_rating_attitude("rat lich su", dispatcher, tracker, {}) == {"rating_attitude": "rat_lich_su"}
    assert form.validate_rating_attitude("bỏ qua", dispatcher, tracker, {}) == {"rating_attitude": SKIPPED}
    assert form.validate_rating_attitude("ko", dispatcher, tracker, {}) == {"rating_attitude": SKIPPED}
    assert form.validate_rating_attitude("cán bộ nhiệt tình", dispatcher, tracker, {}) == {
        "rating_attitude": SKIPPED,
        "rating_comment": "cán bộ nhiệt tình",
    }


def test_an_unknown_level_is_asked_again(dispatcher):
    tracker = make_tracker("abc", "rate_service", slots={"rating_scale": KEPT})
    assert ValidateRatingForm().validate_rating_level("abc", dispatcher, tracker, {}) == {"rating_level": None}
    assert "chọn giúp tôi một mức" in dispatcher.messages[0]["text"]


def test_a_rating_from_zalo_is_sent_with_source_zalo_and_a_skipped_attitude_as_none(fake_app, api, dispatcher):
    fake_app.answer("POST", "/api/v1/ratings", 201, {"id": 1})
    slots = {
        "rating_scale": KEPT,
        "rating_level": "hai_long",
        "rating_attitude": SKIPPED,
        "dossier_code": "000.00.12.H62-260921-0001",
        "rating_token": {"code": "000.00.12.H62-260921-0001", "token": "t0k"},
    }
    events = ActionSubmitRating(api).answer(dispatcher, make_tracker("/deny", "deny", slots, channel="zalo"), {})

    body = fake_app.requests[-1]["body"]
    assert (body["level"], body["attitude"], body["reasons"], body["comment"]) == ("hai_long", None, [], "")
    assert (body["source"], body["unit_code"]) == ("zalo", UNIT)
    assert body["dossier_code"] == "000.00.12.H62-260921-0001"
    assert SlotSet("rating_level", None) in events and SlotSet("rating_scale", None) in events


def test_the_same_message_retried_sends_the_same_idempotency_key():
    tracker = make_tracker("/deny", "deny", slots={"rating_level": "hai_long"})
    assert (
        rating_payload(tracker, UNIT, "hai_long")["idempotency_key"]
        == rating_payload(tracker, UNIT, "hai_long")["idempotency_key"]
    )
    later = make_tracker("/deny", "deny", slots={"rating_level": "hai_long"}, earlier_intents=("rate_service",))
    assert (
        rating_payload(later, UNIT, "hai_long")["idempotency_key"]
        != rating_payload(tracker, UNIT, "hai_long")["idempotency_key"]
    )


def test_a_refused_rating_shows_the_apis_message(fake_app, api, dispatcher):
    fake_app.answer(
        "POST", "/api/v1/ratings", 409, {"error": "already_rated", "message": "Hồ sơ này đã được đánh giá."}
    )
    slots = {"rating_scale": KEPT, "rating_level": "hai_long", "rating_attitude": SKIPPED}
    ActionSubmitRating(api).answer(dispatcher, make_tracker("/deny", "deny", slots), {})
    assert dispatcher.messages[0]["text"] == "Hồ sơ này đã được đánh giá."


def test_without_a_scale_nothing_is_sent(fake_app, api, dispatcher):
    ActionSubmitRating(api).answer(dispatcher, make_tracker("/deny", "deny", {"rating_level": "hai_long"}), {})
    assert fake_app.requests == [] and dispatcher.messages == []


def test_nothing_typed_yet_leaves_the_attitude_to_ask(dispatcher):
    """At the form's start the slots are cleared; that is not an answer to read as "skip"."""
    tracker = make_tracker("tôi muốn đánh giá", "rate_service", slots={"rating_scale": KEPT})
    assert ValidateRatingForm().validate_rating_attitude(None, dispatcher, tracker, {}) == {"rating_attitude": None}
    assert dispatcher.messages == []


def test_a_rating_after_the_phone_check_names_the_dossier_with_its_token_then_forgets_it(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", "/api/v1/ratings", "rating_created")
    slots = {
        "rating_scale": KEPT,
        "rating_level": "hai_long",
        "rating_attitude": SKIPPED,
        "dossier_code": "000.00.12.H62-260302-0002",
        "rating_token": {"code": "000.00.12.H62-260302-0002", "token": "t0k"},
    }
    events = ActionSubmitRating(api).answer(dispatcher, make_tracker("/deny", "deny", slots), {})

    body = fake_app.requests[-1]["body"]
    assert (body["dossier_code"], body["token"], body["source"]) == ("000.00.12.H62-260302-0002", "t0k", "chat")
    assert fake_app.requests[-1]["headers"]["X-Motcua-Conversation"] == "test-user"
    assert SlotSet("rating_token", None) in events
    assert all("t0k" not in (message.get("text") or "") for message in dispatcher.messages)


def test_an_unsatisfied_rating_keeps_the_token_for_the_complaint_it_offers(fake_app, api, dispatcher):
    fake_app.answer("POST", "/api/v1/ratings", 201, recorded("rating_created")[1])
    slots = {
        "rating_scale": KEPT,
        "rating_level": "khong_hai_long",
        "rating_reasons": ["cho_lau"],
        "dossier_code": "000.00.12.H62-260302-0002",
        "rating_token": {"code": "000.00.12.H62-260302-0002", "token": "t0k"},
    }
    events = ActionSubmitRating(api).answer(dispatcher, make_tracker("/deny", "deny", slots), {})
    assert SlotSet("rating_token", None) not in events
    assert dispatcher.messages[0]["buttons"][0]["payload"] == "/complain"


def test_without_the_phone_check_the_rating_is_the_centres_not_the_dossiers(dispatcher):
    """A dossier looked up by its code alone is not named: the app refuses that without a token, after
    the citizen answered every question."""
    slots = {"rating_level": "hai_long", "dossier_code": "000.00.12.H62-260302-0002"}
    payload = rating_payload(make_tracker("/deny", "deny", slots), UNIT, "hai_long")
    assert payload["dossier_code"] is None and payload["token"] is None


def test_an_already_rated_dossier_gets_the_apps_answer_and_the_token_is_dropped(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", "/api/v1/ratings", "rating_already_rated")
    slots = {
        "rating_scale": KEPT,
        "rating_level": "hai_long",
        "rating_attitude": SKIPPED,
        "dossier_code": "000.00.12.H62-260302-0002",
        "rating_token": {"code": "000.00.12.H62-260302-0002", "token": "t0k"},
    }
    events = ActionSubmitRating(api).answer(dispatcher, make_tracker("/deny", "deny", slots), {})
    assert "đã được đánh giá" in dispatcher.messages[0]["text"]
    assert SlotSet("rating_token", None) in events


def test_the_token_of_another_dossier_is_never_sent_with_the_one_looked_up_since(dispatcher):
    """Verified A, then typed the code of B: the rating is the centre's, not B's with A's token."""
    slots = {
        "rating_level": "hai_long",
        "dossier_code": "000.00.12.H62-260302-0001",
        "rating_token": {"code": "000.00.12.H62-260302-0002", "token": "t0k"},
    }
    payload = rating_payload(make_tracker("/deny", "deny", slots), UNIT, "hai_long")
    assert payload["dossier_code"] is None and payload["token"] is None


def test_the_complaint_is_offered_at_the_levels_the_unit_counts_as_bad(fake_app, api, dispatcher):
    """The app's scale says which levels are "not satisfied" (``bad_levels``): a unit counting
    "Bình thường" among them gets the complaint offered there, not at the bot's own guess."""
    status, scale = recorded("rating_scale")
    scale["bad_levels"] = ["binh_thuong", "khong_hai_long"]
    fake_app.answer("GET", f"/api/v1/units/{UNIT}/rating-scale", status, scale)
    fake_app.answer_recorded("POST", "/api/v1/ratings", "rating_created")
    kept = slots_of(ActionStartRating(api).answer(dispatcher, make_tracker("/rate_service", "rate_service"), {}))
    assert kept["rating_scale"]["bad_levels"] == ["binh_thuong", "khong_hai_long"]

    slots = {"rating_scale": kept["rating_scale"], "rating_level": "binh_thuong", "rating_attitude": SKIPPED}
    ActionSubmitRating(api).answer(dispatcher, make_tracker("/deny", "deny", slots), {})
    assert dispatcher.messages[-1]["buttons"][0]["payload"] == "/complain"

    # And a level the unit does not count as bad gets thanks only.
    dispatcher.messages.clear()
    slots = {**slots, "rating_level": "hai_long"}
    ActionSubmitRating(api).answer(dispatcher, make_tracker("/deny", "deny", slots), {})
    assert "buttons" not in dispatcher.messages[-1] or not dispatcher.messages[-1]["buttons"]


def test_a_rating_asked_in_english_is_asked_with_the_scales_english_labels(dispatcher):
    """The rating offered after an English phone check goes on in English."""
    english = make_tracker("I want to rate the service for my application", "rate_service", {"rating_scale": KEPT})
    ActionAskRatingLevel().run(dispatcher, english, {})
    ActionAskRatingAttitude().run(dispatcher, english, {})
    level, attitude = dispatcher.messages
    assert level["text"].startswith("How satisfied are you")
    assert [b["title"] for b in level["buttons"]][:2] == ["Very satisfied", "Satisfied"]
    assert attitude["text"] == SCALE["question_en"] and attitude["buttons"][-1]["title"] == "Skip"
    assert (
        match_level("very satisfied", KEPT) == "rat_hai_long" and match_level("dissatisfied", KEPT) == "khong_hai_long"
    )


def test_an_english_rating_is_thanked_in_english(fake_app, api, dispatcher):
    fake_app.answer_recorded("POST", "/api/v1/ratings", "rating_created")
    slots = {"rating_scale": KEPT, "rating_level": "hai_long", "rating_attitude": SKIPPED}
    ActionSubmitRating(api).answer(dispatcher, make_tracker("very satisfied thank you", "rate_service", slots), {})
    assert dispatcher.messages[-1]["text"].startswith("Thank you for your rating")
