import logging
import time

import pytest

from kiosk.core.auth import hash_password
from motcua.accounts import create_user
from motcua.clock import now_local
from motcua.feedback.tokens import read_rating_token
from tests.factories import CODE, COMMUNE, add_dossier, seed_catalogue

PERSONAL = ("Nguyễn Văn An", "0912345678", "Hòa Bình")


@pytest.fixture
def catalogue(db):
    seed_catalogue(db)


@pytest.fixture
def dossier(db, catalogue):
    return add_dossier(db)


@pytest.fixture
def api_key(catalogue, key_headers):
    return key_headers("000.00.00.H62", "intake")


def test_public_status_shows_procedure_state_and_dates_but_no_personal_data(client, dossier):
    response = client.get(f"/api/v1/dossiers/{CODE.lower()}")
    assert response.status_code == 200
    body = response.get_json()
    assert body["procedure_name"] == "Chứng thực bản sao từ bản chính"
    assert body["state_label"] == "Được tiếp nhận"
    assert body["due_at"].startswith("2026-03-04")
    assert body["is_late"] is True and body["timeliness"] is None
    text = response.get_data(as_text=True)
    assert not any(value in text for value in PERSONAL)


def test_unknown_code_is_a_404_with_a_vietnamese_message(client, dossier):
    response = client.get("/api/v1/dossiers/000.00.12.H62-260302-0999")
    assert response.status_code == 404
    assert "Không tìm thấy hồ sơ" in response.get_json()["message"]


def test_verify_with_the_right_last_four_digits_gives_detail_with_a_masked_phone(client, dossier):
    response = client.post(f"/api/v1/dossiers/{CODE}/verify", json={"phone_last4": "5678"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["applicant_name"] == "Nguyễn Văn An"
    assert body["applicant_phone"] == "091****678"
    assert [event["state"] for event in body["events"]] == [2]
    assert "0912345678" not in response.get_data(as_text=True)


def test_wrong_factor_and_unknown_code_give_the_same_answer_in_the_same_time(app, client, dossier):
    app.config["DOSSIER_VERIFY_SECONDS"] = 0.15

    def timed(code: str):
        started = time.monotonic()
        response = client.post(f"/api/v1/dossiers/{code}/verify", json={"phone_last4": "0000"})
        return response, time.monotonic() - started

    wrong, wrong_time = timed(CODE)
    unknown, unknown_time = timed("000.00.12.H62-260302-0999")
    assert (wrong.status_code, wrong.get_json()) == (unknown.status_code, unknown.get_json())
    assert wrong.status_code == 404
    assert wrong_time >= 0.15 and unknown_time >= 0.15
    assert abs(wrong_time - unknown_time) < 0.05


def test_verify_asks_for_exactly_four_digits(client, dossier):
    response = client.post(f"/api/v1/dossiers/{CODE}/verify", json={"phone_last4": "56a"})
    assert response.status_code == 400
    assert "4 chữ số" in response.get_json()["message"]


def test_too_many_verifications_of_one_code_get_429_even_from_different_clients(app, client, dossier):
    app.config.update(DOSSIER_VERIFY_SECONDS=0, DOSSIER_VERIFY_CODE_LIMIT=(3, 900))
    statuses = [
        client.post(
            f"/api/v1/dossiers/{CODE}/verify",
            json={"phone_last4": "1111"},
            environ_base={"REMOTE_ADDR": f"10.0.0.{n}"},
        ).status_code
        for n in range(5)
    ]
    assert statuses == [404, 404, 404, 429, 429]
    response = client.post(f"/api/v1/dossiers/{CODE}/verify", json={"phone_last4": "5678"})
    assert response.status_code == 429
    assert "quá nhiều lần" in response.get_json()["message"]


def test_too_many_lookups_from_one_client_get_429_and_the_count_lives_in_the_database(app, client, dossier):
    app.config["DOSSIER_LOOKUP_LIMIT"] = (2, 60)
    assert [client.get(f"/api/v1/dossiers/{CODE}").status_code for _ in range(3)] == [200, 200, 429]
    # A new app object (another worker) sees the same count.
    other = app.test_client()
    app.extensions.pop("motcua.rate_limiter")
    assert other.get(f"/api/v1/dossiers/{CODE}").status_code == 429


def test_verify_logs_mask_name_and_phone(app, client, dossier, caplog):
    app.config["DOSSIER_VERIFY_SECONDS"] = 0
    with caplog.at_level(logging.INFO, logger="kiosk.api.dossiers"):
        client.post(f"/api/v1/dossiers/{CODE}/verify", json={"phone_last4": "5678"})
    assert "N. V. A." in caplog.text and "091****678" in caplog.text
    assert "Nguyễn Văn An" not in caplog.text and "0912345678" not in caplog.text


def test_put_needs_an_api_key(client, dossier):
    response = client.put(f"/api/v1/dossiers/{CODE}", json={"state": 4})
    assert response.status_code == 401


def test_put_creates_then_updates_idempotently(client, db, api_key):
    record = {
        "procedure_code": "2.000815",
        "applicant_name": "Lê Thị Hoa",
        "applicant_phone": "0987654321",
        "channel": "truc_tuyen",
        "online_level": "toan_trinh",
        "received_at": "2026-03-02T08:00:00+07:00",
        "state": 4,
        "state_at": "2026-03-02T10:00:00+07:00",
    }
    first = client.put(f"/api/v1/dossiers/{CODE}", json=record, headers=api_key)
    again = client.put(f"/api/v1/dossiers/{CODE}", json=record, headers=api_key)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.get_json()["state_label"] == "Đang xử lý"
    events = client.post(f"/api/v1/dossiers/{CODE}/verify", json={"phone_last4": "4321"}).get_json()["events"]
    assert len(events) == 1


def test_put_with_bad_data_is_a_422_naming_the_field(client, dossier, api_key):
    response = client.put(f"/api/v1/dossiers/{CODE}", json={"channel": "fax"}, headers=api_key)
    assert response.status_code == 422
    assert response.get_json()["field"] == "channel"


def test_put_without_a_json_object_is_a_400(client, dossier, api_key):
    response = client.put(f"/api/v1/dossiers/{CODE}", data="state=4", headers=api_key)
    assert response.status_code == 400


def test_events_move_forward_and_a_replay_is_not_stored_twice(client, dossier, api_key):
    resolved = {"state": 9, "at": "2026-03-04T10:00:00+07:00", "note": "Đã ký"}
    processing = {"state": 4, "at": "2026-03-03T08:00:00+07:00"}
    assert client.post(f"/api/v1/dossiers/{CODE}/events", json=resolved, headers=api_key).status_code == 201
    late = client.post(f"/api/v1/dossiers/{CODE}/events", json=processing, headers=api_key)
    replay = client.post(f"/api/v1/dossiers/{CODE}/events", json=resolved, headers=api_key)
    assert late.status_code == 201 and late.get_json()["state"] == 9
    assert replay.status_code == 200 and replay.get_json()["event_created"] is False
    status = client.get(f"/api/v1/dossiers/{CODE}").get_json()
    assert (status["state"], status["timeliness"]) == (9, "dung_han")


def test_supplement_request_lists_documents_after_verification(client, dossier, api_key):
    event = {"state": 5, "at": "2026-03-03T09:00:00+07:00", "supplement": ["Bản sao sổ hộ khẩu"]}
    client.post(f"/api/v1/dossiers/{CODE}/events", json=event, headers=api_key)
    body = client.post(f"/api/v1/dossiers/{CODE}/verify", json={"phone_last4": "5678"}).get_json()
    assert body["supplement"] == ["Bản sao sổ hộ khẩu"]


def test_event_for_an_unknown_dossier_is_a_404(client, dossier, api_key):
    response = client.post("/api/v1/dossiers/000.00.12.H62-260302-0999/events", json={"state": 4}, headers=api_key)
    assert response.status_code == 404


def test_verify_answers_only_what_the_lookup_page_shows_and_the_rating_token(app, client, dossier, db):
    app.config["DOSSIER_VERIFY_SECONDS"] = 0
    dossier.applicant_email = "an.nguyen@example.vn"
    db.commit()
    response = client.post(f"/api/v1/dossiers/{CODE}/verify", json={"phone_last4": "5678"})
    body = response.get_json()
    text = response.get_data(as_text=True)
    assert "Hòa Bình" not in text and "example.vn" not in text
    assert "applicant_address" not in body and "applicant_email" not in body
    assert read_rating_token(app.config["SECRET_KEY"], body["rating_token"], now_local()) == CODE


def test_a_failed_verification_carries_no_rating_token(app, client, dossier):
    app.config["DOSSIER_VERIFY_SECONDS"] = 0
    response = client.post(f"/api/v1/dossiers/{CODE}/verify", json={"phone_last4": "0000"})
    assert response.status_code == 404 and "rating_token" not in response.get_json()


def test_a_signed_in_officer_cannot_write_through_the_json_api(client, db, dossier, auth):
    create_user(db, "canbo", hash_password("mat-khau-dai"), "officer", COMMUNE, "Cán bộ")
    db.commit()
    auth("canbo")
    changed = client.put(f"/api/v1/dossiers/{CODE}", json={"applicant_phone": "0900001111"})
    event = client.post(f"/api/v1/dossiers/{CODE}/events", json={"state": 9})
    assert (changed.status_code, event.status_code) == (401, 401)
    assert "khóa API" in changed.get_json()["message"]
    db.expire_all()
    stored = db.get(type(dossier), dossier.id)
    assert (stored.applicant_phone, stored.state) == ("0912345678", 2)
