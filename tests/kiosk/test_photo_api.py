"""POST /api/v1/photos/receipt: a photo of the receipt answers like the typed code; anything else is a
Vietnamese 4xx (never 500), and the photo is neither stored nor logged."""

from __future__ import annotations

import json
import logging

import pytest

from motcua.clock import now_local
from motcua.feedback.tokens import make_rating_token
from tests.factories import CODE, add_dossier, seed_catalogue
from tests.motcua.dossiers.receipt_photos import huge_png, receipt_photo

PERSONAL = ("Nguyễn Văn An", "0912345678", "001099012345")


def receipt_qr(code: str = CODE) -> str:
    return json.dumps({"ma_ho_so": code, "ma_dinh_danh": "001099012345", "ma_thu_tuc": "1.0"}, ensure_ascii=False)


@pytest.fixture
def dossier(db):
    seed_catalogue(db)
    return add_dossier(db)


def post_photo(client, data: bytes, content_type: str = "image/jpeg", **headers):
    return client.post("/api/v1/photos/receipt", data=data, content_type=content_type, headers=headers)


def test_a_receipt_photo_gives_the_public_status_and_no_personal_data(client, dossier, caplog):
    caplog.set_level(logging.DEBUG)
    response = post_photo(client, receipt_photo(receipt_qr()))
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["code"], body["source"]) == (CODE, "receipt")
    assert body["status"] == client.get(f"/api/v1/dossiers/{CODE}").get_json()
    assert not any(value in response.get_data(as_text=True) for value in PERSONAL)
    assert "001099012345" not in caplog.text


def test_a_rating_link_photo_gives_the_status_and_the_rating_page(app, client, dossier):
    token = make_rating_token(app.config["SECRET_KEY"], CODE, now_local())
    response = post_photo(client, receipt_photo(f"http://localhost/r/{token}", fmt="PNG"), "image/png")
    assert response.status_code == 200
    body = response.get_json()
    assert (body["code"], body["source"], body["rating_path"]) == (CODE, "rating_link", f"/r/{token}")
    assert client.get(body["rating_path"]).status_code == 200


def test_only_the_assistant_gets_the_rating_token_to_rate_in_the_chat(app, client, dossier, key_headers):
    token = make_rating_token(app.config["SECRET_KEY"], CODE, now_local())
    photo = receipt_photo(f"http://localhost/r/{token}", fmt="PNG")
    anonymous = post_photo(client, photo, "image/png").get_json()
    assert "rating_token" not in anonymous and "rated" not in anonymous
    kiosk = post_photo(client, photo, "image/png", **key_headers("000.00.00.H62", "intake,reports")).get_json()
    assert "rating_token" not in kiosk
    assistant = post_photo(client, photo, "image/png", **key_headers("000.00.00.H62", "assistant")).get_json()
    assert (assistant["code"], assistant["rating_token"], assistant["rated"]) == (CODE, token, False)
    receipt = post_photo(client, receipt_photo(receipt_qr()), **key_headers("000.00.00.H62", "assistant"))
    assert "rating_token" not in receipt.get_json()


def test_the_assistant_learns_a_rating_link_s_dossier_was_already_rated(app, client, dossier, key_headers):
    token = make_rating_token(app.config["SECRET_KEY"], CODE, now_local())
    body = {"idempotency_key": "qr-photo-1", "level": "hai_long", "source": "qr", "token": token}
    rated = client.post("/api/v1/ratings", json=body)
    assert rated.status_code == 201, rated.get_json()
    photo = receipt_photo(f"http://localhost/r/{token}", fmt="PNG")
    body = post_photo(client, photo, "image/png", **key_headers("000.00.00.H62", "assistant")).get_json()
    assert body["rated"] is True and "rating_token" not in body


def test_an_unknown_code_answers_as_the_typed_lookup_does(client, dossier):
    unknown = "000.00.12.H62-260302-0999"
    response = post_photo(client, receipt_photo(receipt_qr(unknown)))
    typed = client.get(f"/api/v1/dossiers/{unknown}")
    assert response.status_code == typed.status_code == 404
    assert response.get_json() == typed.get_json()


def test_a_photo_without_a_code_is_told_what_to_photograph(client, dossier):
    response = post_photo(client, receipt_photo())
    assert response.status_code == 422
    assert "mã QR ở góc trên" in response.get_json()["message"]


def test_more_than_5_mb_is_refused_politely(client, dossier):
    response = post_photo(client, b"\xff\xd8\xff" + b"\0" * (5 * 1024 * 1024))
    assert response.status_code == 413
    assert "quá lớn" in response.get_json()["message"]


@pytest.mark.parametrize(
    ("data", "content_type", "status"),
    [
        (b"%PDF-1.7", "application/pdf", 415),
        (b'{"ma_ho_so": "x"}', "application/json", 415),
        (b"hello", "image/jpeg", 415),
        (b"", "image/png", 415),
        (None, "image/jpeg", 415),  # a truncated JPEG: replaced below
        (huge_png(60_000, 60_000), "image/png", 413),
        (huge_png(4001, 20), "image/png", 413),
        (receipt_photo(receipt_qr()), "text/plain", 415),  # a real photo with the wrong content type
    ],
)
def test_hostile_or_wrong_uploads_get_a_4xx_in_vietnamese(client, dossier, data, content_type, status):
    if data is None:
        data = receipt_photo(receipt_qr())[:2000]
    response = post_photo(client, data, content_type)
    assert response.status_code == status
    assert response.get_json()["message"]


def test_photos_count_against_the_lookup_limit(app, client, dossier):
    app.config["DOSSIER_LOOKUP_LIMIT"] = (2, 60)
    photo = receipt_photo(receipt_qr())
    assert [post_photo(client, photo).status_code for _ in range(3)] == [200, 200, 429]
    assert client.get(f"/api/v1/dossiers/{CODE}").status_code == 429


def test_the_assistant_counts_per_conversation(app, client, dossier, key_headers):
    app.config["DOSSIER_LOOKUP_LIMIT"] = (1, 60)
    headers = key_headers("000.00.00.H62", "assistant")
    photo = receipt_photo(receipt_qr())
    first = post_photo(client, photo, **headers, **{"X-Motcua-Conversation": "zalo-1"})
    second = post_photo(client, photo, **headers, **{"X-Motcua-Conversation": "zalo-2"})
    assert (first.status_code, second.status_code) == (200, 200)
