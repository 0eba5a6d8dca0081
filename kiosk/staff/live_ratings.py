"""Đánh giá hôm nay — ``/quan-ly/danh-gia``: today's ratings of a unit and the units below it, live
(the tables refresh every ``LIVE_REFRESH_SECONDS``), or another day's with ``?ngay=``."""

from __future__ import annotations

from datetime import date

from flask import current_app, render_template

from kiosk.core.auth import login_required
from kiosk.core.db import get_session
from kiosk.core.request_values import day_arg, seconds_arg
from kiosk.staff.counters import bp
from kiosk.staff.unit_picker import chosen_unit, visible_units
from motcua.clock import now_local
from motcua.feedback import scales
from motcua.feedback.live import day_summary
from motcua.units import Unit, subtree_ids


@bp.get("/danh-gia")
@login_required("manager")
def live():
    unit = chosen_unit()
    refresh = seconds_arg("refresh", 1, 600, current_app.config["LIVE_REFRESH_SECONDS"])
    refresh_ms = int(refresh * 1000)
    return render_template(
        "rating/live.html", unit=unit, units=visible_units(), refresh_ms=refresh_ms, **_summary(unit)
    )


@bp.get("/danh-gia/bang")
@login_required("manager")
def live_table():
    """The tables alone: the live page swaps them in every few seconds."""
    unit = chosen_unit()
    return render_template("rating/_live_tables.html", unit=unit, **_summary(unit))


def _summary(unit: Unit) -> dict:
    session = get_session()
    now = now_local()
    day = _chosen_day(now.date())
    summary = day_summary(session, subtree_ids(session, unit), day, scales.level_keys(unit))
    return {"summary": summary, "day": day, "now_time": f"{now:%H:%M:%S}", "level_labels": scales.LEVEL_LABELS}


def _chosen_day(today: date) -> date:
    """``?ngay=2026-04-15`` looks back at another day (400 when it is no usable day)."""
    return day_arg("ngay", today)
