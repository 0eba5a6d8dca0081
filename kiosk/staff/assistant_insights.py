"""Trợ lý ảo — ``/quan-ly/tro-ly``: what citizens ask the assistant and what it misses, for a manager of the
unit (and the units below it): conversations and messages per day and channel, containment, hand-offs and
waiting time, fallback rate, top intents and procedures, 👍 / 👎 (``motcua.assistant.summary``, the same
figures as ``GET /api/v1/assistant/summary``); and the missed questions grouped by similar text, which the
manager teaches (attaches to a procedure: the search answers it at once) or marks "not our service".
"""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from kiosk.core.auth import login_required
from kiosk.core.db import get_session
from kiosk.core.errors import STATUS, ApiError
from kiosk.staff.unit_picker import chosen_unit, visible_units
from motcua.assistant.missed import REASONS, decisions, mark_not_ours, missed_groups, teach
from motcua.assistant.summary import assistant_period, build_assistant_summary
from motcua.clock import now_local
from motcua.errors import DomainError
from motcua.reports import PeriodError
from motcua.reports.period import Period
from motcua.units import Unit, subtree_ids

bp = Blueprint("assistant_insights", __name__, url_prefix="/quan-ly")

# Without dates the page shows the last 30 days, today included.
DEFAULT_DAYS = 30


@bp.route("/tro-ly", methods=("GET", "POST"))
@login_required("manager")
def insights():
    unit = chosen_unit()
    period = _period()
    if request.method == "POST":
        refused = _decide(unit)
        if refused is None:
            return redirect(url_for(".insights", unit=unit.code, **{"from": period.first, "to": period.last}))
        return _page(unit, period), STATUS.get(refused.kind, 422)
    return _page(unit, period)


def _page(unit: Unit, period: Period) -> str:
    session = get_session()
    units = subtree_ids(session, unit)
    return render_template(
        "assistant/insights.html",
        unit=unit,
        units=visible_units(),
        period=period,
        summary=build_assistant_summary(session, units, period),
        missed=missed_groups(session, units, period),
        decided=decisions(session, units),
        reasons=REASONS,
    )


def _period() -> Period:
    today = now_local().date()
    first = request.values.get("from", "").strip() or (today - timedelta(days=DEFAULT_DAYS - 1)).isoformat()
    last = request.values.get("to", "").strip() or today.isoformat()
    try:
        return assistant_period(first, last)
    except PeriodError as exc:
        raise ApiError(400, "invalid_period", str(exc)) from None


def _decide(unit: Unit) -> DomainError | None:
    """Teach a group of missed questions, or mark it not ours; the refusal (flashed) when refused."""
    session, form = get_session(), request.form
    key, by, at = form.get("key", "")[:400], g.user.username, now_local()
    try:
        if form.get("action") == "teach":
            decision = teach(session, unit.id, subtree_ids(session, unit), key, form.get("procedure", ""), by, at)
            message = f"Đã dạy trợ lý: câu hỏi này được trả lời bằng thủ tục {decision.procedure_code}."
        elif form.get("action") == "not_ours":
            mark_not_ours(session, unit.id, subtree_ids(session, unit), key, by, at)
            message = "Đã ghi nhận: câu hỏi không thuộc dịch vụ của đơn vị."
        else:
            abort(400)
        session.commit()
        flash(message, "success")
    except DomainError as exc:
        session.rollback()
        flash(exc.message, "error")
        return exc
    return None
