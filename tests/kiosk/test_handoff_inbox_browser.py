"""In headless Chromium, on the officers' inbox with CSRF on: a waiting conversation appears without
reloading, the officer takes it, reads the citizen's masked message, replies (the widget's poll gets the
reply), and closes it, the page running under the site's CSP; Rasa (a fake of its tracker API) is
paused, receives the reply, and is resumed. The page with a conversation open passes axe-core."""

from __future__ import annotations

import re

import requests

from tests.kiosk.axe_pages import violations
from tests.kiosk.browser_helpers import sign_in
from tests.kiosk.handoff_setup import PASSWORD, make_units, queued

SENDER = "web-" + "e5" * 16


def test_an_officer_takes_replies_to_and_closes_a_conversation_live(live_server, page, app, db, rasa_admin):
    app.config["WTF_CSRF_ENABLED"] = True
    make_units(db)
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    sign_in(page, live_server, "canbo12", PASSWORD)
    page.goto(f"{live_server}/quan-ly/tro-chuyen")
    assert "Không có cuộc trò chuyện." in page.inner_text("#list-waiting")

    conversation = queued(db, SENDER, question="Đăng ký khai sinh cần gì?")  # the assistant queues it meanwhile
    page.wait_for_selector(f'#list-waiting li[data-id="{conversation.id}"]', timeout=15000)
    assert "Đăng ký khai sinh cần gì?" in page.inner_text("#list-waiting")
    page.click(f'#list-waiting li[data-id="{conversation.id}"] a')
    page.click('#conversation form[data-action="take"] button')
    page.wait_for_selector("#reply-text")
    assert rasa_admin.paused[SENDER] is True

    rasa_admin.say(SENDER, "Con tôi sinh ngày 01/11, số tôi 0912 345 678")
    page.wait_for_selector("text=Con tôi sinh ngày 01/11, số tôi [số điện thoại]", timeout=15000)
    assert "0912 345 678" not in page.inner_text("#conversation")

    page.fill("#reply-text", "Anh/chị mang giấy chứng sinh và CCCD.")
    page.click('#conversation form[data-action="reply"] button')
    page.wait_for_selector(".message.from-officer >> text=Anh/chị mang giấy chứng sinh và CCCD.")
    assert page.input_value("#reply-text") == ""
    assert rasa_admin.bot_texts(SENDER)[-1] == "Anh/chị mang giấy chứng sinh và CCCD."
    widget = requests.get(f"{live_server}/tro-chuyen/phien/{SENDER}/tin-nhan", timeout=5).json()
    assert widget["status"] == "open" and widget["messages"][-1]["text"] == "Anh/chị mang giấy chứng sinh và CCCD."

    page.click('#conversation form[data-action="close"] button')
    page.wait_for_selector('#conversation [data-field="status"] >> text=Đã kết thúc')
    page.wait_for_selector(f'#list-closed li[data-id="{conversation.id}"]', timeout=15000)
    assert rasa_admin.paused[SENDER] is False
    assert re.search(r"Cán bộ đã kết thúc cuộc trò chuyện", page.inner_text("#messages"))
    assert refused == [], "the page runs under the site's CSP, without inline script or style"


def test_the_inbox_with_a_conversation_open_has_no_axe_violation(browser, live_server, app, db, rasa_admin):
    make_units(db)
    waiting = queued(db, "web-axe-waiting", question="Hỏi về chứng thực")
    chosen = queued(db, SENDER, question="Đăng ký khai sinh cần gì?")
    context = browser.new_context(locale="vi-VN", bypass_csp=True)  # axe is injected as an inline script
    page = context.new_page()
    try:
        sign_in(page, live_server, "canbo12", PASSWORD)
        page.goto(f"{live_server}/quan-ly/tro-chuyen?id={chosen.id}")
        page.click('#conversation form[data-action="take"] button')
        page.wait_for_selector("#reply-text")
        page.fill("#reply-text", "Chào anh/chị")
        page.click('#conversation form[data-action="reply"] button')
        page.wait_for_selector(".message.from-officer")
        assert page.is_visible(f'#list-waiting li[data-id="{waiting.id}"]')
        assert violations(page) == []
    finally:
        context.close()
