"""Danh mục thủ tục hành chính — the procedure catalogue: import, storage and search.

Other areas use ``get_procedure`` (dossiers, bot), ``processing_time`` (due dates: the amount and its
unit, working days, calendar days, months or hours) and ``processing_days`` (a working-day figure for
display only).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.catalogue.channels import ProcessingTime, parse_processing_time
from motcua.catalogue.models import Procedure

__all__ = ["ProcessingTime", "Procedure", "get_procedure", "processing_days", "processing_time"]

# When a channel publishes no time, the others are tried in this order.
_FALLBACK_ORDER = ("truc_tiep", "truc_tuyen", "buu_chinh")


def get_procedure(session: Session, code: str) -> Procedure | None:
    """The procedure with this code ("1.000178"), ignoring surrounding spaces and case."""
    code = (code or "").strip()
    if not code:
        return None
    procedure = session.scalar(select(Procedure).where(Procedure.code == code))
    if procedure is None and code != code.upper():
        procedure = session.scalar(select(Procedure).where(Procedure.code == code.upper()))
    return procedure


def processing_time(procedure: Procedure, channel: str) -> ProcessingTime | None:
    """Legal processing time, with its unit, for a submission channel ("truc_tiep" | "truc_tuyen" |
    "buu_chinh"); falls back to another channel's time, None when the catalogue gives none. When a
    channel lists several times (several cases), the longest is the legal limit that always holds.

    Read from the published text ("30 Ngày" is 30 calendar days, not 21 working days); a row that
    only carries a ``processing_days`` number is taken as working days."""
    for candidate in (channel, *_FALLBACK_ORDER):
        times = [_row_time(row) for row in procedure.channels if row["channel"] == candidate]
        times = [time for time in times if time is not None]
        if times:
            return max(times, key=lambda time: time.calendar_length)
    return None


def _row_time(row: dict) -> ProcessingTime | None:
    time = parse_processing_time(row.get("processing_time") or "")
    if time is None and row.get("processing_days") is not None:
        return ProcessingTime(row["processing_days"], "working")
    return time


def processing_days(procedure: Procedure, channel: str) -> int | None:
    """Legal processing time as a number of working days for a submission channel, for display where
    only a number fits (a calendar-day time is approximated at 5 working days a week: use
    ``processing_time`` for due dates); falls back to another channel's time, None when the catalogue
    gives none; the longest of several times."""
    for candidate in (channel, *_FALLBACK_ORDER):
        days = [row["processing_days"] for row in procedure.channels if row["channel"] == candidate]
        days = [value for value in days if value is not None]
        if days:
            return max(days)
    return None
