"""Issue 17's follow offer on the receipt's QR page, in real Chromium: after rating (and when the link is
opened again after rating), the citizen can follow the dossier; the follower is this browser's chat
session, and "Hủy theo dõi" stops it."""

import pytest
from sqlalchemy import select

from motcua.clock import now_local
from motcua.feedback.tokens import make_rating_token
from motcua.notifications.models import Follow
from tests.factories import DOSSIER_CODE, make_centre, make_dossier

pytestmark = pytest.mark.browser


def _follows(db) -> list[tuple]:
    db.expire_all()
    return [(f.channel, f.recipient, f.stopped_at is None) for f in db.scalars(select(Follow).order_by(Follow.id))]


def test_the_qr_page_offers_to_follow_the_dossier_after_the_rating(live_server, page, app, db):
    make_centre(db)
    make_dossier(db)
    url = f"{live_server}/r/" + make_rating_token(app.config["SECRET_KEY"], DOSSIER_CODE, now_local())
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url)
    page.click('label.qr-face:has(input[value="hai_long"])')
    page.click("button.qr-send")
    assert "Cảm ơn" in page.inner_text("h1")
    page.click("#follow-button")
    page.wait_for_selector("#unfollow-button:not([hidden])")
    assert "Đang theo dõi" in page.inner_text("#follow-status")
    session = page.evaluate("localStorage.getItem('motcua-chat-sender')")
    assert _follows(db) == [("web", session, True)]
    page.click("#unfollow-button")
    page.wait_for_selector("#follow-button:not([hidden])")
    assert _follows(db) == [("web", session, False)]

    page.goto(url)  # the link again, already rated: following is still offered
    assert "Đã đánh giá" in page.inner_text("h1")
    page.click("#follow-button")
    page.wait_for_selector("#follow-button[hidden]")
    assert _follows(db)[-1] == ("web", session, True)
