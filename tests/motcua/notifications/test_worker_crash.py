"""``flask notify-worker`` SIGKILLed after the provider accepted a message and before it was marked
sent, then restarted: the citizen has one message, not two.

How the key makes it so: the delivery (its key derived from the follower × state-change keys) is
committed as ``sending`` before the call. The restarted worker finds it. The SMS gateway is given the
same key again and drops the duplicate (answering the first message's id); Zalo takes no key, so the
delivery is marked ``unconfirmed`` for the managers instead of being sent twice."""

import os
import signal
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.bot_tests.fake_zalo import MESSAGE_PATH, running_fake_zalo
from motcua.clock import now_local
from motcua.dossiers.intake import record_event
from motcua.notifications.follows import follow
from motcua.notifications.models import Delivery
from tests.motcua.notifications.fake_sms import running_fake_sms

ROOT = Path(__file__).resolve().parents[3]


def worker(database_url: str, tmp_path: Path, *args: str, **env: str) -> subprocess.Popen:
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret",
        "MOTCUA_INSTANCE_PATH": str(tmp_path),
        "MOTCUA_NOTIFY_QUIET_HOURS": "0-0",
        **env,
    }
    command = [sys.executable, "-m", "flask", "--app", "server", "notify-worker", "--interval", "0.2", *args]
    return subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def kill_after(accepted: threading.Event, process: subprocess.Popen) -> None:
    if not accepted.wait(60):
        process.kill()
        pytest.fail(f"the worker never sent: {process.communicate()[0].decode()[-2000:]}")
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=10)


def followed_change(db, dossier, channel: str, recipient: str) -> None:
    follow(db, dossier, channel, recipient, now_local())
    record_event(db, dossier, 9, now_local() - timedelta(minutes=1))
    db.commit()


def test_zalo_killed_between_sending_and_marking_has_one_message(db, dossier, database_url, tmp_path):
    followed_change(db, dossier, "zalo", "2512523625412515")
    with running_fake_zalo() as zalo:
        accepted, release = threading.Event(), threading.Event()
        answer = zalo.handle

        def slow_answer(path, headers, raw):  # Zalo accepts the message, the answer never reaches the worker
            result = answer(path, headers, raw)
            if path == MESSAGE_PATH:
                accepted.set()
                release.wait(30)
            return result

        zalo.handle = slow_answer
        env = {"ZALO_ACCESS_TOKEN": "at-0", "MOTCUA_NOTIFY_ZALO_URL": zalo.url}
        kill_after(accepted, worker(database_url, tmp_path, **env))
        release.set()
        assert db.scalar(select(Delivery.status)) == "sending"
        again = worker(database_url, tmp_path, "--once", **env)
        output = again.communicate(timeout=60)[0].decode()
        assert again.returncode == 0, output
        assert len(zalo.sent) == 1
    db.expire_all()
    assert db.scalar(select(Delivery.status)) == "unconfirmed"


def test_sms_killed_between_sending_and_marking_is_resent_with_its_key_and_delivered_once(
    db, dossier, database_url, tmp_path
):
    followed_change(db, dossier, "sms", "0912345678")
    with running_fake_sms() as gateway:
        gateway.hold.set()
        env = {"MOTCUA_NOTIFY_SMS_URL": gateway.url, "MOTCUA_NOTIFY_SMS_KEY": "k"}
        kill_after(gateway.accepted, worker(database_url, tmp_path, **env))
        gateway.hold.clear()
        gateway.release.set()
        again = worker(database_url, tmp_path, "--once", **env)
        output = again.communicate(timeout=60)[0].decode()
        assert again.returncode == 0, output
        assert len(gateway.delivered) == 1 and len(gateway.ids_by_key) == 1
    db.expire_all()
    delivery = db.scalar(select(Delivery))
    assert (delivery.status, delivery.provider_message_id, delivery.attempts) == ("sent", "sms-1", 2)
