"""Tài khoản — officers, centre managers and administrators — and the one rule of who may see which
unit. Citizens never need an account.

Who sees what: an administrator every unit; an officer or centre manager their unit and the units
below it; an API key the unit it was made for and the units below (``motcua.apikeys``). Every dossier,
receipt, counter, officer, rating and report belongs to a unit, and every page or API route asks
``can_see_unit`` before it reads or changes one (``kiosk.auth.require_unit``).

Who may manage whom: an administrator manages every account; a centre manager manages the officer
accounts of their unit and the units below it, never an administrator or another manager. Passwords
arrive here already hashed (memory-hard scrypt, see ``kiosk.auth``): this module never sees a hash
function, only the rules a new password must follow.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, false, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from motcua.apikeys import ApiKey
from motcua.db import Base
from motcua.errors import Forbidden, Invalid
from motcua.staff import Officer
from motcua.text import fold, nfc, strip_diacritics
from motcua.units import Unit, get_unit, subtree_ids

ROLES = {"officer": "Cán bộ tiếp nhận", "manager": "Lãnh đạo trung tâm", "admin": "Quản trị hệ thống"}
MIN_PASSWORD_LENGTH = 8
# scrypt hashes whatever it is given; a cap keeps a pasted novel from costing the server.
MAX_PASSWORD_LENGTH = 256
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,79}")


class AccountError(Invalid):
    """An account that cannot be created or changed; Vietnamese message."""


class AccountPermissionError(Forbidden, AccountError):
    """The signed-in user may not manage this account (or create one like it)."""


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
    # Every session cookie carries the version it was issued under; bumping it (sign-out, new password,
    # deactivation) ends every open session of the account at its next request, on every device.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    # Set on an account whose password someone else chose (the first administrator): its sessions
    # reach only the change-password page until the owner picks their own.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=false())

    unit: Mapped[Unit | None] = relationship()

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)


def normalise_username(raw: str) -> str:
    """The stored form of a user name: trimmed, lower case, diacritics removed (so "CanBo" and a
    name typed with a Vietnamese keyboard's stray marks both find "canbo")."""
    return strip_diacritics(nfc(raw)).strip().lower()


def check_new_password(password: str) -> None:
    """Raise AccountError unless ``password`` is acceptable as a new password."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError(f"Mật khẩu dài tối đa {MAX_PASSWORD_LENGTH} ký tự.")


def create_user(
    session: Session,
    username: str,
    password_hash: str,
    role: str,
    unit_code: str | None = None,
    full_name: str = "",
) -> User:
    """Store a new account. The caller hashes the password (memory-hard scrypt, see kiosk.auth)."""
    username = normalise_username(username)
    if not username:
        raise AccountError("Thiếu tên đăng nhập.")
    if not _USERNAME.fullmatch(username):
        raise AccountError(
            "Tên đăng nhập dài 3–80 ký tự, chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch ngang."
        )
    if role not in ROLES:
        raise AccountError(f"Vai trò '{role}' không hợp lệ; dùng một trong: {', '.join(ROLES)}.")
    if session.scalar(select(User).where(User.username == username)):
        raise AccountError(f"Tên đăng nhập '{username}' đã tồn tại.")
    # The kiosk shows officer codes to anyone at the counter; a login name must not be one of them.
    if session.scalar(select(Officer.id).where(func.lower(Officer.code) == username).limit(1)):
        raise AccountError(f"Tên đăng nhập '{username}' trùng mã cán bộ hiển thị trên kiosk; chọn tên khác.")
    unit = None
    if unit_code:
        unit = get_unit(session, unit_code)
        if unit is None:
            raise AccountError(f"Không tìm thấy đơn vị '{unit_code}'.")
    elif role != "admin":
        raise AccountError("Cán bộ và lãnh đạo phải thuộc một đơn vị (--unit).")
    user = User(username=username, password_hash=password_hash, role=role, unit=unit, full_name=nfc(full_name).strip())
    session.add(user)
    session.flush()
    return user


def create_account(
    session: Session,
    actor: User,
    username: str,
    password_hash: str,
    role: str,
    unit_code: str | None,
    full_name: str,
) -> User:
    """``create_user`` on behalf of a signed-in user, who must be allowed to manage such an account."""
    if not nfc(full_name).strip():
        raise AccountError("Vui lòng nhập họ và tên.")
    unit = get_unit(session, unit_code) if unit_code else None
    if unit_code and unit is None:
        raise AccountError(f"Không tìm thấy đơn vị '{unit_code}'.")
    if role in ROLES and not can_manage(session, actor, role, unit):
        raise AccountPermissionError(_refusal(actor))
    return create_user(session, username, password_hash, role, unit_code, full_name)


def find_user(session: Session, username: str) -> User | None:
    """The active account with this user name (case- and diacritic-insensitive)."""
    return session.scalar(select(User).where(User.username == normalise_username(username), User.active.is_(True)))


def get_user(session: Session, username: str) -> User | None:
    """The account with this user name, active or not."""
    return session.scalar(select(User).where(User.username == normalise_username(username)))


def assignable_roles(actor: User) -> list[str]:
    """The roles ``actor`` may give a new account."""
    if actor.role == "admin":
        return list(ROLES)
    return ["officer"] if actor.role == "manager" else []


def can_manage(session: Session, actor: User, role: str, unit: Unit | None) -> bool:
    """True when ``actor`` may create or change an account with ``role`` in ``unit``."""
    if actor.role == "admin":
        return True
    if actor.role != "manager" or role != "officer" or unit is None:
        return False
    return can_see_unit(session, actor, unit)


def manageable_users(session: Session, actor: User, query: str = "") -> list[User]:
    """The accounts ``actor`` manages, by unit then user name; ``query`` keeps those whose user name
    or full name contains it (typed with or without diacritics)."""
    statement = select(User).outerjoin(User.unit).order_by(Unit.code.is_not(None), Unit.code, User.username)
    if actor.role != "admin":
        visible = visible_unit_ids(session, actor) or set()
        if actor.role != "manager" or not visible:
            return []
        statement = statement.where(User.role == "officer", User.unit_id.in_(visible))
    users = list(session.scalars(statement))
    wanted = fold(query)
    if wanted:
        users = [user for user in users if wanted in fold(f"{user.username} {user.full_name}")]
    return users


def set_active(session: Session, actor: User | None, user: User, active: bool) -> None:
    """Deactivate or reactivate ``user``; ``actor`` None is the system (the CLI). Deactivating ends
    the user's open sessions at their next request."""
    _ensure_may_change(session, actor, user)
    if not active and actor is not None and actor.id == user.id:
        raise AccountError("Bạn không thể tự khóa tài khoản của mình.")
    user.active = active
    if not active:
        end_sessions(user)
    session.flush()


def set_password(
    session: Session, actor: User | None, user: User, password_hash: str, *, temporary: bool = False
) -> None:
    """Give ``user`` a new password (already checked and hashed); ``actor`` None is the system.
    Every open session of the account ends; ``temporary`` makes the owner choose their own at sign-in."""
    _ensure_may_change(session, actor, user)
    user.password_hash = password_hash
    user.must_change_password = temporary
    end_sessions(user)
    session.flush()


def end_sessions(user: User) -> None:
    """Sign ``user`` out everywhere: session cookies issued before this no longer open anything."""
    user.session_version = (user.session_version or 0) + 1


def unit_tree(session: Session, user: User) -> list[tuple[Unit, int]]:
    """The units ``user`` may see with their depth below the topmost one shown, parents before
    children and siblings by code: the order of a unit picker."""
    visible = visible_unit_ids(session, user)
    units = list(session.scalars(select(Unit).order_by(Unit.code)))
    if visible is not None:
        units = [unit for unit in units if unit.id in visible]
    shown = {unit.id for unit in units}
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id if unit.parent_id in shown else None, []).append(unit)
    ordered: list[tuple[Unit, int]] = []
    stack = [(unit, 0) for unit in reversed(children.get(None, []))]
    while stack:
        unit, depth = stack.pop()
        ordered.append((unit, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(unit.id, [])))
    return ordered


def visible_unit_ids(session: Session, actor: User | ApiKey) -> set[int] | None:
    """The units whose dossiers, counters, officers, ratings and figures ``actor`` may see and change:
    an administrator all (None); an officer, a manager or an API key its unit and every unit below it;
    an account or key without a unit none."""
    if isinstance(actor, User) and actor.role == "admin":
        return None
    if actor.unit is None:
        return set()
    return set(subtree_ids(session, actor.unit))


def can_see_unit(session: Session, actor: User | ApiKey, unit: Unit) -> bool:
    """True when ``unit`` is within what ``actor`` (a signed-in user or an API key) may see."""
    visible = visible_unit_ids(session, actor)
    return visible is None or unit.id in visible


def _ensure_may_change(session: Session, actor: User | None, user: User) -> None:
    if actor is not None and not can_manage(session, actor, user.role, user.unit):
        raise AccountPermissionError(_refusal(actor))


def _refusal(actor: User) -> str:
    if actor.role == "manager":
        return "Lãnh đạo trung tâm chỉ quản lý tài khoản cán bộ của đơn vị mình và các đơn vị trực thuộc."
    return "Bạn không có quyền quản lý tài khoản."
