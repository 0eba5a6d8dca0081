"""What the citizen sees on Zalo: long answers split, Rasa buttons as Zalo buttons."""

from __future__ import annotations

import logging

import pytest
from channels.zalo import ZaloOutput
from channels.zalo_api import ZaloOAClient
from channels.zalo_messages import MORE_CHOICES, TEXT_LIMIT, split_text, zalo_button
from channels.zalo_storage import sql_engine
from channels.zalo_tokens import SQLTokenStore

from bot_tests.fake_zalo import APP_ID, APP_SECRET_KEY, MESSAGE_PATH, running_fake_zalo

USER = "2512523625412515"
SENTENCE = "Bản sao giấy chứng minh nhân dân hoặc căn cước công dân của người đi đăng ký. "


@pytest.fixture
def fake():
    with running_fake_zalo() as fake:
        yield fake


@pytest.fixture
def output(fake, tmp_path) -> ZaloOutput:
    tokens = SQLTokenStore(sql_engine(f"sqlite:///{tmp_path}/zalo-state.db"), APP_ID)
    client = ZaloOAClient(APP_ID, APP_SECRET_KEY, tokens, "at-0", "rt-0", fake.url, fake.url, backoff_seconds=0.01)
    return ZaloOutput(client)


def sent_texts(fake) -> list[str]:
    return [m["message"]["text"] for m in fake.sent]


def test_short_text_is_one_piece():
    assert split_text("Lệ phí: 50.000 đồng.") == ["Lệ phí: 50.000 đồng."]


def test_long_text_is_split_at_sentence_ends_within_the_limit():
    text = SENTENCE * 70  # ~5,600 characters
    pieces = split_text(text, TEXT_LIMIT)
    assert len(pieces) == 3
    assert all(len(p) <= TEXT_LIMIT and p.endswith("người đi đăng ký.") for p in pieces)
    assert " ".join(pieces) == text.strip()


def test_line_breaks_are_preferred_cut_points_and_lists_stay_whole():
    items = [f"{i}. Tờ khai đăng ký khai sinh theo mẫu số {i}" for i in range(1, 80)]
    pieces = split_text("\n".join(items), 500)
    assert all(len(p) <= 500 for p in pieces)
    assert [line for p in pieces for line in p.split("\n")] == items


def test_list_numbers_and_abbreviations_are_not_sentence_ends():
    text = "Nộp tại TP. Huế. " + "x" * 30 + " 12. Tờ khai"
    assert split_text(text, 40) == ["Nộp tại TP. Huế.", "x" * 30 + " 12. Tờ", "khai"]


def test_text_without_any_boundary_is_cut_at_the_limit():
    assert [len(p) for p in split_text("x" * 4100, 2000)] == [2000, 2000, 100]


def test_words_are_not_cut_when_no_sentence_ends_in_reach():
    pieces = split_text("hồ sơ " * 500, 2000)
    assert all(len(p) <= 2000 and not p.endswith("h") for p in pieces)
    assert " ".join(pieces).split() == ["hồ", "sơ"] * 500


@pytest.mark.parametrize(
    ("rasa", "zalo"),
    [
        (
            {"title": "Rất hài lòng", "payload": '/rate{"level":"rat_hai_long"}'},
            {"title": "Rất hài lòng", "type": "oa.query.show", "payload": '/rate{"level":"rat_hai_long"}'},
        ),
        (
            {"title": "Xem thủ tục", "url": "https://motcua.example/thu-tuc/1.000178"},
            {
                "title": "Xem thủ tục",
                "type": "oa.open.url",
                "payload": {"url": "https://motcua.example/thu-tuc/1.000178"},
            },
        ),
        (
            {"title": "Cổng DVC", "payload": "https://dichvucong.gov.vn", "type": "web_url"},
            {"title": "Cổng DVC", "type": "oa.open.url", "payload": {"url": "https://dichvucong.gov.vn"}},
        ),
        ({"title": "Có"}, {"title": "Có", "type": "oa.query.show", "payload": "Có"}),
    ],
)
def test_rasa_buttons_become_zalo_buttons(rasa, zalo):
    assert zalo_button(rasa) == zalo


def test_button_titles_are_cut_to_zalos_limit_and_oversized_payloads_dropped(caplog):
    assert len(zalo_button({"title": "t" * 150, "payload": "/x"})["title"]) == 100
    with caplog.at_level(logging.WARNING):
        assert zalo_button({"title": "Quá dài", "payload": "/" + "p" * 1000}) is None
    assert "Quá dài" in caplog.text


async def test_answer_with_buttons_arrives_as_one_zalo_template_message(output, fake):
    buttons = [{"title": "Có", "payload": "/affirm"}, {"title": "Mở cổng", "url": "https://dichvucong.gov.vn"}]
    await output.send_response(USER, {"text": "Anh/chị có muốn đánh giá không?", "buttons": buttons})
    assert fake.sent == [
        {
            "recipient": {"user_id": USER},
            "message": {
                "text": "Anh/chị có muốn đánh giá không?",
                "attachment": {
                    "type": "template",
                    "payload": {
                        "buttons": [
                            {"title": "Có", "type": "oa.query.show", "payload": "/affirm"},
                            {
                                "title": "Mở cổng",
                                "type": "oa.open.url",
                                "payload": {"url": "https://dichvucong.gov.vn"},
                            },
                        ]
                    },
                },
            },
        }
    ]


async def test_more_than_five_buttons_continue_in_a_second_message(output, fake):
    buttons = [{"title": f"Lựa chọn {i}", "payload": f'/chon{{"so":{i}}}'} for i in range(1, 8)]
    await output.send_text_with_buttons(USER, "Chọn thủ tục:", buttons)
    first, second = (m["message"] for m in fake.sent)
    assert first["text"] == "Chọn thủ tục:" and second["text"] == MORE_CHOICES
    assert [b["title"] for b in first["attachment"]["payload"]["buttons"]] == [f"Lựa chọn {i}" for i in range(1, 6)]
    assert [b["title"] for b in second["attachment"]["payload"]["buttons"]] == ["Lựa chọn 6", "Lựa chọn 7"]


async def test_quick_replies_are_buttons_too(output, fake):
    await output.send_response(
        USER, {"text": "Đúng không?", "quick_replies": [{"title": "Đúng", "payload": "/affirm"}]}
    )
    assert fake.sent[0]["message"]["attachment"]["payload"]["buttons"][0]["type"] == "oa.query.show"


async def test_long_answer_arrives_in_order_with_buttons_on_the_last_piece(output, fake):
    text = SENTENCE * 60
    await output.send_response(USER, {"text": text, "buttons": [{"title": "Cảm ơn", "payload": "/thank"}]})
    messages = [m["message"] for m in fake.sent]
    assert len(messages) == 3 and all(len(m["text"]) <= TEXT_LIMIT for m in messages)
    assert " ".join(m["text"] for m in messages) == text.strip()
    assert ["attachment" in m for m in messages] == [False, False, True]


async def test_failed_piece_stops_the_rest_and_is_logged_without_the_user_id(output, fake, caplog):
    fake.answer_next(MESSAGE_PATH, {"error": -230, "message": "User has not interacted with the OA in 7 days"})
    with caplog.at_level(logging.ERROR):
        await output.send_text_message(USER, SENTENCE * 60)
    assert fake.sent == [] and len(fake.calls(MESSAGE_PATH)) == 1
    assert "not delivered" in caplog.text and "-230" in caplog.text and USER not in caplog.text


async def test_custom_payload_for_zalo_is_sent_as_is_and_others_are_left_alone(output, fake):
    message = {"text": "Danh sách", "attachment": {"type": "template", "payload": {"buttons": []}}}
    await output.send_response(USER, {"custom": {"zalo": message}})
    await output.send_response(USER, {"custom": {"socketio_only": True}})
    assert [m["message"] for m in fake.sent] == [message]
