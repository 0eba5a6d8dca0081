import json
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from actions import catalogue
from actions.catalogue import ActionProcedureAnswer, close_results, is_context_question
from rasa_sdk.events import SlotSet

from bot_tests.conftest import UNIT, make_tracker
from bot_tests.procedure_answers import KET_HON, KHAI_SINH


@pytest.fixture(autouse=True)
def _no_remembered_unit_level(monkeypatch):
    """Each test starts as a fresh action server: the unit (its level, hotline) not read yet."""
    monkeypatch.setattr(catalogue, "_units", {})


def slots_set(events: list[dict]) -> dict:
    return {event["name"]: event["value"] for event in events if event["event"] == "slot"}


def answer_search(fake_app, items):
    fake_app.answer("GET", "/api/v1/procedures", 200, {"items": items, "total": len(items)})


def test_documents_answer_lists_what_to_submit_with_quantities_and_keeps_the_procedure(fake_app, api, dispatcher):
    answer_search(fake_app, [{"code": "1.001193", "name": KHAI_SINH["name"], "score": 9.0}])
    fake_app.answer("GET", "/api/v1/procedures/1.001193", 200, KHAI_SINH)
    tracker = make_tracker("lam giay khai sinh can giay to gi", "ask_documents")

    events = ActionProcedureAnswer(api).answer(dispatcher, tracker, {})

    assert events == [
        SlotSet("procedure_code", "1.001193"),
        SlotSet("procedure_name", KHAI_SINH["name"]),
        SlotSet("procedure_choices", None),
    ]
    text = dispatcher.messages[0]["text"]
    assert "Thủ tục đăng ký khai sinh (mã 1.001193, cấp xã)" in text
    assert "• Tờ khai đăng ký khai sinh (1 bản chính)" in text
    assert "Mang theo để xuất trình: Căn cước của người đi đăng ký" in text
    assert "/thu-tuc/1.001193" in text
    assert any(r["path"].startswith("/api/v1/procedures?q=lam+giay+khai+sinh") for r in fake_app.requests)


def test_follow_up_fee_question_stays_on_the_procedure_under_discussion(fake_app, api, dispatcher):
    fake_app.answer("GET", "/api/v1/procedures/1.001193", 200, KHAI_SINH)
    tracker = make_tracker("còn lệ phí?", "ask_fee", slots={"procedure_code": "1.001193"})

    ActionProcedureAnswer(api).answer(dispatcher, tracker, {})

    assert [r["path"] for r in fake_app.requests] == ["/api/v1/procedures/1.001193"]
    text = dispatcher.messages[0]["text"]
    assert "• Nộp trực tiếp: Miễn lệ phí" in text and "• Nộp trực tuyến: Miễn lệ phí" in text


def test_duration_gives_working_days_per_channel(fake_app, api, dispatcher):
    fake_app.answer("GET", "/api/v1/procedures/1.001193", 200, KHAI_SINH)
    ActionProcedureAnswer(api).answer(
        dispatcher, make_tracker("bao lâu?", "ask_duration", {"procedure_code": "1.001193"}), {}
    )
    text = dispatcher.messages[0]["text"]
    assert "• Nộp trực tiếp: Ngay trong ngày" in text and "• Nộp trực tuyến: 1 ngày làm việc" in text


def test_document_list_drops_the_portal_bullet_marks(fake_app, api, dispatcher):
    record = {**KHAI_SINH, "documents": [{"name": "- Tờ khai", "kind": "nop", "quantity": 1, "copy_type": "bản chính"}]}
    fake_app.answer("GET", "/api/v1/procedures/1.001193", 200, record)
    ActionProcedureAnswer(api).answer(
        dispatcher, make_tracker("cần gì?", "ask_documents", {"procedure_code": "1.001193"}), {}
    )
    assert "• Tờ khai (1 bản chính)" in dispatcher.messages[0]["text"]


def test_duration_in_calendar_days_is_not_shown_as_working_days(fake_app, api, dispatcher):
    record = {
        **KHAI_SINH,
        "channels": [
            {
                "channel": "truc_tiep",
                "processing_time": "30 Ngày",
                "processing_days": 21,
                "processing_label": "30 ngày",
                "fee": "Không",
            }
        ],
    }
    fake_app.answer("GET", "/api/v1/procedures/1.001193", 200, record)
    ActionProcedureAnswer(api).answer(
        dispatcher, make_tracker("bao lâu?", "ask_duration", {"procedure_code": "1.001193"}), {}
    )
    text = dispatcher.messages[0]["text"]
    assert "• Nộp trực tiếp: 30 ngày" in text
    assert "21 ngày làm việc" not in text


def test_a_new_procedure_named_in_a_follow_up_replaces_the_old_one(fake_app, api, dispatcher):
    answer_search(fake_app, [{"code": "1.000894", "name": KET_HON["name"], "score": 7.0}])
    fake_app.answer("GET", "/api/v1/procedures/1.000894", 200, KET_HON)
    tracker = make_tracker("còn đăng ký kết hôn thì mất bao nhiêu tiền", "ask_fee", {"procedure_code": "1.001193"})

    events = ActionProcedureAnswer(api).answer(dispatcher, tracker, {})

    assert SlotSet("procedure_code", "1.000894") in events


def test_close_results_are_offered_as_buttons_keeping_the_question(fake_app, api, dispatcher):
    answer_search(
        fake_app,
        [
            {"code": "1.001193", "name": KHAI_SINH["name"], "score": 5.0},
            {"code": "1.004884", "name": "Đăng ký lại khai sinh", "score": 4.9},
            {"code": "2.000528", "name": "Đăng ký khai sinh có yếu tố nước ngoài", "score": 4.7},
            {"code": "9.999999", "name": "Khác", "score": 1.0},
        ],
    )
    events = ActionProcedureAnswer(api).answer(dispatcher, make_tracker("khai sinh lệ phí", "ask_fee"), {})

    assert [item["code"] for item in slots_set(events)["procedure_choices"]] == ["1.001193", "1.004884", "2.000528"]
    buttons = dispatcher.messages[0]["buttons"]
    assert [b["title"] for b in buttons] == [
        KHAI_SINH["name"],
        "Đăng ký lại khai sinh",
        "Đăng ký khai sinh có yếu tố nước ngoài",
    ]
    assert buttons[0]["payload"] == "/ask_fee" + json.dumps({"procedure_code": "1.001193"})


def test_a_button_choice_answers_that_procedure_without_searching(fake_app, api, dispatcher):
    fake_app.answer("GET", "/api/v1/procedures/1.000894", 200, KET_HON)
    entities = [{"entity": "procedure_code", "value": "1.000894"}]
    tracker = make_tracker('/ask_online{"procedure_code":"1.000894"}', "ask_online", entities=entities)

    ActionProcedureAnswer(api).answer(dispatcher, tracker, {})

    assert "chưa nộp trực tuyến được" in dispatcher.messages[0]["text"]
    assert [r["path"] for r in fake_app.requests] == ["/api/v1/procedures/1.000894"]


def test_online_answer_gives_the_portal_link(fake_app, api, dispatcher):
    fake_app.answer("GET", "/api/v1/procedures/1.001193", 200, KHAI_SINH)
    ActionProcedureAnswer(api).answer(
        dispatcher, make_tracker("/ask_online", "ask_online", {"procedure_code": "1.001193"}), {}
    )
    assert KHAI_SINH["portal_url"] in dispatcher.messages[0]["text"]


def test_where_answer_names_the_level_and_the_online_option(fake_app, api, dispatcher):
    fake_app.answer("GET", "/api/v1/procedures/1.001193", 200, KHAI_SINH)
    ActionProcedureAnswer(api).answer(
        dispatcher, make_tracker("nộp ở đâu", "ask_where", {"procedure_code": "1.001193"}), {}
    )
    text = dispatcher.messages[0]["text"]
    assert "Ủy ban nhân dân cấp xã" in text and "Có thể nộp trực tuyến" in text


def test_no_result_suggests_how_to_ask(fake_app, api, dispatcher):
    answer_search(fake_app, [])
    events = ActionProcedureAnswer(api).answer(dispatcher, make_tracker("làm cái xyz cần gì", "ask_documents"), {})
    assert events == [] and "không tìm thấy thủ tục" in dispatcher.messages[0]["text"]


def test_an_unreachable_catalogue_gets_a_polite_message(dispatcher):
    from actions.api_client import MotCuaAPI

    ActionProcedureAnswer(MotCuaAPI(base_url="http://127.0.0.1:9")).answer(
        dispatcher, make_tracker("lam cccd can gi", "ask_documents"), {}
    )
    assert "tạm thời gián đoạn" in dispatcher.messages[0]["text"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("còn lệ phí?", True),
        ("bao lâu?", True),
        ("nop o dau vay", True),
        ("lam online duoc ko", True),
        ("/ask_fee", True),
        ("đăng ký kết hôn mất bao lâu", False),
        ("lam cccd can gi", False),
        # "again", "fix" and chat fillers name no procedure either
        ("cấp lại chỗ nào", True),
        ("sửa ở đâu z mn", True),
        ("làm lại thì sao v", True),
        ("cấp lại thẻ bhyt ở đâu", False),
        ("sửa tên trong giấy khai sinh", False),
        # procedure nouns made of question syllables ("sổ đỏ" folds as "hồ sơ đó")
        ("mất sổ đỏ làm lại ở đâu", False),
        ("sửa sổ hồng", False),
    ],
)
def test_context_questions_are_those_naming_no_procedure(text, expected):
    assert is_context_question(text) is expected


def test_a_clear_winner_is_answered_directly():
    assert close_results([{"code": "a", "score": 10}, {"code": "b", "score": 5}]) == [{"code": "a", "score": 10}]


def test_a_follow_up_with_no_procedure_in_context_asks_which_one(fake_app, api, dispatcher):
    events = ActionProcedureAnswer(api).answer(dispatcher, make_tracker("còn lệ phí?", "ask_fee"), {})
    assert events == [] and fake_app.requests == []
    assert dispatcher.messages[0]["text"].startswith("Anh/chị hỏi về thủ tục nào ạ?")


def test_same_named_procedures_are_told_apart_by_their_level(fake_app, api, dispatcher):
    answer_search(
        fake_app,
        [
            {"code": "1.014062", "name": "Cấp thẻ căn cước cho người dưới 14 tuổi", "levels": ["xa"], "score": 5.0},
            {"code": "1.014070", "name": "Cấp thẻ căn cước cho người dưới 14 tuổi ", "levels": ["tinh"], "score": 4.9},
        ],
    )
    ActionProcedureAnswer(api).answer(dispatcher, make_tracker("lam cccd cho con", "ask_documents"), {})
    assert [b["title"] for b in dispatcher.messages[0]["buttons"]] == [
        "Cấp thẻ căn cước cho người dưới 14 tuổi (cấp xã)",
        "Cấp thẻ căn cước cho người dưới 14 tuổi (cấp tỉnh)",
    ]


CHOICES = [
    {"code": "1.001193", "name": KHAI_SINH["name"], "levels": ["xa"]},
    {"code": "1.004884", "name": "Đăng ký lại khai sinh", "levels": ["xa"]},
]


def test_offered_choices_are_remembered_and_the_old_procedure_forgotten(fake_app, api, dispatcher):
    answer_search(fake_app, [{**item, "score": 5.0} for item in CHOICES])
    tracker = make_tracker("khai sinh cần gì", "ask_documents", {"procedure_code": "1.000894"})

    events = ActionProcedureAnswer(api).answer(dispatcher, tracker, {})

    assert SlotSet("procedure_choices", CHOICES) in events and SlotSet("procedure_code", None) in events


def test_a_follow_up_while_a_choice_is_pending_offers_the_same_procedures_again(fake_app, api, dispatcher):
    tracker = make_tracker("còn lệ phí?", "ask_fee", {"procedure_choices": CHOICES})

    events = ActionProcedureAnswer(api).answer(dispatcher, tracker, {})

    assert fake_app.requests == [] and events == []
    message = dispatcher.messages[0]
    assert message["text"] == "Anh/chị hỏi lệ phí của thủ tục nào dưới đây ạ?"
    assert [b["title"] for b in message["buttons"]] == [item["name"] for item in CHOICES]
    assert message["buttons"][1]["payload"] == "/ask_fee" + json.dumps({"procedure_code": "1.004884"})


def test_a_choice_made_answers_and_clears_the_pending_choices(fake_app, api, dispatcher):
    fake_app.answer("GET", "/api/v1/procedures/1.001193", 200, KHAI_SINH)
    entities = [{"entity": "procedure_code", "value": "1.001193"}]
    tracker = make_tracker(
        '/ask_fee{"procedure_code":"1.001193"}', "ask_fee", {"procedure_choices": CHOICES}, entities=entities
    )

    events = ActionProcedureAnswer(api).answer(dispatcher, tracker, {})

    assert SlotSet("procedure_choices", None) in events and SlotSet("procedure_code", "1.001193") in events


def test_the_search_is_told_the_level_of_the_units_centre(fake_app, api, dispatcher):
    fake_app.answer("GET", f"/api/v1/units/{UNIT}", 200, {"code": UNIT, "name": "UBND xã", "level": "xa"})
    answer_search(fake_app, [{"code": "1.001193", "name": KHAI_SINH["name"], "score": 9.0}])
    fake_app.answer("GET", "/api/v1/procedures/1.001193", 200, KHAI_SINH)

    for _ in range(2):
        ActionProcedureAnswer(api).answer(dispatcher, make_tracker("lam giay khai sinh", "ask_documents"), {})

    searches = [r["path"] for r in fake_app.requests if r["path"].startswith("/api/v1/procedures?")]
    assert len(searches) == 2 and all("&level=xa" in path for path in searches)
    assert [r["path"] for r in fake_app.requests].count(f"/api/v1/units/{UNIT}") == 1


def test_a_unit_of_a_level_the_search_does_not_know_searches_without_a_hint(fake_app, api, dispatcher):
    fake_app.answer("GET", f"/api/v1/units/{UNIT}", 200, {"code": UNIT, "name": "UBND huyện", "level": "huyen"})
    answer_search(fake_app, [{"code": "1.001193", "name": KHAI_SINH["name"], "score": 9.0}])
    fake_app.answer("GET", "/api/v1/procedures/1.001193", 200, KHAI_SINH)

    ActionProcedureAnswer(api).answer(dispatcher, make_tracker("lam giay khai sinh", "ask_documents"), {})

    [search] = [r["path"] for r in fake_app.requests if r["path"].startswith("/api/v1/procedures?")]
    assert "level=" not in search


def _search_says(fake_app, items, match, aspect=None):
    fake_app.answer(
        "GET", "/api/v1/procedures", 200, {"items": items, "total": len(items), "match": match, "aspect": aspect}
    )


def test_the_aspect_named_in_the_message_is_answered_first_whatever_the_intent(fake_app, api, dispatcher):
    _search_says(fake_app, [{"code": "1.001193", "name": KHAI_SINH["name"], "score": 9.0}], "strong")
    fake_app.answer("GET", "/api/v1/procedures/1.001193", 200, KHAI_SINH)

    ActionProcedureAnswer(api).answer(dispatcher, make_tracker("làm khai sinh nộp ở đâu", "ask_documents"), {})

    text = dispatcher.messages[0]["text"]
    assert "Nơi nộp hồ sơ: Bộ phận Một cửa của Ủy ban nhân dân cấp xã" in text and "Giấy tờ cần nộp" not in text


def test_can_it_be_done_online_gets_the_online_answer_not_the_documents(fake_app, api, dispatcher):
    _search_says(fake_app, [{"code": "1.001193", "name": KHAI_SINH["name"], "score": 9.0}], "strong")
    fake_app.answer("GET", "/api/v1/procedures/1.001193", 200, KHAI_SINH)

    ActionProcedureAnswer(api).answer(dispatcher, make_tracker("khai sinh qua mạng được không", "ask_documents"), {})

    assert "nộp trực tuyến được tại Cổng Dịch vụ công" in dispatcher.messages[0]["text"]


def test_a_weak_match_offers_did_you_mean_choices(fake_app, api, dispatcher):
    items = [
        {"code": "1.001193", "name": KHAI_SINH["name"], "levels": ["xa"], "score": 3.0},
        {"code": "1.000894", "name": KET_HON["name"], "levels": ["xa"], "score": 1.0},
    ]
    _search_says(fake_app, items, "weak")

    events = ActionProcedureAnswer(api).answer(dispatcher, make_tracker("giấy đăng ký cho con", "ask_procedure"), {})

    message = dispatcher.messages[0]
    assert message["text"].startswith("Tôi chưa tìm thấy thủ tục khớp hẳn với câu hỏi. Có phải anh/chị hỏi về")
    assert [b["payload"] for b in message["buttons"]] == [
        '/ask_procedure{"procedure_code": "1.001193"}',
        '/ask_procedure{"procedure_code": "1.000894"}',
    ]
    assert [c["code"] for c in slots_set(events)["procedure_choices"]] == ["1.001193", "1.000894"]


def test_a_question_matching_nothing_is_not_answered_with_a_procedure(fake_app, api, dispatcher):
    _search_says(fake_app, [{"code": "1.001193", "name": KHAI_SINH["name"], "score": 0.5}], "none")

    events = ActionProcedureAnswer(api).answer(dispatcher, make_tracker("nuôi chó cần giấy tờ gì", "ask_documents"), {})

    assert events == [] and "không tìm thấy thủ tục" in dispatcher.messages[0]["text"]
    assert KHAI_SINH["name"] not in dispatcher.messages[0]["text"]


def test_a_long_document_list_says_how_many_more_and_links_the_full_list(fake_app, api, dispatcher):
    documents = [
        {"name": f"Giấy tờ số {i}", "kind": "nop", "quantity": 1, "copy_type": "bản sao"} for i in range(1, 13)
    ]
    fake_app.answer("GET", "/api/v1/procedures/1.001193", 200, {**KHAI_SINH, "documents": documents})

    ActionProcedureAnswer(api).answer(
        dispatcher, make_tracker("cần giấy tờ gì", "ask_documents", {"procedure_code": "1.001193"}), {}
    )

    text = dispatcher.messages[0]["text"]
    lines = [line for line in text.splitlines() if line.startswith("• ")]
    assert [line.split(" (")[0] for line in lines] == [f"• Giấy tờ số {i}" for i in range(1, 9)]
    assert "Giấy tờ cần nộp (12):" in text
    assert "còn 4 giấy tờ khác" in text and "/thu-tuc/1.001193" in text.split("còn 4 giấy tờ khác")[1]


def test_the_fee_note_is_stated_with_the_headline_fee(fake_app, api, dispatcher):
    record = {
        **KHAI_SINH,
        "fee": "100.000 đồng",
        "fee_note": "giảm 50 % đến hết 31/12/2026",
        "channels": [{"channel": "truc_tiep", "processing_time": "3 ngày", "fee": "100.000 đồng", "fee_note": ""}],
    }
    fake_app.answer("GET", "/api/v1/procedures/1.001193", 200, record)

    ActionProcedureAnswer(api).answer(
        dispatcher, make_tracker("lệ phí?", "ask_fee", {"procedure_code": "1.001193"}), {}
    )

    assert "Lệ phí: 100.000 đồng (giảm 50 % đến hết 31/12/2026)" in dispatcher.messages[0]["text"]


def test_a_reduction_the_app_already_applied_is_stated_once(fake_app, api, dispatcher):
    """The app states the fee of today with its running reduction and end date (``fee_until``); the
    portal's note saying the same must not follow it a second time."""
    record = {
        **KHAI_SINH,
        "fee": "35.000 đồng (giảm 50% so với 70.000 đồng, đến hết ngày 31/12/2026)",
        "fee_normal": "70.000 đồng",
        "fee_until": "2026-12-31",
        "fee_note": "Kể từ ngày 01/7/2025 đến hết ngày 31/12/2026, mức thu lệ phí bằng 50% mức thu quy định.",
        "channels": [{"channel": "truc_tiep", "processing_time": "3 ngày", "fee": "70.000 đồng", "fee_note": ""}],
    }
    fake_app.answer("GET", "/api/v1/procedures/1.001193", 200, record)

    ActionProcedureAnswer(api).answer(
        dispatcher, make_tracker("lệ phí?", "ask_fee", {"procedure_code": "1.001193"}), {}
    )

    text = dispatcher.messages[0]["text"]
    assert "Lệ phí: 35.000 đồng (giảm 50% so với 70.000 đồng, đến hết ngày 31/12/2026)" in text
    assert "mức thu lệ phí bằng 50%" not in text


def test_a_procedure_named_without_an_aspect_gets_its_card(fake_app, api, dispatcher):
    _search_says(fake_app, [{"code": "1.001193", "name": KHAI_SINH["name"], "score": 9.0}], "strong")
    fake_app.answer("GET", "/api/v1/procedures/1.001193", 200, KHAI_SINH)

    ActionProcedureAnswer(api).answer(dispatcher, make_tracker("trich luc khai sinh", "ask_procedure"), {})

    text = dispatcher.messages[0]["text"]
    assert text.startswith("Thủ tục: Thủ tục đăng ký khai sinh (mã 1.001193, cấp xã).")
    assert "• Lệ phí: Miễn lệ phí" in text and "• Nộp trực tuyến: có" in text and "• Hồ sơ: 2 giấy tờ" in text
    assert len(dispatcher.messages[0]["buttons"]) == 5


def test_the_form_question_lists_the_application_forms(fake_app, api, dispatcher):
    fake_app.answer("GET", "/api/v1/procedures/1.001193", 200, KHAI_SINH)

    ActionProcedureAnswer(api).answer(
        dispatcher, make_tracker("tờ khai lấy ở đâu", "ask_where", {"procedure_code": "1.001193"}), {}
    )

    text = dispatcher.messages[0]["text"]
    assert "Mẫu đơn, tờ khai:" in text and "• Tờ khai đăng ký khai sinh" in text


def test_a_fee_note_no_longer_valid_is_not_shown(fake_app, api, dispatcher):
    stale = "Từ 01/01/2023 đến 30/6/2023 giảm 50 %"
    record = {
        **KHAI_SINH,
        "fee": "100.000 đồng",
        "fee_note": None,
        "channels": [{"channel": "truc_tiep", "processing_time": "3 ngày", "fee": "100.000 đồng", "fee_note": stale}],
    }
    fake_app.answer("GET", "/api/v1/procedures/1.001193", 200, record)

    ActionProcedureAnswer(api).answer(
        dispatcher, make_tracker("lệ phí?", "ask_fee", {"procedure_code": "1.001193"}), {}
    )

    text = dispatcher.messages[0]["text"]
    assert "Lệ phí: 100.000 đồng\n" in text and stale not in text.split("\n")[1]


def test_documents_of_particular_cases_come_under_their_own_heading(fake_app, api, dispatcher):
    documents = [
        {"name": "Tờ khai", "kind": "nop", "need": "form", "quantity": 1, "copy_type": "bản chính"},
        {"name": "Giấy chứng sinh", "kind": "nop", "need": "required", "quantity": 1, "copy_type": "bản chính"},
        {"name": "Trường hợp trẻ bị bỏ rơi: biên bản", "kind": "nop", "need": "conditional", "quantity": 1},
    ]
    record = {**KHAI_SINH, "documents": documents, "documents_total": 3, "page_path": "/thu-tuc/1.001193"}
    fake_app.answer("GET", "/api/v1/procedures/1.001193", 200, record)

    ActionProcedureAnswer(api).answer(
        dispatcher, make_tracker("cần gì", "ask_documents", {"procedure_code": "1.001193"}), {}
    )

    lines = dispatcher.messages[0]["text"].splitlines()
    start = lines.index("Giấy tờ cần nộp (3):")
    assert lines[start + 1 : start + 5] == [
        "• Tờ khai (1 bản chính)",
        "• Giấy chứng sinh (1 bản chính)",
        "Tùy trường hợp:",
        "• Trường hợp trẻ bị bỏ rơi: biên bản (1)",
    ]


def test_a_weak_match_of_a_story_is_answered_when_its_question_clause_names_the_same_procedure(
    fake_app, api, dispatcher
):
    story = "Tôi đi công tác xa nhà mấy tháng, con tôi mới sinh, giờ làm giấy khai sinh cho cháu cần gì"
    close = [
        {"code": "1.001193", "name": KHAI_SINH["name"], "score": 9.0},
        {"code": "1.000894", "name": KET_HON["name"], "score": 8.9},
    ]
    _search_says(fake_app, close, "weak")
    clause = urlencode({"q": "giờ làm giấy khai sinh cho cháu cần gì", "limit": 5})
    fake_app.answer("GET", f"/api/v1/procedures?{clause}", 200, {"items": close[:1], "total": 1, "match": "strong"})
    fake_app.answer("GET", "/api/v1/procedures/1.001193", 200, KHAI_SINH)

    ActionProcedureAnswer(api).answer(dispatcher, make_tracker(story, "ask_documents"), {})

    assert "Thủ tục đăng ký khai sinh (mã 1.001193" in dispatcher.messages[0]["text"]


def test_a_weak_match_stays_a_choice_when_no_clause_names_it_strongly(fake_app, api, dispatcher):
    close = [
        {"code": "1.001193", "name": KHAI_SINH["name"], "score": 9.0},
        {"code": "1.000894", "name": KET_HON["name"], "score": 8.9},
    ]
    _search_says(fake_app, close, "weak")

    ActionProcedureAnswer(api).answer(
        dispatcher, make_tracker("con tôi mới sinh, giấy tờ cho cháu", "ask_procedure"), {}
    )

    assert len(dispatcher.messages[0]["buttons"]) == 2


def test_a_story_longer_than_the_search_takes_keeps_its_question(fake_app, api, dispatcher):
    story = "Nhà tôi ở xa trung tâm, đi lại rất vất vả. " * 15 + "Làm giấy khai sinh cho con cần gì?"
    _search_says(fake_app, [], "none")

    ActionProcedureAnswer(api).answer(dispatcher, make_tracker(story, "ask_documents"), {})

    [search] = [r["path"] for r in fake_app.requests if r["path"].startswith("/api/v1/procedures?")]
    sent = parse_qs(urlparse(search).query)["q"][0]
    assert len(sent) == 500 and sent.endswith("Làm giấy khai sinh cho con cần gì?")


def test_a_fee_read_from_the_portal_description_is_written_the_vietnamese_way():
    """Some records publish the amount only in a channel's description ("8,000 VNĐ"); the answer writes it
    as every other fee is written (8.000 đồng), whatever separator or currency name the portal used."""
    from actions.catalogue import headline_fee

    record = {"channels": [{"channel": "truc_tiep", "fee": "", "description": "Lệ phí: 8,000 VNĐ/bản sao"}]}
    assert headline_fee(record) == "Lệ phí: 8.000 đồng/bản sao"
    record["channels"][0]["description"] = "1.200.000 Việt Nam Đồng hoặc 50,000 đồng"
    assert headline_fee(record) == "1.200.000 đồng hoặc 50.000 đồng"


TAM_TRU = {**KHAI_SINH, "code": "1.004194", "name": "Đăng ký tạm trú", "levels": ["xa"]}


def test_a_weak_match_is_answered_when_the_message_names_the_first_procedure_and_not_the_next(
    fake_app, api, dispatcher
):
    """The citizen said the first result's own name words ("tạm trú") and not those of the runner-up
    ("gia hạn"): the name decides, not the close scores."""
    close = [
        {"code": "1.004194", "name": "Đăng ký tạm trú", "score": 9.0},
        {"code": "1.004183", "name": "Gia hạn tạm trú", "score": 8.8},
    ]
    _search_says(fake_app, close, "weak")
    fake_app.answer("GET", "/api/v1/procedures/1.004194", 200, TAM_TRU)

    ActionProcedureAnswer(api).answer(
        dispatcher, make_tracker("làm tạm trú cho người thuê trọ cần gì", "ask_documents"), {}
    )

    assert "Đăng ký tạm trú (mã 1.004194" in dispatcher.messages[0]["text"]


def test_a_weak_match_stays_a_choice_when_the_message_names_both_procedures_alike(fake_app, api, dispatcher):
    close = [
        {"code": "2.001194", "name": "Cấp lại thẻ căn cước", "score": 9.0},
        {"code": "2.001195", "name": "Cấp đổi thẻ căn cước", "score": 8.8},
    ]
    _search_says(fake_app, close, "weak")

    ActionProcedureAnswer(api).answer(dispatcher, make_tracker("thẻ căn cước cần gì", "ask_documents"), {})

    assert len(dispatcher.messages[0]["buttons"]) == 2


def test_a_weak_match_is_answered_when_the_procedure_phrase_alone_names_it_strongly(fake_app, api, dispatcher):
    """Question words around the procedure blur the whole message's match ("cho hỏi … thì cần những gì
    ạ"); the procedure's own words, searched alone, name the same procedure surely: the readings agree."""
    close = [
        {"code": "1.001193", "name": KHAI_SINH["name"], "score": 9.0},
        {"code": "1.000894", "name": KET_HON["name"], "score": 8.9},
    ]
    _search_says(fake_app, close, "weak")
    phrase = urlencode({"q": "cháu mới chào đời", "limit": 5})
    fake_app.answer("GET", f"/api/v1/procedures?{phrase}", 200, {"items": close[:1], "total": 1, "match": "strong"})
    fake_app.answer("GET", "/api/v1/procedures/1.001193", 200, KHAI_SINH)

    ActionProcedureAnswer(api).answer(
        dispatcher, make_tracker("cho hỏi cháu mới chào đời thì cần những gì ạ", "ask_documents"), {}
    )

    assert "Thủ tục đăng ký khai sinh (mã 1.001193" in dispatcher.messages[0]["text"]


def test_every_aspect_asked_is_answered(fake_app, api, dispatcher):
    _search_says(fake_app, [{"code": "1.000894", "name": KET_HON["name"], "score": 9.0}], "strong")
    fake_app.answer("GET", "/api/v1/procedures/1.000894", 200, KET_HON)

    ActionProcedureAnswer(api).answer(
        dispatcher, make_tracker("đăng ký kết hôn cần giấy tờ gì và lệ phí bao nhiêu", "ask_documents"), {}
    )

    text = dispatcher.messages[0]["text"]
    assert text.count("Thủ tục: Thủ tục đăng ký kết hôn") == 1
    assert "\nGiấy tờ cần nộp (2):" in text and "\nLệ phí: Miễn lệ phí" in text
    assert text.index("Giấy tờ cần nộp") < text.index("Lệ phí:")


def test_the_form_and_required_documents_come_before_particular_cases_whatever_the_order_received(
    fake_app, api, dispatcher
):
    documents = [
        {"name": "Trường hợp ủy quyền: văn bản ủy quyền", "kind": "nop", "need": "conditional", "quantity": 1},
        {"name": "Giấy chứng sinh", "kind": "nop", "need": "required", "quantity": 1},
        {"name": "Tờ khai đăng ký khai sinh", "kind": "nop", "need": "form", "quantity": 1},
    ]
    fake_app.answer("GET", "/api/v1/procedures/1.001193", 200, {**KHAI_SINH, "documents": documents})

    ActionProcedureAnswer(api).answer(
        dispatcher, make_tracker("cần gì", "ask_documents", {"procedure_code": "1.001193"}), {}
    )

    lines = dispatcher.messages[0]["text"].splitlines()
    start = lines.index("Giấy tờ cần nộp (3):")
    assert lines[start + 1 : start + 5] == [
        "• Tờ khai đăng ký khai sinh (1)",
        "• Giấy chứng sinh (1)",
        "Tùy trường hợp:",
        "• Trường hợp ủy quyền: văn bản ủy quyền (1)",
    ]


def test_documents_left_out_are_called_particular_cases_only_when_they_are(fake_app, api, dispatcher):
    required = [{"name": f"Giấy bắt buộc {i}", "kind": "nop", "need": "required", "quantity": 1} for i in range(10)]
    cases = [{"name": f"Trường hợp {i}: giấy riêng", "kind": "nop", "need": "conditional"} for i in range(3)]
    fake_app.answer("GET", "/api/v1/procedures/1.001193", 200, {**KHAI_SINH, "documents": required + cases})

    ActionProcedureAnswer(api).answer(
        dispatcher, make_tracker("cần gì", "ask_documents", {"procedure_code": "1.001193"}), {}
    )

    text = dispatcher.messages[0]["text"]
    assert "… còn 5 giấy tờ khác (2 giấy tờ bắt buộc, 3 giấy tờ cho các trường hợp riêng)" in text
    assert "/thu-tuc/1.001193" in text.split("… còn 5 giấy tờ khác")[1]


def test_only_particular_cases_left_out_are_said_so(fake_app, api, dispatcher):
    required = [{"name": f"Giấy bắt buộc {i}", "kind": "nop", "need": "required", "quantity": 1} for i in range(4)]
    cases = [{"name": f"Trường hợp {i}: giấy riêng", "kind": "nop", "need": "conditional"} for i in range(6)]
    fake_app.answer("GET", "/api/v1/procedures/1.001193", 200, {**KHAI_SINH, "documents": required + cases})

    ActionProcedureAnswer(api).answer(
        dispatcher, make_tracker("cần gì", "ask_documents", {"procedure_code": "1.001193"}), {}
    )

    assert "… còn 2 giấy tờ khác (cho các trường hợp riêng)" in dispatcher.messages[0]["text"]


def test_a_re_issue_asked_without_naming_the_paper_asks_which_procedure(fake_app, api, dispatcher):
    """ "cấp lại ở đâu" opening a conversation names no paper: the search would pick any re-issue."""
    events = ActionProcedureAnswer(api).answer(dispatcher, make_tracker("cấp lại ở đâu", "ask_where"), {})

    assert events == [] and fake_app.requests == []
    assert dispatcher.messages[0]["text"].startswith("Anh/chị hỏi về thủ tục nào ạ?")
