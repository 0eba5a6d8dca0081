"""Reading a receipt photo: the dossier code from the Thông tư 01/2023 QR or the signed rating link, and
a clear refusal for what is not a readable receipt photo (too big, not an image, no code)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from motcua.dossiers.photo import MAX_SIDE, PhotoError, read_receipt_photo
from motcua.feedback.tokens import make_rating_token
from tests.motcua.dossiers.receipt_photos import huge_png, receipt_photo

SECRET = "test-secret"
NOW = datetime(2026, 9, 21, 9, 0)
CODE = "000.00.12.H62-260921-0001"
QR_01_2023 = json.dumps(
    {"ma_ho_so": CODE, "ma_thu_tuc": "1.001193", "ma_dinh_danh": "001099012345", "ten_giay_to": "Giấy tiếp nhận"},
    ensure_ascii=False,
)


def test_the_01_2023_qr_gives_the_dossier_code_and_nothing_else_of_its_data():
    scan = read_receipt_photo(receipt_photo(QR_01_2023), SECRET, NOW)
    assert (scan.code, scan.source, scan.rating_token) == (CODE, "receipt", None)
    assert "001099012345" not in repr(scan)


def test_a_tilted_photo_of_a_receipt_is_read():
    assert read_receipt_photo(receipt_photo(QR_01_2023, rotate=20), SECRET, NOW).code == CODE


def test_the_rating_link_names_its_dossier_when_its_signature_holds():
    token = make_rating_token(SECRET, CODE, NOW)
    scan = read_receipt_photo(receipt_photo(f"https://motcua.example/r/{token}", fmt="PNG"), SECRET, NOW)
    assert (scan.code, scan.source, scan.rating_token) == (CODE, "rating_link", token)


def test_a_forged_rating_link_names_no_dossier():
    token = make_rating_token("another-secret", CODE, NOW)
    with pytest.raises(PhotoError) as caught:
        read_receipt_photo(receipt_photo(f"https://motcua.example/r/{token}"), SECRET, NOW)
    assert caught.value.reason == "no_code"


def test_with_both_codes_in_the_picture_the_receipt_qr_wins():
    token = make_rating_token(SECRET, "000.00.12.H62-260921-0002", NOW)
    scan = read_receipt_photo(receipt_photo(QR_01_2023, f"https://motcua.example/r/{token}"), SECRET, NOW)
    assert (scan.code, scan.source) == (CODE, "receipt")


def test_a_photo_without_a_code_says_what_to_photograph():
    with pytest.raises(PhotoError) as caught:
        read_receipt_photo(receipt_photo(), SECRET, NOW)
    assert caught.value.reason == "no_code"
    assert "mã QR ở góc trên" in caught.value.message


def test_a_qr_that_is_not_a_receipt_names_no_dossier():
    with pytest.raises(PhotoError) as caught:
        read_receipt_photo(receipt_photo("https://shop.example/khuyen-mai"), SECRET, NOW)
    assert caught.value.reason == "no_code"


def test_more_than_5_mb_is_refused_before_decoding():
    with pytest.raises(PhotoError) as caught:
        read_receipt_photo(b"\xff\xd8" + b"\0" * (5 * 1024 * 1024), SECRET, NOW)
    assert caught.value.reason == "too_large"


@pytest.mark.parametrize("data", [b"", b"%PDF-1.7 not a photo", b"PK\x03\x04zip", "xin chào".encode()])
def test_what_is_not_an_image_is_refused(data):
    with pytest.raises(PhotoError) as caught:
        read_receipt_photo(data, SECRET, NOW)
    assert caught.value.reason == "not_an_image"


def test_a_truncated_jpeg_is_refused_not_crashed_on():
    with pytest.raises(PhotoError) as caught:
        read_receipt_photo(receipt_photo(QR_01_2023)[:3000], SECRET, NOW)
    assert caught.value.reason in {"not_an_image", "no_code"}


@pytest.mark.parametrize("size", [(MAX_SIDE + 1, 10), (10, 100_000), (60_000, 60_000)])
def test_a_picture_larger_than_4000_pixels_a_side_is_refused_from_its_header(size):
    with pytest.raises(PhotoError) as caught:
        read_receipt_photo(huge_png(*size), SECRET, NOW)
    assert caught.value.reason == "too_many_pixels"


def test_a_4000_pixel_photo_is_read():
    assert read_receipt_photo(receipt_photo(QR_01_2023, size=(2800, 4000)), SECRET, NOW).code == CODE


def test_a_photo_with_damaged_exif_is_refused_or_read_never_crashed_on():
    photo = receipt_photo(QR_01_2023)
    # An APP1 segment claiming EXIF with garbage inside, right after the JPEG's start marker.
    damaged = photo[:2] + b"\xff\xe1\x00\x20Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\xff\xff" + b"\x00" * 12 + photo[2:]
    try:
        assert read_receipt_photo(damaged, SECRET, NOW).code == CODE
    except PhotoError as exc:
        assert exc.reason == "not_an_image"
