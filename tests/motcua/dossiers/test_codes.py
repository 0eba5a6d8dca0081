from datetime import date

import pytest

from motcua.dossiers.codes import CodeError, DossierCode, canonical_code, format_code, parse_code


@pytest.mark.parametrize(
    ("text", "unit", "day", "number"),
    [
        ("000.00.12.H62-260415-0001", "000.00.12.H62", date(2026, 4, 15), 1),
        ("38.98.H29-260415-0012", "38.98.H29", date(2026, 4, 15), 12),
        ("G22.99.08-260921-896048", "G22.99.08", date(2026, 9, 21), 896048),
        ("  000.00.12.h62 - 260415 - 0001 ", "000.00.12.H62", date(2026, 4, 15), 1),
        ("g22.99.08–260921–896048", "G22.99.08", date(2026, 9, 21), 896048),
        ("38 .98.h29-260415-0012\n", "38.98.H29", date(2026, 4, 15), 12),
    ],
)
def test_parse_accepts_the_three_shapes_in_any_case_with_stray_spaces(text, unit, day, number):
    code = parse_code(text)
    assert (code.unit_code, code.received_on, code.number) == (unit, day, number)


@pytest.mark.parametrize(
    "text", ["", "000.00.12.H62", "000.00.12.H62-261345-0001", "H62-260415-0001", "000.00.12.H62-260415-12", "abc"]
)
def test_parse_rejects_what_is_not_a_code_with_a_vietnamese_message(text):
    with pytest.raises(CodeError, match="không"):
        parse_code(text)


def test_format_round_trips_and_keeps_the_counter_width():
    assert str(parse_code("g22.99.08-260921-896048")) == "G22.99.08-260921-896048"
    assert format_code("000.00.12.H62", date(2026, 4, 15), 7) == "000.00.12.H62-260415-0007"
    assert str(DossierCode("38.98.H29", date(2026, 1, 2), 12345)) == "38.98.H29-260102-12345"


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("000.00.12.H62-260415-0001", "000.00.12.H62-260415-0001"),
        ("000.00.12.h62-260415-0001", "000.00.12.H62-260415-0001"),
        (" g22.99.08 — 260921 — 896048 ", "G22.99.08-260921-896048"),
        ("38.98.H29_260415_0012", "38.98.H29-260415-0012"),
    ],
)
def test_canonical_code_is_upper_case_without_spaces_and_with_plain_hyphens(text, canonical):
    assert canonical_code(text) == canonical


def test_canonical_code_refuses_an_impossible_date_even_when_the_shape_is_right():
    with pytest.raises(CodeError, match="Ngày"):
        canonical_code("000.00.12.H62-260230-0001")
