"""Rating in the chat, end to end: a real Rasa agent (domain and rules, rule policy only) and the project's
actions over HTTP; the app's ``POST /api/v1/ratings`` is answered with the real app's reason rule."""

from __future__ import annotations

import pytest
from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot_tests.conftest import UNIT, recorded
from bot_tests.rating_chat import SCALE, posted_ratings, rating_agent, titles


@pytest.fixture
def agent(rules_model, action_server, fake_app) -> Agent:
    return rating_agent(rules_model, action_server, fake_app)


async def say(agent: Agent, text: str) -> list[dict]:
    """The bot's answers to one message of the citizen on the web chat."""
    output = CollectingOutputChannel()
    await agent.handle_message(UserMessage(text, output, "citizen-1", input_channel="rest"))
    return output.messages


async def test_the_lowest_level_asks_why_and_records_the_reason_chosen(agent, fake_app):
    [level_question] = await say(agent, "/rate_service")
    assert titles(level_question) == [level["label"] for level in SCALE["levels"]]

    [attitude_question] = await say(agent, '/rate_service{"rating_level":"khong_hai_long"}')
    assert attitude_question["text"] == SCALE["question"]
    assert titles(attitude_question) == [a["label"] for a in SCALE["attitudes"]] + ["Bỏ qua"]
    assert posted_ratings(fake_app) == []

    [reason_question] = await say(agent, "/deny")
    assert titles(reason_question)[:4] == [reason["label"] for reason in SCALE["reasons"]]
    assert posted_ratings(fake_app) == []

    answers = await say(agent, '/rate_service{"rating_reason":"cho_lau"}')

    [rating] = posted_ratings(fake_app)
    assert (rating["level"], rating["reasons"], rating["attitude"]) == ("khong_hai_long", ["cho_lau"], None)
    assert (rating["source"], rating["unit_code"]) == ("chat", UNIT)
    assert answers[0]["text"].startswith("Cảm ơn anh/chị đã đánh giá")


async def test_a_reason_typed_in_words_is_sent_as_the_comment_with_the_reasons_it_names(agent, fake_app):
    await say(agent, '/rate_service{"rating_level":"khong_hai_long"}')
    await say(agent, '/rate_service{"rating_attitude":"khong_than_thien"}')

    await say(agent, "Chờ lâu quá, 3 tiếng mới tới lượt")

    [rating] = posted_ratings(fake_app)
    assert rating["attitude"] == "khong_than_thien"
    assert rating["reasons"] == ["cho_lau"] and rating["comment"] == "Chờ lâu quá, 3 tiếng mới tới lượt"


async def test_a_satisfied_citizen_answers_the_attitude_question_and_is_not_asked_why(agent, fake_app):
    await say(agent, '/rate_service{"rating_level":"hai_long"}')

    answers = await say(agent, '/rate_service{"rating_attitude":"rat_lich_su"}')

    [rating] = posted_ratings(fake_app)
    assert (rating["level"], rating["attitude"], rating["reasons"]) == ("hai_long", "rat_lich_su", [])
    assert answers[0]["text"].startswith("Cảm ơn anh/chị đã đánh giá")


async def test_stopping_when_asked_why_records_nothing(agent, fake_app):
    await say(agent, '/rate_service{"rating_level":"khong_hai_long"}')
    await say(agent, "/deny")

    [stopped] = await say(agent, "/deny")

    assert posted_ratings(fake_app) == []
    assert "chưa ghi nhận" in stopped["text"]


async def test_a_complaint_offers_to_leave_a_contact_and_sends_it(agent, fake_app):
    fake_app.answer("POST", "/api/v1/complaints", 201, {"reference": "PA-261121-ABCDE", "message": "Đã nhận."})
    await say(agent, "/complain")

    [question] = await say(agent, "Chờ ba tiếng không ai tiếp, cán bộ bỏ đi uống cà phê")
    assert "số điện thoại hoặc email" in question["text"] and titles(question) == ["Bỏ qua"]
    assert not [r for r in fake_app.requests if r["path"] == "/api/v1/complaints"]

    await say(agent, "sđt của tôi 0912 345 678")

    [complaint] = [r["body"] for r in fake_app.requests if r["path"] == "/api/v1/complaints"]
    assert complaint["text"] == "Chờ ba tiếng không ai tiếp, cán bộ bỏ đi uống cà phê"
    assert complaint["contact"] == "0912345678" and complaint["source"] == "chat"


async def test_a_complaint_is_sent_without_a_contact_when_the_citizen_skips(agent, fake_app):
    fake_app.answer("POST", "/api/v1/complaints", 201, {"reference": "PA-261121-ABCDE", "message": "Đã nhận."})
    await say(agent, "/complain")
    await say(agent, "Chờ ba tiếng không ai tiếp")

    await say(agent, "/deny")

    [complaint] = [r["body"] for r in fake_app.requests if r["path"] == "/api/v1/complaints"]
    assert "contact" not in complaint


UNIT_INFO = {
    "code": UNIT,
    "name": "Trung tâm Phục vụ hành chính công tỉnh",
    "opening_hours": "Thứ Hai – Thứ Sáu 7:30–17:00",
}


async def test_a_question_asked_instead_of_a_level_is_answered_and_the_rating_dropped(agent, fake_app):
    fake_app.answer("GET", f"/api/v1/units/{UNIT}", 200, UNIT_INFO)
    await say(agent, "/rate_service")

    [answer] = await say(agent, "/ask_hours")

    assert answer["text"] == f"Giờ làm việc của {UNIT_INFO['name']}: {UNIT_INFO['opening_hours']}."
    # The rating was dropped, not left waiting: the next words are not read as a level.
    [greeting_or_other] = await say(agent, "/thank")
    assert "mức" not in greeting_or_other["text"] and posted_ratings(fake_app) == []


async def test_a_question_asked_instead_of_a_dossier_code_is_answered(agent, fake_app):
    fake_app.answer("GET", f"/api/v1/units/{UNIT}", 200, UNIT_INFO)
    [code_question] = await say(agent, "/check_status")
    assert "mã hồ sơ" in code_question["text"].lower()

    [answer] = await say(agent, "/ask_hours")

    assert answer["text"] == f"Giờ làm việc của {UNIT_INFO['name']}: {UNIT_INFO['opening_hours']}."


RESOLVED_CODE = "000.00.12.H62-260302-0002"


async def test_wrong_digits_can_be_retried_and_the_verified_dossier_is_rated_with_its_token(agent, fake_app):
    """Issue 13: wrong digits keep the code; the rating offered after the check names the dossier."""
    verified = recorded("dossier_resolved_verified")[1]
    fake_app.answer_recorded("GET", f"/api/v1/dossiers/{RESOLVED_CODE}", "dossier_resolved_public")
    fake_app.answer_with(
        "POST",
        f"/api/v1/dossiers/{RESOLVED_CODE}/verify",
        lambda body: (200, verified) if body["phone_last4"] == "5678" else recorded("dossier_verify_failed"),
    )
    await say(agent, "/check_status")
    await say(agent, f'/give_dossier_code{{"dossier_code":"{RESOLVED_CODE}"}}')

    [refused] = await say(agent, '/give_dossier_code{"phone_last4":"1111"}')
    assert "chưa khớp" in refused["text"]

    detail, offer = await say(agent, '/give_dossier_code{"phone_last4":"5678"}')
    assert "Người nộp: Nguyễn Văn An" in detail["text"]
    assert titles(offer) == ["Đánh giá", "Không, cảm ơn"]

    await say(agent, offer["buttons"][0]["payload"])
    await say(agent, '/rate_service{"rating_level":"hai_long"}')
    await say(agent, "/deny")

    [rating] = posted_ratings(fake_app)
    assert (rating["dossier_code"], rating["token"]) == (RESOLVED_CODE, verified["rating_token"])
