"""Following a dossier, end to end, against the fake Zalo API: the real app (``.venv``, gunicorn, a fresh SQLite
database set up as ``make run`` sets it up: ``init-db`` + ``bootstrap``), the real Rasa and action servers
started by ``scripts/serve_bot.sh`` on the trained model, and the worker run as ``flask notify-worker --once``.

A Zalo user writes to the OA (webhook calls signed as Zalo signs them), looks up their dossier, passes the
phone check and says "theo dõi hồ sơ"; the province's system then moves the dossier with
``PUT /api/v1/dossiers/<code>`` (an ``intake`` key): the worker sends exactly one Zalo message to that user
naming the new state. The same PUT replayed sends nothing more.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
import requests

from bot_tests.conftest import BOT, UNIT
from bot_tests.fake_zalo import running_fake_zalo, signed, zalo_event
from bot_tests.stack import MODEL, SERVE, bot_environment, free_port, wait_for

pytestmark = pytest.mark.slow

ROOT = BOT.parent
APP_BIN = ROOT / ".venv" / "bin"
USER = "2512523625412515"
CODE = f"{UNIT}-261130-0001"
DOSSIER = {
    "procedure_code": "1.000005",
    "applicant_name": "Nguyễn Văn An",
    "applicant_phone": "0912 345 678",
    "received_at": "2026-11-30T08:00:00+07:00",
    "state": 2,
}
MOVED = {**DOSSIER, "state": 9, "state_at": "2026-11-30T09:30:00+07:00"}


def flask(env: dict, *args: str) -> str:
    done = subprocess.run(
        [str(APP_BIN / "flask"), "--app", "server", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, f"flask {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def api_key(env: dict, name: str, scope: str) -> str:
    return flask(env, "create-api-key", name, "--unit", UNIT, "--scope", scope).strip().splitlines()[-1]


def start(command: list[str], env: dict, log: Path, processes: list[subprocess.Popen]) -> subprocess.Popen:
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True
    )
    processes.append(process)
    return process


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def stack(tmp_path) -> Iterator[dict]:
    """App, fake Zalo, action server and Rasa (its Zalo channel talking to the fake Zalo), on spare ports."""
    if not MODEL.exists():
        pytest.skip("no trained model bot/models/current.tar.gz: scripts/train_bot.sh (scripts/test_bot.sh trains it)")
    if not (APP_BIN / "gunicorn").exists():
        pytest.skip("no app environment .venv (make setup)")
    ports = {"app": free_port(), "rasa": free_port(), "actions": free_port()}
    app_url = f"http://127.0.0.1:{ports['app']}"
    base = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL", "VIRTUAL_ENV")}
    app_env = {
        **base,
        "DATABASE_URL": f"sqlite:///{tmp_path}/app.db",
        "SECRET_KEY": secrets.token_urlsafe(24),
        "MOTCUA_INSTANCE_PATH": str(tmp_path),
        "MOTCUA_DEFAULT_UNIT": UNIT,
    }
    flask(app_env, "init-db")
    flask(app_env, "bootstrap")
    keys = {
        "assistant": api_key(app_env, "tro-ly-ao", "assistant"),
        "intake": api_key(app_env, "mot-cua-tinh", "intake"),
    }
    processes: list[subprocess.Popen] = []
    with ExitStack() as cleanup:
        cleanup.callback(stop, processes)
        zalo = cleanup.enter_context(running_fake_zalo())
        app_log = tmp_path / "app.log"
        app = start(
            [str(APP_BIN / "gunicorn"), "--workers", "1", "--bind", f"127.0.0.1:{ports['app']}", "server:create_app()"],
            app_env,
            app_log,
            processes,
        )
        bot_env = bot_environment(
            base, ports, app_url, keys["assistant"], UNIT, zalo.url, tmp_path, secrets.token_urlsafe(24)
        )
        for name in ("actions", "rasa"):
            start([str(SERVE), name], bot_env, tmp_path / f"{name}.log", processes)
        wait_for(f"{app_url}/healthz", app, app_log, 60)
        wait_for(f"http://127.0.0.1:{ports['actions']}/health", processes[1], tmp_path / "actions.log", 120)
        wait_for(f"http://127.0.0.1:{ports['rasa']}/", processes[2], tmp_path / "rasa.log", 300)
        yield {
            "app": app_url,
            "rasa": f"http://127.0.0.1:{ports['rasa']}",
            "zalo": zalo,
            "keys": keys,
            "app_env": app_env,
            "database": tmp_path / "app.db",
            "logs": tmp_path,
        }


def logs_tail(stack: dict) -> str:
    return "\n".join(
        f"== {path.name}\n{path.read_text(errors='replace')[-2500:]}" for path in stack["logs"].glob("*.log")
    )


def text_of(body: dict) -> str:
    """The text a citizen reads in a sent Zalo message (consultation text, buttons or a template's content)."""
    message = body.get("message") or {}
    if message.get("text"):
        return message["text"]
    payload = (message.get("attachment") or {}).get("payload") or {}
    return " ".join(
        str(part.get(key) or "")
        for part in [*(payload.get("elements") or []), *(payload.get("buttons") or [])]
        for key in ("title", "content", "subtitle")
    )


def to_user(zalo) -> list[str]:
    return [text_of(body) for body in list(zalo.sent) if (body.get("recipient") or {}).get("user_id") == USER]


def say(stack: dict, text: str, expect: str) -> list[str]:
    """The citizen writes ``text`` on Zalo; the replies the OA sends them, once one contains ``expect``."""
    zalo, before = stack["zalo"], len(to_user(stack["zalo"]))
    raw, headers = signed(zalo_event(user_id=USER, text=text, msg_id=f"msg-{secrets.token_hex(6)}"))
    answer = requests.post(f"{stack['rasa']}/webhooks/zalo/webhook", data=raw, headers=headers, timeout=30)
    assert answer.status_code == 200, answer.text
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        replies = to_user(zalo)[before:]
        if any(expect in reply for reply in replies):
            time.sleep(0.5)  # the rest of this turn's replies
            return to_user(zalo)[before:]
        time.sleep(0.2)
    pytest.fail(f"no reply with {expect!r} to {text!r}: {to_user(zalo)[before:]}\n{logs_tail(stack)}")


def put_dossier(stack: dict, record: dict) -> requests.Response:
    return requests.put(
        f"{stack['app']}/api/v1/dossiers/{CODE}",
        json=record,
        headers={"Authorization": f"Bearer {stack['keys']['intake']}"},
        timeout=30,
    )


def notify_once(stack: dict) -> None:
    # Quiet hours off: the run must not depend on the hour of the day (the hold is tested on a frozen clock).
    env = {
        **stack["app_env"],
        "ZALO_ACCESS_TOKEN": "at-0",
        "MOTCUA_NOTIFY_ZALO_URL": stack["zalo"].url,
        "MOTCUA_NOTIFY_QUIET_HOURS": "0-0",
    }
    flask(env, "notify-worker", "--once")


def test_a_zalo_follower_gets_one_message_for_a_change_and_none_for_its_replay(stack):
    assert put_dossier(stack, DOSSIER).status_code == 201

    assert any("4 số cuối" in reply for reply in say(stack, f"tra cứu hồ sơ {CODE}", "4 số cuối"))
    say(stack, "5678", "Người nộp")
    followed = say(stack, "theo dõi hồ sơ", f"Đã theo dõi hồ sơ {CODE}")
    assert any("qua Zalo" in reply for reply in followed), followed
    with sqlite3.connect(stack["database"]) as db:
        assert db.execute("SELECT channel, recipient FROM follows").fetchall() == [("zalo", USER)]

    conversation = len(stack["zalo"].sent)
    moved = put_dossier(stack, MOVED)
    assert moved.status_code == 200, moved.text
    notify_once(stack)
    news = stack["zalo"].sent[conversation:]
    assert [body["recipient"]["user_id"] for body in news] == [USER], json.dumps(news, ensure_ascii=False)
    assert f"Hồ sơ {CODE} đã chuyển sang: Đã xử lý xong" in text_of(news[0])

    replayed = put_dossier(stack, MOVED)
    assert replayed.status_code == 200, replayed.text
    notify_once(stack)
    assert len(stack["zalo"].sent) == conversation + 1
