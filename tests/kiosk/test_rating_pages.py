from datetime import timedelta

import pytest
from sqlalchemy import func, select

from kiosk.core.auth import hash_password
from motcua.accounts import create_user
from motcua.clock import now_local
from motcua.feedback.models import KioskDevice, Rating
from motcua.feedback.ratings import RatingInput, submit_rating
from motcua.feedback.tokens import make_rating_token
from motcua.staff import Counter, Officer
from tests.factories import DOSSIER_CODE, UNIT, enrol_kiosk, make_centre, make_dossier


@pytest.fixture
def centre(db):
    make_centre(db)


@pytest.fixture
def manager(client, db, centre, auth):
    create_user(db, "quanly", hash_password("mat-khau-dai"), "manager", UNIT, "Lãnh đạo")
    db.commit()
    auth("quanly")
    return client


def test_the_kiosk_page_shows_the_units_faces_and_the_officer_on_duty(client, centre):
    html = client.get(f"/kiosk/{UNIT}/Q1").get_data(as_text=True)
    assert html.count('class="face"') == 4 and "Rất hài lòng" in html and "Trần Văn Minh" in html
    assert "Chờ lâu" in html and "Yêu cầu thêm giấy tờ ngoài quy định" in html


def test_the_kiosk_of_an_unknown_counter_is_a_404(client, centre):
    response = client.get(f"/kiosk/{UNIT}/Q9")
    assert response.status_code == 404 and "Không có quầy" in response.get_data(as_text=True)


def test_kiosk_timings_come_from_the_url_within_bounds(client, centre):
    html = client.get(f"/kiosk/{UNIT}/Q1?idle=2&guard=abc&thanks=9999").get_data(as_text=True)
    assert '"idleMs": 2000' in html and '"guardMs": 5000' in html and '"thanksMs": 4000' in html


def test_the_service_worker_is_served_under_the_kiosk_scope(client):
    response = client.get("/kiosk/sw.js")
    assert response.status_code == 200 and "javascript" in response.content_type
    assert "caches" in response.get_data(as_text=True)


def test_the_qr_page_rates_the_dossier_once_then_says_already_rated(client, app, db, centre):
    make_dossier(db)
    url = "/r/" + make_rating_token(app.config["SECRET_KEY"], DOSSIER_CODE, now_local())
    page = client.get(url).get_data(as_text=True)
    assert DOSSIER_CODE in page and "Lê Thị Hoa" in page
    form = {"idempotency_key": "qr-key", "level": "hai_long", "attitude": "rat_lich_su"}
    assert "Cảm ơn" in client.post(url, data=form).get_data(as_text=True)
    assert "Cảm ơn" in client.post(url, data=form).get_data(as_text=True)  # a double submit
    assert "đã được đánh giá" in client.get(url).get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(Rating)) == 1


def test_the_qr_form_asks_again_for_a_reason_on_the_lowest_level(client, app, db, centre):
    make_dossier(db)
    url = "/r/" + make_rating_token(app.config["SECRET_KEY"], DOSSIER_CODE, now_local())
    response = client.post(url, data={"idempotency_key": "k", "level": "khong_hai_long", "comment": ""})
    assert response.status_code == 422 and "lý do" in response.get_data(as_text=True)


def test_an_expired_qr_link_explains_itself(client, app, db, centre):
    make_dossier(db)
    token = make_rating_token(app.config["SECRET_KEY"], DOSSIER_CODE, now_local() - timedelta(days=40))
    response = client.get("/r/" + token)
    assert response.status_code == 403 and "hết hạn" in response.get_data(as_text=True)


def test_a_forged_qr_link_is_refused(client, centre):
    assert client.get("/r/bogus.token").status_code == 403


def test_the_live_view_counts_todays_ratings_and_lists_bad_ones(manager, app, db):
    now = now_local()
    secret, kiosk = app.config["SECRET_KEY"], enrol_kiosk(db)
    submit_rating(db, RatingInput("a", unit_code=UNIT, counter="Q1", level="rat_hai_long"), secret, now, kiosk)
    bad = RatingInput("b", unit_code=UNIT, counter="Q1", level="khong_hai_long", reasons=["cho_lau"], comment="45 phút")
    submit_rating(db, bad, secret, now, kiosk)
    html = manager.get("/quan-ly/danh-gia").get_data(as_text=True)
    assert "Quầy 1" in html and "Trần Văn Minh" in html and "50%" in html
    assert "Chờ lâu" in html and "45 phút" in html
    fragment = manager.get("/quan-ly/danh-gia/bang").get_data(as_text=True)
    assert 'data-total="2"' in fragment


def test_the_live_view_needs_a_manager(client, centre):
    assert client.get("/quan-ly/danh-gia").status_code == 302


def test_a_manager_adds_a_counter_and_an_officer_and_assigns_them(manager, db):
    manager.post("/quan-ly/can-bo", data={"action": "add", "code": "CB03", "name": "Phạm Thu Trang"})
    manager.post("/quan-ly/quay", data={"action": "add", "code": "Q3", "name": "Quầy 3"})
    manager.post("/quan-ly/quay", data={"action": "assign", "counter": "Q3", "officer": "CB03"})
    counter = db.scalar(select(Counter).where(Counter.code == "Q3"))
    assert counter.current_officer.name == "Phạm Thu Trang"
    page = manager.get("/quan-ly/quay").get_data(as_text=True)
    assert f"/kiosk/{UNIT}/Q3" in page


def test_deactivating_an_officer_frees_their_counter(manager, db):
    manager.post("/quan-ly/can-bo", data={"action": "toggle", "code": "CB01"})
    db.expire_all()
    assert not db.scalar(select(Officer).where(Officer.code == "CB01")).active
    assert db.scalar(select(Counter).where(Counter.code == "Q1")).current_officer is None


def test_a_manager_cannot_open_another_centres_unit(manager, db):
    from motcua.units import save_unit

    save_unit(db, "OTHER", "Đơn vị khác", "tinh")
    db.commit()
    assert manager.get("/quan-ly/danh-gia?unit=OTHER").status_code == 403


def test_the_live_view_can_look_back_at_another_day(manager, app, db):
    yesterday = now_local() - timedelta(days=1)
    submit_rating(
        db,
        RatingInput("old", unit_code=UNIT, counter="Q1", level="hai_long", created_at=yesterday.isoformat()),
        app.config["SECRET_KEY"],
        now_local(),
        enrol_kiosk(db),
    )
    assert 'data-total="0"' in manager.get("/quan-ly/danh-gia/bang").get_data(as_text=True)
    fragment = manager.get(f"/quan-ly/danh-gia/bang?ngay={yesterday.date().isoformat()}").get_data(as_text=True)
    assert 'data-total="1"' in fragment


def test_a_manager_enrols_a_counters_kiosk_from_the_counters_page_and_revokes_it(manager, db):
    import re

    page = manager.get("/quan-ly/quay").get_data(as_text=True)
    assert "chưa đăng ký" in page
    response = manager.post("/quan-ly/quay/Q1/man-hinh", data={"unit": UNIT, "action": "enrol"})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    secret = re.search(r"#thiet-bi=([\w-]+)", html).group(1)
    assert f"/kiosk/{UNIT}/Q1#thiet-bi={secret}" in html and "<svg" in html
    body = {"idempotency_key": "k1", "unit_code": UNIT, "counter": "Q1", "level": "hai_long", "source": "kiosk"}
    assert manager.post("/api/v1/ratings", json=body, headers={"X-Kiosk-Device": secret}).status_code == 201
    assert "đã đăng ký" in manager.get("/quan-ly/quay").get_data(as_text=True)
    manager.post("/quan-ly/quay/Q1/man-hinh", data={"unit": UNIT, "action": "revoke"})
    body["idempotency_key"] = "k2"
    assert manager.post("/api/v1/ratings", json=body, headers={"X-Kiosk-Device": secret}).status_code == 403


def test_only_a_manager_of_the_unit_enrols_its_kiosks(client, manager, db):
    from motcua.staff import save_counter
    from motcua.units import save_unit

    save_unit(db, "000.00.13.H62", "UBND xã Bình Dương", "xa")
    save_counter(db, "000.00.13.H62", "Q1", "Quầy 1")
    db.commit()
    other = manager.post("/quan-ly/quay/Q1/man-hinh", data={"unit": "000.00.13.H62", "action": "enrol"})
    assert other.status_code in (403, 404) and "thiet-bi" not in other.get_data(as_text=True)
    manager.post("/auth/logout")
    anonymous = client.post("/quan-ly/quay/Q1/man-hinh", data={"unit": UNIT, "action": "enrol"})
    assert anonymous.status_code == 302 and db.scalar(select(func.count()).select_from(KioskDevice)) == 0
