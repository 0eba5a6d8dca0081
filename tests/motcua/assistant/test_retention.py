"""The assistant's turns and 👍 / 👎 are deleted after their period by the one purge (``assistant_turns``,
12 months by default, MOTCUA_RETENTION_ASSISTANT_TURNS_DAYS); learned wordings and decisions stay."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select

from motcua.assistant.learned import learn
from motcua.assistant.models import AnswerFeedback, AssistantTurn, LearnedPhrasing
from motcua.assistant.turns import record_feedback, record_turn
from motcua.privacy.retention import periods_from_environment, purge
from motcua.units import get_unit
from tests.factories import COMMUNE, seed_catalogue

NOW = datetime(2027, 6, 1, 12, 0)


def test_turns_and_feedback_older_than_twelve_months_are_deleted_once(db):
    seed_catalogue(db)
    unit = get_unit(db, COMMUNE).id
    for days in (10, 364, 366, 800):
        at = (NOW - timedelta(days=days)).isoformat()
        record_turn(db, unit, {"conversation_id": f"w{days}", "at": at, "outcome": "other", "text": "chào"})
        record_feedback(db, unit, {"conversation_id": f"w{days}", "at": at, "helpful": True})
    learn(db, "làm sổ đỏ", "2.000815", unit, "ql", NOW - timedelta(days=900))
    db.commit()

    assert purge(db, NOW)["assistant_turns"] == 4
    assert purge(db, NOW)["assistant_turns"] == 0
    assert db.scalar(select(func.count(AssistantTurn.id))) == 2
    assert db.scalar(select(func.count(AnswerFeedback.id))) == 2
    assert db.scalar(select(func.count(LearnedPhrasing.id))) == 1


def test_the_period_is_configurable():
    assert periods_from_environment({})["assistant_turns"] == 365
    assert periods_from_environment({"MOTCUA_RETENTION_ASSISTANT_TURNS_DAYS": "90"})["assistant_turns"] == 90
