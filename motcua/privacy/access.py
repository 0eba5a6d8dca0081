"""Nhật ký truy cập dữ liệu cá nhân — who looked at an applicant's personal data, which dossier, when
and through which route (Law 91/2025: the controller must be able to say who processed the data).

Append-only: the ORM refuses to change or delete an entry (``_refuse_changes``); only the retention
purge (motcua/privacy/retention.py) removes entries past their period, with a bulk ``DELETE`` by age.
An entry names its actor twice: the account or key id (to join) and a label copied at the time (kept
readable if the account is renamed or the key revoked).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, event, select
from sqlalchemy.orm import Mapped, Session, mapped_column

import motcua.dossiers.models  # noqa: F401  (the foreign keys point to users, api_keys and dossiers)
from motcua.accounts import User
from motcua.apikeys import ApiKey
from motcua.db import Base

ACTOR_KINDS = {"user": "Tài khoản", "api_key": "Khóa API", "citizen": "Người dân (đã xác minh)", "system": "Hệ thống"}


class AppendOnlyError(RuntimeError):
    """An access-log entry was about to be changed or deleted."""


class AccessEntry(Base):
    """One view of one dossier's personal data (or of many, for an export: ``dossier_id`` empty and the
    scope in ``detail``)."""

    __tablename__ = "access_log"
    __table_args__ = (Index("ix_access_log_dossier_id_at", "dossier_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor_kind: Mapped[str] = mapped_column(String(10))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    api_key_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"), default=None)
    actor: Mapped[str] = mapped_column(String(120), default="")
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id"), default=None)
    # The route (Flask endpoint, CLI command) that showed the data: the "why".
    route: Mapped[str] = mapped_column(String(120))
    detail: Mapped[str] = mapped_column(String(255), default="")


@dataclass(frozen=True)
class Actor:
    """Who is looking: ``Actor.user(user)``, ``Actor.api_key(key)``, ``Actor.citizen()``, ``Actor.system(name)``."""

    kind: str
    label: str
    user_id: int | None = None
    api_key_id: int | None = None

    @classmethod
    def for_user(cls, user) -> Actor:
        return cls("user", user.username, user_id=user.id)

    @classmethod
    def for_api_key(cls, key) -> Actor:
        return cls("api_key", key.name, api_key_id=key.id)

    @classmethod
    def of(cls, who) -> Actor:
        """The actor of a request: its API key, its signed-in user, or (neither) the citizen who passed
        the phone check (``kiosk.core.auth.current_actor()`` gives the first two)."""
        if isinstance(who, User):
            return cls.for_user(who)
        if isinstance(who, ApiKey):
            return cls.for_api_key(who)
        return cls.citizen()

    @classmethod
    def citizen(cls, how: str = "phone_check") -> Actor:
        """A citizen who passed the second factor (the phone's last four digits)."""
        return cls("citizen", how)

    @classmethod
    def system(cls, name: str) -> Actor:
        return cls("system", name)


def record_access(
    session: Session,
    actor: Actor,
    route: str,
    now: datetime,
    dossier_id: int | None = None,
    detail: str = "",
) -> AccessEntry:
    """Add one entry to the caller's transaction (it is stored when the caller commits)."""
    if actor.kind not in ACTOR_KINDS:
        raise ValueError(f"unknown actor kind {actor.kind!r}")
    entry = AccessEntry(
        at=now,
        actor_kind=actor.kind,
        user_id=actor.user_id,
        api_key_id=actor.api_key_id,
        actor=actor.label[:120],
        dossier_id=dossier_id,
        route=route[:120],
        detail=detail[:255],
    )
    session.add(entry)
    return entry


def entries_for_dossier(session: Session, dossier_id: int) -> list[AccessEntry]:
    """Every recorded view of one dossier, oldest first."""
    query = select(AccessEntry).where(AccessEntry.dossier_id == dossier_id).order_by(AccessEntry.at, AccessEntry.id)
    return list(session.scalars(query))


def entries_between(session: Session, start: datetime, end: datetime) -> list[AccessEntry]:
    """Every entry with ``start <= at < end``, oldest first."""
    query = (
        select(AccessEntry)
        .where(AccessEntry.at >= start, AccessEntry.at < end)
        .order_by(AccessEntry.at, AccessEntry.id)
    )
    return list(session.scalars(query))


@event.listens_for(AccessEntry, "before_update")
@event.listens_for(AccessEntry, "before_delete")
def _refuse_changes(mapper, connection, target) -> None:
    raise AppendOnlyError("Nhật ký truy cập chỉ được ghi thêm, không được sửa hay xóa.")
