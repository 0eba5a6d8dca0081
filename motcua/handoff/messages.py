"""Tin nhắn — the messages of a handed-off conversation, stored before they are delivered.

An officer's reply or a system notice is stored first; then it travels to the citizen by the channel:
the web widget reads it by polling the app (``for_widget``, which also marks what the widget has shown),
and a Zalo citizen gets it through the notification outbox (a ``Delivery`` the notification worker
sends and retries, migration 0005). Apart from that, a copy goes to the assistant's tracker
(``relay``) so Rasa's history of the conversation is complete; until Rasa has it, the message says so.

Citizen text is stored masked (``motcua.privacy.scrub``): it comes from Rasa's tracker, already
scrubbed by the bot's store, and is scrubbed again here. An officer's reply is stored as written: it is
the centre's answer and may rightly carry the unit's hotline.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from motcua.errors import Invalid
from motcua.handoff.models import (
    CITIZEN,
    DONE,
    FAILED,
    OFFICER,
    OPEN,
    PENDING,
    QUEUED,
    SENT,
    STORED,
    SYSTEM,
    HandoffConversation,
    HandoffMessage,
)
from motcua.notifications import models as outbox
from motcua.privacy.scrub import scrub

TEXT_LIMIT = 2000
ASSISTANT = "assistant"  # the assistant's own answers, copied from the tracker for the officer's history
_OUTBOX_STATES = {
    outbox.SENT: SENT,
    outbox.FAILED: FAILED,
    outbox.CANCELLED: FAILED,
    outbox.UNCONFIRMED: FAILED,
}
STATE_LABELS = {
    STORED: "Đã lưu, chờ người dân xem",
    QUEUED: "Đang gửi",
    SENT: "Đã gửi",
    FAILED: "Không gửi được",
}
NOT_DELIVERED = "Chưa gửi được, đang thử lại"


class MessageError(Invalid):
    """A message that cannot be stored; Vietnamese message."""


def add_officer(
    session: Session,
    conversation: HandoffConversation,
    text: str,
    officer_id: int | None,
    officer_name: str,
    now: datetime,
) -> HandoffMessage:
    """Store an officer's reply to an open conversation and queue its delivery (not committed)."""
    text = (text or "").strip()
    if not text:
        raise MessageError("Nội dung tin nhắn trống.", field="text")
    if len(text) > TEXT_LIMIT or "\x00" in text:
        raise MessageError(f"Tin nhắn dài quá {TEXT_LIMIT} ký tự hoặc có ký tự không hợp lệ.", field="text")
    if conversation.status != OPEN:
        raise MessageError(
            "Chỉ trả lời được cuộc trò chuyện đang mở (hãy nhận cuộc trò chuyện trước).", code="not_open"
        )
    return _outgoing(session, conversation, OFFICER, text, now, officer_id, officer_name)


def add_system(session: Session, conversation: HandoffConversation, text: str, now: datetime) -> HandoffMessage:
    """Store a notice of the system to the citizen (taken, closed) and queue its delivery."""
    return _outgoing(session, conversation, SYSTEM, text, now, None, conversation.officer_name)


def add_copied(
    session: Session, conversation: HandoffConversation, author: str, text: str, timestamp: float, now: datetime
) -> HandoffMessage | None:
    """Store a citizen message (or one of the assistant's answers) read from Rasa's tracker, masked;
    None when that tracker event was stored already."""
    seen = session.scalar(
        select(HandoffMessage.id).where(
            HandoffMessage.conversation_id == conversation.id, HandoffMessage.rasa_timestamp == timestamp
        )
    )
    if seen is not None:
        return None
    message = HandoffMessage(
        conversation=conversation,
        author=author,
        officer_name="",
        text=scrub(text)[:TEXT_LIMIT] if author == CITIZEN else (text or "")[:TEXT_LIMIT],
        created_at=now,
        rasa_timestamp=timestamp,
        delivery_state=SENT,
        tracker_state=DONE,
        attempts=0,
        error="",
    )
    session.add(message)
    return message


def for_widget(session: Session, conversation: HandoffConversation, after: int) -> list[HandoffMessage]:
    """The officer and system messages after id ``after``, for the widget's poll; asking after ``after``
    means the widget has shown everything up to it, so those are marked sent."""
    session.execute(
        update(HandoffMessage)
        .where(
            HandoffMessage.conversation_id == conversation.id,
            HandoffMessage.id <= after,
            HandoffMessage.author.in_((OFFICER, SYSTEM)),
            HandoffMessage.delivery_state == STORED,
        )
        .values(delivery_state=SENT)
    )
    query = select(HandoffMessage).where(
        HandoffMessage.conversation_id == conversation.id,
        HandoffMessage.id > after,
        HandoffMessage.author.in_((OFFICER, SYSTEM)),
    )
    return list(session.scalars(query.order_by(HandoffMessage.id).limit(50)))


def delivery_state(message: HandoffMessage) -> str:
    """Where an outgoing message stands for the citizen (Zalo: the outbox's delivery)."""
    if message.delivery is not None:
        return _OUTBOX_STATES.get(message.delivery.status, QUEUED)
    return message.delivery_state


def state_label(message: HandoffMessage) -> str:
    """The officer's view of a message's state, in Vietnamese: a message Rasa or Zalo has not taken yet
    after an attempt reads "chưa gửi được" until a retry succeeds."""
    if message.author not in (OFFICER, SYSTEM):
        return ""
    state = delivery_state(message)
    retrying = message.delivery is not None and message.delivery.status == outbox.RETRY and message.delivery.attempts
    if state != FAILED and (retrying or (message.tracker_state == PENDING and message.attempts)):
        return NOT_DELIVERED
    return STATE_LABELS.get(state, state)


def _outgoing(
    session: Session,
    conversation: HandoffConversation,
    author: str,
    text: str,
    now: datetime,
    officer_id: int | None,
    officer_name: str,
) -> HandoffMessage:
    message = HandoffMessage(
        conversation=conversation,
        author=author,
        officer_id=officer_id,
        officer_name=(officer_name or "")[:120],
        text=text,
        created_at=now,
        delivery_state=STORED,
        tracker_state=PENDING,
        attempts=0,
        error="",
    )
    session.add(message)
    session.flush()
    if conversation.channel == "zalo":
        message.delivery = outbox.Delivery(
            key=f"{outbox.CHAT_KEY_PREFIX}{message.id}",
            channel="zalo",
            recipient=conversation.sender_id,
            text=text,
            status=outbox.RETRY,
            attempts=0,
            created_at=now,
            next_attempt_at=now,
            error="",
        )
        message.delivery_state = QUEUED
    return message
