"""The assistant's tables: turns, answer feedback, decisions on missed questions, learned phrasings.

Text columns hold masked text only (``motcua.assistant.masking``); a conversation is known by a digest of
Rasa's sender id (``conversation_key``), enough to count conversations and join the hand-off queue, and no
Zalo user id is kept in clear.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from motcua.db import Base

TEXT_LIMIT = 500
KEY_LIMIT = 200


class AssistantTurn(Base):
    """Lượt hỏi — one message of a citizen to the assistant and how it ended (``OUTCOMES``)."""

    __tablename__ = "assistant_turns"
    __table_args__ = (
        # Idempotent: the tracker store may send a turn again (a retry, another replica's save).
        UniqueConstraint("conversation_key", "at", name="uq_assistant_turns_conversation_key_at"),
        Index("ix_assistant_turns_unit_id_at", "unit_id", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    conversation_key: Mapped[str] = mapped_column(String(32))
    # Local time of the citizen's message (the stored form, motcua/clock.py), to the microsecond.
    at: Mapped[datetime] = mapped_column(DateTime)
    channel: Mapped[str] = mapped_column(String(8))
    intent: Mapped[str] = mapped_column(String(64), default="")
    confidence: Mapped[float | None] = mapped_column(Float, default=None)
    outcome: Mapped[str] = mapped_column(String(12))
    procedure_code: Mapped[str | None] = mapped_column(String(32), default=None)
    text: Mapped[str] = mapped_column(String(TEXT_LIMIT), default="")
    # The question the turn is about when it is not the message itself (a hand-off: the message before).
    question: Mapped[str] = mapped_column(String(TEXT_LIMIT), default="")
    # Folded, masked question: what similar questions share (``masking.group_key``).
    group_key: Mapped[str] = mapped_column(String(KEY_LIMIT), default="", index=True)


class AnswerFeedback(Base):
    """👍 / 👎 — the citizen's word on one answer of the assistant (a rating of the assistant, never of an
    officer: it enters no satisfaction report)."""

    __tablename__ = "assistant_answer_feedback"
    __table_args__ = (
        UniqueConstraint("conversation_key", "at", name="uq_assistant_answer_feedback_conversation_key_at"),
        Index("ix_assistant_answer_feedback_unit_id_at", "unit_id", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    conversation_key: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime)
    helpful: Mapped[bool] = mapped_column(Boolean)
    procedure_code: Mapped[str | None] = mapped_column(String(32), default=None)
    question: Mapped[str] = mapped_column(String(TEXT_LIMIT), default="")
    group_key: Mapped[str] = mapped_column(String(KEY_LIMIT), default="", index=True)


class MissedDecision(Base):
    """What a manager decided about a group of missed questions of their unit: ``taught`` (attached to a
    procedure, see ``LearnedPhrasing``) or ``not_ours`` ("không thuộc dịch vụ của đơn vị"). A decided group
    leaves the unit's list of missed questions."""

    __tablename__ = "assistant_missed_decisions"
    __table_args__ = (UniqueConstraint("unit_id", "group_key", name="uq_assistant_missed_decisions_unit_id_group_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    group_key: Mapped[str] = mapped_column(String(KEY_LIMIT))
    decision: Mapped[str] = mapped_column(String(12))
    procedure_code: Mapped[str | None] = mapped_column(String(32), default=None)
    decided_by: Mapped[str] = mapped_column(String(80), default="")
    decided_at: Mapped[datetime] = mapped_column(DateTime)


class LearnedPhrasing(Base):
    """Cách hỏi đã học — a citizen's wording a manager attached to a procedure; the catalogue search answers
    it with that procedure at once (``motcua.assistant.learned``) until the phrasing is reviewed into the
    assistant's data files (``flask --app server export-learned``)."""

    __tablename__ = "assistant_learned_phrasings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The search is the catalogue's, shared by every unit: one procedure per wording.
    phrase_key: Mapped[str] = mapped_column(String(KEY_LIMIT), unique=True)
    phrase: Mapped[str] = mapped_column(String(TEXT_LIMIT))
    procedure_code: Mapped[str] = mapped_column(String(32))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    taught_by: Mapped[str] = mapped_column(String(80), default="")
    taught_at: Mapped[datetime] = mapped_column(DateTime)
