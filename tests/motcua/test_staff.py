"""Counters and officers, and a unit's rating scale: the rules the manager's pages and the CLI share."""

import pytest

from motcua.errors import Invalid
from motcua.feedback.scales import set_scale
from motcua.staff import StaffError, get_counter, list_counters, list_officers, toggle_officer
from motcua.units import get_unit
from tests.factories import UNIT, make_centre


@pytest.fixture
def unit(db):
    make_centre(db)
    return get_unit(db, UNIT)


def test_deactivating_an_officer_takes_them_off_duty_and_out_of_the_duty_list(db, unit):
    officer = toggle_officer(db, unit, "CB01")
    assert not officer.active and get_counter(db, unit, "Q1").current_officer is None
    assert [o.code for o in list_officers(db, unit, active_only=True)] == ["CB02"]
    assert [o.code for o in list_officers(db, unit)] == ["CB01", "CB02"]
    assert toggle_officer(db, unit, "CB01").active  # back, but not back on duty
    assert get_counter(db, unit, "Q1").current_officer is None


def test_an_unknown_officer_cannot_be_toggled(db, unit):
    with pytest.raises(StaffError, match="Không tìm thấy cán bộ"):
        toggle_officer(db, unit, "CB99")


def test_counters_are_listed_by_code(db, unit):
    assert [counter.code for counter in list_counters(db, unit)] == ["Q1", "Q2"]


@pytest.mark.parametrize("levels", ["3", 5, " 4 "])
def test_a_scale_of_three_to_five_levels_is_set(db, unit, levels):
    set_scale(unit, levels)
    assert unit.rating_scale == int(str(levels))


@pytest.mark.parametrize("levels", ["6", "", "ba", None, "4.0"])
def test_any_other_scale_is_refused_in_vietnamese(db, unit, levels):
    with pytest.raises(Invalid, match="3, 4 hoặc 5 mức") as refused:
        set_scale(unit, levels)
    assert refused.value.field == "levels" and unit.rating_scale == 4
