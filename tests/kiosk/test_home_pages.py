"""A citizen's pages: the home page's entry points (search, lookup, assistant, rating, hours and contacts)
on a phone and a desktop, the dossier history with four-digit years, form names that lead somewhere, and
the site's icon. Browser tests leave home-page screenshots in tests/screenshots/ (git-ignored)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from motcua.catalogue.models import Procedure
from motcua.units import get_unit
from tests.factories import CODE, add_dossier, seed_catalogue
from tests.kiosk.browser_helpers import placeholder_fits

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
PORTAL = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193"


def _centre(db) -> None:
    seed_catalogue(db)
    unit = get_unit(db, "000.00.00.H62")
    unit.opening_hours = "Sáng 7:30–11:30, chiều 13:30–17:00, thứ Hai đến thứ Sáu"
    unit.hotline = "0210 3830 112"
    unit.address = "Số 1 đường Trần Hưng Đạo"
    db.commit()


@pytest.mark.browser
@pytest.mark.parametrize("size", [{"width": 390, "height": 844}, {"width": 1280, "height": 800}])
def test_the_home_page_offers_search_lookup_assistant_and_rating_with_hours_below(live_server, page, db, size):
    _centre(db)
    page.set_viewport_size(size)
    page.goto(live_server + "/")
    for heading in ("Tra cứu hồ sơ", "Hỏi trợ lý", "Đánh giá"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.locator(".contact")).to_contain_text("7:30–11:30")
    expect(page.locator(".contact")).to_contain_text("0210 3830 112")
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    for field in ("#home-q", "#home-code"):  # the hints are read whole
        fits, sizes = placeholder_fits(page.locator(field))
        assert fits, (field, sizes)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"home-{size['width']}x{size['height']}.png"), full_page=True)

    page.get_by_label("Tìm thủ tục").fill("chung thuc")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.wait_for_url(re.compile(r"/thu-tuc\?q=chung\+thuc"))
    expect(page.locator("main")).to_contain_text("Chứng thực bản sao từ bản chính")

    page.goto(live_server + "/")
    page.get_by_label("Mã hồ sơ trên giấy tiếp nhận").fill(CODE)
    page.get_by_role("button", name="Tra cứu", exact=True).click()
    page.wait_for_url(re.compile(r"/tra-cuu\?ma="))

    page.goto(live_server + "/")
    page.get_by_role("button", name="Mở trợ lý").click()
    expect(page.locator(".mc-chat-panel")).to_be_visible()
    page.goto(live_server + "/")
    page.get_by_role("button", name="Đánh giá cùng trợ lý").click()
    expect(page.locator(".mc-chat-user").last).to_have_text("Tôi muốn đánh giá mức độ hài lòng")


@pytest.mark.browser
def test_the_dossier_history_shows_four_digit_years(live_server, page, db):
    seed_catalogue(db)
    add_dossier(db)
    page.goto(f"{live_server}/tra-cuu?ma={CODE}")
    page.wait_for_selector("#status")
    page.fill("#last4", "5678")
    page.click("#verify-form button")
    page.wait_for_selector("#detail:not([hidden])")
    events = page.inner_text("#events")
    assert "02/03/2026 09:00" in events
    assert not re.search(r"\b\d{2}/\d{2}/\d{2}\b(?!\d)", events)


def test_form_names_lead_to_the_procedures_page_on_the_national_portal(client, db):
    seed_catalogue(db)
    db.add(
        Procedure(
            code="1.001194",
            name="Đăng ký khai sinh có yếu tố nước ngoài",
            levels=["xa"],
            field="Hộ tịch",
            portal_url=PORTAL,
            documents=[
                {"name": "Tờ khai đăng ký khai sinh", "kind": "nop", "quantity": 1, "copy_type": "bản chính",
                 "forms": ["Mẫu TK khai sinh.doc"]},
            ],
            updated_at=datetime(2026, 1, 1),
        )
    )
    db.commit()
    for path in ("/thu-tuc/1.001194", "/thu-tuc/1.001194/in"):
        html = client.get(path).get_data(as_text=True)
        assert f'<a href="{PORTAL.replace("&", "&amp;")}"' in html, path
        assert ">Mẫu TK khai sinh.doc</a>" in html
        assert "Cổng Dịch vụ công quốc gia" in html


def test_every_page_names_the_sites_icon_and_the_icon_is_served(client, db):
    seed_catalogue(db)
    html = client.get("/").get_data(as_text=True)
    icon = re.search(r'<link rel="icon" href="([^"]+)"', html)
    assert icon
    for path in (icon.group(1), "/favicon.ico"):  # browsers and bookmarks also ask the site's root
        response = client.get(path)
        assert response.status_code == 200 and response.data[:4] == b"\x00\x00\x01\x00", path  # an .ico file
        response.close()
