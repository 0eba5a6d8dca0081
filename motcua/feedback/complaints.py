"""Phản ánh, kiến nghị — a citizen's complaint, stored with a reference the citizen can quote."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from motcua.feedback.errors import RatingError
from motcua.feedback.models import Complaint
from motcua.feedback.places import find_dossier
from motcua.formatting import format_count
from motcua.units import get_unit

MAX_TEXT = 4000
SOURCES = ("web", "kiosk", "qr", "chat", "zalo")
# Decree-level practice: a complaint about an administrative procedure is answered within 10 working days.
ANSWER_WORKING_DAYS = 10
# No 0/O or 1/I: the reference is read aloud over the phone.
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def file_complaint(
    session: Session,
    unit_code: str,
    text: str,
    source: str,
    now: datetime,
    contact: str = "",
    dossier_code: str = "",
) -> Complaint:
    """Check and store a complaint under a fresh reference (``PA-YYMMDD-XXXXX``); commits."""
    unit = get_unit(session, unit_code or "") if (unit_code or "").strip() else None
    if unit is None:
        raise RatingError(404, "unit_not_found", f"Không tìm thấy đơn vị '{(unit_code or '').strip()}'.")
    text = (text or "").strip()
    if not text:
        raise RatingError(422, "text_required", "Vui lòng nhập nội dung phản ánh, kiến nghị.")
    if len(text) > MAX_TEXT:
        raise RatingError(422, "text_too_long", f"Nội dung phản ánh tối đa {format_count(MAX_TEXT)} ký tự.")
    source = (source or "web").strip().lower()
    if source not in SOURCES:
        raise RatingError(422, "invalid_source", f"Nguồn phản ánh '{source}' không hợp lệ.")
    dossier = find_dossier(session, dossier_code) if (dossier_code or "").strip() else None
    if (dossier_code or "").strip() and dossier is None:
        raise RatingError(404, "dossier_not_found", f"Không tìm thấy hồ sơ '{dossier_code.strip()}'.")
    for _attempt in range(5):
        complaint = Complaint(
            reference=_reference(now),
            unit=unit,
            dossier_id=dossier.id if dossier is not None else None,
            text=text,
            contact=(contact or "").strip()[:255],
            source=source,
            created_at=now,
        )
        session.add(complaint)
        try:
            session.commit()
            return complaint
        except IntegrityError:
            session.rollback()
    raise RatingError(503, "busy", "Hệ thống đang bận, vui lòng gửi lại phản ánh.")


def acknowledgement(complaint: Complaint) -> str:
    """What the citizen is told: the reference, who answers, by when and how."""
    unit = complaint.unit
    how = (
        f"qua thông tin liên hệ ông/bà đã để lại ({complaint.contact})"
        if complaint.contact
        else f"; ông/bà có thể hỏi kết quả qua đường dây nóng {unit.hotline or 'của đơn vị'} kèm mã này"
    )
    return (
        f"{unit.name} đã nhận phản ánh, kiến nghị của ông/bà, mã {complaint.reference}. "
        f"Lãnh đạo đơn vị sẽ xem xét và trả lời trong thời hạn {ANSWER_WORKING_DAYS} ngày làm việc {how}."
    ).replace(" ;", ";")


def _reference(now: datetime) -> str:
    suffix = "".join(secrets.choice(_ALPHABET) for _ in range(5))
    return f"PA-{now:%y%m%d}-{suffix}"
