"""Whatever a URL's query holds, the answer is a 4xx with a Vietnamese message, never a 500."""

from __future__ import annotations

import pytest

from kiosk.core.auth import hash_password
from motcua.accounts import create_user
from motcua.units import save_unit


@pytest.fixture
def admin(client, db, auth):
    save_unit(db, "T1", "Trung tâm tỉnh", "tinh")
    create_user(db, "quantri", hash_password("mat-khau-thu"), "admin")
    db.commit()
    auth("quantri", "mat-khau-thu")
    return client


LIVE = "/quan-ly/danh-gia?unit=T1"
REPORT = "/quan-ly/bao-cao?unit=T1"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (f"{LIVE}&refresh=nan", "làm mới"),
        (f"{LIVE}&refresh=inf", "làm mới"),
        (f"{LIVE}&refresh=-5", "làm mới"),
        (f"{LIVE}&refresh=1e400", "làm mới"),
        (f"{LIVE}&refresh=mot", "làm mới"),
        (f"{LIVE}&ngay=9999-12-31", "Ngày"),
        (f"{LIVE}&ngay=0001-01-01", "Ngày"),
        (f"{LIVE}&ngay=hom-qua", "Ngày"),
        ("/quan-ly/danh-gia/bang?unit=T1&ngay=9999-12-31", "Ngày"),
        (f"{REPORT}&kind=custom&from=0001-01-01&to=9999-12-31", "Kỳ báo cáo"),
        (f"{REPORT}&kind=custom&from=2021-01-01&to=9999-12-31", "Kỳ báo cáo"),
        (f"{REPORT}&kind=year&year=9999", "Kỳ báo cáo"),
        (f"{REPORT}&kind=month&year=99999999999999999999&number=1", "Kỳ báo cáo"),
        (f"{REPORT}&kind=month&year=2021&number=nan", "không hợp lệ"),
        ("/quan-ly/bao-cao/xuat.csv?unit=T1&kind=custom&from=0001-01-01&to=9999-12-31", "Kỳ báo cáo"),
        ("/quan-ly/bao-cao/xuat.xlsx?unit=T1&kind=year&year=9999", "Kỳ báo cáo"),
        ("/quan-ly/bao-cao/ho-so?unit=T1&kind=year&year=9999&loai=late", "Kỳ báo cáo"),
    ],
)
def test_unreadable_or_absurd_values_are_a_400_explained_in_vietnamese(admin, path, message):
    response = admin.get(path)
    assert response.status_code == 400, path
    assert message in response.get_data(as_text=True)


@pytest.mark.parametrize("path", [f"{LIVE}&refresh=5", f"{LIVE}&ngay=2026-04-15", f"{REPORT}&kind=year&year=2021"])
def test_sane_values_still_work(admin, path):
    assert admin.get(path).status_code == 200


@pytest.mark.parametrize("levels", ["bốn", "nan", "1e9", ""])
def test_a_rating_scale_that_is_no_number_is_refused_with_a_message(admin, levels):
    response = admin.post("/quan-ly/quay?unit=T1", data={"action": "scale", "levels": levels}, follow_redirects=True)
    assert response.status_code == 200
    assert "Thang đánh giá phải có 3, 4 hoặc 5 mức." in response.get_data(as_text=True)


def test_an_unknown_page_is_a_vietnamese_404(client):
    response = client.get("/khong-co-trang-nay")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.get_data(as_text=True)
