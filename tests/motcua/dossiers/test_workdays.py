from datetime import date, datetime

import pytest

from motcua.catalogue import ProcessingTime
from motcua.dossiers.workdays import default_calendar, due_date, rules_for

STANDARD = rules_for(civil_status=False)
CIVIL = rules_for(civil_status=True)


@pytest.mark.parametrize(
    ("received_at", "days", "expected", "why"),
    [
        (datetime(2026, 3, 2, 9, 0), 3, date(2026, 3, 5), "plain week"),
        (datetime(2026, 3, 5, 16, 0), 2, date(2026, 3, 9), "over a weekend"),
        (datetime(2026, 3, 7, 10, 0), 1, date(2026, 3, 10), "received on Saturday counts from Monday"),
        (datetime(2026, 3, 2, 9, 0), 0, date(2026, 3, 2), "same day"),
        (datetime(2026, 2, 12, 9, 0), 3, date(2026, 2, 24), "Tết Bính Ngọ 16–20/2/2026"),
        (datetime(2025, 1, 24, 9, 0), 1, date(2025, 2, 3), "Tết Ất Tỵ 27–31/1/2025"),
        (datetime(2024, 2, 7, 9, 0), 1, date(2024, 2, 15), "Tết Giáp Thìn 8–14/2/2024"),
        (datetime(2027, 2, 3, 9, 0), 1, date(2027, 2, 11), "Tết Đinh Mùi 2027"),
        (datetime(2026, 4, 24, 9, 0), 1, date(2026, 4, 28), "Giỗ Tổ on Sunday 26/4/2026, day off Monday 27/4"),
        (datetime(2025, 4, 4, 9, 0), 1, date(2025, 4, 8), "Giỗ Tổ 7/4/2025"),
        (datetime(2024, 4, 26, 9, 0), 1, date(2024, 5, 2), "30/4 with Monday 29/4/2024 swapped"),
        (datetime(2024, 5, 3, 9, 0), 1, date(2024, 5, 4), "Saturday 4/5/2024 is a make-up working day"),
        (datetime(2025, 4, 25, 9, 0), 1, date(2025, 4, 26), "Saturday 26/4/2025 is a make-up working day"),
        (datetime(2025, 4, 29, 9, 0), 1, date(2025, 5, 5), "30/4–2/5/2025 off"),
        (datetime(2025, 8, 29, 9, 0), 1, date(2025, 9, 3), "Quốc khánh 1–2/9/2025"),
        (datetime(2024, 8, 30, 9, 0), 1, date(2024, 9, 4), "Quốc khánh 2–3/9/2024"),
        (datetime(2025, 12, 31, 9, 0), 1, date(2026, 1, 5), "Tết Dương lịch 2026 with Friday 2/1 swapped"),
        (datetime(2026, 1, 9, 9, 0), 1, date(2026, 1, 10), "Saturday 10/1/2026 is worked"),
    ],
)
def test_due_date_skips_weekends_holidays_and_swapped_days(received_at, days, expected, why):
    assert due_date(received_at, days, STANDARD) == expected, why


@pytest.mark.parametrize(
    ("received_at", "days", "expected"),
    [
        (datetime(2026, 3, 2, 14, 59), 0, date(2026, 3, 2)),
        (datetime(2026, 3, 2, 15, 0), 0, date(2026, 3, 3)),
        (datetime(2026, 3, 6, 15, 30), 0, date(2026, 3, 9)),
        (datetime(2026, 3, 6, 15, 30), 1, date(2026, 3, 10)),
    ],
)
def test_civil_status_dossiers_received_after_15h_count_from_the_next_working_day(received_at, days, expected):
    assert due_date(received_at, days, CIVIL) == expected


def test_the_15h_rule_does_not_apply_to_other_procedures():
    assert due_date(datetime(2026, 3, 2, 16, 0), 0, STANDARD) == date(2026, 3, 2)


# Lunar New Year's Day (mùng 1 Tết) in Vietnam (UTC+7), from the lunar calendar.
LUNAR_NEW_YEAR = {2024: date(2024, 2, 10), 2025: date(2025, 1, 29), 2026: date(2026, 2, 17), 2027: date(2027, 2, 6)}


@pytest.mark.parametrize("year", sorted(LUNAR_NEW_YEAR))
def test_tet_covers_new_year_and_five_days_off_each_year(year):
    calendar = default_calendar()
    tet = LUNAR_NEW_YEAR[year]
    tet_days = {d for d, name in calendar.names.items() if d.year == year and "Nguyên đán" in name}
    assert len(tet_days) == 5
    assert all(abs((d - tet).days) <= 5 for d in tet_days)
    assert not calendar.is_working_day(tet)


@pytest.mark.parametrize("year", [2024, 2025, 2026, 2027])
def test_every_year_has_new_year_hung_kings_reunification_labour_and_national_day(year):
    names = " ".join(name for d, name in default_calendar().names.items() if d.year == year)
    for holiday in ("Tết Dương lịch", "Giỗ Tổ Hùng Vương", "30/4", "1/5", "Quốc khánh"):
        assert holiday in names


def test_calendar_lists_only_weekdays_off_and_weekend_days_worked():
    calendar = default_calendar()
    assert all(day.weekday() < 5 for day in calendar.days_off)
    assert all(day.weekday() >= 5 for day in calendar.days_worked)


def test_negative_working_days_are_refused():
    with pytest.raises(ValueError):
        due_date(datetime(2026, 3, 2, 9), -1, STANDARD)
    with pytest.raises(ValueError):
        due_date(datetime(2026, 3, 2, 9), ProcessingTime(-1, "calendar"), STANDARD)


def test_a_bare_number_and_a_working_day_time_give_the_same_due_date():
    received = datetime(2026, 2, 12, 9, 0)
    assert due_date(received, ProcessingTime(3, "working"), STANDARD) == due_date(received, 3, STANDARD)


@pytest.mark.parametrize(
    ("received_at", "amount", "rules", "expected", "why"),
    [
        (datetime(2026, 3, 2, 9, 0), 10, STANDARD, date(2026, 3, 12), "ten days later, over a weekend"),
        (datetime(2026, 3, 2, 9, 0), 0, STANDARD, date(2026, 3, 2), "on the day"),
        (datetime(2026, 3, 2, 9, 0), 5, STANDARD, date(2026, 3, 9), "ends on Saturday 7/3: due Monday"),
        (datetime(2026, 2, 12, 9, 0), 7, STANDARD, date(2026, 2, 23), "ends in Tết 19/2: due after Tết"),
        (datetime(2026, 2, 12, 9, 0), 15, STANDARD, date(2026, 2, 27), "Tết inside the time counts"),
        (datetime(2026, 3, 7, 10, 0), 3, STANDARD, date(2026, 3, 12), "received Saturday: counts from Monday"),
        (datetime(2026, 1, 7, 9, 0), 3, STANDARD, date(2026, 1, 10), "ends on Saturday 10/1/2026, a day worked"),
        (datetime(2025, 12, 30, 9, 0), 3, STANDARD, date(2026, 1, 5), "ends on Friday 2/1/2026, swapped off"),
        (datetime(2026, 3, 6, 15, 30), 3, CIVIL, date(2026, 3, 12), "hộ tịch after 15:00 counts from Monday"),
        (datetime(2026, 3, 6, 15, 30), 3, STANDARD, date(2026, 3, 9), "other procedures count from Friday"),
    ],
)
def test_calendar_days_run_through_days_off_and_only_the_last_day_moves(received_at, amount, rules, expected, why):
    assert due_date(received_at, ProcessingTime(amount, "calendar"), rules) == expected, why


def test_calendar_days_are_not_a_shorter_count_of_working_days():
    # "15 Ngày" over Tết: 27/2/2026, where the old 10-working-day reading gave 5/3/2026.
    received = datetime(2026, 2, 12, 9, 0)
    assert due_date(received, ProcessingTime(15, "calendar"), STANDARD) < due_date(received, 10, STANDARD)


@pytest.mark.parametrize(
    ("received_at", "months", "expected", "why"),
    [
        (datetime(2026, 3, 2, 9, 0), 1, date(2026, 4, 2), "same day next month"),
        (datetime(2026, 1, 30, 9, 0), 1, date(2026, 3, 2), "no 30/2: last day 28/2, a Saturday: Monday"),
        (datetime(2026, 3, 31, 9, 0), 2, date(2026, 6, 1), "31/5/2026 is a Sunday"),
        (datetime(2025, 11, 3, 9, 0), 3, date(2026, 2, 3), "over the new year"),
    ],
)
def test_months_end_on_the_same_day_of_the_month_or_the_next_working_day(received_at, months, expected, why):
    assert due_date(received_at, ProcessingTime(months, "months"), STANDARD) == expected, why


@pytest.mark.parametrize(
    ("received_at", "hours", "expected", "why"),
    [
        (datetime(2026, 3, 2, 9, 0), 1, date(2026, 3, 2), "within the day"),
        (datetime(2026, 3, 2, 16, 0), 1, date(2026, 3, 2), "ends at 17:00, closing time"),
        (datetime(2026, 3, 2, 16, 30), 1, date(2026, 3, 3), "ends after closing: next working day"),
        (datetime(2026, 3, 6, 10, 0), 24, date(2026, 3, 9), "ends on Saturday: Monday"),
        (datetime(2026, 3, 7, 10, 0), 8, date(2026, 3, 9), "received Saturday: 07:30 Monday + 8 h = 15:30"),
        (datetime(2026, 3, 7, 10, 0), 10, date(2026, 3, 10), "received Saturday: 17:30 Monday is after closing"),
    ],
)
def test_hours_run_from_the_moment_of_receipt_and_a_late_end_is_due_the_next_working_day(
    received_at, hours, expected, why
):
    assert due_date(received_at, ProcessingTime(hours, "hours"), STANDARD) == expected, why
