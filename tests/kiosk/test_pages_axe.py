"""axe-core (vendored in tests/data/axe from the npm package, never fetched at run time) on every page a
citizen, an officer or a manager opens, in real Chromium: no violation of any impact.

One browser context walks all pages (the pages' Content-Security-Policy is bypassed only so the test can
inject axe). A failure lists each rule with the first offending elements, page by page.
"""

from __future__ import annotations

import pytest

from motcua.clock import now_local
from motcua.feedback.devices import enrol_device, kiosk_url
from motcua.feedback.tokens import make_rating_token
from tests.factories import CODE, COMMUNE, add_dossier, seed_catalogue
from tests.kiosk.axe_pages import CITIZEN_PAGES, STAFF_PAGES, violations
from tests.kiosk.browser_helpers import sign_in_as

pytestmark = pytest.mark.browser


def test_every_page_has_no_axe_violation(browser, live_server, app, db):
    seed_catalogue(db)
    add_dossier(db)
    _device, secret = enrol_device(db, COMMUNE, "Q1", now_local())
    db.commit()
    token = make_rating_token(app.config["SECRET_KEY"], CODE, now_local())
    context = browser.new_context(locale="vi-VN", bypass_csp=True)
    page = context.new_page()
    found: list[str] = []
    try:
        for path in CITIZEN_PAGES + [f"/r/{token}", f"/kiosk/{COMMUNE}/Q1"]:
            page.goto(live_server + path)
            found += violations(page)
        page.goto(kiosk_url(live_server, COMMUNE, "Q1", secret))  # the enrolled kiosk's faces
        found += violations(page)
        page.goto(live_server + "/")
        page.locator(".mc-chat-launcher").click()  # the chat panel open
        found += violations(page)
        sign_in_as(page, live_server, db, "quanly", "admin", COMMUNE)
        for path in STAFF_PAGES:
            response = page.goto(live_server + path)
            assert response.status < 400, path
            found += violations(page)
    finally:
        context.close()
    assert found == [], "\n".join(found)
