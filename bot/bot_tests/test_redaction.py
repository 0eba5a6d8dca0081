"""Stored conversations keep neither the phone digits nor the detail shown after the phone check
(stores/redaction.py): checked on the events, then through a real agent's conversation."""

from __future__ import annotations

import json

from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.utils.endpoints import EndpointConfig
from stores.redaction import HIDDEN_DIGITS, HIDDEN_MESSAGE, RedactingTrackerStore, redact_events

from bot_tests.conftest import recorded

CODE = "000.00.12.H62-260302-0001"


def user(text: str, entities: list[dict]) -> dict:
    return {
        "event": "user",
        "text": text,
        "parse_data": {"text": text, "intent": {"name": "give_dossier_code"}, "entities": entities},
    }


def test_the_digits_leave_the_message_the_entity_and_the_slot_but_the_intent_stays():
    digits = {"entity": "phone_last4", "value": "5678", "start": 9, "end": 16}
    code = {"entity": "dossier_code", "value": CODE, "start": 0, "end": 5}
    events = [
        user("ma 0001, 56 - 78 nhe; lai la 5678", [code, digits]),
        {"event": "slot", "name": "phone_last4", "value": "5678"},
        {"event": "slot", "name": "dossier_code", "value": CODE},
    ]

    stored = redact_events(events)

    assert stored[0]["text"] == f"ma 0001, {HIDDEN_DIGITS} nhe; lai la {HIDDEN_DIGITS}"
    assert stored[0]["parse_data"]["text"] == stored[0]["text"]
    assert stored[0]["parse_data"]["intent"] == {"name": "give_dossier_code"}
    assert [e["value"] for e in stored[0]["parse_data"]["entities"]] == [CODE, HIDDEN_DIGITS]
    assert stored[1]["value"] is None and stored[2]["value"] == CODE
    assert events[0]["text"] == "ma 0001, 56 - 78 nhe; lai la 5678"  # the running conversation is untouched


def test_the_rating_token_is_kept_until_cleared_then_blanked():
    set_token = {"event": "slot", "name": "rating_token", "value": "t0k"}
    assert redact_events([set_token])[0]["value"] == "t0k"
    stored = redact_events([set_token, {"event": "slot", "name": "rating_token", "value": None}])
    assert [event["value"] for event in stored] == [None, None]


def test_a_message_marked_personal_is_stored_as_a_placeholder_and_others_as_they_are():
    events = [
        {"event": "bot", "text": "Người nộp: Nguyễn Văn An", "metadata": {"personal_data": True}, "data": {}},
        {"event": "bot", "text": "Tình trạng: Đang xử lý.", "metadata": {}, "data": {}},
    ]
    assert [event["text"] for event in redact_events(events)] == [HIDDEN_MESSAGE, "Tình trạng: Đang xử lý."]


async def test_a_verified_conversation_is_stored_without_digits_or_personal_data(rules_model, action_server, fake_app):
    fake_app.answer_recorded("GET", f"/api/v1/dossiers/{CODE}", "dossier_public")
    fake_app.answer_recorded("POST", f"/api/v1/dossiers/{CODE}/verify", "dossier_supplement_verified")
    agent = Agent.load(rules_model, action_endpoint=EndpointConfig(action_server))
    agent.tracker_store = RedactingTrackerStore(agent.domain)
    agent.processor.tracker_store = agent.tracker_store

    async def say(text: str) -> list[dict]:
        output = CollectingOutputChannel()
        await agent.handle_message(UserMessage(text, output, "citizen-9", input_channel="rest"))
        return output.messages

    await say(f'/give_dossier_code{{"dossier_code":"{CODE}"}}')
    answers = await say('/give_dossier_code{"phone_last4":"5678"}')
    assert "Nguyễn Văn An" in answers[0]["text"]  # the citizen saw the detail

    stored = await agent.tracker_store.retrieve("citizen-9")
    dump = json.dumps([event.as_dict() for event in stored.events], ensure_ascii=False)
    assert "5678" not in dump and "Nguyễn Văn An" not in dump and "giấy chứng sinh" not in dump
    assert recorded("dossier_supplement_verified")[1]["rating_token"] in dump  # kept until used
    assert HIDDEN_MESSAGE in dump and stored.get_slot("dossier_code") == CODE


def test_a_rating_token_carried_in_message_metadata_is_not_stored():
    """A photo of a receipt's rating link sends its token in the message's metadata (channels/zalo.py,
    the widget); the rating_token slot carries it on, so the stored copy of the message drops it."""
    message = user("/rate_service", [])
    message["metadata"] = {"rating_token": "t0k", "channel": "zalo"}
    started = {"event": "session_started", "metadata": {"rating_token": "t0k"}}
    slot = {"event": "slot", "name": "session_started_metadata", "value": {"rating_token": "t0k", "lang": "vi"}}

    stored = redact_events([started, slot, message])

    assert "t0k" not in json.dumps(stored)
    assert stored[2]["metadata"] == {"channel": "zalo"} and stored[1]["value"] == {"lang": "vi"}
    assert message["metadata"]["rating_token"] == "t0k"  # the running conversation is untouched
