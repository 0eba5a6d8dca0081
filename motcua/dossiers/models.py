"""Tables of the dossier area: ``Dossier`` (hồ sơ), ``DossierEvent`` (every state change) and the
per-unit, per-day counter behind dossier codes."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

# The tables the foreign keys point to must be in the metadata whenever dossiers are.
import motcua.catalogue.models
import motcua.staff  # noqa: F401
from motcua.db import Base
from motcua.dossiers import states
from motcua.dossiers.timeliness import is_overdue, timeliness
from motcua.privacy.crypto import EncryptedString

CHANNELS = {"truc_tiep": "Trực tiếp", "truc_tuyen": "Trực tuyến", "buu_chinh": "Bưu chính công ích"}
RESULT_DELIVERIES = {"tai_quay": "Tại Bộ phận Một cửa", "buu_chinh": "Qua dịch vụ bưu chính"}
ONLINE_LEVELS = {"toan_trinh": "Dịch vụ công trực tuyến toàn trình", "mot_phan": "Dịch vụ công trực tuyến một phần"}


# The columns the report aggregates read, after an index's leading columns (``id`` for PostgreSQL's
# index-only scans; SQLite keeps the rowid in every index anyway).
REPORTED_COLUMNS = (
    "resolved_at",
    "state",
    "state_at",
    "due_at",
    "channel",
    "result_delivery",
    "procedure_id",
    "online_level",
    "id",
)

# A unit's dossiers by date resolved (NULL: not resolved), then what the reports count.
RESOLVED_INDEX_COLUMNS = ("unit_id", "resolved_at", "state", "received_at", *REPORTED_COLUMNS[2:])

# Dossiers resolved more than this many days after they were received. A report must find the dossiers
# received before its period and resolved after it; those resolved within this many days of the period's
# start are few and read from ``ix_dossiers_unit_resolved``, and any resolved later were necessarily open
# this long, so they are read from a partial index of such dossiers alone instead of from every dossier
# resolved since (which, for last year's report, is a year of them). The report states the same
# condition, written exactly as here, so that each database can prove the partial index applies.
LONG_RUNNING_DAYS = 31
LONG_RUNNING = {
    "sqlite": f"resolved_at > datetime(received_at, '+{LONG_RUNNING_DAYS} days')",
    "postgresql": f"resolved_at > received_at + interval '{LONG_RUNNING_DAYS} days'",
}


class Dossier(Base):
    """Hồ sơ — one application for one procedure, received by one unit.

    Applicant name, phone, address, e-mail and identifier are personal data: shown only after the
    second factor (the phone's last four digits) and masked in logs.
    """

    __tablename__ = "dossiers"
    __table_args__ = (
        # A unit's dossiers by date received, and by date resolved (NULL: not resolved). Both carry every
        # column the reports count (motcua/reports/measures.py) so a period is read from the index
        # alone, never from the table rows.
        Index("ix_dossiers_unit_received", "unit_id", "received_at", *REPORTED_COLUMNS),
        Index("ix_dossiers_unit_resolved", *RESOLVED_INDEX_COLUMNS),
        Index(
            "ix_dossiers_unit_resolved_long",
            *RESOLVED_INDEX_COLUMNS,
            sqlite_where=text(LONG_RUNNING["sqlite"]),
            postgresql_where=text(LONG_RUNNING["postgresql"]),
        ),
        # Reports: dossiers refused, withdrawn or stopped within a period.
        Index("ix_dossiers_state_state_at", "state", "state_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    applicant_name: Mapped[str] = mapped_column(String(255))
    applicant_phone: Mapped[str] = mapped_column(String(20), default="")
    applicant_address: Mapped[str] = mapped_column(String(500), default="")
    applicant_email: Mapped[str] = mapped_column(String(255), default="")
    # Mã định danh (CCCD number or enterprise code), printed in the receipt's QR as Thông tư 01/2023 asks.
    # Stored encrypted (motcua/privacy/crypto.py); the attribute holds the clear value.
    applicant_identifier: Mapped[str] = mapped_column(EncryptedString(255), default="")
    channel: Mapped[str] = mapped_column(String(12))
    result_delivery: Mapped[str] = mapped_column(String(12), default="tai_quay")
    received_at: Mapped[datetime] = mapped_column(DateTime)
    due_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    result_returned_at: Mapped[datetime | None] = mapped_column(DateTime)
    state: Mapped[int] = mapped_column(Integer, index=True)
    state_at: Mapped[datetime] = mapped_column(DateTime)
    online_level: Mapped[str | None] = mapped_column(String(12))
    received_by_officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    # Thời hạn giải quyết theo quy định, in working days, as it stood when the dossier was received.
    processing_days: Mapped[int | None] = mapped_column(Integer)
    # Giấy tờ đã nộp: [{"name": ..., "copy_type": ...}], ticked at the counter.
    documents: Mapped[list] = mapped_column(JSON, default=list)
    sets: Mapped[int] = mapped_column(Integer, default=1)
    # Giấy tờ cần bổ sung (state 5): names the applicant must bring.
    supplement: Mapped[list] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")

    events: Mapped[list[DossierEvent]] = relationship(
        back_populates="dossier", order_by="DossierEvent.at", cascade="all, delete-orphan"
    )
    procedure = relationship("Procedure")
    unit = relationship("Unit")
    received_by = relationship("Officer")

    @property
    def state_label(self) -> str:
        return states.STATE_LABELS[self.state]

    @property
    def timeliness(self) -> str | None:
        """truoc_han / dung_han / qua_han once resolved, else None."""
        return timeliness(self.due_at, self.resolved_at)

    def is_late(self, today: date) -> bool:
        """Quá hạn: resolved late, or still pending past the due date (closed dossiers never are)."""
        if self.state in states.CLOSED_STATES:
            return False
        return is_overdue(self.due_at, self.resolved_at, today)


class DossierEvent(Base):
    """Một lần chuyển trạng thái: the state entered, when, why, and which system told us."""

    __tablename__ = "dossier_events"
    # The same change reported twice (a retry, a replayed import) is stored once.
    __table_args__ = (
        UniqueConstraint("dossier_id", "state", "at"),
        # Reports: dossiers sent back for supplement (or closed) within a period (index only).
        Index("ix_dossier_events_state_at", "state", "at", "dossier_id"),
        # Reports: a dossier's state at a given moment, read from its last event before it (index only).
        Index("ix_dossier_events_dossier_at", "dossier_id", "at", "id", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"))
    state: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(20), default="api")

    dossier: Mapped[Dossier] = relationship(back_populates="events")

    @property
    def state_label(self) -> str:
        return states.STATE_LABELS[self.state]


class DossierCounter(Base):
    """The last running number a unit issued on a day (see ``codes.next_code``)."""

    __tablename__ = "dossier_counters"

    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)
