"""Khóa API — keys for systems: the province's one-stop system pushing dossiers, a dashboard reading
reports, the assistant's action server.

A key is scoped twice: to a unit (it reaches that unit and the units below it, the rule of
``motcua.accounts.can_see_unit``) and to permissions (``SCOPES``), so a commune's integrator cannot
read the province's reports nor push another commune's dossiers. Only a SHA-256 of the key is stored:
keys are long random strings, so a fast hash is enough and a stolen database yields no usable key.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from motcua.db import Base
from motcua.errors import Invalid
from motcua.units import Unit, get_unit

SCOPES = {
    "intake": "gửi hồ sơ và trạng thái hồ sơ",
    "reports": "đọc báo cáo",
    "assistant": "trợ lý ảo: tra cứu, xác thực, đánh giá và góp ý theo hồ sơ đã xác thực",
    "handoff": "trò chuyện với cán bộ: xem hàng chờ, nhận, trả lời và kết thúc cuộc trò chuyện",
    "turns": "trợ lý ảo (Rasa): gửi lượt hỏi đáp đã che dữ liệu cá nhân cho thống kê, không gì khác",
}
# A scope that includes another: the action server's key may also post the turns Rasa posts, so make run
# gives both processes of one machine one key; production gives Rasa a key with ``turns`` alone, which
# opens no dossier if Rasa's environment leaks (docs/assistant-security.md).
IMPLIED_SCOPES = {"assistant": frozenset({"turns"})}


class ApiKeyError(Invalid):
    """A key that cannot be created, scoped or revoked; Vietnamese message."""


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

    @property
    def scope_set(self) -> frozenset[str]:
        return frozenset(part for part in self.scopes.split(",") if part)

    def allows(self, scope: str) -> bool:
        """True when the key has ``scope`` (or a scope implying it) and a unit to use it on."""
        if self.unit_id is None:
            return False
        return scope in self.scope_set or any(scope in IMPLIED_SCOPES.get(held, ()) for held in self.scope_set)


def parse_scopes(text: str) -> str:
    """``"Intake, reports"`` → ``"intake,reports"``; ``ApiKeyError`` for an empty or unknown scope."""
    wanted = sorted({part.strip().lower() for part in text.split(",") if part.strip()})
    unknown = [part for part in wanted if part not in SCOPES]
    if not wanted or unknown:
        given = ", ".join(unknown) or text.strip()
        raise ApiKeyError(f"Quyền '{given}' không hợp lệ; dùng một hoặc nhiều: {', '.join(SCOPES)}.")
    return ",".join(wanted)


def create_api_key(session: Session, name: str, unit_code: str, scopes: str) -> str:
    """Store a new key under ``name`` for ``unit_code`` with ``scopes`` and return it in clear (shown
    once, never again)."""
    name = name.strip()
    if not name:
        raise ApiKeyError("Thiếu tên khóa API.")
    if session.scalar(select(ApiKey).where(ApiKey.name == name)):
        raise ApiKeyError(f"Khóa API '{name}' đã tồn tại; thu hồi nó trước khi tạo lại.")
    key = "mc_" + secrets.token_urlsafe(32)
    session.add(ApiKey(name=name, key_hash=_digest(key), unit=_unit(session, unit_code), scopes=parse_scopes(scopes)))
    session.flush()
    return key


def scope_api_key(session: Session, name: str, unit_code: str, scopes: str) -> ApiKey:
    """Give an active key a unit and permissions (the keys made before scopes existed have no unit)."""
    key = _active(session, name)
    key.unit, key.scopes = _unit(session, unit_code), parse_scopes(scopes)
    session.flush()
    return key


def revoke_api_key(session: Session, name: str) -> None:
    """Revoke the key (kept for the audit trail, under a freed name)."""
    key = _active(session, name)
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


def _active(session: Session, name: str) -> ApiKey:
    key = session.scalar(select(ApiKey).where(ApiKey.name == name.strip(), ApiKey.revoked_at.is_(None)))
    if key is None:
        raise ApiKeyError(f"Không có khóa API đang hoạt động tên '{name.strip()}'.")
    return key


def _unit(session: Session, unit_code: str) -> Unit:
    unit = get_unit(session, unit_code or "")
    if unit is None:
        raise ApiKeyError(f"Không tìm thấy đơn vị '{(unit_code or '').strip()}' (--unit).")
    return unit


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()
