"""A small client of Rasa's authenticated HTTP API, for the hand-off to an officer (docs/handoff.md).

Rasa 3.6 (``rasa/server.py``): ``POST /conversations/<id>/tracker/events`` appends events (a list or
one) without running their side effects unless ``execute_side_effects`` is asked, and answers the
tracker; ``GET /conversations/<id>/tracker`` answers ``{"sender_id", "paused", "events": [...]}`` (events
since the last restart by default). Both need ``?token=`` (``rasa run --auth-token``). The app talks to
Rasa itself or one replica (``RASA_ADMIN_URL``), never the public proxy, which does not pass these paths.

Any failure — refused connection, timeout, an HTTP error, an answer that is not JSON — is one
``AssistantUnavailable`` with a short reason and no personal data, which ``motcua.handoff.relay`` records
and retries. Usable outside Flask: ``RasaAdmin("http://127.0.0.1:5005", token)``.
"""

from __future__ import annotations

from urllib.parse import quote

import requests
from flask import current_app

from motcua.handoff.relay import AssistantUnavailable


class RasaAdmin:
    """Pause, resume, read the events of and append bot messages to one conversation in Rasa."""

    def __init__(self, base_url: str, token: str, timeout: float = 3.0, session: requests.Session | None = None):
        self.base_url, self.token, self.timeout = base_url.rstrip("/"), token, timeout
        self.http = session or requests.Session()

    def pause(self, sender_id: str) -> None:
        """The assistant stops answering this conversation (its messages are still recorded)."""
        self._append(sender_id, [{"event": "pause"}])

    def resume(self, sender_id: str) -> None:
        """The assistant answers this conversation again."""
        self._append(sender_id, [{"event": "resume"}])

    def append_bot(self, sender_id: str, text: str, metadata: dict) -> None:
        """Record a message the citizen was sent by someone else (an officer) as the bot's utterance,
        without sending it through any channel (no side effects)."""
        self._append(sender_id, [{"event": "bot", "text": text, "metadata": metadata}])

    def events(self, sender_id: str) -> list[dict]:
        """The conversation's events since its last restart (user messages already scrubbed by the bot's store)."""
        body = self._call("GET", sender_id, "/tracker", None)
        events = body.get("events") if isinstance(body, dict) else None
        if not isinstance(events, list):
            raise AssistantUnavailable("Rasa trả lời không có danh sách sự kiện")
        return events

    def paused(self, sender_id: str) -> bool:
        """Whether Rasa holds the conversation paused (for checks and tests)."""
        body = self._call("GET", sender_id, "/tracker", None)
        return bool(isinstance(body, dict) and body.get("paused"))

    def _append(self, sender_id: str, events: list[dict]) -> None:
        self._call("POST", sender_id, "/tracker/events", events)

    def _call(self, method: str, sender_id: str, path: str, body: list | None) -> object:
        if not self.token:
            # Rasa's HTTP API is never run without a token here (make run, the cluster, production).
            raise AssistantUnavailable("Chưa cấu hình RASA_AUTH_TOKEN để gọi trợ lý ảo")
        url = f"{self.base_url}/conversations/{quote(sender_id, safe='')}{path}"
        try:
            answer = self.http.request(
                method,
                url,
                params={"token": self.token, "include_events": "AFTER_RESTART"},
                json=body,
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            raise AssistantUnavailable(f"Không kết nối được trợ lý ảo: {type(exc).__name__}") from None
        if answer.status_code != 200:
            raise AssistantUnavailable(f"Trợ lý ảo trả lỗi HTTP {answer.status_code}")
        try:
            return answer.json()
        except ValueError:
            raise AssistantUnavailable("Trợ lý ảo trả lời không phải JSON") from None


def rasa_admin() -> RasaAdmin:
    """The client configured for this app (``RASA_ADMIN_URL``, ``RASA_AUTH_TOKEN``); tests may put their
    own under ``app.extensions["motcua.rasa_admin"]``."""
    client = current_app.extensions.get("motcua.rasa_admin")
    if client is None:
        config = current_app.config
        client = RasaAdmin(config["RASA_ADMIN_URL"], config.get("RASA_AUTH_TOKEN", ""))
        current_app.extensions["motcua.rasa_admin"] = client
    return client
