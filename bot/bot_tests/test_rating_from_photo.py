"""Issue 20: a photo of the receipt's rating link, sent on Zalo, opens the rating of that dossier in the
chat. The channel hands the assistant ``/rate_service`` with the dossier's code and, in the message's
metadata, the link's token (the app gave it to the assistant's key only); the rating then names the
dossier as a rating after the phone check does. A real Rasa agent (domain and rules) and the actions."""

from __future__ import annotations

import pytest
from channels.zalo_photos import RATING_TOKEN_KEY
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot_tests.rating_chat import posted_ratings, rating_agent, titles

CODE = "000.00.12.H62-260921-0001"
TOKEN = "MDAwLjAwLjEyLkg2Mi0yNjA5MjEtMDAwMQ.c2lnbmF0dXJl"


@pytest.fixture
def agent(rules_model, action_server, fake_app):
    return rating_agent(rules_model, action_server, fake_app)


async def on_zalo(agent, text: str, metadata: dict | None = None) -> list[dict]:
    output = CollectingOutputChannel()
    await agent.handle_message(UserMessage(text, output, "zalo-user-1", input_channel="zalo", metadata=metadata))
    return output.messages


async def test_a_rating_link_photo_asks_the_rating_and_sends_it_for_that_dossier(agent, fake_app):
    # The personal-data notice comes first.
    [notice, question] = await on_zalo(agent, f'/rate_service{{"dossier_code": "{CODE}"}}', {RATING_TOKEN_KEY: TOKEN})
    assert "/du-lieu-ca-nhan" in notice["text"]
    assert question["text"] == "Anh/chị hài lòng thế nào với việc giải quyết thủ tục?"
    assert "Hài lòng" in titles(question)
    await on_zalo(agent, '/rate_service{"rating_level":"hai_long"}')
    [thanks] = await on_zalo(agent, "/deny")
    assert "Cảm ơn anh/chị đã đánh giá" in thanks["text"]
    [rating] = posted_ratings(fake_app)
    assert (rating["dossier_code"], rating["token"], rating["source"]) == (CODE, TOKEN, "zalo")


async def test_a_token_in_the_metadata_of_a_message_naming_no_dossier_is_not_used(agent, fake_app):
    await on_zalo(agent, "/rate_service", {RATING_TOKEN_KEY: TOKEN})
    await on_zalo(agent, '/rate_service{"rating_level":"hai_long"}')
    await on_zalo(agent, "/deny")
    [rating] = posted_ratings(fake_app)
    assert (rating["dossier_code"], rating["token"]) == (None, None)


async def test_a_dossier_rated_meanwhile_is_said_to_be_rated(agent, fake_app):
    fake_app.answer(
        "POST", "/api/v1/ratings", 409, {"error": "already_rated", "message": "Hồ sơ này đã được đánh giá."}
    )
    await on_zalo(agent, f'/rate_service{{"dossier_code": "{CODE}"}}', {RATING_TOKEN_KEY: TOKEN})
    await on_zalo(agent, '/rate_service{"rating_level":"hai_long"}')
    [refused] = await on_zalo(agent, "/deny")
    assert "đã được đánh giá" in refused["text"]
