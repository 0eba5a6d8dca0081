"""What a message asks (the aspect) and which words name the procedure, for each way citizens write."""

import pytest

from motcua.catalogue.query import term_weights, understand, with_ages
from motcua.catalogue.vocabulary import catalogue_terms, catalogue_terms_with_gaps
from motcua.text import strip_diacritics


def _both(cases):
    """Each case as written and without diacritics: citizens type both."""
    return [case for text, *rest in cases for case in ((text, *rest), (strip_diacritics(text), *rest))]


@pytest.mark.parametrize(
    ("text", "aspect"),
    _both(
        [
            # fee: "mất" here costs, it does not mean lost
            ("làm lại căn cước mất bao nhiêu tiền", "fee"),
            ("đăng ký kết hôn có tốn tiền không", "fee"),
            ("lệ phí trích lục khai sinh", "fee"),
            ("sổ hồng lần đầu tốn nhiêu tiền z ad", "fee"),
            ("đổi bằng lái bn tiền", "fee"),
            # time
            ("đăng ký thường trú mất mấy ngày", "time"),
            ("làm hộ chiếu bao lâu thì có", "time"),
            ("chừng nào lấy được sổ đỏ", "time"),
            # where
            ("khai sinh cho con nộp ở đâu", "where"),
            ("đăng ký thường trú ở xã hay lên tỉnh", "where"),
            ("khai sanh cho con nộp ở mô", "where"),
            # online
            ("đổi bằng lái qua mạng được không", "online"),
            ("đăng ký tạm trú online dc ko", "online"),
            ("có làm trên dịch vụ công được không", "online"),
            # form: the form, even where it is asked where to get it
            ("tờ khai đăng ký khai sinh lấy ở đâu", "form"),
            ("mẫu đơn xin cấp lại sổ đỏ", "form"),
            # documents
            ("làm sổ đỏ lần đầu cần giấy tờ gì", "documents"),
            ("đăng ký kết hôn cần mang gì", "documents"),
            ("khai tử cần chi rứa", "documents"),
            ("lm gks cho e bé cần j z", "documents"),
            # no aspect: a bare name or "how"
            ("trich luc ket hon", None),
            ("doi bang lai", None),
            ("làm giấy khai sanh mần răng", None),
        ]
    ),
)
def test_the_aspect_asked_is_found_however_it_is_written(text, aspect):
    assert understand(text).aspect == aspect


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("cho em hỏi đăng ký khai sinh mất bao nhiêu tiền ạ", "đăng ký khai sinh"),
        ("Đăng ký thường trú ở xã hay lên tỉnh ạ?", "Đăng ký thường trú"),
        ("tờ khai đăng ký kết hôn lấy ở đâu", "đăng ký kết hôn"),
        ("doi bang lai qua mang dc ko", "doi bang lai"),
        ("chứng thực bản sao ở đâu", "chứng thực bản sao"),
        ("CCCD", "CCCD"),
    ],
)
def test_the_phrase_is_the_citizens_own_words_for_the_procedure(text, phrase):
    assert understand(text).phrase == phrase


@pytest.mark.parametrize("text", ["mất mấy ngày vậy?", "bao nhiêu tiền ạ", "nộp ở đâu", "?!"])
def test_a_message_with_only_an_aspect_names_no_procedure(text):
    assert understand(text).phrase == ""


def test_costs_and_takes_are_not_read_as_lost():
    assert "mat" not in understand("đổi bằng lái xe mất bao nhiêu tiền").folded.split()
    assert "mat" not in understand("đăng ký kết hôn mất mấy ngày").folded.split()
    assert "mat" in understand("làm lại bằng lái bị mất").folded.split()


@pytest.mark.parametrize(
    ("words", "added"),
    [
        ("con 15 tuoi", "con 15 du 14 tuoi duoi 16 tuoi tuoi"),
        ("be 10 tuoi", "be 10 duoi 14 tuoi tuoi"),
        ("vua du 14 tuoi", "vua du 14 tuoi"),  # already said the way names say it
        ("chau tron 14 tuoi", "chau du 14 tuoi"),  # exactly 14: "đủ 14", not under 16 or 14
        ("dung 16 tuoi", "du 16 tuoi"),
    ],
)
def test_an_age_is_also_said_the_way_names_draw_their_lines(words, added):
    assert " ".join(with_ages(words.split(), (14, 16))) == added


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # typed with diacritics, grammar words are no catalogue words once folded
        ("vẫn ở địa chỉ đó thì có được không", "thi"),  # "đó thì" is not "đô thị"
        ("giờ tôi muốn làm thẻ", "gio"),  # "giờ" is not "gió"
        ("thẻ bảo hiểm nữa", "nua"),
    ],
)
def test_grammar_words_typed_with_diacritics_are_not_searched(text, absent):
    assert absent not in catalogue_terms(understand(text).folded)


def test_a_grammar_word_inside_a_filler_phrase_still_ends_with_it():
    # "thế nào" is dropped whole as a filler, not left as "thế" once "nào" is gone
    assert "the" not in catalogue_terms(understand("đăng ký tạm trú thế nào").folded)


def test_a_bare_word_that_is_also_a_catalogue_word_is_kept():
    assert "van" in catalogue_terms(understand("xin cap ban sao van bang").folded)  # "văn bằng", not "vẫn"


def test_no_pair_is_made_across_a_dropped_filler():
    # "địa chỉ … không": the words were apart in the message, so "chỉ không" is no pair of a name
    words, told, shares, gaps = catalogue_terms_with_gaps("dia chi do co duoc khong")
    weights = term_weights(words, told, shares, gaps)
    assert "dia chi" in weights
    assert not any(" " in term and "khong" in term.split() for term in weights)


@pytest.mark.parametrize(
    ("text", "clause"),
    _both(
        [
            # the clause after the request word, up to the next comma or joining word
            ("Nhà tôi ở Hội An đã lâu, nay muốn tách thửa đất vườn, nhưng chưa biết nộp đâu", "tach thua dat vuon"),
            ("Em cần chuyển trường cho con vì cả nhà vào Sài Gòn", "chuyen truong cho con"),
            # a purpose after an empty request still asks: "cần làm gì để …"
            ("Ông bà đã cho tôi mảnh đất. Cần làm những gì để sang tên?", "sang ten"),
        ]
    ),
)
def test_the_clause_that_asks_is_read_apart_from_the_story(text, clause):
    assert any(clause in folded for folded, _ in understand(text).clauses)


def test_a_message_without_a_request_word_has_no_asking_clause():
    assert understand("Đăng ký khai sinh cho con ở đâu").clauses == ()


@pytest.mark.parametrize(
    ("text", "named", "not_named"),
    _both(
        [
            ("Tôi là Hương, nhà ở phường Thạch Thang, muốn đăng ký tạm trú", {"huong", "thach", "thang"}, {"toi"}),
            ("Vợ tôi người Nhật, sống ở Việt Nam, cần thẻ BHYT", set(), {"nhat", "viet", "nam", "bhyt"}),
        ]
    ),
)
def test_names_of_people_and_places_are_circumstances(text, named, not_named):
    question = understand(text)
    assert named <= question.named
    assert not (not_named & question.named)


def test_a_name_told_weighs_like_a_circumstance():
    # "Thủy" folded is "thuy" (thủy sản): as a person's name it says nothing of the procedure asked
    weights = term_weights(["dang", "ky", "thuy"], named=frozenset({"thuy"}))
    assert weights["thuy"] < weights["dang"]


@pytest.mark.parametrize(
    ("text", "meant", "not_meant"),
    [
        # "hđ" is a contract (hợp đồng) or an activity (hoạt động): the words next to it decide.
        ("tạm ngưng hđ kinh doanh 2 tháng", "hoat dong", "hop dong"),
        ("cty mình muốn dừng hđ một thời gian", "hoat dong", "hop dong"),
        ("chứng thực hđ mua bán xe máy ở xã", "hop dong", "hoat dong"),
        ("chấm dứt hđ lao động có cần giấy gì", "hop dong", "hoat dong"),
        ("cong chung hd thue nha", "hop dong", "hoat dong"),
        # "pass" is the passport, unless something is passed on ("pass lại quán": a transfer).
        ("pass hết hạn làm lại bao lâu", "ho chieu", None),
        ("pass lại quán cà phê cần thủ tục gì", None, "ho chieu"),
    ],
)
def test_an_ambiguous_short_form_is_read_from_the_words_around_it(text, meant, not_meant):
    folded = f" {understand(text).folded} "
    if meant:
        assert f" {meant} " in folded
    if not_meant:
        assert f" {not_meant} " not in folded


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        # A phrase of the spellings list typed without its diacritics is the same phrase.
        ("cc ban sao hoc ba o dau", "cong chung ban sao"),
        ("tt hon nhan xin o dau", "tinh trang hon nhan"),
    ],
)
def test_a_spelling_phrase_typed_without_diacritics_is_respelled(typed, meant):
    assert meant in understand(typed).folded


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("đăng ký tạm trú cho sv thuê trọ", "sinh vien"), ("xin giấy ra viện ở bv tỉnh", "benh vien")],
)
def test_chat_short_forms_for_people_and_places_are_read(typed, meant):
    assert meant in understand(typed).folded


@pytest.mark.parametrize(("text", "word"), [("đổi bằng lái sang thẻ nhựa", "nhua"), ("giấy bìa đã mờ hết chữ", "bia")])
def test_a_word_typed_with_its_accents_is_a_real_word_not_a_typo(catalogue_index, text, word):
    """"nhựa" is no catalogue word, but typed with its accents it is a real syllable: read as a typo of
    "thừa" it sent a driving licence question to "Thẻ Thừa phát lại"."""
    assert word in understand(text, catalogue_index._fix_word).folded.split()



@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("luật sư miễn phí", "2.000829"),  # "miễn phí" alone asks the fee; here it names legal aid
        ("tu van phap luat mien phi o dau", "2.000829"),
        ("mún đổi họ cho con từ họ ba sang họ má thì cần giấy tờ j", "1.004859"),  # "họ" alone is "they"
    ],
)
def test_words_of_a_known_citizen_phrase_are_not_cut_as_aspect_or_grammar(catalogue_index, text, code):
    assert catalogue_index.search(text, 3).items[0].code == code


@pytest.mark.parametrize(
    ("text", "aspect"),
    [
        ("đóng bhyt hộ gia đình trên VssID được không", "online"),
        ("quyết toán thuế qua eTax Mobile được không", "online"),
    ],
)
def test_the_apps_of_social_insurance_and_tax_are_asking_for_the_online_channel(text, aspect):
    assert understand(text).aspect == aspect

