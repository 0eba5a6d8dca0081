"""Starting the bot's real servers in tests: the script that starts them as ``make run`` does, the trained
model, a spare loopback port, and waiting until a server answers."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests

from bot_tests.conftest import BOT

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
