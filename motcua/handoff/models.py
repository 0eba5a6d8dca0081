"""Tables of the hand-off to an officer (chuyển cho cán bộ): a conversation of the assistant queued for
its unit's officers, the messages exchanged while an officer holds it, and each unit's own hand-off hours.

The app's database is the system of record of the hand-off: Rasa keeps the assistant's tracker, but
every message an officer or the citizen writes while the conversation is handed off is stored here
first (masked, ``motcua.privacy.scrub``), and delivered after — so a channel that does not answer
delays a message, never loses it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

import motcua.accounts  # the foreign keys point to users
import motcua.notifications.models  # noqa: F401  (and to the notification outbox's deliveries)
from motcua.db import Base
from motcua.privacy.crypto import EncryptedString

# Conversation states: queued (waiting), held by an officer (open), given back to the assistant
# (closed), or left outside working hours with a question and a contact to call back (callback).
WAITING, OPEN, CLOSED, CALLBACK = "waiting", "open", "closed", "callback"
STATUSES = {WAITING: "Đang chờ", OPEN: "Đang trò chuyện", CLOSED: "Đã kết thúc", CALLBACK: "Chờ gọi lại"}
CHANNELS = ("web", "zalo", "rest")
REASONS = {"asked": "Người dân yêu cầu", "fallback": "Trợ lý không hiểu", "button": "Bấm nút Gặp cán bộ"}

CITIZEN, OFFICER, SYSTEM = "citizen", "officer", "system"

# Where a message written here stands on its way to the citizen (officer and system messages).
# ``stored``: kept, the widget shows it at its next poll; ``queued``: in the Zalo outbox; ``sent``:
# delivered (Zalo) or shown (the widget asked for messages after it); ``failed``: the channel refused
# it for good. Its copy in Rasa's tracker is tracked apart (``tracker_state``), retried until written.
STORED, QUEUED, SENT, FAILED = "stored", "queued", "sent", "failed"
PENDING, DONE = "pending", "done"


class HandoffConversation(Base):
    """Cuộc trò chuyện chuyển cán bộ — one hand-off of one assistant conversation (Rasa's sender id)."""

    __tablename__ = "handoff_conversations"
    __table_args__ = (
        Index("ix_handoff_conversations_unit_id_status", "unit_id", "status"),
        Index("ix_handoff_conversations_sender_id", "sender_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    channel: Mapped[str] = mapped_column(String(10))
    # Rasa's sender id: the widget's random session id, or the citizen's Zalo user id (the recipient).
    sender_id: Mapped[str] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(10), default=WAITING)
    reason: Mapped[str] = mapped_column(String(16), default="asked")
    # The citizen's question, masked; a callback's phone number, encrypted (the officer calls it).
    question: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(EncryptedString(255), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    taken_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    # Who took it as shown to the citizen: the officer's name, or the API key's name for a tool.
    officer_name: Mapped[str] = mapped_column(String(120), default="")
    # Rasa's pause/resume not yet confirmed by Rasa ("pause", "resume" or ""): retried.
    rasa_pending: Mapped[str] = mapped_column(String(10), default="")
    # Timestamp (Rasa's, seconds since the epoch) of the last citizen message copied from the tracker.
    citizen_seen_until: Mapped[float] = mapped_column(Float, default=0.0)

    unit = relationship("Unit")
    officer = relationship("User")
    messages: Mapped[list[HandoffMessage]] = relationship(
        back_populates="conversation", order_by="HandoffMessage.id", cascade="all, delete-orphan"
    )


class HandoffMessage(Base):
    """Một tin nhắn — one message of a handed-off conversation, by the citizen, an officer or the system."""

    __tablename__ = "handoff_messages"
    __table_args__ = (UniqueConstraint("conversation_id", "rasa_timestamp"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("handoff_conversations.id"), index=True)
    author: Mapped[str] = mapped_column(String(10))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    officer_name: Mapped[str] = mapped_column(String(120), default="")
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # A citizen message's event timestamp in Rasa's tracker: copying the tracker twice stores it once.
    rasa_timestamp: Mapped[float | None] = mapped_column(Float, default=None)
    delivery_state: Mapped[str] = mapped_column(String(10), default=STORED)
    # The Zalo message in the notification outbox carrying this one (retried by the worker).
    delivery_id: Mapped[int | None] = mapped_column(ForeignKey("deliveries.id"), default=None)
    tracker_state: Mapped[str] = mapped_column(String(10), default=PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str] = mapped_column(String(255), default="")

    conversation: Mapped[HandoffConversation] = relationship(back_populates="messages")
    delivery = relationship("Delivery")


class HandoffHours(Base):
    """Giờ tiếp nhận trò chuyện — a unit's own hand-off hours, when they differ from the configured ones
    (``motcua.handoff.hours``: ``T2-T6 07:30-11:30,13:30-17:00; T7 07:30-11:30``)."""

    __tablename__ = "handoff_hours"

    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    schedule: Mapped[str] = mapped_column(String(255))
