"""Thủ tục hành chính — one procedure of the national catalogue, stored in structured form.

The national portal publishes tables flattened into run-on text; ``motcua.catalogue.records`` turns
them into the lists kept here as JSON (documents, channels, legal basis, ...), so pages, the API and
the bot read structure instead of re-parsing text.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from motcua.catalogue.channels import parse_processing_time
from motcua.catalogue.checklist import document_count, ordered_documents
from motcua.catalogue.fees import current_fee_notes, headline_fee
from motcua.clock import now_local
from motcua.db import Base
from motcua.text import fold

LEVEL_LABELS = {"xa": "Cấp xã", "tinh": "Cấp tỉnh", "bo": "Cấp bộ", "khac": "Cơ quan khác"}
CHANNEL_LABELS = {"truc_tiep": "Trực tiếp", "truc_tuyen": "Trực tuyến", "buu_chinh": "Dịch vụ bưu chính"}
DOCUMENT_KIND_LABELS = {"nop": "Giấy tờ phải nộp", "xuat_trinh": "Giấy tờ phải xuất trình", "ghi_chu": "Ghi chú"}


class Procedure(Base):
    """Thủ tục hành chính (code like "1.000178"), as published on the national public service portal."""

    __tablename__ = "procedures"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(Text)
    # "xa" | "tinh" | "bo" | "khac" (cơ quan khác), in the portal's order.
    levels: Mapped[list] = mapped_column(JSON, default=list)
    field: Mapped[str] = mapped_column(String(255), default="")
    ministry: Mapped[str] = mapped_column(String(80), default="")
    agency: Mapped[str] = mapped_column(Text, default="")
    decision_number: Mapped[str] = mapped_column(String(120), default="")
    target_groups: Mapped[list] = mapped_column(JSON, default=list)
    # [{name, kind: nop|xuat_trinh|ghi_chu, quantity, copy_type, originals, copies, forms, section}]
    documents: Mapped[list] = mapped_column(JSON, default=list)
    # [{channel, processing_time, processing_days, fee, fee_note, description}]
    channels: Mapped[list] = mapped_column(JSON, default=list)
    legal_basis: Mapped[list] = mapped_column(JSON, default=list)
    results: Mapped[list] = mapped_column(JSON, default=list)
    steps: Mapped[list] = mapped_column(JSON, default=list)
    conditions: Mapped[list] = mapped_column(JSON, default=list)
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    portal_url: Mapped[str] = mapped_column(String(255), default="")
    # What the importer could not read, so a curator can fix the source instead of losing it silently.
    parse_issues: Mapped[list] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(DateTime, index=True)

    @property
    def is_online_capable(self) -> bool:
        """True when the procedure can be submitted online (a "Trực tuyến" channel is published)."""
        return self.online

    @property
    def is_civil_status(self) -> bool:
        """Hộ tịch procedures: dossiers received after 15:00 count from the next working day."""
        return fold(self.field) == "ho tich"

    @property
    def level_labels(self) -> list[str]:
        return [LEVEL_LABELS.get(level, level) for level in self.levels]

    def summary(self) -> dict:
        """The fields of a search hit."""
        return {"code": self.code, "name": self.name, "levels": list(self.levels), "field": self.field}

    def to_dict(self) -> dict:
        """The full structured record served by ``GET /api/v1/procedures/<code>``.

        ``documents`` come in the order citizens need them, each with its ``need`` (form, required,
        conditional, note: ``motcua.catalogue.checklist``); ``documents_total`` counts them without the
        notes, so a reader showing a few can say how many more there are and link ``page_path``.
        ``fee`` is the headline fee and ``fee_note`` the published notes that change it today (a
        temporary 50 % reduction), or None."""
        notes = current_fee_notes(self.channels, now_local().date())
        return {
            **self.summary(),
            "ministry": self.ministry,
            "agency": self.agency,
            "target_groups": list(self.target_groups),
            "documents": ordered_documents(self.documents),
            "documents_total": document_count(self.documents),
            "fee": headline_fee(self.channels),
            "fee_note": " ".join(f"{note}." for note in notes) or None,
            "page_path": f"/thu-tuc/{self.code}",
            "channels": [_with_processing_label(row) for row in self.channels],
            "legal_basis": list(self.legal_basis),
            "results": list(self.results),
            "steps": list(self.steps),
            "conditions": list(self.conditions),
            "online": self.online,
            "is_civil_status": self.is_civil_status,
            "portal_url": self.portal_url,
        }


def _with_processing_label(row: dict) -> dict:
    """The channel row plus the time as the law states it ("30 ngày", "7 ngày làm việc"), so that
    readers never present calendar days as working days."""
    time = parse_processing_time(row.get("processing_time") or "")
    return {**row, "processing_label": time.label if time else None}
