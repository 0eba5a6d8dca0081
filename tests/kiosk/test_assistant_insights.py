"""The assistant's insights: turns and 👍/👎 reach the app through the API; the summary API and the page
/quan-ly/tro-ly give figures equal to counts made by hand on a generated dataset (tests/kiosk/assistant_dataset.py);
hostile input gets a Vietnamese message and a 4xx, never a 500; another unit's figures stay closed."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import select

from kiosk.core.auth import hash_password
from motcua.accounts import create_user
from motcua.assistant.models import AnswerFeedback, AssistantTurn
from motcua.units import get_unit, save_unit
from tests.factories import COMMUNE, seed_catalogue
from tests.kiosk.assistant_dataset import PERIOD_FIRST, PERIOD_LAST, SIBLING, generate, store

PROVINCE = "000.00.00.H62"
PERIOD = {"from": PERIOD_FIRST.isoformat(), "to": PERIOD_LAST.isoformat()}
SEEDS = (7, 2026)


@pytest.fixture
def places(db):
    """The province, commune 12 and its sibling 13, with the catalogue."""
    seed_catalogue(db)
    save_unit(db, SIBLING, "UBND xã Mười Ba", "xa", PROVINCE)
    db.commit()


@pytest.fixture
def units(db, places):
    """The places and their staff (signing in is slow: only the tests of pages and sessions use it)."""
    create_user(db, "quanly", hash_password("mat-khau-dai"), "manager", COMMUNE, "Lãnh đạo xã")
    create_user(db, "quanly13", hash_password("mat-khau-dai"), "manager", SIBLING, "Lãnh đạo xã 13")
    create_user(db, "canbo", hash_password("mat-khau-dai"), "officer", COMMUNE, "Cán bộ")
    db.commit()


@pytest.fixture
def assistant_keys(places, key_headers):
    return {COMMUNE: key_headers(COMMUNE, "assistant"), SIBLING: key_headers(SIBLING, "assistant")}


def by_hand(data, units: set[str]) -> dict:
    """Every figure of the summary, counted from the generated lists (docs/assistant-insights.md)."""
    turns = sorted(
        (t for t in data.turns if t.unit in units and PERIOD_FIRST <= t.at.date() <= PERIOD_LAST), key=lambda t: t.at
    )
    first_channel: dict[str, str] = {}
    for turn in turns:
        first_channel.setdefault(turn.conversation, turn.channel)
    handoffs = [h for h in data.handoffs if h.unit in units and PERIOD_FIRST <= h.created_at.date() <= PERIOD_LAST]
    handed = {t.conversation for t in turns if t.outcome == "handoff"} | {h.conversation for h in handoffs}
    waits = [(h.taken_at - h.created_at).total_seconds() / 60 for h in handoffs if h.taken_at]
    days = []
    day = PERIOD_FIRST
    while day <= PERIOD_LAST:
        on_day = [t for t in turns if t.at.date() == day]
        days.append(
            {"day": day.isoformat(), "conversations": len({t.conversation for t in on_day}), "messages": len(on_day)}
        )
        day += timedelta(days=1)
    feedback = [f for f in data.feedback if f.unit in units and PERIOD_FIRST <= f.at.date() <= PERIOD_LAST]
    intents = Counter(t.intent for t in turns)
    procedures = Counter(t.procedure for t in turns if t.outcome == "answered")
    conversations = len(first_channel)
    return {
        "conversations": conversations,
        "messages": len(turns),
        "days": days,
        "channels": {
            channel: (
                sum(1 for c in first_channel.values() if c == channel),
                sum(1 for t in turns if t.channel == channel),
            )
            for channel in ("web", "zalo", "other")
        },
        "contained": conversations - len(handed & set(first_channel)),
        "handoffs": len(handoffs),
        "handoffs_taken": len(waits),
        "waiting_mean": statistics.mean(waits) if waits else None,
        "waiting_median": statistics.median(waits) if waits else None,
        "fallbacks": sum(1 for t in turns if t.outcome == "fallback"),
        "not_found": sum(1 for t in turns if t.outcome == "not_found"),
        "intents": sorted(intents.items(), key=lambda item: (-item[1], item[0]))[:10],
        "procedures": sorted(procedures.items(), key=lambda item: (-item[1], item[0]))[:10],
        "helpful": sum(1 for f in feedback if f.helpful),
        "unhelpful": sum(1 for f in feedback if not f.helpful),
    }


@pytest.mark.parametrize("seed", SEEDS)
def test_the_summary_api_gives_the_figures_counted_by_hand(client, db, assistant_keys, key_headers, seed):
    data = generate(seed)
    store(client, db, assistant_keys, data)
    for unit, covers in ((COMMUNE, {COMMUNE}), (PROVINCE, {COMMUNE, SIBLING})):
        query = {"unit": unit, **PERIOD}
        answer = client.get("/api/v1/assistant/summary", query_string=query, headers=key_headers(unit, "reports"))
        assert answer.status_code == 200, answer.get_json()
        _same_figures(answer.get_json(), by_hand(data, covers), unit)


def _same_figures(got: dict, hand: dict, unit: str) -> None:

    assert hand["conversations"] > 10 and hand["handoffs"] > 0 and hand["fallbacks"] > 0, (
        "the dataset covers each figure"
    )
    assert (got["conversations"], got["messages"]) == (hand["conversations"], hand["messages"])
    assert got["days"] == hand["days"]
    assert {row["channel"]: (row["conversations"], row["messages"]) for row in got["channels"]} == hand["channels"]
    assert got["contained"] == hand["contained"]
    assert got["containment_pct"] == pytest.approx(100 * hand["contained"] / hand["conversations"], abs=0.005)
    assert (got["handoffs"], got["handoffs_taken"]) == (hand["handoffs"], hand["handoffs_taken"])
    assert got["handoff_pct"] == pytest.approx(100 * hand["handoffs"] / hand["conversations"], abs=0.005)
    if hand["waiting_mean"] is not None:
        assert got["waiting_minutes_mean"] == pytest.approx(hand["waiting_mean"], abs=0.05)
        assert got["waiting_minutes_median"] == pytest.approx(hand["waiting_median"], abs=0.05)
    assert (got["fallbacks"], got["not_found"]) == (hand["fallbacks"], hand["not_found"])
    assert got["fallback_pct"] == pytest.approx(100 * hand["fallbacks"] / hand["messages"], abs=0.005)
    assert [(row["intent"], row["messages"]) for row in got["top_intents"]] == hand["intents"]
    assert [(row["code"], row["messages"]) for row in got["top_procedures"]] == hand["procedures"]
    assert (got["helpful"], got["unhelpful"]) == (hand["helpful"], hand["unhelpful"])
    assert got["unit"]["code"] == unit and (got["from"], got["to"]) == (PERIOD["from"], PERIOD["to"])


def _figure(page: str, name: str) -> str:
    return re.search(rf'data-figure="{name}">([^<]*)<', page).group(1).strip()


def _count(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def test_the_page_shows_the_figures_counted_by_hand(client, db, units, assistant_keys, auth):
    data = generate(SEEDS[0])
    store(client, db, assistant_keys, data)
    hand = by_hand(data, {COMMUNE})
    auth("quanly")
    answer = client.get("/quan-ly/tro-ly", query_string={"unit": COMMUNE, **PERIOD})
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)

    assert _figure(page, "conversations") == _count(hand["conversations"])
    assert _figure(page, "messages") == _count(hand["messages"])
    assert _figure(page, "feedback") == f"{hand['helpful']} / {hand['unhelpful']}"
    assert _figure(page, "not-found") == _count(hand["not_found"])
    assert _figure(page, "handoffs").startswith(f"{hand['handoffs']} (")
    for row in hand["days"]:
        cells = re.search(rf'data-day="{row["day"]}">.*?</tr>', page, re.S).group(0)
        assert re.findall(r'class="num">([^<]*)<', cells) == [_count(row["conversations"]), _count(row["messages"])]
    for channel, (conversations, messages) in hand["channels"].items():
        cells = re.search(rf'data-channel="{channel}">.*?</tr>', page, re.S).group(0)
        assert re.findall(r'class="num">([^<]*)<', cells) == [_count(conversations), _count(messages)]


def test_missed_questions_are_grouped_by_folded_masked_text_with_counts(client, db, units, assistant_keys, auth):
    data = generate(SEEDS[1])
    store(client, db, assistant_keys, data)
    auth("quanly")
    page = client.get("/quan-ly/tro-ly", query_string={"unit": COMMUNE, **PERIOD}).get_data(as_text=True)

    in_period = [t for t in data.turns if t.unit == COMMUNE and PERIOD_FIRST <= t.at.date() <= PERIOD_LAST]
    # "làm sổ đỏ lần đầu ở đâu" and "Cho hỏi làm sổ đỏ lần đầu ở đâu ạ" are one group.
    same = {"làm sổ đỏ lần đầu ở đâu", "Cho hỏi làm sổ đỏ lần đầu ở đâu ạ"}
    missed = sum(
        1
        for t in in_period
        if (t.outcome in ("fallback", "not_found") and t.text in same)
        or (t.outcome == "handoff" and t.question in same)
    )
    missed += sum(
        1
        for f in data.feedback
        if f.unit == COMMUNE and not f.helpful and f.question in same and PERIOD_FIRST <= f.at.date() <= PERIOD_LAST
    )
    row = re.search(r'<tr data-key="lam so do lan dau o dau">.*?</tr>', page, re.S).group(0)
    assert re.search(r"data-count>([^<]*)<", row).group(1) == _count(missed)
    # Names, phone numbers and dossier codes never reach the page nor the database.
    assert "0912345678" not in page and "Nguyễn Văn An" not in page and "260302-0001" not in page
    stored = [t.text + t.question for t in db.scalars(select(AssistantTurn))]
    stored += [f.question for f in db.scalars(select(AnswerFeedback))]
    assert not [text for text in stored if "0912345678" in text or "Nguyễn Văn An" in text or "H62-260302" in text]
    assert any("[số điện thoại]" in text and "[tên]" in text for text in stored)


def test_a_turn_sent_twice_is_stored_once_and_the_later_copy_wins(client, db, assistant_keys):
    turn = generate(1).turns[0].body() | {"unit": COMMUNE, "outcome": "choices"}
    first = client.post("/api/v1/assistant/turns", json=turn, headers=assistant_keys[COMMUNE])
    again = client.post("/api/v1/assistant/turns", json=turn | {"outcome": "answered"}, headers=assistant_keys[COMMUNE])
    assert (first.status_code, again.status_code) == (201, 200)
    assert [t.outcome for t in db.scalars(select(AssistantTurn))] == ["answered"]


def test_without_a_unit_a_turn_belongs_to_the_keys_unit(client, db, assistant_keys):
    turn = generate(1).turns[0].body()
    del turn["unit"]
    assert client.post("/api/v1/assistant/turns", json=turn, headers=assistant_keys[SIBLING]).status_code == 201
    assert db.scalar(select(AssistantTurn)).unit_id == get_unit(db, SIBLING).id


GOOD_TURN = {"conversation_id": "web-abc", "at": 1772419200.5, "channel": "web", "outcome": "answered"}
BAD_TURNS = [
    ({"conversation_id": None}, "conversation_id"),
    ({"conversation_id": ""}, "conversation_id"),
    ({"conversation_id": 12}, "conversation_id"),
    ({"conversation_id": "x" * 300}, "conversation_id"),
    ({"at": "hôm qua"}, "at"),
    ({"at": "9999-12-31T23:59:59+14:00"}, "at"),
    ({"at": float("inf")}, "at"),
    ({"at": 1e20}, "at"),
    ({"at": True}, "at"),
    ({"at": None}, "at"),
    ({"outcome": "great"}, "outcome"),
    ({"channel": "fax"}, "channel"),
    ({"confidence": 7}, "confidence"),
    ({"confidence": "cao"}, "confidence"),
    ({"text": ["a"]}, "text"),
    ({"intent": {"name": "x"}}, "intent"),
]


@pytest.mark.parametrize("change,field", BAD_TURNS)
def test_hostile_turns_get_a_vietnamese_message_and_a_4xx(client, assistant_keys, change, field):
    body = {**GOOD_TURN, **change}
    body = (
        {key: value for key, value in body.items() if not (key == "conversation_id" and change == {})} if change else {}
    )
    answer = client.post("/api/v1/assistant/turns", json=body, headers=assistant_keys[COMMUNE])
    assert 400 <= answer.status_code < 500, answer.get_data(as_text=True)
    assert re.search(r"[àáảãạăâđêôơư]", answer.get_json()["message"]), answer.get_json()
    assert answer.get_json().get("field") == field


def test_huge_and_odd_text_is_cut_masked_and_stored(client, db, assistant_keys):
    odd = "Tôi ở Hà Nội\x07\x1b " + "🙂" * 200 + " gọi 0912 345 678 " + "<script>alert(1)</script>" * 400
    answer = client.post("/api/v1/assistant/turns", json={**GOOD_TURN, "text": odd}, headers=assistant_keys[COMMUNE])
    assert answer.status_code == 201
    stored = db.scalar(select(AssistantTurn)).text
    assert len(stored) <= 500 and "\x07" not in stored and "0912 345 678" not in stored
    nul = client.post("/api/v1/assistant/turns", json={**GOOD_TURN, "text": "a\x00b"}, headers=assistant_keys[COMMUNE])
    assert nul.status_code == 400 and "không hợp lệ" in nul.get_json()["message"]


@pytest.mark.parametrize(
    "body",
    [
        None,
        [],
        {"conversation_id": "w", "at": 1772419200, "helpful": "yes"},
        {"conversation_id": "w", "at": 1772419200},
        {"conversation_id": "w", "at": "2026-13-01", "helpful": True},
        {"conversation_id": "w", "at": 1772419200, "helpful": True, "question": 5},
        {"conversation_id": "w", "at": 1772419200, "helpful": True, "unit": SIBLING},
        {"conversation_id": "w", "at": 1772419200, "helpful": True, "unit": "khong-co"},
        {"conversation_id": "w", "at": 1772419200, "helpful": True, "unit": ["x"]},
    ],
)
def test_hostile_feedback_gets_a_vietnamese_message_and_a_4xx(client, assistant_keys, body):
    answer = client.post("/api/v1/assistant/feedback", json=body, headers=assistant_keys[COMMUNE])
    assert 400 <= answer.status_code < 500
    assert answer.get_json()["message"]


def test_the_writes_need_the_assistant_key_and_the_summary_the_reports_scope(client, units, key_headers, auth):
    reports = key_headers(COMMUNE, "reports")
    assert client.post("/api/v1/assistant/turns", json=GOOD_TURN).status_code == 401
    assert client.post("/api/v1/assistant/turns", json=GOOD_TURN, headers=reports).status_code == 403
    assert client.post("/api/v1/assistant/feedback", json=GOOD_TURN, headers=reports).status_code == 403
    query = {"unit": COMMUNE, **PERIOD}
    assert client.get("/api/v1/assistant/summary", query_string=query).status_code == 401
    assistant = key_headers(COMMUNE, "assistant")
    assert client.get("/api/v1/assistant/summary", query_string=query, headers=assistant).status_code == 403
    auth("canbo")  # an officer is no manager
    assert client.get("/api/v1/assistant/summary", query_string=query).status_code == 403


@pytest.mark.parametrize(
    "query,status",
    [
        ({"unit": SIBLING, **PERIOD}, 403),
        ({"unit": PROVINCE, **PERIOD}, 403),
        ({"unit": "khong-co", **PERIOD}, 404),
        ({**PERIOD}, 400),
        ({"unit": COMMUNE, "from": "2026-03-01"}, 400),
        ({"unit": COMMUNE, "from": "hôm qua", "to": "2026-03-02"}, 400),
        ({"unit": COMMUNE, "from": "2026-03-10", "to": "2026-03-01"}, 400),
        ({"unit": COMMUNE, "from": "0001-01-01", "to": "9999-12-31"}, 400),
        ({"unit": COMMUNE, "from": "2024-01-01", "to": "2026-03-01"}, 400),
        ({"unit": COMMUNE, "from": "2026-03-01" * 50, "to": "2026-03-02"}, 400),
    ],
)
def test_hostile_summary_queries_get_a_vietnamese_message(client, places, key_headers, query, status):
    answer = client.get("/api/v1/assistant/summary", query_string=query, headers=key_headers(COMMUNE, "reports"))
    assert answer.status_code == status
    assert answer.get_json()["message"]
