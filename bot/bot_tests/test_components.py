"""The NLU components: folding tokenizer and dossier-code / phone-digit extraction."""

import re

import pytest
from components.dossier_code import canonical_dossier_code, find_phone_last4
from components.extractors import DossierCodeExtractor
from components.folding import fold
from components.tokenizer import FoldingTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message


def tokens(text: str) -> list[str]:
    return [
        t.text for t in FoldingTokenizer(FoldingTokenizer.get_default_config()).tokenize(Message({TEXT: text}), TEXT)
    ]


def test_tokens_are_folded_whatever_the_typing():
    assert tokens("GIẤY TỜ gì?") == tokens("giay to gi") == ["giay", "to", "gi"]
    assert tokens("Đăng ký") == ["dang", "ky"]


def test_decomposed_diacritics_stay_in_one_word():
    assert tokens("gia\u0301y to\u031b\u0300") == ["giay", "to"]


def test_shorthand_expands_at_the_same_offsets():
    tokenizer = FoldingTokenizer(FoldingTokenizer.get_default_config())
    result = tokenizer.tokenize(Message({TEXT: "dk ko"}), TEXT)
    assert [(t.text, t.start, t.end) for t in result] == [("dang", 0, 2), ("ky", 0, 2), ("khong", 3, 5)]


def test_emoji_only_message_still_has_a_token():
    assert len(tokens("👍")) == 1


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("000.00.12.H62-260921-0001", "000.00.12.H62-260921-0001"),
        ("ma ho so 000.00.12.h62-260921-0001 a", "000.00.12.H62-260921-0001"),
        ("38.98.H29 - 260921 - 0012", "38.98.H29-260921-0012"),
        ("g22.99.08-260921-896048", "G22.99.08-260921-896048"),
        ("hs 000. 00.12.H62 260921 0001", "000.00.12.H62-260921-0001"),
        ("số điện thoại 0912345678", None),
        ("nộp ngày 21/09/2026", None),
    ],
)
def test_dossier_codes_in_three_shapes_any_case_stray_spaces(typed, code):
    assert canonical_dossier_code(typed) == code


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("5678", "5678"),
        ("4 số cuối là 5678", "5678"),
        ("sđt đuôi 1234 ạ", "1234"),
        ("nộp năm 2024 rồi mà chưa xong", None),
        ("000.00.12.H62-260921-0001", None),
    ],
)
def test_phone_digits_only_when_the_message_is_about_them(typed, digits):
    found = find_phone_last4(typed, fold(typed))
    assert (found.value if found else None) == digits


def test_extractor_sets_canonical_entities_with_offsets():
    message = Message({TEXT: "mã 000.00.12.h62 - 260921-0001"})
    DossierCodeExtractor().process([message])
    [entity] = message.get("entities")
    assert (entity["entity"], entity["value"], entity["start"], entity["end"]) == (
        "dossier_code",
        "000.00.12.H62-260921-0001",
        3,
        30,
    )
    assert entity["extractor"] == "DossierCodeExtractor"


def test_action_answers_are_still_checked_against_rasas_schema_after_the_speed_up():
    import jsonschema
    from components import action_validation
    from rasa.core.actions.action import RemoteAction

    action_validation.install()
    action = RemoteAction("action_x", None)
    assert action._validate_action_result({"events": [{"event": "slot", "name": "a", "value": 1}], "responses": []})
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": "not a list"})


# --- FlowGuard: procedure questions are not complaints, status checks, ratings or hand-offs ---
from components.aspects import find_aspect, is_clearly, looks_english  # noqa: E402
from components.guard import rerouted_intent  # noqa: E402


@pytest.mark.parametrize(
    ("text", "aspect"),
    [
        ("làm hộ chiếu mất bao nhiêu tiền", "fee"),
        ("doi bang lai mat may ngay", "time"),
        ("mua nhà xong sang tên bao lâu", "time"),
        ("dang ky tam tru o xa hay len tinh", "where"),
        ("nop qua mang duoc hong", "online"),
        ("tờ khai lấy ở đâu", "form"),
        ("lam cccd can nhung gi", "documents"),
        ("trich luc ket hon", None),
    ],
)
def test_the_aspect_is_read_from_the_words(text, aspect):
    assert find_aspect(text) == aspect


@pytest.mark.parametrize(
    ("intent", "text", "expected"),
    [
        ("complain", "cấp lại căn cước mất bao nhiêu tiền", "ask_fee"),
        ("complain", "thẻ bhyt bị rách", "ask_procedure"),
        ("complain", "bằng lái bị hỏng phải làm sao", "ask_procedure"),
        ("check_status", "mua đất sang tên bao lâu thì xong", "ask_duration"),
        ("human_handoff", "ad ơi làm hộ chiếu cần gì", "ask_documents"),
        ("rate_service", "làm sổ đỏ tốn bao nhiêu", "ask_fee"),
        ("nlu_fallback", "dki thuong tru", "ask_procedure"),
        ("out_of_scope", "trich luc ket hon", "ask_procedure"),
        # clearly the flow: kept
        ("complain", "cán bộ thái độ hách dịch khi tôi làm căn cước", None),
        ("check_status", "hồ sơ của tôi làm sổ đỏ đến đâu rồi", None),
        ("human_handoff", "cho tôi gặp cán bộ hỏi về hộ chiếu", None),
        ("rate_service", "tôi rất hài lòng", None),
        ("nlu_fallback", "giá vàng hôm nay", None),
        ("ask_fee", "làm hộ chiếu mất bao nhiêu tiền", None),
    ],
)
def test_a_procedure_question_is_not_taken_for_another_flow(intent, text, expected):
    assert rerouted_intent(intent, text, []) == expected


def test_a_dossier_code_keeps_the_status_flow():
    code = [{"entity": "dossier_code", "value": "000.00.12.H62-260921-0001"}]
    assert rerouted_intent("check_status", "hồ sơ 000.00.12.H62-260921-0001 mất bao lâu nữa", code) is None


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("How much is the fee for a passport?", True),
        ("where do I submit the birth registration", True),
        ("lam online duoc ko", False),
        ("rat hai long", False),
        ("làm hộ chiếu cần gì", False),
    ],
)
def test_english_is_told_from_vietnamese_typed_without_diacritics(text, english):
    assert looks_english(text) is english


@pytest.mark.parametrize(
    ("typed", "searched"),
    [
        ("lm gks cho bé cần j ad", "làm giấy khai sinh cho bé cần j"),
        ("sang tên sdd cho con", "sang tên sổ đỏ cho con"),
        ("tách hk ra riêng", "tách hộ khẩu ra riêng"),
        ("dk tạm trú tốn tiền hk", "đăng ký tạm trú tốn tiền không"),
        ("nhập hk được hk ạ", "nhập hộ khẩu được không ạ"),
        ("đăng ký kết hôn", "đăng ký kết hôn"),
    ],
)
def test_procedure_abbreviations_are_written_out_for_the_search(typed, searched):
    from components.shorthand import search_text

    assert search_text(typed) == searched


def _shared_code_cases() -> list[tuple[str, str]]:
    import csv
    from pathlib import Path

    table = Path(__file__).resolve().parents[2] / "tests" / "data" / "dossier_codes.tsv"
    lines = [line for line in table.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return [(typed, canonical) for typed, canonical, _who in csv.reader(lines[1:], delimiter="\t")]


@pytest.mark.parametrize(("typed", "canonical"), _shared_code_cases())
def test_dossier_codes_the_app_accepts_are_extracted_the_same(typed, canonical):
    """One table with the app's parser test (tests/bot/test_dossier_code_parity.py)."""
    assert (canonical_dossier_code(typed) or "") == canonical
    assert (canonical_dossier_code(f"hồ sơ {typed} đến đâu rồi") or "") == canonical


@pytest.mark.parametrize(
    ("text", "aspect"),
    [
        ("đơn đề nghị đổi thẻ theo mẫu nào", "form"),
        ("bao nhiêu ngày thì có tiền trợ cấp", "time"),
        ("tôi đang ở tỉnh khác, làm ở đây được không hay phải về quê", "where"),
        ("how do I get a birth certificate copy", "documents"),
    ],
)
def test_aspects_said_in_other_words(text, aspect):
    assert find_aspect(text) == aspect


@pytest.mark.parametrize(
    ("intent", "text", "expected"),
    [
        # a procedure's name or a story's circumstance is no flow word
        ("check_status", "xác nhận tình trạng hôn nhân", "ask_procedure"),
        ("human_handoff", "cán bộ hướng dẫn tôi làm lại căn cước ở đâu", "ask_where"),
        ("rate_service", "nộp ở trung tâm phục vụ hành chính công được không", "ask_where"),
        ("complain", "xin lỗi cho hỏi làm hộ chiếu cần gì", "ask_documents"),
        # clearly another flow than the one predicted
        ("human_handoff", "cán bộ nói năng thiếu tôn trọng", "complain"),
    ],
)
def test_flow_words_are_not_procedure_words(intent, text, expected):
    assert rerouted_intent(intent, text, []) == expected


def test_a_complaint_about_a_procedure_is_a_complaint():
    assert rerouted_intent("ask_fee", "lệ phí làm sổ đỏ gì mà cao thế, tôi rất bức xúc", []) == "complain"


@pytest.mark.parametrize(
    "text",
    [
        "Giấy chứng nhận ghi sai năm sinh, tôi đã phản ánh với xã thì được bảo phải làm thủ tục, là thủ tục gì?",
        "mình đã khiếu nại rồi, họ bảo nộp hồ sơ đính chính sổ đỏ, cần giấy tờ gì",
    ],
)
@pytest.mark.parametrize("intent", ["complain", "human_handoff", "nlu_fallback", "ask_documents", "check_status"])
def test_a_complaint_already_made_told_before_a_procedure_question_is_the_question(text, intent):
    """What the citizen has already done ("đã phản ánh", "đã khiếu nại rồi") is the story; the question is
    the procedure they were sent to, whatever the model first read (a request for a person: "cán bộ")."""
    rerouted = rerouted_intent(intent, text, [])
    assert rerouted != "complain"
    if intent == "ask_documents":
        assert rerouted in (None, "ask_procedure", "ask_documents")
    else:
        assert rerouted is not None


@pytest.mark.parametrize(
    "text",
    [
        "tôi đã phản ánh ba lần mà không ai giải quyết",
        "tôi đã phản ánh nhiều lần nhưng chưa được giải quyết",
        "đã khiếu nại rồi mà vẫn chưa thấy ai gọi lại",
    ],
)
def test_a_complaint_already_made_that_went_nowhere_is_still_a_complaint(text):
    assert rerouted_intent("complain", text, []) is None


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        (
            "complain",
            "ông nội em 70 tuổi, sổ hộ khẩu cũ bị mối ăn, lên xã thì cán bộ nói dữ liệu đã chuyển lên hệ thống, giờ "
            "ông cần giấy xác nhận cư trú thì phải nộp những giấy tờ gì",
        ),
        (
            "rate_service",
            "nhà em hộ cận nghèo, năm nay thôn họp bình xét đánh giá lại, em muốn xin thẻ bảo hiểm y tế cho con thì "
            "cần giấy tờ gì",
        ),
        ("human_handoff", "hôm trước em gọi tổng đài mãi không được, giờ em muốn đổi bằng lái xe thì nộp ở đâu"),
        ("complain", "mua xe xong đại lý bảo khỏi đi xếp hàng vì đăng ký xe làm được trên mạng, em nộp online ở đâu"),
        ("check_status", "hồi đó tra cứu mãi mới biết phải đổi, giờ thẻ căn cước hết hạn thì đổi mất mấy ngày"),
    ],
)
def test_a_flow_word_told_in_the_story_does_not_start_the_flow_when_the_question_asks_a_procedure(intent, text):
    """A story's circumstances ("cán bộ nói…", "gọi tổng đài", "khỏi xếp hàng", "xã xuống đánh giá") are not
    what it asks: its last clause asks an aspect of a procedure, and that is what is answered."""
    assert rerouted_intent(intent, text, []) not in (None, intent)


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        ("complain", "hôm qua lên xã làm khai sinh, cán bộ thái độ hách dịch, giờ tôi muốn làm lại thì nộp ở đâu"),
        ("complain", "cán bộ đòi thêm tiền mới làm sổ đỏ, vậy lệ phí đúng là bao nhiêu"),
        ("complain", "cán bộ xã làm sai quy định, tôi muốn phản ánh việc làm sổ đỏ thì nộp đơn ở đâu"),
        ("check_status", "nộp hồ sơ khai sinh cho con tuần trước, giờ tra cứu ở đâu"),
        ("complain", "cán bộ nói sổ đỏ làm mất rồi, giờ làm sao"),
    ],
)
def test_a_flow_word_in_the_question_or_a_complaint_about_conduct_still_starts_the_flow(intent, text):
    assert rerouted_intent(intent, text, []) is None


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        ("complain", "giải quyết khiếu nại lần đầu"),
        ("rate_service", "đánh giá tác động môi trường"),
    ],
)
def test_procedures_named_with_a_flow_word_are_procedures(intent, text):
    assert rerouted_intent(intent, text, []) in ("ask_procedure", "nlu_fallback")


@pytest.mark.parametrize(
    ("text", "aspect"),
    [
        # the place named as a question: "ở ủy ban", "ở công an", "phải về tận quê"
        ("chứng thực hợp đồng ở ủy ban phường được không", "where"),
        ("khai báo tạm vắng ở công an xã", "where"),
        ("mất bằng lái có phải về tận nơi cấp mới làm lại được không", "where"),
        # "nộp gì" asks the documents
        ("đăng ký nhận con nuôi thì nộp gì", "documents"),
        # going all the way somewhere ("ra tận", "lên tận trụ sở") asks where; chat "nhiu" is "nhiêu"
        ("gia hạn tạm trú có phải lên tận huyện không", "where"),
        ("xin giấy phép xây dựng nộp ở trụ sở nào", "where"),
        ("bằng lái bị nhòe đổi lại tốn nhiu", "fee"),
        # a form named by its kind ("mẫu thông báo", "mẫu đề nghị") is the form
        ("mẫu đề nghị cấp lại giấy phép tải ở đâu", "form"),
        ("mau thong bao thay doi thong tin lay o dau", "form"),
    ],
)
def test_aspects_said_the_way_people_ask_them(text, aspect):
    assert find_aspect(text) == aspect


@pytest.mark.parametrize(
    ("text", "aspects"),
    [
        ("đăng ký kết hôn cần giấy tờ gì và lệ phí bao nhiêu", ["documents", "fee"]),
        ("trích lục khai sinh làm ở đâu, qua mạng được không", ["where", "online"]),
        # one aspect said in words another aspect also uses: still one
        ("đổi bằng lái mất bao nhiêu ngày", ["time"]),
        ("tờ khai lấy ở đâu", ["form"]),
        # an aspect word in the story before the question is not asked
        ("Tôi mang theo đủ giấy tờ rồi. Giờ nộp ở đâu?", ["where"]),
        ("trich luc ket hon", []),
    ],
)
def test_every_aspect_of_the_question_is_read_in_the_order_asked(text, aspects):
    from components.aspects import find_aspects

    assert find_aspects(text) == aspects


@pytest.mark.parametrize(
    ("intent", "text", "expected"),
    [
        ("list_follows", "bố mẹ chung sống lâu chưa đăng ký kết hôn, nay đi đăng ký được không", "ask_procedure"),
        ("follow_dossier", "muốn mở công ty tnhh hai thành viên thì làm sao", "ask_procedure"),
        ("list_follows", "đổi sổ đỏ cũ sang sổ hồng mới mất bao lâu", "ask_duration"),
        ("unfollow_dossier", "thôi không làm nữa, cách nấu phở thế nào", "nlu_fallback"),
        ("list_follows", "chỗ làm bảo tôi về xin giấy xác nhận cư trú, cần mang gì", "ask_documents"),
        # clearly the flow: kept
        ("follow_dossier", "báo cho tôi khi hồ sơ làm sổ đỏ có kết quả", None),
        ("unfollow_dossier", "hủy theo dõi hồ sơ đăng ký kết hôn", None),
    ],
)
def test_a_procedure_question_does_not_start_following(intent, text, expected):
    assert rerouted_intent(intent, text, []) == expected


def _taught_examples(name: str, intents: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(intent, text) of every example in ``nlu_data/nlu/<name>``, entity marks removed; only ``intents``
    when given."""
    from pathlib import Path

    import yaml

    path = Path(__file__).resolve().parents[2] / "nlu_data" / "nlu" / name
    examples = []
    for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
        if intents and block["intent"] not in intents:
            continue
        for line in block["examples"].splitlines():
            if line.strip():
                examples.append((block["intent"], re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", line.strip()[2:])))
    return examples


@pytest.mark.parametrize(("intent", "text"), _taught_examples("follow.yml"))
def test_what_the_follow_intents_were_taught_is_clearly_following(intent, text):
    """The guard never turns a message the follow intents learned from into a procedure question."""
    assert rerouted_intent(intent, text, []) is None


@pytest.mark.parametrize(
    ("intent", "text", "expected"),
    [
        # "giờ" is "now" in a story, not the opening hours
        ("ask_hours", "Vẫn chung hộ với bố mẹ. Giờ tụi tôi muốn có hộ riêng thì tốn tiền không", "ask_fee"),
        ("ask_hours", "giờ mún làm lại căn cước thì làm sao", "ask_procedure"),
        ("ask_hours", "sổ đỏ nhà tôi bị rách giờ phải làm sao", "ask_procedure"),
        ("ask_hours", "giờ tôi muốn tách hộ. Làm việc này có tốn tiền không", "ask_fee"),  # "làm việc này": doing it
        ("ask_contact", "chỗ nào làm thủ tục thai sản", "ask_where"),
        # clearly the hours or the contacts: kept, a procedure named or not
        ("ask_hours", "bộ phận đất đai thứ bảy có làm việc không", None),
        ("ask_hours", "mấy giờ mở cửa", None),
        ("ask_contact", "cho xin số điện thoại bên đăng ký kinh doanh", None),
        ("ask_contact", "địa chỉ trung tâm ở đâu", None),
    ],
)
def test_the_hours_and_contacts_need_their_own_words(intent, text, expected):
    assert rerouted_intent(intent, text, []) == expected


@pytest.mark.parametrize(
    ("intent", "text", "expected"),
    [
        # "Cho tôi hỏi …" opens a question; it asks nobody to call back
        ("leave_callback", "Cho tôi hỏi làm giấy báo tử cho bố có mất phí không ạ", "ask_fee"),
        ("leave_callback", "cho em hỏi xin giấy phép xây dựng nhà 2 tầng cần những gì", "ask_documents"),
        ("leave_callback", "cho mình hỏi chút về chuyện nhập khẩu cho con", "ask_procedure"),
        # "để lại" of an inheritance is no request to leave a question: the catalogue is tried
        ("complain", "ông bà để lại mảnh vườn, giờ mấy chị em muốn chia thì làm sao", "nlu_fallback"),
        # a request to be called back: kept
        ("leave_callback", "nhờ trung tâm gọi lại cho tôi sau 5 giờ chiều", None),
        ("leave_callback", "tôi muốn để lại số điện thoại cho cán bộ", None),
    ],
)
def test_leaving_a_question_for_an_officer_needs_its_own_words(intent, text, expected):
    assert rerouted_intent(intent, text, []) == expected


@pytest.mark.parametrize(
    ("intent", "text", "expected"),
    [
        # predicted the hours or "who are you" on none of their words: the question asked, else the catalogue
        ("ask_hours", "vợ chồng mình mới cưới, giờ nhập hộ khẩu về nhà chồng thì sao", "ask_procedure"),
        ("ask_hours", "anh chị chưa cưới mà muốn nhận con chung thì ra xã hay đi đâu", "ask_where"),
        ("ask_hours", "tụi con muốn xin con nuôi giờ phải tính sao", "ask_procedure"),
        ("ask_hours", "cháu mồ côi ở với bà nội, giờ bà muốn đứng ra lo cho cháu", "nlu_fallback"),
        ("bot_challenge", "tờ khai xin phép sửa nhà là mẫu nào, có phải nộp kèm bản vẽ không", "ask_documents"),
        ("bot_challenge", "có phải đóng tiền khi chứng thực bản sao không", "ask_fee"),
        # clearly "who is answering": kept
        ("bot_challenge", "bạn là người hay máy vậy", None),
        ("bot_challenge", "đây là trả lời tự động à", None),
        ("bot_challenge", "có phải cán bộ trả lời không", None),
    ],
)
def test_the_hours_and_who_is_answering_are_not_guessed_without_their_words(intent, text, expected):
    assert rerouted_intent(intent, text, []) == expected


@pytest.mark.parametrize(
    ("intent", "text", "expected"),
    [
        # the complaint is the procedure wanted: about someone else's decision or a paper's mistake
        ("complain", "khiếu nại quyết định của công an huyện xử phạt sai thì nộp đơn cho ai", "ask_where"),
        ("complain", "tôi muốn phản ánh là giấy khai sinh của con ghi sai ngày sinh, giờ sửa thế nào", "ask_procedure"),
        ("complain", "hàng xóm lấn chiếm lối đi nhà tôi, muốn khiếu nại ra xã để hòa giải thì làm sao", "nlu_fallback"),
        # about the centre's service, or no procedure at all: the complaint flow
        ("complain", "tôi muốn khiếu nại thì làm thế nào", None),
        ("complain", "tôi muốn phản ánh việc làm sổ đỏ quá lâu thì gửi ở đâu", None),
        ("complain", "phản ánh cán bộ địa chính làm sai sổ đỏ nhà tôi thì gửi đâu", None),
        ("complain", "khiếu nại về việc giải quyết hồ sơ thì nộp đơn ở đâu", None),
    ],
)
def test_a_complaint_that_is_the_procedure_wanted_is_a_procedure_question(intent, text, expected):
    assert rerouted_intent(intent, text, []) == expected


@pytest.mark.parametrize(
    ("text", "aspect"),
    [
        ("bà con phải chuẩn bị giấy gì để xin cấp lại sổ hộ nghèo", "documents"),
        ("làm tạm trú trên app nào được vậy", "online"),
        ("đổi bằng lái có cần ra công an không", "where"),
        ("rứa làm căn cước cho con thì ra mô", "where"),
    ],
)
def test_aspects_asked_in_everyday_words(text, aspect):
    assert find_aspect(text) == aspect


@pytest.mark.parametrize(
    ("intent", "text", "expected"),
    [
        # a flow's word told among a story's circumstances, the question asked after it in everyday words
        (
            "rate_service",
            "mẹ con tôi khó khăn lắm, nghe nói thôn sắp họp đánh giá để xét vô diện cận nghèo,"
            " tôi phải chuẩn bị giấy gì",
            "ask_documents",
        ),
        (
            "human_handoff",
            "gọi tổng đài hoài không ai bắt máy, giờ muốn mở khóa tài khoản vneid thì ra mô",
            "ask_where",
        ),
        # looking up planning information is a procedure, not a dossier's status
        ("check_status", "tra cứu quy hoạch thửa đất ở đâu", "ask_where"),
        ("check_status", "tôi muốn tra cứu hồ sơ", None),
    ],
)
def test_told_flow_words_and_lookups_that_are_procedures(intent, text, expected):
    assert rerouted_intent(intent, text, []) == expected


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        *_taught_examples("feedback.yml", ("complain",)),
        *_taught_examples("contact.yml", ("ask_hours", "ask_contact")),
        *_taught_examples("chitchat.yml", ("bot_challenge",)),
        *_taught_examples("handoff.yml", ("leave_callback",)),
    ],
)
def test_what_these_intents_were_taught_keeps_its_intent(intent, text):
    """The guard never turns a message these intents learned from into something else."""
    assert rerouted_intent(intent, text, []) is None


@pytest.mark.parametrize(
    ("intent", "text", "expected"),
    [
        # "đến đâu" and "bước nào" ask where to go and what to do, unless a dossier is on its way
        ("check_status", "Tôi làm rơi thẻ bảo hiểm y tế, muốn xin cấp lại thì đến đâu?", "ask_where"),
        ("check_status", "bố tôi mất để lại đất, cần làm những bước nào để sổ đỏ sang tên tôi", "ask_procedure"),
        ("check_status", "làm căn cước phải tới đâu", "ask_where"),
        # the status itself: kept
        ("check_status", "hồ sơ giải quyết tới đâu", None),
        ("check_status", "hồ sơ sổ đỏ đang ở bước nào rồi", None),
        ("check_status", "sổ đỏ của tôi đến đâu rồi", None),
        ("check_status", "đang xử lý tới khâu nào", None),
    ],
)
def test_where_to_go_and_what_steps_are_no_status_question(intent, text, expected):
    assert rerouted_intent(intent, text, []) == expected


@pytest.mark.parametrize(("intent", "text"), _taught_examples("contact.yml", ("ask_hours", "ask_contact")))
def test_what_the_hours_and_contact_intents_were_taught_is_kept(intent, text):
    assert rerouted_intent(intent, text, []) is None


@pytest.mark.parametrize(
    "text",
    [
        "cán bộ xã thì được bảo phải làm lại giấy khai sinh, cần giấy tờ gì",
        "ai bảo cho tôi biết đổi bằng lái cần gì với",
        "thẻ được bảo hiểm chi trả thì làm ở đâu",
    ],
)
def test_being_told_is_not_asking_to_be_notified(text):
    """"bảo" (tell) folds onto "báo" (notify); typed with its accent it starts no following."""
    assert not is_clearly("follow", text)


def test_asking_to_be_notified_still_is():
    assert is_clearly("follow", "có kết quả thì báo cho tôi nhé") and is_clearly("follow", "duoc bao khi xong ko")
