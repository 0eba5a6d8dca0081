"""A manager teaches the assistant from its missed questions on /quan-ly/tro-ly: a question attached to a
procedure is answered with that procedure by the catalogue search the assistant uses, at once (a strong
match, no retraining); "not our service" only removes it from the list; ``export-learned`` writes the
taught wordings for review. Hostile decisions get a Vietnamese message and a 4xx."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk.core.auth import hash_password
from motcua.accounts import create_user
from motcua.assistant.models import LearnedPhrasing, MissedDecision
from motcua.units import save_unit
from tests.factories import COMMUNE, add_procedure, seed_catalogue

SIBLING = "000.00.13.H62"
QUESTION = "Cho hỏi xin phép nuôi chim yến trong nhà thì làm sao ạ"
KEY = "xin phep nuoi chim yen trong nha thi lam sao"
TARGET = "1.009999"
PERIOD = {"from": "2026-03-01", "to": "2026-03-31"}
AT = "2026-03-02T09:00:00+07:00"


@pytest.fixture
def missed(db, client, key_headers):
    seed_catalogue(db)
    add_procedure(db, TARGET, "Cấp giấy chứng nhận cơ sở nuôi chim yến đủ điều kiện", 5, field="Chăn nuôi")
    save_unit(db, SIBLING, "UBND xã Mười Ba", "xa", "000.00.00.H62")
    create_user(db, "quanly", hash_password("mat-khau-dai"), "manager", COMMUNE, "Lãnh đạo xã")
    create_user(db, "quanly13", hash_password("mat-khau-dai"), "manager", SIBLING, "Lãnh đạo xã 13")
    create_user(db, "canbo", hash_password("mat-khau-dai"), "officer", COMMUNE, "Cán bộ")
    db.commit()
    turn = {"conversation_id": "web-1", "at": AT, "channel": "web", "outcome": "not_found", "text": QUESTION}
    assert (
        client.post("/api/v1/assistant/turns", json=turn, headers=key_headers(COMMUNE, "assistant")).status_code == 201
    )
    other = {**turn, "conversation_id": "web-2", "text": "cấp phép bắn pháo hoa đám cưới"}
    assert (
        client.post("/api/v1/assistant/turns", json=other, headers=key_headers(SIBLING, "assistant")).status_code == 201
    )


def _search(client, text: str) -> dict:
    return client.get("/api/v1/procedures", query_string={"q": text, "limit": 5, "level": "xa"}).get_json()


def _decide(client, **form) -> object:
    return client.post("/quan-ly/tro-ly", data={"unit": COMMUNE, **PERIOD, **form})


def test_a_taught_question_is_answered_with_its_procedure_at_once(client, db, missed, auth):
    before = _search(client, QUESTION)
    assert not (before["match"] == "strong" and before["items"][0]["code"] == TARGET)
    auth("quanly")
    page = client.get("/quan-ly/tro-ly", query_string={"unit": COMMUNE, **PERIOD}).get_data(as_text=True)
    assert f'data-key="{KEY}"' in page

    answer = _decide(client, action="teach", key=KEY, procedure=TARGET)

    assert answer.status_code == 302
    for asked in (
        QUESTION,
        "xin phép nuôi chim yến trong nhà thì làm sao",
        "XIN PHEP NUOI CHIM YEN TRONG NHA THI LAM SAO",
    ):
        after = _search(client, asked)
        assert (after["match"], after["items"][0]["code"]) == ("strong", TARGET), asked
    # A longer question containing the taught wording is answered too, with the aspect it asks.
    longer = _search(client, "xin phép nuôi chim yến trong nhà thì làm sao, lệ phí bao nhiêu")
    assert (longer["match"], longer["items"][0]["code"]) == ("strong", TARGET)
    page = client.get("/quan-ly/tro-ly", query_string={"unit": COMMUNE, **PERIOD}).get_data(as_text=True)
    assert f'data-key="{KEY}"' not in page and "Đã dạy trợ lý" in page and TARGET in page
    assert db.scalar(select(LearnedPhrasing)).phrase == QUESTION


def test_not_our_service_leaves_the_list_and_teaches_nothing(client, db, missed, auth):
    auth("quanly")
    assert _decide(client, action="not_ours", key=KEY).status_code == 302
    page = client.get("/quan-ly/tro-ly", query_string={"unit": COMMUNE, **PERIOD}).get_data(as_text=True)
    assert f'data-key="{KEY}"' not in page
    assert db.scalar(select(MissedDecision)).decision == "not_ours"
    assert db.scalar(select(LearnedPhrasing)) is None


def test_export_learned_writes_the_taught_wordings_for_review(client, missed, auth, runner, tmp_path):
    auth("quanly")
    _decide(client, action="teach", key=KEY, procedure=TARGET)
    nlu = runner.invoke(args=["export-learned"])
    assert nlu.exit_code == 0, nlu.output
    assert f"# {TARGET} Cấp giấy chứng nhận cơ sở nuôi chim yến" in nlu.output
    assert f"      - {QUESTION}" in nlu.output and "  - intent: ask_procedure" in nlu.output
    out = tmp_path / "learned.tsv"
    tsv = runner.invoke(args=["export-learned", "--format", "tsv", "--out", str(out)])
    assert tsv.exit_code == 0
    assert out.read_text(encoding="utf-8").splitlines() == ["query\tcodes\tlevel", f"{QUESTION}\t{TARGET}\t"]


@pytest.mark.parametrize(
    "form,status,message",
    [
        ({"action": "teach", "key": KEY, "procedure": "9.999999"}, 422, "Không có thủ tục"),
        ({"action": "teach", "key": KEY, "procedure": ""}, 422, "Không có thủ tục"),
        ({"action": "teach", "key": "", "procedure": TARGET}, 422, "Thiếu câu hỏi"),
        ({"action": "teach", "key": "cap phep ban phao hoa dam cuoi", "procedure": TARGET}, 404, "Không tìm thấy"),
        ({"action": "not_ours", "key": "x" * 5000}, 404, "Không tìm thấy"),
        ({"action": "teach", "key": KEY + "\u202e<script>", "procedure": TARGET * 30}, 404, "Không tìm thấy"),
        ({"action": "xoa-het", "key": KEY}, 400, ""),
    ],
)
def test_hostile_decisions_get_a_vietnamese_message_and_a_4xx(client, db, missed, auth, form, status, message):
    auth("quanly")
    answer = _decide(client, **form)
    assert answer.status_code == status
    assert message in answer.get_data(as_text=True)
    assert db.scalar(select(LearnedPhrasing)) is None


@pytest.mark.parametrize(
    "query",
    [
        {"unit": COMMUNE, "from": "hôm qua", "to": "2026-03-02"},
        {"unit": COMMUNE, "from": "2026-03-10", "to": "2026-03-01"},
        {"unit": COMMUNE, "from": "2020-01-01", "to": "2026-03-01"},
        {"unit": COMMUNE, "from": "9999-12-31", "to": "9999-12-31"},
    ],
)
def test_bad_dates_on_the_page_get_a_vietnamese_message(client, missed, auth, query):
    auth("quanly")
    answer = client.get("/quan-ly/tro-ly", query_string=query)
    assert answer.status_code == 400
    assert "Không thực hiện được yêu cầu" in answer.get_data(as_text=True)


def test_another_unit_and_officers_are_refused(client, missed, auth):
    auth("quanly13")
    assert client.get("/quan-ly/tro-ly", query_string={"unit": COMMUNE}).status_code == 403
    assert _decide(client, action="teach", key=KEY, procedure=TARGET).status_code == 403
    assert client.get("/quan-ly/tro-ly", query_string={"unit": "khong-co"}).status_code == 404
    auth("canbo")
    assert client.get("/quan-ly/tro-ly", query_string={"unit": COMMUNE}).status_code == 403
    assert _decide(client, action="not_ours", key=KEY).status_code == 403


def test_a_wording_another_unit_taught_cannot_be_moved_by_a_sibling(client, db, missed, auth, key_headers):
    """Learned wordings serve every unit's assistant; a sibling commune's manager, who cannot see the unit
    that taught one, may not re-point it (before, "a wording learned before is moved" let any manager
    overwrite another unit's teaching)."""
    turn = {"conversation_id": "web-3", "at": AT, "channel": "web", "outcome": "not_found", "text": QUESTION}
    assert (
        client.post("/api/v1/assistant/turns", json=turn, headers=key_headers(SIBLING, "assistant")).status_code == 201
    )
    auth("quanly")
    assert _decide(client, action="teach", key=KEY, procedure=TARGET).status_code == 302

    auth("quanly13")
    answer = client.post(
        "/quan-ly/tro-ly", data={"unit": SIBLING, **PERIOD, "action": "teach", "key": KEY, "procedure": "2.000815"}
    )

    assert answer.status_code == 422
    assert "đơn vị khác đã dạy" in answer.get_data(as_text=True)
    assert db.scalar(select(LearnedPhrasing.procedure_code)) == TARGET
    assert _search(client, QUESTION)["items"][0]["code"] == TARGET
