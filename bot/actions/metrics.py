"""Prometheus metrics of the action server: actions run, by name and outcome, and their latency.

A rasa-sdk plugin like ``server_auth`` (registered when the ``actions`` package is imported). The metrics are
served by prometheus_client on a loopback port of their own, ``ACTIONS_METRICS_PORT`` (unset: not served),
so the action server's own port keeps answering Rasa alone. "error" is an action that failed or was refused;
an action that reached the app and got a refusal it explains to the citizen is a success here (the app's
own metrics count those).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time

import pluggy
from prometheus_client import Counter, Histogram, start_http_server
from rasa_sdk.plugin import plugin_manager
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse

PORT_VARIABLE = "ACTIONS_METRICS_PORT"
ACTIONS = Counter("motcua_actions_total", "Custom actions run, by name and outcome", ["action", "outcome"])
LATENCY = Histogram(
    "motcua_action_duration_seconds",
    "Time to run a custom action (the app's API calls included)",
    ["action"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.5, 5.0, 10.0),
)

hookimpl = pluggy.HookimplMarker("rasa_sdk")
log = logging.getLogger(__name__)
_served: set[int] = set()


def register() -> None:
    """Add this module's hook to rasa-sdk's plugins (once)."""
    manager = plugin_manager()
    module = sys.modules[__name__]
    if not manager.is_registered(module):
        manager.register(module)


def action_name(request: Request) -> str:
    try:
        return str(json.loads(request.body or b"{}").get("next_action") or "unknown")[:80]
    except (ValueError, AttributeError):
        return "unknown"


def record(name: str, status: int, seconds: float) -> None:
    ACTIONS.labels(name, "ok" if status < 400 else "error").inc()
    LATENCY.labels(name).observe(seconds)


@hookimpl
def attach_sanic_app_extensions(app: Sanic) -> None:
    port = os.environ.get(PORT_VARIABLE, "").strip()
    if port and int(port) not in _served:
        start_http_server(int(port), addr="127.0.0.1")
        _served.add(int(port))

    async def start_clock(request: Request) -> None:
        request.ctx.metrics_started = time.perf_counter()

    async def count(request: Request, response: HTTPResponse) -> None:
        if request.path == "/webhook":
            started = getattr(request.ctx, "metrics_started", time.perf_counter())
            record(action_name(request), response.status, time.perf_counter() - started)

    app.register_middleware(start_clock, "request")
    app.register_middleware(count, "response")
