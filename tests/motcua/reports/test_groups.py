"""Procedure groups: managed with ``flask --app server procedure-groups add|list|remove``, counted in
the report of the unit that defined them and of every unit below it."""

from datetime import date, datetime

import pytest

from motcua.reports import build_summary
from motcua.reports.period import month
from motcua.units import save_unit
from tests.factories import DossierSet
from tests.motcua.reports.imports import command

APRIL = month(2021, 4)
t = datetime


@pytest.fixture
def province(db):
    province = save_unit(db, "T.1", "Trung tâm tỉnh", "tinh")
    district = save_unit(db, "T.1.H", "Trung tâm huyện", "huyen", "T.1")
    build = DossierSet(db)
    for code in ("1.1", "1.2", "1.3"):
        build.procedure(code, "Tư pháp", online=False)
    early = {"received": t(2021, 4, 1), "due": t(2021, 4, 10), "resolved": t(2021, 4, 8)}
    late = {"received": t(2021, 4, 1), "due": t(2021, 4, 10), "resolved": t(2021, 4, 12)}
    build.add(4, unit=province, procedure=1, **early)
    build.add(1, unit=province, procedure=1, **late)
    build.add(3, unit=district, procedure=2, **early)
    build.add(2, unit=district, procedure=3, received=t(2021, 4, 1), due=t(2021, 4, 10), resolved=t(2021, 4, 10))
    # Pending, and resolved in March: not in April's groups.
    build.add(5, unit=province, procedure=1, received=t(2021, 4, 20), due=t(2021, 5, 10))
    build.add(6, unit=province, procedure=2, received=t(2021, 3, 1), due=t(2021, 3, 10), resolved=t(2021, 3, 8))
    build.save()
    db.commit()
    return province


def groups(db, unit, include_children=True):
    return build_summary(db, unit, APRIL, include_children, today=date(2021, 5, 15)).to_dict()["groups"]


def test_a_group_counts_its_procedures_resolved_dossiers(db, runner, province):
    command(runner, "procedure-groups", "add", "T.1", "5-tai-cho", "5 tại chỗ", "1.1", "1.2", expect="2 thủ tục")
    command(runner, "procedure-groups", "add", "T.1", "Lien-Thong", "Liên thông", "1.2", "1.3")

    figures = groups(db, province)

    assert figures["5-tai-cho"] == {
        "name": "5 tại chỗ",
        "resolved": 8,
        "early": 7,
        "on_time": 0,
        "late": 1,
        "early_pct": 87.5,
        "on_time_pct": 0.0,
        "late_pct": 12.5,
    }
    # A procedure in two groups counts in both; codes are stored in lower case.
    assert (figures["lien-thong"]["resolved"], figures["lien-thong"]["on_time"]) == (5, 2)


def test_a_provinces_group_counts_in_a_districts_report_and_a_districts_own_wins(db, runner, province):
    district = province.children[0]
    command(runner, "procedure-groups", "add", "T.1", "nhom", "Nhóm của tỉnh", "1.1", "1.2")
    assert groups(db, district)["nhom"]["resolved"] == 3

    command(runner, "procedure-groups", "add", "T.1.H", "nhom", "Nhóm của huyện", "1.3")
    db.expire_all()
    assert groups(db, district)["nhom"]["name"] == "Nhóm của huyện"
    assert groups(db, district)["nhom"]["resolved"] == 2
    assert groups(db, province)["nhom"]["resolved"] == 8


def test_list_and_remove(db, runner, province):
    command(runner, "procedure-groups", "add", "T.1", "nhom", "Nhóm A", "1.1")
    command(runner, "procedure-groups", "add", "T.1", "nhom", "Nhóm A sửa", "1.2", "1.3")

    listing = command(runner, "procedure-groups", "list", "T.1")
    assert "T.1\tnhom\tNhóm A sửa\t1.2, 1.3" in listing

    command(runner, "procedure-groups", "remove", "T.1", "nhom", expect="Đã xóa nhóm nhom")
    assert "chưa có nhóm thủ tục nào" in command(runner, "procedure-groups", "list", "T.1")
    assert groups(db, province) == {}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "T.1", "nhom", "Nhóm", "9.999"], "Không tìm thấy thủ tục mã 9.999"),
        (["add", "T.1", "nhóm có dấu", "Nhóm", "1.1"], "Mã nhóm"),
        (["add", "X.9", "nhom", "Nhóm", "1.1"], "Không tìm thấy đơn vị"),
        (["remove", "T.1", "khong-co"], "không có nhóm thủ tục"),
    ],
)
def test_bad_input_is_refused_in_vietnamese(runner, province, args, message):
    result = runner.invoke(args=["procedure-groups", *args])

    assert result.exit_code != 0
    assert message in result.output
