import pytest
from flask import Blueprint, jsonify

from kiosk.auth import api_access_required, hash_password, login_required
from motcua.accounts import create_user
from motcua.apikeys import create_api_key, revoke_api_key
from motcua.units import save_unit


@pytest.fixture
def staff(db):
    save_unit(db, "T1", "Trung tâm tỉnh", "tinh")
    create_user(db, "quanly", hash_password("mat-khau-dai"), "manager", "T1", "Lãnh đạo")
    create_user(db, "canbo", hash_password("mat-khau-dai"), "officer", "T1", "Cán bộ")
    db.commit()


@pytest.fixture
def guarded_app(app):
    bp = Blueprint("guarded", __name__)

    @bp.get("/manager-only")
    @login_required("manager")
    def manager_only():
        return "ok"

    @bp.get("/api/v1/secret")
    @api_access_required("manager")
    def secret():
        return jsonify(ok=True)

    app.register_blueprint(bp)
    return app


def login(client, username, password="mat-khau-dai"):
    return client.post("/auth/login", data={"username": username, "password": password})


def test_password_hash_is_memory_hard_scrypt():
    assert hash_password("x" * 10).startswith("scrypt:")


def test_staff_sign_in_and_reach_their_pages(guarded_app, staff):
    client = guarded_app.test_client()
    assert client.get("/manager-only").status_code == 302
    assert login(client, "QuanLy").status_code == 302
    assert client.get("/manager-only").data == b"ok"


def test_wrong_password_is_refused_with_a_vietnamese_message(client, staff):
    response = login(client, "quanly", "sai")
    assert response.status_code == 401
    assert "không đúng" in response.get_data(as_text=True)


def test_an_officer_cannot_open_a_manager_page(guarded_app, staff):
    client = guarded_app.test_client()
    login(client, "canbo")
    assert client.get("/manager-only").status_code == 403


def test_api_accepts_a_valid_key_and_refuses_a_revoked_one(guarded_app, db):
    key = create_api_key(db, "one-stop")
    db.commit()
    client = guarded_app.test_client()
    assert client.get("/api/v1/secret").status_code == 401
    assert client.get("/api/v1/secret", headers={"Authorization": f"Bearer {key}"}).json == {"ok": True}
    revoke_api_key(db, "one-stop")
    db.commit()
    response = client.get("/api/v1/secret", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 401 and "thu hồi" in response.json["message"]


def test_forms_without_csrf_token_are_refused(app, staff):
    app.config["WTF_CSRF_ENABLED"] = True
    response = app.test_client().post("/auth/login", data={"username": "quanly", "password": "mat-khau-dai"})
    assert response.status_code == 400
