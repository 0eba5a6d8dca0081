"""Every route that shows an applicant's personal data writes exactly one access-log entry naming who
(the signed-in account, the API key, or the citizen who passed the phone check), which dossier and
the route; a refused or failed request writes none (issue 21, Law 91/2025/QH15)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk.core.auth import hash_password
from motcua.accounts import create_user
from motcua.privacy.access import AccessEntry
from tests.factories import CODE, COMMUNE, add_dossier, seed_catalogue

PASSWORD = "mat-khau-thu"


@pytest.fixture
def dossier(db):
    seed_catalogue(db)
    create_user(db, "canbo", hash_password(PASSWORD), "officer", COMMUNE, "Trần Thị Bích")
    db.commit()
    return add_dossier(db, applicant_identifier="001099012345")


@pytest.fixture
def signed_in(client, dossier, auth):
    auth("canbo", PASSWORD)
    return client


def _entries(db) -> list[AccessEntry]:
    db.expire_all()
    return list(db.scalars(select(AccessEntry).order_by(AccessEntry.id)))


def test_the_receipt_writes_one_entry_naming_the_officer(signed_in, db, dossier):
    response = signed_in.get(f"/ho-so/{CODE}/bien-nhan")
    assert response.status_code == 200 and "001099012345" in response.get_data(as_text=True)
    [entry] = _entries(db)
    assert (entry.actor_kind, entry.actor, entry.dossier_id) == ("user", "canbo", dossier.id)
    assert entry.user_id is not None and "receipt" in entry.route


def test_the_receipt_pdf_writes_one_entry_once_produced(app, signed_in, db, dossier):
    app.config["CHROMIUM_PATH"] = "/nonexistent/chromium"
    assert signed_in.get(f"/ho-so/{CODE}/bien-nhan.pdf").status_code == 503
    assert _entries(db) == []


def test_a_refused_receipt_writes_nothing(client, db, dossier):
    assert client.get(f"/ho-so/{CODE}/bien-nhan").status_code == 302
    assert client.get("/ho-so/000.00.12.H62-260302-0099/bien-nhan").status_code == 302
    assert _entries(db) == []


def test_a_successful_phone_check_writes_one_entry_for_the_citizen(app, client, db, dossier):
    app.config["DOSSIER_VERIFY_SECONDS"] = 0
    assert client.post(f"/api/v1/dossiers/{CODE}/verify", json={"phone_last4": "0000"}).status_code == 404
    assert _entries(db) == []
    response = client.post(f"/api/v1/dossiers/{CODE}/verify", json={"phone_last4": "5678"})
    assert response.status_code == 200
    [entry] = _entries(db)
    assert (entry.actor_kind, entry.dossier_id) == ("citizen", dossier.id) and "verify" in entry.route


def test_access_log_command_lists_the_views_of_the_receipt(signed_in, runner, db, dossier):
    signed_in.get(f"/ho-so/{CODE}/bien-nhan")
    result = runner.invoke(args=["access-log", "--dossier", CODE])
    assert result.exit_code == 0, result.output
    assert "user:canbo" in result.output and "receipt" in result.output


def test_a_produced_receipt_pdf_writes_one_entry(signed_in, db, dossier, chromium_path):
    response = signed_in.get(f"/ho-so/{CODE}/bien-nhan.pdf")
    assert response.status_code == 200
    [entry] = _entries(db)
    assert (entry.actor, entry.dossier_id) == ("canbo", dossier.id) and "receipt_pdf" in entry.route


@pytest.fixture
def manager(client, dossier, db, auth):
    create_user(db, "quanly", hash_password(PASSWORD), "manager", COMMUNE, "Lê Văn Quản")
    db.commit()
    auth("quanly", PASSWORD)
    return client


def test_the_access_log_page_shows_who_viewed_the_dossier(app, manager, db, dossier):
    app.config["DOSSIER_VERIFY_SECONDS"] = 0
    app.test_client().post(f"/api/v1/dossiers/{CODE}/verify", json={"phone_last4": "5678"})  # a citizen
    html = manager.get("/quan-ly/nhat-ky-truy-cap", query_string={"ma": CODE.lower()}).get_data(as_text=True)
    assert "Người dân (đã xác minh): phone_check" in html and "api.dossier_verify" in html


@pytest.mark.parametrize(
    ("code", "message"), [("'; DROP TABLE x", "không phải mã hồ sơ"), ("000.00.12.H62-260302-0099", "Không tìm thấy")]
)
def test_the_access_log_page_refuses_a_bad_code_in_vietnamese(manager, code, message):
    response = manager.get("/quan-ly/nhat-ky-truy-cap", query_string={"ma": code})
    assert response.status_code == 422 and message in response.get_data(as_text=True)


def test_the_access_log_page_is_for_managers(signed_in):
    assert signed_in.get("/quan-ly/nhat-ky-truy-cap").status_code == 403
