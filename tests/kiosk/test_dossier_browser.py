"""The lookup and counter pages in real headless Chromium."""

import re

import pytest
from sqlalchemy import select

from kiosk.core.auth import hash_password
from motcua.accounts import create_user
from motcua.dossiers.models import Dossier
from tests.factories import CODE, COMMUNE, add_dossier, seed_catalogue

pytestmark = pytest.mark.browser


def test_citizen_looks_up_a_code_then_unlocks_the_detail_with_the_phone_digits(live_server, page, db):
    seed_catalogue(db)
    add_dossier(db)
    page.goto(f"{live_server}/tra-cuu")
    page.fill("#code", CODE.lower().replace("-", " - "))
    page.click("button[type=submit].primary")
    page.wait_for_selector("#status")
    assert page.inner_text("#state-label") == "Được tiếp nhận"
    assert "Nguyễn Văn An" not in page.content()
    page.fill("#last4", "0000")
    page.click("#verify-form button")
    page.wait_for_selector("#verify-error:not([hidden])")
    assert "4 số cuối" in page.inner_text("#verify-error")
    page.fill("#last4", "5678")
    page.click("#verify-form button")
    page.wait_for_selector("#detail:not([hidden])")
    assert page.inner_text("[data-field=applicant_phone]") == "091****678"
    assert "Được tiếp nhận" in page.inner_text("#events")


def test_scanned_receipt_qr_yields_the_dossier_code(live_server, page, db):
    page.goto(f"{live_server}/tra-cuu")
    payload = '{"ma_ho_so":"000.00.12.H62-260302-0001","ma_thu_tuc":"2.000815"}'
    assert page.evaluate("(text) => window.motcuaCodeFromScan(text)", payload) == CODE
    link = f"{live_server}/tra-cuu?ma={CODE}"
    assert page.evaluate("(text) => window.motcuaCodeFromScan(text)", link) == CODE
    assert page.is_visible("#code")  # manual entry is always there, camera or not


def test_officer_receives_a_dossier_and_gets_the_receipt(live_server, page, db):
    seed_catalogue(db)
    create_user(db, "canbo", hash_password("mat-khau-thu"), "officer", COMMUNE, "Trần Thị Bích")
    db.commit()
    page.goto(f"{live_server}/quay/tiep-nhan")
    page.fill("input[name=username]", "canbo")
    page.fill("input[name=password]", "mat-khau-thu")
    page.click("button[type=submit]")
    page.wait_for_selector("#procedure-search")
    page.fill("#procedure-search", "chung thuc ban sao")
    page.click("#procedure-results button >> nth=0")
    page.wait_for_selector("input[name=documents]")
    for box in page.query_selector_all("input[name=documents]"):
        box.check()
    page.fill("input[name=applicant_name]", "Nguyễn Văn An")
    page.fill("input[name=applicant_phone]", "0912 345 678")
    page.fill("input[name=applicant_address]", "Số 5, phố Hòa Bình")
    page.click("#intake-submit")
    page.wait_for_url(re.compile(r"/bien-nhan$"))
    code = db.scalar(select(Dossier.code))
    assert code in page.inner_text("body")
    assert page.locator(".sheet").count() == 2
    assert page.locator(".sheet svg").count() == 4
