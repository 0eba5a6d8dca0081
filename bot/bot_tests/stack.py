"""Starting the bot's real servers in tests: the script that starts them as ``make run`` does, the trained
model, a spare loopback port, their environment, and waiting until a server answers. Nothing here imports
Rasa, so the app's end-to-end tests (tests/e2e, run with the app's environment) use it too."""

from __future__ import annotations

import secrets
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests

from .fake_zalo import APP_ID, APP_SECRET_KEY, OA_SECRET_KEY

BOT = Path(__file__).resolve().parents[1]
SERVE = BOT.parent / "scripts" / "serve_bot.sh"
MODEL = BOT / "models" / "current.tar.gz"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{url}: the server exited:\n{log.read_text()[-3000:]}")
        try:
            requests.get(url, timeout=2)
            return
        except requests.RequestException:
            time.sleep(1)
    pytest.fail(f"{url} did not answer in {seconds:.0f} s:\n{log.read_text()[-3000:]}")


def bot_environment(
    base: dict,
    ports: dict,
    app_url: str,
    assistant_key: str,
    unit: str,
    zalo_url: str,
    state_dir: Path,
    rasa_token: str,
) -> dict:
    """What ``serve_bot.sh`` needs to start Rasa (``ports["rasa"]``) and the action server (``ports["actions"]``)
    for the app at ``app_url``, with the Zalo channel talking to the fake Zalo API at ``zalo_url``."""
    return {
        **base,
        "RASA_AUTH_TOKEN": rasa_token,
        "ACTION_SERVER_TOKEN": secrets.token_urlsafe(24),
        "RASA_PORT": str(ports["rasa"]),
        "ACTIONS_PORT": str(ports["actions"]),
        "APP_PORT": str(ports["app"]),
        "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{ports['actions']}/webhook",
        "MOTCUA_API_URL": app_url,
        "MOTCUA_API_KEY": assistant_key,
        "MOTCUA_UNIT": unit,
        "PUBLIC_BASE_URL": app_url,
        "ZALO_APP_ID": APP_ID,
        "ZALO_OA_SECRET_KEY": OA_SECRET_KEY,
        "ZALO_APP_SECRET_KEY": APP_SECRET_KEY,
        "ZALO_ACCESS_TOKEN": "at-0",
        "ZALO_REFRESH_TOKEN": "rt-0",
        "ZALO_STATE_URL": f"sqlite:///{state_dir}/zalo-state.db",
        "ZALO_API_URL": zalo_url,
        "ZALO_OAUTH_URL": zalo_url,
    }
