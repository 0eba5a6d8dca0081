import pytest

from motcua.feedback import scales
from motcua.units import Unit


def test_the_default_scale_is_the_four_levels_of_the_centres_forms():
    assert [key for key, _ in scales.scale_for(Unit())] == ["rat_hai_long", "hai_long", "binh_thuong", "khong_hai_long"]


@pytest.mark.parametrize(("size", "lowest"), [(3, "khong_hai_long"), (4, "khong_hai_long"), (5, "rat_khong_hai_long")])
def test_each_unit_picks_its_scale_and_its_lowest_level(size, lowest):
    unit = Unit(rating_scale=size)
    assert len(scales.scale_for(unit)) == size
    assert scales.lowest_level(unit) == lowest


def test_the_three_level_scale_is_the_national_portals():
    assert [label for _, label in scales.scale_for(Unit(rating_scale=3))] == [
        "Rất hài lòng",
        "Hài lòng",
        "Không hài lòng",
    ]


@pytest.mark.parametrize(
    ("typed", "key"),
    [("Rất hài lòng", "rat_hai_long"), ("rat hai long", "rat_hai_long"), ("HAI_LONG", "hai_long"), ("x", None)],
)
def test_levels_are_recognised_typed_any_way(typed, key):
    assert scales.match_level(typed) == key


@pytest.mark.parametrize(
    ("typed", "key"),
    [("rất lịch sự", "rat_lich_su"), ("Hach dich, nhung nhieu", "hach_dich"), ("khong_than_thien", "khong_than_thien")],
)
def test_attitudes_are_recognised_by_key_label_or_its_start(typed, key):
    assert scales.match_attitude(typed) == key


def test_a_dissatisfied_rating_or_a_harassing_officer_is_bad():
    assert scales.is_bad("khong_hai_long", None)
    assert scales.is_bad("rat_hai_long", "hach_dich")
    assert not scales.is_bad("binh_thuong", "binh_thuong")
