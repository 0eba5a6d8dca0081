"""Gặp cán bộ in the chat widget, in real Chromium: once the assistant hands the conversation off (its custom
``{"handoff": ...}`` message, from a fake Rasa here), the widget polls the app's public endpoint for the place in
the queue and the officer's messages, shown under the officer's name; a citizen who reloads or comes back in a
new tab sees the last messages and the polling goes on; it stops when the officer closes. The history kept in
localStorage is bounded in size and age. The officer's side is the hand-off domain (motcua/handoff), as the
staff page drives it."""

from __future__ import annotations

import json
import time

import pytest
from playwright.sync_api import expect

from motcua.clock import now_local
from motcua.dossiers.workdays import HolidayCalendar
from motcua.handoff import messages, queue
from motcua.handoff.hours import parse_schedule
from motcua.units import get_unit, save_unit

pytestmark = pytest.mark.browser

UNIT = "000.00.00.H62"
SENDER = "web-" + "5a" * 16
# Officers always on duty, holidays included, so the run does not depend on the day or the hour.
ALWAYS_OPEN = parse_schedule("T2-CN 00:00-23:59", HolidayCalendar())


@pytest.fixture
def chat(app, rasa, db):
    app.config["RASA_URL"] = rasa.url
    if get_unit(db, UNIT) is None:
        save_unit(db, UNIT, "Trung tâm Phục vụ hành chính công", "tinh")
        db.commit()
    rasa.replies = {
        "cho tôi gặp cán bộ": [
            {"text": "Tôi đã chuyển cuộc trò chuyện cho cán bộ của trung tâm. Anh/chị đang ở vị trí số 1."},
            {"custom": {"handoff": {"status": "waiting", "conversation": 1, "position": 1, "poll": "ignored"}}},
        ],
        "làm căn cước cần gì": [{"text": "Thủ tục cấp thẻ căn cước: tờ khai, giấy tờ tùy thân."}],
    }
    return rasa


def open_widget(page, live_server: str, path: str = "/") -> None:
    page.goto(live_server + path)
    page.evaluate(f"() => window.localStorage.setItem('motcua-chat-sender', '{SENDER}')")
    page.reload()
    page.get_by_role("button", name="Hỏi trợ lý").click()


def ask(page, text: str) -> None:
    page.locator(".mc-chat-input").fill(text)
    page.keyboard.press("Enter")


def queue_it(db):
    unit = get_unit(db, UNIT)
    outcome = queue.request_handoff(db, unit, queue.Request(sender_id=SENDER, channel="web"), ALWAYS_OPEN, now_local())
    db.commit()
    return outcome.conversation


def test_the_citizen_sees_the_queue_the_officer_by_name_after_a_reload_and_the_close(live_server, chat, db, page):
    open_widget(page, live_server)
    conversation = queue_it(db)  # what the assistant's POST /api/v1/conversations does
    ask(page, "cho tôi gặp cán bộ")
    status = page.locator(".mc-chat-status")
    expect(status).to_have_text("Đang chờ cán bộ: anh/chị ở vị trí số 1 trong hàng chờ.")

    queue.take(db, conversation, None, "Cán bộ Lan", now_local())
    messages.add_officer(
        db, conversation, "Chào anh/chị, tôi là Lan. Anh/chị cần hỗ trợ gì?", None, "Cán bộ Lan", now_local()
    )
    db.commit()
    officer = page.locator(".mc-chat-officer")
    expect(officer).to_have_count(1, timeout=10_000)
    expect(officer.first).to_contain_text("Cán bộ Lan")
    expect(officer.first).to_contain_text("Anh/chị cần hỗ trợ gì?")
    expect(status).to_have_text("Đang trò chuyện với Cán bộ Lan.")
    expect(page.locator(".mc-chat-bot", has_text="đã tiếp nhận cuộc trò chuyện")).to_have_count(1)

    page.reload()  # comes back: the history is there and the polling goes on
    page.get_by_role("button", name="Hỏi trợ lý").click()
    expect(page.locator(".mc-chat-officer")).to_have_count(1)
    messages.add_officer(db, conversation, "Anh/chị mang theo CCCD nhé.", None, "Cán bộ Lan", now_local())
    db.commit()
    expect(page.locator(".mc-chat-officer")).to_have_count(2, timeout=10_000)
    expect(page.locator(".mc-chat-officer").nth(1)).to_contain_text("Cán bộ Lan")

    queue.close(db, conversation, now_local())
    db.commit()
    expect(page.locator(".mc-chat-bot", has_text="Trợ lý ảo tiếp tục hỗ trợ")).to_have_count(1, timeout=10_000)
    expect(status).to_be_hidden()
    assert page.evaluate("() => window.localStorage.getItem('motcua-chat-handoff')") is None
    ask(page, "làm căn cước cần gì")  # the assistant answers again
    expect(page.locator(".mc-chat-bot", has_text="Thủ tục cấp thẻ căn cước")).to_have_count(1)


def test_a_new_tab_later_resumes_an_open_hand_off(live_server, chat, db, page, browser):
    open_widget(page, live_server)
    conversation = queue_it(db)
    ask(page, "cho tôi gặp cán bộ")
    expect(page.locator(".mc-chat-status")).to_be_visible()
    state = page.context.storage_state()
    page.close()

    queue.take(db, conversation, None, "Cán bộ Hùng", now_local())
    messages.add_officer(db, conversation, "Tôi đã xem câu hỏi của anh/chị.", None, "Cán bộ Hùng", now_local())
    hostile = '<img src=x onerror="window.hacked=1"> <b>đậm</b>'
    messages.add_officer(db, conversation, hostile, None, "<i>Hùng</i>", now_local())
    db.commit()
    later = browser.new_context(locale="vi-VN", storage_state=state)  # same browser storage, a new tab
    tab = later.new_page()
    try:
        tab.goto(live_server + "/tra-cuu")
        tab.get_by_role("button", name="Hỏi trợ lý").click()
        expect(tab.locator(".mc-chat-user", has_text="cho tôi gặp cán bộ")).to_have_count(1)
        expect(tab.locator(".mc-chat-officer", has_text="Tôi đã xem câu hỏi")).to_have_count(1, timeout=10_000)
        expect(tab.locator(".mc-chat-officer .mc-chat-name").first).to_have_text("Cán bộ Hùng")
        # an officer's text and name are shown as text, never as markup
        expect(tab.locator(".mc-chat-officer", has_text=hostile)).to_have_count(1, timeout=10_000)
        expect(tab.locator(".mc-chat-officer .mc-chat-name").nth(1)).to_have_text("<i>Hùng</i>")
        assert (
            tab.evaluate("() => window.hacked") is None
            and tab.locator(".mc-chat-officer img, .mc-chat-officer b").count() == 0
        )
    finally:
        later.close()


def test_the_kept_history_is_bounded_in_size_and_age(live_server, chat, page):
    old = int((time.time() - 3 * 24 * 3600) * 1000)
    fresh = int(time.time() * 1000)
    entries = [{"who": "bot", "text": "tin cũ", "at": old}]
    entries += [{"who": "bot", "text": f"tin {i}", "at": fresh} for i in range(60)]
    page.goto(live_server + "/")
    page.evaluate("(v) => window.localStorage.setItem('motcua-chat-history', v)", json.dumps(entries))
    page.reload()
    page.get_by_role("button", name="Hỏi trợ lý").click()
    expect(page.locator(".mc-chat-bot", has_text="tin 59")).to_have_count(1)
    expect(page.locator(".mc-chat-bot", has_text="tin cũ")).to_have_count(0)
    assert page.locator(".mc-chat-bot").count() <= 40
    ask(page, "làm căn cước cần gì")
    expect(page.locator(".mc-chat-bot", has_text="Thủ tục cấp thẻ căn cước")).to_have_count(1)
    kept = json.loads(page.evaluate("() => window.localStorage.getItem('motcua-chat-history')"))
    assert len(kept) <= 40 and all(entry["at"] >= fresh for entry in kept)


def test_an_unknown_session_stops_polling_without_an_error_shown(live_server, chat, page):
    open_widget(page, live_server)  # the assistant says it handed off, but the app knows no such hand-off
    ask(page, "cho tôi gặp cán bộ")
    expect(page.locator(".mc-chat-status")).to_be_visible()  # the assistant's cue: waiting, polling
    expect(page.locator(".mc-chat-status")).to_be_hidden(timeout=10_000)  # the app's 404: stopped
    page.wait_for_function("() => window.localStorage.getItem('motcua-chat-handoff') === null")
    expect(page.locator(".mc-chat-error")).to_have_count(0)


def test_on_the_english_page_the_hand_off_is_told_in_english(live_server, chat, db, page):
    chat.replies["talk to a person"] = chat.replies["cho tôi gặp cán bộ"]
    page.goto(live_server + "/?lang=en")
    page.evaluate(f"() => window.localStorage.setItem('motcua-chat-sender', '{SENDER}')")
    page.reload()
    page.get_by_role("button", name="Ask the assistant").click()
    conversation = queue_it(db)
    ask(page, "talk to a person")
    expect(page.locator(".mc-chat-status")).to_have_text("Waiting for an officer: you are number 1 in the queue.")
    queue.take(db, conversation, None, "Cán bộ Lan", now_local())
    messages.add_officer(db, conversation, "Hello, how can I help?", None, "Cán bộ Lan", now_local())
    db.commit()
    expect(page.locator(".mc-chat-status")).to_have_text("Talking with Cán bộ Lan.", timeout=10_000)
    expect(page.locator(".mc-chat-officer")).to_have_attribute("aria-label", "Cán bộ Lan")
