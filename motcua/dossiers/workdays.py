"""Ngày làm việc — when a result is due, from the legal processing time and the holiday calendar.

Most procedures count working days: Saturdays, Sundays and public holidays do not count; the
Government moves days each year (a Friday off, a Saturday worked), so the calendar is data
(``holidays.csv``), not code. Some procedures state calendar days ("30 Ngày"), months or hours instead;
those run through weekends and holidays and only their end moves off a day off (Bộ luật Dân sự 2015,
Điều 147–148). Hộ tịch (civil-status) dossiers received after 15:00 count from the next working day;
so does anything received on a day off (an online submission on a Sunday is received on Monday).
"""

from __future__ import annotations

import calendar as gregorian
import csv
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path

from motcua.catalogue.channels import ProcessingTime

HOLIDAYS_FILE = Path(__file__).with_name("holidays.csv")
CIVIL_STATUS_CUTOFF = time(15, 0)
# Office hours of a one-stop counter: an hour-counted time that ends after closing is due the next
# working day; one whose counting starts on a later day starts at opening time.
OPENING_TIME = time(7, 30)
CLOSING_TIME = time(17, 0)


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

    def on_or_after(self, day: date) -> date:
        """``day`` if it is a working day, else the next working day."""
        return day if self.is_working_day(day) else self.next_working_day(day)


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


def due_date(received_at: datetime, duration: int | ProcessingTime, rules: WorkdayRules | None = None) -> date:
    """Ngày hẹn trả: the date the result is due for a dossier received at ``received_at`` (local time).

    ``duration`` is the legal processing time (``catalogue.processing_time``); a bare int is working
    days. Counting starts on the day of receipt when it is a working day (and, under a cutoff, before
    the cutoff); otherwise on the next working day — the day the dossier counts as received. Then:

    - working days: the N-th working day after that day (that day itself for 0);
    - calendar days: that day + N days, weekends and holidays included (the first day is not counted,
      BLDS Điều 147); when the last day is a day off the time ends on the next working day (Điều 148
      khoản 5);
    - months: the same day N months later (the month's last day when it has no such day), moved off
      a day off the same way;
    - hours: N hours after receipt (after opening time on the start day when counting starts on a
      later day); a time ending on a day off or after closing time (17:00) is due the next working day.
    """
    time_ = duration if isinstance(duration, ProcessingTime) else ProcessingTime(duration, "working")
    if time_.amount < 0:
        raise ValueError("a processing time must not be negative")
    rules = rules or rules_for(civil_status=False)
    calendar = rules.calendar
    start = received_at.date()
    late = rules.cutoff is not None and received_at.time() >= rules.cutoff
    moved = not calendar.is_working_day(start) or late
    if moved:
        start = calendar.next_working_day(start)
    if time_.unit == "working":
        return calendar.add_working_days(start, time_.amount)
    if time_.unit == "calendar":
        return calendar.on_or_after(start + timedelta(days=time_.amount))
    if time_.unit == "months":
        return calendar.on_or_after(_add_months(start, time_.amount))
    begins = datetime.combine(start, OPENING_TIME) if moved else received_at
    ends = begins + timedelta(hours=time_.amount)
    if ends.time() > CLOSING_TIME:
        return calendar.next_working_day(ends.date())
    return calendar.on_or_after(ends.date())


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, gregorian.monthrange(year, month)[1]))
