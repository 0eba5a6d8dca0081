"""Against a real ``rasa run`` and action server started the way ``make run`` starts them
(``scripts/serve_bot.sh``), on the trained model (``models/current.tar.gz``; ``scripts/test_bot.sh`` trains it
and runs these after the action tests):

- Rasa's HTTP API refuses a tracker read, an event injection, unloading the model and loading one from a URL
  without the token, and allows them with it;
- the action server refuses calls without Rasa's secret;
- after a citizen passed the phone check on the REST channel, the stored conversation (read with the token)
  holds neither the four digits nor the dossier's detail;
- a phone number left for an officer's call back reaches the app and is not stored; a conversation the app
  paused (an officer has it) is silent, and after resume it is answered without being queued again.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
from collections.abc import Iterator

import pytest
import requests

from bot_tests.conftest import UNIT, recorded
from bot_tests.stack import MODEL, SERVE, free_port, wait_for

pytestmark = pytest.mark.slow

CODE = "000.00.12.H62-260302-0001"
CITIZEN = "citizen-api-auth"


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator[dict]:
    """The action server and Rasa on spare loopback ports, with fresh secrets; the app is a fake whose
    answers the tests set (``stack["app"]``)."""
    if not MODEL.exists():
        pytest.skip("no trained model: scripts/train_bot.sh (scripts/test_bot.sh trains it before these tests)")
    from bot_tests.conftest import FakeApp, serve_fake_app

    app = FakeApp()
    stop_app = serve_fake_app(app)
    logs = tmp_path_factory.mktemp("servers")
    ports = {"rasa": free_port(), "actions": free_port()}
    # A token may begin with "-" (1 in 64 of token_urlsafe): the stack must still start with it.
    tokens = {"RASA_AUTH_TOKEN": "-" + secrets.token_urlsafe(24), "ACTION_SERVER_TOKEN": secrets.token_urlsafe(24)}
    env = {
        **os.environ,
        **tokens,
        "RASA_PORT": str(ports["rasa"]),
        "ACTIONS_PORT": str(ports["actions"]),
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{ports['actions']}/webhook",
        "MOTCUA_API_URL": app.url,
        "MOTCUA_API_KEY": "mk_test_assistant",
        "MOTCUA_UNIT": UNIT,
        "PUBLIC_BASE_URL": app.url,
    }
    processes = []
    try:
        for name in ("actions", "rasa"):
            log = logs / f"{name}.log"
            process = subprocess.Popen(
                [str(SERVE), name], env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True
            )
            processes.append(process)
            url = f"http://127.0.0.1:{ports[name]}/" + ("health" if name == "actions" else "")
            wait_for(url, process, log, 120 if name == "actions" else 400)
        yield {
            "rasa": f"http://127.0.0.1:{ports['rasa']}",
            "actions": f"http://127.0.0.1:{ports['actions']}",
            "app": app,
            "logs": logs,
            **tokens,
        }
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        stop_app()


def logs_tail(stack: dict) -> str:
    return "\n".join(f"== {path.name}\n{path.read_text()[-2500:]}" for path in stack["logs"].glob("*.log"))


def test_rasas_api_refuses_every_call_without_the_token(stack):
    rasa = stack["rasa"]
    calls = [
        ("GET", f"/conversations/{CITIZEN}/tracker", None),
        ("POST", f"/conversations/{CITIZEN}/tracker/events", {"event": "slot", "name": "dossier_code", "value": CODE}),
        ("DELETE", "/model", None),
        ("PUT", "/model", {"model_server": {"url": "http://169.254.169.254/latest/model.tar.gz"}}),
        ("GET", "/status", None),
    ]
    for method, path, body in calls:
        for params in ({}, {"token": "not-the-token"}):
            answer = requests.request(method, rasa + path, json=body, params=params, timeout=10)
            assert answer.status_code in (401, 403), (method, path, params, answer.status_code)
    # The model is still there: the channel still answers.
    assert requests.get(rasa + "/", timeout=5).status_code == 200


def test_the_action_server_refuses_calls_without_rasas_secret(stack):
    call = {"next_action": "action_start_status", "sender_id": "x", "tracker": {"events": [], "slots": {}}}
    for headers in ({}, {"Authorization": "Bearer not-the-secret"}):
        answer = requests.post(stack["actions"] + "/webhook", json=call, headers=headers, timeout=10)
        assert answer.status_code == 401
    assert requests.get(stack["actions"] + "/actions", timeout=10).status_code == 401


def test_a_verified_conversation_is_stored_without_the_digits_or_the_dossiers_detail(stack):
    app, rasa, token = stack["app"], stack["rasa"], stack["RASA_AUTH_TOKEN"]
    app.answer_recorded("GET", f"/api/v1/dossiers/{CODE}", "dossier_public")
    app.answer_recorded("POST", f"/api/v1/dossiers/{CODE}/verify", "dossier_supplement_verified")

    def say(text: str) -> list[dict]:
        answer = requests.post(f"{rasa}/webhooks/rest/webhook", json={"sender": CITIZEN, "message": text}, timeout=60)
        assert answer.status_code == 200
        return answer.json()

    say(f"tra cứu hồ sơ {CODE}")
    answers = say("5678")
    # The citizen is shown the detail.
    assert any("Nguyễn Văn An" in (message.get("text") or "") for message in answers), (answers, logs_tail(stack))

    verify_calls = [r for r in app.requests if r["path"].endswith("/verify")]
    assert verify_calls and verify_calls[-1]["body"] == {"phone_last4": "5678"}
    assert verify_calls[-1]["headers"]["X-Motcua-Conversation"] == CITIZEN
    assert verify_calls[-1]["headers"]["Authorization"] == "Bearer mk_test_assistant"

    stored = requests.get(f"{rasa}/conversations/{CITIZEN}/tracker", params={"token": token}, timeout=10)
    assert stored.status_code == 200
    dump = json.dumps(stored.json(), ensure_ascii=False)
    assert "5678" not in dump
    assert "Nguyễn Văn An" not in dump and "giấy chứng sinh" not in dump
    assert recorded("dossier_supplement_verified")[1]["rating_token"] in dump  # kept, unshown, until used
    assert stored.json()["slots"]["dossier_code"] == CODE


def test_a_call_back_left_outside_hours_reaches_the_app_and_the_stored_conversation_keeps_no_number(stack):
    app, rasa, token, citizen = stack["app"], stack["rasa"], stack["RASA_AUTH_TOKEN"], "citizen-callback"

    def queue(body: dict) -> tuple[int, dict]:
        return recorded("conversation_callback" if body.get("contact") else "conversation_closed_hours")

    app.answer_with("POST", "/api/v1/conversations", queue)

    def say(text: str) -> str:
        answer = requests.post(f"{rasa}/webhooks/rest/webhook", json={"sender": citizen, "message": text}, timeout=60)
        assert answer.status_code == 200
        return " ".join(message.get("text") or "" for message in answer.json())

    assert "ngoài giờ làm việc" in say("cho tôi gặp cán bộ"), logs_tail(stack)
    assert "câu hỏi muốn gửi cán bộ" in say("/leave_callback")
    assert "số điện thoại" in say(f"hồ sơ đất {CODE} của tôi bao giờ xong")
    assert "gọi lại" in say("0987 654 321")

    sent = [r["body"] for r in app.requests if r["path"] == "/api/v1/conversations"]
    assert sent[-1]["contact"] == "0987654321" and sent[-1]["question"] == "hồ sơ đất [mã hồ sơ] của tôi bao giờ xong"
    stored = requests.get(f"{rasa}/conversations/{citizen}/tracker", params={"token": token}, timeout=10).json()
    dump = json.dumps(stored, ensure_ascii=False)
    assert not re.search(r"0987\D?654\D?321", dump)
    typed = [e.get("text") for e in stored["events"] if e.get("event") == "user"]
    assert "[số điện thoại]" in typed and "hồ sơ đất [mã hồ sơ] của tôi bao giờ xong" in typed
    assert stored["slots"]["callback_phone"] is None and stored["slots"]["callback_question"] is None


def test_a_paused_conversation_is_silent_and_after_resume_answers_without_handing_off_again(stack):
    """What the app does while an officer holds the conversation: pause, the citizen writes (the assistant
    says nothing), resume; the next question is answered and the conversation is not queued again."""
    app, rasa, citizen = stack["app"], stack["rasa"], "citizen-paused"
    params = {"token": stack["RASA_AUTH_TOKEN"]}
    app.answer_recorded("POST", "/api/v1/conversations", "conversation_waiting")
    app.answer_recorded("GET", f"/api/v1/units/{UNIT}", "unit")

    def say(text: str) -> list[dict]:
        answer = requests.post(f"{rasa}/webhooks/rest/webhook", json={"sender": citizen, "message": text}, timeout=60)
        assert answer.status_code == 200
        return answer.json()

    def event(name: str) -> None:
        url = f"{rasa}/conversations/{citizen}/tracker/events"
        assert requests.post(url, params=params, json=[{"event": name}], timeout=10).status_code == 200

    assert any("vị trí số 1" in (m.get("text") or "") for m in say("cho tôi gặp cán bộ")), logs_tail(stack)
    queued = len([r for r in app.requests if r["path"] == "/api/v1/conversations"])
    event("pause")
    assert say("tôi cần làm lại căn cước") == []
    assert say("gặp cán bộ") == []  # asked again while an officer has it: still silent
    event("resume")
    answer = say("mấy giờ trung tâm mở cửa")
    assert any("Giờ làm việc" in (m.get("text") or "") for m in answer), answer
    assert len([r for r in app.requests if r["path"] == "/api/v1/conversations"]) == queued
    stored = requests.get(f"{rasa}/conversations/{citizen}/tracker", params=params, timeout=10).json()
    texts = [e.get("text") for e in stored["events"] if e.get("event") == "user"]
    assert "tôi cần làm lại căn cước" in texts  # what the app copies to the officer


def test_with_the_token_the_api_is_open_to_the_operator(stack):
    rasa, params = stack["rasa"], {"token": stack["RASA_AUTH_TOKEN"]}
    assert requests.get(f"{rasa}/status", params=params, timeout=10).status_code == 200
    injected = requests.post(
        f"{rasa}/conversations/operator-check/tracker/events",
        params=params,
        json={"event": "slot", "name": "dossier_code", "value": CODE},
        timeout=10,
    )
    assert injected.status_code == 200
    assert requests.delete(f"{rasa}/model", params=params, timeout=30).status_code == 204
    reloaded = requests.put(f"{rasa}/model", params=params, json={"model_file": str(MODEL.resolve())}, timeout=300)
    assert reloaded.status_code == 204


def test_no_secret_and_no_phone_digits_reach_the_logs(stack):
    logs = "".join(path.read_text(errors="replace") for path in stack["logs"].glob("*.log"))
    assert stack["RASA_AUTH_TOKEN"] not in logs and stack["ACTION_SERVER_TOKEN"] not in logs
    assert "mk_test_assistant" not in logs
    assert "5678" not in logs and "Nguyễn Văn An" not in logs
    assert "0987" not in logs and "654 321" not in logs  # the number left for a call back
