"""Giấy tiếp nhận hồ sơ và hẹn trả kết quả — the receipt's content, independent of how it is drawn.

Fields follow the one-stop forms (Thông tư 01/2018 → 03/2025/TT-VPCP); the QR at the top left carries
what Thông tư 01/2023/TT-VPCP asks: dossier code, procedure code, applicant identifier, document title,
issuing system, time of issue and the date the result will be returned.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from motcua.catalogue import processing_time
from motcua.dossiers.codes import parse_code
from motcua.dossiers.models import RESULT_DELIVERIES, Dossier

TITLE = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
ISSUING_SYSTEM = "Hệ thống Một Cửa"
COPIES = ("Liên 1: Giao người nộp hồ sơ", "Liên 2: Lưu tại Bộ phận tiếp nhận và trả kết quả")


@dataclass(frozen=True)
class Receipt:
    """Everything printed on a receipt (both copies), plus the two QR payloads."""

    agency: str
    office: str
    number: str
    code: str
    applicant_name: str
    applicant_address: str
    applicant_phone: str
    applicant_email: str
    applicant_identifier: str
    request: str
    procedure_code: str
    documents: list[dict]
    sets: int
    processing_days: int | None
    # "15 ngày làm việc", "30 ngày", "24 giờ" (None: the catalogue publishes no time).
    processing_time: str | None
    received_at: datetime
    due_at: datetime | None
    result_delivery: str
    officer: str
    issued_at: datetime
    rating_url: str

    @property
    def qr_payload(self) -> str:
        """The Thông tư 01/2023 data, as compact JSON (keys in Vietnamese, values as printed)."""
        return json.dumps(
            {
                "ma_ho_so": self.code,
                "ma_thu_tuc": self.procedure_code,
                "ma_dinh_danh": self.applicant_identifier,
                "ten_giay_to": TITLE,
                "he_thong": f"{ISSUING_SYSTEM} — {self.office}",
                "thoi_gian": self.issued_at.isoformat(timespec="minutes"),
                "ngay_hen_tra": self.due_at.date().isoformat() if self.due_at else None,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )


def processing_time_label(dossier: Dossier) -> str | None:
    """The legal processing time as printed: the working days stored when the dossier was received,
    else the catalogue's time for its channel in its own unit (calendar days, months, hours)."""
    if dossier.processing_days is not None:
        return f"{dossier.processing_days} ngày làm việc"
    legal_time = processing_time(dossier.procedure, dossier.channel)
    return legal_time.label if legal_time is not None else None


def build_receipt(dossier: Dossier, officer_name: str, rating_url: str, issued_at: datetime) -> Receipt:
    """The receipt of ``dossier`` (with its unit, procedure and officer loaded)."""
    unit = dossier.unit
    agency = unit.parent.name if unit.parent is not None else unit.name
    return Receipt(
        agency=agency.upper(),
        office=unit.name,
        number=f"{parse_code(dossier.code).number:04d}/TNHS",
        code=dossier.code,
        applicant_name=dossier.applicant_name,
        applicant_address=dossier.applicant_address,
        applicant_phone=dossier.applicant_phone,
        applicant_email=dossier.applicant_email,
        applicant_identifier=dossier.applicant_identifier,
        request=dossier.procedure.name,
        procedure_code=dossier.procedure.code,
        documents=list(dossier.documents or []),
        sets=dossier.sets,
        processing_days=dossier.processing_days,
        processing_time=processing_time_label(dossier),
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        result_delivery=RESULT_DELIVERIES.get(dossier.result_delivery, dossier.result_delivery),
        officer=officer_name,
        issued_at=issued_at,
        rating_url=rating_url,
    )
