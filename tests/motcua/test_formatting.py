"""Vietnamese number formatting and largest-remainder percentages."""

import pytest

from motcua.formatting import format_count, format_number, format_pct, largest_remainder, percent


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "0"), (7, "7"), (951, "951"), (7790, "7.790"), (113060, "113.060"), (1234567, "1.234.567"), (-3201, "-3.201")],
)
def test_format_count_uses_dot_thousands_separator(value, text):
    assert format_count(value) == text


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (92.27, 2, "92,27%"),
        (81.9, 1, "81,9%"),
        (15.2, 2, "15,2%"),
        (100.0, 2, "100%"),
        (0.0, 2, "0%"),
        (0.03, 2, "0,03%"),
        (7.695, 2, "7,7%"),
        (1234.5, 2, "1.234,5%"),
    ],
)
def test_format_pct_uses_decimal_comma_and_drops_trailing_zeros(value, decimals, text):
    assert format_pct(value, decimals) == text


def test_format_number_rounds_half_up():
    assert format_number(2.345, 2) == "2,35"
    assert format_number(2.5, 0) == "3"


def test_percent_of_zero_whole_is_zero():
    assert percent(5, 0) == 0.0
    assert percent(951, 6225) == 15.28
    assert percent(1, 3) == 33.33


def test_largest_remainder_adds_to_exactly_100():
    shares = largest_remainder({"early": 5102, "on_time": 1123, "late": 0})
    assert shares == {"early": 81.96, "on_time": 18.04, "late": 0.0}
    assert round(sum(shares.values()), 2) == 100.0


def test_largest_remainder_gives_missing_units_to_largest_losses():
    # 221/6/1 of 228: floors 96.92 + 2.63 + 0.43 = 99.98; the two largest remainders get 0.01 each.
    assert largest_remainder({"a": 221, "b": 6, "c": 1}) == {"a": 96.93, "b": 2.63, "c": 0.44}
    assert largest_remainder({"a": 1, "b": 1, "c": 1}) == {"a": 33.34, "b": 33.33, "c": 33.33}
    assert largest_remainder({"a": 2770, "b": 231, "c": 1}) == {"a": 92.27, "b": 7.7, "c": 0.03}


def test_largest_remainder_with_other_precision():
    assert largest_remainder({"a": 1, "b": 2}, decimals=0) == {"a": 33.0, "b": 67.0}
    assert largest_remainder({"a": 1849, "b": 807}, decimals=1) == {"a": 69.6, "b": 30.4}


def test_largest_remainder_of_nothing_is_all_zero():
    assert largest_remainder({"a": 0, "b": 0}) == {"a": 0.0, "b": 0.0}
    assert largest_remainder({}) == {}
