"""Learned wordings (motcua/assistant/learned.py): the search answers a taught question with its procedure
and a strong match at once, a longer question containing a long enough wording too, and nothing else."""

from __future__ import annotations

from datetime import datetime

from motcua.assistant.learned import learn, learned_code, with_learned
from motcua.catalogue.search import search_procedures
from motcua.units import get_unit
from tests.factories import COMMUNE, seed_catalogue


def test_a_taught_wording_answers_strongly_at_once_and_can_be_moved(db):
    seed_catalogue(db)
    unit = get_unit(db, COMMUNE).id
    question = "làm giấy cho em bé mới đẻ"
    before = search_procedures(db, question, 5, "xa")
    assert learned_code(db, question) is None and with_learned(db, question, before, 5) is before

    learn(db, question, "1.001193", unit, "ql", datetime(2026, 3, 2, 9, 0))
    db.commit()
    after = with_learned(db, "Cho hỏi LAM GIAY CHO EM BE MOI DE ạ", before, 5)
    assert (after.match, after.items[0].code, after.items[0].name) == (
        "strong",
        "1.001193",
        "Thủ tục đăng ký khai sinh",
    )
    assert learned_code(db, "làm giấy cho em bé mới đẻ hết bao nhiêu tiền") == "1.001193"
    assert learned_code(db, "giấy cho em") is None

    learn(db, question, "2.000815", unit, "ql", datetime(2026, 3, 2, 9, 5))
    db.commit()
    assert learned_code(db, question) == "2.000815"


def test_a_short_wording_answers_only_the_same_question(db):
    seed_catalogue(db)
    learn(db, "sổ đỏ", "2.000815", get_unit(db, COMMUNE).id, "ql", datetime(2026, 3, 2, 9, 0))
    db.commit()
    assert learned_code(db, "sổ đỏ") == "2.000815"
    assert learned_code(db, "sổ đỏ của bố tôi bị mất") is None
