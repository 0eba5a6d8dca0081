"""Gặp cán bộ end to end (issue 16, "Done when"): the real app (gunicorn, a fresh SQLite database set up as
``make run`` sets it up), the real Rasa and action servers started by ``scripts/serve_bot.sh`` on the trained
model, Debian's Chromium, and the fake Zalo API.

- Web: a citizen in the widget asks for a person; an officer signed in on ``/quan-ly/tro-chuyen`` takes the
  conversation; they exchange three messages each way (the assistant, paused by the app, says nothing); the
  officer closes it and the assistant answers a catalogue question again, without handing off again.
- Zalo: the same through the Zalo channel (webhook calls signed as Zalo signs them), the officer working through
  ``/api/v1/conversations`` with a ``handoff`` key and the replies sent by the notification worker.

Rasa needs the trained model, which ``scripts/test_bot.sh`` trains after the app suite ran: that script runs this
module (``MOTCUA_E2E=1``); the app suite skips it.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from playwright.sync_api import expect

from bot.bot_tests.fake_zalo import running_fake_zalo, signed, zalo_event
from bot.bot_tests.stack import MODEL, SERVE, bot_environment, free_port, wait_for
from motcua.clock import now_local
from motcua.handoff.hours import parse_schedule
from tests.kiosk.browser_helpers import sign_in

ROOT = Path(__file__).resolve().parents[2]
APP_BIN = ROOT / ".venv" / "bin"
UNIT = "000.00.00.H62"
OFFICER, PASSWORD = "canbo-lan", "mat-khau-dai-e2e"
OFFICER_NAME = "Cán bộ Lan"  # what the citizen reads: "Cán bộ" and the account's full name
ZALO_USER = "2512523625412599"
# Hand-off hours that are always open, so the run does not depend on the hour of the day.
ALWAYS_OPEN = "T2-CN 00:00-23:59"
CLOSED = "Trợ lý ảo tiếp tục hỗ trợ"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("MOTCUA_E2E") != "1",
        reason="end to end with a real Rasa: scripts/test_bot.sh runs it after training (MOTCUA_E2E=1)",
    ),
]


def flask(env: dict, *args: str) -> str:
    done = subprocess.run(
        [str(APP_BIN / "flask"), "--app", "server", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, f"flask {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator[dict]:
    """App, fake Zalo, action server and Rasa (REST for the widget, Zalo talking to the fake Zalo), on spare ports."""
    if not MODEL.exists():
        pytest.fail("no trained model bot/models/current.tar.gz (scripts/train_bot.sh)")
    if not parse_schedule(ALWAYS_OPEN).within_hours(now_local() + timedelta(minutes=5)):
        pytest.skip("a public holiday (or the last minutes of the day): no officer is on duty to hand off to")
    tmp = tmp_path_factory.mktemp("handoff-e2e")
    ports = {"app": free_port(), "rasa": free_port(), "actions": free_port()}
    app_url, rasa_url = f"http://127.0.0.1:{ports['app']}", f"http://127.0.0.1:{ports['rasa']}"
    token = secrets.token_urlsafe(24)
    base = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL", "VIRTUAL_ENV")}
    with ExitStack() as cleanup:
        zalo = cleanup.enter_context(running_fake_zalo())
        app_env = {
            **base,
            "DATABASE_URL": f"sqlite:///{tmp}/app.db",
            "SECRET_KEY": secrets.token_urlsafe(24),
            "MOTCUA_INSTANCE_PATH": str(tmp),
            "MOTCUA_DEFAULT_UNIT": UNIT,
            "RASA_URL": rasa_url,
            "RASA_ADMIN_URL": rasa_url,
            "RASA_AUTH_TOKEN": token,
            "MOTCUA_HANDOFF_HOURS": ALWAYS_OPEN,
            "PUBLIC_BASE_URL": app_url,
            "MOTCUA_NOTIFY_ZALO_URL": zalo.url,
            "MOTCUA_NOTIFY_QUIET_HOURS": "0-0",
            "ZALO_ACCESS_TOKEN": "at-0",
        }
        flask(app_env, "init-db")
        flask(app_env, "bootstrap")
        flask(app_env, "create-user", OFFICER, "--role", "officer", "--unit", UNIT, "--name", "Lan",
              "--password", PASSWORD)  # fmt: skip
        keys = {
            scope: flask(app_env, "create-api-key", f"e2e-{scope}", "--unit", UNIT, "--scope", scope)
            .strip()
            .splitlines()[-1]
            for scope in ("assistant", "handoff")
        }
        processes: list[subprocess.Popen] = []
        cleanup.callback(_stop, processes)

        def start(command: list[str], env: dict, name: str) -> subprocess.Popen:
            with (tmp / f"{name}.log").open("w") as log:  # the child keeps its own copy of the descriptor
                process = subprocess.Popen(
                    command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
                )
            processes.append(process)
            return process

        bind = ["--workers", "1", "--threads", "4", "--bind", f"127.0.0.1:{ports['app']}"]
        app = start([str(APP_BIN / "gunicorn"), *bind, "server:create_app()"], app_env, "app")
        bot_env = bot_environment(
            base, ports, app_url, keys["assistant"], UNIT, zalo.url, tmp, token
        )
        actions = start([str(SERVE), "actions"], bot_env, "actions")
        rasa = start([str(SERVE), "rasa"], bot_env, "rasa")
        wait_for(f"{app_url}/healthz", app, tmp / "app.log", 60)
        wait_for(f"http://127.0.0.1:{ports['actions']}/health", actions, tmp / "actions.log", 120)
        wait_for(f"{rasa_url}/", rasa, tmp / "rasa.log", 300)
        yield {"app": app_url, "rasa": rasa_url, "zalo": zalo, "keys": keys, "env": app_env, "logs": tmp}


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def logs_tail(stack: dict) -> str:
    return "\n".join(f"== {p.name}\n{p.read_text(errors='replace')[-2500:]}" for p in stack["logs"].glob("*.log"))


# --- the web widget and the staff page ---------------------------------------------------------------------------


def citizen_says(page, text: str) -> None:
    page.locator(".mc-chat-input").fill(text)
    page.keyboard.press("Enter")
    expect(page.locator(".mc-chat-typing")).to_have_count(0, timeout=30_000)  # Rasa answered (or said nothing)


def test_a_citizen_in_the_widget_talks_with_an_officer_then_with_the_assistant_again(stack, browser):
    citizen_context, officer_context = browser.new_context(locale="vi-VN"), browser.new_context(locale="vi-VN")
    try:
        citizen, officer = citizen_context.new_page(), officer_context.new_page()
        citizen.goto(stack["app"] + "/")
        citizen.get_by_role("button", name="Hỏi trợ lý").click()
        citizen_says(citizen, "cho tôi gặp cán bộ")
        expect(citizen.locator(".mc-chat-bot", has_text="vị trí số 1 trong hàng chờ")).to_have_count(1)
        expect(citizen.locator(".mc-chat-status")).to_have_text(
            "Đang chờ cán bộ: anh/chị ở vị trí số 1 trong hàng chờ."
        )

        sign_in(officer, stack["app"], OFFICER, PASSWORD)
        officer.goto(stack["app"] + "/quan-ly/tro-chuyen")
        officer.locator("#list-waiting li a").first.click()
        officer.get_by_role("button", name="Nhận trò chuyện").click()
        expect(officer.locator("#reply-text")).to_be_visible(timeout=15_000)
        # The poll names the officer who took it (the account's name), so the widget says who is talking.
        expect(citizen.locator(".mc-chat-status")).to_have_text(
            re.compile(r"^Đang trò chuyện với .*Lan.*\.$"), timeout=15_000
        )

        bot_bubbles = citizen.locator(".mc-chat-bot").count()
        for i in range(1, 4):
            officer.locator("#reply-text").fill(f"Cán bộ trả lời lần {i}")
            officer.locator("form[data-action=reply] button[type=submit]").click()
            expect(citizen.locator(".mc-chat-officer", has_text=f"Cán bộ trả lời lần {i}")).to_have_count(
                1, timeout=15_000
            )
            citizen_says(citizen, f"Người dân hỏi lần {i}")
            expect(officer.locator("#messages .from-citizen", has_text=f"Người dân hỏi lần {i}")).to_have_count(
                1, timeout=20_000
            )
        expect(citizen.locator(".mc-chat-officer .mc-chat-name").first).to_have_text(OFFICER_NAME)
        expect(citizen.locator(".mc-chat-status")).to_have_text(f"Đang trò chuyện với {OFFICER_NAME}.")
        # the paused assistant said nothing to the three messages (only the officer's taking notice is new)
        assert citizen.locator(".mc-chat-bot").count() <= bot_bubbles + 1

        officer.get_by_role("button", name="Kết thúc, trả lại trợ lý ảo").click()
        expect(citizen.locator(".mc-chat-bot", has_text=CLOSED)).to_have_count(1, timeout=15_000)
        expect(citizen.locator(".mc-chat-status")).to_be_hidden()

        before = citizen.locator(".mc-chat-bot").count()
        citizen_says(citizen, "làm căn cước cần giấy tờ gì")
        expect(citizen.locator(".mc-chat-bot", has_text="ăn cước")).to_have_count(1, timeout=15_000)
        answers = citizen.locator(".mc-chat-bot").all_inner_texts()[before:]
        assert answers and not any("hàng chờ" in text for text in answers), answers  # no second hand-off
    except Exception:
        print(logs_tail(stack))
        raise
    finally:
        citizen_context.close()
        officer_context.close()


# --- Zalo ---------------------------------------------------------------------------------------------------------


def to_user(zalo) -> list[str]:
    texts = []
    for body in list(zalo.sent):
        if (body.get("recipient") or {}).get("user_id") != ZALO_USER:
            continue
        message = body.get("message") or {}
        payload = (message.get("attachment") or {}).get("payload") or {}
        texts.append(message.get("text") or " ".join(str(e.get("title") or "") for e in payload.get("elements") or []))
    return texts


def zalo_says(stack: dict, text: str) -> None:
    raw, headers = signed(zalo_event(user_id=ZALO_USER, text=text, msg_id=f"msg-{secrets.token_hex(6)}"))
    answer = requests.post(f"{stack['rasa']}/webhooks/zalo/webhook", data=raw, headers=headers, timeout=30)
    assert answer.status_code == 200, answer.text


def zalo_reply(stack: dict, before: int, expect_text: str) -> list[str]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        replies = to_user(stack["zalo"])[before:]
        if any(expect_text in reply for reply in replies):
            return replies
        time.sleep(0.2)
    pytest.fail(f"no Zalo message with {expect_text!r}: {to_user(stack['zalo'])[before:]}\n{logs_tail(stack)}")


def handoff_api(stack: dict, method: str, path: str, **kwargs) -> dict:
    headers = {"Authorization": f"Bearer {stack['keys']['handoff']}"}
    answer = requests.request(method, f"{stack['app']}/api/v1{path}", headers=headers, timeout=30, **kwargs)
    assert answer.status_code < 300, answer.text
    return answer.json()


def deliver(stack: dict) -> None:
    flask(stack["env"], "notify-worker", "--once")


def test_a_zalo_citizen_talks_with_an_officer_then_with_the_assistant_again(stack):
    zalo = stack["zalo"]
    before = len(to_user(zalo))
    zalo_says(stack, "cho tôi gặp cán bộ")
    assert any("trong hàng chờ" in r for r in zalo_reply(stack, before, "trong hàng chờ"))

    waiting = handoff_api(stack, "GET", f"/conversations?status=waiting&unit={UNIT}")["conversations"]
    conversation = next(c for c in waiting if c["channel"] == "zalo")
    handoff_api(stack, "POST", f"/conversations/{conversation['id']}/take")
    deliver(stack)
    silent_from = len(to_user(zalo))
    for i in range(1, 4):
        handoff_api(stack, "POST", f"/conversations/{conversation['id']}/messages", json={"text": f"Cán bộ nhắn {i}"})
        deliver(stack)
        zalo_reply(stack, silent_from, f"Cán bộ nhắn {i}")
        zalo_says(stack, f"Người dân nhắn {i}")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            texts = [
                m["text"]
                for m in handoff_api(stack, "GET", f"/conversations/{conversation['id']}/messages")["messages"]
            ]
            if f"Người dân nhắn {i}" in texts:
                break
            time.sleep(0.5)
        else:
            pytest.fail(f"the officer did not get 'Người dân nhắn {i}': {texts}\n{logs_tail(stack)}")
    time.sleep(1)  # anything the paused assistant would have said has arrived by now
    said = to_user(zalo)[silent_from:]
    assert said == [f"Cán bộ nhắn {i}" for i in range(1, 4)], said  # the paused assistant said nothing

    handoff_api(stack, "POST", f"/conversations/{conversation['id']}/close")
    deliver(stack)
    zalo_reply(stack, silent_from, CLOSED)

    again = len(to_user(zalo))
    zalo_says(stack, "làm căn cước cần giấy tờ gì")
    replies = zalo_reply(stack, again, "ăn cước")
    assert not any("hàng chờ" in reply for reply in replies), replies
