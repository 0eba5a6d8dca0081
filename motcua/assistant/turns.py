"""Lượt hỏi và 👍 / 👎 — recording what the assistant's tracker store and feedback action send.

Both writes are idempotent by (conversation, time of the citizen's message): the tracker store sends the
last turn each time it saves a conversation, so the same turn arrives again after a retry, from the other
Rasa replica, or with more of its outcome known; the later copy replaces the earlier. Every text is masked
here (``masking.mask``) whatever the sender did, and the conversation is kept as a digest of its id.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.assistant.masking import group_key, mask
from motcua.assistant.models import AnswerFeedback, AssistantTurn
from motcua.clock import VN_TZ, parse_iso
from motcua.errors import Invalid
from motcua.reports.period import FIRST_DAY, LAST_DAY

CHANNELS = ("web", "zalo", "other")
# answered: a procedure's answer; choices: "did you mean" buttons; not_found: nothing close in the catalogue;
# fallback: not understood; handoff: asked for, or sent to, an officer; officer: said while an officer has
# the conversation (the assistant is paused); other: everything else (greetings, dossier look-ups, ratings…).
OUTCOMES = ("answered", "choices", "not_found", "fallback", "handoff", "officer", "other")
MISSED_OUTCOMES = ("fallback", "not_found", "handoff")
CONVERSATION_LIMIT = 255


class TurnError(Invalid):
    """A turn or a feedback that cannot be recorded (Vietnamese message, the field at fault)."""


def conversation_key(conversation_id: str) -> str:
    """The digest a conversation is stored under: counts and joins need no Zalo user id in clear."""
    return hashlib.sha256(conversation_id.encode()).hexdigest()[:32]


def record_turn(session: Session, unit_id: int, body: Mapping[str, Any]) -> tuple[AssistantTurn, bool]:
    """Store one turn (``POST /api/v1/assistant/turns``); (turn, True when new). Not committed."""
    key = conversation_key(_conversation(body))
    at = _moment(body.get("at"))
    outcome = _choice(body, "outcome", OUTCOMES)
    channel = _choice(body, "channel", CHANNELS, default="other")
    text = mask(_text(body, "text"))
    question = mask(_text(body, "question"))
    turn = session.scalar(select(AssistantTurn).where(AssistantTurn.conversation_key == key, AssistantTurn.at == at))
    created = turn is None
    if turn is None:
        turn = AssistantTurn(conversation_key=key, at=at)
        session.add(turn)
    turn.unit_id = unit_id
    turn.channel = channel
    turn.intent = _text(body, "intent", 64)
    turn.confidence = _confidence(body.get("confidence"))
    turn.outcome = outcome
    turn.procedure_code = _text(body, "procedure", 32) or None
    turn.text = text
    turn.question = question
    turn.group_key = group_key(question or text)
    session.flush()
    return turn, created


def record_feedback(session: Session, unit_id: int, body: Mapping[str, Any]) -> tuple[AnswerFeedback, bool]:
    """Store a 👍 / 👎 (``POST /api/v1/assistant/feedback``); (feedback, True when new). Not committed."""
    key = conversation_key(_conversation(body))
    at = _moment(body.get("at"))
    helpful = body.get("helpful")
    if not isinstance(helpful, bool):
        raise TurnError("Trường 'helpful' phải là true (👍) hoặc false (👎).", "helpful")
    question = mask(_text(body, "question"))
    same = (AnswerFeedback.conversation_key == key, AnswerFeedback.at == at)
    found = session.scalar(select(AnswerFeedback).where(*same))
    created = found is None
    if found is None:
        found = AnswerFeedback(conversation_key=key, at=at)
        session.add(found)
    found.unit_id = unit_id
    found.helpful = helpful
    found.procedure_code = _text(body, "procedure", 32) or None
    found.question = question
    found.group_key = group_key(question)
    session.flush()
    return found, created


def _conversation(body: Mapping[str, Any]) -> str:
    value = body.get("conversation_id")
    if not isinstance(value, str) or not value.strip():
        raise TurnError("Thiếu mã cuộc trò chuyện (conversation_id).", "conversation_id")
    if len(value) > CONVERSATION_LIMIT:
        raise TurnError(f"Mã cuộc trò chuyện dài quá {CONVERSATION_LIMIT} ký tự.", "conversation_id")
    return value


def _moment(value: Any) -> datetime:
    """Seconds since the epoch (Rasa's event time) or an ISO 8601 time, as stored local time."""
    try:
        if isinstance(value, bool):
            raise ValueError
        if isinstance(value, int | float):
            if not math.isfinite(value):
                raise ValueError
            moment = datetime.fromtimestamp(value, VN_TZ).replace(tzinfo=None)
        elif isinstance(value, str) and value.strip():
            moment = parse_iso(value)
        else:
            raise ValueError
    except (ValueError, OverflowError, OSError):
        raise TurnError(
            "Thời điểm (at) phải là số giây kể từ 1970 hoặc thời gian ISO 8601, ví dụ 2026-04-15T08:30:00+07:00.", "at"
        ) from None
    if not FIRST_DAY <= moment.date() <= LAST_DAY:
        raise TurnError(f"Thời điểm (at) phải trong các năm {FIRST_DAY.year}–{LAST_DAY.year}.", "at")
    return moment


def _choice(body: Mapping[str, Any], name: str, allowed: tuple[str, ...], default: str | None = None) -> str:
    value = body.get(name, default)
    if value not in allowed:
        raise TurnError(f"Trường '{name}' phải là một trong: {', '.join(allowed)}.", name)
    return value


def _text(body: Mapping[str, Any], name: str, limit: int = 100_000) -> str:
    value = body.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TurnError(f"Trường '{name}' phải là chuỗi ký tự.", name)
    return value.strip()[:limit]


def _confidence(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not (math.isfinite(value) and 0 <= value <= 1):
        raise TurnError("Độ tin cậy (confidence) phải là số từ 0 đến 1.", "confidence")
    return float(value)
