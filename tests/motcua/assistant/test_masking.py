"""What the insights keep of a citizen's message (motcua/assistant/masking.py): personal data replaced by
placeholders, names included, and similar questions sharing one key."""

from __future__ import annotations

import pytest

from motcua.assistant.masking import group_key, mask


@pytest.mark.parametrize(
    "typed,kept,gone",
    [
        ("Tôi là Nguyễn Văn An, hỏi hồ sơ", "Tôi là [tên], hỏi hồ sơ", "Nguyễn"),
        ("tên tôi là lê thị hoa, hỏi khai sinh", "tên tôi là [tên], hỏi khai sinh", "hoa"),
        ("Họ tên: Trần Bình. Cần gì", "Họ tên: [tên]. Cần gì", "Trần"),
        ("hồ sơ của chị Phạm Thị Lan bao giờ xong", "hồ sơ của chị [tên] bao giờ xong", "Lan"),
        ("gọi 0912 345 678 giúp", "gọi [số điện thoại] giúp", "345"),
        ("hồ sơ 000.00.12.H62-260302-0001", "hồ sơ [mã hồ sơ]", "260302"),
        ("Đăng ký khai sinh cần gì", "Đăng ký khai sinh cần gì", "[tên]"),
        ("lệ phí 1.200.000 đồng thủ tục 1.000894", "lệ phí 1.200.000 đồng thủ tục 1.000894", "["),
    ],
)
def test_personal_data_and_names_are_masked_and_the_rest_kept(typed, kept, gone):
    assert mask(typed) == kept and gone not in mask(typed)


def test_odd_and_huge_text_is_cleaned_and_cut():
    assert mask("a\x07b\x1bc") == "a b c"
    assert len(mask("x" * 10_000)) == 500
    assert mask("") == "" and mask(None) == ""


def test_similar_questions_share_a_key_and_different_ones_do_not():
    assert group_key("Cho hỏi làm sổ đỏ ạ") == group_key("lam so do") == group_key("LÀM SỔ ĐỎ!!") == "lam so do"
    assert group_key("thẻ căn cước") != group_key("căn cước")
    assert group_key("xin giấy phép nuôi chim yến") == "xin giay phep nuoi chim yen"
    assert group_key("Em là Nguyễn Văn An") == group_key("Em là Lê Hoa")
