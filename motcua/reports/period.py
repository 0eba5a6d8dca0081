"""Kỳ báo cáo — the reporting period: a span of local calendar dates, both ends included.

Centres report by month, quarter, half-year and year ("Tháng 4/2021", "Quý II/2021", "6 tháng đầu năm
2020"); a custom span is also allowed. Timestamps are stored as naive local time, so the period's
bounds are naive datetimes too: ``start`` (00:00 of the first day) and ``end`` (00:00 of the day after
the last day, excluded).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from motcua.errors import Invalid

KINDS = ("month", "quarter", "half", "year", "custom")
# The years a centre's records can fall in. A date outside them is a typo or a probe, and date
# arithmetic at the calendar's ends (9999-12-31 + 1 day) would fail, so periods stay inside.
FIRST_DAY, LAST_DAY = date(1990, 1, 1), date(2099, 12, 31)
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class PeriodError(Invalid):
    """A period that cannot be reported on; the message is Vietnamese."""


@dataclass(frozen=True)
class Period:
    """[first, last] in local calendar dates."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if not (self.first >= FIRST_DAY and self.last <= LAST_DAY):
            raise PeriodError(f"Kỳ báo cáo phải nằm trong các năm {FIRST_DAY.year}–{LAST_DAY.year}.")
        if self.first > self.last:
            raise PeriodError(
                f"Ngày bắt đầu ({self.first:%d/%m/%Y}) phải trước hoặc bằng ngày kết thúc ({self.last:%d/%m/%Y})."
            )

    @property
    def start(self) -> datetime:
        """The first instant of the period (stored-time form)."""
        return datetime.combine(self.first, time.min)

    @property
    def end(self) -> datetime:
        """The first instant after the period."""
        return datetime.combine(self.last + timedelta(days=1), time.min)

    @property
    def kind(self) -> str:
        """ "month", "quarter", "half", "year" when the span is exactly one of those, else "custom"."""
        if self.first.day != 1 or (self.last + timedelta(days=1)).day != 1:
            return "custom"
        months = (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1
        shapes = {1: ("month", 1), 3: ("quarter", 3), 6: ("half", 6), 12: ("year", 12)}
        if months in shapes and (self.first.month - 1) % shapes[months][1] == 0:
            return shapes[months][0]
        return "custom"

    def label(self) -> str:
        """Vietnamese name as centres write it: "Tháng 4/2021", "Quý II/2021", "6 tháng đầu năm 2020"."""
        kind, first = self.kind, self.first
        if kind == "month":
            return f"Tháng {first.month}/{first.year}"
        if kind == "quarter":
            return f"Quý {_ROMAN[(first.month - 1) // 3 + 1]}/{first.year}"
        if kind == "half":
            return f"6 tháng {'đầu' if first.month == 1 else 'cuối'} năm {first.year}"
        if kind == "year":
            return f"Năm {first.year}"
        if self.first == self.last:
            return f"Ngày {first:%d/%m/%Y}"
        if (first.month, first.day) == (1, 1) and self.last.year == first.year and self.last == _month_end(self.last):
            return f"{self.last.month} tháng đầu năm {first.year}"
        return f"Từ ngày {first:%d/%m/%Y} đến ngày {self.last:%d/%m/%Y}"

    def previous_label(self) -> str:
        """How the carried-over figure names the period before: "tháng 3", "quý I", "kỳ trước"."""
        kind, first = self.kind, self.first
        if kind == "month":
            before = first - timedelta(days=1)
            return f"tháng {before.month}" if before.year == first.year else f"tháng {before.month}/{before.year}"
        if kind == "quarter" and first.month > 1:
            return f"quý {_ROMAN[(first.month - 1) // 3]}"
        if kind == "year":
            return f"năm {first.year - 1}"
        return "kỳ trước"

    def months(self) -> list[Period]:
        """The calendar months the period touches, each clipped to the period (for monthly trends)."""
        result, cursor = [], self.first
        while cursor <= self.last:
            month_end = _month_end(cursor)
            result.append(Period(cursor, min(month_end, self.last)))
            cursor = month_end + timedelta(days=1)
        return result


def month(year: int, number: int) -> Period:
    """Tháng ``number`` of ``year``."""
    first = _checked_date(year, number, 1)
    return Period(first, _month_end(first))


def quarter(year: int, number: int) -> Period:
    """Quý ``number`` (1–4) of ``year``."""
    if number not in _ROMAN:
        raise PeriodError("Quý phải từ 1 đến 4.")
    first = _checked_date(year, 3 * number - 2, 1)
    return Period(first, _month_end(_checked_date(year, 3 * number, 1)))


def half(year: int, number: int) -> Period:
    """6 tháng đầu (1) or cuối (2) năm ``year``."""
    if number not in (1, 2):
        raise PeriodError("Nửa năm phải là 1 (6 tháng đầu) hoặc 2 (6 tháng cuối).")
    return Period(_checked_date(year, 6 * number - 5, 1), _month_end(_checked_date(year, 6 * number, 1)))


def year(number: int) -> Period:
    """Năm ``number``."""
    return Period(_checked_date(number, 1, 1), _checked_date(number, 12, 31))


def parse_period(first: str, last: str) -> Period:
    """A custom period from two ISO dates (``YYYY-MM-DD``), with Vietnamese messages for bad input."""
    return Period(parse_day(first, "from"), parse_day(last, "to"))


def parse_day(text: str, name: str = "ngày") -> date:
    """One ISO calendar date; ``name`` says which parameter was wrong."""
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        raise PeriodError(f"Ngày '{text}' ({name}) không hợp lệ; dùng dạng YYYY-MM-DD, ví dụ 2021-04-30.") from None


def _month_end(day: date) -> date:
    following = day.replace(day=28) + timedelta(days=4)
    return following - timedelta(days=following.day)


def _checked_date(year_number: int, month_number: int, day: int) -> date:
    try:
        return date(year_number, month_number, day)
    except (ValueError, OverflowError):
        raise PeriodError(f"Kỳ báo cáo không hợp lệ: tháng {month_number}/{year_number}.") from None
