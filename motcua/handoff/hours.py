"""Giờ làm việc — when a unit's officers can take a conversation, and when they are back.

A schedule is data, written the way a notice board says it: ``T2-T6 07:30-11:30,13:30-17:00`` (days
``T2``…``T7``, ``CN``; ranges or single days; several parts separated by ``;``). The standard hours of
state administrative offices — Monday to Friday, 07:30–11:30 and 13:30–17:00 — are the default; the
app's configuration (``MOTCUA_HANDOFF_HOURS``) replaces it for every unit, and a unit's own row
(``HandoffHours``) replaces that for the unit (a commune that also opens on Saturday morning).

The holiday calendar of due dates (``motcua.dossiers.workdays``) decides the days: a public holiday is
closed whatever its weekday, and a weekend day worked in exchange (làm bù) keeps Monday's hours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from motcua.dossiers.workdays import HolidayCalendar, default_calendar
from motcua.errors import Invalid
from motcua.handoff.models import HandoffHours
from motcua.units import Unit

STANDARD = "T2-T6 07:30-11:30,13:30-17:00"
DAY_NAMES = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")
DAY_LABELS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
# How far ahead to look for the next opening: longer than the longest holiday (Tết, nine days).
_LOOKAHEAD_DAYS = 40
_PART = re.compile(r"^(?P<days>[A-Z0-9, \-]+?)\s+(?P<times>\d.*)$")
_RANGE = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")


class ScheduleError(Invalid):
    """A schedule that cannot be read; Vietnamese message."""


@dataclass(frozen=True)
class Schedule:
    """Opening periods per weekday (Monday = 0), each a list of (start, end) in local time."""

    periods: tuple[tuple[tuple[time, time], ...], ...]
    calendar: HolidayCalendar

    def periods_on(self, day: date) -> tuple[tuple[time, time], ...]:
        """The periods of ``day``: none on a holiday, Monday's on a weekend day worked in exchange."""
        if day in self.calendar.days_off:
            return ()
        if day in self.calendar.days_worked:
            return self.periods[0]
        return self.periods[day.weekday()]

    def within_hours(self, moment: datetime) -> bool:
        """True while officers are on duty at ``moment`` (naive local time)."""
        return any(start <= moment.time() < end for start, end in self.periods_on(moment.date()))

    def back_at(self, moment: datetime) -> datetime | None:
        """The next opening after ``moment`` (naive local), or None when the schedule never opens."""
        for offset in range(_LOOKAHEAD_DAYS):
            day = moment.date() + timedelta(days=offset)
            for start, _end in self.periods_on(day):
                opening = datetime.combine(day, start)
                if opening > moment:
                    return opening
        return None


def parse_schedule(text: str, calendar: HolidayCalendar | None = None) -> Schedule:
    """``"T2-T6 07:30-11:30,13:30-17:00; T7 07:30-11:30"`` → a ``Schedule``; ``ScheduleError`` if unreadable."""
    periods: list[list[tuple[time, time]]] = [[] for _ in DAY_NAMES]
    parts = [part.strip() for part in (text or "").split(";") if part.strip()]
    if not parts:
        raise ScheduleError("Giờ làm việc trống; ví dụ: T2-T6 07:30-11:30,13:30-17:00.")
    for part in parts:
        match = _PART.match(part.upper())
        if not match:
            raise ScheduleError(f"Không đọc được '{part}'; ví dụ: T2-T6 07:30-11:30,13:30-17:00.")
        ranges = [_time_range(chunk.strip()) for chunk in match["times"].split(",") if chunk.strip()]
        for weekday in _days(match["days"]):
            periods[weekday].extend(ranges)
    return Schedule(tuple(tuple(sorted(day)) for day in periods), calendar or default_calendar())


def unit_schedule(
    session: Session, unit: Unit, configured: str = "", calendar: HolidayCalendar | None = None
) -> Schedule:
    """The unit's own hours, else ``configured`` (the app's setting), else the standard hours."""
    own = session.get(HandoffHours, unit.id)
    return parse_schedule(own.schedule if own else configured or STANDARD, calendar)


def set_unit_hours(session: Session, unit: Unit, text: str) -> None:
    """Give ``unit`` its own hours (checked first); an empty ``text`` returns it to the configured ones."""
    own = session.get(HandoffHours, unit.id)
    if not text.strip():
        if own is not None:
            session.delete(own)
        return
    parse_schedule(text)
    if len(text.strip()) > 255:
        raise ScheduleError("Giờ làm việc dài quá 255 ký tự.")
    if own is None:
        session.add(HandoffHours(unit_id=unit.id, schedule=text.strip()))
    else:
        own.schedule = text.strip()


def describe_moment(moment: datetime) -> str:
    """``07:30 thứ Hai, 01/12/2026`` — how the assistant tells the citizen when officers are back."""
    return f"{moment:%H:%M} {DAY_LABELS[moment.weekday()]}, {moment:%d/%m/%Y}"


def _days(text: str) -> list[int]:
    days: list[int] = []
    for chunk in (c.strip() for c in text.split(",") if c.strip()):
        first, _, last = (part.strip() for part in chunk.partition("-"))
        if first not in DAY_NAMES or (last and last not in DAY_NAMES):
            raise ScheduleError(f"Ngày '{chunk}' không hợp lệ; dùng T2…T7, CN (ví dụ T2-T6).")
        start, end = DAY_NAMES.index(first), DAY_NAMES.index(last or first)
        if end < start:
            raise ScheduleError(f"Khoảng ngày '{chunk}' ngược chiều; viết từ ngày đầu đến ngày cuối tuần.")
        days.extend(range(start, end + 1))
    return days


def _time_range(text: str) -> tuple[time, time]:
    match = _RANGE.match(text)
    if not match:
        raise ScheduleError(f"Khoảng giờ '{text}' không hợp lệ; ví dụ 07:30-11:30.")
    hours_from, minutes_from, hours_to, minutes_to = (int(group) for group in match.groups())
    if hours_from > 23 or hours_to > 23 or minutes_from > 59 or minutes_to > 59:
        raise ScheduleError(f"Khoảng giờ '{text}' không hợp lệ; giờ từ 00:00 đến 23:59.")
    start, end = time(hours_from, minutes_from), time(hours_to, minutes_to)
    if end <= start:
        raise ScheduleError(f"Khoảng giờ '{text}' kết thúc trước khi bắt đầu.")
    return start, end
