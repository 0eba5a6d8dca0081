"""/quan-ly/bao-cao: the manager's dashboard, its drill-down and exports (test client and Chromium)."""

import csv
import io
from datetime import datetime

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from kiosk.core.auth import hash_password
from motcua.accounts import create_user
from motcua.units import save_unit
from tests.factories import DossierSet
from tests.kiosk.report_periods import APRIL


@pytest.fixture
def centre(db):
    """Province centre with a commune: 3 early and 1 late at the centre, 2 early and 1 overdue at the commune."""
    province = save_unit(db, "T1", "Trung tâm Phục vụ hành chính công tỉnh", "tinh")
    commune = save_unit(db, "T1.X1", "Bộ phận Một cửa xã An Bình", "xa", "T1")
    create_user(db, "quanly", hash_password("mat-khau-dai"), "manager", "T1")
    create_user(db, "quanlyxa", hash_password("mat-khau-dai"), "manager", "T1.X1")
    create_user(db, "canbo", hash_password("mat-khau-dai"), "officer", "T1")
    build = DossierSet(db)
    procedure = build.procedure("1.1", "Tư pháp", online=False)
    t = datetime
    early = {"procedure": procedure, "received": t(2021, 4, 1), "due": t(2021, 4, 10), "resolved": t(2021, 4, 8)}
    build.add(3, unit=province, **early)
    build.add(
        1, unit=province, procedure=procedure, received=t(2021, 4, 1), due=t(2021, 4, 10), resolved=t(2021, 4, 13)
    )
    build.add(2, unit=commune, **early)
    build.add(1, unit=commune, procedure=procedure, received=t(2021, 4, 2), due=t(2021, 4, 20))
    build.rate(2, unit=province, level="rat_hai_long", attitude="rat_lich_su", at=t(2021, 4, 9))
    build.save()
    return province


def test_dashboard_shows_the_rolled_up_figures_and_the_paragraph(client, centre, auth):
    auth("quanly")
    page = client.get("/quan-ly/bao-cao", query_string={**APRIL, "unit": "T1"})

    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Tháng 4/2021 — Trung tâm Phục vụ hành chính công tỉnh" in html
    assert "Tháng 4/2021, Trung tâm Phục vụ hành chính công tỉnh và các đơn vị trực thuộc đã tiếp nhận 7 hồ sơ" in html
    assert "83,33%" in html
    assert "Bộ phận Một cửa xã An Bình" in html
    assert "<svg" in html


def test_a_commune_manager_only_sees_their_commune(client, centre, auth):
    auth("quanlyxa")
    assert client.get("/quan-ly/bao-cao", query_string={**APRIL, "unit": "T1"}).status_code == 403
    page = client.get("/quan-ly/bao-cao", query_string=APRIL)
    assert page.status_code == 200
    assert "Bộ phận Một cửa xã An Bình" in page.get_data(as_text=True)
    assert "Trung tâm Phục vụ hành chính công tỉnh</option>" not in page.get_data(as_text=True)


def test_officers_cannot_open_the_dashboard(client, centre, auth):
    auth("canbo")
    assert client.get("/quan-ly/bao-cao").status_code == 403


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ({"kind": "custom", "from": "2021-05-01", "to": "2021-04-01"}, 400, "phải trước hoặc bằng"),
        ({"kind": "month", "year": "2021", "number": "13"}, 400, "không hợp lệ"),
        ({"kind": "year", "year": "abc"}, 400, "không hợp lệ"),
        ({"unit": "KHONG-CO"}, 404, "Không tìm thấy đơn vị"),
    ],
)
def test_bad_picks_are_explained_in_vietnamese(client, centre, query, status, message, auth):
    auth("quanly")
    page = client.get("/quan-ly/bao-cao", query_string=query)
    assert page.status_code == status
    assert message in page.get_data(as_text=True)


def test_drilldown_lists_late_and_overdue_dossiers_without_personal_data(client, centre, auth):
    auth("quanly")
    late = client.get("/quan-ly/bao-cao/ho-so", query_string={**APRIL, "unit": "T1", "loai": "late"})
    overdue = client.get("/quan-ly/bao-cao/ho-so", query_string={**APRIL, "unit": "T1", "loai": "overdue"})

    assert late.status_code == overdue.status_code == 200
    assert late.get_data(as_text=True).count("<tr>") == 2  # header + the one late dossier
    assert "13/04/2021" in late.get_data(as_text=True)
    assert "Bộ phận Một cửa xã An Bình" in overdue.get_data(as_text=True)
    for page in (late, overdue):
        assert "Nguyễn Văn An" not in page.get_data(as_text=True)


def test_csv_export_holds_the_same_figures(client, centre, auth):
    auth("quanly")
    response = client.get("/quan-ly/bao-cao/xuat.csv", query_string={**APRIL, "unit": "T1"})

    assert response.status_code == 200
    assert 'filename="bao-cao_T1_2021-04-01_2021-04-30.csv"' in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert ["Đã giải quyết", "Trước hạn", "5", "83,33%"] in rows
    assert ["Đang giải quyết", "Quá hạn", "1", ""] in rows


def test_xlsx_export_has_three_sheets_of_numbers(client, centre, auth):
    auth("quanly")
    response = client.get("/quan-ly/bao-cao/xuat.xlsx", query_string={**APRIL, "unit": "T1"})

    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["Tổng hợp", "Theo đơn vị", "Theo lĩnh vực"]
    summary = {(row[0], row[1]): row[2:] for row in workbook["Tổng hợp"].iter_rows(min_row=3, values_only=True)}
    assert summary[("Đã giải quyết", "Quá hạn")] == (1, 16.67)
    units = list(workbook["Theo đơn vị"].iter_rows(min_row=3, values_only=True))
    assert [row[0] for row in units] == ["T1", "T1.X1"]


def test_dashboard_in_chromium_reveals_the_paragraph_and_drills_down(live_server, page, centre):
    page.goto(f"{live_server}/auth/login?next=/quan-ly/bao-cao")
    page.fill("input[name=username]", "quanly")
    page.fill("input[name=password]", "mat-khau-dai")
    page.click("button[type=submit]")
    # The form's script must be running before the choice is changed, or the change goes unseen.
    page.wait_for_url("**/quan-ly/bao-cao")
    page.wait_for_load_state("load")
    page.select_option("select[name=kind]", "custom")
    expect(page.locator("input[name=from]")).to_be_visible()
    expect(page.locator("input[name=number]")).to_be_hidden()
    page.fill("input[name=from]", "2021-04-01")
    page.fill("input[name=to]", "2021-04-20")
    with page.expect_navigation():
        page.click("#report-form button[type=submit]")

    assert "Từ ngày 01/04/2021 đến ngày 20/04/2021" in page.inner_text("#report-title")
    assert not page.is_visible("#narrative")
    page.click("#show-narrative")
    assert page.inner_text("#narrative").startswith("Từ ngày 01/04/2021 đến ngày 20/04/2021, Trung tâm")
    page.click("a.drill[data-kind=late]")
    assert page.locator("#dossier-list tbody tr").count() == 1


def test_dashboard_shows_the_level_table_and_the_procedure_groups(client, db, runner, centre, auth):
    result = runner.invoke(args=["procedure-groups", "add", "T1", "5-tai-cho", "5 tại chỗ", "1.1"])
    assert result.exit_code == 0, result.output
    auth("quanly")

    html = client.get("/quan-ly/bao-cao", query_string={**APRIL, "unit": "T1"}).get_data(as_text=True)

    assert 'id="level-table"' in html
    assert '<tr data-level="tinh">' in html and '<tr data-level="xa">' in html
    assert '<tr data-group="5-tai-cho">' in html
    assert "Đã giải quyết theo “5 tại chỗ” 6 hồ sơ" in html


def test_managers_manage_procedure_groups_of_their_unit_and_below_only(client, db, centre, auth):
    auth("quanlyxa")
    refused = client.post(
        "/quan-ly/nhom-thu-tuc",
        data={"unit": "T1", "action": "save", "code": "nhom", "name": "Nhóm", "procedures": "1.1"},
    )
    assert refused.status_code == 403
    saved = client.post(
        "/quan-ly/nhom-thu-tuc",
        data={"unit": "T1.X1", "action": "save", "code": "Mot-Cua", "name": "Một cửa xã", "procedures": "1.1"},
    )
    assert saved.status_code == 302
    page = client.get("/quan-ly/nhom-thu-tuc", query_string={"unit": "T1.X1"}).get_data(as_text=True)
    assert "mot-cua" in page and "Một cửa xã" in page

    bad = client.post(
        "/quan-ly/nhom-thu-tuc",
        data={"unit": "T1.X1", "action": "save", "code": "x", "name": "Nhóm", "procedures": "1.1, 9.9"},
    )
    assert bad.status_code == 422
    assert "Không tìm thấy thủ tục mã 9.9" in bad.get_data(as_text=True)

    removed = client.post("/quan-ly/nhom-thu-tuc", data={"unit": "T1.X1", "action": "remove", "code": "mot-cua"})
    assert removed.status_code == 302
    assert "Chưa có nhóm thủ tục nào" in client.get("/quan-ly/nhom-thu-tuc?unit=T1.X1").get_data(as_text=True)


def test_officers_cannot_open_the_procedure_groups_page(client, centre, auth):
    auth("canbo")
    assert client.get("/quan-ly/nhom-thu-tuc").status_code == 403
