"""GET /api/v1/reports/summary: access, the JSON groups, the narrative, and bad input in Vietnamese."""

from datetime import datetime

import pytest

from kiosk.core.auth import hash_password
from motcua.accounts import create_user
from motcua.units import save_unit
from tests.factories import DossierSet

APRIL = {"from": "2021-04-01", "to": "2021-04-30"}


@pytest.fixture
def centre(db):
    """A province centre with one commune; 3 early + 1 late at the centre, 2 early at the commune."""
    province = save_unit(db, "T1", "Trung tâm Phục vụ hành chính công tỉnh", "tinh")
    commune = save_unit(db, "T1.X1", "Bộ phận Một cửa xã An Bình", "xa", "T1")
    create_user(db, "quanly", hash_password("mat-khau-dai"), "manager", "T1")
    create_user(db, "quanlyxa", hash_password("mat-khau-dai"), "manager", "T1.X1")
    create_user(db, "canbo", hash_password("mat-khau-dai"), "officer", "T1")
    build = DossierSet(db)
    procedure = build.procedure("1.1", "Tư pháp", online=True)
    t = datetime
    early = {"procedure": procedure, "received": t(2021, 4, 1), "due": t(2021, 4, 10), "resolved": t(2021, 4, 8)}
    build.add(3, unit=province, channel="truc_tuyen", **early)
    build.add(
        1, unit=province, procedure=procedure, received=t(2021, 4, 1), due=t(2021, 4, 10), resolved=t(2021, 4, 12)
    )
    build.add(2, unit=commune, **early)
    build.rate(2, unit=province, level="rat_hai_long", attitude="rat_lich_su", at=t(2021, 4, 9))
    build.save()
    return province


@pytest.fixture
def api_key(centre, key_headers):
    return key_headers("T1", "reports")


def test_summary_needs_credentials(client, centre):
    response = client.get("/api/v1/reports/summary", query_string={"unit": "T1", **APRIL})
    assert response.status_code == 401
    assert response.json["error"] == "unauthorized"


def test_summary_with_an_api_key_gives_the_groups_with_numeric_percentages(client, api_key):
    response = client.get(
        "/api/v1/reports/summary", query_string={"unit": "T1", **APRIL, "include_children": "1"}, headers=api_key
    )

    assert response.status_code == 200
    body = response.json
    assert body["received"]["new"] == 6
    assert body["received"]["new_online"] == 3
    assert body["resolved"]["early"] == 5
    assert body["resolved"]["early_pct"] == 83.33
    assert body["resolved"]["late_pct"] == 16.67
    assert body["pending"]["awaiting_supplement"] == 0
    assert body["returned"] == 0
    assert body["postal_results"] == {"count": 0, "pct": 0.0}
    assert body["online"]["received_online_pct"] == 50.0
    assert body["satisfaction"]["responses"] == 2
    assert body["satisfaction"]["levels"]["rat_hai_long"] == {"label": "Rất hài lòng", "count": 2, "pct": 100.0}
    assert body["satisfaction"]["attitude"]["rat_lich_su"]["pct"] == 100.0
    assert [row["code"] for row in body["by_unit"]] == ["T1", "T1.X1"]
    assert body["by_field"][0]["field"] == "Tư pháp"


def test_without_include_children_only_the_units_own_dossiers(client, api_key):
    body = client.get("/api/v1/reports/summary", query_string={"unit": "t1", **APRIL}, headers=api_key).json
    assert body["received"]["new"] == 4
    assert body["by_unit"] == []


def test_format_text_gives_the_vietnamese_paragraph(client, api_key):
    response = client.get(
        "/api/v1/reports/summary", query_string={"unit": "T1", **APRIL, "format": "text"}, headers=api_key
    )

    assert response.status_code == 200
    assert response.content_type == "text/plain; charset=utf-8"
    text = response.get_data(as_text=True)
    assert text.startswith("Tháng 4/2021, Trung tâm Phục vụ hành chính công tỉnh đã tiếp nhận 4 hồ sơ")
    assert "trước hạn 3 hồ sơ, đạt 75%; quá hạn 1 hồ sơ, chiếm 25%" in text


def test_a_manager_sees_their_unit_and_below(client, centre, auth):
    auth("quanly")
    assert client.get("/api/v1/reports/summary", query_string={"unit": "T1.X1", **APRIL}).status_code == 200


def test_a_commune_manager_cannot_see_the_province(client, centre, auth):
    auth("quanlyxa")
    response = client.get("/api/v1/reports/summary", query_string={"unit": "T1", **APRIL})
    assert response.status_code == 403
    assert "đơn vị mình" in response.json["message"]


def test_an_officer_cannot_read_reports(client, centre, auth):
    auth("canbo")
    assert client.get("/api/v1/reports/summary", query_string={"unit": "T1", **APRIL}).status_code == 403


@pytest.mark.parametrize(
    ("query", "status", "error", "message"),
    [
        ({"from": "2021-04-01", "to": "2021-04-30"}, 400, "missing_unit", "Thiếu mã đơn vị"),
        (
            {"unit": "KHONG-CO", "from": "2021-04-01", "to": "2021-04-30"},
            404,
            "unit_not_found",
            "Không tìm thấy đơn vị",
        ),
        ({"unit": "T1", "to": "2021-04-30"}, 400, "missing_date", "Thiếu ngày bắt đầu (from)"),
        ({"unit": "T1", "from": "2021-04-01"}, 400, "missing_date", "Thiếu ngày kết thúc (to)"),
        ({"unit": "T1", "from": "2021-02-30", "to": "2021-04-30"}, 400, "invalid_period", "không hợp lệ"),
        ({"unit": "T1", "from": "30/04/2021", "to": "2021-04-30"}, 400, "invalid_period", "YYYY-MM-DD"),
        ({"unit": "T1", "from": "2021-05-01", "to": "2021-04-30"}, 400, "invalid_period", "phải trước hoặc bằng"),
        ({"unit": "T1", **APRIL, "include_children": "maybe"}, 400, "invalid_include_children", "dùng 1 hoặc 0"),
        ({"unit": "T1", **APRIL, "format": "pdf"}, 400, "invalid_format", "'json' hoặc 'text'"),
    ],
)
def test_bad_input_is_refused_in_vietnamese(client, api_key, query, status, error, message):
    response = client.get("/api/v1/reports/summary", query_string=query, headers=api_key)

    assert response.status_code == status
    assert response.json["error"] == error
    assert message in response.json["message"]
