"""Helpers of the browser tests: signing a staff member in through the real login form (the test client
signs in with the ``auth`` fixture of tests/conftest.py), and whether an input's hint (placeholder) is read
whole."""

from __future__ import annotations

from kiosk.core.auth import hash_password
from motcua.accounts import create_user

PASSWORD = "mat-khau-dai"


def sign_in_as(page, live_server: str, db, username: str, role: str, unit_code: str, name: str = "Cán bộ") -> None:
    """Create ``username`` with ``role`` in ``unit_code`` and sign in on ``page``."""
    create_user(db, username, hash_password(PASSWORD), role, unit_code, name)
    db.commit()
    sign_in(page, live_server, username, PASSWORD)


def sign_in(page, live_server: str, username: str, password: str) -> None:
    """Sign an existing account in on ``page`` through the real login form."""
    page.goto(f"{live_server}/auth/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


PLACEHOLDER_ROOM = """(input) => {
  const style = getComputedStyle(input);
  const context = document.createElement('canvas').getContext('2d');
  context.font = style.font;
  const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return [context.measureText(input.placeholder).width, room];
}"""


def placeholder_fits(locator) -> tuple[bool, list[float]]:
    """Whether the input's placeholder is shown whole, with [text width, room] in CSS pixels."""
    width, room = locator.evaluate(PLACEHOLDER_ROOM)
    return width <= room, [width, room]
