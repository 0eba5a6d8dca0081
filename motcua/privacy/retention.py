"""Thời hạn lưu trữ — how long each kind of personal data is kept, and the purge that removes what is
past its period (``flask --app server purge``; run daily by the production scheduler).

Periods in days, per kind, default 12 months (``DEFAULT_DAYS``); configurable with
``MOTCUA_RETENTION_<KIND>_DAYS`` (``MOTCUA_RETENTION_RATING_COMMENTS_DAYS=180``) or ``periods=``:

========================  =======================================================================
``rating_comments``       the free-text comment of a rating is emptied (the rating itself, its level
                          and reasons stay: the QĐ 766 reports count them for years)
``complaint_contacts``    the contact (phone or e-mail) a complainant left is emptied; the complaint
                          and its reference stay
``access_log``            access-log entries are deleted
``rate_limits``           counters of the rate limits (keys carry addresses and codes); a window is
                          useless after it ends: 2 days by default
``notifications``         sent, failed or cancelled notifications and their messages (recipient id and
                          text) are deleted, then follows stopped, or silent, for the period
``chat_transcripts``      events of Rasa's SQL tracker store (motcua/privacy/transcripts.py)
``assistant_turns``       the assistant's masked turns and the citizens' 👍 / 👎 on answers are deleted
                          (motcua/assistant; learned wordings and managers' decisions stay)
``handoff``               conversations with an officer and their messages are deleted once closed (or
                          left waiting) for the period (motcua/handoff/retention.py); their Zalo messages
                          then go with the notifications
========================  =======================================================================

Dossiers (hồ sơ) and their events are not touched: they follow the archival rules of the one-stop
system. Zalo's seen events expire in the channel's own store (docs/personal-data.md).

Each kind is purged in batches of ``batch_size`` rows, each batch its own transaction, so a large purge
never holds long locks; a second run finds nothing more to do (idempotent). Returns the counts.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, exists, or_, select, update
from sqlalchemy.orm import Session

from motcua.assistant.models import AnswerFeedback, AssistantTurn
from motcua.clock import VN_TZ
from motcua.dossiers.ratelimit import RateLimitWindow
from motcua.errors import Invalid
from motcua.feedback.models import Complaint, Rating
from motcua.handoff.models import HandoffMessage
from motcua.handoff.retention import purge_conversations
from motcua.notifications.models import CANCELLED, FAILED, SENT, UNCONFIRMED, Delivery, Follow, Notification
from motcua.privacy.access import AccessEntry

DEFAULT_DAYS = 365
# Kinds kept in the app's database (``purge``), then the chat transcripts in Rasa's tracker store
# (motcua/privacy/transcripts.py, purged by the same command when ``RASA_TRACKER_STORE_URL`` is set).
APP_KINDS = (
    "rating_comments",
    "complaint_contacts",
    "access_log",
    "rate_limits",
    "handoff",
    "notifications",
    "assistant_turns",
)
TRANSCRIPTS = "chat_transcripts"
KINDS = (*APP_KINDS, TRANSCRIPTS)
DEFAULTS = {kind: DEFAULT_DAYS for kind in KINDS} | {"rate_limits": 2}
LABELS = {
    TRANSCRIPTS: "Nội dung trò chuyện với trợ lý",
    "rating_comments": "Ý kiến ghi trong phiếu đánh giá",
    "complaint_contacts": "Thông tin liên hệ trong phản ánh",
    "access_log": "Nhật ký truy cập dữ liệu cá nhân",
    "rate_limits": "Bộ đếm giới hạn tra cứu",
    "notifications": "Thông báo đã gửi và người theo dõi",
    "assistant_turns": "Câu hỏi gửi trợ lý (đã che dữ liệu cá nhân) và đánh giá câu trả lời",
    "handoff": "Trò chuyện với cán bộ (đã che dữ liệu cá nhân)",
}
BATCH = 500
# A notification or message in these states will not be sent again.
FINISHED = (SENT, FAILED, CANCELLED, UNCONFIRMED)


class RetentionError(Invalid):
    """A configured period that is not a whole number of days (Vietnamese message)."""


def periods_from_environment(environ: Mapping[str, str] | None = None) -> dict[str, int]:
    """The period of each kind: ``MOTCUA_RETENTION_<KIND>_DAYS`` where set, else the default."""
    environ = os.environ if environ is None else environ
    periods = dict(DEFAULTS)
    for kind in KINDS:
        raw = environ.get(f"MOTCUA_RETENTION_{kind.upper()}_DAYS", "").strip()
        if raw:
            periods[kind] = _days(kind, raw)
    return periods


def _days(kind: str, raw: object) -> int:
    try:
        days = int(str(raw))
    except ValueError:
        days = -1
    if days < 1:
        raise RetentionError(f"Thời hạn lưu '{kind}' phải là số ngày nguyên dương, không phải {raw!r}.")
    return days


def purge(
    session: Session, now: datetime, periods: Mapping[str, int] | None = None, batch_size: int = BATCH
) -> dict[str, int]:
    """Remove what is past its period at ``now`` in the app's database; returns how many rows each kind
    lost (``APP_KINDS``; the transcripts are purged by ``transcripts.purge_transcripts``)."""
    chosen = periods_from_environment() | {kind: _days(kind, days) for kind, days in (periods or {}).items()}
    unknown = set(chosen) - set(KINDS)
    if unknown:
        raise RetentionError(f"Không có loại dữ liệu {', '.join(sorted(unknown))} (có: {', '.join(KINDS)}).")
    cutoff = {kind: now - timedelta(days=days) for kind, days in chosen.items()}
    return {
        "rating_comments": _empty(
            session, Rating, Rating.comment, Rating.created_at < cutoff["rating_comments"], batch_size
        ),
        "complaint_contacts": _empty(
            session, Complaint, Complaint.contact, Complaint.created_at < cutoff["complaint_contacts"], batch_size
        ),
        "access_log": _delete_by_id(session, AccessEntry, AccessEntry.at < cutoff["access_log"], batch_size),
        "rate_limits": _purge_rate_limits(session, cutoff["rate_limits"], batch_size),
        # Before the notifications: a hand-off's message points to its Zalo delivery.
        "handoff": purge_conversations(session, cutoff["handoff"], batch_size),
        "notifications": _purge_notifications(session, cutoff["notifications"], batch_size),
        "assistant_turns": sum(
            _delete_by_id(session, model, model.at < cutoff["assistant_turns"], batch_size)
            for model in (AssistantTurn, AnswerFeedback)
        ),
    }


def _empty(session: Session, model, column, older, batch_size: int) -> int:
    """Set ``column`` to '' on rows matching ``older`` that still have a value."""
    done = 0
    while True:
        ids = session.scalars(select(model.id).where(older, column != "").order_by(model.id).limit(batch_size)).all()
        if not ids:
            return done
        session.execute(update(model).where(model.id.in_(ids)).values({column.key: ""}))
        session.commit()
        done += len(ids)


def _delete_by_id(session: Session, model, condition, batch_size: int) -> int:
    done = 0
    while True:
        ids = session.scalars(select(model.id).where(condition).order_by(model.id).limit(batch_size)).all()
        if not ids:
            return done
        # A bulk DELETE: the access log's ORM guard refuses deleting entries one by one on purpose.
        session.execute(delete(model).where(model.id.in_(ids)), execution_options={"synchronize_session": False})
        session.commit()
        done += len(ids)


def _purge_rate_limits(session: Session, cutoff: datetime, batch_size: int) -> int:
    """Windows that started before ``cutoff`` (local time; ``window_start`` is Unix seconds)."""
    start = int(cutoff.replace(tzinfo=VN_TZ).timestamp())
    table = RateLimitWindow.__table__
    done = 0
    while True:
        keys = session.execute(
            select(table.c.key, table.c.window_start).where(table.c.window_start < start).limit(batch_size)
        ).all()
        if not keys:
            return done
        session.execute(
            delete(table).where(
                or_(*(and_(table.c.key == key, table.c.window_start == window) for key, window in keys))
            )
        )
        session.commit()
        done += len(keys)


def _purge_notifications(session: Session, cutoff: datetime, batch_size: int) -> int:
    """Finished notifications, then finished messages no notification points to, then follows stopped
    (or whose citizen has been silent) since before ``cutoff`` that no notification points to."""
    done = _delete_by_id(
        session,
        Notification,
        and_(Notification.created_at < cutoff, Notification.status.in_(FINISHED)),
        batch_size,
    )
    done += _delete_by_id(
        session,
        Delivery,
        and_(
            Delivery.created_at < cutoff,
            Delivery.status.in_(FINISHED),
            ~exists().where(Notification.delivery_id == Delivery.id),
            ~exists().where(HandoffMessage.delivery_id == Delivery.id),
        ),
        batch_size,
    )
    done += _delete_by_id(
        session,
        Follow,
        and_(
            or_(Follow.stopped_at < cutoff, Follow.last_seen_at < cutoff),
            ~exists().where(Notification.follow_id == Follow.id),
        ),
        batch_size,
    )
    return done
