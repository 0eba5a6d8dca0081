"""Quản lý đánh giá — the centre manager's pages: today's ratings live (``/quan-ly/danh-gia``), the
counters with the officer on duty and the kiosk links (``/quan-ly/quay``), the officers
(``/quan-ly/can-bo``). A manager sees their unit and every unit below it; an admin sees all."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select

from kiosk.auth import login_required, require_unit
from kiosk.db import get_session
from kiosk.request_values import day_arg, seconds_arg
from motcua.accounts import unit_tree
from motcua.clock import now_local
from motcua.feedback import scales
from motcua.feedback.live import day_summary
from motcua.staff import Counter, Officer, StaffError, assign_officer, get_counter, save_counter, save_officer
from motcua.units import Unit, get_unit, subtree_ids

bp = Blueprint("rating_manager", __name__, url_prefix="/quan-ly")


@bp.get("/danh-gia")
@login_required("manager")
def live():
    unit = _chosen_unit()
    refresh = seconds_arg("refresh", 1, 600, current_app.config.get("LIVE_REFRESH_SECONDS", 10))
    refresh_ms = int(refresh * 1000)
    return render_template(
        "rating/live.html", unit=unit, units=_visible_units(), refresh_ms=refresh_ms, **_summary(unit)
    )


@bp.get("/danh-gia/bang")
@login_required("manager")
def live_table():
    """The tables alone: the live page swaps them in every few seconds."""
    unit = _chosen_unit()
    return render_template("rating/_live_tables.html", unit=unit, **_summary(unit))


@bp.route("/quay", methods=("GET", "POST"))
@login_required("manager")
def counters():
    session = get_session()
    unit = _chosen_unit()
    if request.method == "POST":
        try:
            _counter_action(unit)
            session.commit()
        except StaffError as exc:
            session.rollback()
            flash(str(exc), "error")
        return redirect(url_for(".counters", unit=unit.code))
    rows = session.scalars(select(Counter).where(Counter.unit_id == unit.id).order_by(Counter.code)).all()
    staff = session.scalars(
        select(Officer).where(Officer.unit_id == unit.id, Officer.active.is_(True)).order_by(Officer.name)
    ).all()
    return render_template(
        "rating/counters.html", unit=unit, units=_visible_units(), counters=rows, officers=staff, scales=scales.SCALES
    )


@bp.route("/can-bo", methods=("GET", "POST"))
@login_required("manager")
def officers():
    session = get_session()
    unit = _chosen_unit()
    if request.method == "POST":
        try:
            _officer_action(unit)
            session.commit()
        except StaffError as exc:
            session.rollback()
            flash(str(exc), "error")
        return redirect(url_for(".officers", unit=unit.code))
    rows = session.scalars(select(Officer).where(Officer.unit_id == unit.id).order_by(Officer.code)).all()
    return render_template("rating/officers.html", unit=unit, units=_visible_units(), officers=rows)


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
        size = {str(levels): levels for levels in scales.SCALES}.get(form.get("levels", "").strip())
        if size is None:
            raise StaffError("Thang đánh giá phải có 3, 4 hoặc 5 mức.")
        unit.rating_scale = size
    else:
        abort(400)


def _officer_action(unit: Unit) -> None:
    form, session = request.form, get_session()
    action = form.get("action")
    if action == "add":
        save_officer(session, unit.code, form.get("code", ""), form.get("name", ""))
    elif action == "toggle":
        officer = session.scalar(select(Officer).where(Officer.unit_id == unit.id, Officer.code == form.get("code")))
        if officer is None:
            raise StaffError("Không tìm thấy cán bộ.")
        officer.active = not officer.active
        if not officer.active:
            for counter in session.scalars(select(Counter).where(Counter.current_officer_id == officer.id)):
                counter.current_officer = None
    else:
        abort(400)


def _summary(unit: Unit) -> dict:
    session = get_session()
    now = now_local()
    day = _chosen_day(now.date())
    summary = day_summary(session, subtree_ids(session, unit), day, scales.level_keys(unit))
    return {"summary": summary, "day": day, "now_time": f"{now:%H:%M:%S}", "level_labels": scales.LEVEL_LABELS}


def _chosen_day(today: date) -> date:
    """``?ngay=2026-04-15`` looks back at another day (400 when it is no usable day)."""
    return day_arg("ngay", today)


def _chosen_unit() -> Unit:
    """The unit in ``?unit=`` if the user may see it, else their own (the default unit for an admin)."""
    session = get_session()
    wanted = request.values.get("unit") or (g.user.unit.code if g.user.unit else current_app.config["DEFAULT_UNIT"])
    unit = get_unit(session, wanted)
    if unit is None:
        abort(404)
    return require_unit(unit)


def _visible_units() -> list[Unit]:
    return sorted((unit for unit, _ in unit_tree(get_session(), g.user)), key=lambda unit: unit.code)
