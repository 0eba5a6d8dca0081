"""/tra-cuu?yc=<reference>: anyone holding a data request's reference sees its state, kind, dates and legal
deadline on the lookup page, never the staff's answer; hostile references get a Vietnamese message, never
a server error."""

from __future__ import annotations

import pytest

from motcua.clock import now_local
from motcua.privacy.requests import file_request, resolve
from tests.factories import add_dossier, seed_catalogue


@pytest.fixture
def answered(db):
    seed_catalogue(db)
    request = file_request(db, add_dossier(db), "xem", now_local())
    db.commit()
    resolve(db, request, "da_xong", "canbo", now_local(), answer="Họ tên: Nguyễn Văn An, CCCD 001099012345")
    return request.reference


def test_the_page_shows_the_status_and_deadline_but_not_the_answer(client, answered):
    response = client.get(f"/tra-cuu?yc={answered.lower()}")

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert answered in html and "Đã xử lý" in html and "Hạn trả lời" in html
    assert "Nguyễn Văn An" not in html and "001099012345" not in html


def test_the_english_page_names_the_kind_and_state_in_english(client, answered):
    html = client.get(f"/tra-cuu?yc={answered}&lang=en").get_data(as_text=True)

    assert "Resolved" in html and "See the personal data in the dossier" in html


@pytest.mark.parametrize(
    "reference",
    ["YC-KHONGCO234", "YC-KHONG%00CO", "%00", "x" * 5000, "<script>alert(1)</script>", "YC-%F0%9F%98%80", "1=1 --"],
)
def test_a_hostile_or_unknown_reference_is_a_vietnamese_message(client, db, reference):
    response = client.get(f"/tra-cuu?yc={reference}")

    html = response.get_data(as_text=True)
    if "%00" in reference:  # every route refuses NUL first (kiosk/core/errors.py)
        assert response.status_code == 400 and "ký tự không hợp lệ" in html
    else:
        assert response.status_code == 200 and "Không tìm thấy yêu cầu có mã này" in html
    assert "<script>alert(1)</script>" not in html
