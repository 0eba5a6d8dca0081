"""The personal-data notice (Law 91/2025/QH15): the assistant's first message of every conversation,
on the web widget and on Zalo, says what the centre does with what the citizen writes and links the public page
/du-lieu-ca-nhan — once per conversation, in Vietnamese unless the conversation is in English. The wording is
the app's (tests/bot/test_notice_parity.py). The widget sends every message with metadata (the page's
language) and Zalo too; a session the HTTP API starts (no metadata, no output channel) says nothing."""

from __future__ import annotations

import pytest
from actions.api_client import MotCuaAPI
from actions.follow import ActionSessionStart
from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.utils.endpoints import EndpointConfig
from rasa_sdk.events import SessionStarted

from bot_tests.conftest import make_tracker

WIDGET_SESSION = "web-mabc123-k3j4h5g6"
ZALO_USER = "2512523625412515"
VI = "Trung tâm chỉ dùng thông tin bạn cung cấp"
EN = "The centre uses what you provide only"


def texts(messages: list[dict]) -> str:
    return "\n".join(message.get("text") or "" for message in messages)


def starting(metadata: dict | None = None, sender: str = WIDGET_SESSION):
    """The tracker ``action_session_start`` gets: Rasa has just set the message's metadata, if any."""
    made = make_tracker("", "greet", slots={"session_started_metadata": metadata} if metadata else None)
    made.sender_id = sender
    if metadata:
        made.events.append({"event": "slot", "name": "session_started_metadata", "value": metadata})
    return made


def test_a_session_start_says_the_notice_with_the_link_even_when_the_app_is_down(dispatcher, monkeypatch):
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://motcua.example.gov.vn/")
    made = starting({"lang": "vi"})
    events = ActionSessionStart(MotCuaAPI(base_url="http://127.0.0.1:9")).answer(dispatcher, made, {})
    assert events[0] == SessionStarted()
    [message] = dispatcher.messages
    assert message["text"].startswith(VI)
    assert message["text"].endswith("https://motcua.example.gov.vn/du-lieu-ca-nhan")


def test_a_session_started_on_the_english_page_says_it_in_english(dispatcher, monkeypatch):
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://motcua.example.gov.vn")
    made = starting({"lang": "en"})
    ActionSessionStart(MotCuaAPI(base_url="http://127.0.0.1:9")).answer(dispatcher, made, {})
    [message] = dispatcher.messages
    assert message["text"].startswith(EN)
    assert VI not in message["text"]
    assert message["text"].endswith("More: https://motcua.example.gov.vn/du-lieu-ca-nhan")


def test_a_session_the_http_api_starts_says_nothing(dispatcher):
    ActionSessionStart(MotCuaAPI(base_url="http://127.0.0.1:9")).answer(dispatcher, starting(None, "operator"), {})
    assert dispatcher.messages == []


def test_a_session_the_http_api_starts_for_a_widget_id_shows_no_news(dispatcher, fake_app):
    """An operator call on a widget-shaped conversation id has no output channel: the news the follower has
    not seen stays unshown (and unmarked) for the citizen's own next visit."""
    fake_app.answer_recorded("POST", "/api/v1/follows/inbox", "follow_inbox_empty")
    ActionSessionStart(MotCuaAPI(base_url=fake_app.url)).answer(dispatcher, starting(None, WIDGET_SESSION), {})
    assert dispatcher.messages == []
    assert not [seen for seen in fake_app.requests if seen["path"].startswith("/api/v1/follows/inbox")]


@pytest.fixture
def agent(rules_model, action_server, fake_app) -> Agent:
    fake_app.answer_recorded("POST", "/api/v1/follows/inbox", "follow_inbox_empty")
    return Agent.load(rules_model, action_endpoint=EndpointConfig(action_server))


async def say(agent: Agent, text: str, sender: str, channel: str = "rest", lang: str = "vi") -> list[dict]:
    output = CollectingOutputChannel()
    metadata = {"lang": lang} if channel == "rest" else {"zalo_event": "user_send_text"}
    await agent.handle_message(UserMessage(text, output, sender, input_channel=channel, metadata=metadata))
    return output.messages


@pytest.mark.parametrize(("sender", "channel"), [(WIDGET_SESSION, "rest"), (ZALO_USER, "zalo")])
async def test_the_first_message_of_a_conversation_carries_the_notice_once(agent, fake_app, sender, channel):
    first = await say(agent, "/greet", sender, channel)
    assert first[0]["text"].startswith(VI)
    assert texts(first).count(VI) == 1 and texts(first).count("/du-lieu-ca-nhan") == 1
    assert len(first) > 1 and VI not in texts(first[1:])  # the greeting still comes, without the notice

    second = await say(agent, "/greet", sender, channel)
    third = await say(agent, "/check_status", sender, channel)
    assert second and third
    assert VI not in texts(second) + texts(third) and "/du-lieu-ca-nhan" not in texts(second) + texts(third)


async def test_a_conversation_on_the_english_page_gets_the_english_notice(agent, fake_app):
    first = await say(agent, "/greet", WIDGET_SESSION, lang="en")
    assert first[0]["text"].startswith(EN) and first[0]["text"].endswith("/du-lieu-ca-nhan")
    assert VI not in texts(first)
    second = await say(agent, "/greet", WIDGET_SESSION, lang="en")
    assert EN not in texts(second)


async def test_an_operator_adding_events_to_a_new_conversation_is_not_broken_by_the_notice(agent, fake_app):
    """POST /conversations/<id>/tracker/events starts a session without an output channel."""
    tracker = await agent.processor.fetch_tracker_and_update_session("operator-check")
    assert tracker.latest_bot_utterance is None or not tracker.latest_bot_utterance.text
