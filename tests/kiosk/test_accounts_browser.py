"""In headless Chromium: an administrator creates an officer account, and the officer signs in."""

import re

from kiosk.core.auth import hash_password
from motcua.accounts import create_user
from motcua.units import save_unit
from tests.kiosk.browser_helpers import sign_in


def test_an_administrator_creates_an_officer_who_then_signs_in_and_reaches_the_counter(live_server, page, app, db):
    app.config["WTF_CSRF_ENABLED"] = True
    save_unit(db, "T", "Trung tâm tỉnh", "tinh")
    save_unit(db, "T.X1", "UBND xã Một", "xa", "T")
    create_user(db, "admin", hash_password("mat-khau-quan-tri"), "admin", None, "Quản trị hệ thống")
    db.commit()

    sign_in(page, live_server, "admin", "mat-khau-quan-tri")
    page.wait_for_url(re.compile(r"/quan-ly/$"))
    page.click(".staff-nav >> text=Tài khoản")
    page.click("#new-account")
    page.fill("input[name=full_name]", "Lê Thị Thu")
    page.fill("input[name=username]", "LeThiThu")
    page.select_option("select[name=role]", "officer")
    page.select_option("select[name=unit]", "T.X1")
    page.fill("input[name=password]", "mat-khau-ban-dau")
    page.fill("input[name=password_confirm]", "mat-khau-ban-dau")
    page.click("#account-form button[type=submit]")
    page.wait_for_url(re.compile(r"/quan-ly/tai-khoan$"))
    assert "Đã tạo tài khoản lethithu" in page.inner_text("main")
    row = page.inner_text('tr[data-username="lethithu"]')
    assert "Lê Thị Thu" in row and "UBND xã Một" in row and "Cán bộ tiếp nhận" in row
    page.click(".tools button[type=submit]")  # sign out

    sign_in(page, live_server, "lethithu", "mat-khau-ban-dau")
    page.wait_for_url(re.compile(r"/quan-ly/$"))
    assert "Xin chào, Lê Thị Thu" in page.inner_text("h1")
    assert page.is_visible(".staff-nav >> text=Tiếp nhận hồ sơ")
    assert not page.is_visible(".staff-nav >> text=Tài khoản")
    page.click('a[data-endpoint="dossiers.counter_intake"]')
    page.wait_for_url(re.compile(r"/quay/tiep-nhan$"))
    assert "UBND xã Một" in page.inner_text("main")
