"""Tài khoản — officers, centre managers and administrators. Citizens never need an account."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from motcua.db import Base
from motcua.units import Unit, get_unit, subtree_ids

ROLES = {"officer": "Cán bộ tiếp nhận", "manager": "Lãnh đạo trung tâm", "admin": "Quản trị hệ thống"}


class AccountError(ValueError):
    """An account that cannot be created; Vietnamese message."""


class User(Base):
    """Người dùng nội bộ. ``manager`` sees its unit and every unit below; ``admin`` sees all."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(255), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    unit: Mapped[Unit | None] = relationship()


def create_user(
    session: Session,
    username: str,
    password_hash: str,
    role: str,
    unit_code: str | None = None,
    full_name: str = "",
) -> User:
    """Store a new account. The caller hashes the password (memory-hard scrypt, see kiosk.auth)."""
    username = username.strip().lower()
    if not username:
        raise AccountError("Thiếu tên đăng nhập.")
    if role not in ROLES:
        raise AccountError(f"Vai trò '{role}' không hợp lệ; dùng một trong: {', '.join(ROLES)}.")
    if session.scalar(select(User).where(User.username == username)):
        raise AccountError(f"Tên đăng nhập '{username}' đã tồn tại.")
    unit = None
    if unit_code:
        unit = get_unit(session, unit_code)
        if unit is None:
            raise AccountError(f"Không tìm thấy đơn vị '{unit_code}'.")
    elif role != "admin":
        raise AccountError("Cán bộ và lãnh đạo phải thuộc một đơn vị (--unit).")
    user = User(username=username, password_hash=password_hash, role=role, unit=unit, full_name=full_name)
    session.add(user)
    session.flush()
    return user


def find_user(session: Session, username: str) -> User | None:
    """The active account with this user name (case-insensitive)."""
    return session.scalar(select(User).where(User.username == username.strip().lower(), User.active.is_(True)))


def visible_unit_ids(session: Session, user: User) -> set[int] | None:
    """The units whose figures and dossiers ``user`` may see: an administrator all (None), a manager
    or officer their own unit and every unit below it."""
    if user.role == "admin":
        return None
    if user.unit is None:
        return set()
    return set(subtree_ids(session, user.unit))


def can_see_unit(session: Session, user: User, unit: Unit) -> bool:
    """True when ``unit`` is within what ``user`` may see."""
    visible = visible_unit_ids(session, user)
    return visible is None or unit.id in visible
