"""The officers' inbox /quan-ly/tro-chuyen: the unit's waiting, open and closed conversations; taking,
replying and closing through the page's forms (CSRF-protected), the same as the JSON the page's script
polls; another unit's conversation is not found; citizens and signed-out visitors are kept out; hostile
input gets a Vietnamese 4xx."""

from __future__ import annotations

import pytest

from kiosk.core.auth import hash_password
from motcua.accounts import create_user
from tests.kiosk.handoff_setup import COMMUNE, PASSWORD, SIBLING, make_units, queued

SENDER = "web-" + "d4" * 16
JSON = {"Accept": "application/json"}


@pytest.fixture
def officer(client, db, auth, rasa_admin):
    make_units(db)
    assert auth("canbo12", PASSWORD).status_code == 302
    return client


def test_the_inbox_lists_the_units_waiting_conversations_with_their_question(officer, db):
    queued(db, SENDER, question="Làm lại CCCD cần gì?")
    queued(db, "web-other-unit", unit_code=SIBLING, question="Câu hỏi của xã khác")
    page = officer.get("/quan-ly/tro-chuyen").get_data(as_text=True)
    assert "Trò chuyện với người dân" in page and "Làm lại CCCD cần gì?" in page
    assert "Câu hỏi của xã khác" not in page
    lists = officer.get("/quan-ly/tro-chuyen/danh-sach", headers=JSON).json
    assert [c["question"] for c in lists["waiting"]] == ["Làm lại CCCD cần gì?"]
    assert lists["open"] == [] and lists["closed"] == []


def test_an_officer_takes_reads_replies_and_closes_through_the_page(officer, db, rasa_admin):
    conversation = queued(db, SENDER)
    rasa_admin.say(SENDER, "Hồ sơ 000.00.12.H62-260302-0001 của tôi sao rồi?")
    taken = officer.post(f"/quan-ly/tro-chuyen/{conversation.id}/nhan")
    assert taken.status_code == 302 and f"id={conversation.id}" in taken.headers["Location"]
    page = officer.get(taken.headers["Location"]).get_data(as_text=True)
    assert "Hồ sơ [mã hồ sơ] của tôi sao rồi?" in page and "000.00.12.H62-260302-0001" not in page
    assert "Cán bộ Nguyễn Thị Lan 12 đã tiếp nhận" in page
    replied = officer.post(
        f"/quan-ly/tro-chuyen/{conversation.id}/tin-nhan", data={"text": "Hồ sơ đang xử lý."}, headers=JSON
    )
    assert replied.status_code == 200 and replied.json["messages"][-1]["text"] == "Hồ sơ đang xử lý."
    assert replied.json["messages"][-1]["officer"] == "Cán bộ Nguyễn Thị Lan 12"
    assert rasa_admin.paused[SENDER] is True and rasa_admin.bot_texts(SENDER)[-1] == "Hồ sơ đang xử lý."
    closed = officer.post(f"/quan-ly/tro-chuyen/{conversation.id}/ket-thuc", headers=JSON)
    assert closed.json["status"] == "closed" and rasa_admin.paused[SENDER] is False
    lists = officer.get("/quan-ly/tro-chuyen/danh-sach", headers=JSON).json
    assert [c["id"] for c in lists["closed"]] == [conversation.id]


def test_the_pages_posts_need_the_csrf_token(app, officer, db):
    conversation = queued(db, SENDER)
    app.config["WTF_CSRF_ENABLED"] = True
    assert officer.post(f"/quan-ly/tro-chuyen/{conversation.id}/nhan").status_code == 400
    assert db.get(type(conversation), conversation.id).status == "waiting"


def test_another_units_conversation_is_not_found(officer, db):
    other = queued(db, SENDER, unit_code=SIBLING)
    for method, path in (
        ("GET", f"/quan-ly/tro-chuyen?id={other.id}"),
        ("GET", f"/quan-ly/tro-chuyen/{other.id}/tin-nhan"),
        ("POST", f"/quan-ly/tro-chuyen/{other.id}/nhan"),
        ("POST", f"/quan-ly/tro-chuyen/{other.id}/tin-nhan"),
        ("POST", f"/quan-ly/tro-chuyen/{other.id}/ket-thuc"),
    ):
        assert officer.open(path, method=method, data={"text": "x"}).status_code == 404, path
        assert officer.open(path, method=method, data={"text": "x"}, headers=JSON).status_code == 404, path
    assert officer.get("/quan-ly/tro-chuyen", query_string={"unit": SIBLING}).status_code == 403
    db.expire_all()
    assert db.get(type(other), other.id).status == "waiting"


def test_signed_out_visitors_are_sent_to_sign_in(client, db, rasa_admin):
    make_units(db)
    conversation = queued(db, SENDER)
    assert client.get("/quan-ly/tro-chuyen").status_code == 302
    assert client.post(f"/quan-ly/tro-chuyen/{conversation.id}/nhan").status_code == 302
    assert db.get(type(conversation), conversation.id).status == "waiting"


@pytest.mark.parametrize("conversation_id", ["abc", "0", "99999999999999999999", "-5", "%00"])
def test_bad_ids_are_not_found_in_vietnamese(officer, conversation_id):
    page = officer.get(f"/quan-ly/tro-chuyen/{conversation_id}/tin-nhan")
    assert page.status_code in (400, 404)
    answer = officer.post(f"/quan-ly/tro-chuyen/{conversation_id}/nhan", headers=JSON)
    assert answer.status_code in (400, 404)
    assert "Không tìm thấy" in answer.get_data(as_text=True) or "không hợp lệ" in answer.get_data(as_text=True)


@pytest.mark.parametrize("text", ["", "   ", "x" * 2001])
def test_a_hostile_reply_is_refused_in_vietnamese(officer, db, text):
    conversation = queued(db, SENDER)
    officer.post(f"/quan-ly/tro-chuyen/{conversation.id}/nhan")
    answer = officer.post(f"/quan-ly/tro-chuyen/{conversation.id}/tin-nhan", data={"text": text}, headers=JSON)
    assert answer.status_code == 422 and answer.json["message"]
    page = officer.post(f"/quan-ly/tro-chuyen/{conversation.id}/tin-nhan", data={"text": text})
    assert page.status_code == 422 and answer.json["message"] in page.get_data(as_text=True)


def test_a_second_officer_cannot_take_what_the_first_took(app, officer, db, auth):
    conversation = queued(db, SENDER)
    officer.post(f"/quan-ly/tro-chuyen/{conversation.id}/nhan")
    create_user(db, "canbo12b", hash_password(PASSWORD), "officer", COMMUNE, "Trần Văn Minh")
    db.commit()
    other = app.test_client()
    auth("canbo12b", PASSWORD, client=other)
    answer = other.post(f"/quan-ly/tro-chuyen/{conversation.id}/nhan", headers=JSON)
    assert answer.status_code == 409 and "Nguyễn Thị Lan 12" in answer.json["message"]
