"""The one client of the Một Cửa JSON API used by every action.

Errors become ``ApiUnavailable`` (network, 5xx) or ``ApiError`` (4xx with the API's Vietnamese
message), so actions can answer politely instead of showing a stack trace.

The assistant is one client of the app serving many citizens: it signs in with its own API key
(``MOTCUA_API_KEY``, scope ``assistant``, made by ``scripts/run.sh``) and names the conversation a
lookup is made for (``X-Motcua-Conversation``), so the app limits lookups per citizen, not per action
server.
"""

from __future__ import annotations

import abc
import asyncio
import hashlib
import http.cookiejar
import logging
import os
import re
from typing import Any
from urllib.parse import quote, urlencode

import requests
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

DEFAULT_BASE_URL = "http://localhost:5000"
# Per try. A read or a keyed write that timed out is tried once more (the instance left when another
# died may hold a queue for a moment): at most 10 s, well inside the proxy's 60 s for the chat.
TIMEOUT_SECONDS = 5.0
CONVERSATION_HEADER = "X-Motcua-Conversation"
# The proxy could not get an answer from an app instance (it died or is restarting): another may.
_GATEWAY_ERRORS = frozenset({502, 503, 504})
# A sender id sent as it is when it is a plain token; anything else (spaces, non-ASCII, very long) is
# sent as its digest, which still tells conversations apart and cannot break the header.
_PLAIN_SENDER = re.compile(r"[A-Za-z0-9._:@+=-]{1,128}")

log = logging.getLogger(__name__)


class ApiUnavailable(Exception):
    """The app could not be reached or failed (network error, timeout, 5xx)."""


class ApiError(Exception):
    """The app refused the request (4xx); ``message`` is Vietnamese and safe to show."""

    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status, self.error, self.message = status, error, message


class MotCuaAPI:
    """Thin wrapper over ``/api/v1`` and ``/healthz``."""

    def __init__(
        self,
        base_url: str | None = None,
        session: requests.Session | None = None,
        api_key: str | None = None,
        timeout: float = TIMEOUT_SECONDS,
    ) -> None:
        self.base_url = (base_url or os.environ.get("MOTCUA_API_URL") or DEFAULT_BASE_URL).rstrip("/")
        self.timeout = timeout
        self.http = session or requests.Session()
        # One client for every citizen: the app's cookies (it remembers ?lang=en in one) must not carry
        # one citizen's choice into another's answers.
        self.http.cookies.set_policy(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
        key = api_key if api_key is not None else os.environ.get("MOTCUA_API_KEY", "")
        if key:
            self.http.headers["Authorization"] = f"Bearer {key}"

    def health(self) -> dict[str, Any]:
        """The app's /healthz answer (raises ApiUnavailable when the app or its database is down)."""
        return self._request("GET", "/healthz")

    def unit(self, code: str) -> dict[str, Any]:
        """A unit's public details: name, address, hotline, opening hours, Zalo OA."""
        return self._request("GET", f"/api/v1/units/{_segment(code)}")

    def search_procedures(self, text: str, limit: int = 5, level: str | None = None) -> list[dict[str, Any]]:
        """Catalogue search over the citizen's whole message: ``[{code, name, levels, field, score}]``;
        ``level`` ("xa" | "tinh" | "bo") ranks first the procedures a centre of that level handles."""
        query = urlencode({"q": text, "limit": limit, **({"level": level} if level else {})})
        return self._request("GET", f"/api/v1/procedures?{query}").get("items", [])

    def procedure(self, code: str) -> dict[str, Any]:
        """The structured record of one procedure (documents, channels with fee and time, online)."""
        return self._request("GET", f"/api/v1/procedures/{_segment(code)}")

    def dossier(self, code: str, conversation: str | None = None, lang: str = "vi") -> dict[str, Any]:
        """What the public lookup shows of a dossier: procedure, state, dates; no personal data. Labels in
        English for ``lang="en"``."""
        return self._request("GET", f"/api/v1/dossiers/{_segment(code)}{_lang(lang)}", conversation=conversation)

    def verify_dossier(
        self, code: str, phone_last4: str, conversation: str | None = None, lang: str = "vi"
    ) -> dict[str, Any]:
        """What the lookup page shows after the phone check (applicant, steps, documents to supplement)
        and a ``rating_token`` that lets this conversation rate or complain about the dossier."""
        return self._request(
            "POST",
            f"/api/v1/dossiers/{_segment(code)}/verify{_lang(lang)}",
            json={"phone_last4": phone_last4},
            conversation=conversation,
            retry=True,
        )

    def rating_scale(self, unit_code: str) -> dict[str, Any]:
        """The unit's satisfaction scale (the same the kiosk shows): levels, attitudes, reasons."""
        return self._request("GET", f"/api/v1/units/{_segment(unit_code)}/rating-scale")

    def submit_rating(self, rating: dict[str, Any], conversation: str | None = None) -> dict[str, Any]:
        """Record a rating (idempotent on ``idempotency_key``)."""
        return self._request("POST", "/api/v1/ratings", json=rating, conversation=conversation, retry=True)

    def submit_complaint(self, complaint: dict[str, Any], conversation: str | None = None) -> dict[str, Any]:
        """Record a complaint; the answer carries its reference and how it will be handled."""
        return self._request("POST", "/api/v1/complaints", json=complaint, conversation=conversation)

    def follow(self, token: str, channel: str, recipient: str) -> dict[str, Any]:
        """Theo dõi hồ sơ: the phone check's ``rating_token`` names the dossier; ``channel`` ("web" | "zalo")
        and ``recipient`` (the widget's session, the Zalo user id) say where its changes are told."""
        body = {"token": token, "channel": channel, "recipient": recipient}
        return self._request("POST", "/api/v1/follows", json=body, conversation=recipient, retry=True)

    def unfollow(self, code: str, channel: str, recipient: str) -> dict[str, Any]:
        """Hủy theo dõi: ``{code, channel, following: false, stopped}`` (stopped: it was followed)."""
        body = {"code": code, "channel": channel, "recipient": recipient}
        return self._request("POST", "/api/v1/follows/stop", json=body, conversation=recipient, retry=True)

    def follow_inbox(self, channel: str, recipient: str) -> dict[str, Any]:
        """What ``recipient`` follows (``dossiers``) and, for a widget session, the news not yet shown
        (``notifications``, marked shown by this call: they must be shown now)."""
        body = {"channel": channel, "recipient": recipient}
        return self._request("POST", "/api/v1/follows/inbox", json=body, conversation=recipient)

    def open_conversation(self, request: dict[str, Any]) -> dict[str, Any]:
        """Gặp cán bộ: put the conversation in its unit's queue (``POST /api/v1/conversations``; the app
        answers the same conversation already waiting or open instead of queuing it twice, so a retry is
        safe). ``request``: ``conversation_id``, ``channel``, ``reason`` and optionally ``question`` (masked)
        and ``contact`` (a callback outside working hours). The answer: ``status`` ("waiting" with its
        ``position``, "open", "callback", or "closed_hours" with ``back_at`` and nothing queued)."""
        conversation = request["conversation_id"]
        return self._request("POST", "/api/v1/conversations", json=request, conversation=conversation, retry=True)

    def conversation_of(self, sender_id: str) -> dict[str, Any]:
        """The hand-off of this conversation (its ``status``); ApiError 404 when it never had one."""
        return self._request("GET", f"/api/v1/conversations/by-sender/{_segment(sender_id)}", conversation=sender_id)

    def _request(
        self, method: str, path: str, conversation: str | None = None, retry: bool | None = None, **kwargs: Any
    ) -> Any:
        """One call to the app. A read, or a write the app takes at most once (``retry=True``: the phone
        check, a rating with its idempotency key), is sent once more when the connection fails, the answer
        is late or the proxy answers 502/503/504: behind several app instances, the one that died
        mid-request leaves the citizen an "unreachable" answer that another try would have served."""
        if conversation:
            kwargs["headers"] = {CONVERSATION_HEADER: conversation_header(conversation)}
        attempts = 2 if (method == "GET" if retry is None else retry) else 1
        for attempt in range(attempts):
            try:
                response = self.http.request(method, self.base_url + path, timeout=self.timeout, **kwargs)
            except requests.RequestException as exc:
                if attempt + 1 < attempts:
                    continue
                _unavailable(method, path, exc.__class__.__name__)
                raise ApiUnavailable(str(exc)) from exc
            if response.status_code in _GATEWAY_ERRORS and attempt + 1 < attempts:
                continue
            break
        if response.status_code >= 500:
            _unavailable(method, path, str(response.status_code))
            raise ApiUnavailable(f"{response.status_code} from {path}")
        try:
            body = response.json()
        except ValueError as exc:
            raise ApiUnavailable(f"non-JSON answer from {path}") from exc
        if response.status_code >= 400:
            raise ApiError(response.status_code, body.get("error", "error"), body.get("message", ""))
        return body


def _unavailable(method: str, path: str, reason: str) -> None:
    """Logged for the operator: the citizen only sees "temporarily unavailable". The resource alone is
    named (/api/v1/dossiers), never the code or sender that follows it."""
    log.warning("app unavailable: %s %s: %s", method, "/".join(path.split("?")[0].split("/")[:4]), reason)


class ApiAction(Action, metaclass=abc.ABCMeta):
    """An action that calls the app. Its work (``answer``) runs in a worker thread: the action server
    is one event loop, and a blocking HTTP call there would hold up every other conversation.
    Abstract, so the SDK's executor does not register it as an action of its own."""

    def __init__(self, api: MotCuaAPI | None = None) -> None:
        self.api = api or MotCuaAPI()

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        return await asyncio.to_thread(self.answer, dispatcher, tracker, domain)

    @abc.abstractmethod
    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        """The action's work, synchronous (it may call ``self.api``)."""


def public_base_url() -> str:
    """Where citizens open the app's pages (procedure details, dossier lookup)."""
    return (os.environ.get("PUBLIC_BASE_URL") or os.environ.get("MOTCUA_API_URL") or DEFAULT_BASE_URL).rstrip("/")


def conversation_header(sender_id: str) -> str:
    """The conversation's id as the app's rate limits key it (see ``_PLAIN_SENDER``)."""
    if _PLAIN_SENDER.fullmatch(sender_id):
        return sender_id
    return "sha256-" + hashlib.sha256(sender_id.encode()).hexdigest()[:32]


def _segment(value: str) -> str:
    """A path segment, quoted so a typed value cannot reach another route."""
    return quote(value, safe=".-_")


def _lang(lang: str) -> str:
    """The query asking the app for English labels; Vietnamese (the app's default) asks nothing."""
    return "?lang=en" if lang == "en" else ""


def default_unit_code() -> str:
    """The centre this assistant speaks for (``MOTCUA_UNIT``)."""
    return os.environ.get("MOTCUA_UNIT", "000.00.00.H62")
