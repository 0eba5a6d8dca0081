"""Khóa API — keys for systems that push data (the province's one-stop system) or read reports.

Only a SHA-256 of the key is stored: keys are long random strings, so a fast hash is enough and a
stolen database yields no usable key.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from motcua.db import Base
from motcua.units import Unit


class ApiKeyError(ValueError):
    """A key that cannot be created or revoked; Vietnamese message."""


class ApiKey(Base):
    """A named key; ``revoked_at`` set means it no longer opens anything."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The unit whose subtree the key may read or write; None (keys made before scopes existed) opens nothing.
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    # Comma-separated permissions out of SCOPES.
    scopes: Mapped[str] = mapped_column(String(80), default="", server_default="")

    unit: Mapped[Unit | None] = relationship()


def create_api_key(session: Session, name: str) -> str:
    """Store a new key under ``name`` and return it in clear (shown once, never again)."""
    name = name.strip()
    if not name:
        raise ApiKeyError("Thiếu tên khóa API.")
    if session.scalar(select(ApiKey).where(ApiKey.name == name)):
        raise ApiKeyError(f"Khóa API '{name}' đã tồn tại; thu hồi nó trước khi tạo lại.")
    key = "mc_" + secrets.token_urlsafe(32)
    session.add(ApiKey(name=name, key_hash=_digest(key)))
    session.flush()
    return key


def revoke_api_key(session: Session, name: str) -> None:
    """Revoke the key (kept for the audit trail, under a freed name)."""
    key = session.scalar(select(ApiKey).where(ApiKey.name == name.strip(), ApiKey.revoked_at.is_(None)))
    if key is None:
        raise ApiKeyError(f"Không có khóa API đang hoạt động tên '{name.strip()}'.")
    key.revoked_at = datetime.now().astimezone()
    key.name = f"{key.name}#revoked-{key.id}"
    session.flush()


def check_api_key(session: Session, presented: str) -> ApiKey | None:
    """The active key matching ``presented``, or None."""
    if not presented:
        return None
    digest = _digest(presented)
    key = session.scalar(select(ApiKey).where(ApiKey.key_hash == digest, ApiKey.revoked_at.is_(None)))
    if key is not None and hmac.compare_digest(key.key_hash, digest):
        return key
    return None


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()
