"""The tracker store forwards each citizen turn to the app's insights (stores/turns.py): summarised from the
events (how it ended, the procedure answered, the question before a hand-off), masked, and posted from a
background thread that never holds up the conversation, retries, and gives up quietly when the app is down."""

from __future__ import annotations

import http.server
import json
import socket
import threading
import time

import pytest
from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from stores import turns
from stores.turns import ForwardingTrackerStore, TurnForwarder, last_turn

from bot_tests.conftest import recorded


def said(text: str, intent: str, at: float, channel: str = "rest", entities: list | None = None) -> dict:
    parse = {"text": text, "intent": {"name": intent, "confidence": 0.91}, "entities": entities or []}
    return UserUttered(text, parse["intent"], entities or [], parse, timestamp=at, input_channel=channel).as_dict()


def action(name: str) -> dict:
    return ActionExecuted(name).as_dict()


def bot(text: str, **metadata) -> dict:
    return BotUttered(text, {}, metadata).as_dict()


def test_an_answered_question_carries_its_procedure_and_a_feedback_row_changes_nothing():
    events = [
        said("làm giấy khai sinh cần gì", "ask_documents", 100.25),
        action("action_procedure_answer"),
        bot("Thủ tục: Đăng ký khai sinh…", assistant_outcome="answered", procedure="1.001193"),
        bot("Câu trả lời có giúp ích cho anh/chị không?", assistant_outcome="feedback_row"),
    ]
    summary = last_turn("web-1", events)
    assert summary == {
        "conversation_id": "web-1",
        "at": 100.25,
        "channel": "web",
        "intent": "ask_documents",
        "confidence": 0.91,
        "outcome": "answered",
        "procedure": "1.001193",
        "text": "làm giấy khai sinh cần gì",
        "question": "",
    }


@pytest.mark.parametrize(
    "after,intent,outcome",
    [
        (
            [action("action_procedure_answer"), bot("Xin lỗi…", assistant_outcome="not_found")],
            "ask_documents",
            "not_found",
        ),
        ([action("action_fallback"), bot("Có phải…", assistant_outcome="choices")], "nlu_fallback", "choices"),
        ([action("action_fallback"), bot("Xin lỗi, tôi chưa hiểu")], "nlu_fallback", "fallback"),
        ([action("utter_greet"), bot("Xin chào")], "greet", "other"),
    ],
)
def test_how_a_turn_ended_is_read_from_what_followed_it(after, intent, outcome):
    summary = last_turn("w", [said("xin giấy phép nuôi chim yến", intent, 5.0), *after])
    assert summary["outcome"] == outcome and summary["procedure"] is None


def test_a_hand_off_keeps_the_question_typed_before_it_masked():
    events = [
        said("hồ sơ của tôi 000.00.12.H62-260302-0001 sđt 0912345678 sao chưa xong", "check_status", 1.0, "zalo"),
        action("action_check_status"),
        bot("Anh/chị cho tôi 4 số cuối…"),
        said("/human_handoff", "human_handoff", 2.0, "zalo"),
        action("action_human_handoff"),
        bot("Đã chuyển cán bộ", custom={"handoff": {"status": "waiting"}}),
    ]
    summary = last_turn("zalo-user-42", events)
    assert (summary["outcome"], summary["channel"], summary["at"]) == ("handoff", "zalo", 2.0)
    assert "0912345678" not in summary["question"] and "H62-260302-0001" not in summary["question"]
    assert "[số điện thoại]" in summary["question"] and "[mã hồ sơ]" in summary["question"]


def test_turns_while_an_officer_holds_the_conversation_are_the_officers_and_phone_digits_never_leave():
    digits = {"entity": "phone_last4", "value": "5678", "start": 8, "end": 12}
    summary = last_turn("w", [said("so cuoi 5678", "give_dossier_code", 3.0, entities=[digits])], paused=True)
    assert summary["outcome"] == "officer" and "5678" not in summary["text"]
    assert last_turn("w", [action("action_session_start")]) is None


class App(http.server.BaseHTTPRequestHandler):
    """The app's turns route: refuses the first ``fail`` posts with 503, then stores each body."""

    fail = 0
    bodies: list = []
    keys: list = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if App.fail > 0:
            App.fail -= 1
            self.send_response(503)
        else:
            App.bodies.append(body)
            App.keys.append(self.headers.get("Authorization"))
            self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def app_server():
    App.fail, App.bodies, App.keys = 0, [], []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), App)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


SUMMARY = {"conversation_id": "web-9", "at": 9.5, "outcome": "other", "text": "chào"}


def test_with_the_app_down_offering_never_blocks_and_the_turn_is_given_up_quietly(caplog):
    forwarder = TurnForwarder(f"http://127.0.0.1:{_closed_port()}", "k", pauses=(0.01, 0.01))
    started = time.monotonic()
    assert forwarder.offer(SUMMARY)
    assert time.monotonic() - started < 0.05
    assert forwarder.wait(5)
    assert (forwarder.sent, forwarder.failed) == (0, 1)
    assert "chào" not in caplog.text and "web-9" not in caplog.text


def test_a_full_queue_drops_turns_instead_of_waiting(app_server):
    forwarder = TurnForwarder(f"http://127.0.0.1:{_closed_port()}", "k", limit=2, pauses=(0.5,))
    started = time.monotonic()
    offered = [forwarder.offer({**SUMMARY, "conversation_id": f"web-{n}"}) for n in range(20)]
    assert time.monotonic() - started < 0.1
    assert offered.count(False) >= 17 and forwarder.dropped == offered.count(False)


def test_a_turn_is_retried_until_the_app_answers_and_sent_with_the_key(app_server):
    App.fail = 2
    forwarder = TurnForwarder(app_server, "mc_turns", pauses=(0.01, 0.01, 0.01))
    forwarder.offer(SUMMARY)
    assert forwarder.wait(5)
    assert App.bodies == [SUMMARY] and App.keys == ["Bearer mc_turns"] and forwarder.sent == 1
    forwarder.offer(dict(SUMMARY))  # the same turn saved again, unchanged: not sent twice
    forwarder.offer({**SUMMARY, "outcome": "handoff"})  # more of it known: sent again, the app replaces it
    assert forwarder.wait(5) and [body["outcome"] for body in App.bodies] == ["other", "handoff"]


async def test_the_store_forwards_each_saved_turn_and_a_failing_forwarder_breaks_nothing(monkeypatch, app_server):
    forwarder = TurnForwarder(app_server, "k", pauses=(0.01,))
    monkeypatch.setattr(turns, "_FORWARDER", forwarder)
    store = ForwardingTrackerStore(None)
    tracker = DialogueStateTracker.from_dict(
        "web-store", [said("gọi 0987 654 321 hỏi khai sinh", "ask_documents", 7.0)]
    )
    await store.save(tracker)
    assert forwarder.wait(5)
    assert (
        App.bodies[0]["text"] == "gọi [số điện thoại] hỏi khai sinh" and App.bodies[0]["conversation_id"] == "web-store"
    )

    class Broken:
        def offer(self, summary):
            raise RuntimeError("boom")

    monkeypatch.setattr(turns, "_FORWARDER", Broken())
    await store.save(tracker)  # no exception: the conversation goes on
    assert (await store.retrieve("web-store")).sender_id == "web-store"


def test_without_a_key_nothing_is_forwarded(monkeypatch):
    monkeypatch.delenv(turns.KEY_VARIABLE, raising=False)
    monkeypatch.setattr(turns, "_FORWARDER", None)
    assert turns.forwarder().offer(SUMMARY) is False


async def test_a_real_conversation_reaches_the_app_as_turns_and_a_thumbs_down(
    rules_model, action_server, fake_app, monkeypatch
):
    """Rasa (the project's rules), the action server and the forwarding store together: a procedure asked
    on a button is forwarded as answered with its code, the 👎 under it as a feedback and a turn."""
    turned, rated = [], []
    fake_app.answer_recorded("GET", "/api/v1/procedures/1.001193", "procedure_learned")
    fake_app.answer_with("POST", "/api/v1/assistant/turns", lambda body: turned.append(body) or (201, {"stored": True}))
    fake_app.answer_with(
        "POST", "/api/v1/assistant/feedback", lambda body: rated.append(body) or recorded("assistant_feedback_stored")
    )
    forwarder = TurnForwarder(fake_app.url, "k", pauses=(0.01,))
    monkeypatch.setattr(turns, "_FORWARDER", forwarder)
    agent = Agent.load(rules_model, action_endpoint=EndpointConfig(action_server))
    agent.tracker_store = ForwardingTrackerStore(agent.domain)
    agent.processor.tracker_store = agent.tracker_store

    async def say(text: str) -> list[dict]:
        output = CollectingOutputChannel()
        await agent.handle_message(UserMessage(text, output, "web-citizen-7", input_channel="rest"))
        return output.messages

    answers = await say('/ask_procedure{"procedure_code": "1.001193"}')
    assert [button["title"] for button in answers[-1]["buttons"]] == ["👍 Có ích", "👎 Chưa đúng", "Gặp cán bộ"]
    await say('/answer_bad{"procedure_code": "1.001193"}')
    assert forwarder.wait(5)

    assert [(t["outcome"], t["procedure"], t["intent"], t["channel"]) for t in turned] == [
        ("answered", "1.001193", "ask_procedure", "web"),
        ("other", None, "answer_bad", "web"),
    ]
    assert [(r["helpful"], r["procedure"], r["conversation_id"]) for r in rated] == [
        (False, "1.001193", "web-citizen-7")
    ]
