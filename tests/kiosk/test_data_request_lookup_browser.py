"""A citizen's request about their personal data from the lookup page, in real headless Chromium: after
the phone check they choose what they want, send it without typing the digits again, see the reference
and the legal deadline, look the reference up later (with the staff's answer only on the verified page),
and the unit's staff see the request in their queue."""

import re

import pytest
from sqlalchemy import select

from kiosk.core.auth import hash_password
from motcua.accounts import create_user
from motcua.clock import now_local
from motcua.privacy.requests import DataRequest, resolve
from tests.factories import CODE, COMMUNE, add_dossier, seed_catalogue
from tests.kiosk.axe_pages import violations

pytestmark = pytest.mark.browser


def verify(page, live_server):
    page.goto(f"{live_server}/tra-cuu?ma={CODE}")
    page.fill("#last4", "5678")
    page.click("#verify-form button")
    page.wait_for_selector("#detail:not([hidden])")


def test_a_correction_request_after_the_phone_check_reaches_the_staff_queue(live_server, page, db):
    seed_catalogue(db)
    add_dossier(db)
    create_user(db, "canbo", hash_password("mat-khau-thu"), "officer", COMMUNE, "Trần Thị Bích")
    db.commit()
    page.goto(f"{live_server}/tra-cuu?ma={CODE}")
    assert not page.is_visible("#data-request-form")  # nothing before the phone check
    verify(page, live_server)

    page.check("#data-request-form input[value=sua]")
    page.click("#data-request-form button[type=submit]")
    page.wait_for_selector("#data-request-error:not([hidden])")
    assert "chỉnh sửa" in page.inner_text("#data-request-error")
    page.fill("#data-request-detail", "Địa chỉ đúng là số 7 Lê Lợi")
    page.click("#data-request-form button[type=submit]")
    page.wait_for_selector("#data-request-result:not([hidden])")
    result = page.inner_text("#data-request-result")
    reference = re.search(r"YC-[A-Z0-9]{10}", result).group(0)
    assert "Hạn trả lời" in result and re.search(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", result)
    db.expire_all()
    stored = db.scalar(select(DataRequest))
    assert stored.reference == reference and stored.kind == "sua" and "số 7" in stored.detail

    page.goto(f"{live_server}/quan-ly/yeu-cau-du-lieu")
    page.fill("input[name=username]", "canbo")
    page.fill("input[name=password]", "mat-khau-thu")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/quan-ly/yeu-cau-du-lieu"))
    assert reference in page.inner_text("body") and "số 7 Lê Lợi" in page.inner_text("body")


def test_a_reference_shows_its_status_to_anyone_and_the_answer_only_after_the_phone_check(live_server, page, db):
    seed_catalogue(db)
    add_dossier(db)
    db.commit()
    verify(page, live_server)
    page.click("#data-request-form button[type=submit]")  # 'see my data' is chosen first
    page.wait_for_selector("#data-request-result:not([hidden])")
    reference = re.search(r"YC-[A-Z0-9]{10}", page.inner_text("#data-request-result")).group(0)
    db.expire_all()
    resolve(db, db.scalar(select(DataRequest)), "da_xong", "canbo", now_local(), answer="Họ tên: Nguyễn Văn An")

    page.goto(f"{live_server}/tra-cuu")  # a new visit: no phone check
    page.fill("#reference", reference.lower())
    page.click("#reference-form button")
    page.wait_for_selector("#reference-status:not([hidden])")
    assert "Đã xử lý" in page.inner_text("#reference-status")
    assert "Nguyễn Văn An" not in page.content()

    verify(page, live_server)
    page.fill("#reference", reference)
    page.click("#reference-form button")
    page.wait_for_selector("#reference-answer:not([hidden])")
    assert "Họ tên: Nguyễn Văn An" in page.inner_text("#reference-answer")


def test_the_request_card_speaks_english_on_the_english_page(live_server, page, db):
    seed_catalogue(db)
    add_dossier(db)
    db.commit()
    page.goto(f"{live_server}/tra-cuu?ma={CODE}&lang=en")
    page.fill("#last4", "5678")
    page.click("#verify-form button")
    page.wait_for_selector("#detail:not([hidden])")
    assert "Request about your personal data" in page.inner_text("#data-request-form")
    page.click("#data-request-form button[type=submit]")
    page.wait_for_selector("#data-request-result:not([hidden])")
    assert "Reference: YC-" in page.inner_text("#data-request-result")


def test_the_request_card_and_the_reference_status_have_no_axe_violation(browser, live_server, db):
    seed_catalogue(db)
    add_dossier(db)
    db.commit()
    context = browser.new_context(locale="vi-VN", bypass_csp=True)
    page = context.new_page()
    try:
        verify(page, live_server)
        page.click("#data-request-form button[type=submit]")
        page.wait_for_selector("#data-request-result:not([hidden])")
        page.click("#reference-form button")
        page.wait_for_selector("#reference-status:not([hidden])")
        found = violations(page)
        page.goto(f"{live_server}/tra-cuu?yc=YC-KHONGCO234")
        found += violations(page)
    finally:
        context.close()
    assert found == [], "\n".join(found)
