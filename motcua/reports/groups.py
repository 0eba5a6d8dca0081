"""Nhóm thủ tục — procedure groups a centre defines for its own reports, and their figures.

Centres report on schemes of their own: seed 003's "5 tại chỗ" (received, appraised, approved, paid
for and returned on the spot) is the dossiers of the procedures the centre put in that scheme, with
their resolved / early / on time / late. Which procedures belong is the centre's decision, so a
manager names a group and lists its procedures (``flask --app server procedure-groups add``, or the
page ``/quan-ly/nhom-thu-tuc``).

A group belongs to a unit and counts in that unit's reports and in those of every unit below it (a
province centre's scheme applies to its districts' reports too); a unit's own group of the same code
takes the place of an ancestor's. Codes are short identifiers (``5-tai-cho``) that other systems read
as ``groups.<code>`` in the report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from motcua.catalogue.models import Procedure
from motcua.clock import now_local
from motcua.db import Base
from motcua.errors import Invalid
from motcua.formatting import largest_remainder
from motcua.text import nfc
from motcua.units import Unit

CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,39}$")


class GroupError(Invalid):
    """A group that cannot be stored or found; the message is Vietnamese and shown as is."""


class ProcedureGroup(Base):
    """Nhóm thủ tục of a unit: a code, a name and the procedures in it."""

    __tablename__ = "procedure_groups"
    __table_args__ = (UniqueConstraint("unit_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(255))
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    unit: Mapped[Unit] = relationship()
    members: Mapped[list[ProcedureGroupMember]] = relationship(
        back_populates="group", cascade="all, delete-orphan", order_by="ProcedureGroupMember.procedure_id"
    )

    @property
    def procedures(self) -> list[Procedure]:
        return sorted((member.procedure for member in self.members), key=lambda procedure: procedure.code)

    def to_dict(self) -> dict:
        return {
            "unit": self.unit.code,
            "code": self.code,
            "name": self.name,
            "procedures": [procedure.code for procedure in self.procedures],
        }


class ProcedureGroupMember(Base):
    """One procedure of a group."""

    __tablename__ = "procedure_group_members"

    group_id: Mapped[int] = mapped_column(ForeignKey("procedure_groups.id", ondelete="CASCADE"), primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"), primary_key=True)

    group: Mapped[ProcedureGroup] = relationship(back_populates="members")
    procedure: Mapped[Procedure] = relationship()


def clean_code(code: str) -> str:
    """A group code as stored: lower case, letters, digits, ``.``, ``_`` and ``-`` (at most 40)."""
    cleaned = (code or "").strip().lower()
    if not CODE_PATTERN.match(cleaned):
        raise GroupError(
            f"Mã nhóm '{cleaned[:40]}' không hợp lệ: dùng chữ không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới "
            "(tối đa 40 ký tự), ví dụ 5-tai-cho."
        )
    return cleaned


def save_group(session: Session, unit: Unit, code: str, name: str, procedure_codes: Iterable[str]) -> ProcedureGroup:
    """Create the group ``code`` of ``unit``, or replace its name and procedures; unknown procedure codes
    are refused all together, naming each, so a typo never leaves a group short of a procedure."""
    code = clean_code(code)
    name = nfc((name or "").strip())
    if not name or len(name) > 255:
        raise GroupError("Tên nhóm không được để trống và tối đa 255 ký tự.")
    wanted = list(dict.fromkeys(part.strip() for part in procedure_codes if part and part.strip()))
    if not wanted:
        raise GroupError("Cần ít nhất một mã thủ tục trong nhóm.")
    found = {p.code: p for p in session.scalars(select(Procedure).where(Procedure.code.in_(wanted)))}
    missing = [procedure_code for procedure_code in wanted if procedure_code not in found]
    if missing:
        raise GroupError(f"Không tìm thấy thủ tục mã {', '.join(missing)} trong danh mục.")
    group = find_group(session, unit, code) or ProcedureGroup(unit=unit, code=code)
    group.name, group.updated_at = name, now_local().replace(tzinfo=None)
    group.members = [ProcedureGroupMember(procedure=found[procedure_code]) for procedure_code in wanted]
    session.add(group)
    session.flush()
    return group


def find_group(session: Session, unit: Unit, code: str) -> ProcedureGroup | None:
    return session.scalar(
        select(ProcedureGroup).where(ProcedureGroup.unit_id == unit.id, ProcedureGroup.code == code.strip().lower())
    )


def remove_group(session: Session, unit: Unit, code: str) -> None:
    group = find_group(session, unit, code)
    if group is None:
        raise GroupError(f"Đơn vị {unit.code} không có nhóm thủ tục '{code.strip()}'.")
    session.delete(group)
    session.flush()


def unit_groups(session: Session, unit_ids: Iterable[int]) -> list[ProcedureGroup]:
    """The groups defined by these units, by unit code then group code (for lists and pages)."""
    return list(
        session.scalars(
            select(ProcedureGroup)
            .join(Unit, Unit.id == ProcedureGroup.unit_id)
            .where(ProcedureGroup.unit_id.in_(list(unit_ids)))
            .order_by(Unit.code, ProcedureGroup.code)
        )
    )


def groups_for(session: Session, unit: Unit) -> list[ProcedureGroup]:
    """The groups that count in ``unit``'s report: its own and its ancestors', the nearest unit's group
    winning when two share a code; ordered by code."""
    chain = [unit]
    while chain[-1].parent is not None:
        chain.append(chain[-1].parent)
    depth = {ancestor.id: index for index, ancestor in enumerate(chain)}
    nearest: dict[str, ProcedureGroup] = {}
    for group in session.scalars(select(ProcedureGroup).where(ProcedureGroup.unit_id.in_(list(depth)))):
        kept = nearest.get(group.code)
        if kept is None or depth[group.unit_id] < depth[kept.unit_id]:
            nearest[group.code] = group
    return [nearest[code] for code in sorted(nearest)]


@dataclass
class GroupFigures:
    """Resolved / early / late dossiers of one group in a period (on time is the rest)."""

    code: str
    name: str
    resolved: int = 0
    early: int = 0
    late: int = 0

    def to_dict(self) -> dict:
        split = {"early": self.early, "on_time": self.resolved - self.early - self.late, "late": self.late}
        shares = largest_remainder(split)
        return {
            "name": self.name,
            "resolved": self.resolved,
            **split,
            **{f"{key}_pct": shares[key] for key in split},
        }


def group_procedure_ids(groups: list[ProcedureGroup]) -> set[int]:
    """Every procedure in any of ``groups``: the report adds these up per procedure."""
    return {member.procedure_id for group in groups for member in group.members}


def group_figures(groups: list[ProcedureGroup], by_procedure: dict[int, dict[str, int]]) -> list[GroupFigures]:
    """Each group's resolved / early / late, from the report's figures per procedure
    (``measures.period_figures``: the same pass over the index as the rest of the report). A dossier
    whose procedure is in two groups counts in both."""
    result = []
    for group in groups:
        figures = GroupFigures(group.code, group.name)
        for member in group.members:
            counts = by_procedure.get(member.procedure_id, {})
            figures.resolved += counts.get("resolved", 0)
            figures.early += counts.get("early", 0)
            figures.late += counts.get("late", 0)
        result.append(figures)
    return result
