"""Action tests: the app's API is answered by a small local HTTP server whose routes each test sets.
Conversation tests talk to a real Rasa agent (the project's domain and rules, rule policy only) whose
actions run behind an HTTP action endpoint, as ``rasa run actions`` serves them.

The app's answers come from ``bot_tests/api_answers/`` (``recorded``) where they exist: they are recorded
from the real app, and ``tests/bot/test_api_contract.py`` (app side) fails when the app stops answering
that way, so a renamed field cannot hide behind a hand-written fake."""

from __future__ import annotations

import contextlib
import json
import re
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from actions.api_client import MotCuaAPI
from aiohttp import web
from rasa.model_training import train_core
from rasa_sdk import Tracker
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher

BOT = Path(__file__).resolve().parents[1]
UNIT = "000.00.00.H62"
API_ANSWERS = Path(__file__).resolve().parent / "api_answers"


def recorded(name: str) -> tuple[int, Any]:
    """The app's recorded answer ``name``: (status, body) — a fresh copy each time."""
    answer = json.loads((API_ANSWERS / f"{name}.json").read_text())
    return answer["status"], answer["body"]


# Routes whose answers are recorded from the app: an answer a test writes by hand for one of them may
# only use fields the app sends (``FakeApp.answer``), so a test cannot fake a field the app renamed.
RECORDED_ROUTES: list[tuple[str, re.Pattern[str], tuple[str, ...]]] = [
    ("GET", re.compile(r"/api/v1/dossiers/[^/?]+"), ("dossier_public", "dossier_resolved_public")),
    (
        "POST",
        re.compile(r"/api/v1/dossiers/[^/?]+/verify"),
        ("dossier_supplement_verified", "dossier_resolved_verified"),
    ),
    ("GET", re.compile(r"/api/v1/units/[^/?]+/rating-scale"), ("rating_scale",)),
    ("GET", re.compile(r"/api/v1/units/[^/?]+"), ("unit",)),
    ("POST", re.compile(r"/api/v1/ratings"), ("rating_created",)),
    ("POST", re.compile(r"/api/v1/complaints"), ("complaint_created",)),
    ("POST", re.compile(r"/api/v1/follows"), ("follow_created", "follow_created_zalo")),
    ("POST", re.compile(r"/api/v1/follows/stop"), ("follow_stopped",)),
    ("POST", re.compile(r"/api/v1/follows/inbox"), ("follow_inbox",)),
    (
        "POST",
        re.compile(r"/api/v1/conversations"),
        ("conversation_waiting", "conversation_closed_hours", "conversation_callback"),
    ),
]
# Every refusal of the app has this shape (kiosk/core/errors.py).
ERROR_FIELDS = {"error", "message"}


def fields_the_app_lacks(method: str, path: str, status: int, body: Any) -> list[str]:
    """Fields of a hand-written answer that the app's recorded answers for that route do not have."""
    if status >= 400 and path.startswith("/api/"):
        return sorted(set(body) - ERROR_FIELDS) if isinstance(body, dict) else ["body"]
    for route_method, pattern, names in RECORDED_ROUTES:
        if route_method == method and pattern.fullmatch(path.split("?")[0]):
            return _unknown(body, [recorded(name)[1] for name in names], "")
    return []


def _unknown(fake: Any, known: list[Any], where: str) -> list[str]:
    if isinstance(fake, dict):
        shapes = [item for item in known if isinstance(item, dict)]
        if not shapes:
            return []
        return [
            problem
            for key, value in fake.items()
            for problem in (
                _unknown(value, [shape[key] for shape in shapes if key in shape], f"{where}.{key}")
                if any(key in shape for shape in shapes)
                else [f"{where}.{key}"]
            )
        ]
    if isinstance(fake, list):
        items = [item for shape in known if isinstance(shape, list) for item in shape]
        return [problem for value in fake for problem in _unknown(value, items, f"{where}[]")] if items else []
    return []


class FakeApp:
    """Routes ``(method, path) -> (status, body)``; records every request it receives."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], Callable[[Any], tuple[int, Any]]] = {}
        self.requests: list[dict[str, Any]] = []
        # Cookies every answer sets (the app remembers ``?lang=`` in one).
        self.cookies: dict[str, str] = {}

    def answer(self, method: str, path: str, status: int, body: Any, beyond_the_app: bool = False) -> None:
        """Answer ``method path``; a path without "?" answers whatever the query string. A hand-written
        answer on a recorded route may use only the app's fields (``beyond_the_app``: a test of what the
        assistant does with a field the app does not send, e.g. a name in the public lookup)."""
        if not beyond_the_app:
            unknown = fields_the_app_lacks(method, path, status, body)
            assert not unknown, (
                f"{method} {path}: the app's recorded answers (bot_tests/api_answers) have no {unknown}; fake only "
                "what the app sends (tests/bot/test_api_contract.py records it)."
            )
        self.routes[(method, path)] = lambda _request_body: (status, body)

    def answer_recorded(self, method: str, path: str, name: str) -> None:
        """Answer ``method path`` with the app's recorded answer ``name`` (see ``recorded``)."""
        self.answer(method, path, *recorded(name))

    def answer_with(self, method: str, path: str, handler: Callable[[Any], tuple[int, Any]]) -> None:
        """Answer ``method path`` with ``handler(request body) -> (status, body)``, for checks the real app makes."""
        self.routes[(method, path)] = handler

    def route_for(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        handler = self.routes.get((method, path)) or self.routes.get((method, path.split("?")[0]))
        return handler(body) if handler else (404, {"error": "not_found", "message": "Không tìm thấy."})


def serve_fake_app(app: FakeApp) -> Callable[[], None]:
    """Serve ``app`` on a free loopback port (sets ``app.url``); returns the function that stops it."""

    class Handler(BaseHTTPRequestHandler):
        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            received = json.loads(raw) if raw else None
            app.requests.append(
                {"method": self.command, "path": self.path, "body": received, "headers": dict(self.headers)}
            )
            status, body = app.route_for(self.command, self.path, received)
            data = json.dumps(body, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in app.cookies.items():
                self.send_header("Set-Cookie", f"{name}={value}; Path=/")
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # a client that gave up waiting
                self.wfile.write(data)

        do_GET = do_POST = do_PUT = _handle

        def log_message(self, *_args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.url = f"http://127.0.0.1:{server.server_port}"

    def stop() -> None:
        server.shutdown()
        server.server_close()

    return stop


@pytest.fixture
def fake_app():
    app = FakeApp()
    stop = serve_fake_app(app)
    yield app
    stop()


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "slow: starts a real rasa run on the trained model (pytest -m slow)")


def pytest_collection_modifyitems(config, items) -> None:
    """Slow tests run only when asked for (``-m slow``, as scripts/test_bot.sh does after training)."""
    if "slow" in (config.option.markexpr or ""):
        return
    skip = pytest.mark.skip(reason="starts a real rasa run: scripts/test_bot.sh runs it (pytest -m slow)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def rules_model(tmp_path_factory) -> str:
    """The project's domain and rules trained with the rule policy alone (about a second)."""
    out = tmp_path_factory.mktemp("rules-model")
    config = out / "config.yml"
    config.write_text(
        "recipe: default.v1\nlanguage: vi\nassistant_id: rules-test\npipeline: []\npolicies:\n  - name: RulePolicy\n"
    )
    return train_core(str(BOT / "domain.yml"), str(config), str(BOT / "data"), str(out), fixed_model_name="rules")


@pytest.fixture
async def action_server(fake_app, monkeypatch):
    """The project's actions served over HTTP the way ``rasa run actions`` serves them."""
    monkeypatch.setenv("MOTCUA_API_URL", fake_app.url)
    monkeypatch.setenv("MOTCUA_UNIT", UNIT)
    executor = ActionExecutor()
    executor.register_package("actions")

    async def webhook(request: web.Request) -> web.Response:
        return web.json_response(await executor.run(await request.json()))

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}/webhook"
    await runner.cleanup()


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
