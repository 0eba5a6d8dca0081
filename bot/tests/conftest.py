"""Action tests: the app's API is answered by a small local HTTP server whose routes each test sets."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from actions.api_client import MotCuaAPI
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher


class FakeApp:
    """Routes ``(method, path) -> (status, body)``; records every request it receives."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], tuple[int, Any]] = {}
        self.requests: list[dict[str, Any]] = []

    def answer(self, method: str, path: str, status: int, body: Any) -> None:
        """Answer ``method path``; a path without "?" answers whatever the query string."""
        self.routes[(method, path)] = (status, body)

    def route_for(self, method: str, path: str) -> tuple[int, Any]:
        not_found = (404, {"error": "not_found", "message": "Không tìm thấy."})
        return self.routes.get((method, path)) or self.routes.get((method, path.split("?")[0]), not_found)


@pytest.fixture
def fake_app():
    app = FakeApp()

    class Handler(BaseHTTPRequestHandler):
        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            app.requests.append({"method": self.command, "path": self.path, "body": json.loads(raw) if raw else None})
            status, body = app.route_for(self.command, self.path)
            data = json.dumps(body, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = _handle

        def log_message(self, *_args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.url = f"http://127.0.0.1:{server.server_port}"
    yield app
    server.shutdown()
    server.server_close()


@pytest.fixture
def api(fake_app) -> MotCuaAPI:
    return MotCuaAPI(base_url=fake_app.url)


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def make_tracker(
    text: str = "",
    intent: str = "greet",
    slots: dict | None = None,
    entities: list | None = None,
    channel: str = "rest",
    earlier_intents: tuple[str, ...] = (),
) -> Tracker:
    """A tracker whose latest user message is ``text`` classified as ``intent``, typed on ``channel``,
    after user messages classified as ``earlier_intents``."""
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": entities or []}
    events = [
        {"event": "user", "timestamp": 1000.0 + i, "text": "", "parse_data": {"intent": {"name": name}}}
        for i, name in enumerate((*earlier_intents, intent))
    ]
    events[-1].update(text=text, parse_data=latest, input_channel=channel)
    return Tracker(
        sender_id="test-user",
        slots=slots or {},
        latest_message=latest,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )
