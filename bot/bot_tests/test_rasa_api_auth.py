"""Against a real ``rasa run`` and action server started the way ``make run`` starts them
(``scripts/serve_bot.sh``), on the trained model (``models/current.tar.gz``; ``scripts/test_bot.sh`` trains it
and runs these after the action tests):

- Rasa's HTTP API refuses a tracker read, an event injection, unloading the model and loading one from a URL
  without the token, and allows them with it;
- the action server refuses calls without Rasa's secret;
- after a citizen passed the phone check on the REST channel, the stored conversation (read with the token)
  holds neither the four digits nor the dossier's detail.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
from collections.abc import Iterator

import pytest
import requests

from bot_tests.conftest import UNIT
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
    from bot_tests.conftest import recorded

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
