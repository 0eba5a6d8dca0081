"""A data request's answer (for 'see my data' it may be the personal data itself) is never shown to whoever
holds the reference alone: the public status gives state, dates, deadline and kind; the answer only to
someone who passes the phone check for that request's dossier (POST /api/v1/data-requests/<reference>
with the last four digits)."""

from __future__ import annotations

import pytest

from motcua.clock import now_local
from motcua.privacy.requests import DataRequest, resolve
from tests.factories import CODE, add_dossier, seed_catalogue

FILE_URL = f"/api/v1/dossiers/{CODE}/data-requests"
OTHER_CODE = "000.00.12.H62-260302-0002"
ANSWER = "Họ tên: Nguyễn Văn An; CCCD 001099012345; địa chỉ số 7 Lê Lợi"


@pytest.fixture
def answered(app, client, db):
    app.config["DOSSIER_VERIFY_SECONDS"] = 0
    seed_catalogue(db)
    add_dossier(db)
    add_dossier(db, OTHER_CODE, applicant_phone="0977000013")
    db.commit()
    filed = client.post(FILE_URL, json={"phone_last4": "5678", "kind": "xem"})
    assert filed.status_code == 201, filed.get_json()
    reference = filed.get_json()["reference"]
    request = db.query(DataRequest).filter_by(reference=reference).one()
    resolve(db, request, "da_xong", "canbo12", now_local(), answer=ANSWER)
    return reference


def test_the_public_status_never_carries_the_answer(client, answered):
    response = client.get(f"/api/v1/data-requests/{answered}")

    assert response.status_code == 200
    body = response.get_json()
    assert body["status_label"] == "Đã xử lý" and body["kind"] == "xem" and body["due_at"]
    assert "answer" not in body
    assert "Nguyễn Văn An" not in response.get_data(as_text=True)
    assert "001099012345" not in response.get_data(as_text=True)


def test_the_answer_is_given_after_the_phone_check_of_that_dossier(client, answered):
    response = client.post(f"/api/v1/data-requests/{answered}", json={"phone_last4": "5678"})

    assert response.status_code == 200, response.get_json()
    assert response.get_json()["answer"] == ANSWER
    assert response.get_json()["reference"] == answered


@pytest.mark.parametrize("last4", ["0000", "0013"])  # a wrong number, the other dossier's number
def test_a_wrong_phone_check_gives_no_answer(client, answered, last4):
    response = client.post(f"/api/v1/data-requests/{answered}", json={"phone_last4": last4})

    assert response.status_code == 404
    assert "4 số cuối" in response.get_json()["message"]
    assert "Nguyễn Văn An" not in response.get_data(as_text=True)


def test_guessing_the_digits_for_an_answer_is_limited(client, answered):
    codes = [
        client.post(f"/api/v1/data-requests/{answered}", json={"phone_last4": f"{n:04d}"}).status_code for n in range(8)
    ]

    assert codes[:5] == [404] * 5 and set(codes[5:]) == {429}
    # Even the right digits wait now: guessing cannot go on.
    assert client.post(f"/api/v1/data-requests/{answered}", json={"phone_last4": "5678"}).status_code == 429


@pytest.mark.parametrize(
    "body",
    [{}, {"phone_last4": "56a8"}, {"phone_last4": ["5678"]}, {"phone_last4": "5678\x00"}, {"phone_last4": "5" * 5000}],
)
def test_hostile_answer_requests_are_a_vietnamese_4xx(client, answered, body):
    response = client.post(f"/api/v1/data-requests/{answered}", json=body)

    assert 400 <= response.status_code < 500
    assert any(ord(ch) > 127 for ch in response.get_json()["message"])


def test_an_unknown_reference_gives_no_answer(client, answered):
    response = client.post("/api/v1/data-requests/YC-KHONGCO234", json={"phone_last4": "5678"})

    assert response.status_code == 404
    assert any(ord(ch) > 127 for ch in response.get_json()["message"])
