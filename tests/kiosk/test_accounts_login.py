"""Signing in: where staff land, what they see in the navigation, and the failed-login throttle."""

import re
import secrets
import time

import pytest
from sqlalchemy import select

from kiosk.core.auth import hash_password
from motcua.accounts import create_user
from motcua.dossiers import ratelimit
from motcua.dossiers.ratelimit import RateLimitWindow
from motcua.units import save_unit
from server import create_app

PASSWORD = "mat-khau-dai"
UNIT = "000.00.00.H62"  # the app's default unit: an administrator without a unit lands on it


@pytest.fixture
def staff(db):
    save_unit(db, UNIT, "Trung tâm tỉnh", "tinh")
    create_user(db, "admin", hash_password(PASSWORD), "admin", None, "Quản trị")
    create_user(db, "quanly", hash_password(PASSWORD), "manager", UNIT, "Nguyễn Thị Lan")
    create_user(db, "canbo", hash_password(PASSWORD), "officer", UNIT, "Trần Văn Minh")
    db.commit()


def links(page: str) -> set[str]:
    return set(re.findall(r'data-endpoint="([^"]+)"', page))


def test_staff_land_on_the_staff_home_after_signing_in(client, staff, auth):
    response = auth("canbo", client=client)
    assert response.status_code == 302 and response.location == "/quan-ly/"
    assert "Xin chào, Trần Văn Minh" in client.get("/quan-ly/").get_data(as_text=True)


def test_signing_in_returns_to_the_page_asked_for_but_never_off_site(client, staff, auth):
    assert auth("quanly", query="?next=/quan-ly/bao-cao", client=client).location == "/quan-ly/bao-cao"
    assert auth("quanly", query="?next=//evil.example/x", client=client).location == "/quan-ly/"
    assert auth("quanly", query="?next=https://evil.example/", client=client).location == "/quan-ly/"


def test_an_officer_home_links_to_the_counter_but_not_to_manager_pages(client, staff, auth):
    auth("canbo", client=client)
    found = links(client.get("/quan-ly/").get_data(as_text=True))
    assert {"dossiers.counter_intake", "dossiers.lookup", "accounts.change_password"} <= found
    assert not found & {"reports.dashboard", "rating_manager.live", "accounts.index"}


def test_a_manager_home_links_to_reports_ratings_counters_officers_and_accounts(client, staff, auth):
    auth("quanly", client=client)
    found = links(client.get("/quan-ly/").get_data(as_text=True))
    assert {
        "dossiers.counter_intake",
        "reports.dashboard",
        "rating_manager.live",
        "rating_manager.counters",
        "rating_manager.officers",
        "accounts.index",
    } <= found


def test_an_administrator_without_a_unit_is_not_offered_counter_intake(client, staff, auth):
    auth("admin", client=client)
    found = links(client.get("/quan-ly/").get_data(as_text=True))
    assert "accounts.index" in found and "dossiers.counter_intake" not in found


def test_every_link_on_a_staff_home_opens(client, staff, auth):
    for username in ("canbo", "quanly", "admin"):
        auth(username, client=client)
        page = client.get("/quan-ly/").get_data(as_text=True)
        for href in re.findall(r'<a class="card" href="([^"]+)"', page):
            assert client.get(href).status_code == 200, (username, href)


def test_the_staff_home_needs_a_sign_in(client, staff):
    response = client.get("/quan-ly/")
    assert response.status_code == 302 and "/auth/login" in response.location


def test_the_navigation_shows_citizen_links_to_all_and_staff_links_by_role(client, staff, auth):
    page = client.get("/").get_data(as_text=True)
    assert 'href="/thu-tuc"' in page and 'href="/tra-cuu"' in page
    assert "staff-nav" not in page
    auth("canbo", client=client)
    nav = re.search(r'<nav class="staff-nav.*?</nav>', client.get("/").get_data(as_text=True), re.S).group(0)
    assert 'href="/quay/tiep-nhan"' in nav and 'href="/quan-ly/bao-cao"' not in nav
    auth("quanly", client=client)
    nav = re.search(r'<nav class="staff-nav.*?</nav>', client.get("/").get_data(as_text=True), re.S).group(0)
    assert all(
        href in nav for href in ('"/quan-ly/"', '"/quan-ly/bao-cao"', '"/quan-ly/danh-gia"', '"/quan-ly/tai-khoan"')
    )


def test_user_names_sign_in_in_any_case(client, staff, auth):
    assert auth(" QuanLy ", client=client).status_code == 302


def test_repeated_failures_for_one_user_name_are_throttled_even_with_the_right_password(client, staff, auth):
    for _ in range(5):
        assert auth("canbo", "sai-mat-khau", client=client).status_code == 401
    response = auth("CanBo", PASSWORD, client=client)
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.get_data(as_text=True)
    assert 0 < int(response.headers["Retry-After"]) <= 900
    assert client.get("/quan-ly/").status_code == 302
    assert auth("quanly", client=client).status_code == 302


def test_repeated_failures_from_one_address_are_throttled_across_user_names(app, client, staff, auth):
    app.config["LOGIN_CLIENT_LIMIT"] = (3, 900)
    for name in ("a1", "a2", "a3"):
        assert auth(name, "sai", address="10.0.0.7", client=client).status_code == 401
    assert auth("quanly", address="10.0.0.7", client=client).status_code == 429
    assert auth("quanly", address="10.0.0.8", client=client).status_code == 302


def test_the_failure_counts_live_in_the_database_shared_by_every_worker(app, db, staff, auth):
    auth("canbo", "sai", client=app.test_client())
    keys = set(db.scalars(select(RateLimitWindow.key)))
    assert keys == {
        "LOGIN_ACCOUNT_CLIENT_LIMIT:canbo|127.0.0.1",
        "LOGIN_CLIENT_LIMIT:127.0.0.1",
        "LOGIN_ACCOUNT_LIMIT:canbo",
    }
    # A second app (another worker process) sees the same count.
    worker = create_app(dict(app.config))
    worker.config["LOGIN_ACCOUNT_CLIENT_LIMIT"] = (1, 900)
    response = auth("canbo", client=worker.test_client())
    assert response.status_code == 429


def test_signing_in_is_possible_again_in_the_next_window(client, staff, monkeypatch, auth):
    for _ in range(5):
        auth("canbo", "sai", client=client)
    assert auth("canbo", client=client).status_code == 429
    later = ratelimit.time.time() + 901
    monkeypatch.setattr(ratelimit.time, "time", lambda: later)
    assert auth("canbo", client=client).status_code == 302


def test_a_wrong_old_password_counts_as_a_failed_sign_in(app, client, staff, auth):
    app.config["LOGIN_ACCOUNT_CLIENT_LIMIT"] = (2, 900)
    auth("canbo", client=client)
    data = {"old_password": "sai", "password": "mat-khau-moi", "password_confirm": "mat-khau-moi"}
    assert client.post("/quan-ly/mat-khau", data=data).status_code == 422
    assert client.post("/quan-ly/mat-khau", data=data).status_code == 422
    response = client.post("/quan-ly/mat-khau", data=dict(data, old_password=PASSWORD))
    assert response.status_code == 429 and "quá nhiều lần" in response.get_data(as_text=True)


def test_with_redis_configured_the_failures_are_counted_in_redis(app, client, staff, auth):
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    app.config["REDIS_URL"] = url
    app.config["LOGIN_ACCOUNT_CLIENT_LIMIT"] = (2, 900)
    name = f"khong-ton-tai-{secrets.token_hex(4)}"
    assert auth(name, "sai", client=client).status_code == 401
    assert auth(name, "sai", client=client).status_code == 401
    assert auth(name, "sai", client=client).status_code == 429
    window = int(time.time()) // 900
    # Every attempt is counted before its password is checked, the refused third one too.
    counted = redis.Redis.from_url(url).get(f"motcua:rl:LOGIN_ACCOUNT_CLIENT_LIMIT:{name}|127.0.0.1:{window}")
    assert int(counted) == 3
