"""The chat widget as a citizen uses it across pages, in real Chromium against a fake Rasa REST channel
that can answer slowly: messages typed while waiting are sent in order, a long answer is read from its
start, the conversation follows the citizen to the next page, the "Hỏi trợ lý" button covers nothing and
is not on staff pages, and the input's hint is read whole on a phone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.factories import COMMUNE, seed_catalogue
from tests.kiosk.browser_helpers import placeholder_fits, sign_in_as
from tests.kiosk.fake_rasa import FakeRasa, serve_fake_rasa

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def rasa(app) -> Iterator[FakeRasa]:
    """The shared fake Rasa, answering the widget of this app."""
    for fake in serve_fake_rasa():
        app.config["RASA_URL"] = fake.url
        yield fake


def ask(page, text: str) -> None:
    page.locator(".mc-chat-input").fill(text)
    page.keyboard.press("Enter")


def test_a_message_typed_while_waiting_is_sent_after_the_answer_in_order(live_server, rasa, page):
    rasa.replies = {"mot": [{"text": "Trả lời một"}], "hai": [{"text": "Trả lời hai"}], "ba": [{"text": "Trả lời ba"}]}
    rasa.delays = {"mot": 1.0}
    page.goto(live_server + "/")
    page.get_by_role("button", name="Hỏi trợ lý").click()
    expect(page.locator(".mc-chat-bot")).to_have_count(1)  # the welcome
    ask(page, "mot")
    ask(page, "hai")
    ask(page, "ba")
    expect(page.locator(".mc-chat-bot").last).to_have_text("Trả lời ba")
    assert rasa.messages == ["mot", "hai", "ba"]
    texts = page.locator(".mc-chat-user, .mc-chat-bot").all_inner_texts()[1:]
    assert texts == ["mot", "Trả lời một", "hai", "Trả lời hai", "ba", "Trả lời ba"]


def test_a_long_answer_is_shown_from_its_first_line(live_server, rasa, page):
    lines = "\n".join(f"{n}. Giấy tờ thứ {n} cần nộp theo quy định" for n in range(1, 40))
    rasa.replies = {"khai sinh": [{"text": "Thủ tục: Đăng ký khai sinh\n" + lines}]}
    page.set_viewport_size(PHONE)
    page.goto(live_server + "/")
    page.get_by_role("button", name="Hỏi trợ lý").click()
    ask(page, "khai sinh")
    answer = page.locator(".mc-chat-bot").last
    expect(answer).to_contain_text("Thủ tục: Đăng ký khai sinh")
    page.wait_for_timeout(200)
    top = answer.evaluate("n => n.getBoundingClientRect().top")
    log_top = page.locator(".mc-chat-log").evaluate("n => n.getBoundingClientRect().top")
    assert log_top <= top < log_top + 40  # the procedure's name is at the top of the visible log


def test_the_conversation_follows_the_citizen_to_the_next_page(live_server, rasa, page):
    buttons = [{"title": "Giấy tờ", "payload": "/ask_docs"}]
    rasa.replies = {"le phi cccd": [{"text": "Lệ phí: 30.000 đồng", "buttons": buttons}]}
    page.goto(live_server + "/")
    page.get_by_role("button", name="Hỏi trợ lý").click()
    ask(page, "le phi cccd")
    expect(page.locator(".mc-chat-bot").last).to_have_text("Lệ phí: 30.000 đồng")
    page.goto(live_server + "/tra-cuu")
    page.get_by_role("button", name="Hỏi trợ lý").click()
    log = page.locator(".mc-chat-log")
    expect(log.locator(".mc-chat-user")).to_have_text(["le phi cccd"])
    expect(log.locator(".mc-chat-bot")).to_have_count(2)  # the welcome once, and the answer
    expect(log.locator(".mc-chat-choice")).to_have_text(["Giấy tờ"])  # the last answer's buttons still work
    log.locator(".mc-chat-choice").click()
    expect(log.locator(".mc-chat-user").last).to_have_text("Giấy tờ")
    expect(log.locator(".mc-chat-typing")).to_have_count(0)  # answered
    assert rasa.messages == ["le phi cccd", "/ask_docs"]


def test_the_assistant_button_covers_no_content_and_is_not_on_staff_pages(live_server, rasa, page, db):
    seed_catalogue(db)
    for size in (PHONE, {"width": 1280, "height": 800}):
        page.set_viewport_size(size)
        page.goto(live_server + "/thu-tuc?q=chung+thuc")
        launcher = page.get_by_role("button", name="Hỏi trợ lý")
        expect(launcher).to_be_visible()
        covered = page.evaluate(
            """() => {
              const b = document.querySelector('.mc-chat-launcher').getBoundingClientRect();
              return [...document.querySelectorAll('main *')].filter((n) => {
                const r = n.getBoundingClientRect();
                return r.width && r.height && r.left < b.right && b.left < r.right
                  && r.top < b.bottom && b.top < r.bottom;
              }).map((n) => n.tagName + ' ' + n.textContent.slice(0, 40));
            }"""
        )
        assert covered == [], size
        page.mouse.wheel(0, 400)
    sign_in_as(page, live_server, db, "quanly", "manager", COMMUNE)
    for path in ("/quan-ly/", "/quan-ly/danh-gia", "/quan-ly/bao-cao"):
        page.goto(live_server + path)
        assert page.locator(".mc-chat-launcher").count() == 0, path


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_input_hint_is_read_whole_on_a_phone(live_server, rasa, page, lang):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/?lang={lang}")
    page.locator(".mc-chat-launcher").click()
    fits, sizes = placeholder_fits(page.locator(".mc-chat-input"))
    assert fits, sizes
