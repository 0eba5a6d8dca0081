"""Tables of following: ``Follow`` (who follows which dossier, and where to tell them), the outbox
``Notification`` (one row per follower × state change, written with the change) and ``Delivery`` (one
message sent to one recipient, which may carry several merged notifications)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

import motcua.dossiers.models  # noqa: F401  (the foreign keys point to dossiers)
from motcua.db import Base

# Channels a follow can be made from; each names a provider of the worker (web: shown in the widget).
FOLLOW_CHANNELS = ("zalo", "web", "sms")

PENDING, SENDING, SENT, RETRY, FAILED, CANCELLED, UNCONFIRMED = (
    "pending",
    "sending",
    "sent",
    "retry",
    "failed",
    "cancelled",
    "unconfirmed",
)
# Deliveries of a conversation with an officer (the hand-off) carry keys with this prefix. They are sent by the
# same worker but are not dossier news: they do not count towards the daily limit of dossier messages.
CHAT_KEY_PREFIX = "handoff:"


class Follow(Base):
    """Theo dõi hồ sơ — a dossier, a channel and that channel's recipient id, nothing more personal.

    Stopping keeps the row (``stopped_at``) so notifications already written keep their follower."""

    __tablename__ = "follows"
    __table_args__ = (UniqueConstraint("dossier_id", "channel", "recipient"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    channel: Mapped[str] = mapped_column(String(10))
    recipient: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # The citizen's last message on this channel: Zalo allows a free consultation message only so long after.
    last_seen_at: Mapped[datetime] = mapped_column(DateTime)
    stopped_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)

    dossier = relationship("Dossier")


class Notification(Base):
    """One follower × one state change, written in the transaction of the change (transactional outbox).

    ``key`` (follow id, state, time of the change) is unique: a change stored twice notifies once."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_status_recipient", "status", "follow_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    follow_id: Mapped[int] = mapped_column(ForeignKey("follows.id"))
    state: Mapped[int] = mapped_column(Integer)
    state_at: Mapped[datetime] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(12), default=PENDING)
    delivery_id: Mapped[int | None] = mapped_column(ForeignKey("deliveries.id"), index=True, default=None)

    follow = relationship("Follow")
    delivery = relationship("Delivery")


class Delivery(Base):
    """Một tin nhắn — one message to one recipient; its ``key`` travels to providers that deduplicate,
    and its state (``sending`` committed before the call) tells a restarted worker what a crash left."""

    __tablename__ = "deliveries"
    __table_args__ = (Index("ix_deliveries_status_next", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    channel: Mapped[str] = mapped_column(String(10))
    recipient: Mapped[str] = mapped_column(String(128), index=True)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default=SENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    provider_message_id: Mapped[str | None] = mapped_column(String(100), default=None)
    error: Mapped[str] = mapped_column(String(255), default="")
    # Shown in the web widget: set when the citizen's widget has displayed it.
    shown_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
