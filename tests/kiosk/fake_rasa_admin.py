"""A fake of Rasa's authenticated tracker API, for the hand-off tests where Rasa is not the subject (the
end-to-end tests with a real Rasa are the bot's): ``GET /conversations/<id>/tracker`` and ``POST
/conversations/<id>/tracker/events`` with ``?token=``, as Rasa 3.6's ``rasa/server.py`` answers them
(401 without the right token; the tracker as ``{"sender_id", "paused", "events"}``), plus a switch that
answers 503 as a Rasa that is down would (its proxy's answer) and a record of every call."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from urllib.parse import parse_qs, unquote, urlsplit

from bot.bot_tests.fake_zalo import JsonHandler, serving

TOKEN = "rasa-test-token"


class FakeRasaAdmin:
    def __init__(self) -> None:
        self.events: dict[str, list[dict]] = {}
        self.paused: dict[str, bool] = {}
        self.calls: list[tuple[str, str, object]] = []
        self.down = False
        self.url = ""

    def say(self, sender_id: str, text: str) -> None:
        """The citizen writes (as the widget's message would reach Rasa)."""
        self.events.setdefault(sender_id, []).append({"event": "user", "text": text, "timestamp": time.time()})

    def bot_texts(self, sender_id: str) -> list[str]:
        return [e.get("text") for e in self.events.get(sender_id, []) if e.get("event") == "bot"]


def serve_fake_rasa_admin() -> Iterator[FakeRasaAdmin]:
    fake = FakeRasaAdmin()

    class Handler(JsonHandler):
        def _answer(self, status: int, body: object) -> None:
            self.send_json(status, body, ensure_ascii=False)

        def _route(self) -> tuple[str, str] | None:
            parts = urlsplit(self.path)
            if parse_qs(parts.query).get("token") != [TOKEN]:
                self._answer(401, {"status": "failure", "reason": "NotAuthenticated"})
                return None
            if fake.down:
                self._answer(503, {"status": "failure"})
                return None
            path = parts.path
            if not path.startswith("/conversations/"):
                self._answer(404, {})
                return None
            sender, _, rest = path.removeprefix("/conversations/").partition("/")
            return unquote(sender), rest

        def do_GET(self) -> None:
            route = self._route()
            if route is None:
                return
            sender, rest = route
            fake.calls.append(("GET", sender, rest))
            tracker = {
                "sender_id": sender,
                "paused": fake.paused.get(sender, False),
                "events": fake.events.get(sender, []),
            }
            self._answer(200, tracker)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"null")
            route = self._route()
            if route is None:
                return
            sender, rest = route
            fake.calls.append(("POST", sender, body))
            for event in body if isinstance(body, list) else [body]:
                if event["event"] in ("pause", "resume"):
                    fake.paused[sender] = event["event"] == "pause"
                fake.events.setdefault(sender, []).append({**event, "timestamp": time.time()})
            self._answer(200, {"sender_id": sender, "paused": fake.paused.get(sender, False)})

    with serving(Handler) as url:
        fake.url = url
        yield fake


def connect(app, fake: FakeRasaAdmin) -> None:
    """Point the app's Rasa client at the fake."""
    app.config.update(RASA_ADMIN_URL=fake.url, RASA_AUTH_TOKEN=TOKEN)
    app.extensions.pop("motcua.rasa_admin", None)
