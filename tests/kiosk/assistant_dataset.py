"""A generated dataset of the assistant's conversations, for the insights tests: turns, 👍/👎 and hand-offs
of two sibling communes over a few weeks, drawn by a seeded generator, so the tests can store it through
the real API and recompute every figure by hand from the same list.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from motcua.clock import VN_TZ
from motcua.handoff.models import HandoffConversation
from motcua.units import get_unit

SIBLING = "000.00.13.H62"
PERIOD_FIRST, PERIOD_LAST = date(2026, 3, 2), date(2026, 3, 15)
OUTCOMES = ["answered"] * 5 + ["choices", "not_found", "not_found", "fallback", "fallback", "handoff", "other", "other"]
INTENTS = ["ask_documents", "ask_fee", "ask_duration", "ask_where", "greet", "nlu_fallback", "human_handoff"]
PROCEDURES = ["2.000815", "1.001193", "1.000894", "2.000986"]
QUESTIONS = [
    "làm sổ đỏ lần đầu ở đâu",
    "Cho hỏi làm sổ đỏ lần đầu ở đâu ạ",
    "xin giấy phép nuôi chim yến",
    "Tôi là Nguyễn Văn An, số 0912345678, hỏi hồ sơ 000.00.12.H62-260302-0001",
    "đổi bằng lái xe máy",
    "cấp lại mã số thuế cá nhân",
]


@dataclass
class Turn:
    unit: str
    conversation: str
    at: datetime  # local, naive: what the figures count by
    channel: str
    intent: str
    outcome: str
    procedure: str | None
    text: str
    question: str

    def body(self) -> dict:
        """The turn as the tracker store sends it."""
        return {
            "unit": self.unit,
            "conversation_id": self.conversation,
            "at": self.at.replace(tzinfo=VN_TZ).timestamp(),
            "channel": self.channel,
            "intent": self.intent,
            "confidence": 0.5,
            "outcome": self.outcome,
            "procedure": self.procedure,
            "text": self.text,
            "question": self.question,
        }


@dataclass
class Feedback:
    unit: str
    conversation: str
    at: datetime
    helpful: bool
    question: str

    def body(self) -> dict:
        return {
            "unit": self.unit,
            "conversation_id": self.conversation,
            "at": self.at.isoformat() + "+07:00",
            "helpful": self.helpful,
            "question": self.question,
        }


@dataclass
class Handoff:
    unit: str
    conversation: str
    created_at: datetime
    taken_at: datetime | None


@dataclass
class Dataset:
    turns: list[Turn] = field(default_factory=list)
    feedback: list[Feedback] = field(default_factory=list)
    handoffs: list[Handoff] = field(default_factory=list)


def generate(seed: int, conversations: int = 45) -> Dataset:
    """Conversations starting from two days before the period to two days after it, each of 1–6 turns."""
    rng, data = random.Random(seed), Dataset()
    for number in range(conversations):
        unit = rng.choice([SIBLING, "000.00.12.H62", "000.00.12.H62"])
        conversation = f"{rng.choice(['web', 'zalo'])}-{seed}-{number:03d}"
        channel = rng.choice(["web", "web", "zalo", "other"])
        start = datetime.combine(PERIOD_FIRST - timedelta(days=2), datetime.min.time()) + timedelta(
            minutes=rng.randrange(18 * 24 * 60)
        )
        at = start
        for _ in range(rng.randint(1, 6)):
            at += timedelta(minutes=rng.randint(1, 90), microseconds=rng.randrange(1_000_000))
            outcome = rng.choice(OUTCOMES)
            text = rng.choice(QUESTIONS) if outcome != "handoff" else "gặp cán bộ"
            question = rng.choice(QUESTIONS) if outcome == "handoff" and rng.random() < 0.7 else ""
            procedure = rng.choice(PROCEDURES) if outcome == "answered" else None
            data.turns.append(
                Turn(unit, conversation, at, channel, rng.choice(INTENTS), outcome, procedure, text, question)
            )
            if outcome == "answered" and rng.random() < 0.5:
                at += timedelta(seconds=20)
                data.feedback.append(Feedback(unit, conversation, at, rng.random() < 0.6, rng.choice(QUESTIONS)))
        if rng.random() < 0.25:
            created = start + timedelta(minutes=rng.randint(0, 30))
            taken = (
                created + timedelta(minutes=rng.randint(1, 40), seconds=rng.randrange(60))
                if rng.random() < 0.7
                else None
            )
            data.handoffs.append(Handoff(unit, conversation, created, taken))
    return data


def store(client, db, headers_of: dict[str, dict], data: Dataset) -> None:
    """Send every turn and feedback through the API (with each unit's assistant key) and put the hand-offs
    in the hand-off queue's table."""
    for turn in data.turns:
        answer = client.post("/api/v1/assistant/turns", json=turn.body(), headers=headers_of[turn.unit])
        assert answer.status_code == 201, answer.get_json()
    for feedback in data.feedback:
        answer = client.post("/api/v1/assistant/feedback", json=feedback.body(), headers=headers_of[feedback.unit])
        assert answer.status_code == 201, answer.get_json()
    for handoff in data.handoffs:
        status = "open" if handoff.taken_at else "waiting"
        db.add(
            HandoffConversation(
                unit_id=get_unit(db, handoff.unit).id,
                channel="web",
                sender_id=handoff.conversation,
                status=status,
                reason="asked",
                created_at=handoff.created_at,
                taken_at=handoff.taken_at,
                citizen_seen_until=0.0,
            )
        )
    db.commit()
