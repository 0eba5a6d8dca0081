"""Nhóm thủ tục — /quan-ly/nhom-thu-tuc: a manager names the procedure groups their unit reports on
(seed 003's "5 tại chỗ") and lists each group's procedures; the report then gives each group's
resolved / early / on time / late (``motcua.reports.groups``; the CLI is ``procedure-groups``).

Managers manage the groups of their own unit and of the units below it (``kiosk.core.auth.require_unit``,
the one unit-permission rule); administrators every unit's.
"""

from __future__ import annotations

import re

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from kiosk.core.auth import login_required
from kiosk.core.db import get_session
from kiosk.staff.unit_picker import chosen_unit
from motcua.accounts import unit_tree
from motcua.reports.groups import GroupError, groups_for, remove_group, save_group, unit_groups
from motcua.units import Unit

bp = Blueprint("procedure_groups", __name__, url_prefix="/quan-ly/nhom-thu-tuc")

_SEPARATORS = re.compile(r"[\s,;]+")


@bp.route("", methods=("GET", "POST"))
@login_required("manager")
def index():
    session = get_session()
    unit = chosen_unit()
    if request.method == "POST":
        try:
            message = _action(unit)
            session.commit()
            flash(message, "success")
        except GroupError as exc:
            session.rollback()
            flash(str(exc), "error")
            return _page(unit, form=request.form), 422
        return redirect(url_for(".index", unit=unit.code))
    return _page(unit, form={})


def _page(unit: Unit, form) -> str:
    session = get_session()
    own = unit_groups(session, [unit.id])
    inherited = [group for group in groups_for(session, unit) if group.unit_id != unit.id]
    units = [(candidate, depth) for candidate, depth in unit_tree(session, g.user)]
    return render_template("reports/groups.html", unit=unit, units=units, groups=own, inherited=inherited, form=form)


def _action(unit: Unit) -> str:
    form, session = request.form, get_session()
    action = form.get("action")
    if action == "save":
        codes = [code for code in _SEPARATORS.split(form.get("procedures", "")) if code]
        group = save_group(session, unit, form.get("code", ""), form.get("name", ""), codes)
        return f"Đã lưu nhóm {group.code} — {group.name}: {len(group.members)} thủ tục."
    if action == "remove":
        remove_group(session, unit, form.get("code", ""))
        return f"Đã xóa nhóm {form.get('code', '').strip().lower()}."
    abort(400)
