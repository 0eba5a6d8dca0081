"""Phản ánh, kiến nghị — a citizen's complaint, stored with a reference the citizen can quote.

Anyone may write to a unit (the public complaint box), but a complaint is tied to a dossier only with
the dossier's signed token, and the chat channels are the assistant's alone: the same rules as ratings.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from motcua.feedback.errors import RatingError
from motcua.feedback.models import Complaint
from motcua.feedback.places import find_dossier
from motcua.feedback.ratings import ANYONE, ASSISTANT_SOURCES, CONTROL_CHARACTERS, Sender, dossier_from_token
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
    token: str = "",
    secret: str = "",
    sender: Sender = ANYONE,
) -> Complaint:
    """Check and store a complaint under a fresh reference (``PA-YYMMDD-XXXXX``); commits.

    ``token`` (the dossier's signed rating token) is what ties the complaint to a dossier; the unit
    defaults to the dossier's."""
    source = (source or "web").strip().lower()
    if source not in SOURCES:
        raise RatingError(422, "invalid_source", f"Nguồn phản ánh '{source}' không hợp lệ.")
    if source in ASSISTANT_SOURCES and not sender.assistant:
        raise RatingError(403, "assistant_only", "Chỉ trợ lý trực tuyến của trung tâm được gửi phản ánh qua kênh này.")
    code = dossier_from_token(token, dossier_code, secret, now, required=False)
    dossier = find_dossier(session, code) if code else None
    if code and dossier is None:
        raise RatingError(404, "dossier_not_found", f"Không tìm thấy hồ sơ '{code}'.")
    unit = get_unit(session, unit_code.strip()) if (unit_code or "").strip() else (dossier.unit if dossier else None)
    if unit is None:
        raise RatingError(404, "unit_not_found", f"Không tìm thấy đơn vị '{(unit_code or '').strip()}'.")
    if sender.assistant and unit.id not in sender.unit_ids:
        raise RatingError(403, "unit_forbidden", "Khóa API của trợ lý không được gửi phản ánh cho đơn vị này.")
    text = (text or "").strip()
    if not text:
        raise RatingError(422, "text_required", "Vui lòng nhập nội dung phản ánh, kiến nghị.")
    if CONTROL_CHARACTERS.search(text) or CONTROL_CHARACTERS.search(contact or ""):
        raise RatingError(422, "invalid_characters", "Nội dung phản ánh chứa ký tự không hợp lệ.")
    if len(text) > MAX_TEXT:
        raise RatingError(422, "text_too_long", f"Nội dung phản ánh tối đa {format_count(MAX_TEXT)} ký tự.")
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
