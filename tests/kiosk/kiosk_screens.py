"""Driving the touch kiosk in Chromium: its enrolment URL, tapping like a person, the screen shown, waiting
for a condition in the page, and the ratings stored."""

from __future__ import annotations

import time

from sqlalchemy import select

from motcua.clock import now_local
from motcua.feedback.devices import enrol_device, kiosk_url
from motcua.feedback.models import Rating
from tests.factories import UNIT

# A person's second tap lands well after the kiosk's 350 ms settle time; tests tap like people.
HUMAN_PAUSE_MS = 450


def enrolment_url(db, base: str, query: str = "") -> str:
    """The URL ``counters enroll`` prints for counter Q1, with kiosk settings in its query."""
    _device, secret = enrol_device(db, UNIT, "Q1", now_local())
    db.commit()
    url = kiosk_url(base, UNIT, "Q1", secret)
    return url.replace("#", f"{query}#") if query else url


def ratings(db) -> list[Rating]:
    db.expire_all()
    return list(db.scalars(select(Rating).order_by(Rating.id)))


def tap(page, selector: str) -> None:
    page.wait_for_timeout(HUMAN_PAUSE_MS)
    page.click(selector)


def screen(page) -> str:
    return page.evaluate("document.body.dataset.screen")


def wait_for(page, expression: str, timeout: int = 10000) -> None:
    """Poll ``expression`` in the page until true. Not ``page.wait_for_function``: its predicate runs
    through eval, which the pages' Content-Security-Policy (rightly) forbids."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"still false after {timeout} ms: {expression}"
        page.wait_for_timeout(50)


def wait_until_sent(page, timeout: int = 10000) -> None:
    wait_for(page, "window.motcuaKiosk.pending() === 0", timeout=timeout)
