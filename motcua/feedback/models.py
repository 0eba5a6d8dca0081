"""Phiếu đánh giá and phản ánh — the tables of the feedback area."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from motcua.db import Base
from motcua.staff import Counter, Officer
from motcua.units import Unit

SOURCES = {
    "kiosk": "Màn hình cảm ứng tại quầy",
    "qr": "Mã QR trên giấy biên nhận",
    "chat": "Trợ lý trực tuyến",
    "zalo": "Zalo",
    "paper": "Phiếu giấy (nhập lại)",
}


class Rating(Base):
    """Phiếu đánh giá mức độ hài lòng — one citizen's answer, from any channel.

    ``idempotency_key`` is made by the client (the kiosk's browser, the bot) before the first send, so a
    rating resent after a lost answer or an outage is stored once. ``single_use_dossier_id`` is set only
    for ratings made through a dossier's link (QR, chat, Zalo): its unique constraint is what makes such a
    link usable once, whichever process serves the request.
    """

    __tablename__ = "ratings"
    __table_args__ = (
        # A unit's ratings by time; level, attitude and dossier ride along so that the reports' counts of
        # a period are read from the index alone.
        Index("ix_ratings_unit_id_created_at", "unit_id", "created_at", "level", "attitude", "dossier_id"),
        # Reports (QĐ 766): the few dossiers rated dissatisfied, without reading every rating.
        Index("ix_ratings_level_dossier_id", "level", "dossier_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(80), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), index=True)
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id"), index=True)
    single_use_dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id"), unique=True)
    level: Mapped[str] = mapped_column(String(24))
    attitude: Mapped[str | None] = mapped_column(String(24))
    reasons: Mapped[list] = mapped_column(JSON, default=list)
    comment: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(8))
    # When the citizen rated (the kiosk's clock for a rating queued offline) and when it reached us.
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    received_at: Mapped[datetime] = mapped_column(DateTime)
    # The enrolled kiosk that sent it: after a credential is revoked, its ratings can still be found.
    device_id: Mapped[int | None] = mapped_column(ForeignKey("kiosk_devices.id"))

    unit: Mapped[Unit] = relationship()
    counter: Mapped[Counter | None] = relationship()
    officer: Mapped[Officer | None] = relationship()


class KioskDevice(Base):
    """Màn hình đánh giá đã đăng ký — the credential of one counter's kiosk, enrolled by a manager.

    Only a SHA-256 of the secret is stored (a long random string: a fast hash is enough, and a copy of
    the database opens no kiosk). A counter has at most one active device: enrolling again revokes the
    previous one, so a lost or replaced tablet is shut out by enrolling its successor.
    """

    __tablename__ = "kiosk_devices"

    id: Mapped[int] = mapped_column(primary_key=True)
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)

    counter: Mapped[Counter] = relationship()


class Complaint(Base):
    """Phản ánh, kiến nghị — a complaint or suggestion from a citizen, with a reference to follow it up."""

    __tablename__ = "complaints"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(24), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    contact: Mapped[str] = mapped_column(String(255), default="")
    source: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16), default="moi")
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)

    unit: Mapped[Unit] = relationship()
