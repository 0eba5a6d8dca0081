"""The staff queue of citizens' data requests: the unit's open requests, soonest deadline first, each
listing logged in the access log; closing one carries a deletion out, a refusal needs its reason."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from kiosk.core.auth import hash_password
from motcua.accounts import create_user
from motcua.clock import now_local
from motcua.feedback.models import Rating
from motcua.privacy.access import AccessEntry
from motcua.privacy.requests import DataRequest, file_request
from motcua.units import get_unit
from tests.factories import COMMUNE, add_dossier, seed_catalogue

PASSWORD = "mat-khau-thu"


@pytest.fixture
def queue(db, client, auth):
    seed_catalogue(db)
    create_user(db, "canbo", hash_password(PASSWORD), "officer", COMMUNE, "Trần Thị Bích")
    dossier = add_dossier(db)
    now = now_local()
    unit = get_unit(db, COMMUNE)
    db.add(
        Rating(
            idempotency_key="k",
            unit_id=unit.id,
            dossier_id=dossier.id,
            level="hai_long",
            source="qr",
            comment="Gọi 0912345678",
            created_at=now,
            received_at=now,
        )
    )
    later = file_request(db, dossier, "sua", now, detail="Địa chỉ đúng là số 7")
    sooner = file_request(db, dossier, "xoa_y_kien", now - timedelta(days=4))
    db.commit()
    auth("canbo", PASSWORD)
    return client, sooner.reference, later.reference


def test_the_queue_lists_open_requests_soonest_first_and_logs_the_view(queue, db):
    client, sooner, later = queue
    html = client.get("/quan-ly/yeu-cau-du-lieu").get_data(as_text=True)
    assert html.index(sooner) < html.index(later) and "(quá hạn)" in html and "Địa chỉ đúng là số 7" in html
    [entry] = db.scalars(select(AccessEntry)).all()
    assert entry.actor == "canbo" and entry.route == "staff.data_requests"


def test_closing_a_comment_deletion_empties_the_comment(queue, db):
    client, sooner, _ = queue
    response = client.post(f"/quan-ly/yeu-cau-du-lieu/{sooner}", data={"status": "da_xong"})
    assert response.status_code == 302
    db.expire_all()
    assert db.scalar(select(Rating)).comment == ""
    assert db.scalar(select(DataRequest).where(DataRequest.reference == sooner)).status == "da_xong"
    assert sooner not in client.get("/quan-ly/yeu-cau-du-lieu").get_data(as_text=True)


@pytest.mark.parametrize(
    ("form", "message"), [({"status": "tu_choi"}, "lý do"), ({"status": "xoa"}, "không hợp lệ"), ({}, "không hợp lệ")]
)
def test_a_bad_resolution_is_refused_in_vietnamese(queue, form, message):
    client, _, later = queue
    response = client.post(f"/quan-ly/yeu-cau-du-lieu/{later}", data=form)
    assert response.status_code == 422 and message in response.get_data(as_text=True)


def test_an_unknown_reference_is_a_404(queue):
    client, _, _ = queue
    assert client.post("/quan-ly/yeu-cau-du-lieu/YC-KHONGCO", data={"status": "da_xong"}).status_code == 404


def test_the_queue_is_for_staff_only(client, db):
    assert client.get("/quan-ly/yeu-cau-du-lieu").status_code == 302
