import json
import re

import pytest
from sqlalchemy import select

from kiosk.core.auth import hash_password
from motcua.accounts import create_user
from motcua.dossiers.models import Dossier
from motcua.feedback.tokens import read_rating_token
from tests.factories import CODE, COMMUNE, add_dossier, seed_catalogue

PASSWORD = "mat-khau-thu"


@pytest.fixture
def officer(db):
    seed_catalogue(db)
    create_user(db, "canbo", hash_password(PASSWORD), "officer", COMMUNE, "Trần Thị Bích")
    db.commit()


@pytest.fixture
def signed_in(client, officer, auth):
    auth("canbo", PASSWORD)
    return client


def intake_form(**overrides) -> dict:
    return {
        "procedure_code": "2.000815",
        "documents": ["Tờ khai theo mẫu", "Căn cước công dân"],
        "sets": "1",
        "applicant_name": "Nguyễn Văn An",
        "applicant_phone": "0912 345 678",
        "applicant_identifier": "001099012345",
        "applicant_address": "Số 5, phố Hòa Bình",
        "result_delivery": "tai_quay",
        **overrides,
    }


def test_counter_intake_needs_a_signed_in_officer(client):
    response = client.get("/quay/tiep-nhan")
    assert response.status_code == 302 and "/auth/login" in response.location


def test_counter_intake_assigns_the_next_code_and_shows_the_receipt(signed_in, db):
    response = signed_in.post("/quay/tiep-nhan", data=intake_form())
    assert response.status_code == 302
    dossier = db.scalar(select(Dossier))
    assert re.fullmatch(r"000\.00\.12\.H62-\d{6}-0001", dossier.code)
    assert response.location.endswith(f"/ho-so/{dossier.code}/bien-nhan")
    assert [doc["name"] for doc in dossier.documents] == ["Tờ khai theo mẫu", "Căn cước công dân"]
    assert dossier.received_by.name == "Trần Thị Bích"
    second = signed_in.post("/quay/tiep-nhan", data=intake_form(applicant_name="Lê Thị Hoa"))
    assert second.location.endswith("-0002/bien-nhan")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"procedure_code": "9.999999"}, "Vui lòng chọn thủ tục"),
        ({"documents": []}, "đánh dấu các giấy tờ"),
        ({"applicant_phone": ""}, "Cần số điện thoại"),
        ({"applicant_name": ""}, "Thiếu họ tên"),
    ],
)
def test_counter_intake_refuses_incomplete_forms_with_a_vietnamese_message(signed_in, db, overrides, message):
    response = signed_in.post("/quay/tiep-nhan", data=intake_form(**overrides))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.scalar(select(Dossier)) is None


def test_receipt_has_every_field_two_copies_and_both_qr_codes(app, signed_in, db):
    signed_in.post("/quay/tiep-nhan", data=intake_form())
    dossier = db.scalar(select(Dossier))
    html = signed_in.get(f"/ho-so/{dossier.code}/bien-nhan").get_data(as_text=True)
    for text in (
        "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
        "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
        "Số: 0001/TNHS",
        dossier.code,
        "Nguyễn Văn An",
        "Số 5, phố Hòa Bình",
        "0912345678",
        "Chứng thực bản sao từ bản chính",
        "Tờ khai theo mẫu",
        "Số lượng hồ sơ: 01",
        "2 ngày làm việc",
        "Thời gian nhận hồ sơ",
        "Thời gian trả kết quả",
        "Tại Bộ phận Một cửa",
        "Trần Thị Bích",
    ):
        assert text in html, text
    assert html.count('class="sheet"') == 2
    assert html.count("<svg") == 4


def test_receipt_qr_payload_carries_what_circular_01_2023_asks(app, signed_in, db):
    from motcua.clock import now_local
    from motcua.dossiers.receipt import build_receipt

    signed_in.post("/quay/tiep-nhan", data=intake_form())
    dossier = db.scalar(select(Dossier))
    payload = json.loads(build_receipt(dossier, "Trần Thị Bích", "http://x/r/t", now_local()).qr_payload)
    assert payload["ma_ho_so"] == dossier.code
    assert payload["ma_thu_tuc"] == "2.000815"
    assert payload["ma_dinh_danh"] == "001099012345"
    assert payload["ten_giay_to"] == "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
    assert payload["ngay_hen_tra"] == dossier.due_at.date().isoformat()
    assert payload["he_thong"] and payload["thoi_gian"]


def test_receipt_rating_link_is_a_valid_token_for_this_dossier(app, signed_in, db):
    from flask import g

    from kiosk.staff.intake import _receipt_context
    from motcua.accounts import get_user
    from motcua.clock import now_local

    signed_in.post("/quay/tiep-nhan", data=intake_form())
    dossier = db.scalar(select(Dossier))
    with app.test_request_context():
        g.user = get_user(db, "canbo")
        rating_url = _receipt_context(dossier.code)["receipt"].rating_url
    assert rating_url.startswith(app.config["PUBLIC_BASE_URL"] + "/r/")
    token = rating_url.rsplit("/", 1)[1]
    assert read_rating_token(app.config["SECRET_KEY"], token, now_local()) == dossier.code


def test_receipt_pdf_is_produced_as_a5(signed_in, db, chromium_path):
    dossier = add_dossier(db)
    response = signed_in.get(f"/ho-so/{dossier.code}/bien-nhan.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    pdf = response.data
    assert pdf.startswith(b"%PDF")
    # A5 portrait is 419.5 × 595.3 points; two copies make two pages.
    sizes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert sizes and all(abs(float(w) - 419.5) < 2 and abs(float(h) - 595.3) < 2 for w, h in sizes)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 2


def test_receipt_pdf_without_a_working_chromium_says_so_in_vietnamese(app, signed_in, db):
    dossier = add_dossier(db)
    app.config["CHROMIUM_PATH"] = "/nonexistent/chromium"

    response = signed_in.get(f"/ho-so/{dossier.code}/bien-nhan.pdf")

    assert response.status_code == 503
    assert "vui lòng dùng nút In" in response.get_data(as_text=True)


def test_receipt_is_for_staff_only(client, db):
    seed_catalogue(db)
    add_dossier(db)
    assert client.get(f"/ho-so/{CODE}/bien-nhan").status_code == 302


def test_lookup_page_shows_status_without_personal_data(client, db):
    seed_catalogue(db)
    add_dossier(db)
    response = client.get("/tra-cuu", query_string={"ma": CODE.lower().replace("-", " - ")})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Được tiếp nhận" in html and "Chứng thực bản sao từ bản chính" in html
    assert "Nguyễn Văn An" not in html and "0912345678" not in html


def test_lookup_page_with_unknown_code_says_so(client, db):
    seed_catalogue(db)
    response = client.get("/tra-cuu", query_string={"ma": "000.00.12.H62-260302-0999"})
    assert "Không tìm thấy hồ sơ" in response.get_data(as_text=True)
