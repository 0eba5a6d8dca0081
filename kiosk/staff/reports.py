"""Bảng báo cáo của lãnh đạo — /quan-ly/bao-cao: the figures of a unit (and the units under it) for
a month, quarter, half-year, year or custom span, as tables and charts, with the published paragraph,
the dossiers behind late and overdue figures, and CSV / XLSX exports.

Managers see their own unit and the units below it; administrators see every unit.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, current_app, g, render_template, request

from kiosk.core.auth import login_required, may_see
from kiosk.core.db import get_session
from kiosk.staff.report_exports import filename, report_csv, report_xlsx
from kiosk.staff.unit_picker import unit_choices
from motcua.clock import now_local
from motcua.formatting import format_count, format_pct
from motcua.reports import Period, PeriodError, build_summary, narrative
from motcua.reports.drilldown import KINDS, dossiers_behind, monthly_trend
from motcua.reports.period import half, month, parse_period, quarter, year
from motcua.reports.table import FIELD_HEADER, UNIT_HEADER, field_rows, summary_rows, unit_rows
from motcua.units import Unit, get_unit, subtree_ids

bp = Blueprint("reports", __name__, url_prefix="/quan-ly/bao-cao")

PERIOD_KINDS = {
    "month": ("Tháng", "Month"),
    "quarter": ("Quý", "Quarter"),
    "half": ("6 tháng", "Half-year"),
    "year": ("Năm", "Year"),
    "custom": ("Tùy chọn", "Custom"),
}


@bp.app_template_filter("count_vi")
def count_vi(value: int) -> str:
    """``{{ 7790 | count_vi }}`` → "7.790"."""
    return format_count(value)


@bp.app_template_filter("pct_vi")
def pct_vi(value: float) -> str:
    """``{{ 92.27 | pct_vi }}`` → "92,27%"."""
    return format_pct(value)


@bp.app_template_filter("level_part")
def level_part(item: tuple[str, dict], classes: dict[str, str]) -> tuple:
    """A satisfaction level as a part of the share bar: (label, count, pct, css class)."""
    key, level = item
    return level["label"], level["count"], level["pct"], classes.get(key, "neutral")


class SelectionError(Exception):
    """A dashboard request that cannot be answered; ``status`` and a Vietnamese message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


@dataclass
class Selection:
    """What the manager picked: unit, period, roll-up, and the raw form values to redisplay."""

    unit: Unit
    period: Period
    include_children: bool
    form: dict

    def query(self, **extra) -> dict:
        return {**self.form, **extra}


@bp.get("")
@login_required("manager")
def dashboard():
    session = get_session()
    units = unit_choices()
    try:
        selection = _selection(units)
    except SelectionError as exc:
        return render_template(
            "reports/dashboard.html", error=exc.message, units=units, form=_form_defaults(), **_choices()
        ), exc.status
    summary = build_summary(session, selection.unit, selection.period, selection.include_children)
    report = summary.to_dict()
    unit_ids = _unit_ids(selection)
    trend_months = _trend_months(selection.period)
    return render_template(
        "reports/dashboard.html",
        error=None,
        units=units,
        form=selection.form,
        selection=selection,
        report=report,
        text=narrative(summary),
        rows=summary_rows(report),
        unit_header=UNIT_HEADER,
        unit_rows=unit_rows(report),
        field_header=FIELD_HEADER,
        field_rows=field_rows(report),
        trend=monthly_trend(session, unit_ids, trend_months),
        **_choices(),
    )


@bp.get("/ho-so")
@login_required("manager")
def drilldown():
    units = unit_choices()
    kind = request.args.get("loai", "")
    if kind not in KINDS:
        return render_template("reports/drilldown.html", error="Loại danh sách không hợp lệ.", lines=[]), 400
    try:
        selection = _selection(units)
    except SelectionError as exc:
        return render_template("reports/drilldown.html", error=exc.message, lines=[]), exc.status
    lines = dossiers_behind(get_session(), kind, _unit_ids(selection), selection.period, now_local().date())
    return render_template(
        "reports/drilldown.html", error=None, lines=lines, title=KINDS[kind], selection=selection, kind=kind
    )


@bp.get("/xuat.<extension>")
@login_required("manager")
def export(extension: str):
    if extension not in ("csv", "xlsx"):
        return Response("Định dạng xuất phải là csv hoặc xlsx.", status=404, mimetype="text/plain")
    try:
        selection = _selection(unit_choices())
    except SelectionError as exc:
        return Response(exc.message, status=exc.status, mimetype="text/plain")
    report = build_summary(get_session(), selection.unit, selection.period, selection.include_children).to_dict()
    if extension == "csv":
        body, mimetype = report_csv(report), "text/csv; charset=utf-8"
    else:
        body, mimetype = report_xlsx(report), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    headers = {"Content-Disposition": f'attachment; filename="{filename(report, extension)}"'}
    return Response(body, mimetype=mimetype, headers=headers)


def _selection(units: list[tuple[Unit, int]]) -> Selection:
    args = request.args
    form = _form_defaults() | {key: args[key].strip() for key in args if key in _form_defaults()}
    unit = _picked_unit(form, units)
    form["unit"] = unit.code
    include_children = form["include_children"] not in ("0", "")
    try:
        period = _period(form)
    except (PeriodError, ValueError) as exc:
        message = str(exc) if isinstance(exc, PeriodError) else "Năm hoặc số kỳ không hợp lệ."
        raise SelectionError(400, message) from None
    return Selection(unit, period, include_children, form)


def _picked_unit(form: dict, units: list[tuple[Unit, int]]) -> Unit:
    if not units:
        raise SelectionError(403, "Tài khoản của bạn chưa được gán đơn vị.")
    code = form.get("unit") or (g.user.unit.code if g.user.unit else "") or current_app.config["DEFAULT_UNIT"]
    unit = get_unit(get_session(), code)
    if unit is None:
        raise SelectionError(404, f"Không tìm thấy đơn vị '{code}'.")
    if not may_see(unit):
        if not form.get("unit"):
            return units[0][0]
        raise SelectionError(403, "Bạn chỉ xem được báo cáo của đơn vị mình và các đơn vị trực thuộc.")
    return unit


def _period(form: dict) -> Period:
    kind = form["kind"]
    if kind == "custom":
        return parse_period(form["from"], form["to"])
    number_of_year, number = int(form["year"]), int(form["number"] or 1)
    if kind == "month":
        return month(number_of_year, number)
    if kind == "quarter":
        return quarter(number_of_year, number)
    if kind == "half":
        return half(number_of_year, number)
    if kind == "year":
        return year(number_of_year)
    raise PeriodError("Loại kỳ báo cáo không hợp lệ.")


def _form_defaults() -> dict:
    today = now_local().date()
    return {
        "unit": "",
        "kind": "month",
        "year": str(today.year),
        "number": str(today.month),
        "from": today.replace(day=1).isoformat(),
        "to": today.isoformat(),
        "include_children": "1",
    }


def _choices() -> dict:
    return {"period_kinds": PERIOD_KINDS, "drill_kinds": KINDS}


def _unit_ids(selection: Selection) -> list[int]:
    if selection.include_children:
        return subtree_ids(get_session(), selection.unit)
    return [selection.unit.id]


def _trend_months(period: Period) -> list[Period]:
    """The months of the period, or the twelve months up to it for a single month."""
    if period.kind != "month":
        return period.months()[-24:]
    first = period.first
    start_year, start_month = (first.year, first.month - 11) if first.month > 11 else (first.year - 1, first.month + 1)
    return Period(month(start_year, start_month).first, period.last).months()
