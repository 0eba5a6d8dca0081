"""Signing in and out, how long a staff session lives, where sign-in may send the browser, and what an
API key opens."""

import time

import pytest
from flask import Blueprint, jsonify
from sqlalchemy import select

from kiosk.core.auth import api_access_required, hash_password, login_required
from motcua.accounts import create_user, get_user, set_active, set_password
from motcua.apikeys import ApiKey, create_api_key, revoke_api_key
from motcua.units import save_unit
from server import create_app

PASSWORD = "mat-khau-dai"


@pytest.fixture
def staff(db):
    save_unit(db, "T1", "Trung tâm tỉnh", "tinh")
    create_user(db, "quanly", hash_password(PASSWORD), "manager", "T1", "Lãnh đạo")
    create_user(db, "canbo", hash_password(PASSWORD), "officer", "T1", "Cán bộ")
    db.commit()


@pytest.fixture
def guarded_app(app):
    bp = Blueprint("guarded", __name__)

    @bp.get("/manager-only")
    @login_required("manager")
    def manager_only():
        return "ok"

    @bp.route("/api/v1/secret", methods=("GET", "POST"))
    @api_access_required("reports", "manager")
    def secret():
        return jsonify(ok=True)

    app.register_blueprint(bp)
    return app


def test_password_hash_is_memory_hard_scrypt():
    assert hash_password("x" * 10).startswith("scrypt:")


def test_staff_sign_in_and_reach_their_pages(guarded_app, staff, auth):
    client = guarded_app.test_client()
    assert client.get("/manager-only").status_code == 302
    assert auth("QuanLy", client=client).status_code == 302
    assert client.get("/manager-only").data == b"ok"


def test_wrong_password_is_refused_with_a_vietnamese_message(client, staff, auth):
    response = auth("quanly", "sai", client=client)
    assert response.status_code == 401
    assert "không đúng" in response.get_data(as_text=True)


def test_an_officer_cannot_open_a_manager_page(guarded_app, staff, auth):
    client = guarded_app.test_client()
    auth("canbo", client=client)
    assert client.get("/manager-only").status_code == 403


def test_forms_without_csrf_token_are_refused(app, staff):
    app.config["WTF_CSRF_ENABLED"] = True
    response = app.test_client().post("/auth/login", data={"username": "quanly", "password": PASSWORD})
    assert response.status_code == 400


# --- Where sign-in sends the browser (finding 5) ---


@pytest.mark.parametrize(
    "target",
    [
        "/%09/evil.example",
        "/%0d%0a/evil.example",
        "//evil.example",
        "///evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "/%5Cevil.example",
        "https://evil.example/",
        "HTTPS:%2F%2Fevil.example",
        "javascript:alert(1)",
        "%09javascript:alert(1)",
        "evil.example",
        "/%E2%80%8B/evil.example",
    ],
)
def test_sign_in_never_sends_the_browser_off_site(client, staff, target, auth):
    response = auth("quanly", query=f"?next={target}", client=client)
    assert response.status_code == 302
    assert response.location == "/quan-ly/"


def test_sign_in_returns_to_the_page_asked_for_on_this_site(client, staff, auth):
    assert (
        auth("quanly", query="?next=/quan-ly/bao-cao%3Funit%3DT1", client=client).location == "/quan-ly/bao-cao?unit=T1"
    )


# --- How long a session lives (finding 6) ---


def test_a_saved_cookie_no_longer_opens_the_dashboard_after_sign_out(app, staff, auth):
    browser = app.test_client()
    auth("quanly", client=browser)
    saved = browser.get_cookie("session").value
    browser.post("/auth/logout")
    thief = app.test_client()
    thief.set_cookie("session", saved)
    response = thief.get("/quan-ly/")
    assert response.status_code == 302 and "/auth/login" in response.location


def test_a_new_password_or_deactivation_ends_open_sessions(app, staff, db, auth):
    first, second = app.test_client(), app.test_client()
    auth("canbo", client=first)
    auth("quanly", client=second)
    set_password(db, None, get_user(db, "canbo"), hash_password("mat-khau-moi-dai"))
    set_active(db, None, get_user(db, "quanly"), False)
    db.commit()
    assert first.get("/quan-ly/").status_code == 302
    assert second.get("/quan-ly/").status_code == 302


@pytest.mark.parametrize(
    "age,idle,opens",
    [(60, 60, True), (60, 31 * 60, False), (8 * 3600 + 1, 60, False), (7 * 3600, 29 * 60, True)],
)
def test_a_session_ends_after_30_idle_minutes_or_8_hours(app, staff, age, idle, opens, auth):
    client = app.test_client()
    auth("quanly", client=client)
    now = int(time.time())
    with client.session_transaction() as session:
        session["since"], session["seen"] = now - age, now - idle
    response = client.get("/quan-ly/")
    assert (response.status_code == 200) is opens


def test_an_active_session_stays_open_and_cookies_expire_with_it(app, staff, auth):
    client = app.test_client()
    auth("quanly", client=client)
    assert client.get("/quan-ly/").status_code == 200
    assert app.permanent_session_lifetime.total_seconds() == 8 * 3600


def test_the_session_cookie_is_secure_when_the_site_is_https(engine, database_url, staff, auth):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "DATABASE_URL": database_url,
            "DATABASE_ENGINE": engine,
            "WTF_CSRF_ENABLED": False,
            "PUBLIC_BASE_URL": "https://motcua.example.gov.vn",
        }
    )
    response = auth("quanly", client=app.test_client())
    assert "Secure" in response.headers["Set-Cookie"] and "HttpOnly" in response.headers["Set-Cookie"]


def test_an_account_with_a_temporary_password_must_change_it_first(client, staff, db, auth):
    user = get_user(db, "quanly")
    set_password(db, None, user, hash_password("tam-thoi-123"), temporary=True)
    db.commit()
    response = auth("quanly", "tam-thoi-123", query="?next=/quan-ly/bao-cao", client=client)
    assert response.location == "/quan-ly/mat-khau"
    assert client.get("/quan-ly/bao-cao").location == "/quan-ly/mat-khau"
    assert client.get("/quan-ly/mat-khau").status_code == 200
    changed = client.post(
        "/quan-ly/mat-khau",
        data={"old_password": "tam-thoi-123", "password": "mat-khau-cua-toi", "password_confirm": "mat-khau-cua-toi"},
    )
    assert changed.status_code == 302
    assert client.get("/quan-ly/").status_code == 200
    db.expire_all()
    assert get_user(db, "quanly").must_change_password is False


# --- What an API key opens (finding 2) ---


def test_api_accepts_a_valid_key_and_refuses_a_revoked_one(guarded_app, db, staff):
    key = create_api_key(db, "one-stop", "T1", "reports")
    db.commit()
    client = guarded_app.test_client()
    assert client.get("/api/v1/secret").status_code == 401
    assert client.get("/api/v1/secret", headers={"Authorization": f"Bearer {key}"}).json == {"ok": True}
    revoke_api_key(db, "one-stop")
    db.commit()
    response = client.get("/api/v1/secret", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 401 and "thu hồi" in response.json["message"]


def test_a_key_opens_only_the_permissions_it_was_given(guarded_app, db, staff):
    key = create_api_key(db, "intake-only", "T1", "intake")
    db.commit()
    response = guarded_app.test_client().get("/api/v1/secret", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 403 and "reports" in response.json["message"]


def test_a_key_made_before_scopes_opens_nothing_until_rescoped(guarded_app, db, staff):
    key = create_api_key(db, "cu", "T1", "reports")
    db.scalars(select(ApiKey)).one().unit_id = None  # what migration 0002 leaves on an old key
    db.commit()
    response = guarded_app.test_client().get("/api/v1/secret", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 403


def test_the_api_takes_the_session_cookie_for_reads_but_never_for_writes(guarded_app, staff, auth):
    client = guarded_app.test_client()
    auth("quanly", client=client)
    assert client.get("/api/v1/secret").status_code == 200
    response = client.post("/api/v1/secret", json={})
    assert response.status_code == 401 and "khóa API" in response.json["message"]
