"""Đơn vị hành chính — the tree of administrative units every other record refers to.

Since 01/7/2025 procedures are handled at cấp xã, cấp tỉnh or cấp bộ; ``huyen`` stays for the
historical data (and the seed reports) that still has districts.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from motcua.db import Base
from motcua.errors import Invalid

LEVELS = {"tinh": "Cấp tỉnh", "huyen": "Cấp huyện", "xa": "Cấp xã", "bo": "Cấp bộ"}


class UnitError(Invalid):
    """A unit that cannot be stored; the message is Vietnamese and shown to the user as is."""


class Unit(Base):
    """Đơn vị — a receiving unit (centre, commune one-stop counter, ministry)."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    level: Mapped[str] = mapped_column(String(8))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    address: Mapped[str] = mapped_column(String(500), default="")
    hotline: Mapped[str] = mapped_column(String(40), default="")
    opening_hours: Mapped[str] = mapped_column(String(255), default="")
    email: Mapped[str] = mapped_column(String(255), default="")
    zalo_oa: Mapped[str] = mapped_column(String(255), default="")
    # Satisfaction scale of the unit's kiosk and QR forms: 3, 4 or 5 levels (motcua.feedback.scales).
    rating_scale: Mapped[int] = mapped_column(default=4)

    parent: Mapped[Unit | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Unit]] = relationship(back_populates="parent")

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "level": self.level,
            "level_label": LEVELS.get(self.level, self.level),
            "parent": self.parent.code if self.parent else None,
            "address": self.address,
            "hotline": self.hotline,
            "opening_hours": self.opening_hours,
            "email": self.email,
            "zalo_oa": self.zalo_oa,
        }


@dataclass
class ImportSummary:
    """What an import did: rows stored and rows rejected with the reason (row number, message)."""

    stored: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


def get_unit(session: Session, code: str) -> Unit | None:
    """The unit with this code, case-insensitively and ignoring surrounding spaces."""
    code = code.strip()
    unit = session.scalar(select(Unit).where(Unit.code == code))
    if unit is None:
        unit = session.scalar(select(Unit).where(Unit.code == code.upper()))
    return unit


def save_unit(
    session: Session,
    code: str,
    name: str,
    level: str,
    parent_code: str | None = None,
    **details: str,
) -> Unit:
    """Create or update a unit (an upsert on ``code``), checking level and parent."""
    code, name, level = code.strip(), name.strip(), level.strip().lower()
    if not code:
        raise UnitError("Thiếu mã đơn vị.")
    if not name:
        raise UnitError(f"Thiếu tên đơn vị cho mã {code}.")
    if level not in LEVELS:
        raise UnitError(f"Cấp '{level}' không hợp lệ; dùng một trong: {', '.join(LEVELS)}.")
    parent = None
    if parent_code and parent_code.strip():
        parent = get_unit(session, parent_code)
        if parent is None:
            raise UnitError(f"Không tìm thấy đơn vị cấp trên '{parent_code.strip()}'.")
    unit = get_unit(session, code) or Unit(code=code)
    if parent is not None and code in {u.code for u in _ancestors_and_self(parent)}:
        raise UnitError(f"Đơn vị {code} không thể là cấp trên của chính nó.")
    unit.name, unit.level, unit.parent = name, level, parent
    for key in ("address", "hotline", "opening_hours", "email", "zalo_oa"):
        if details.get(key) is not None:
            setattr(unit, key, details[key].strip())
    session.add(unit)
    session.flush()
    return unit


def import_units_csv(session: Session, path: Path | str) -> ImportSummary:
    """Import units from a CSV with the header ``code,name,level,parent[,address,hotline,opening_hours,email,zalo_oa]``.

    Rows may come in any order (a child before its parent): rows whose parent is not there yet are
    retried until no more progress is made; each remaining row is rejected with its reason.
    """
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(enumerate(csv.DictReader(handle), start=2))
    return _import_rows(session, rows)


def subtree_ids(session: Session, unit: Unit) -> list[int]:
    """Ids of the unit and every unit under it (for reports rolled up along the tree)."""
    ids, frontier = [unit.id], [unit.id]
    while frontier:
        frontier = list(session.scalars(select(Unit.id).where(Unit.parent_id.in_(frontier))))
        ids.extend(frontier)
    return ids


def _import_rows(session: Session, rows: Iterable[tuple[int, dict]]) -> ImportSummary:
    summary = ImportSummary()
    pending = list(rows)
    while pending:
        retry: list[tuple[int, dict]] = []
        errors: dict[int, str] = {}
        for line, row in pending:
            try:
                with session.begin_nested():
                    save_unit(
                        session,
                        row.get("code") or "",
                        row.get("name") or "",
                        row.get("level") or "",
                        row.get("parent") or None,
                        **{k: row.get(k) for k in ("address", "hotline", "opening_hours", "email", "zalo_oa")},
                    )
                summary.stored += 1
            except UnitError as exc:
                retry.append((line, row))
                errors[line] = str(exc)
        if len(retry) == len(pending):
            summary.rejected.extend((line, errors[line]) for line, _ in retry)
            break
        pending = retry
    return summary


def _ancestors_and_self(unit: Unit) -> list[Unit]:
    chain = [unit]
    while chain[-1].parent is not None:
        chain.append(chain[-1].parent)
    return chain
