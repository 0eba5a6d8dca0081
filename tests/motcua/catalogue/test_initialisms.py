"""Short forms made of the first letters of the catalogue's words are read as those words, though no list
names them."""

import pytest

from motcua.catalogue.initialisms import Initialisms
from motcua.catalogue.search import CatalogueIndex

NAMES = [
    "cap giay phep khai thac cat",
    "gia han giay phep khai thac cat",
    "cap lai giay phep khai thac cat",
    "cap giay xac nhan ho ngheo",
    "cap giay xac nhan nguoi co cong",
    "cap giay xac nhan cu tru",
    "cap giay xuat nhap canh",
    "doi giay xuat nhap canh",
    "gia han giay xuat nhap canh",
]


@pytest.mark.parametrize(
    ("word", "phrase"),
    [("gpkt", "giay phep khai thac"), ("pktc", "phep khai thac cat"), ("gpk", "giay phep khai")],
)
def test_initials_of_a_phrase_the_catalogue_uses_often_are_that_phrase(word, phrase):
    assert Initialisms(NAMES).expand(word) == phrase


@pytest.mark.parametrize(
    "word",
    [
        "gxn",  # giấy xác nhận or giấy xuất nhập: neither is the clear meaning
        "gpktc",  # longer than any phrase read
        "cap",  # has a vowel: a syllable, not a short form
        "gp",  # two letters: too short to tell
        "bcd",  # the initials of nothing
    ],
)
def test_words_that_are_no_clear_short_form_are_left_alone(word):
    assert Initialisms(NAMES).expand(word) is None


def test_a_citizen_short_form_alone_finds_the_procedure():
    names = [
        "Cấp giấy phép khai thác cát sỏi lòng sông",
        "Gia hạn giấy phép khai thác cát sỏi lòng sông",
        "Cấp lại giấy phép khai thác khoáng sản",
        "Đăng ký nuôi trồng thủy sản",
    ]
    index = CatalogueIndex(
        [(f"9.3000{i:02d}", name, ["xa"], "Khoáng sản", ["Công dân Việt Nam"], []) for i, name in enumerate(names)]
    )
    hits = index.search("gpkt", 3).items
    assert hits and all("giấy phép khai thác" in hit.name for hit in hits)



@pytest.mark.parametrize(
    "text",
    ["nghỉ bán luôn r, hủy gpkd hộ cá thể online dc ko", "nghi ban luon r huy gpkd ho ca the duoc khong"],
)
def test_a_short_form_expanded_to_several_words_before_a_request_phrase_does_not_break_the_search(
    catalogue_index, text
):
    """An expansion is several words for one typed word; the search that then looked for "được không"
    among the words counted them as one and fell off the end of the message (an IndexError, a 500 at the
    API)."""
    hits = catalogue_index.search(text, 3).items
    assert hits and "hộ kinh doanh" in hits[0].name.lower()
