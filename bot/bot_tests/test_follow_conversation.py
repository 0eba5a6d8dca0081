"""Theo dõi hồ sơ end to end (issue 17): a real Rasa agent (domain and rules, rule policy only) and the
project's actions over HTTP, the app's answers recorded from the real app. Follow asked before the phone
check (the code and the digits are asked, then the follow is made), "hồ sơ tôi đang theo dõi", and stop;
on the web widget (its session id) and on Zalo (the Zalo user id)."""

from __future__ import annotations

import pytest
from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.utils.endpoints import EndpointConfig

CODE = "000.00.12.H62-260302-0001"
WIDGET_SESSION = "web-mabc123-k3j4h5g6"
ZALO_USER = "2512523625412515"


@pytest.fixture
def agent(rules_model, action_server, fake_app) -> Agent:
    fake_app.answer_recorded("GET", f"/api/v1/dossiers/{CODE}", "dossier_public")
    fake_app.answer_recorded("POST", f"/api/v1/dossiers/{CODE}/verify", "dossier_supplement_verified")
    fake_app.answer_recorded("POST", "/api/v1/follows/inbox", "follow_inbox_empty")
    return Agent.load(rules_model, action_endpoint=EndpointConfig(action_server))


async def say(agent: Agent, text: str, sender: str = WIDGET_SESSION, channel: str = "rest") -> list[dict]:
    output = CollectingOutputChannel()
    await agent.handle_message(UserMessage(text, output, sender, input_channel=channel))
    return output.messages


def posted(fake_app, path: str) -> list[dict]:
    return [r["body"] for r in fake_app.requests if r["method"] == "POST" and r["path"] == path]


def texts(messages: list[dict]) -> str:
    return "\n".join(message.get("text") or "" for message in messages)


@pytest.mark.parametrize(
    ("sender", "channel", "created"),
    [(WIDGET_SESSION, "rest", "follow_created"), (ZALO_USER, "zalo", "follow_created_zalo")],
)
async def test_follow_asked_first_then_code_and_digits_then_listed_then_stopped(
    agent, fake_app, sender, channel, created
):
    fake_app.answer_recorded("POST", "/api/v1/follows", created)
    asked = await say(agent, "/follow_dossier", sender, channel)
    assert "mã hồ sơ" in texts(asked) and posted(fake_app, "/api/v1/follows") == []

    looked_up = await say(agent, '/give_dossier_code{"dossier_code":"' + CODE + '"}', sender, channel)
    assert "4 số cuối" in texts(looked_up)

    checked = await say(agent, '/give_dossier_code{"phone_last4":"5678"}', sender, channel)
    [follow] = posted(fake_app, "/api/v1/follows")
    assert (follow["channel"], follow["recipient"]) == (created.endswith("zalo") and "zalo" or "web", sender)
    assert f"Đã theo dõi hồ sơ {CODE}" in texts(checked)
    assert "Người nộp" in texts(checked)  # the detail of the check is shown too

    fake_app.answer_recorded("POST", "/api/v1/follows/inbox", "follow_inbox_zalo")
    listed = await say(agent, "/list_follows", sender, channel)
    assert f"{CODE}: Đã trả kết quả" in texts(listed)

    fake_app.answer_recorded("POST", "/api/v1/follows/stop", "follow_stopped")
    stopped = await say(agent, "/unfollow_dossier", sender, channel)
    [stop] = posted(fake_app, "/api/v1/follows/stop")
    assert (stop["code"], stop["recipient"]) == (CODE, sender)
    assert f"Đã hủy theo dõi hồ sơ {CODE}" in texts(stopped)


async def test_after_the_phone_check_the_follow_button_follows_at_once(agent, fake_app):
    fake_app.answer_recorded("POST", "/api/v1/follows", "follow_created")
    await say(agent, '/check_status{"dossier_code":"' + CODE + '"}')
    checked = await say(agent, '/give_dossier_code{"phone_last4":"5678"}')
    assert "/follow_dossier" in [b["payload"] for b in checked[-1].get("buttons") or []]
    followed = await say(agent, "/follow_dossier")
    assert [f["recipient"] for f in posted(fake_app, "/api/v1/follows")] == [WIDGET_SESSION]
    assert f"Đã theo dõi hồ sơ {CODE}" in texts(followed)


async def test_a_widget_session_starting_shows_its_pending_news_before_the_answer(agent, fake_app):
    fake_app.answer_recorded("POST", "/api/v1/follows/inbox", "follow_inbox")
    output = CollectingOutputChannel()
    # As the widget sends every message: with the page's language as metadata.
    message = UserMessage("/greet", output, WIDGET_SESSION, input_channel="rest", metadata={"lang": "vi"})
    await agent.handle_message(message)
    answers = output.messages
    assert "/du-lieu-ca-nhan" in answers[0]["text"]
    assert answers[1]["text"].startswith(f"Hồ sơ {CODE} đã chuyển sang: Đã trả kết quả")
