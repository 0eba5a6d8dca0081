"""The receipt as it comes off the printer: the PDF the officer downloads, measured with PDFium.

One copy of a typical dossier (five documents with the catalogue's long names) fits one A5 sheet, with the
signatures and both QR codes on it; the copy label does not print over the national motto; the lookup
address is written next to the QR; the QR codes decode from the rendered page. A screenshot of the first
page is left in tests/screenshots/ (git-ignored) for anyone to look at.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.core.auth import hash_password
from motcua.accounts import create_user
from tests.factories import COMMUNE, add_dossier, seed_catalogue

pdfium = pytest.importorskip("pypdfium2")
zxingcpp = pytest.importorskip("zxingcpp")

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
A5 = (419.5, 595.3)

BIRTH_DOCUMENTS = [
    "Tờ khai đăng ký khai sinh theo mẫu quy định; trường hợp người đi đăng ký khai sinh không phải là cha, "
    "mẹ thì phải có văn bản ủy quyền theo quy định của pháp luật",
    "Giấy chứng sinh do cơ sở y tế nơi trẻ sinh ra cấp; trường hợp không có giấy chứng sinh thì nộp văn bản "
    "của người làm chứng xác nhận về việc sinh; nếu không có người làm chứng thì phải có giấy cam đoan",
    "Giấy tờ tùy thân của người đi đăng ký khai sinh (hộ chiếu, căn cước công dân hoặc giấy tờ khác có dán "
    "ảnh và thông tin cá nhân do cơ quan có thẩm quyền cấp, còn giá trị sử dụng)",
    "Giấy chứng nhận kết hôn của cha, mẹ trẻ (nếu cha, mẹ trẻ đã đăng ký kết hôn)",
    "Văn bản ủy quyền theo quy định của pháp luật trong trường hợp ủy quyền thực hiện việc đăng ký khai sinh",
    "Sổ hộ khẩu hoặc giấy tờ chứng minh nơi cư trú của người mẹ",
]


@pytest.fixture
def signed_in(client, db, auth):
    seed_catalogue(db)
    create_user(db, "canbo", hash_password("mat-khau-thu"), "officer", COMMUNE, "Trần Thị Bích")
    db.commit()
    auth("canbo", "mat-khau-thu")
    return client


def _dossier_with(db, names: list[str]):
    dossier = add_dossier(db, applicant_identifier="001099012345")
    dossier.documents = [{"name": name, "copy_type": "bản chính", "quantity": 1} for name in names]
    db.commit()
    return dossier


def _pdf(client, code: str):
    response = client.get(f"/ho-so/{code}/bien-nhan.pdf")
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return pdfium.PdfDocument(response.data)


def _text(page) -> str:
    return page.get_textpage().get_text_range()


def _box(page, needle: str):
    """(left, bottom, right, top) of the first character run of ``needle`` on ``page``."""
    textpage = page.get_textpage()
    found = textpage.search(needle, match_case=True).get_next()
    assert found, f"{needle!r} is not on the page"
    index, count = found
    boxes = [textpage.get_charbox(i) for i in range(index, index + count)]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _codes(page) -> list[str]:
    image = page.render(scale=300 / 72).to_pil()
    return [barcode.text for barcode in zxingcpp.read_barcodes(image)]


def test_a_six_document_receipt_is_one_a5_sheet_per_copy_with_both_qr_codes(app, signed_in, db, chromium_path):
    dossier = _dossier_with(db, BIRTH_DOCUMENTS)

    pdf = _pdf(signed_in, dossier.code)

    assert len(pdf) == 2  # two copies, one sheet each
    base = app.config["PUBLIC_BASE_URL"].rstrip("/")
    for number, page in enumerate(pdf, start=1):
        width, height = page.get_size()
        assert abs(width - A5[0]) < 2 and abs(height - A5[1]) < 2
        text = _text(page)
        assert f"Liên {number}" in text
        # signatures and the rating QR on the same sheet
        assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text and "NGƯỜI NỘP HỒ SƠ" in text and "đánh giá mức độ hài lòng" in text
        assert f"{base}/tra-cuu" in text.replace("\r\n", "").replace("\n", "")
        # the copy label stands clear of the national motto
        assert not _overlap(_box(page, f"Liên {number}"), _box(page, "CỘNG HÒA XÃ HỘI"))
        codes = _codes(page)
        assert any(code.startswith(f"{base}/r/") for code in codes), codes
        assert any(code.startswith("{") and json.loads(code)["ma_ho_so"] == dossier.code for code in codes), codes
    # names are cut to their first clause; the full text is on the checklist
    first = _text(pdf[0])
    assert "Tờ khai đăng ký khai sinh theo mẫu quy định" in first
    assert "văn bản ủy quyền theo quy định của pháp luật" not in first.split("Tờ khai đăng ký khai sinh")[1][:120]

    SCREENSHOTS.mkdir(exist_ok=True)
    pdf[0].render(scale=150 / 72).to_pil().save(SCREENSHOTS / "receipt-a5-page1.png")


def test_a_long_dossier_goes_on_a_second_sheet_with_signatures_and_qr_on_the_last(app, signed_in, db, chromium_path):
    names = [f"Giấy tờ số {n}: bản sao giấy tờ chứng minh nhân thân và nơi cư trú của người nộp" for n in range(1, 19)]
    dossier = _dossier_with(db, names)

    pdf = _pdf(signed_in, dossier.code)

    pages = [_text(page) for page in pdf]
    assert len(pages) == 4  # two copies of two sheets
    for first, last in (pages[0:2], pages[2:4]):
        assert "Giấy tờ số 1" in first and "Giấy tờ số 18" in last
        assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in last and "NGƯỜI TIẾP NHẬN HỒ SƠ" not in first
    assert "Liên 1" in pages[0] and "Liên 2" in pages[2]
    base = app.config["PUBLIC_BASE_URL"].rstrip("/")
    assert any(code.startswith(f"{base}/r/") for code in _codes(pdf[1]))
