"""Officer intake in real Chromium: a form the server refuses comes back with every field as typed,
the ticked documents included."""

import pytest
from sqlalchemy import select

from motcua.dossiers.models import Dossier
from tests.factories import COMMUNE, seed_catalogue
from tests.kiosk.browser_helpers import sign_in_as

pytestmark = pytest.mark.browser


def test_a_refused_intake_keeps_the_ticked_documents_and_every_field(live_server, page, db):
    seed_catalogue(db)
    sign_in_as(page, live_server, db, "canbo", "officer", COMMUNE, "Trần Thị Bích")
    page.goto(f"{live_server}/quay/tiep-nhan")
    page.wait_for_selector("#procedure-search")
    page.fill("#procedure-search", "chung thuc ban sao")
    page.click("#procedure-results button >> nth=0")
    page.wait_for_selector("input[name=documents]")
    page.check('input[name=documents][value="Tờ khai theo mẫu"]')
    page.fill("input[name=applicant_name]", "Nguyễn Văn An")
    page.fill("input[name=applicant_phone]", "12")  # not a phone number: the server refuses the form
    page.fill("input[name=applicant_address]", "Số 5, phố Hòa Bình")
    page.click("#intake-submit")
    page.wait_for_selector("#intake-error")
    page.wait_for_selector("input[name=documents]")
    assert page.is_checked('input[name=documents][value="Tờ khai theo mẫu"]')
    assert not page.is_checked('input[name=documents][value="Căn cước công dân"]')
    assert page.input_value("input[name=applicant_name]") == "Nguyễn Văn An"
    assert page.input_value("input[name=applicant_address]") == "Số 5, phố Hòa Bình"
    assert db.scalar(select(Dossier)) is None
    page.fill("input[name=applicant_phone]", "0912 345 678")  # corrected: received with the same documents
    page.click("#intake-submit")
    page.wait_for_url("**/bien-nhan")
    db.expire_all()
    assert [doc["name"] for doc in db.scalar(select(Dossier)).documents] == ["Tờ khai theo mẫu"]
