"""``flask report``: the table, the paragraph and JSON on the command line."""

import json
from datetime import datetime

import pytest

from motcua.units import save_unit
from tests.factories import DossierSet


@pytest.fixture
def centre(db):
    unit = save_unit(db, "T1", "Trung tâm Phục vụ hành chính công tỉnh", "tinh")
    build = DossierSet(db)
    procedure = build.procedure("1.1", "Tư pháp", online=False)
    t = datetime
    build.add(1229, unit=unit, procedure=procedure, received=t(2021, 4, 1), due=t(2021, 4, 10), resolved=t(2021, 4, 8))
    build.add(2, unit=unit, procedure=procedure, received=t(2021, 4, 1), due=t(2021, 4, 10), resolved=t(2021, 4, 10))
    build.save()
    return unit


def test_report_prints_the_table_with_vietnamese_numbers(runner, centre):
    result = runner.invoke(args=["report", "T1", "--month", "2021-04"])

    assert result.exit_code == 0, result.output
    assert "Tháng 4/2021 — Trung tâm Phục vụ hành chính công tỉnh" in result.output
    assert "1.229" in result.output and "99,84%" in result.output


def test_report_prints_the_paragraph(runner, centre):
    result = runner.invoke(args=["report", "T1", "--from", "2021-04-01", "--to", "2021-04-30", "--format", "text"])

    assert result.output.startswith("Tháng 4/2021, Trung tâm Phục vụ hành chính công tỉnh đã tiếp nhận 1.231 hồ sơ")


def test_report_prints_json(runner, centre):
    result = runner.invoke(args=["report", "t1", "--month", "2021-04", "--format", "json"])

    assert json.loads(result.output)["resolved"]["on_time"] == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "KHONG", "--month", "2021-04"], "Không tìm thấy đơn vị 'KHONG'"),
        (["report", "T1", "--month", "04/2021"], "dùng dạng YYYY-MM"),
        (["report", "T1", "--from", "2021-04-01"], "Cần --month"),
        (["report", "T1", "--from", "2021-05-01", "--to", "2021-04-01"], "phải trước hoặc bằng"),
    ],
)
def test_report_explains_bad_arguments(runner, centre, args, message):
    result = runner.invoke(args=args)

    assert result.exit_code != 0
    assert message in result.output
