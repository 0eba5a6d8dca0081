"""Hàng chờ — a unit's queue of conversations asking for an officer: joining it (or leaving a question
to be called back outside working hours), the position in it, taking a conversation and closing it.

A conversation is waiting until an officer takes it (open), then closed when the officer gives it back
to the assistant. Outside working hours nothing is queued unless the citizen leaves a contact: then it
waits as a callback, listed with the waiting ones, for the officers to call back when they are in.
Each change writes the system message the citizen is shown (``messages.add_system``); pausing and
resuming the assistant is left to ``relay``, after the change is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from motcua.errors import Conflict, Invalid
from motcua.handoff.hours import Schedule, describe_moment
from motcua.handoff.messages import add_system
from motcua.handoff.models import CALLBACK, CHANNELS, CLOSED, OPEN, REASONS, WAITING, HandoffConversation
from motcua.privacy.scrub import scrub
from motcua.units import Unit

QUESTION_LIMIT = 2000
SENDER_LIMIT = 128
ACTIVE = (WAITING, OPEN, CALLBACK)
CLOSED_MESSAGE = "Cán bộ đã kết thúc cuộc trò chuyện. Trợ lý ảo tiếp tục hỗ trợ anh/chị."
_SENDER = re.compile(r"^[A-Za-z0-9_.:\-]{1,128}$")
_PHONE = re.compile(r"^(?:\+?84|0)\d{9,10}$")


class HandoffError(Invalid):
    """A hand-off request that cannot be used; Vietnamese message."""


class HandoffConflict(Conflict):
    """The conversation is not in a state that allows this (taken by someone else, already closed)."""


@dataclass(frozen=True)
class Request:
    """What the assistant asks for: whose conversation, on which channel, why, and optionally the
    citizen's question and phone for a callback."""

    sender_id: str
    channel: str
    reason: str = "asked"
    question: str = ""
    contact: str = ""


@dataclass(frozen=True)
class Outcome:
    """The answer to a request: the conversation (None when nothing was queued), whether it was new,
    whether officers are on duty and when they are back."""

    conversation: HandoffConversation | None
    created: bool
    within_hours: bool
    back_at: datetime | None
    message: str


def request_handoff(session: Session, unit: Unit, request: Request, schedule: Schedule, now: datetime) -> Outcome:
    """Queue the conversation for ``unit`` (idempotent: an active hand-off of the same sender is returned
    as it is). Outside working hours it waits as a callback if a contact is given, else nothing is queued."""
    _check(request)
    within, back_at = schedule.within_hours(now), schedule.back_at(now)
    existing = active_for_sender(session, request.sender_id)
    if existing is not None:
        return Outcome(existing, False, within, back_at, citizen_message(session, existing, back_at))
    if not within and not request.contact:
        when = f" Cán bộ sẽ làm việc trở lại lúc {describe_moment(back_at)}." if back_at else ""
        text = (
            f"Hiện đang ngoài giờ làm việc của {unit.name}.{when} Anh/chị có thể để lại câu hỏi và số điện "
            "thoại để cán bộ gọi lại."
        )
        return Outcome(None, False, False, back_at, text)
    conversation = HandoffConversation(
        unit_id=unit.id,
        unit=unit,
        channel=request.channel,
        sender_id=request.sender_id,
        status=WAITING if within else CALLBACK,
        reason=request.reason,
        question=scrub(request.question.strip()),
        contact=_phone(request.contact) if request.contact else "",
        created_at=now,
        officer_name="",
        rasa_pending="",
        citizen_seen_until=0.0,
    )
    session.add(conversation)
    session.flush()
    return Outcome(conversation, True, within, back_at, citizen_message(session, conversation, back_at))


def active_for_sender(session: Session, sender_id: str) -> HandoffConversation | None:
    """The sender's hand-off that is waiting, open or awaiting a callback, if any (the newest)."""
    query = (
        select(HandoffConversation)
        .where(HandoffConversation.sender_id == sender_id, HandoffConversation.status.in_(ACTIVE))
        .order_by(HandoffConversation.id.desc())
    )
    return session.scalars(query).first()


def latest_for_sender(session: Session, sender_id: str) -> HandoffConversation | None:
    """The sender's most recent hand-off in any state (what the widget's polling reports)."""
    query = select(HandoffConversation).where(HandoffConversation.sender_id == sender_id)
    return session.scalars(query.order_by(HandoffConversation.id.desc())).first()


def position(session: Session, conversation: HandoffConversation) -> int | None:
    """Its place in its unit's queue (1 = next), counting only waiting conversations; None otherwise."""
    if conversation.status != WAITING:
        return None
    ahead = session.scalar(
        select(func.count())
        .select_from(HandoffConversation)
        .where(
            HandoffConversation.unit_id == conversation.unit_id,
            HandoffConversation.status == WAITING,
            HandoffConversation.id < conversation.id,
        )
    )
    return (ahead or 0) + 1


def conversations(session: Session, unit_ids: list[int], status: str, limit: int = 100) -> list[HandoffConversation]:
    """Conversations of these units in ``status`` (``waiting`` includes callbacks): the queue oldest
    first, open ones by when they were taken, closed ones newest first."""
    statuses = {WAITING: (WAITING, CALLBACK), OPEN: (OPEN,), CLOSED: (CLOSED,)}.get(status)
    if statuses is None:
        raise HandoffError("Trạng thái phải là waiting, open hoặc closed.", field="status")
    query = select(HandoffConversation).where(
        HandoffConversation.unit_id.in_(unit_ids), HandoffConversation.status.in_(statuses)
    )
    order = {
        WAITING: (HandoffConversation.status.desc(), HandoffConversation.id),
        OPEN: (HandoffConversation.taken_at, HandoffConversation.id),
        CLOSED: (HandoffConversation.closed_at.desc(), HandoffConversation.id.desc()),
    }[status]
    return list(session.scalars(query.order_by(*order).limit(limit)))


def take(
    session: Session, conversation: HandoffConversation, officer_id: int | None, officer_name: str, now: datetime
) -> None:
    """Nhận — an officer takes a waiting conversation (or a callback); the assistant is to pause.
    Taking it again by the same officer changes nothing; by another, or once closed, is a conflict."""
    if conversation.status == OPEN:
        if conversation.officer_id == officer_id and conversation.officer_name == officer_name:
            return
        raise HandoffConflict(f"Cuộc trò chuyện đã được {conversation.officer_name} tiếp nhận.", code="already_taken")
    if conversation.status == CLOSED:
        raise HandoffConflict("Cuộc trò chuyện đã kết thúc.", code="closed")
    # Two officers pressing "Nhận" at once: the row changes only for the first, the second is told who has it.
    claimed = session.execute(
        update(HandoffConversation)
        .where(HandoffConversation.id == conversation.id, HandoffConversation.status.in_((WAITING, CALLBACK)))
        .values(status=OPEN, taken_at=now, officer_id=officer_id, officer_name=officer_name[:120], rasa_pending="pause")
        .execution_options(synchronize_session=False)
    ).rowcount
    session.refresh(conversation)
    if not claimed:
        take(session, conversation, officer_id, officer_name, now)
        return
    add_system(session, conversation, f"{officer_name} đã tiếp nhận cuộc trò chuyện và sẽ trả lời anh/chị.", now)


def close(session: Session, conversation: HandoffConversation, now: datetime) -> None:
    """Kết thúc — give the conversation back to the assistant (closing twice changes nothing)."""
    if conversation.status == CLOSED:
        return
    was_open = conversation.status == OPEN
    conversation.status, conversation.closed_at = CLOSED, now
    # Resume only what was paused; a waiting conversation was never paused.
    conversation.rasa_pending = "resume" if was_open or conversation.rasa_pending == "pause" else ""
    add_system(session, conversation, CLOSED_MESSAGE, now)


def citizen_message(session: Session, conversation: HandoffConversation, back_at: datetime | None) -> str:
    """What the assistant tells the citizen about their hand-off."""
    unit = conversation.unit
    if conversation.status == WAITING:
        return (
            f"Anh/chị đang ở vị trí số {position(session, conversation)} trong hàng chờ của {unit.name}. "
            "Cán bộ sẽ trả lời ngay khi tiếp nhận; anh/chị vui lòng giữ cửa sổ trò chuyện."
        )
    if conversation.status == CALLBACK:
        when = f" từ {describe_moment(back_at)}" if back_at else ""
        return f"{unit.name} đã ghi nhận câu hỏi của anh/chị; cán bộ sẽ liên hệ lại{when}."
    if conversation.status == OPEN:
        return f"{conversation.officer_name} đang trò chuyện với anh/chị."
    return CLOSED_MESSAGE


def _check(request: Request) -> None:
    if not _SENDER.match(request.sender_id or ""):
        raise HandoffError("Mã cuộc trò chuyện không hợp lệ.", field="conversation_id")
    if request.channel not in CHANNELS:
        raise HandoffError(f"Kênh phải là một trong: {', '.join(CHANNELS)}.", field="channel")
    if request.reason not in REASONS:
        raise HandoffError(f"Lý do phải là một trong: {', '.join(REASONS)}.", field="reason")
    if len(request.question) > QUESTION_LIMIT or "\x00" in request.question:
        raise HandoffError(f"Câu hỏi dài quá {QUESTION_LIMIT} ký tự hoặc có ký tự không hợp lệ.", field="question")


def _phone(text: str) -> str:
    digits = re.sub(r"[ .\-()]", "", text.strip())
    if not _PHONE.match(digits):
        raise HandoffError("Số điện thoại không hợp lệ (ví dụ 0912 345 678).", field="contact")
    return digits
