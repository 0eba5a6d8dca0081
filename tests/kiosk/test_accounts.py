"""Account management pages: administrators manage every account, managers the officers below them."""

import re

import pytest
from sqlalchemy import func, select

from kiosk.core.auth import hash_password
from motcua.accounts import User, create_user, get_user
from motcua.units import save_unit

PASSWORD = "mat-khau-dai"


@pytest.fixture
def staff(db):
    save_unit(db, "T", "Trung tâm tỉnh", "tinh")
    save_unit(db, "T.X1", "UBND xã Một", "xa", "T")
    save_unit(db, "P", "Tỉnh khác", "tinh")
    for username, role, unit in [
        ("admin", "admin", None),
        ("quanly", "manager", "T"),
        ("quanlyxa", "manager", "T.X1"),
        ("canbo", "officer", "T.X1"),
        ("canbokhac", "officer", "P"),
    ]:
        create_user(db, username, hash_password(PASSWORD), role, unit, f"Tên {username}")
    db.commit()


@pytest.fixture
def signed_in(app, auth):
    """A new test client signed in as ``username``: ``signed_in("quanly")``."""

    def open_as(username, password=PASSWORD):
        client = app.test_client()
        response = auth(username, password, client=client)
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return open_as


def new_account(**fields):
    form = {
        "full_name": "Lê Văn Tám",
        "username": "levantam",
        "role": "officer",
        "unit": "T.X1",
        "password": "mat-khau-moi",
        "password_confirm": "mat-khau-moi",
    }
    form.update(fields)
    return form


def user_count(db):
    db.expire_all()
    return db.scalar(select(func.count()).select_from(User))


def test_a_manager_sees_only_the_officers_of_their_unit_and_below(app, staff, signed_in):
    page = signed_in("quanly").get("/quan-ly/tai-khoan").get_data(as_text=True)
    assert re.findall(r'data-username="([^"]+)"', page) == ["canbo"]


def test_an_administrator_sees_every_account(app, staff, signed_in):
    page = signed_in("admin").get("/quan-ly/tai-khoan").get_data(as_text=True)
    assert sorted(re.findall(r'data-username="([^"]+)"', page)) == [
        "admin",
        "canbo",
        "canbokhac",
        "quanly",
        "quanlyxa",
    ]


def test_an_officer_cannot_open_account_management(app, staff, signed_in):
    client = signed_in("canbo")
    assert client.get("/quan-ly/tai-khoan").status_code == 403
    assert client.post("/quan-ly/tai-khoan/moi", data=new_account()).status_code == 403


def test_a_manager_creates_an_officer_who_can_then_sign_in(app, db, staff, signed_in):
    client = signed_in("quanly")
    form_page = client.get("/quan-ly/tai-khoan/moi").get_data(as_text=True)
    assert 'value="T.X1"' in form_page and 'value="P"' not in form_page
    assert '<option value="manager"' not in form_page
    response = client.post("/quan-ly/tai-khoan/moi", data=new_account(username="LeVanTam"))
    assert response.status_code == 302
    assert "Đã tạo tài khoản levantam" in client.get(response.location).get_data(as_text=True)
    user = get_user(db, "levantam")
    assert (user.role, user.unit.code, user.full_name) == ("officer", "T.X1", "Lê Văn Tám")
    assert user.password_hash.startswith("scrypt:")
    signed_in("levantam", "mat-khau-moi")


@pytest.mark.parametrize(
    ("fields", "status", "message"),
    [
        ({"password": "ngan", "password_confirm": "ngan"}, 422, "ít nhất 8 ký tự"),
        ({"password_confirm": "khac-han-nhe"}, 422, "nhập lại không khớp"),
        ({"username": "canbo"}, 422, "đã tồn tại"),
        ({"username": "lê văn tám"}, 422, "chỉ gồm chữ không dấu"),
        ({"full_name": " "}, 422, "họ và tên"),
        ({"role": "chu-tich"}, 422, "Vai trò"),
        ({"unit": "KHONG-CO"}, 422, "Không tìm thấy đơn vị"),
        ({"role": "manager"}, 403, "chỉ quản lý tài khoản cán bộ"),
        ({"role": "admin", "unit": ""}, 403, "chỉ quản lý tài khoản cán bộ"),
        ({"unit": "P"}, 403, "chỉ quản lý tài khoản cán bộ"),
    ],
)
def test_bad_account_forms_come_back_with_a_vietnamese_message_and_nothing_stored(
    app, db, staff, fields, status, message, signed_in
):
    before = user_count(db)
    response = signed_in("quanly").post("/quan-ly/tai-khoan/moi", data=new_account(**fields))
    assert response.status_code == status
    page = response.get_data(as_text=True)
    assert message in page and 'id="account-form"' in page
    assert user_count(db) == before


def test_the_form_keeps_what_was_typed_after_an_error(app, staff, signed_in):
    response = signed_in("quanly").post("/quan-ly/tai-khoan/moi", data=new_account(password="ngan"))
    page = response.get_data(as_text=True)
    assert 'value="Lê Văn Tám"' in page and 'value="levantam"' in page
    assert "mat-khau-moi" not in page


def test_an_administrator_creates_a_manager_and_another_administrator(app, db, staff, signed_in):
    client = signed_in("admin")
    assert (
        client.post("/quan-ly/tai-khoan/moi", data=new_account(username="giamdoc", role="manager")).status_code == 302
    )
    response = client.post("/quan-ly/tai-khoan/moi", data=new_account(username="qtv2", role="admin", unit=""))
    assert response.status_code == 302
    assert get_user(db, "giamdoc").role == "manager" and get_user(db, "qtv2").unit is None


def test_a_deactivated_officer_is_signed_out_at_the_next_request_and_can_be_reactivated(app, db, staff, signed_in):
    officer = signed_in("canbo")
    assert officer.get("/quan-ly/").status_code == 200
    manager = signed_in("quanly")
    assert manager.post("/quan-ly/tai-khoan/canbo/trang-thai", data={"active": "0"}).status_code == 302
    response = officer.get("/quan-ly/")
    assert response.status_code == 302 and "/auth/login" in response.location
    refused = officer.post("/auth/login", data={"username": "canbo", "password": PASSWORD})
    assert refused.status_code == 401
    assert "Đã khóa" in manager.get("/quan-ly/tai-khoan").get_data(as_text=True)
    assert manager.post("/quan-ly/tai-khoan/canbo/trang-thai", data={"active": "1"}).status_code == 302
    signed_in("canbo")


def test_a_manager_cannot_touch_a_manager_or_an_officer_elsewhere(app, db, staff, signed_in):
    client = signed_in("quanly")
    assert client.post("/quan-ly/tai-khoan/quanlyxa/trang-thai", data={"active": "0"}).status_code == 403
    assert client.post("/quan-ly/tai-khoan/admin/trang-thai", data={"active": "0"}).status_code == 403
    assert client.get("/quan-ly/tai-khoan/canbokhac/mat-khau").status_code == 403
    db.expire_all()
    assert get_user(db, "quanlyxa").active and get_user(db, "admin").active


def test_an_unknown_account_is_a_404_with_a_vietnamese_message(app, staff, signed_in):
    response = signed_in("admin").post("/quan-ly/tai-khoan/khong-co/trang-thai", data={"active": "0"})
    assert response.status_code == 404 and "Không tìm thấy tài khoản" in response.get_data(as_text=True)


def test_an_administrator_cannot_lock_themselves_out(app, db, staff, signed_in):
    response = signed_in("admin").post("/quan-ly/tai-khoan/admin/trang-thai", data={"active": "0"})
    assert response.status_code == 422 and "tự khóa" in response.get_data(as_text=True)
    db.expire_all()
    assert get_user(db, "admin").active


def test_a_password_reset_ends_the_officers_sessions_and_the_new_password_works(app, db, staff, signed_in):
    officer = signed_in("canbo")
    manager = signed_in("quanly")
    data = {"password": "mat-khau-cap-lai", "password_confirm": "mat-khau-cap-lai"}
    assert manager.post("/quan-ly/tai-khoan/canbo/mat-khau", data=data).status_code == 302
    assert officer.get("/quan-ly/").status_code == 302
    assert officer.post("/auth/login", data={"username": "canbo", "password": PASSWORD}).status_code == 401
    again = signed_in("canbo", "mat-khau-cap-lai")
    # A password the manager chose is the officer's only until they choose their own.
    assert again.get("/quay/tiep-nhan").location == "/quan-ly/mat-khau"


def test_a_short_reset_password_is_refused_and_the_old_one_still_works(app, staff, signed_in):
    manager = signed_in("quanly")
    response = manager.post("/quan-ly/tai-khoan/canbo/mat-khau", data={"password": "123", "password_confirm": "123"})
    assert response.status_code == 422 and "ít nhất 8 ký tự" in response.get_data(as_text=True)
    signed_in("canbo")


def test_users_change_their_own_password_with_the_old_one_and_stay_signed_in(staff, signed_in):
    client = signed_in("canbo")
    wrong = {"old_password": "sai-mat-khau", "password": "mat-khau-rieng", "password_confirm": "mat-khau-rieng"}
    response = client.post("/quan-ly/mat-khau", data=wrong)
    assert response.status_code == 422 and "Mật khẩu hiện tại không đúng" in response.get_data(as_text=True)
    right = dict(wrong, old_password=PASSWORD)
    response = client.post("/quan-ly/mat-khau", data=right)
    assert response.status_code == 302 and response.location.endswith("/quan-ly/")
    assert "Đã đổi mật khẩu" in client.get("/quan-ly/").get_data(as_text=True)
    signed_in("canbo", "mat-khau-rieng")


def test_resetting_ones_own_password_goes_to_the_change_form_that_asks_for_the_old_one(app, staff, signed_in):
    response = signed_in("admin").get("/quan-ly/tai-khoan/admin/mat-khau")
    assert response.status_code == 302 and response.location.endswith("/quan-ly/mat-khau")


def test_account_forms_refuse_a_post_without_its_csrf_token(app, db, staff):
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    login_page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', login_page).group(1)
    signed = client.post("/auth/login", data={"username": "quanly", "password": PASSWORD, "csrf_token": token})
    assert signed.status_code == 302
    assert client.post("/quan-ly/tai-khoan/moi", data=new_account()).status_code == 400
    assert client.post("/quan-ly/tai-khoan/canbo/trang-thai", data={"active": "0"}).status_code == 400
    assert user_count(db) == 5 and get_user(db, "canbo").active
    form_page = client.get("/quan-ly/tai-khoan/moi").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form_page).group(1)
    assert client.post("/quan-ly/tai-khoan/moi", data=new_account(csrf_token=token)).status_code == 302
    assert user_count(db) == 6
