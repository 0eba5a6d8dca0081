"""The action a citizen asks (issue, re-issue, change, end, extend, transfer…) picks among procedures that
name the same document: ending a licence is not being issued one."""

import pytest

from motcua.catalogue.actions import name_actions, question_actions
from motcua.catalogue.query import understand
from motcua.catalogue.search import CatalogueIndex
from motcua.text import strip_diacritics


def _both(cases):
    return [case for text, *rest in cases for case in ((text, *rest), (strip_diacritics(text), *rest))]


@pytest.mark.parametrize(
    ("text", "action"),
    _both(
        [
            ("tôi muốn hủy giấy phép bán hàng", "terminate"),
            ("quán cà phê dẹp rồi thì báo ở đâu", "terminate"),
            ("công ty muốn giải thể", "terminate"),
            ("xin tạm ngưng kinh doanh ba tháng", "suspend"),
            ("ví rơi mất cả cmnd", "reissue"),
            ("thẻ bảo hiểm bị mất thì sao", "reissue"),
            ("giấy đăng ký kết hôn ghi sai quê quán", "correct"),
            ("muốn sửa năm sinh trong hồ sơ", "correct"),
            ("thẻ căn cước bị hư chip", "exchange"),
            ("giấy phép sắp hết hạn", "extend"),
            ("xin gia hạn tạm trú", "extend"),
            ("bố muốn sang tên mảnh vườn cho con", "transfer"),
            ("mẹ muốn để con đứng tên cửa hàng", "change"),  # a new holder: a change of the registration
            ("hộ kinh doanh đổi địa chỉ", "change"),  # new details, not a card in exchange
            ("doi bang lai het han", "exchange"),
            ("em cần trích lục bản án", "copy"),
            ("xin giấy xác nhận đang học", "confirm"),
        ]
    ),
)
def test_the_action_asked_is_read_however_it_is_typed(text, action):
    assert action in question_actions(text)


@pytest.mark.parametrize(
    "text",
    [
        "ông nội tôi qua đời tháng trước",  # "đời" is not "đổi"
        "đối tượng nào được miễn phí",
        "giấy đề nghị lấy ở đâu",  # "đề nghị" is not "nghỉ"
        "dang ky su dung dat",  # "dụng" is not "dừng"
        "thue mat bang mo quan",  # "mặt bằng" is not "mất bằng"
        "con gai lam cong nhan o tro",  # a worker, not a recognition
        "muốn đăng ký khai sinh cho bé",
    ],
)
def test_words_that_only_look_like_an_action_ask_none(text):
    assert question_actions(text) == {}


@pytest.mark.parametrize(
    ("name", "actions"),
    [
        ("Đăng ký khai sinh", {"new"}),
        ("Chấm dứt hoạt động hợp tác xã", {"terminate"}),
        ("Đăng ký thay đổi nội dung đăng ký hợp tác xã", {"change"}),
        ("Cấp, cấp lại giấy phép hành nghề", {"new", "reissue"}),
        ("Cấp lại, cấp đổi thẻ hội viên", {"reissue", "exchange"}),
        ("Gia hạn giấy phép khai thác cát (cấp tỉnh)", {"extend"}),
        ("Cấp giấy chứng nhận đăng ký tàu cá trong trường hợp chuyển nhượng tàu", {"transfer"}),
        # a name listing its cases: "trong các trường hợp thừa kế, tặng cho …" does what the cases say
        ("Đăng ký biến động quyền sở hữu tàu trong các trường hợp thừa kế, tặng cho tàu", {"transfer"}),
        ("Cấp giấy phép xây dựng sửa chữa, cải tạo đối với nhà kho", {"repair"}),
        ("Trình báo mất giấy thông hành", {"lost"}),
    ],
)
def test_what_a_procedure_does_is_read_in_its_name(name, actions):
    assert name_actions(name) == actions


def _index(*rows):
    return CatalogueIndex([(code, name, ["xa"], field, ["Công dân Việt Nam"], []) for code, name, field in rows])


GUILD = _index(
    ("9.000001", "Đăng ký thành lập hợp tác xã", "Hợp tác xã"),
    ("9.000002", "Chấm dứt hoạt động hợp tác xã", "Hợp tác xã"),
    ("9.000003", "Đăng ký thay đổi nội dung đăng ký hợp tác xã", "Hợp tác xã"),
    ("9.000004", "Cấp lại giấy chứng nhận đăng ký hợp tác xã", "Hợp tác xã"),
    ("9.000005", "Tạm ngừng hoạt động hợp tác xã", "Hợp tác xã"),
    ("9.000011", "Cấp thẻ hội viên câu lạc bộ bơi", "Thể thao"),
    ("9.000012", "Cấp lại thẻ hội viên câu lạc bộ bơi", "Thể thao"),
    ("9.000013", "Cấp đổi thẻ hội viên câu lạc bộ bơi", "Thể thao"),
    ("9.000014", "Gia hạn thẻ hội viên câu lạc bộ bơi", "Thể thao"),
)


@pytest.mark.parametrize(
    ("query", "code"),
    _both(
        [
            ("muốn hủy hợp tác xã", "9.000002"),
            ("htx nhà em dẹp rồi, làm giấy tờ gì", "9.000002"),
            ("hợp tác xã ghi sai địa chỉ, sửa sao", "9.000003"),
            ("giấy chứng nhận hợp tác xã bị mất", "9.000004"),
            ("htx muốn tạm nghỉ nửa năm", "9.000005"),
            ("thẻ hội viên câu lạc bộ bơi bị rách", "9.000013"),
            ("đánh rơi thẻ hội viên câu lạc bộ bơi", "9.000012"),
        ]
    ),
)
def test_the_procedure_doing_the_asked_action_comes_first(query, code):
    assert [hit.code for hit in GUILD.search(query, 1).items] == [code]


def test_without_an_action_asked_the_plain_procedure_comes_first():
    assert [hit.code for hit in GUILD.search("thẻ hội viên câu lạc bộ bơi", 1).items] == ["9.000011"]


def test_the_action_of_the_asking_clause_wins_over_the_story():
    # "tiếp tục" (resume) is the purpose told after the request, not what is asked
    story = "Cửa hàng của bố tôi đứng tên ông, giờ ông muốn chuyển cho tôi đứng tên để tiếp tục bán"
    clauses = understand(story).clauses
    assert clauses and dict(clauses[0][1]).get("transfer") == 1.0


def test_words_that_only_imply_the_action_do_not_pick_the_document():
    # "bị mất" asks a re-issue (the action prior reads it); as text it would pull to names that happen to
    # say "do bị mất" whatever the document
    assert {"bi", "mat"} <= understand("thẻ thư viện bị mất").implied
    assert understand("cấp giấy phép lần đầu").implied == frozenset()  # "lần đầu" tells plain names apart


def test_a_lost_permit_is_re_issued_as_that_permit(catalogue_index):
    hits = catalogue_index.search("nhà tôi bị mất gpxd trong lúc chuyển nhà", 1).items
    assert hits[0].name.startswith("Cấp lại giấy phép xây dựng")


def test_new_details_are_not_a_card_in_exchange():
    index = _index(
        ("9.400001", "Cấp đổi giấy chứng nhận đăng ký hợp tác xã", "Hợp tác xã"),
        ("9.400002", "Đăng ký thay đổi nội dung đăng ký hợp tác xã", "Hợp tác xã"),
    )
    assert [hit.code for hit in index.search("doi dia chi hop tac xa", 1).items] == ["9.400002"]
    assert [hit.code for hit in index.search("giấy chứng nhận hợp tác xã bị rách", 1).items] == ["9.400001"]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # the phone was stolen, the electronic identity is to be locked: not a lost card to re-issue
        ("Điện thoại bị mất cắp, tôi muốn tạm khóa căn cước điện tử trên VNeID", "3.000276"),
        ("mở khóa tài khoản vneid", "3.000275"),
    ],
)
def test_locking_and_unlocking_are_actions_of_their_own(catalogue_index, query, code):
    assert catalogue_index.search(query, 1).items[0].code == code
