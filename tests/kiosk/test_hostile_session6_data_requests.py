"""Hostile probes of citizens' data requests (POST /api/v1/dossiers/<code>/data-requests, GET
/api/v1/data-requests/<reference>, the staff queue /quan-ly/yeu-cau-du-lieu) and of the access log
page: no request without the phone check, no status beyond the reference's own, floods limited, text
stored as text (no script on the staff page), hostile JSON a Vietnamese 4xx; a sibling commune's staff
see and close none of another commune's requests, and the access log counts each view once."""

from __future__ import annotations

import json
import logging

import pytest
from sqlalchemy import func, select

from kiosk.core.auth import hash_password
from kiosk.core.json_logs import JsonFormatter
from motcua.accounts import create_user
from motcua.privacy.access import AccessEntry
from motcua.privacy.requests import DataRequest
from motcua.staff import save_officer
from motcua.units import save_unit
from server import create_app
from tests.factories import CODE, COMMUNE, add_dossier, seed_catalogue

URL = f"/api/v1/dossiers/{CODE}/data-requests"
SIBLING = "000.00.13.H62"
SIBLING_CODE = "000.00.13.H62-260302-0001"
PASSWORD = "mat-khau-thu"
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'><svg onload=alert(2)>'


@pytest.fixture
def dossiers(app, db):
    app.config["DOSSIER_VERIFY_SECONDS"] = 0
    seed_catalogue(db)
    save_unit(db, SIBLING, "Bộ phận Một cửa UBND xã Đông Sơn", "xa", "000.00.00.H62")
    save_officer(db, SIBLING, "CB01", "Phạm Văn Cường")
    add_dossier(db, applicant_identifier="001099012345")
    add_dossier(db, SIBLING_CODE, applicant_phone="0977000013", applicant_name="Lê Thị Sáu")
    for username, role, unit in (
        ("canbo12", "officer", COMMUNE),
        ("canbo13", "officer", SIBLING),
        ("lanhdao13", "manager", SIBLING),
        ("lanhdao12", "manager", COMMUNE),
    ):
        create_user(db, username, hash_password(PASSWORD), role, unit, f"Cán bộ {username}")
    db.commit()


def entries(db) -> list[AccessEntry]:
    db.expire_all()
    return list(db.scalars(select(AccessEntry).order_by(AccessEntry.id)))


def requests_count(db) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(DataRequest))


def file(client, code: str = CODE, last4: str = "5678", **body):
    return client.post(f"/api/v1/dossiers/{code}/data-requests", json={"phone_last4": last4, "kind": "xem", **body})


@pytest.mark.parametrize(
    ("code", "last4"),
    [(CODE, "0000"), (CODE, "0013"), (SIBLING_CODE, "5678"), ("000.00.12.H62-260302-9999", "5678")],
)
def test_no_request_without_passing_the_phone_check_of_that_dossier(client, db, dossiers, code, last4):
    answer = file(client, code, last4)
    assert answer.status_code == 404 and "4 số cuối" in answer.json["message"]
    assert requests_count(db) == 0 and entries(db) == []


def test_the_status_by_reference_shows_nothing_personal_and_guessing_is_limited(app, client, db, dossiers):
    filed = file(client, kind="sua", detail="Số điện thoại mới 0988777666, CCCD 001099012345")
    assert filed.status_code == 201
    text = client.get(f"/api/v1/data-requests/{filed.json['reference'].lower()}").get_data(as_text=True)
    for personal in ("0988777666", "001099012345", "0912345678", "Nguyễn Văn An", CODE, "Hòa Bình"):
        assert personal not in text
    app.config["DOSSIER_LOOKUP_LIMIT"] = (5, 60)
    guesses = [client.get(f"/api/v1/data-requests/YC-{n:010d}").status_code for n in range(8)]
    assert 429 in guesses and guesses.count(404) <= 5


def test_a_flood_of_requests_is_cut_by_the_phone_check_limits(app, client, db, dossiers):
    answers = [file(client, detail=f"lần {n}").status_code for n in range(8)]
    assert answers[:5] == [201] * 5 and set(answers[5:]) == {429}
    assert requests_count(db) == 5
    assert "quá nhiều" in file(client).json["message"]


def test_the_assistant_cannot_be_used_to_dodge_the_limit_with_a_new_conversation_each_time(
    app, client, db, dossiers, key_headers
):
    key = key_headers(COMMUNE, "assistant")
    answers = [
        client.post(
            URL, json={"phone_last4": f"{n:04d}", "kind": "xem"}, headers={**key, "X-Motcua-Conversation": f"c{n}"}
        ).status_code
        for n in range(8)
    ]
    assert answers[:5] == [404] * 5 and set(answers[5:]) == {429}  # five guesses per dossier code, whoever asks


def test_html_in_a_request_is_shown_as_text_on_the_staff_queue(client, db, dossiers, auth):
    assert file(client, kind="sua", detail=XSS).status_code == 201
    auth("canbo12", PASSWORD, client=client)
    html = client.get("/quan-ly/yeu-cau-du-lieu").get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html and "<svg onload" not in html
    assert "&lt;script&gt;alert(" in html


@pytest.mark.parametrize(
    "detail",
    ["a\x00b", "a\x1b[31mb", "a\x07b", "a\x7fb", "a\x85b", "x" * 2001],
)
def test_control_characters_and_oversized_text_are_refused_in_vietnamese(client, db, dossiers, detail):
    answer = file(client, kind="sua", detail=detail)
    assert answer.status_code in (400, 422) and any(ord(ch) > 127 for ch in answer.json["message"])
    assert requests_count(db) == 0


@pytest.mark.parametrize(
    "raw",
    [
        "[]",
        '["phone_last4", "5678"]',
        '"5678"',
        "5678",
        "null",
        '{"phone_last4": ["5678"], "kind": "xem"}',
        '{"phone_last4": {"v": "5678"}, "kind": "xem"}',
        '{"phone_last4": true, "kind": "xem"}',
        '{"phone_last4": 1e999, "kind": "xem"}',
        '{"phone_last4": -5678, "kind": "xem"}',
        '{"phone_last4": 5678.0, "kind": "xem"}',
        '{"phone_last4": ' + "9" * 5000 + ', "kind": "xem"}',
        '{"phone_last4": "5678", "kind": 10000000000000000000000000000000}',
        '{"phone_last4": "5678", "kind": "xem", "detail": ["a"]}',
        '{"phone_last4": "5678", "kind": "xem", "detail": {"a": 1}}',
        '{"phone_last4": "5678", "kind": null}',
        '{"phone_last4": "\uff15\uff16\uff17\uff18", "kind": "xem"}',
        '{"phone_last4": "\u0665\u0666\u0667\u0668", "kind": "xem"}',
        "[" * 50_000 + "]" * 50_000,
        '{"phone_last4": "5678", "kind": "xem"',
    ],
)
def test_hostile_json_is_a_vietnamese_4xx_and_files_nothing(client, db, dossiers, raw):
    answer = client.post(URL, data=raw, content_type="application/json")
    assert 400 <= answer.status_code < 500, answer.get_data(as_text=True)[:300]
    assert any(ord(ch) > 127 for ch in answer.json["message"]), answer.json
    assert requests_count(db) == 0


@pytest.mark.parametrize(
    "code", ["x" * 5000, "0912345678", "%00", "..%2F..%2Fetc%2Fpasswd", "<script>", "000.00.12.H62-260302-0001%0a"]
)
def test_hostile_codes_in_the_path_are_a_4xx(client, db, dossiers, code):
    answer = client.post(f"/api/v1/dossiers/{code}/data-requests", json={"phone_last4": "5678", "kind": "xem"})
    assert 400 <= answer.status_code < 500
    status = client.get(f"/api/v1/data-requests/{code}")
    assert 400 <= status.status_code < 500


def test_a_sibling_communes_staff_neither_see_nor_close_nor_log_another_communes_requests(client, db, dossiers, auth):
    reference = file(client, kind="xoa_y_kien").json["reference"]
    for username in ("canbo13", "lanhdao13"):
        auth(username, PASSWORD, client=client)
        html = client.get("/quan-ly/yeu-cau-du-lieu").get_data(as_text=True)
        assert reference not in html and CODE not in html and "Nguyễn Văn An" not in html
        closed = client.post(f"/quan-ly/yeu-cau-du-lieu/{reference}", data={"status": "da_xong"})
        assert closed.status_code == 404
        refused = client.post(f"/quan-ly/yeu-cau-du-lieu/{reference}", data={"status": "tu_choi", "answer": "không"})
        assert refused.status_code == 404
        client.get("/auth/logout")
        client.post("/auth/logout")
    db.expire_all()
    assert db.scalar(select(DataRequest)).status == "moi"
    assert entries(db) == []


def test_a_sibling_manager_reads_no_access_log_of_another_communes_dossier(client, db, dossiers, auth):
    auth("canbo12", PASSWORD, client=client)
    assert client.get(f"/ho-so/{CODE}/bien-nhan").status_code == 200
    client.post("/auth/logout")
    client.get("/auth/logout")
    auth("lanhdao13", PASSWORD, client=client)
    page = client.get(f"/quan-ly/nhat-ky-truy-cap?ma={CODE}")
    assert page.status_code == 404 and "canbo12" not in page.get_data(as_text=True)
    assert len(entries(db)) == 1  # the receipt; the refused look wrote nothing


def test_the_queue_writes_one_entry_per_dossier_shown_and_none_for_another_communes_dossier(client, db, dossiers, auth):
    file(client, kind="xoa_y_kien")
    file(client, kind="sua", detail="Tên đúng là Nguyễn Văn Ân")
    file(client, SIBLING_CODE, "0013")
    auth("canbo12", PASSWORD, client=client)
    assert client.get("/quan-ly/yeu-cau-du-lieu").status_code == 200
    logged = entries(db)
    assert [(e.actor, e.route) for e in logged] == [("canbo12", "staff.data_requests")]
    db.expire_all()
    assert logged[0].dossier_id == db.scalar(select(DataRequest.dossier_id).where(DataRequest.kind == "sua"))


def test_filing_and_looking_up_a_request_shows_no_personal_data_and_logs_nothing(client, db, dossiers):
    reference = file(client).json["reference"]
    client.get(f"/api/v1/data-requests/{reference}")
    file(client, last4="0000")
    assert entries(db) == []


def test_the_json_log_keeps_no_phone_id_number_or_name_of_a_data_request(engine, database_url, db, caplog):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "k",
            "DATABASE_URL": database_url,
            "DATABASE_ENGINE": engine,
            "LOG_FORMAT": "json",
            "DOSSIER_VERIFY_SECONDS": 0,
        }
    )
    seed_catalogue(db)
    add_dossier(db, applicant_identifier="001099012345")
    client = app.test_client()
    detail = "Sửa số điện thoại thành 0988.777.666, CCCD 001099012345, email an.nguyen@example.com"
    with caplog.at_level(logging.DEBUG):
        client.post(URL, json={"phone_last4": "5678", "kind": "sua", "detail": detail})
        client.post(URL, json={"phone_last4": "5678", "kind": "sua", "detail": detail + "\x00"})
        client.post("/api/v1/dossiers/0988777666/data-requests", json={"phone_last4": "5678", "kind": "xem"})
        client.post("/api/v1/dossiers/001099012345/data-requests", json={"phone_last4": "5678", "kind": "xem"})
    with app.test_request_context():
        lines = [JsonFormatter().format(record) for record in caplog.records]
    assert lines, "no log line was written"
    text = "\n".join(lines)
    for personal in ("0988777666", "0988.777.666", "001099012345", "an.nguyen@example.com", "260302-0001"):
        assert personal not in text, personal
    for line in lines:
        json.loads(line)
