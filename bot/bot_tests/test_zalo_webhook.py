"""The webhook as Zalo calls it: through Rasa's own channel registration on a Sanic app."""

from __future__ import annotations

import json
import logging
import time

import pytest
from channels.zalo import ASK_FOR_TEXT, FOLLOW_PAYLOAD, SORRY, ZaloInput, ZaloOutput
from channels.zalo_dedup import RedisSeenEvents
from channels.zalo_storage import redis_client

from bot_tests.fake_zalo import running_fake_zalo, signed, zalo_event
from bot_tests.zalo_helpers import USER, EchoAssistant, make_channel, post, serve


@pytest.fixture
def fake():
    with running_fake_zalo() as fake:
        yield fake


@pytest.fixture
def state_url(tmp_path):
    return f"sqlite:///{tmp_path}/zalo-state.db"


async def test_signed_text_reaches_the_assistant_as_the_zalo_channel_and_the_reply_reaches_zalo(fake, state_url):
    channel, assistant = make_channel(fake, state_url), EchoAssistant()
    app = serve(channel, assistant)
    response = await post(app, channel, *signed(zalo_event(text="thủ tục khai sinh", msg_id="m-100")))

    assert response.status == 200 and response.json == {"status": "accepted"}
    [message] = assistant.messages
    assert (message.text, message.sender_id, message.input_channel, message.message_id) == (
        "thủ tục khai sinh",
        USER,
        "zalo",
        "m-100",
    )
    assert isinstance(message.output_channel, ZaloOutput) and ZaloInput.name() == "zalo"
    assert fake.sent == [{"recipient": {"user_id": USER}, "message": {"text": "Đã nhận: thủ tục khai sinh"}}]


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda raw, headers: (raw, {}), id="missing"),
        pytest.param(lambda raw, headers: (raw, {"X-ZEvent-Signature": "mac=" + "0" * 64}), id="wrong"),
        pytest.param(lambda raw, headers: (raw.replace("chào".encode(), b"chao"), headers), id="body-changed"),
        pytest.param(lambda raw, headers: (b"not json", headers), id="not-json"),
    ],
)
async def test_unsigned_or_tampered_calls_are_refused_before_anything_is_done(fake, state_url, tamper):
    channel, assistant = make_channel(fake, state_url), EchoAssistant()
    app = serve(channel, assistant)
    event = zalo_event(msg_id="m-200")
    response = await post(app, channel, *tamper(*signed(event)))

    assert response.status == 401 and response.json["error"] == "invalid_signature"
    assert assistant.messages == [] and fake.requests == []
    # the refused call did not use up the msg_id: Zalo's genuine delivery still goes through
    assert (await post(app, channel, *signed(event))).status == 200
    assert len(assistant.messages) == 1


async def test_mac_made_with_another_secret_is_refused(fake, state_url):
    channel, assistant = make_channel(fake, state_url), EchoAssistant()
    response = await post(serve(channel, assistant), channel, *signed(zalo_event(), secret="guessed"))
    assert response.status == 401 and assistant.messages == []


async def test_channel_without_credentials_refuses_every_call(fake, state_url):
    channel, assistant = make_channel(fake, state_url, oa_secret_key=""), EchoAssistant()
    response = await post(serve(channel, assistant), channel, *signed(zalo_event(), secret=""))
    assert response.status == 401 and assistant.messages == []


@pytest.mark.parametrize("age_seconds", [3600, -3600])
async def test_event_outside_the_time_window_is_refused(fake, state_url, age_seconds):
    channel, assistant = make_channel(fake, state_url, max_event_age_seconds=600), EchoAssistant()
    event = zalo_event(sent_at=time.time() - age_seconds)
    response = await post(serve(channel, assistant), channel, *signed(event))
    assert response.status == 400 and response.json["error"] == "stale_event"
    assert assistant.messages == []


async def test_redelivered_msg_id_is_answered_once(fake, state_url):
    channel, assistant = make_channel(fake, state_url), EchoAssistant()
    app = serve(channel, assistant)
    raw, headers = signed(zalo_event(msg_id="m-300"))
    first, second = await post(app, channel, raw, headers), await post(app, channel, raw, headers)
    assert (first.json, second.json) == ({"status": "accepted"}, {"status": "duplicate"})
    assert len(assistant.messages) == 1 and len(fake.sent) == 1


async def test_redelivery_to_another_replica_or_after_a_restart_is_answered_once(fake, state_url):
    replicas = [make_channel(fake, state_url) for _ in range(3)]
    assistants = [EchoAssistant() for _ in replicas]
    raw, headers = signed(zalo_event(msg_id="m-400"))
    statuses = [
        (await post(serve(channel, assistant), channel, raw, headers)).json["status"]
        for channel, assistant in zip(replicas, assistants, strict=True)
    ]
    assert statuses == ["accepted", "duplicate", "duplicate"]
    assert sum(len(a.messages) for a in assistants) == 1 and len(fake.sent) == 1


async def test_follow_is_greeted_by_the_assistant(fake, state_url):
    channel, assistant = make_channel(fake, state_url), EchoAssistant()
    response = await post(serve(channel, assistant), channel, *signed(zalo_event("follow", user_id="9988776655")))
    assert response.status == 200
    [message] = assistant.messages
    assert (message.text, message.sender_id, message.input_channel) == (FOLLOW_PAYLOAD, "9988776655", "zalo")


@pytest.mark.parametrize("event_name", ["user_send_sticker", "user_send_file", "user_send_audio"])
async def test_non_text_messages_get_a_polite_request_to_type(fake, state_url, event_name):
    channel, assistant = make_channel(fake, state_url), EchoAssistant()
    response = await post(serve(channel, assistant), channel, *signed(zalo_event(event_name, msg_id=event_name)))
    assert response.status == 200 and assistant.messages == []
    assert fake.sent == [{"recipient": {"user_id": USER}, "message": {"text": ASK_FOR_TEXT}}]
    assert "vui lòng nhập câu hỏi bằng chữ" in ASK_FOR_TEXT


async def test_empty_text_gets_the_polite_request_too(fake, state_url):
    channel, assistant = make_channel(fake, state_url), EchoAssistant()
    await post(serve(channel, assistant), channel, *signed(zalo_event(text="   ")))
    assert assistant.messages == [] and fake.sent[0]["message"]["text"] == ASK_FOR_TEXT


@pytest.mark.parametrize("event_name", ["user_seen_message", "oa_send_text", "unfollow", "something_new"])
async def test_other_events_are_logged_and_ignored(fake, state_url, caplog, event_name):
    channel, assistant = make_channel(fake, state_url), EchoAssistant()
    with caplog.at_level(logging.INFO, logger="channels.zalo"):
        response = await post(serve(channel, assistant), channel, *signed(zalo_event(event_name)))
    assert response.status == 200
    assert assistant.messages == [] and fake.requests == []
    assert f"Zalo event {event_name} ignored" in caplog.text


async def test_assistant_failure_gets_an_apology_not_silence(fake, state_url):
    channel, assistant = make_channel(fake, state_url), EchoAssistant(fail=True)
    response = await post(serve(channel, assistant), channel, *signed(zalo_event()))
    assert response.status == 200
    assert [m["message"]["text"] for m in fake.sent] == [SORRY]


async def test_unreachable_dedup_store_asks_zalo_to_deliver_again(fake, state_url):
    channel, assistant = make_channel(fake, state_url), EchoAssistant()
    channel.seen = RedisSeenEvents(redis_client("redis://127.0.0.1:9/0"))
    response = await post(serve(channel, assistant), channel, *signed(zalo_event()))
    assert response.status == 503 and assistant.messages == []


async def test_oversized_body_is_refused(fake, state_url):
    channel, assistant = make_channel(fake, state_url), EchoAssistant()
    event = zalo_event(text="a" * 70_000)
    response = await post(serve(channel, assistant), channel, *signed(event))
    assert response.status == 413 and assistant.messages == []


async def test_health_route_answers(fake, state_url):
    app = serve(make_channel(fake, state_url), EchoAssistant())
    _, response = await app.asgi_client.get("/webhooks/zalo/")
    assert response.status == 200 and json.loads(response.body) == {"status": "ok"}
