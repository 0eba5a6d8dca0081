"""Ngày làm việc — legal processing times are counted in working days.

Saturdays, Sundays and public holidays do not count; the Government moves days each year (a Friday
off, a Saturday worked), so the calendar is data (``holidays.csv``), not code. Hộ tịch (civil-status)
dossiers received after 15:00 count from the next working day; so does anything received on a day off
(an online submission on a Sunday is received on Monday).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path

HOLIDAYS_FILE = Path(__file__).with_name("holidays.csv")
CIVIL_STATUS_CUTOFF = time(15, 0)


@dataclass(frozen=True)
class HolidayCalendar:
    """Weekdays off and weekend days worked, with their names (for the receipt and the tests)."""

    days_off: frozenset[date] = frozenset()
    days_worked: frozenset[date] = frozenset()
    names: dict[date, str] = field(default_factory=dict, compare=False, hash=False)

    def is_working_day(self, day: date) -> bool:
        if day in self.days_worked:
            return True
        return day.weekday() < 5 and day not in self.days_off

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, start: date, count: int) -> date:
        """The working day ``count`` working days after ``start`` (``start`` itself for 0)."""
        day = start
        for _ in range(count):
            day = self.next_working_day(day)
        return day


@dataclass(frozen=True)
class WorkdayRules:
    """How a procedure counts its time: the calendar, and the hour after which counting starts the
    next working day (15:00 for civil status, none otherwise)."""

    calendar: HolidayCalendar
    cutoff: time | None = None


def load_calendar(path: Path | str = HOLIDAYS_FILE) -> HolidayCalendar:
    """Read a holiday file: ``date,kind,name`` with kind ``nghi`` (day off) or ``lam_bu`` (day worked)."""
    days_off, days_worked, names = set(), set(), {}
    with open(path, encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(lines):
            day = date.fromisoformat(row["date"])
            kind = row["kind"].strip()
            if kind == "nghi":
                days_off.add(day)
            elif kind == "lam_bu":
                days_worked.add(day)
            else:
                raise ValueError(f"{path}: unknown kind {kind!r} on {day}")
            names[day] = row["name"].strip()
    return HolidayCalendar(frozenset(days_off), frozenset(days_worked), names)


@cache
def default_calendar() -> HolidayCalendar:
    """The shipped calendar (2024–2027)."""
    return load_calendar()


def rules_for(civil_status: bool, calendar: HolidayCalendar | None = None) -> WorkdayRules:
    """The rules of a procedure: civil-status ones get the after-15:00 cutoff."""
    return WorkdayRules(calendar or default_calendar(), CIVIL_STATUS_CUTOFF if civil_status else None)


def due_date(received_at: datetime, working_days: int, rules: WorkdayRules | None = None) -> date:
    """Ngày hẹn trả: the date the result is due for a dossier received at ``received_at`` (local time).

    Counting starts on the day of receipt when it is a working day (and, under a cutoff, before the
    cutoff); otherwise on the next working day. ``working_days`` = 0 means "on the day".
    """
    if working_days < 0:
        raise ValueError("working_days must not be negative")
    rules = rules or rules_for(civil_status=False)
    calendar = rules.calendar
    start = received_at.date()
    late = rules.cutoff is not None and received_at.time() >= rules.cutoff
    if not calendar.is_working_day(start) or late:
        start = calendar.next_working_day(start)
    return calendar.add_working_days(start, working_days)
