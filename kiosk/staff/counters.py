"""Quầy và cán bộ — the centre manager's pages of counters (``/quan-ly/quay``: the officer on duty,
the kiosk links, the unit's rating scale) and officers (``/quan-ly/can-bo``). A manager sees their
unit and every unit below it; an admin sees all.

The blueprint ``rating_manager`` also holds today's live ratings (``kiosk.staff.live_ratings``), so the
endpoint names stay ``rating_manager.*``."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from kiosk.core.auth import login_required
from kiosk.core.db import get_session
from kiosk.staff.unit_picker import chosen_unit, visible_units
from motcua.errors import DomainError
from motcua.feedback import scales
from motcua.staff import (
    StaffError,
    assign_officer,
    get_counter,
    list_counters,
    list_officers,
    save_counter,
    save_officer,
    toggle_officer,
)
from motcua.units import Unit

bp = Blueprint("rating_manager", __name__, url_prefix="/quan-ly")


@bp.route("/quay", methods=("GET", "POST"))
@login_required("manager")
def counters():
    session = get_session()
    unit = chosen_unit()
    if request.method == "POST":
        try:
            _counter_action(unit)
            session.commit()
        except DomainError as exc:
            session.rollback()
            flash(str(exc), "error")
        return redirect(url_for(".counters", unit=unit.code))
    rows = list_counters(session, unit)
    staff = list_officers(session, unit, active_only=True)
    return render_template(
        "rating/counters.html", unit=unit, units=visible_units(), counters=rows, officers=staff, scales=scales.SCALES
    )


@bp.route("/can-bo", methods=("GET", "POST"))
@login_required("manager")
def officers():
    session = get_session()
    unit = chosen_unit()
    if request.method == "POST":
        try:
            _officer_action(unit)
            session.commit()
        except DomainError as exc:
            session.rollback()
            flash(str(exc), "error")
        return redirect(url_for(".officers", unit=unit.code))
    rows = list_officers(session, unit)
    return render_template("rating/officers.html", unit=unit, units=visible_units(), officers=rows)


def _counter_action(unit: Unit) -> None:
    form, session = request.form, get_session()
    action = form.get("action")
    if action == "add":
        save_counter(session, unit.code, form.get("code", ""), form.get("name", ""))
    elif action == "assign":
        counter = get_counter(session, unit, form.get("counter", ""))
        if counter is None:
            raise StaffError("Không tìm thấy quầy.")
        assign_officer(session, counter, form.get("officer") or None)
    elif action == "scale":
        scales.set_scale(unit, form.get("levels", ""))
    else:
        abort(400)


def _officer_action(unit: Unit) -> None:
    form, session = request.form, get_session()
    action = form.get("action")
    if action == "add":
        save_officer(session, unit.code, form.get("code", ""), form.get("name", ""))
    elif action == "toggle":
        toggle_officer(session, unit, form.get("code"))
    else:
        abort(400)
