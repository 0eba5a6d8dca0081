"""Relay — keeping the assistant (Rasa) in step with a handed-off conversation.

While an officer holds a conversation the assistant must stay silent in it (Rasa's ``pause`` event)
and speak again once it is closed (``resume``); the officer's and the system's messages are appended to
Rasa's tracker as bot utterances, so the conversation's history there is whole; and the citizen's
messages, which reach Rasa (the widget and Zalo talk to Rasa), are copied from the tracker into the
app's database for the officer.

Every change is stored before Rasa is called, and what Rasa has not confirmed stays pending
(``rasa_pending``, ``tracker_state``) and is tried again at the next ``push``: an unreachable Rasa
delays, never loses. The web layer provides the client (``kiosk.core.rasa_admin``); this module only
needs the ``Assistant`` protocol, so it is tested against an in-memory assistant.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from motcua.handoff.messages import ASSISTANT, add_copied
from motcua.handoff.models import CITIZEN, DONE, OFFICER, PENDING, SYSTEM, HandoffConversation, HandoffMessage

# How many earlier turns of the conversation with the assistant the officer sees when it is first read.
HISTORY_EVENTS = 30
# The marker put on the bot events the app appends, so copying the tracker skips them.
MARKER = "handoff_message"


class AssistantUnavailable(Exception):
    """The assistant did not answer or refused; the reason is short and holds no personal data."""


class Assistant(Protocol):
    def pause(self, sender_id: str) -> None: ...

    def resume(self, sender_id: str) -> None: ...

    def append_bot(self, sender_id: str, text: str, metadata: dict) -> None: ...

    def events(self, sender_id: str) -> list[dict]: ...


def push(session: Session, conversation: HandoffConversation, assistant: Assistant) -> bool:
    """Send Rasa what it has not confirmed yet, in order: the pause, the pending messages, the resume.
    Stops at the first failure, which every message still pending records (the officer sees "chưa gửi
    được"); commits what succeeded. True when all is done."""
    pending = _pending(session, conversation)
    try:
        if conversation.rasa_pending == "pause":
            assistant.pause(conversation.sender_id)
            conversation.rasa_pending = ""
            session.commit()
        while pending:
            message = pending[0]
            assistant.append_bot(conversation.sender_id, message.text, {MARKER: message.id})
            message.tracker_state, message.error = DONE, ""
            message.attempts += 1
            pending.pop(0)
            session.commit()
        if conversation.rasa_pending == "resume":
            assistant.resume(conversation.sender_id)
            conversation.rasa_pending = ""
            session.commit()
    except AssistantUnavailable as exc:
        for message in pending:
            message.attempts, message.error = message.attempts + 1, str(exc)[:255]
        session.commit()
        return False
    return True


def collect(session: Session, conversation: HandoffConversation, assistant: Assistant, now: datetime) -> int:
    """Copy the citizen's messages (and the assistant's answers before the hand-off, for context) from
    Rasa's tracker that are not stored yet; returns how many were stored. An unreachable Rasa copies
    nothing now (``AssistantUnavailable`` propagates) and the next call catches up."""
    events = [event for event in assistant.events(conversation.sender_id) if _is_message(event)]
    if conversation.citizen_seen_until <= 0:
        events = events[-HISTORY_EVENTS:]
    try:
        stored = _copy(session, conversation, events, now)
        session.commit()
    except IntegrityError:  # another page of the same conversation copied the same events just now
        session.rollback()
        return 0
    return stored


def pending_work(session: Session, unit_ids: Iterable[int]) -> list[HandoffConversation]:
    """Conversations of these units with something Rasa has not confirmed (for a retry pass)."""
    unit_ids = list(unit_ids)
    with_messages = (
        select(HandoffMessage.conversation_id)
        .where(HandoffMessage.tracker_state == PENDING, HandoffMessage.author.in_((OFFICER, SYSTEM)))
        .scalar_subquery()
    )
    query = select(HandoffConversation).where(
        HandoffConversation.unit_id.in_(unit_ids),
        (HandoffConversation.rasa_pending != "") | HandoffConversation.id.in_(with_messages),
    )
    return list(session.scalars(query.order_by(HandoffConversation.id).limit(20)))


def _copy(session: Session, conversation: HandoffConversation, events: list[dict], now: datetime) -> int:
    stored = 0
    for event in events:
        timestamp = float(event["timestamp"])
        if timestamp <= conversation.citizen_seen_until:
            continue
        author = CITIZEN if event["event"] == "user" else ASSISTANT
        if add_copied(session, conversation, author, str(event.get("text") or ""), timestamp, now) is not None:
            stored += 1
        conversation.citizen_seen_until = timestamp
    session.flush()
    return stored


def _pending(session: Session, conversation: HandoffConversation) -> list[HandoffMessage]:
    query = select(HandoffMessage).where(
        HandoffMessage.conversation_id == conversation.id,
        HandoffMessage.tracker_state == PENDING,
        HandoffMessage.author.in_((OFFICER, SYSTEM)),
    )
    return list(session.scalars(query.order_by(HandoffMessage.id)))


def _is_message(event: object) -> bool:
    """A user message, or a bot utterance the app did not append itself, with text and a timestamp."""
    if not isinstance(event, dict) or event.get("event") not in ("user", "bot"):
        return False
    if not isinstance(event.get("timestamp"), (int, float)) or not event.get("text"):
        return False
    metadata = event.get("metadata")
    return not (event["event"] == "bot" and isinstance(metadata, dict) and MARKER in metadata)
