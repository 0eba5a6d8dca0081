import pytest

from motcua.text import fold, nfc, strip_diacritics


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Sổ Đỏ", "so do"),
        ("so do", "so do"),
        ("SỔ  ĐỎ!!", "so do"),
        ("Đăng ký khai sinh", "dang ky khai sinh"),
        ("đổi GPLX?", "doi gplx"),
        ("Căn cước công dân (CCCD)", "can cuoc cong dan cccd"),
        ("  ", ""),
    ],
)
def test_fold_makes_typed_text_with_or_without_marks_equal(typed, folded):
    assert fold(typed) == folded


def test_decomposed_input_folds_like_composed_input():
    decomposed = "Hộ tịch".encode().decode()
    import unicodedata

    assert fold(unicodedata.normalize("NFD", decomposed)) == fold(decomposed) == "ho tich"


def test_strip_diacritics_keeps_case_and_folds_d_with_stroke():
    assert strip_diacritics("Đường Hùng Vương") == "Duong Hung Vuong"


def test_nfc_composes_tone_marks():
    import unicodedata

    assert nfc(unicodedata.normalize("NFD", "Phường")) == "Phường"
