"""A photo of the receipt on the lookup page, in Debian's Chromium: the printed receipt is photographed
(a screenshot of the officer's receipt page, turned and shrunk as a phone would), uploaded through the file
input every phone has, read by the server, and the dossier's public status is shown."""

import io

import pytest
from PIL import Image

from kiosk.core.auth import hash_password
from motcua.accounts import create_user
from tests.factories import CODE, COMMUNE, add_dossier, seed_catalogue

pytestmark = pytest.mark.browser


def photographed_receipt(live_server, page) -> bytes:
    """The officer's receipt page as Chromium draws it, tilted 12° on a desk and sent as a 1200 px JPEG."""
    page.goto(f"{live_server}/ho-so/{CODE}/bien-nhan")
    page.fill("input[name=username]", "canbo")
    page.fill("input[name=password]", "mat-khau-thu")
    page.click("button[type=submit]")
    page.wait_for_selector(".sheet")
    shot = Image.open(io.BytesIO(page.locator(".sheet").first.screenshot())).convert("RGB")
    photo = shot.rotate(12, Image.Resampling.BICUBIC, expand=True, fillcolor=(176, 150, 118))
    photo.thumbnail((1200, 1200))
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=70)
    page.context.clear_cookies()
    return out.getvalue()


@pytest.fixture
def receipt_photo(live_server, page, db):
    seed_catalogue(db)
    add_dossier(db)
    create_user(db, "canbo", hash_password("mat-khau-thu"), "officer", COMMUNE, "Trần Thị Bích")
    db.commit()
    return photographed_receipt(live_server, page)


def test_a_photo_of_the_receipt_shows_the_dossiers_public_status(live_server, page, receipt_photo):
    blocked = []
    page.on(
        "console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None
    )
    # As on Safari: no BarcodeDetector, so the server reads the photo.
    page.add_init_script("delete window.BarcodeDetector")
    uploads = []
    page.on("request", lambda request: uploads.append(request.url) if "/photos/receipt" in request.url else None)
    page.goto(f"{live_server}/tra-cuu")
    assert page.get_attribute("#photo", "accept") == "image/*"
    assert page.get_attribute("#photo", "capture") == "environment"
    page.set_input_files("#photo", {"name": "bien-nhan.jpg", "mimeType": "image/jpeg", "buffer": receipt_photo})
    page.wait_for_selector("#status")
    assert page.inner_text("#state-label") == "Được tiếp nhận"
    assert page.input_value("#code") == CODE
    assert "Nguyễn Văn An" not in page.content()
    assert blocked == [] and len(uploads) == 1


def test_a_photo_without_a_code_says_what_to_photograph(live_server, page, db):
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (240, 240, 230)).save(out, "JPEG")
    page.goto(f"{live_server}/tra-cuu")
    page.set_input_files("#photo", {"name": "meo.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()})
    page.wait_for_selector("#photo-error:not([hidden])")
    assert "mã QR ở góc trên bên trái" in page.inner_text("#photo-error")
    assert page.is_visible("#code")
