"""The public page /du-lieu-ca-nhan lists, from the inventory, every kind of personal data held, why,
on what basis and for how long, in Vietnamese and in English."""

from __future__ import annotations

from motcua.privacy.notice import public_rows


def test_the_page_lists_every_personal_line_of_the_inventory(client, db):
    response = client.get("/du-lieu-ca-nhan")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Dữ liệu cá nhân của bạn tại Trung tâm" in html and "91/2025/QH15" in html
    assert html.count("<tr><td>") == len(public_rows())
    assert "applicant_identifier" in html and "mã hóa" in html
    assert "Ý kiến ghi trong phiếu đánh giá: 365 ngày" in html


def test_the_page_follows_the_configured_periods(client, db, monkeypatch):
    monkeypatch.setenv("MOTCUA_RETENTION_RATING_COMMENTS_DAYS", "90")
    assert "Ý kiến ghi trong phiếu đánh giá: 90 ngày" in client.get("/du-lieu-ca-nhan").get_data(as_text=True)


def test_the_page_in_english(client, db):
    html = client.get("/du-lieu-ca-nhan?lang=en").get_data(as_text=True)
    assert "Your personal data at the centre" in html and "Retention periods in force" in html


def test_a_wrong_period_setting_does_not_break_the_page(client, db, monkeypatch):
    monkeypatch.setenv("MOTCUA_RETENTION_ACCESS_LOG_DAYS", "mười hai tháng")
    assert client.get("/du-lieu-ca-nhan").status_code == 200


def test_the_qr_rating_page_and_the_counter_intake_page_carry_the_notice_and_its_link(app, client, db, auth):
    from kiosk.core.auth import hash_password
    from motcua.accounts import create_user
    from motcua.clock import now_local
    from motcua.feedback.tokens import make_rating_token
    from tests.factories import CODE, COMMUNE, add_dossier, seed_catalogue

    seed_catalogue(db)
    add_dossier(db)
    create_user(db, "canbo", hash_password("mat-khau-thu"), "officer", COMMUNE, "Trần Thị Bích")
    db.commit()
    qr = client.get("/r/" + make_rating_token(app.config["SECRET_KEY"], CODE, now_local())).get_data(as_text=True)
    auth("canbo", "mat-khau-thu")
    intake = client.get("/quay/tiep-nhan").get_data(as_text=True)
    for html in (qr, intake):
        assert "Trung tâm chỉ dùng thông tin bạn cung cấp" in html
        assert 'href="/du-lieu-ca-nhan"' in html
