"""Citizens' data requests through the API: filed only after the phone check, answered with a reference
and deadline, looked up by reference; a chat-history deletion only from the assistant, which names the
conversation; hostile input gets a 4xx with a Vietnamese message."""

from __future__ import annotations

import pytest

from motcua.apikeys import create_api_key
from tests.factories import CODE, COMMUNE, add_dossier, seed_catalogue

URL = f"/api/v1/dossiers/{CODE}/data-requests"


@pytest.fixture
def dossier(app, db):
    app.config["DOSSIER_VERIFY_SECONDS"] = 0
    seed_catalogue(db)
    return add_dossier(db)


def test_a_request_after_the_phone_check_gets_a_reference_then_its_status(client, dossier):
    response = client.post(URL, json={"phone_last4": "5678", "kind": "sua", "detail": "Địa chỉ là số 7"})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["reference"].startswith("YC-") and "Hạn trả lời" in body["message"]
    status = client.get(f"/api/v1/data-requests/{body['reference']}")
    assert status.status_code == 200
    assert status.get_json()["status_label"] == "Mới tiếp nhận" and "số 7" not in status.get_data(as_text=True)


def test_a_wrong_phone_check_files_nothing(client, dossier, db):
    response = client.post(URL, json={"phone_last4": "0000", "kind": "xem"})
    assert response.status_code == 404 and "4 số cuối" in response.get_json()["message"]
    from motcua.privacy.requests import DataRequest

    assert db.query(DataRequest).count() == 0


def test_chat_deletion_needs_the_assistant_and_its_conversation(client, dossier, db):
    refused = client.post(URL, json={"phone_last4": "5678", "kind": "xoa_tro_chuyen"})
    assert refused.status_code == 422 and "trò chuyện" in refused.get_json()["message"]
    key = create_api_key(db, "tro-ly", COMMUNE, "assistant")
    db.commit()
    headers = {"Authorization": f"Bearer {key}", "X-Motcua-Conversation": "web-an-123"}
    accepted = client.post(URL, json={"phone_last4": "5678", "kind": "xoa_tro_chuyen"}, headers=headers)
    assert accepted.status_code == 201, accepted.get_json()
    from motcua.privacy.requests import DataRequest

    assert db.query(DataRequest).one().conversation_id == "web-an-123"


@pytest.mark.parametrize(
    "body",
    [
        {"phone_last4": "5678", "kind": "xoa_het"},
        {"phone_last4": "5678", "kind": "sua"},
        {"phone_last4": "5678", "kind": "sua", "detail": "x" * 5000},
        {"phone_last4": "5678", "kind": ["xem"]},
        {"phone_last4": "5678", "kind": "sua", "detail": "a\x00b"},
        {"phone_last4": "56a8", "kind": "xem"},
        {"kind": "xem"},
    ],
)
def test_hostile_requests_are_refused_in_vietnamese(client, dossier, body):
    response = client.post(URL, json=body)
    assert 400 <= response.status_code < 500
    message = response.get_json()["message"]
    assert any(ord(ch) > 127 for ch in message), message  # Vietnamese, with its diacritics


def test_an_unknown_reference_is_a_404_in_vietnamese(client, db):
    response = client.get("/api/v1/data-requests/YC-KHONG%00CO")
    assert response.status_code in (400, 404)
    assert client.get("/api/v1/data-requests/YC-KHONGCO").get_json()["message"] == "Không tìm thấy yêu cầu có mã này."
