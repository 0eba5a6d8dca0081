"""Builders of the hand-off tests: two sibling communes under the province, and conversations already
queued (through the domain, as the assistant's request would)."""

from __future__ import annotations

from datetime import datetime

from kiosk.core.auth import hash_password
from motcua.accounts import create_user
from motcua.handoff import queue
from motcua.handoff.hours import parse_schedule
from motcua.units import get_unit, save_unit

PROVINCE, COMMUNE, SIBLING = "000.00.00.H62", "000.00.12.H62", "000.00.13.H62"
PASSWORD = "mat-khau-dai"
MONDAY_9 = datetime(2026, 11, 30, 9, 0)
ALWAYS = parse_schedule("T2-CN 00:00-23:59")


def make_units(db) -> None:
    """The province with communes 12 and 13, and in each commune an officer ``canbo12``/``canbo13``."""
    save_unit(db, PROVINCE, "Trung tâm Phục vụ hành chính công tỉnh", "tinh")
    save_unit(db, COMMUNE, "Bộ phận Một cửa UBND xã Tây Sơn", "xa", PROVINCE)
    save_unit(db, SIBLING, "Bộ phận Một cửa UBND xã Đông Sơn", "xa", PROVINCE)
    for suffix, unit in (("12", COMMUNE), ("13", SIBLING)):
        create_user(db, f"canbo{suffix}", hash_password(PASSWORD), "officer", unit, f"Nguyễn Thị Lan {suffix}")
    db.commit()


def queued(db, sender: str, unit_code: str = COMMUNE, channel: str = "web", question: str = ""):
    """A conversation waiting in ``unit_code``'s queue."""
    request = queue.Request(sender, channel, "asked", question)
    outcome = queue.request_handoff(db, get_unit(db, unit_code), request, ALWAYS, MONDAY_9)
    db.commit()
    return outcome.conversation
