"""The action server counts the actions it runs, by name and outcome, with their latency, and serves the
figures on its own loopback metrics port (actions/metrics.py)."""

from __future__ import annotations

import re
import socket
import urllib.request

from rasa_sdk.endpoint import create_app
from rasa_sdk.plugin import plugin_manager

from bot_tests.action_calls import CALL


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def counted(port: int, outcome: str) -> float:
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
    found = re.search(rf'^motcua_actions_total{{action="action_start_status",outcome="{outcome}"}} (\S+)$', text, re.M)
    return float(found.group(1)) if found else 0.0


def test_actions_are_counted_by_name_and_outcome_on_the_metrics_port(monkeypatch):
    port = free_port()
    monkeypatch.setenv("ACTION_SERVER_TOKEN", "s3cret")
    monkeypatch.setenv("ACTIONS_METRICS_PORT", str(port))
    app = create_app("actions")
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    ok, error = counted(port, "ok"), counted(port, "error")

    assert app.test_client.post("/webhook", json=CALL, headers={"Authorization": "Bearer s3cret"})[1].status == 200
    assert app.test_client.post("/webhook", json=CALL, headers={"Authorization": "Bearer wrong"})[1].status == 401

    assert counted(port, "ok") == ok + 1 and counted(port, "error") == error + 1
