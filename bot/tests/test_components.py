"""The NLU components: folding tokenizer and dossier-code / phone-digit extraction."""

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
