"""The web chat widget (kiosk/static/chat) in real Chromium, against a fake Rasa REST channel."""

from __future__ import annotations

from playwright.sync_api import expect

DOCUMENTS_REPLY = [
    {"recipient_id": "x", "text": "Thủ tục: Cấp thẻ căn cước\nGiấy tờ cần nộp:\n• Tờ khai (1 bản chính)"},
    {
        "recipient_id": "x",
        "text": "Anh/chị muốn hỏi gì thêm?",
        "buttons": [{"title": "Lệ phí", "payload": "/ask_fee"}, {"title": "Thời gian", "payload": "/ask_duration"}],
    },
]


def test_citizen_asks_without_diacritics_and_follows_up_with_a_button(app, live_server, rasa, page):
    app.config["RASA_URL"] = rasa.url
    rasa.replies["lam cccd can giay to gi"] = DOCUMENTS_REPLY
    rasa.replies["/ask_fee"] = [{"recipient_id": "x", "text": "Lệ phí: • Nộp trực tiếp: 30.000 đồng"}]
    page.goto(live_server + "/")

    page.get_by_role("button", name="Hỏi trợ lý").click()
    page.get_by_placeholder("Nhập câu hỏi (có dấu hoặc không dấu)…").fill("lam cccd can giay to gi")
    page.keyboard.press("Enter")

    log = page.locator(".mc-chat-log")
    expect(log.locator(".mc-chat-user")).to_have_text(["lam cccd can giay to gi"])
    expect(log.locator(".mc-chat-bot").nth(1)).to_contain_text("Thủ tục: Cấp thẻ căn cước")
    assert log.locator(".mc-chat-bot br").count() >= 2  # the answer's lines stay lines
    page.get_by_role("button", name="Lệ phí").click()

    expect(log.locator(".mc-chat-user").last).to_have_text("Lệ phí")
    expect(log.locator(".mc-chat-bot").last).to_have_text("Lệ phí: • Nộp trực tiếp: 30.000 đồng")
    expect(log.locator(".mc-chat-choice")).to_have_count(0)
    assert [r["message"] for r in rasa.received] == ["lam cccd can giay to gi", "/ask_fee"]
    assert rasa.received[0]["sender"] == rasa.received[1]["sender"] != ""


def test_bot_text_is_shown_as_text_and_links_open_safely(app, live_server, rasa, page):
    app.config["RASA_URL"] = rasa.url
    rasa.replies["xin chao"] = [
        {"text": '<img src=x onerror="window.hacked=1"> Xem https://dichvucong.gov.vn/p/home.html nhé'}
    ]
    page.goto(live_server + "/")
    page.get_by_role("button", name="Hỏi trợ lý").click()
    page.locator(".mc-chat-input").fill("xin chao")
    page.get_by_role("button", name="Gửi").click()

    bot = page.locator(".mc-chat-bot").last
    expect(bot).to_contain_text('<img src=x onerror="window.hacked=1">')
    link = bot.get_by_role("link")
    expect(link).to_have_attribute("href", "https://dichvucong.gov.vn/p/home.html")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    assert page.evaluate("window.hacked") is None


def test_an_unreachable_assistant_gets_a_polite_vietnamese_message(app, live_server, page):
    app.config["RASA_URL"] = "http://127.0.0.1:9"
    page.goto(live_server + "/")
    page.get_by_role("button", name="Hỏi trợ lý").click()
    page.locator(".mc-chat-input").fill("tra cứu hồ sơ")
    page.keyboard.press("Enter")
    expect(page.locator(".mc-chat-error")).to_have_text(
        "Chưa kết nối được trợ lý. Anh/chị vui lòng thử lại sau ít phút."
    )


def test_one_script_tag_embeds_the_widget_on_another_sites_page(live_server, rasa, page):
    rasa.portal_html = (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng tỉnh</title></head>'
        "<body><h1>Cổng thông tin điện tử tỉnh</h1>"
        f'<script src="{live_server}/static/chat/widget.js" data-rasa-url="{rasa.url}" data-open="1"></script>'
        "</body></html>"
    )
    rasa.replies["mấy giờ mở cửa"] = [{"text": "Giờ làm việc: 7:30–17:00, thứ Hai đến thứ Sáu."}]
    page.goto(rasa.url + "/portal.html")

    expect(page.locator(".mc-chat-panel")).to_be_visible()
    # The stylesheet came from the widget's own server: the panel is positioned, not in the page flow.
    assert page.locator(".mc-chat").evaluate("n => getComputedStyle(n).position") == "fixed"
    page.locator(".mc-chat-input").fill("mấy giờ mở cửa")
    page.keyboard.press("Enter")
    expect(page.locator(".mc-chat-bot").last).to_have_text("Giờ làm việc: 7:30–17:00, thứ Hai đến thứ Sáu.")


def test_english_pages_get_the_widget_in_english(app, live_server, rasa, page):
    app.config["RASA_URL"] = rasa.url
    page.goto(live_server + "/?lang=en")
    page.get_by_role("button", name="Ask the assistant").click()
    expect(page.locator(".mc-chat-bot").first).to_contain_text("Hello!")
