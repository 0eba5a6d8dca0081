"""Seed 000 (the communes of thị xã Đông Triều, tháng 2/2018) rebuilt along a unit tree and loaded with
``units add`` and ``import-dossiers``: the figures come from the communes' dossiers and roll up to the
town, and not to its neighbour.

    3.201 received (3.043 new, 158 carried over); 2.770 early (92,27%), 231 on time, 1 late (xã Nguyễn
    Huệ, 0,03%); 199 still within their time.

The article prints 7,69% for 231 of 3.002 (exactly 7,6949%) because it truncates; largest remainder
gives 7,70% so that 92,27% + 7,70% + 0,03% make 100%.
"""

from datetime import date, datetime

import pytest

from motcua.catalogue.models import Procedure
from motcua.reports import build_summary, narrative
from motcua.reports.period import month
from motcua.units import get_unit
from tests.motcua.reports.imports import SeedFiles, command

FEBRUARY = month(2018, 2)
TODAY = date(2018, 3, 1)


@pytest.fixture
def dong_trieu(db, runner, tmp_path):
    units = [
        ("QN", "UBND tỉnh Quảng Ninh", "tinh", None),
        ("QN.DT", "Trung tâm Hành chính công thị xã Đông Triều", "huyen", "QN"),
        ("QN.VD", "Trung tâm Hành chính công huyện Vân Đồn", "huyen", "QN"),
        ("QN.DT.DC", "UBND phường Đức Chính", "xa", "QN.DT"),
        ("QN.DT.HP", "UBND xã Hồng Phong", "xa", "QN.DT"),
        ("QN.DT.NH", "UBND xã Nguyễn Huệ", "xa", "QN.DT"),
    ]
    for code, name, level, parent in units:
        command(runner, "units", "add", code, name, "--level", level, *(["--parent", parent] if parent else []))
    for code, field, online in (("1.001193", "Hộ tịch", False), ("1.003003", "Đất đai", True)):
        db.add(
            Procedure(code=code, name=f"Thủ tục {code}", field=field, online=online, updated_at=datetime(2018, 1, 1))
        )
    db.commit()
    files = SeedFiles(tmp_path)
    civil, land = "1.001193", "1.003003"
    t = datetime
    carried_early = {"received": t(2018, 1, 29, 9), "due": t(2018, 2, 7, 17), "resolved": t(2018, 2, 5, 10)}
    early = {"received": t(2018, 2, 5, 9), "due": t(2018, 2, 12, 17), "resolved": t(2018, 2, 9, 10)}
    on_time = {"received": t(2018, 2, 6, 9), "due": t(2018, 2, 13, 10), "resolved": t(2018, 2, 13, 15)}
    pending = {"received": t(2018, 2, 22, 9), "due": t(2018, 3, 6, 17)}
    # (carried over and resolved early, new and early, new and on time, new and pending); the communes
    # offer the land procedure online (một phần), not civil status (an empty online_level).
    plan = {"DC": (60, 1040, 100, 60), "HP": (50, 850, 80, 70), "NH": (48, 722, 51, 69)}
    for code, (carried, new_early, new_on_time, new_pending) in plan.items():
        unit = f"QN.DT.{code}"
        files.add(carried, unit=unit, procedure=civil, **carried_early)
        files.add(new_early // 2, unit=unit, procedure=civil, **early)
        files.add(new_early - new_early // 2, unit=unit, procedure=land, online_level="mot_phan", **early)
        files.add(new_on_time, unit=unit, procedure=civil, **on_time)
        files.add(new_pending, unit=unit, procedure=land, online_level="mot_phan", **pending)
    # The one late dossier, at xã Nguyễn Huệ.
    late = {"received": t(2018, 2, 1, 9), "due": t(2018, 2, 8, 17), "resolved": t(2018, 2, 12, 9)}
    files.add(1, unit="QN.DT.NH", procedure=land, online_level="mot_phan", **late)
    files.add(500, unit="QN.VD", procedure=civil, **early)
    files.load(runner)
    db.expire_all()
    return get_unit(db, "QN.DT")


def test_seed_000_rolled_up_figures(db, dong_trieu):
    report = build_summary(db, dong_trieu, FEBRUARY, include_children=True, today=TODAY).to_dict()

    assert report["received"]["total"] == 3201
    assert report["received"]["new"] == 3043
    assert report["received"]["carried_over"] == 158
    assert report["resolved"] == {
        "early": 2770,
        "early_pct": 92.27,
        "on_time": 231,
        "on_time_pct": 7.7,
        "late": 1,
        "late_pct": 0.03,
        "total": 3002,
        "pct_of_received": 93.78,
        "early_or_on_time": 3001,
        "early_or_on_time_pct": 99.97,
    }
    assert report["pending"] == {"not_due": 199, "overdue": 0, "awaiting_supplement": 0, "total": 199}
    assert report["returned"] == 0
    # All at the communes' one-stop units: the town's centre received nothing itself.
    assert {
        level: (row["received"], row["resolved"], row["early_or_on_time_pct"])
        for level, row in report["by_level"].items()
    } == {
        "huyen": (0, 0, 0.0),
        "xa": (3201, 3002, 99.97),
    }


def test_seed_000_by_unit_rolls_up_along_the_tree(db, dong_trieu):
    report = build_summary(db, dong_trieu, FEBRUARY, include_children=True, today=TODAY).to_dict()
    rows = {row["code"]: row for row in report["by_unit"]}

    assert [(row["code"], row["depth"]) for row in report["by_unit"]] == [
        ("QN.DT", 0),
        ("QN.DT.DC", 1),
        ("QN.DT.HP", 1),
        ("QN.DT.NH", 1),
    ]
    assert rows["QN.DT"]["received"] == report["received"]
    assert rows["QN.DT"]["resolved"] == report["resolved"]
    assert rows["QN.DT.DC"]["received"]["total"] == 1260
    assert rows["QN.DT.HP"]["received"]["total"] == 1050
    assert rows["QN.DT.NH"]["received"]["total"] == 891
    assert rows["QN.DT.NH"]["resolved"]["late"] == 1
    assert rows["QN.DT.DC"]["parent"] == "QN.DT"


def test_province_report_includes_every_district(db, dong_trieu):
    province = dong_trieu.parent
    report = build_summary(db, province, FEBRUARY, include_children=True, today=TODAY).to_dict()

    assert report["received"]["total"] == 3201 + 500
    assert [row["code"] for row in report["by_unit"]][:3] == ["QN", "QN.DT", "QN.DT.DC"]


def test_without_children_only_the_units_own_dossiers_count(db, dong_trieu):
    report = build_summary(db, dong_trieu, FEBRUARY, today=TODAY).to_dict()

    assert report["received"]["total"] == 0
    assert report["by_unit"] == []


def test_seed_000_narrative_names_the_commune_with_the_late_dossier(db, dong_trieu):
    text = narrative(build_summary(db, dong_trieu, FEBRUARY, include_children=True, today=TODAY))

    assert text == (
        "Tháng 2/2018, Trung tâm Hành chính công thị xã Đông Triều và các đơn vị trực thuộc đã tiếp nhận "
        "3.201 hồ sơ, trong đó 158 hồ sơ của tháng 1 chuyển sang, 3.043 hồ sơ tiếp nhận mới. "
        "Đã giải quyết 3.002 hồ sơ (đạt 93,78% số hồ sơ tiếp nhận), trong đó trước hạn 2.770 hồ sơ, đạt 92,27%; "
        "đúng hạn 231 hồ sơ, đạt 7,7%; quá hạn 1 hồ sơ (UBND xã Nguyễn Huệ), chiếm 0,03%; "
        "tỷ lệ giải quyết đúng và trước hạn đạt 99,97%. "
        "Đang giải quyết 199 hồ sơ, trong đó chưa đến hạn 199 hồ sơ; không có hồ sơ quá hạn. "
        "Hồ sơ dịch vụ công trực tuyến đã giải quyết 1.307 hồ sơ, trong đó không có hồ sơ tiếp nhận "
        "trực tuyến; trước hạn 1.306 hồ sơ, đạt 99,92%; quá hạn 1 hồ sơ, chiếm 0,08%."
    )
