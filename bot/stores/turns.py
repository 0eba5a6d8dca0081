"""Lượt hỏi gửi về ứng dụng — each citizen turn, summarised and masked, forwarded to the app's insights
(``POST /api/v1/assistant/turns``, docs/assistant-insights.md) by the tracker store that saves it.

The store is the one place every turn passes, whichever replica handles it and whether the answer came from
an action or a response: after saving, ``ForwardingMixin`` summarises the conversation's last user turn —
time, channel, intent and confidence, the text as the redacting store keeps it (``stores/redaction.py``:
phone numbers, identification numbers, dossier codes and the phone digits hidden), how it ended
(``OUTCOMES`` of the app) and the procedure answered — and hands it to a ``TurnForwarder``.

The forwarder never holds up a conversation: the summary goes into a bounded queue (full: it is dropped and
counted) and one background thread posts it, retrying a failed post a few times with growing pauses; an app
that stays down loses turns, never answers. The app stores a turn once per (conversation, time), so the
same turn saved again (a later save of the conversation, the other replica) replaces itself.

Settings: ``MOTCUA_API_URL`` (the app), ``MOTCUA_TURNS_API_KEY`` (a key with scope ``turns``, or ``assistant``
which includes it; unset: nothing is forwarded).
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

import requests

from stores.redaction import RedactingSQLTrackerStore, RedactingTrackerStore, redact_events

logger = logging.getLogger(__name__)

URL_VARIABLE, KEY_VARIABLE = "MOTCUA_API_URL", "MOTCUA_TURNS_API_KEY"
PATH = "/api/v1/assistant/turns"
QUEUE_LIMIT = 1000
PAUSES = (0.5, 2.0, 8.0)  # before the 2nd, 3rd and 4th attempt
TIMEOUT_SECONDS = 3.0
# The last summary sent per conversation, to skip saves that changed nothing of the turn (an event the app
# appended, a session restart); bounded.
REMEMBERED = 10_000
CHANNELS = {"zalo": "zalo", "rest": "web", "socketio": "web"}
HANDOFF_ACTION = "action_human_handoff"
FALLBACK_ACTIONS = frozenset({"action_fallback", "action_default_fallback", "action_two_stage_fallback"})
FALLBACK_INTENTS = frozenset({"nlu_fallback", "out_of_scope"})
# What a catalogue answer's message says of itself (actions/answer_feedback.py, OUTCOME_KEY), by precedence.
MARKED = ("answered", "choices", "not_found")


class ForwardingMixin:
    """Saves as the store below it does, then offers the last user turn to the process's forwarder."""

    async def save(self, tracker: Any) -> None:
        await super().save(tracker)  # type: ignore[misc]
        try:
            events = [event.as_dict() for event in _tail(tracker.events)]
            summary = last_turn(tracker.sender_id, events, tracker.is_paused())
            if summary is not None:
                forwarder().offer(summary)
        except Exception:  # the conversation must go on whatever the insights do
            logger.exception("turn not forwarded")


class ForwardingTrackerStore(ForwardingMixin, RedactingTrackerStore):
    """The redacted in-memory store (``make run``), forwarding turns."""


class ForwardingSQLTrackerStore(ForwardingMixin, RedactingSQLTrackerStore):
    """The redacted SQL store (several replicas), forwarding turns."""


def last_turn(sender_id: str, events: list[dict[str, Any]], paused: bool = False) -> dict[str, Any] | None:
    """The summary of the last user turn in ``events`` (serialised, oldest first), masked; None without one."""
    users = [index for index, event in enumerate(events) if event.get("event") == "user"]
    if not users:
        return None
    events = redact_events(events[users[-2] if len(users) > 1 else users[-1] :])
    user_at = max(index for index, event in enumerate(events) if event.get("event") == "user")
    user, after = events[user_at], events[user_at + 1 :]
    parse = user.get("parse_data") or {}
    intent = parse.get("intent") or {}
    outcome, procedure = ("officer", None) if paused else _outcome(intent.get("name"), after)
    text = (user.get("text") or "").strip()
    question = ""
    if outcome == "handoff":
        typed = text and not text.startswith("/") and intent.get("name") != "human_handoff"
        before = events[0] if user_at > 0 else {}
        earlier = (before.get("text") or "").strip()
        question = text if typed else (earlier if earlier and not earlier.startswith("/") else "")
    confidence = intent.get("confidence")
    return {
        "conversation_id": sender_id,
        "at": user.get("timestamp"),
        "channel": CHANNELS.get(str(user.get("input_channel") or ""), "other"),
        "intent": str(intent.get("name") or "")[:64],
        "confidence": confidence if isinstance(confidence, int | float) and 0 <= confidence <= 1 else None,
        "outcome": outcome,
        "procedure": procedure,
        "text": text,
        "question": question,
    }


class TurnForwarder:
    """Posts summaries to the app from one background thread (module docstring); ``offer`` never blocks."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        limit: int = QUEUE_LIMIT,
        pauses: Iterable[float] = PAUSES,
        session: requests.Session | None = None,
    ) -> None:
        self.url = base_url.rstrip("/") + PATH
        self.pauses = tuple(pauses)
        self.queue: queue.Queue[dict[str, Any]] = queue.Queue(maxsize=limit)
        self.http = session or requests.Session()
        self.http.headers["Authorization"] = f"Bearer {api_key}"
        self.sent = self.dropped = self.failed = 0
        self._last: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def offer(self, summary: dict[str, Any]) -> bool:
        """Queue ``summary`` unless the same was sent last for its conversation; False when dropped."""
        with self._lock:
            if self._last.get(summary["conversation_id"]) == summary:
                return True
            self._last[summary["conversation_id"]] = summary
            self._last.move_to_end(summary["conversation_id"])
            while len(self._last) > REMEMBERED:
                self._last.popitem(last=False)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="turn-forwarder", daemon=True)
                self._thread.start()
        try:
            self.queue.put_nowait(summary)
        except queue.Full:
            self.dropped += 1
            if self.dropped % 100 == 1:
                logger.warning("turn forwarder queue full: %d turns dropped so far", self.dropped)
            return False
        return True

    def wait(self, timeout: float) -> bool:
        """True once every queued summary was handled (sent or given up) within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.queue.unfinished_tasks == 0:
                return True
            time.sleep(0.02)
        return False

    def _run(self) -> None:
        while True:
            summary = self.queue.get()
            try:
                self._send(summary)
            finally:
                self.queue.task_done()

    def _send(self, summary: dict[str, Any]) -> None:
        for attempt in range(len(self.pauses) + 1):
            if attempt:
                time.sleep(self.pauses[attempt - 1])
            try:
                answer = self.http.post(self.url, json=summary, timeout=TIMEOUT_SECONDS)
            except requests.RequestException as exc:
                reason = type(exc).__name__
                continue
            if answer.status_code < 400:
                self.sent += 1
                return
            reason = f"HTTP {answer.status_code}"
            if answer.status_code < 500 and answer.status_code not in (408, 429):
                break  # refused for good: sending again changes nothing
        self.failed += 1
        # Never the text nor the conversation id: only why.
        logger.warning("turn not stored by the app (%s); %d lost so far", reason, self.failed)


def forwarder() -> TurnForwarder | _Silent:
    """The process's forwarder, made from the environment at first use; a silent one without a key."""
    global _FORWARDER
    if _FORWARDER is None:
        key = os.environ.get(KEY_VARIABLE, "").strip()
        if key:
            _FORWARDER = TurnForwarder(os.environ.get(URL_VARIABLE) or "http://localhost:5000", key)
        else:
            logger.info("%s unset: the assistant's turns are not forwarded to the app", KEY_VARIABLE)
            _FORWARDER = _Silent()
    return _FORWARDER


class _Silent:
    def offer(self, summary: dict[str, Any]) -> bool:
        return False


_FORWARDER: TurnForwarder | _Silent | None = None


def _outcome(intent: str | None, after: list[dict[str, Any]]) -> tuple[str, str | None]:
    actions = {event.get("name") for event in after if event.get("event") == "action"}
    bots = [event for event in after if event.get("event") == "bot"]
    if HANDOFF_ACTION in actions or intent == "human_handoff" or any(_custom(bot).get("handoff") for bot in bots):
        return "handoff", None
    marks = [(bot.get("metadata") or {}) for bot in bots]
    for outcome in MARKED:
        marked = [mark for mark in marks if mark.get("assistant_outcome") == outcome]
        if marked:
            return outcome, (marked[-1].get("procedure") if outcome == "answered" else None)
    if intent in FALLBACK_INTENTS or actions & FALLBACK_ACTIONS:
        return "fallback", None
    return "other", None


def _custom(bot: dict[str, Any]) -> dict[str, Any]:
    custom = (bot.get("data") or {}).get("custom")
    return custom if isinstance(custom, dict) else {}


def _tail(events: Iterable[Any]) -> list[Any]:
    """The events from the second-to-last user message on (the turn and the question before it)."""
    tail: list[Any] = []
    users = 0
    for event in reversed(list(events)):
        tail.append(event)
        if type(event).__name__ == "UserUttered":
            users += 1
            if users == 2:
                break
    return tail[::-1]
