"""The hand-off over JSON: the assistant queues a conversation (position, or when officers are back and
a callback), tools with a ``handoff`` key take, read, reply and close it; Rasa is paused and resumed and
the officer's messages reach its tracker; hostile input gets a Vietnamese 4xx, never a 500; another
unit's conversation is not found; a key without the scope is refused."""

from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.api import conversations as conversations_api
from tests.kiosk.handoff_setup import COMMUNE, MONDAY_9, PROVINCE, SIBLING, make_units, queued

SENDER = "web-" + "c3" * 16


@pytest.fixture
def setup(db, rasa_admin, monkeypatch):
    make_units(db)
    monkeypatch.setattr(conversations_api, "now_local", lambda: MONDAY_9)


@pytest.fixture
def assistant(setup, key_headers) -> dict:
    return key_headers(COMMUNE, "assistant")


@pytest.fixture
def tool(setup, key_headers) -> dict:
    return key_headers(COMMUNE, "handoff")


def ask(client, headers, **body):
    return client.post(
        "/api/v1/conversations", json={"conversation_id": SENDER, "channel": "web", **body}, headers=headers
    )


def test_the_assistant_queues_a_conversation_and_learns_its_position(client, assistant):
    first = ask(client, assistant, conversation_id="web-first", reason="fallback")
    second = ask(client, assistant, question="Hỏi về hồ sơ, số 0912 345 678")
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json["status"] == "waiting" and second.json["position"] == 2
    assert second.json["within_hours"] is True and "vị trí số 2" in second.json["message"]
    again = ask(client, assistant, reason="button")
    assert again.status_code == 200 and again.json["id"] == second.json["id"]
    status = client.get(f"/api/v1/conversations/by-sender/{SENDER}", headers=assistant)
    assert status.status_code == 200 and status.json["status"] == "waiting" and status.json["position"] == 2
    assert client.get("/api/v1/conversations/by-sender/web-unknown", headers=assistant).status_code == 404


def test_outside_hours_the_assistant_learns_when_officers_are_back_and_a_contact_makes_a_callback(
    client, assistant, monkeypatch
):
    monkeypatch.setattr(conversations_api, "now_local", lambda: datetime(2026, 12, 4, 17, 30))  # Friday evening
    closed = ask(client, assistant)
    assert closed.status_code == 200
    assert closed.json["status"] == "closed_hours" and closed.json["back_at"] == "2026-12-07T07:30:00+07:00"
    callback = ask(client, assistant, question="Hỏi về khai sinh", contact="0912345678")
    assert callback.status_code == 201 and callback.json["status"] == "callback" and callback.json["position"] is None
    assert "liên hệ lại từ 07:30 thứ Hai, 07/12/2026" in callback.json["message"]


def test_a_tool_takes_reads_replies_and_closes_while_rasa_pauses_and_resumes(client, db, tool, rasa_admin):
    conversation = queued(db, SENDER, question="Cần giấy tờ gì?")
    rasa_admin.say(SENDER, "gặp cán bộ")
    listed = client.get("/api/v1/conversations", query_string={"status": "waiting"}, headers=tool)
    assert [c["id"] for c in listed.json["conversations"]] == [conversation.id]
    assert "sender_id" not in listed.json["conversations"][0]
    taken = client.post(f"/api/v1/conversations/{conversation.id}/take", headers=tool)
    assert taken.status_code == 200 and taken.json["status"] == "open" and taken.json["officer"].startswith("khoa-")
    assert rasa_admin.paused[SENDER] is True
    rasa_admin.say(SENDER, "Tôi ở số 0987 654 321")
    sent = client.post(
        f"/api/v1/conversations/{conversation.id}/messages", json={"text": "Anh/chị cần CCCD."}, headers=tool
    )
    assert sent.status_code == 201 and sent.json["from"] == "officer" and sent.json["state"] == "stored"
    read = client.get(f"/api/v1/conversations/{conversation.id}/messages", headers=tool)
    texts = [(m["from"], m["text"]) for m in read.json["messages"]]
    assert ("citizen", "Tôi ở số [số điện thoại]") in texts and ("officer", "Anh/chị cần CCCD.") in texts
    assert read.json["assistant_reachable"] is True and read.json["assistant_in_step"] is True
    closed = client.post(f"/api/v1/conversations/{conversation.id}/close", headers=tool)
    assert closed.status_code == 200 and closed.json["status"] == "closed"
    assert rasa_admin.paused[SENDER] is False
    assert rasa_admin.bot_texts(SENDER)[-2:] == [
        "Anh/chị cần CCCD.",
        "Cán bộ đã kết thúc cuộc trò chuyện. Trợ lý ảo tiếp tục hỗ trợ anh/chị.",
    ]


def test_a_reply_while_rasa_is_down_is_stored_shown_as_not_delivered_and_relayed_later(client, db, tool, rasa_admin):
    conversation = queued(db, SENDER)
    rasa_admin.down = True
    assert client.post(f"/api/v1/conversations/{conversation.id}/take", headers=tool).status_code == 200
    sent = client.post(f"/api/v1/conversations/{conversation.id}/messages", json={"text": "Xin chờ."}, headers=tool)
    assert sent.status_code == 201 and sent.json["state_label"] == "Chưa gửi được, đang thử lại"
    read = client.get(f"/api/v1/conversations/{conversation.id}/messages", headers=tool)
    assert read.json["assistant_reachable"] is False and read.json["assistant_in_step"] is False
    rasa_admin.down = False
    client.get("/api/v1/conversations", query_string={"status": "open"}, headers=tool)  # the retry pass
    assert rasa_admin.paused[SENDER] is True and rasa_admin.bot_texts(SENDER)[-1] == "Xin chờ."


def test_the_widget_polls_the_officers_messages_after_the_last_it_showed(client, db, tool):
    conversation = queued(db, SENDER)
    poll = f"/tro-chuyen/phien/{SENDER}/tin-nhan"
    waiting = client.get(poll)
    assert waiting.status_code == 200
    assert waiting.json == {"status": "waiting", "position": 1, "officer": None, "messages": []}
    assert waiting.headers["Access-Control-Allow-Origin"] == "*"
    client.post(f"/api/v1/conversations/{conversation.id}/take", headers=tool)
    client.post(f"/api/v1/conversations/{conversation.id}/messages", json={"text": "Chào anh/chị"}, headers=tool)
    answer = client.get(poll).json
    assert answer["status"] == "open" and [m["from"] for m in answer["messages"]] == ["system", "officer"]
    assert answer["officer"] == answer["messages"][1]["officer"]
    assert answer["messages"][1]["text"] == "Chào anh/chị" and answer["messages"][1]["officer"].startswith("khoa-")
    assert client.get(poll, query_string={"sau": answer["messages"][-1]["id"]}).json["messages"] == []
    shown = client.get(f"/api/v1/conversations/{conversation.id}/messages", headers=tool).json["messages"]
    assert [m["state"] for m in shown if m["from"] == "officer"] == ["sent"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/tro-chuyen/phien/web-nobody-here/tin-nhan", 404),
        ("/tro-chuyen/phien/" + "x" * 300 + "/tin-nhan", 404),
        ("/tro-chuyen/phien/web%20x%3Cscript%3E/tin-nhan", 404),
        (f"/tro-chuyen/phien/{SENDER}/tin-nhan?sau=-1", 400),
        (f"/tro-chuyen/phien/{SENDER}/tin-nhan?sau=99999999999999999999", 400),
        (f"/tro-chuyen/phien/{SENDER}/tin-nhan?sau=abc", 400),
    ],
)
def test_the_widgets_poll_answers_bad_input_in_vietnamese_json(client, db, setup, path, status):
    queued(db, SENDER)
    answer = client.get(path)
    assert answer.status_code == status and answer.is_json and answer.json["message"]


def test_the_widgets_poll_is_rate_limited_per_session_and_per_address(app, client, db, setup):
    queued(db, SENDER)
    queued(db, "web-neighbour")
    app.config["HANDOFF_POLL_SESSION_LIMIT"] = (3, 60)
    codes = [client.get(f"/tro-chuyen/phien/{SENDER}/tin-nhan").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert client.get("/tro-chuyen/phien/web-neighbour/tin-nhan").status_code == 200  # another citizen, same Wi-Fi
    app.config["HANDOFF_POLL_LIMIT"] = (6, 60)  # five polls so far from this address
    codes = [client.get("/tro-chuyen/phien/web-neighbour/tin-nhan").status_code for _ in range(2)]
    assert codes == [200, 429]


def test_a_centres_shared_wifi_is_not_throttled_at_the_widgets_pace(app):
    """Thirty citizens behind one address, each polling every 2 seconds, stay within the defaults."""
    per_address, window = app.config["HANDOFF_POLL_LIMIT"]
    per_session, session_window = app.config["HANDOFF_POLL_SESSION_LIMIT"]
    assert per_address / window >= 30 * 30 / 60
    assert 30 / 60 < per_session / session_window <= 1  # faster than once a second is abuse


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"conversation_id": ""}, 422),
        ({"conversation_id": "a/b"}, 422),
        ({"conversation_id": "x" * 500}, 422),
        ({"conversation_id": ["list"]}, 422),
        ({"channel": "fax"}, 422),
        ({"reason": "bored"}, 422),
        ({"question": "q" * 5000}, 422),
        ({"unit": "000.99.99.H62"}, 404),
        ({"unit": "x" * 1000}, 404),
        ({"unit": SIBLING}, 403),
    ],
)
def test_a_hostile_request_to_queue_gets_a_vietnamese_4xx(client, assistant, body, status):
    answer = ask(client, assistant, **body)
    assert answer.status_code == status and answer.json["message"], answer.json


@pytest.mark.parametrize("conversation_id", ["abc", "0", "-1", "99999999999999999999", "1e3", "９"])
def test_bad_conversation_ids_are_not_found(client, tool, conversation_id):
    for method, action in (("POST", "take"), ("GET", "messages"), ("POST", "close")):
        answer = client.open(f"/api/v1/conversations/{conversation_id}/{action}", method=method, headers=tool)
        assert answer.status_code == 404 and answer.json["message"] == "Không tìm thấy cuộc trò chuyện."


@pytest.mark.parametrize(
    ("text", "status"),
    [("", 422), ("   ", 422), ("x" * 2001, 422), (["a"], 422), ({"a": 1}, 422), ("a\x01b", 422)],
)
def test_a_hostile_reply_gets_a_vietnamese_4xx_and_nothing_is_stored(client, db, tool, text, status):
    conversation = queued(db, SENDER)
    client.post(f"/api/v1/conversations/{conversation.id}/take", headers=tool)
    answer = client.post(f"/api/v1/conversations/{conversation.id}/messages", json={"text": text}, headers=tool)
    assert answer.status_code == status and answer.json["message"]
    messages = client.get(f"/api/v1/conversations/{conversation.id}/messages", headers=tool).json["messages"]
    assert [m["from"] for m in messages if m["from"] == "officer"] == []


def test_replying_before_taking_and_taking_a_closed_conversation_are_refused(client, db, tool):
    conversation = queued(db, SENDER)
    early = client.post(f"/api/v1/conversations/{conversation.id}/messages", json={"text": "Chào"}, headers=tool)
    assert early.status_code == 422 and "nhận cuộc trò chuyện" in early.json["message"]
    client.post(f"/api/v1/conversations/{conversation.id}/close", headers=tool)
    late = client.post(f"/api/v1/conversations/{conversation.id}/take", headers=tool)
    assert late.status_code == 409 and late.json["message"] == "Cuộc trò chuyện đã kết thúc."


def test_another_units_conversation_is_not_found_and_its_list_is_forbidden(client, db, setup, key_headers):
    conversation = queued(db, SENDER)
    sibling = key_headers(SIBLING, "handoff,assistant")
    for method, action, body in (
        ("POST", "take", None),
        ("GET", "messages", None),
        ("POST", "messages", {"text": "x"}),
    ):
        answer = client.open(
            f"/api/v1/conversations/{conversation.id}/{action}", method=method, json=body, headers=sibling
        )
        assert answer.status_code == 404
    assert client.post(f"/api/v1/conversations/{conversation.id}/close", headers=sibling).status_code == 404
    assert client.get(f"/api/v1/conversations/by-sender/{SENDER}", headers=sibling).status_code == 404
    listed = client.get("/api/v1/conversations", query_string={"unit": COMMUNE}, headers=sibling)
    assert listed.status_code == 403
    province = key_headers(PROVINCE, "handoff")
    assert client.get("/api/v1/conversations", query_string={"unit": COMMUNE}, headers=province).json["conversations"]
    assert db.get(type(conversation), conversation.id).status == "waiting"


def test_a_key_without_the_scope_or_no_key_is_refused(client, db, setup, key_headers):
    conversation = queued(db, SENDER)
    reports = key_headers(COMMUNE, "reports,assistant")
    assert client.post(f"/api/v1/conversations/{conversation.id}/take", headers=reports).status_code == 403
    assert client.get("/api/v1/conversations", headers=reports).status_code == 403
    assert client.post(f"/api/v1/conversations/{conversation.id}/take").status_code == 401
    handoff_only = key_headers(COMMUNE, "handoff")
    assert ask(client, handoff_only).status_code == 403
    bad_status = client.get("/api/v1/conversations", query_string={"status": "all"}, headers=handoff_only)
    assert bad_status.status_code == 422 and bad_status.json["message"]


@pytest.mark.parametrize(("sender", "channel"), [("1234567890123456789", "zalo"), ("tich-hop-he-thong-khac", "rest")])
def test_the_widgets_poll_serves_only_widget_sessions(client, db, tool, sender, channel):
    """A Zalo conversation's sender id is the citizen's Zalo user id, and a REST caller picks its own: neither
    is a secret, so the officer's replies to them are never readable through the widget's public poll (Zalo
    delivers them; a REST system reads them with a key of scope handoff)."""
    conversation = queued(db, sender, channel=channel)
    client.post(f"/api/v1/conversations/{conversation.id}/take", headers=tool)
    client.post(f"/api/v1/conversations/{conversation.id}/messages", json={"text": "Hồ sơ của anh…"}, headers=tool)
    answer = client.get(f"/tro-chuyen/phien/{sender}/tin-nhan")
    assert answer.status_code == 404
    assert answer.json["messages"] == [] and answer.json["status"] == "none"
