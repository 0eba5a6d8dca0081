"""Hồ sơ đằng sau một con số — the dossiers behind the late and overdue figures, and the monthly trend.

Only what an officer may see: code, procedure, unit, dates and state; never the applicant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from motcua.catalogue.models import Procedure
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import STATE_LABELS
from motcua.reports.measures import overdue_at, reference_day, resolved_in, resolved_late
from motcua.reports.period import Period
from motcua.units import Unit

KINDS = {"late": "Hồ sơ giải quyết quá hạn", "overdue": "Hồ sơ đang giải quyết đã quá hạn"}


@dataclass(frozen=True)
class DossierLine:
    """One dossier of a drill-down list."""

    code: str
    procedure: str
    field: str
    unit: str
    received_at: datetime
    due_at: datetime | None
    resolved_at: datetime | None
    state: str
    days_late: int

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "procedure": self.procedure,
            "field": self.field,
            "unit": self.unit,
            "received_at": self.received_at.isoformat(),
            "due_at": self.due_at.isoformat() if self.due_at else None,
            "resolved_at": self.resolved_at.isoformat() if self.resolved_at else None,
            "state": self.state,
            "days_late": self.days_late,
        }


def dossiers_behind(
    session: Session, kind: str, unit_ids: list[int], period: Period, today: date, limit: int = 500
) -> list[DossierLine]:
    """The late (resolved after the due date) or overdue (pending past it) dossiers of the period,
    most late first."""
    if kind == "late":
        condition = and_(resolved_in(period), resolved_late())
    elif kind == "overdue":
        condition = overdue_at(period, reference_day(period, today))
    else:
        raise ValueError(f"unknown drill-down {kind!r}")
    rows = session.execute(
        select(
            Dossier.code,
            Procedure.name,
            Procedure.field,
            Unit.name,
            Dossier.received_at,
            Dossier.due_at,
            Dossier.resolved_at,
            Dossier.state,
        )
        .join(Procedure, Procedure.id == Dossier.procedure_id)
        .join(Unit, Unit.id == Dossier.unit_id)
        .where(Dossier.unit_id.in_(unit_ids), condition)
        .order_by(Dossier.due_at, Dossier.code)
        .limit(limit)
    )
    # Late: days between the due date and resolution; overdue: days past due on the reference day.
    end_day = reference_day(period, today)
    lines = []
    for code, procedure, field, unit, received, due, resolved, state in rows:
        finished = resolved.date() if kind == "late" else end_day
        lines.append(
            DossierLine(
                code=code,
                procedure=procedure,
                field=field,
                unit=unit,
                received_at=received,
                due_at=due,
                resolved_at=resolved if kind == "late" else None,
                state=STATE_LABELS.get(state, str(state)) if kind == "overdue" else "Đã giải quyết",
                days_late=(finished - due.date()).days,
            )
        )
    return lines


def monthly_trend(session: Session, unit_ids: list[int], months: list[Period]) -> list[dict]:
    """Received, resolved and pending-at-month-end per month (index-only counts, cheap for a year)."""
    if not months:
        return []
    first, end = months[0].start, months[-1].end
    received = _per_month(session, unit_ids, Dossier.received_at, months, first, end)
    resolved = _per_month(session, unit_ids, Dossier.resolved_at, months, first, end)
    return [
        {"label": f"{m.first.month:02d}/{m.first.year}", "from": m.first.isoformat(), "received": r, "resolved": s}
        for m, r, s in zip(months, received, resolved, strict=True)
    ]


def _per_month(session, unit_ids, column, months, first, end) -> list[int]:
    columns = [func.sum(case((and_(column >= m.start, column < m.end), 1), else_=0)) for m in months]
    row = session.execute(select(*columns).where(Dossier.unit_id.in_(unit_ids), column >= first, column < end)).one()
    return [int(value or 0) for value in row]
