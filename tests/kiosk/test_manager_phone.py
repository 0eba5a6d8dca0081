"""Officer and manager pages on a 390 px phone, in real Chromium: the page never scrolls sideways (a wide
table scrolls inside its own box), and axe-core finds nothing there either."""

import pytest

from tests.factories import COMMUNE, add_dossier, seed_catalogue
from tests.kiosk.axe_pages import STAFF_PAGES, violations
from tests.kiosk.browser_helpers import sign_in_as

pytestmark = pytest.mark.browser


def test_staff_pages_fit_a_phone_without_sideways_scrolling(browser, live_server, db):
    seed_catalogue(db)
    add_dossier(db)
    db.commit()
    context = browser.new_context(locale="vi-VN", bypass_csp=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    wide, found = [], []
    try:
        sign_in_as(page, live_server, db, "quanly", "admin", COMMUNE)
        for path in STAFF_PAGES:
            page.goto(live_server + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 390:
                wide.append(f"{path}: {width} px")
            found += violations(page)
    finally:
        context.close()
    assert wide == [], wide
    assert found == [], "\n".join(found)
