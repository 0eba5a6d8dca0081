"""The chat widget's photo button in real Chromium: the app reads the receipt's QR and the widget sends
the dossier code to the assistant as the citizen's message; a photo without a code gets what to photograph."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from motcua.clock import now_local
from motcua.feedback.tokens import make_rating_token
from tests.factories import CODE, add_dossier, seed_catalogue
from tests.motcua.dossiers.receipt_photos import receipt_photo

pytestmark = pytest.mark.browser


def test_a_receipt_photo_in_the_chat_asks_the_assistant_for_that_dossier(app, live_server, rasa, page, db):
    seed_catalogue(db)
    add_dossier(db)
    app.config["RASA_URL"] = rasa.url
    rasa.replies[CODE] = [{"recipient_id": "x", "text": "Tình trạng: Được tiếp nhận."}]
    photo = receipt_photo(json.dumps({"ma_ho_so": CODE, "ma_dinh_danh": "001099012345"}), rotate=15)
    page.goto(live_server + "/")
    page.get_by_role("button", name="Hỏi trợ lý").click()

    page.set_input_files(".mc-chat-photo input", {"name": "bien-nhan.jpg", "mimeType": "image/jpeg", "buffer": photo})

    log = page.locator(".mc-chat-log")
    expect(log.locator(".mc-chat-bot").last).to_have_text("Tình trạng: Được tiếp nhận.")
    assert [r["message"] for r in rasa.received] == [CODE]
    assert "001099012345" not in page.content()


def test_a_rating_link_photo_in_the_chat_starts_the_rating_of_that_dossier(app, live_server, rasa, page, db):
    """Issue 20: the rating link's QR opens the rating in the chat, its token in the message's metadata."""
    seed_catalogue(db)
    add_dossier(db)
    app.config["RASA_URL"] = rasa.url
    token = make_rating_token(app.config["SECRET_KEY"], CODE, now_local())
    payload = f'/rate_service{{"dossier_code": "{CODE}"}}'
    rasa.replies[payload] = [{"recipient_id": "x", "text": "Anh/chị hài lòng thế nào?"}]
    photo = receipt_photo(f"http://localhost/r/{token}", fmt="PNG")
    page.goto(live_server + "/")
    page.get_by_role("button", name="Hỏi trợ lý").click()

    page.set_input_files(".mc-chat-photo input", {"name": "danh-gia.png", "mimeType": "image/png", "buffer": photo})

    expect(page.locator(".mc-chat-bot").last).to_have_text("Anh/chị hài lòng thế nào?")
    expect(page.locator(".mc-chat-user").last).to_have_text(CODE)
    [sent] = rasa.received
    assert sent["message"] == payload
    assert sent["metadata"]["rating_token"] == token


def test_a_photo_without_a_code_gets_what_to_photograph(app, live_server, rasa, page, db):
    app.config["RASA_URL"] = rasa.url
    page.goto(live_server + "/")
    page.get_by_role("button", name="Hỏi trợ lý").click()
    page.set_input_files(".mc-chat-photo input", {"name": "x.jpg", "mimeType": "image/jpeg", "buffer": receipt_photo()})
    expect(page.locator(".mc-chat-error")).to_contain_text("mã QR ở góc trên bên trái")
    assert rasa.received == []
