"""Trước hạn / đúng hạn / quá hạn — computed from dates, never stored by hand.

Centres compare LOCAL CALENDAR DATES: a dossier resolved on its due date is on time whatever the hour.
A pending dossier is overdue once today is past its due date.
"""

from __future__ import annotations

from datetime import date, datetime

EARLY, ON_TIME, LATE = "truoc_han", "dung_han", "qua_han"

TIMELINESS_LABELS = {EARLY: "Trước hạn", ON_TIME: "Đúng hạn", LATE: "Quá hạn"}
TIMELINESS_LABELS_EN = {EARLY: "Early", ON_TIME: "On time", LATE: "Late"}


def timeliness(due_at: datetime | date | None, resolved_at: datetime | date | None) -> str | None:
    """How a resolved dossier did against its due date; None while unresolved or without a due date."""
    if due_at is None or resolved_at is None:
        return None
    resolved, due = _day(resolved_at), _day(due_at)
    if resolved < due:
        return EARLY
    return ON_TIME if resolved == due else LATE


def is_overdue(due_at: datetime | date | None, resolved_at: datetime | date | None, today: date) -> bool:
    """Late: resolved after the due date, or still unresolved with today past the due date."""
    if due_at is None:
        return False
    if resolved_at is not None:
        return _day(resolved_at) > _day(due_at)
    return today > _day(due_at)


def _day(moment: datetime | date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment
