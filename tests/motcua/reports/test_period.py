"""Reporting periods: the shapes centres use, their Vietnamese names, and bad input."""

from datetime import date, datetime

import pytest

from motcua.reports.period import Period, PeriodError, half, month, parse_period, quarter, year


@pytest.mark.parametrize(
    ("period", "kind", "label", "before"),
    [
        (month(2021, 4), "month", "Tháng 4/2021", "tháng 3"),
        (month(2021, 1), "month", "Tháng 1/2021", "tháng 12/2020"),
        (quarter(2021, 2), "quarter", "Quý II/2021", "quý I"),
        (half(2020, 1), "half", "6 tháng đầu năm 2020", "kỳ trước"),
        (half(2020, 2), "half", "6 tháng cuối năm 2020", "kỳ trước"),
        (year(2018), "year", "Năm 2018", "năm 2017"),
        (Period(date(2021, 4, 5), date(2021, 4, 20)), "custom", "Từ ngày 05/04/2021 đến ngày 20/04/2021", "kỳ trước"),
        (Period(date(2021, 4, 5), date(2021, 4, 5)), "custom", "Ngày 05/04/2021", "kỳ trước"),
        (Period(date(2021, 2, 1), date(2021, 3, 31)), "custom", "Từ ngày 01/02/2021 đến ngày 31/03/2021", "kỳ trước"),
    ],
)
def test_period_kind_and_vietnamese_label(period, kind, label, before):
    assert (period.kind, period.label(), period.previous_label()) == (kind, label, before)


def test_period_bounds_are_local_midnights_with_the_last_day_included():
    period = month(2024, 2)
    assert (period.start, period.end) == (datetime(2024, 2, 1), datetime(2024, 3, 1))
    assert period.last == date(2024, 2, 29)


def test_months_of_a_period_are_clipped_to_it():
    months = parse_period("2021-03-15", "2021-05-10").months()
    assert [(m.first.isoformat(), m.last.isoformat()) for m in months] == [
        ("2021-03-15", "2021-03-31"),
        ("2021-04-01", "2021-04-30"),
        ("2021-05-01", "2021-05-10"),
    ]


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        ("2021-13-01", "2021-12-31", "Ngày '2021-13-01' (from) không hợp lệ"),
        ("01/04/2021", "2021-04-30", "dùng dạng YYYY-MM-DD"),
        ("2021-04-01", "", "(to) không hợp lệ"),
        ("2021-05-01", "2021-04-30", "Ngày bắt đầu (01/05/2021) phải trước hoặc bằng ngày kết thúc (30/04/2021)"),
    ],
)
def test_bad_periods_are_refused_in_vietnamese(first, last, message):
    with pytest.raises(PeriodError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_period(first, last)


def test_bad_quarter_is_refused():
    with pytest.raises(PeriodError, match="Quý phải từ 1 đến 4"):
        quarter(2021, 5)


@pytest.mark.parametrize(("first", "last"), [("0001-01-01", "9999-12-31"), ("1900-01-01", "1900-12-31")])
def test_a_period_outside_any_centre_s_records_is_refused_with_a_vietnamese_message(first, last):
    with pytest.raises(PeriodError, match="Kỳ báo cáo"):
        parse_period(first, last)


def test_a_year_too_large_for_the_calendar_is_a_period_error_not_an_overflow():
    with pytest.raises(PeriodError, match="Kỳ báo cáo"):
        month(10**20, 1)
