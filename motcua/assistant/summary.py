"""Số liệu trợ lý ảo — a unit's figures for a period, the same for the page ``/quan-ly/tro-ly`` and
``GET /api/v1/assistant/summary``.

Definitions (docs/assistant-insights.md), over the turns of the unit and the units below it whose
message falls in the period (local dates, both ends included):

- a **conversation** is one assistant conversation (Rasa's sender id) with a turn in the period; a
  conversation is counted on each day it has a turn in ``days``, once in the period's total;
- **messages**: the citizens' turns;
- **channel**: a conversation's channel is that of its first turn in the period;
- **hand-offs** (``motcua.handoff``, read only): conversations queued for an officer (callbacks included)
  created in the period; **hand-off rate**: hand-offs / conversations; **waiting time**: created to taken,
  for those taken;
- **containment**: conversations with no hand-off (no turn ended in one and none was queued) / conversations;
- **fallback rate**: turns not understood / messages; "not found" (nothing close in the catalogue) apart;
- **top intents**, **top procedures**: the most frequent among turns (procedures: turns answered with one);
- **👍 / 👎**: the citizens' feedback on answers given in the period.

Shares are percentages (``motcua.formatting.percent``).
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from motcua.assistant.models import AnswerFeedback, AssistantTurn
from motcua.assistant.turns import CHANNELS, conversation_key
from motcua.catalogue.models import Procedure
from motcua.formatting import percent
from motcua.handoff.models import HandoffConversation
from motcua.reports.period import Period, PeriodError, parse_period

TOP = 10
# A summary lists every day of its period: a year at most keeps the page and the answer small.
MAX_DAYS = 366


def assistant_period(first: str, last: str) -> Period:
    """The period ``first``–``last`` (ISO dates), a year at most; ``PeriodError`` (Vietnamese) otherwise."""
    period = parse_period(first[:40], last[:40])
    if (period.last - period.first).days >= MAX_DAYS:
        raise PeriodError(f"Khoảng thời gian xem tối đa {MAX_DAYS} ngày.")
    return period


@dataclass
class AssistantSummary:
    """The figures of one unit (and the units below) for one period."""

    first: date
    last: date
    conversations: int = 0
    messages: int = 0
    days: list[dict] = field(default_factory=list)
    channels: list[dict] = field(default_factory=list)
    contained: int = 0
    containment_pct: float = 0.0
    handoffs: int = 0
    handoff_pct: float = 0.0
    handoffs_taken: int = 0
    waiting_minutes_mean: float | None = None
    waiting_minutes_median: float | None = None
    fallbacks: int = 0
    fallback_pct: float = 0.0
    not_found: int = 0
    top_intents: list[dict] = field(default_factory=list)
    top_procedures: list[dict] = field(default_factory=list)
    helpful: int = 0
    unhelpful: int = 0

    def to_dict(self) -> dict:
        data = asdict(self)
        data["from"], data["to"] = data.pop("first").isoformat(), data.pop("last").isoformat()
        return data


def build_assistant_summary(session: Session, unit_ids: list[int], period: Period) -> AssistantSummary:
    """Compute the figures (module docstring) of ``unit_ids`` for ``period``."""
    turns = session.execute(
        select(
            AssistantTurn.conversation_key,
            AssistantTurn.at,
            AssistantTurn.channel,
            AssistantTurn.intent,
            AssistantTurn.outcome,
            AssistantTurn.procedure_code,
        )
        .where(AssistantTurn.unit_id.in_(unit_ids), AssistantTurn.at >= period.start, AssistantTurn.at < period.end)
        .order_by(AssistantTurn.at, AssistantTurn.id)
    ).all()
    summary = AssistantSummary(period.first, period.last, messages=len(turns))
    first_channel: dict[str, str] = {}
    handed: set[str] = set()
    for turn in turns:
        first_channel.setdefault(turn.conversation_key, turn.channel)
        if turn.outcome == "handoff":
            handed.add(turn.conversation_key)
    summary.conversations = len(first_channel)
    summary.days = _days(period, turns)
    summary.channels = _channels(turns, first_channel)
    _hand_offs(session, unit_ids, period, summary, handed, set(first_channel))
    summary.contained = summary.conversations - len(handed & set(first_channel))
    summary.containment_pct = percent(summary.contained, summary.conversations)
    outcomes = Counter(turn.outcome for turn in turns)
    summary.fallbacks, summary.not_found = outcomes["fallback"], outcomes["not_found"]
    summary.fallback_pct = percent(summary.fallbacks, summary.messages)
    summary.top_intents = [
        {"intent": intent, "messages": count}
        for intent, count in _top(Counter(turn.intent for turn in turns if turn.intent))
    ]
    summary.top_procedures = _procedures(
        session, Counter(turn.procedure_code for turn in turns if turn.outcome == "answered" and turn.procedure_code)
    )
    feedback = session.scalars(
        select(AnswerFeedback.helpful).where(
            AnswerFeedback.unit_id.in_(unit_ids), AnswerFeedback.at >= period.start, AnswerFeedback.at < period.end
        )
    ).all()
    summary.helpful = sum(1 for helpful in feedback if helpful)
    summary.unhelpful = len(feedback) - summary.helpful
    return summary


def _days(period: Period, turns) -> list[dict]:
    messages: Counter[date] = Counter(turn.at.date() for turn in turns)
    conversations: Counter[date] = Counter(
        day for day, _ in {(turn.at.date(), turn.conversation_key) for turn in turns}
    )
    days, day = [], period.first
    while day <= period.last:
        days.append({"day": day.isoformat(), "conversations": conversations[day], "messages": messages[day]})
        day += timedelta(days=1)
    return days


def _channels(turns, first_channel: dict[str, str]) -> list[dict]:
    conversations = Counter(first_channel.values())
    messages = Counter(turn.channel for turn in turns)
    return [
        {"channel": channel, "conversations": conversations[channel], "messages": messages[channel]}
        for channel in CHANNELS
    ]


def _hand_offs(
    session: Session, unit_ids: list[int], period: Period, summary: AssistantSummary, handed: set[str], seen: set[str]
) -> None:
    """Hand-off count, rate and waiting time from the hand-off queue; its conversations join ``handed``."""
    rows = session.execute(
        select(HandoffConversation.sender_id, HandoffConversation.created_at, HandoffConversation.taken_at).where(
            HandoffConversation.unit_id.in_(unit_ids),
            HandoffConversation.created_at >= period.start,
            HandoffConversation.created_at < period.end,
        )
    ).all()
    summary.handoffs = len(rows)
    summary.handoff_pct = percent(summary.handoffs, summary.conversations)
    handed.update(key for key in (conversation_key(row.sender_id) for row in rows) if key in seen)
    waits = [(row.taken_at - row.created_at).total_seconds() / 60 for row in rows if row.taken_at is not None]
    summary.handoffs_taken = len(waits)
    if waits:
        summary.waiting_minutes_mean = round(statistics.fmean(waits), 1)
        summary.waiting_minutes_median = round(statistics.median(waits), 1)


def _top(counts: Counter) -> list[tuple[str, int]]:
    """The most frequent first, ties by name (a stable order for pages and tests)."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOP]


def _procedures(session: Session, counts: Counter) -> list[dict]:
    top = _top(counts)
    names = dict(
        session.execute(select(Procedure.code, Procedure.name).where(Procedure.code.in_([code for code, _ in top])))
        .tuples()
        .all()
    )
    return [{"code": code, "name": names.get(code, ""), "messages": count} for code, count in top]
