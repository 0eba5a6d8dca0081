"""Quản lý thông báo — ``/quan-ly/thong-bao``: a manager's figures on followed dossiers (followers,
messages sent and failed per day, failures with their reason) for their unit and the units below."""

from __future__ import annotations

from flask import Blueprint, render_template

from kiosk.core.auth import login_required
from kiosk.core.db import get_session
from kiosk.staff.unit_picker import chosen_unit, visible_units
from motcua.clock import now_local
from motcua.notifications.figures import unit_figures
from motcua.units import subtree_ids

bp = Blueprint("notification_figures", __name__, url_prefix="/quan-ly")


@bp.get("/thong-bao")
@login_required("manager")
def figures():
    unit = chosen_unit()
    found = unit_figures(get_session(), subtree_ids(get_session(), unit), now_local().date())
    return render_template("notifications/figures.html", unit=unit, units=visible_units(), figures=found)
