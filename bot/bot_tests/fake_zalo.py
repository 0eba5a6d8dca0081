"""A local stand-in for Zalo's OA API and OAuth server, close enough to catch real mistakes.

Like Zalo it answers HTTP 200 with ``error != 0``: ``-216`` for an unknown access token, and a refresh
error for a refresh token that was never issued or was already used (refresh tokens are single use).
Tests can queue specific answers per path or make the next calls fail at the network level.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

MESSAGE_PATH = "/v3.0/oa/message/cs"
TRANSACTION_PATH = "/v3.0/oa/message/transaction"  # template messages outside the consultation window
TOKEN_PATH = "/v4/oa/access_token"
APP_ID = "1234567890"
APP_SECRET_KEY = "app-secret-for-tests"
OA_SECRET_KEY = "oa-secret-for-tests"
OA_ID = "579745863508352884"


def zalo_event(
    event_name: str = "user_send_text",
    user_id: str = "2512523625412515",
    text: str | None = "xin chào",
    msg_id: str | None = "msg-1",
    sent_at: float | None = None,
    url: str = "https://zalo.example/a",
) -> dict[str, Any]:
    """An event shaped like Zalo's webhook payload (timestamp in milliseconds, as a string)."""
    event: dict[str, Any] = {
        "app_id": APP_ID,
        "oa_id": OA_ID,
        "user_id_by_app": "552177279717587730",
        "event_name": event_name,
        "timestamp": str(int((time.time() if sent_at is None else sent_at) * 1000)),
    }
    if event_name == "follow":
        event.update(source="oa_follow", follower={"id": user_id})
        return event
    event.update(sender={"id": user_id}, recipient={"id": OA_ID})
    if event_name == "user_send_text":
        event["message"] = {"text": text, "msg_id": msg_id}
    elif event_name.startswith("user_send_"):
        attachment = {"type": event_name.removeprefix("user_send_"), "payload": {"url": url, "thumbnail": url}}
        event["message"] = {"msg_id": msg_id, "attachments": [attachment]}
    return event


def signed(event: dict[str, Any], secret: str = OA_SECRET_KEY) -> tuple[bytes, dict[str, str]]:
    """The raw body and headers Zalo would post for ``event``: ``mac`` = SHA-256(app_id + body + timestamp + key)."""
    raw = json.dumps(event, ensure_ascii=False).encode()
    mac = hashlib.sha256(APP_ID.encode() + raw + event["timestamp"].encode() + secret.encode()).hexdigest()
    return raw, {"X-ZEvent-Signature": f"mac={mac}", "Content-Type": "application/json"}


class FakeZalo:
    """Records every request; ``sent`` holds the messages Zalo accepted (what the citizen would see)."""

    def __init__(self, access_tokens: tuple[str, ...] = ("at-0",), refresh_tokens: tuple[str, ...] = ("rt-0",)):
        self.url = ""
        self.requests: list[dict[str, Any]] = []
        self.sent: list[dict[str, Any]] = []
        self.valid_access_tokens = set(access_tokens)
        self.valid_refresh_tokens = set(refresh_tokens)
        self.token_lifetime = "90000"
        self._scripted: dict[str, list[tuple[int, Any]]] = {}
        self._drops: dict[str, int] = {}
        self._serial = itertools.count(1)
        self._lock = threading.Lock()
        # Zalo's CDN: path -> (status, content type, bytes) served on GET, like the URL of a sent photo.
        self.media: dict[str, tuple[int, str, bytes]] = {}

    def add_media(self, path: str, data: bytes, content_type: str = "image/jpeg", status: int = 200) -> str:
        """Serve ``data`` at ``path`` as the CDN would; returns its URL."""
        self.media[path] = (status, content_type, data)
        return f"{self.url}{path}"

    def answer_next(self, path: str, body: Any, status: int = 200) -> None:
        """Answer the next call to ``path`` with ``body`` instead of the normal behaviour."""
        with self._lock:
            self._scripted.setdefault(path, []).append((status, body))

    def drop_next(self, path: str, count: int = 1) -> None:
        """Close the connection without answering the next ``count`` calls to ``path``."""
        with self._lock:
            self._drops[path] = self._drops.get(path, 0) + count

    def calls(self, path: str) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["path"] == path]

    def handle(self, path: str, headers: dict[str, str], raw: bytes) -> tuple[int, Any] | None:
        """The answer to one request, or None to drop the connection."""
        with self._lock:
            record = {"path": path, "headers": headers, "raw": raw, "body": _decode(headers, raw)}
            self.requests.append(record)
            if self._drops.get(path):
                self._drops[path] -= 1
                return None
            if self._scripted.get(path):
                return self._scripted[path].pop(0)
            if path in (MESSAGE_PATH, TRANSACTION_PATH):
                return 200, self._message(headers, record["body"])
            if path == TOKEN_PATH:
                return 200, self._refresh(headers, record["body"])
            return 404, {"error": 404, "message": "not found"}

    def _message(self, headers: dict[str, str], body: Any) -> dict[str, Any]:
        if headers.get("access_token") not in self.valid_access_tokens:
            return {"error": -216, "message": "Access token is invalid"}
        if not isinstance(body, dict) or not body.get("recipient", {}).get("user_id") or "message" not in body:
            return {"error": -201, "message": "Parameters are invalid"}
        self.sent.append(body)
        user = body["recipient"]["user_id"]
        return {"error": 0, "message": "Success", "data": {"message_id": f"m{next(self._serial)}", "user_id": user}}

    def _refresh(self, headers: dict[str, str], form: Any) -> dict[str, Any]:
        if headers.get("secret_key") != APP_SECRET_KEY or form.get("app_id") != APP_ID:
            return {"error": -14002, "error_name": "Invalid app", "error_description": "secret key invalid"}
        if form.get("grant_type") != "refresh_token" or form.get("refresh_token") not in self.valid_refresh_tokens:
            return {
                "error": -14014,
                "error_name": "Invalid refresh token",
                "error_description": "refresh token invalid",
            }
        self.valid_refresh_tokens.discard(form["refresh_token"])
        serial = next(self._serial)
        pair = {"access_token": f"at-{serial}", "refresh_token": f"rt-{serial}", "expires_in": self.token_lifetime}
        self.valid_access_tokens.add(pair["access_token"])
        self.valid_refresh_tokens.add(pair["refresh_token"])
        return pair


class JsonHandler(BaseHTTPRequestHandler):
    """What the local fakes' request handlers share: a JSON answer, and no access log in the test output."""

    def send_json(self, status: int, body: Any, ensure_ascii: bool = True) -> None:
        data = json.dumps(body, ensure_ascii=ensure_ascii).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_args: Any) -> None:
        pass


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """``handler`` served on a free loopback port for the duration of the block; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def running_fake_zalo(**kwargs: Any) -> Iterator[FakeZalo]:
    """A FakeZalo served on 127.0.0.1 (a free port) for the duration of the block."""
    fake = FakeZalo(**kwargs)

    class Handler(JsonHandler):
        def do_GET(self) -> None:
            fake.requests.append({"path": self.path, "method": "GET", "headers": dict(self.headers), "raw": b""})
            status, content_type, data = fake.media.get(self.path, (404, "text/plain", b"not found"))
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            headers = {key.lower(): value for key, value in self.headers.items()}
            answer = fake.handle(self.path, headers, raw)
            if answer is None:
                self.close_connection = True
                self.connection.shutdown(2)
                return
            self.send_json(*answer)

    with serving(Handler) as url:
        fake.url = url
        yield fake


def _decode(headers: dict[str, str], raw: bytes) -> Any:
    if not raw:
        return None
    if headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return {key: values[0] for key, values in parse_qs(raw.decode()).items()}
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode(errors="replace")


class FakePhotoApp:
    """The app's ``POST /api/v1/photos/receipt`` as the channel sees it: records what it received and
    answers what the test scripted (the real decoding is tested in the app's own suite)."""

    def __init__(self) -> None:
        self.url = ""
        self.received: list[dict[str, Any]] = []
        self.answer: tuple[int, dict[str, Any]] = (422, {"error": "no_code", "message": "Chưa đọc được mã QR."})


@contextmanager
def running_fake_photo_app() -> Iterator[FakePhotoApp]:
    app = FakePhotoApp()

    class Handler(JsonHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            app.received.append({"path": self.path, "headers": dict(self.headers), "raw": raw})
            self.send_json(*app.answer, ensure_ascii=False)

    with serving(Handler) as url:
        app.url = url
        yield app
