"""/quan-ly/tro-ly in real headless Chromium: a manager reads the figures of a generated dataset (equal to
the counts made by hand), picks a procedure offered for a missed question (the page's script asks the search),
teaches it, and the search answers the question with that procedure at once; the page passes axe."""

from __future__ import annotations

import re
from datetime import datetime

from tests.factories import COMMUNE, add_procedure, seed_catalogue
from tests.kiosk.assistant_dataset import PERIOD_FIRST, PERIOD_LAST, Dataset, Turn, store
from tests.kiosk.axe_pages import violations
from tests.kiosk.browser_helpers import PASSWORD, sign_in, sign_in_as

QUESTION = "xin phép nuôi chim yến trong nhà"
TARGET = "1.009999"


def test_a_manager_reads_the_figures_and_teaches_a_missed_question(
    live_server, page, browser, app, db, client, key_headers
):
    app.config["WTF_CSRF_ENABLED"] = True
    seed_catalogue(db)
    add_procedure(db, TARGET, "Cấp giấy chứng nhận cơ sở nuôi chim yến đủ điều kiện", 5, field="Chăn nuôi")
    db.commit()
    data = Dataset(
        turns=[
            Turn(COMMUNE, "web-a", _at(2, 9), "web", "ask_documents", "answered", "2.000815", "chứng thực bản sao", ""),
            Turn(COMMUNE, "web-a", _at(2, 10), "web", "nlu_fallback", "not_found", None, QUESTION, ""),
            Turn(COMMUNE, "zalo-b", _at(3, 8), "zalo", "nlu_fallback", "not_found", None, f"Cho hỏi {QUESTION} ạ", ""),
            Turn(COMMUNE, "zalo-b", _at(3, 9), "zalo", "human_handoff", "handoff", None, "gặp cán bộ", QUESTION),
        ]
    )
    store(client, db, {COMMUNE: key_headers(COMMUNE, "assistant")}, data)
    sign_in_as(page, live_server, db, "quanly", "manager", COMMUNE, "Lãnh đạo")

    page.goto(f"{live_server}/quan-ly/")
    page.click("a[data-endpoint='assistant_insights.insights']")
    page.fill("input[name=from]", PERIOD_FIRST.isoformat())
    page.fill("input[name=to]", PERIOD_LAST.isoformat())
    page.click("#period button[type=submit]")
    page.wait_for_load_state()

    assert page.inner_text("[data-figure=conversations]") == "2"
    assert page.inner_text("[data-figure=messages]") == "4"
    assert page.inner_text("[data-figure=containment]") == "50%"  # web-a alone ended without an officer
    assert page.inner_text("[data-figure=not-found]") == "2"
    assert page.inner_text("tr[data-channel=zalo]").split("\t")[1:] == ["1", "2"]
    row = page.locator("tr[data-key='xin phep nuoi chim yen trong nha']")
    assert row.locator("[data-count]").inner_text() == "3"  # two "not found" and the hand-off's question

    box = row.locator("input[name=procedure]")
    box.focus()
    page.wait_for_selector("form.teach[data-ready='1']", state="attached")
    offered = row.locator("datalist option").evaluate_all("options => options.map(option => option.value)")
    assert offered and all(re.fullmatch(r"\d\.\d{6}", code) for code in offered)
    box.fill(TARGET)
    row.locator("form.teach button[type=submit]").click()
    page.wait_for_load_state()

    assert "Đã dạy trợ lý" in page.inner_text("main")
    assert page.locator("tr[data-key='xin phep nuoi chim yen trong nha']").count() == 0
    answer = client.get("/api/v1/procedures", query_string={"q": f"Cho hỏi {QUESTION} ạ", "level": "xa"}).get_json()
    assert (answer["match"], answer["items"][0]["code"]) == ("strong", TARGET)

    # axe injects its script inline: a context of its own without the CSP, which the steps above kept.
    context = browser.new_context(locale="vi-VN", bypass_csp=True)
    try:
        axe_page = context.new_page()
        sign_in(axe_page, live_server, "quanly", PASSWORD)
        axe_page.goto(f"{live_server}/quan-ly/tro-ly?unit={COMMUNE}&from={PERIOD_FIRST}&to={PERIOD_LAST}")
        assert violations(axe_page) == []
    finally:
        context.close()


def _at(day: int, hour: int) -> datetime:
    return datetime(PERIOD_FIRST.year, PERIOD_FIRST.month, day, hour, 0, 0, 250_000)
