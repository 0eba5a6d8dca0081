"""A citizen's request about their dossier's personal data: filed with a deadline, queued for the staff
of the dossier's unit, looked up by reference without personal data, and a deletion request carried out
empties that citizen's conversation in the tracker store and the ratings' comments, nobody else's."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from motcua.feedback.models import Rating
from motcua.privacy.requests import DataRequestError, file_request, open_requests, request_status, resolve
from motcua.units import get_unit
from tests.factories import COMMUNE, add_dossier, seed_catalogue
from tests.motcua.privacy.tracker import senders, tracker_store

NOW = datetime(2026, 11, 30, 9, 0)


@pytest.fixture
def dossiers(db):
    seed_catalogue(db)
    return add_dossier(db), add_dossier(db, "000.00.12.H62-260302-0002", applicant_phone="0987000111")


@pytest.fixture
def tracker(tmp_path):
    _, engine = tracker_store(tmp_path, [(sender, NOW) for sender in ("web-an", "web-an", "web-an", "zalo-other")])
    yield engine
    engine.dispose()


def test_a_request_gets_a_reference_a_deadline_and_a_place_in_the_queue(db, dossiers):
    first, second = dossiers
    later = file_request(db, second, "xem", NOW + timedelta(hours=1))
    sooner = file_request(db, first, "sua", NOW, detail="Địa chỉ đúng là số 7, phố Hòa Bình")
    db.commit()
    assert sooner.reference.startswith("YC-") and sooner.reference != later.reference
    assert sooner.due_at == NOW + timedelta(hours=72)
    assert [r.id for r in open_requests(db)] == [sooner.id, later.id]
    assert open_requests(db, [get_unit(db, COMMUNE).id + 999]) == []
    status = request_status(db, sooner.reference.lower())
    assert status["status_label"] == "Mới tiếp nhận" and status["kind_label"] == "Chỉnh sửa dữ liệu cá nhân"
    assert "Hòa Bình" not in str(status)
    assert request_status(db, "YC-KHONGCO") is None


def test_a_deletion_of_chat_history_empties_that_conversation_only(db, dossiers, tracker):
    request = file_request(db, dossiers[0], "xoa_tro_chuyen", NOW, conversation_id="web-an")
    db.commit()
    removed = resolve(db, request, "da_xong", "canbo", NOW + timedelta(hours=2), tracker=tracker)
    assert removed == {"chat_events": 3}
    assert senders(tracker) == ["zalo-other"]
    assert request_status(db, request.reference)["status"] == "da_xong"
    with pytest.raises(DataRequestError, match="đã được xử lý"):
        resolve(db, request, "da_xong", "canbo", NOW, tracker=tracker)


def test_a_deletion_of_comments_empties_the_comments_of_that_dossier_only(db, dossiers):
    first, second = dossiers
    unit = get_unit(db, COMMUNE)
    for n, dossier in enumerate((first, first, second)):
        db.add(
            Rating(
                idempotency_key=f"k{n}",
                unit_id=unit.id,
                dossier_id=dossier.id,
                level="hai_long",
                source="qr",
                comment=f"ý kiến {n}",
                created_at=NOW,
                received_at=NOW,
            )
        )
    request = file_request(db, first, "xoa_y_kien", NOW)
    db.commit()
    assert resolve(db, request, "da_xong", "canbo", NOW) == {"rating_comments": 2}
    assert sorted(r.comment for r in db.scalars(sa.select(Rating))) == ["", "", "ý kiến 2"]


@pytest.mark.parametrize(
    ("kind", "detail", "conversation", "message"),
    [
        ("xoa_het", "", "", "Loại yêu cầu không hợp lệ"),
        ("sua", "", "", "ghi thông tin cần chỉnh sửa"),
        ("sua", "x" * 2001, "", "dài quá"),
        ("sua", "a\x00b", "", "ký tự không hợp lệ"),
        ("xoa_tro_chuyen", "", "", "cửa sổ trò chuyện"),
    ],
)
def test_a_bad_request_is_refused_in_vietnamese(db, dossiers, kind, detail, conversation, message):
    with pytest.raises(DataRequestError, match=message):
        file_request(db, dossiers[0], kind, NOW, detail=detail, conversation_id=conversation)


def test_a_refusal_needs_its_reason(db, dossiers):
    request = file_request(db, dossiers[0], "xem", NOW)
    db.commit()
    with pytest.raises(DataRequestError, match="lý do"):
        resolve(db, request, "tu_choi", "canbo", NOW)
    resolve(db, request, "tu_choi", "canbo", NOW, answer="Đã cung cấp bản sao tại quầy")
    assert request_status(db, request.reference, with_answer=True)["answer"] == "Đã cung cấp bản sao tại quầy"
    assert "answer" not in request_status(db, request.reference)
