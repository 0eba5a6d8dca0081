"""Signing a staff member in through the real login form in a browser page (browser tests)."""

from __future__ import annotations

from kiosk.core.auth import hash_password
from motcua.accounts import create_user

PASSWORD = "mat-khau-dai"


def sign_in_as(page, live_server: str, db, username: str, role: str, unit_code: str, name: str = "Cán bộ") -> None:
    """Create ``username`` with ``role`` in ``unit_code`` and sign in on ``page``."""
    create_user(db, username, hash_password(PASSWORD), role, unit_code, name)
    db.commit()
    page.goto(f"{live_server}/auth/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
