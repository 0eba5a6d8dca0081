"""The touch kiosk on the two screens centres buy (1080×1920 portrait, 1280×800 landscape), at every text
size, in both languages and in high contrast: every button of every screen is inside the viewport, with
no scrolling. One browser page walks all the combinations (a few seconds), and leaves screenshots at A+
in both orientations in tests/screenshots/ (git-ignored).

Also: a way back from the attitude and reasons screens, and high contrast reset for the next citizen.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import UNIT, make_centre
from tests.kiosk.browser_helpers import sign_in_as
from tests.kiosk.kiosk_screens import enrolment_url, ratings, screen, tap, wait_for

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
VIEWPORTS = [(1080, 1920), (1280, 800)]
SIZES = ['[data-size="-1"]', '[data-size="0"]', '[data-size="1"]']
SCREENS = ["level", "attitude", "reasons", "thanks"]

# Everything a citizen may need to tap or read on the current screen, and the toolbar.
OUTSIDE = """() => {
  const w = window.innerWidth, h = window.innerHeight, out = [];
  const active = document.querySelector('.screen.active');
  const items = [...document.querySelectorAll('.kiosk-bar button')]
    .concat([...active.querySelectorAll('button, textarea, h1')]);
  for (const el of items) {
    if (!el.offsetParent) continue;
    const r = el.getBoundingClientRect();
    if (r.left < 0 || r.top < 0 || r.right > w + 0.5 || r.bottom > h + 0.5) {
      out.push((el.dataset.action || el.dataset.reason || el.dataset.level || el.dataset.attitude
        || el.id || el.tagName) + ' ' + Math.round(r.top) + '..' + Math.round(r.bottom));
    }
  }
  const scroller = active.scrollHeight > active.clientHeight + 1 || document.documentElement.scrollWidth > w;
  if (scroller) out.push('scrolls');
  return out;
}"""

SHOW = """(name) => {
  document.querySelectorAll('.screen').forEach((el) => el.classList.toggle('active', el.id === 'screen-' + name));
  document.body.dataset.screen = name;
}"""


def test_every_screen_fits_at_every_text_size_in_both_orientations(live_server, page, db):
    make_centre(db, scale=5)
    page.goto(enrolment_url(db, live_server))
    # The longest screen: every reason chosen (each chip gains a tick), the hint shown.
    page.evaluate("document.querySelectorAll('.chip').forEach((c) => c.setAttribute('aria-pressed', 'true'))")
    page.evaluate("document.getElementById('reason-hint').hidden = false")
    cut = []
    for width, height in VIEWPORTS:
        page.set_viewport_size({"width": width, "height": height})
        for language in ("vi", "en"):
            if page.evaluate("document.documentElement.lang") != language:
                page.click("#lang")
            for contrast in (False, True):
                if page.get_attribute("#contrast", "aria-pressed") != str(contrast).lower():
                    page.click("#contrast")
                for size in SIZES:
                    page.click(size)
                    for name in SCREENS:
                        page.evaluate(SHOW, name)
                        for problem in page.evaluate(OUTSIDE):
                            cut.append(f"{width}×{height} {language} contrast={contrast} {size} {name}: {problem}")
                        if size == SIZES[-1] and language == "vi" and not contrast:
                            SCREENSHOTS.mkdir(exist_ok=True)
                            page.screenshot(path=str(SCREENSHOTS / f"kiosk-a+-{width}x{height}-{name}.png"))
    assert cut == [], "\n".join(cut)


def test_back_from_the_attitude_and_reasons_screens(live_server, page, db):
    make_centre(db)
    page.goto(enrolment_url(db, live_server, "?thanks=0.2"))
    tap(page, '[data-level="khong_hai_long"]')
    assert screen(page) == "attitude"
    tap(page, '#screen-attitude [data-action="back"]')  # wrong face: back to the faces, nothing sent
    assert screen(page) == "level"
    tap(page, '[data-level="binh_thuong"]')
    tap(page, '[data-attitude="hach_dich"]')
    assert screen(page) == "reasons"
    tap(page, '#screen-reasons [data-action="back"]')
    assert screen(page) == "attitude"
    tap(page, '[data-attitude="binh_thuong"]')
    wait_for(page, "window.motcuaKiosk.pending() === 0")
    [rating] = ratings(db)
    assert (rating.level, rating.attitude, rating.reasons) == ("binh_thuong", "binh_thuong", [])
    assert "Quay lại" in page.inner_text("#screen-attitude [data-action=back]")


def test_high_contrast_is_reset_for_the_next_citizen(live_server, page, db):
    make_centre(db)
    page.goto(enrolment_url(db, live_server, "?thanks=0.2"))
    tap(page, "#contrast")
    assert page.evaluate("document.documentElement.classList.contains('contrast')")
    tap(page, '[data-level="hai_long"]')
    tap(page, '[data-attitude="rat_lich_su"]')
    wait_for(page, "document.body.dataset.screen === 'level'")
    assert not page.evaluate("document.documentElement.classList.contains('contrast')")
    assert page.get_attribute("#contrast", "aria-pressed") == "false"


def test_a_lowest_face_left_on_idle_is_stored_without_a_reason(live_server, page, db):
    """The scale asks for reasons only while the citizen stays; walking away must not lose the rating."""
    make_centre(db)
    page.goto(enrolment_url(db, live_server, "?idle=1"))
    tap(page, '[data-level="khong_hai_long"]')  # the lowest face of the four-level scale
    tap(page, '[data-attitude="binh_thuong"]')
    assert screen(page) == "reasons"
    wait_for(page, "document.body.dataset.screen === 'level'", timeout=4000)
    wait_for(page, "window.motcuaKiosk.pending() === 0")
    [rating] = ratings(db)
    assert (rating.level, rating.reasons, rating.comment) == ("khong_hai_long", [], "")
    assert page.evaluate(f"localStorage.getItem('motcua.kiosk.rejected:{UNIT}:Q1')") is None
    # the manager's live view shows it among the alerts, saying no reason was given
    sign_in_as(page, live_server, db, "quanly", "manager", UNIT)
    page.goto(f"{live_server}/quan-ly/danh-gia")
    assert "Không nêu lý do" in page.inner_text("[data-testid=alerts]")
