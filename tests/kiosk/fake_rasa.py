"""A fake Rasa REST channel for the chat widget's browser tests: answers from ``replies`` (after
``delays[message]`` seconds, for an assistant that is slow to answer), records what the widget sent, and
serves a foreign page embedding the widget."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

from bot.bot_tests.fake_zalo import serving


class FakeRasa:
    """Answers ``POST /webhooks/rest/webhook`` from ``replies`` (message → bot messages) with CORS,
    records what the widget sent, and serves ``/portal.html`` as a foreign page embedding the widget."""

    def __init__(self) -> None:
        self.replies: dict[str, list[dict]] = {}
        self.delays: dict[str, float] = {}
        self.received: list[dict] = []
        self.portal_html = ""
        self.url = ""

    @property
    def messages(self) -> list[str]:
        """The texts the widget sent, in order."""
        return [payload["message"] for payload in self.received]


def serve_fake_rasa() -> Iterator[FakeRasa]:
    fake = FakeRasa()

    class Handler(BaseHTTPRequestHandler):
        def _cors(self) -> None:
            self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin") or "*")
            self.send_header("Access-Control-Allow-Headers", "Content-Type")
            self.send_header("Access-Control-Allow-Methods", "POST, OPTIONS")

        def do_OPTIONS(self) -> None:
            self.send_response(204)
            self._cors()
            self.end_headers()

        def do_GET(self) -> None:
            body = fake.portal_html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            fake.received.append(payload)
            time.sleep(fake.delays.get(payload["message"], 0))
            body = json.dumps(fake.replies.get(payload["message"], []), ensure_ascii=False).encode()
            self.send_response(200)
            self._cors()
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args) -> None:
            pass

    with serving(Handler) as url:
        fake.url = url
        yield fake
