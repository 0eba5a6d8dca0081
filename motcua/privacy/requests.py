"""Yêu cầu của chủ thể dữ liệu — a citizen's request about the personal data of their dossier: to see what
the centre holds, to correct it, or to delete their chat history or their ratings' comments (Law
91/2025/QH15). Filed after the second factor (the phone's last four digits, checked by the caller),
queued for the staff of the dossier's unit with its deadline, and looked up by its reference.

Deadlines (hours from filing) are ``DEADLINE_HOURS``, configurable with ``MOTCUA_DATA_REQUEST_HOURS``
(one number for every kind); the default of 72 hours is to be confirmed by the province's
data-protection officer against the law's guiding decree.

Carrying out a deletion (``carry_out``): the ratings' comments of the dossier are emptied in the app's
database, and the conversation named by the request (the chat's sender id, given by the assistant or
the widget) is deleted from Rasa's tracker store (motcua/privacy/transcripts.py). Chat transcripts are
stored scrubbed and no insight store keeps another copy, so nothing else holds them.
"""

from __future__ import annotations

import os
import secrets
from datetime import datetime, timedelta

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

import motcua.dossiers.models  # noqa: F401  (the foreign key points to dossiers)
from motcua.db import Base
from motcua.errors import Invalid
from motcua.feedback.models import Rating
from motcua.handoff.retention import forget_sender
from motcua.privacy.transcripts import delete_conversation

KINDS = {
    "xem": "Xem dữ liệu cá nhân trong hồ sơ",
    "sua": "Chỉnh sửa dữ liệu cá nhân",
    "xoa_tro_chuyen": "Xóa nội dung trò chuyện với trợ lý",
    "xoa_y_kien": "Xóa ý kiến trong phiếu đánh giá",
}
STATUSES = {"moi": "Mới tiếp nhận", "da_xong": "Đã xử lý", "tu_choi": "Từ chối (có lý do)"}
KINDS_EN = {
    "xem": "See the personal data in the dossier",
    "sua": "Correct personal data",
    "xoa_tro_chuyen": "Delete the chat with the assistant",
    "xoa_y_kien": "Delete the comments of ratings",
}
STATUSES_EN = {"moi": "Received", "da_xong": "Resolved", "tu_choi": "Refused (with a reason)"}
DEFAULT_DEADLINE_HOURS = 72
DETAIL_LIMIT = 2000
# Unambiguous letters and digits for a reference read aloud over the phone.
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class DataRequestError(Invalid):
    """A request that cannot be filed or resolved (Vietnamese message)."""


class DataRequest(Base):
    """One citizen's request about one dossier's personal data."""

    __tablename__ = "data_requests"
    __table_args__ = (Index("ix_data_requests_status_due_at", "status", "due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(24), unique=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    # What to correct (a correction) or anything the citizen adds; free text.
    detail: Mapped[str] = mapped_column(Text, default="")
    # The chat's sender id, for a deletion of chat history.
    conversation_id: Mapped[str] = mapped_column(String(255), default="")
    status: Mapped[str] = mapped_column(String(12), default="moi")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    due_at: Mapped[datetime] = mapped_column(DateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    handled_by: Mapped[str] = mapped_column(String(120), default="")
    answer: Mapped[str] = mapped_column(Text, default="")

    dossier = relationship("Dossier")


def deadline_hours() -> int:
    raw = os.environ.get("MOTCUA_DATA_REQUEST_HOURS", "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_DEADLINE_HOURS


def file_request(
    session: Session, dossier, kind: str, now: datetime, detail: str = "", conversation_id: str = ""
) -> DataRequest:
    """Queue a request for ``dossier`` (whose second factor the caller has checked); not committed."""
    if kind not in KINDS:
        raise DataRequestError(f"Loại yêu cầu không hợp lệ; chọn một trong: {', '.join(KINDS)}.")
    detail = (detail or "").strip()
    if len(detail) > DETAIL_LIMIT:
        raise DataRequestError(f"Nội dung yêu cầu dài quá {DETAIL_LIMIT} ký tự.")
    if "\x00" in detail or "\x00" in (conversation_id or ""):
        raise DataRequestError("Nội dung yêu cầu có ký tự không hợp lệ.")
    if kind == "sua" and not detail:
        raise DataRequestError("Vui lòng ghi thông tin cần chỉnh sửa.")
    conversation_id = (conversation_id or "").strip()[:255]
    if kind == "xoa_tro_chuyen" and not conversation_id:
        raise DataRequestError("Yêu cầu xóa nội dung trò chuyện cần gửi từ cửa sổ trò chuyện với trợ lý.")
    request = DataRequest(
        reference="YC-" + "".join(secrets.choice(_ALPHABET) for _ in range(10)),
        dossier_id=dossier.id,
        kind=kind,
        detail=detail,
        conversation_id=conversation_id,
        status="moi",
        created_at=now,
        due_at=now + timedelta(hours=deadline_hours()),
    )
    session.add(request)
    session.flush()
    return request


def find_request(session: Session, reference: str) -> DataRequest | None:
    """The request with this reference (any case, surrounding spaces ignored), or None."""
    return session.scalar(select(DataRequest).where(DataRequest.reference == (reference or "").strip().upper()))


def request_status(session: Session, reference: str, with_answer: bool = False) -> dict | None:
    """What anyone holding the reference sees of a request: state, dates, deadline and kind, no personal
    data. The staff's ``answer`` (for a 'see my data' request, the data itself) only ``with_answer``, for a
    caller that has checked the dossier's second factor."""
    request = find_request(session, reference)
    if request is None:
        return None
    status = {
        "reference": request.reference,
        "kind": request.kind,
        "kind_label": KINDS[request.kind],
        "status": request.status,
        "status_label": STATUSES[request.status],
        "created_at": request.created_at.isoformat(),
        "due_at": request.due_at.isoformat(),
        "resolved_at": request.resolved_at.isoformat() if request.resolved_at else None,
    }
    if with_answer:
        status["answer"] = request.answer
    return status


def open_requests(session: Session, unit_ids: list[int] | None = None) -> list[DataRequest]:
    """The staff queue: requests not yet resolved, soonest deadline first (of these units, if given)."""
    from motcua.dossiers.models import Dossier

    query = select(DataRequest).where(DataRequest.status == "moi").order_by(DataRequest.due_at, DataRequest.id)
    if unit_ids is not None:
        query = query.join(Dossier, Dossier.id == DataRequest.dossier_id).where(Dossier.unit_id.in_(unit_ids))
    return list(session.scalars(query))


def carry_out(session: Session, request: DataRequest, tracker: Engine | None = None) -> dict[str, int]:
    """Do what a deletion request asks; returns what was removed. Other kinds need a person: nothing."""
    if request.kind == "xoa_y_kien":
        result = session.execute(
            update(Rating).where(Rating.dossier_id == request.dossier_id, Rating.comment != "").values(comment="")
        )
        return {"rating_comments": result.rowcount or 0}
    if request.kind == "xoa_tro_chuyen":
        if tracker is None:
            raise DataRequestError("Chưa cấu hình kho hội thoại (RASA_TRACKER_STORE_URL) để xóa nội dung trò chuyện.")
        removed = {"chat_events": delete_conversation(tracker, request.conversation_id)}
        handoff_rows = forget_sender(session, request.conversation_id)  # its talk with an officer, too
        return removed | ({"handoff_rows": handoff_rows} if handoff_rows else {})
    return {}


def resolve(
    session: Session,
    request: DataRequest,
    status: str,
    handled_by: str,
    now: datetime,
    answer: str = "",
    tracker: Engine | None = None,
) -> dict[str, int]:
    """Close a request (``da_xong`` carries a deletion out first; ``tu_choi`` needs the reason in
    ``answer``); committed. Returns what was removed."""
    if request.status != "moi":
        raise DataRequestError("Yêu cầu này đã được xử lý.")
    if status not in ("da_xong", "tu_choi"):
        raise DataRequestError("Trạng thái xử lý không hợp lệ.")
    answer = (answer or "").strip()[:DETAIL_LIMIT]
    if status == "tu_choi" and not answer:
        raise DataRequestError("Từ chối yêu cầu cần ghi rõ lý do.")
    removed = carry_out(session, request, tracker) if status == "da_xong" else {}
    request.status, request.resolved_at, request.handled_by, request.answer = status, now, handled_by[:120], answer
    session.commit()
    return removed
