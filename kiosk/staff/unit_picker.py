"""The unit a manager's page is about: ``?unit=`` when the user may see it (``require_unit``), else
their own; and the units offered in the page's picker."""

from __future__ import annotations

from flask import abort, current_app, g, request

from kiosk.core.auth import require_unit
from kiosk.core.db import get_session
from motcua.accounts import unit_tree
from motcua.units import Unit, get_unit


def chosen_unit() -> Unit:
    """The unit in ``?unit=`` if the user may see it, else their own (the default unit for an admin)."""
    session = get_session()
    wanted = request.values.get("unit") or (g.user.unit.code if g.user.unit else current_app.config["DEFAULT_UNIT"])
    unit = get_unit(session, wanted)
    if unit is None:
        abort(404)
    return require_unit(unit)


def visible_units() -> list[Unit]:
    """The units the signed-in user may pick, by code."""
    return sorted((unit for unit, _ in unit_choices()), key=lambda unit: unit.code)


def unit_choices() -> list[tuple[Unit, int]]:
    """The units the signed-in user may pick, in tree order with their depth (``motcua.accounts.unit_tree``)."""
    return unit_tree(get_session(), g.user)
