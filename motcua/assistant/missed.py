"""Câu hỏi trợ lý chưa trả lời được — the questions a unit's assistant missed in a period, grouped by
similar text (``masking.group_key``), with what a manager decides about a group.

A turn is missed when it ended in fallback (not understood), in "not found" (nothing close in the
catalogue) or in a hand-off (its question: the message before "gặp cán bộ"); an answer is missed when the
citizen pressed 👎 (its question: the message it answered). A manager **teaches** a group (attaches it to a
procedure: a learned wording the search uses at once, ``motcua.assistant.learned``) or marks it **not
ours** ("không thuộc dịch vụ của đơn vị"); either way the group leaves the unit's list.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.assistant.learned import learn
from motcua.assistant.masking import group_key
from motcua.assistant.models import AnswerFeedback, AssistantTurn, LearnedPhrasing, MissedDecision
from motcua.assistant.turns import MISSED_OUTCOMES
from motcua.catalogue import get_procedure
from motcua.errors import Invalid, NotFound
from motcua.reports.period import Period

TAUGHT, NOT_OURS = "taught", "not_ours"
UNHELPFUL = "unhelpful"
REASONS = {
    "fallback": "Không hiểu",
    "not_found": "Không tìm thấy thủ tục",
    UNHELPFUL: "👎",
    "handoff": "Chuyển cán bộ",
}
LIMIT = 50


class MissedError(Invalid):
    """A decision that cannot be taken (Vietnamese message)."""


@dataclass
class MissedGroup:
    """Similar missed questions: how often, why, and the latest wording as an example."""

    key: str
    example: str = ""
    count: int = 0
    reasons: Counter = field(default_factory=Counter)
    last_at: datetime | None = None

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "example": self.example,
            "count": self.count,
            "reasons": dict(sorted(self.reasons.items())),
            "last_at": self.last_at.isoformat() if self.last_at else None,
        }


def missed_groups(session: Session, unit_ids: list[int], period: Period, limit: int = LIMIT) -> list[MissedGroup]:
    """The groups not decided yet, most frequent first (ties: the latest first)."""
    decided = set(session.scalars(select(MissedDecision.group_key).where(MissedDecision.unit_id.in_(unit_ids))))
    groups: dict[str, MissedGroup] = {}
    for key, text, reason, at in _missed(session, unit_ids, period):
        if not key or key in decided:
            continue
        group = groups.setdefault(key, MissedGroup(key))
        group.count += 1
        group.reasons[reason] += 1
        if group.last_at is None or at >= group.last_at:
            group.example, group.last_at = text, at
    ordered = sorted(groups.values(), key=lambda group: (-group.count, -group.last_at.timestamp(), group.key))
    return ordered[:limit]


def decisions(session: Session, unit_ids: list[int], limit: int = LIMIT) -> list[MissedDecision]:
    """The latest decisions taken for these units."""
    return list(
        session.scalars(
            select(MissedDecision)
            .where(MissedDecision.unit_id.in_(unit_ids))
            .order_by(MissedDecision.decided_at.desc(), MissedDecision.id.desc())
            .limit(limit)
        )
    )


def teach(
    session: Session, unit_id: int, unit_ids: list[int], key: str, procedure_code: str, by: str, at: datetime
) -> MissedDecision:
    """Attach the group ``key`` (missed in ``unit_ids``) to a procedure; the search answers it at once."""
    example = _example(session, unit_ids, key)
    procedure = get_procedure(session, procedure_code)
    if procedure is None:
        raise MissedError(f"Không có thủ tục mã '{procedure_code.strip()[:40]}' trong danh mục.", "procedure")
    # Learned wordings answer in every unit's assistant: one another unit taught (a unit this manager
    # cannot see) is theirs to move, or a manager above both.
    taught = session.scalar(select(LearnedPhrasing).where(LearnedPhrasing.phrase_key == group_key(example)))
    if taught is not None and taught.unit_id not in unit_ids and taught.procedure_code != procedure.code:
        raise MissedError(
            f"Câu hỏi này đơn vị khác đã dạy cho thủ tục {taught.procedure_code}; chỉ lãnh đạo đơn vị đó hoặc "
            "cấp trên mới đổi được.",
            "procedure",
        )
    learn(session, example, procedure.code, unit_id, by, at)
    return _decide(session, unit_id, key, TAUGHT, procedure.code, by, at)


def mark_not_ours(
    session: Session, unit_id: int, unit_ids: list[int], key: str, by: str, at: datetime
) -> MissedDecision:
    """Mark the group ``key`` as not a service of the unit."""
    _example(session, unit_ids, key)
    return _decide(session, unit_id, key, NOT_OURS, None, by, at)


def _missed(session: Session, unit_ids: list[int], period: Period):
    """(key, masked text, reason, at) of every missed turn and 👎 of the period."""
    turns = session.execute(
        select(
            AssistantTurn.group_key, AssistantTurn.question, AssistantTurn.text, AssistantTurn.outcome, AssistantTurn.at
        ).where(
            AssistantTurn.unit_id.in_(unit_ids),
            AssistantTurn.at >= period.start,
            AssistantTurn.at < period.end,
            AssistantTurn.outcome.in_(MISSED_OUTCOMES),
        )
    )
    for key, question, text, outcome, at in turns:
        if outcome == "handoff" and not question:
            continue  # "gặp cán bộ" alone: no question to learn from
        yield key, question or text, outcome, at
    unhelpful = session.execute(
        select(AnswerFeedback.group_key, AnswerFeedback.question, AnswerFeedback.at).where(
            AnswerFeedback.unit_id.in_(unit_ids),
            AnswerFeedback.at >= period.start,
            AnswerFeedback.at < period.end,
            AnswerFeedback.helpful.is_(False),
        )
    )
    for key, question, at in unhelpful:
        yield key, question, UNHELPFUL, at


def _example(session: Session, unit_ids: list[int], key: str) -> str:
    """The latest masked wording of group ``key`` among these units' turns and feedback; NotFound when the
    units never had it (a manager decides only about their own units' questions)."""
    key = (key or "").strip()
    if not key:
        raise MissedError("Thiếu câu hỏi cần xử lý.", "key")
    turn = session.execute(
        select(AssistantTurn.question, AssistantTurn.text)
        .where(AssistantTurn.unit_id.in_(unit_ids), AssistantTurn.group_key == key)
        .order_by(AssistantTurn.at.desc())
        .limit(1)
    ).first()
    if turn is not None:
        return turn.question or turn.text
    feedback = session.scalar(
        select(AnswerFeedback.question)
        .where(AnswerFeedback.unit_id.in_(unit_ids), AnswerFeedback.group_key == key)
        .order_by(AnswerFeedback.at.desc())
        .limit(1)
    )
    if feedback is None:
        raise NotFound("Không tìm thấy câu hỏi này trong danh sách của đơn vị.", "key")
    return feedback


def _decide(
    session: Session, unit_id: int, key: str, decision: str, code: str | None, by: str, at: datetime
) -> MissedDecision:
    found = session.scalar(
        select(MissedDecision).where(MissedDecision.unit_id == unit_id, MissedDecision.group_key == key)
    )
    if found is None:
        found = MissedDecision(unit_id=unit_id, group_key=key)
        session.add(found)
    found.decision, found.procedure_code, found.decided_by, found.decided_at = decision, code, by, at
    session.flush()
    return found
