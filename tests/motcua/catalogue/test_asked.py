"""How citizens asked before (motcua.catalogue.asked): stories found by the questions of others, short
queries left to the names, and the data kept apart from the sets that measure it."""

import csv
import importlib.util
import re
from pathlib import Path

import pytest

from motcua.catalogue.asked import AskedIndex, asked_questions, asked_rows
from motcua.catalogue.importer import SHIPPED_CATALOGUE, read_records
from motcua.catalogue.search import CatalogueIndex

ROOT = Path(__file__).resolve().parents[3]
EVAL = ROOT / "tests" / "data" / "eval"

# Written for this test, in none of the tuning sets: a death told as a story, no word of "khai tử".
DEATH_STORY = (
    "Ông cụ nhà tôi qua đời tuần trước ở bệnh viện huyện, thọ 90 tuổi. Cả nhà đã lo hậu sự xong xuôi, "
    "giờ tôi phải lên ủy ban báo cho chính quyền biết thì mang theo những giấy gì?"
)
GUARDIAN_STORY = (
    "Hai cháu tôi, đứa 12 tuổi đứa 15 tuổi, mồ côi cả cha lẫn mẹ sau trận lũ năm ngoái. Tôi là dì ruột, "
    "muốn chính thức nhận trách nhiệm chăm sóc và đại diện cho hai cháu trước pháp luật. Tôi phải làm gì?"
)


def _shipped_rows():
    return [
        (r["code"], r["name"], r["levels"], r["field"], r["target_groups"], r["results"], r["ministry"])
        for _, r, _ in read_records(SHIPPED_CATALOGUE)
    ]


@pytest.fixture(scope="module")
def without_asked():
    """The shipped catalogue's index with no asked questions: the names alone."""
    return CatalogueIndex(_shipped_rows(), ())


def _codes(result, count=1):
    return [hit.code for hit in result.items[:count]]


def test_a_death_told_as_a_story_is_answered_with_the_death_registration(catalogue_index, without_asked):
    assert _codes(without_asked.search(DEATH_STORY, 3, "tinh")) != ["1.000656"]
    result = catalogue_index.search(DEATH_STORY, 3, "tinh")
    assert (_codes(result), result.match) == (["1.000656"], "strong")


def test_a_guardianship_told_as_a_story_is_among_the_choices(catalogue_index, without_asked):
    assert "1.004837" not in _codes(without_asked.search(GUARDIAN_STORY, 3, "tinh"), 3)
    assert "1.004837" in _codes(catalogue_index.search(GUARDIAN_STORY, 3, "tinh"), 3)


@pytest.mark.parametrize("query", ["cap lai the bhyt", "đổi bằng lái", "trich luc ket hon", "khai tử"])
def test_a_bare_name_is_answered_as_the_names_alone_answer_it(catalogue_index, without_asked, query):
    with_questions, names_only = catalogue_index.search(query, 5, "tinh"), without_asked.search(query, 5, "tinh")
    assert (_codes(with_questions), with_questions.match) == (_codes(names_only), names_only.match)


@pytest.mark.parametrize(
    "query",
    [
        "xin xét hộ cận nghèo cần gì",
        "làm căn cước cho con dưới 14 tuổi cần giấy tờ gì",
    ],
)
def test_in_a_short_question_the_words_that_tell_siblings_apart_still_decide(catalogue_index, without_asked, query):
    """How often citizens asked for the commoner sibling does not outvote the qualifier a short question says."""
    with_questions, names_only = catalogue_index.search(query, 5, "tinh"), without_asked.search(query, 5, "tinh")
    assert (_codes(with_questions), with_questions.match) == (_codes(names_only), names_only.match)


def _small(asked):
    rows = [
        ("1.000656", "Thủ tục đăng ký khai tử", ["xa"], "Hộ tịch"),
        ("1.001193", "Thủ tục đăng ký khai sinh", ["xa"], "Hộ tịch"),
        ("1.014064", "Cấp lại thẻ căn cước", ["xa"], "Cấp, quản lý căn cước"),
        ("1.000757", "Cấp lại thẻ căn cước (thực hiện tại cấp trung ương)", ["bo"], "Cấp, quản lý căn cước"),
    ]
    return CatalogueIndex([(c, n, lv, f, ["Công dân Việt Nam"], []) for c, n, lv, f in rows], asked)


STORY_OF_A_LOST_CARD = (
    "Hôm qua đi chợ phiên ở huyện bên, đông người chen lấn, lúc về tới nhà mới biết cái ví rơi đâu mất, trong "
    "ví có tiền, thẻ ngân hàng và tấm thẻ nhựa có gắn chip của tôi. Giờ tôi phải làm sao?"
)


def test_a_question_asked_for_one_level_version_counts_for_all_and_the_centres_level_picks():
    asked = (("1.014064", "đi chợ bị rơi ví mất tấm thẻ nhựa có gắn chip, chen lấn đông người thì phải làm sao"),)
    index = _small(asked)
    assert _codes(index.search(STORY_OF_A_LOST_CARD, 2, "xa")) == ["1.014064"]
    assert _codes(index.search(STORY_OF_A_LOST_CARD, 2, "bo")) == ["1.000757"]


def test_questions_for_procedures_a_centre_does_not_have_and_blank_rows_are_skipped():
    index = _small((("9.999999", "một câu hỏi cho thủ tục không có"), ("1.014064", ""), ("", "không mã")))
    assert _codes(index.search(STORY_OF_A_LOST_CARD, 1, "xa")) == ["1.014064"]


def test_a_procedure_the_words_clearly_name_is_not_overruled_by_how_others_asked(without_asked):
    """Questions about birth registration full of the same story words do not turn a message that names
    the death registration into a confident birth registration."""
    story_words = "ông bà nội ngoại đi làm xa ở quê bệnh viện huyện lo xong xuôi mọi việc nhà cửa tuần trước"
    asked = tuple(("1.001193", f"{story_words} {n}") for n in range(12))
    index = CatalogueIndex(_shipped_rows(), asked)
    message = f"{story_words}, giờ tôi muốn làm thủ tục đăng ký khai tử cho ông thì cần gì"
    result = index.search(message, 2, "xa")
    assert result.items[0].code == "1.000656" or result.match != "strong"


def test_hostile_and_huge_messages_are_searched_without_error(catalogue_index):
    for text in ("ꙮ" * 500, "; DROP TABLE procedures; --" * 20, "a " * 250, "\x00\u202e" * 100):
        result = catalogue_index.search(text, 3, "tinh")
        assert result.match in ("strong", "weak", "none")


def _script():
    spec = importlib.util.spec_from_file_location("asked_questions", ROOT / "scripts" / "asked_questions.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_questions_are_what_the_tuning_sets_give():
    shipped = (ROOT / "motcua" / "catalogue" / "data" / "asked.tsv").read_text(encoding="utf-8")
    assert shipped == _script().render(), "run scripts/asked_questions.py"


def _rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_no_question_of_the_test_split_or_a_held_out_set_feeds_the_search():
    measured = {row["text"] for row in _rows(EVAL / "questions.tsv") if row["split"] == "test"}
    for path in sorted(EVAL.glob("holdout*.tsv")):
        measured |= {row["text"] for row in _rows(path)}
    asked = {text for _, text in asked_questions()}
    assert len(measured) > 600
    assert not asked & measured
    assert all(re.fullmatch(r"questions|dev\d+", source.split(":")[0]) for _, source, _ in asked_rows())


def test_every_asked_code_is_in_the_shipped_catalogue(catalogue_index):
    known = {entry.code for entry in catalogue_index.entries}
    assert {code for code, _ in asked_questions()} <= known


def test_an_empty_asked_index_scores_nothing():
    index = AskedIndex((), {}, lambda text: {})
    assert not index and index.scores({"khai": 1.0}) == {}


def test_a_story_whose_words_name_nothing_is_offered_what_citizens_who_asked_so_meant(catalogue_index, without_asked):
    """Not an honest "not found" when other citizens asked the same way: the procedure they meant (here the
    land registration after an inheritance) is offered as a choice, not answered: its words name nothing."""
    message = "ba tui mới mất, để lại miếng đất, mấy anh em thống nhất cho tui đứng tên hết thì giờ làm sao"
    assert without_asked.search(message, 3, "tinh").match == "none"
    result = catalogue_index.search(message, 3, "tinh")
    assert (_codes(result), result.match) == (["1.013831"], "weak")


def test_a_story_is_not_answered_confidently_when_how_citizens_asked_points_elsewhere(catalogue_index):
    """The passport is what the story does after the change of ethnicity it asks about: its words name the
    passport, citizens who told such stories meant something else, so nothing is answered as certain."""
    story = (
        "Tôi người Kinh, vợ tôi người Tày. Hồi làm giấy khai sinh cho con, hai vợ chồng ghi cháu theo dân tộc của "
        "bố. Nay cháu 17 tuổi muốn đổi sang dân tộc của mẹ trước khi đi làm hộ chiếu du học thì phải nộp hồ sơ ở đâu?"
    )
    result = catalogue_index.search(story, 3, "tinh")
    assert result.items[0].code != "1.001456" or result.match != "strong"
