"""Hand-off hours: the standard hours of administrative offices by default, a unit's own or the
configured ones instead, holidays closed and weekend days worked open, and when officers are back."""

from __future__ import annotations

from datetime import datetime

import pytest

from motcua.handoff.hours import STANDARD, ScheduleError, describe_moment, parse_schedule, set_unit_hours, unit_schedule
from motcua.units import save_unit

# Monday 30/11/2026 is a plain working day; 02/09/2026 (Wednesday) is National Day; Saturday
# 10/01/2026 is worked in exchange for Friday 02/01/2026.
MONDAY = datetime(2026, 11, 30)


@pytest.mark.parametrize(
    ("moment", "within"),
    [
        (MONDAY.replace(hour=7, minute=29), False),
        (MONDAY.replace(hour=7, minute=30), True),
        (MONDAY.replace(hour=11, minute=29), True),
        (MONDAY.replace(hour=11, minute=30), False),  # lunch break
        (MONDAY.replace(hour=13, minute=30), True),
        (MONDAY.replace(hour=16, minute=59), True),
        (MONDAY.replace(hour=17, minute=0), False),
        (datetime(2026, 12, 5, 9, 0), False),  # Saturday
        (datetime(2026, 9, 2, 9, 0), False),  # National Day, a Wednesday
        (datetime(2026, 1, 10, 9, 0), True),  # Saturday worked in exchange
        (datetime(2026, 1, 2, 9, 0), False),  # the Friday given in exchange
    ],
)
def test_the_standard_hours_follow_the_working_day_and_the_holiday_calendar(moment, within):
    assert parse_schedule(STANDARD).within_hours(moment) is within


@pytest.mark.parametrize(
    ("moment", "back"),
    [
        (MONDAY.replace(hour=6), MONDAY.replace(hour=7, minute=30)),
        (MONDAY.replace(hour=12), MONDAY.replace(hour=13, minute=30)),
        (datetime(2026, 12, 4, 17, 5), datetime(2026, 12, 7, 7, 30)),  # Friday evening → Monday
        (datetime(2026, 8, 31, 18, 0), datetime(2026, 9, 3, 7, 30)),  # before the National Day holidays
        (datetime(2026, 2, 13, 17, 30), datetime(2026, 2, 23, 7, 30)),  # before Tết
    ],
)
def test_officers_are_back_at_the_next_opening(moment, back):
    assert parse_schedule(STANDARD).back_at(moment) == back


def test_a_schedule_with_saturday_morning_opens_on_saturday_morning_only():
    schedule = parse_schedule("T2-T6 07:30-11:30,13:30-17:00; T7 07:30-11:30")
    assert schedule.within_hours(datetime(2026, 12, 5, 8, 0))
    assert not schedule.within_hours(datetime(2026, 12, 5, 14, 0))
    assert schedule.back_at(datetime(2026, 12, 5, 12, 0)) == datetime(2026, 12, 7, 7, 30)


def test_a_unit_has_its_own_hours_else_the_configured_else_the_standard(db):
    centre = save_unit(db, "000.00.00.H62", "Trung tâm", "tinh")
    commune = save_unit(db, "000.00.12.H62", "UBND xã", "xa", "000.00.00.H62")
    saturday = datetime(2026, 12, 5, 8, 0)
    assert not unit_schedule(db, centre).within_hours(saturday)
    assert unit_schedule(db, centre, "T2-CN 07:00-19:00").within_hours(saturday)
    set_unit_hours(db, commune, "T2-T7 07:30-11:30")
    db.commit()
    assert unit_schedule(db, commune, "").within_hours(saturday)
    assert not unit_schedule(db, commune, "T2-CN 00:00-23:59").within_hours(saturday.replace(hour=14))
    set_unit_hours(db, commune, "")
    db.commit()
    assert not unit_schedule(db, commune).within_hours(saturday)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "trống"),
        ("Thứ Hai 7:30-11:30", "Không đọc được"),
        ("T2-T8 07:30-11:30", "không hợp lệ"),
        ("T6-T2 07:30-11:30", "ngược chiều"),
        ("T2 07:30-25:00", "không hợp lệ"),
        ("T2 11:30-07:30", "kết thúc trước"),
        ("T2 7h30-11h", "không hợp lệ"),
    ],
)
def test_a_schedule_that_cannot_be_read_gets_a_vietnamese_message(db, text, fragment):
    with pytest.raises(ScheduleError) as caught:
        parse_schedule(text)
    assert fragment in caught.value.message


def test_the_moment_officers_are_back_reads_in_vietnamese():
    assert describe_moment(datetime(2026, 12, 7, 7, 30)) == "07:30 thứ Hai, 07/12/2026"
