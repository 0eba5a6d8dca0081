"""The touch kiosk and the QR page in real headless Chromium."""

from __future__ import annotations

import socket
import threading

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from kiosk.core.auth import hash_password
from motcua.accounts import create_user
from motcua.clock import now_local
from motcua.feedback.devices import revoke_devices
from motcua.feedback.ratings import RatingInput, submit_rating
from motcua.feedback.tokens import make_rating_token
from tests.factories import DOSSIER_CODE, UNIT, enrol_kiosk, make_centre, make_dossier
from tests.kiosk.kiosk_screens import HUMAN_PAUSE_MS, enrolment_url, ratings, screen, tap, wait_for, wait_until_sent

pytestmark = pytest.mark.browser


class _OneRequestPerConnection(WSGIRequestHandler):
    """No keep-alive: once the server stops, the browser really cannot reach it."""

    protocol_version = "HTTP/1.0"


class StoppableServer:
    """The app on a fixed loopback port that can be stopped and started again on that same port."""

    def __init__(self, app) -> None:
        self.app = app
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = None
        self._thread = None

    def start(self) -> None:
        self._server = make_server(
            "127.0.0.1", self.port, self.app, threaded=True, request_handler=_OneRequestPerConnection
        )
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


@pytest.fixture
def centre(db):
    make_centre(db)


@pytest.fixture
def server(app, centre):
    server = StoppableServer(app)
    server.start()
    yield server
    server.stop()


def test_a_citizen_rates_with_three_taps_and_is_thanked(live_server, page, db, centre):
    page.goto(enrolment_url(db, live_server))
    tap(page, '[data-level="hai_long"]')
    assert page.is_visible("#screen-attitude")
    tap(page, '[data-attitude="rat_lich_su"]')
    assert page.is_visible("#screen-thanks")
    wait_until_sent(page)
    [rating] = ratings(db)
    assert (rating.level, rating.attitude, rating.officer.code, rating.source) == (
        "hai_long",
        "rat_lich_su",
        "CB01",
        "kiosk",
    )


def test_a_bad_rating_asks_for_reasons_before_it_can_be_sent(live_server, page, db, centre):
    page.goto(enrolment_url(db, live_server))
    tap(page, '[data-level="khong_hai_long"]')
    tap(page, '[data-attitude="binh_thuong"]')
    assert page.is_visible("#screen-reasons")
    assert page.is_disabled('[data-action="send"]')
    tap(page, '[data-reason="cho_lau"]')
    tap(page, '[data-reason="them_giay_to"]')
    page.fill("#comment", "Chờ 45 phút")
    tap(page, '[data-action="send"]')
    assert page.is_visible("#screen-thanks")
    wait_until_sent(page)
    [rating] = ratings(db)
    assert rating.reasons == ["cho_lau", "them_giay_to"] and rating.comment == "Chờ 45 phút"


def test_the_kiosk_goes_back_to_the_start_when_left_idle(live_server, page, db, centre):
    page.goto(enrolment_url(db, live_server, "?idle=1"))
    tap(page, '[data-level="rat_hai_long"]')
    assert screen(page) == "attitude"
    wait_for(page, "document.body.dataset.screen === 'level'", timeout=3000)
    wait_until_sent(page)
    [rating] = ratings(db)
    assert rating.level == "rat_hai_long" and rating.attitude is None


def test_english_and_larger_text_are_one_tap_away_and_reset_for_the_next_citizen(live_server, page, db, centre):
    page.goto(enrolment_url(db, live_server, "?thanks=0.2"))
    tap(page, "#lang")
    tap(page, '[data-size="1"]')
    assert page.inner_text('[data-level="rat_hai_long"] .face-label') == "Very satisfied"
    assert page.evaluate("document.documentElement.classList.contains('size-1')")
    tap(page, '[data-level="rat_hai_long"]')
    tap(page, '[data-attitude="rat_lich_su"]')
    wait_for(page, "document.body.dataset.screen === 'level'")
    assert page.inner_text('[data-level="rat_hai_long"] .face-label') == "Rất hài lòng"


def test_a_second_press_right_after_a_rating_is_ignored(live_server, page, db, centre):
    page.goto(enrolment_url(db, live_server, "?thanks=0.2&guard=3"))
    tap(page, '[data-level="rat_hai_long"]')
    tap(page, '[data-attitude="rat_lich_su"]')
    wait_for(page, "document.body.dataset.screen === 'level'")
    tap(page, '[data-level="rat_hai_long"]')
    assert screen(page) == "level"
    page.wait_for_timeout(3000)
    tap(page, '[data-level="hai_long"]')
    assert screen(page) == "attitude"
    wait_until_sent(page)
    assert len(ratings(db)) == 1


def test_a_double_tap_on_a_face_does_not_also_answer_the_next_question(live_server, page, db, centre):
    page.goto(enrolment_url(db, live_server))
    page.wait_for_timeout(HUMAN_PAUSE_MS)
    page.dblclick('[data-level="rat_hai_long"]')
    page.click('[data-attitude="hach_dich"]', delay=0)
    assert screen(page) == "attitude"
    assert ratings(db) == []


def test_ratings_made_while_the_server_is_down_arrive_once_after_it_returns(server, page, db):
    page.goto(enrolment_url(db, server.url, "?thanks=0.2&guard=0.3&retry=0.5"))
    page.evaluate("navigator.serviceWorker.ready")
    wait_for(page, "caches.has('motcua-kiosk-v1')")
    server.stop()
    for level in ("rat_hai_long", "hai_long"):
        tap(page, f'[data-level="{level}"]')
        tap(page, '[data-attitude="rat_lich_su"]')
        wait_for(page, "document.body.dataset.screen === 'level'")
    assert page.evaluate("window.motcuaKiosk.pending()") == 2
    page.reload()  # while the server is down: the service worker serves the kiosk from its cache
    assert page.is_visible('[data-level="binh_thuong"]')
    tap(page, '[data-level="binh_thuong"]')
    tap(page, '[data-attitude="binh_thuong"]')
    assert page.evaluate("window.motcuaKiosk.pending()") == 3
    assert "3 phiếu đang chờ gửi" in page.inner_text("#status")
    assert ratings(db) == []
    server.start()
    wait_until_sent(page, timeout=15000)
    stored = ratings(db)
    assert [r.level for r in stored] == ["rat_hai_long", "hai_long", "binh_thuong"]
    assert len({r.idempotency_key for r in stored}) == 3


def test_a_qr_link_rates_once_and_then_says_already_rated(live_server, page, app, db, centre):
    make_dossier(db)
    url = f"{live_server}/r/" + make_rating_token(app.config["SECRET_KEY"], DOSSIER_CODE, now_local())
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url)
    page.click('label.qr-face:has(input[value="rat_hai_long"])')
    page.check('input[name="attitude"][value="rat_lich_su"]')
    page.click("button.qr-send")
    assert "Cảm ơn" in page.inner_text("h1")
    page.goto(url)
    assert "Đã đánh giá" in page.inner_text("h1")
    [rating] = ratings(db)
    assert rating.source == "qr" and rating.officer.code == "CB02"


def test_the_managers_live_view_shows_a_new_bad_rating_without_a_reload(live_server, page, app, db, centre):
    create_user(db, "quanly", hash_password("mat-khau-dai"), "manager", UNIT, "Lãnh đạo")
    db.commit()
    page.goto(f"{live_server}/auth/login")
    page.fill("input[name=username]", "quanly")
    page.fill("input[name=password]", "mat-khau-dai")
    page.click("button[type=submit]")
    page.goto(f"{live_server}/quan-ly/danh-gia?refresh=1")
    assert page.get_attribute("[data-total]", "data-total") == "0"
    bad = RatingInput("bad-1", unit_code=UNIT, counter="Q1", level="khong_hai_long", reasons=["nhung_nhieu"])
    submit_rating(db, bad, app.config["SECRET_KEY"], now_local(), enrol_kiosk(db))
    page.wait_for_selector('[data-total="1"]', timeout=5000)
    assert "Nhũng nhiễu" in page.inner_text("[data-testid=alerts]")
    assert "Trần Văn Minh" in page.inner_text("[data-testid=by-officer]")


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (800, 1280), (1920, 1080), (1080, 1920)])
def test_every_face_is_finger_sized_and_on_screen_in_both_orientations(live_server, page, db, width, height):
    """Also with the largest text in English (the longest labels): nothing may need scrolling."""
    make_centre(db, scale=5)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(enrolment_url(db, live_server))
    for setting in (None, '[data-size="1"]', "#lang"):
        if setting:
            tap(page, setting)
        boxes = [face.bounding_box() for face in page.query_selector_all(".face")]
        assert len(boxes) == 5
        bar = page.query_selector(".kiosk-bar").bounding_box()
        for box in boxes:
            # ~2 cm on a 10-inch 1280×800 screen is ~120 px.
            assert box["width"] >= 120 and box["height"] >= 120
            assert box["x"] >= 0 and box["y"] >= bar["y"] + bar["height"]
            assert box["x"] + box["width"] <= width and box["y"] + box["height"] <= height


def test_the_enrolment_url_enrols_the_kiosk_and_its_secret_leaves_the_address_bar(live_server, page, db, centre):
    page.goto(enrolment_url(db, live_server))
    assert "thiet-bi" not in page.url and page.evaluate("window.motcuaKiosk.enrolled()")
    page.goto(f"{live_server}/kiosk/{UNIT}/Q1")  # later visits: the kiosk kept its credential
    tap(page, '[data-level="hai_long"]')
    tap(page, '[data-attitude="rat_lich_su"]')
    wait_until_sent(page)
    [rating] = ratings(db)
    assert rating.device_id is not None and rating.counter.code == "Q1" and rating.officer.code == "CB01"


def test_a_kiosk_that_was_never_enrolled_says_so_instead_of_taking_ratings(live_server, page, db, centre):
    page.goto(f"{live_server}/kiosk/{UNIT}/Q1")
    assert screen(page) == "enrol" and page.is_visible("#screen-enrol")
    assert "chưa được đăng ký" in page.inner_text("#screen-enrol h1")
    assert not page.is_visible('[data-level="hai_long"]')
    assert ratings(db) == []


def test_a_revoked_kiosk_keeps_its_rating_aside_and_asks_to_be_enrolled_again(live_server, page, db, centre):
    page.goto(enrolment_url(db, live_server, "?thanks=0.2"))
    page.wait_for_load_state("networkidle")  # its start-up check saw the credential still valid
    revoke_devices(db, UNIT, "Q1", now_local())
    db.commit()
    tap(page, '[data-level="hai_long"]')
    tap(page, '[data-attitude="rat_lich_su"]')
    wait_for(page, "document.body.dataset.screen === 'enrol'", timeout=5000)
    assert page.evaluate("window.motcuaKiosk.pending()") == 0
    kept = page.evaluate(f"JSON.parse(localStorage.getItem('motcua.kiosk.rejected:{UNIT}:Q1'))")
    assert len(kept) == 1 and kept[0]["status"] == 403
    assert ratings(db) == []


def test_a_kiosk_revoked_while_closed_asks_to_be_enrolled_when_it_opens(live_server, page, db, centre):
    page.goto(enrolment_url(db, live_server))
    revoke_devices(db, UNIT, "Q1", now_local())
    db.commit()
    page.reload()
    wait_for(page, "document.body.dataset.screen === 'enrol'", timeout=5000)
    assert not page.evaluate("window.motcuaKiosk.enrolled()")
