"""The chat widget's history kept in the browser's localStorage (shown again on the next page) holds no
phone number, identification number or phone check the citizen typed: those digits are masked, while
the message the assistant received is the one typed. The widget's session id, which alone proves a web
follower's inbox, comes from the browser's cryptographic random source and carries no clock."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TYPED = ["0912 345 678", "CCCD của tôi là 001099012345", "5678", "sdt 0912.345.678 nhé"]


@pytest.fixture
def chat(app, rasa):
    app.config["RASA_URL"] = rasa.url
    rasa.replies = {text: [{"text": "Đã nhận, cảm ơn anh/chị."}] for text in TYPED}
    return rasa


def test_the_stored_history_masks_the_digits_the_citizen_typed(live_server, chat, page):
    page.goto(live_server + "/")
    page.get_by_role("button", name="Hỏi trợ lý").click()
    for text in TYPED:
        page.locator(".mc-chat-input").fill(text)
        page.keyboard.press("Enter")
        expect(page.locator(".mc-chat-bot")).to_have_count(2 + TYPED.index(text))
    assert [payload["message"] for payload in chat.received] == TYPED  # the assistant got what was typed
    stored = page.evaluate("() => window.localStorage.getItem('motcua-chat-history')")
    texts = [entry.get("text", "") for entry in json.loads(stored)]  # each entry also carries the time it was shown
    digits = "".join(re.findall(r"\d", json.dumps(texts, ensure_ascii=False)))
    for secret in ("912345678", "001099012345", "5678", "345678"):
        assert secret not in digits, stored
    assert "CCCD của tôi là" in stored  # the words stay
    page.goto(live_server + "/tra-cuu")  # the next page shows the masked history
    page.get_by_role("button", name="Hỏi trợ lý").click()
    shown = page.locator(".mc-chat-user").all_inner_texts()
    assert len(shown) == len(TYPED) and not any(re.search(r"\d{4}", text.replace(" ", "")) for text in shown)


def test_the_widget_session_id_is_long_random_and_carries_no_clock(live_server, chat, page):
    ids = set()
    for _ in range(3):
        page.goto(live_server + "/")
        page.evaluate("() => window.localStorage.removeItem('motcua-chat-sender')")
        page.reload()
        page.get_by_role("button", name="Hỏi trợ lý").click()
        ids.add(page.evaluate("() => window.localStorage.getItem('motcua-chat-sender')"))
    assert len(ids) == 3
    for sender in ids:
        assert re.fullmatch(r"web-[0-9a-f]{32}", sender), sender  # 128 random bits, no time stamp
