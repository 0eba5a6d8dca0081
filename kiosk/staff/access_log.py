"""Nhật ký truy cập — ``/quan-ly/nhat-ky-truy-cap?ma=CODE``: who viewed a dossier's personal data, when and
through which route (motcua/privacy/access.py), for the managers of the dossier's unit and the
administrator; the same list as ``flask --app server access-log --dossier CODE``."""

from __future__ import annotations

from flask import render_template, request

from kiosk.core.auth import login_required, require_unit
from kiosk.core.db import get_session
from kiosk.staff.home import MANAGERS, bp
from motcua.dossiers.codes import CodeError, canonical_code
from motcua.dossiers.lookup import find_dossier
from motcua.privacy.access import ACTOR_KINDS, entries_for_dossier


@bp.get("/nhat-ky-truy-cap")
@login_required(*MANAGERS)
def access_log():
    code, entries, error = request.args.get("ma", "").strip()[:80], None, ""
    if code:
        try:
            code = canonical_code(code)
        except CodeError as exc:
            error = str(exc)
        else:
            dossier = find_dossier(get_session(), code)
            if dossier is None:
                error = "Không tìm thấy hồ sơ có mã này."
            else:
                require_unit(dossier.unit, hidden="Không tìm thấy hồ sơ có mã này.")
                entries = entries_for_dossier(get_session(), dossier.id)
    page = render_template("staff/access_log.html", code=code, entries=entries, kinds=ACTOR_KINDS, error=error)
    return page, 422 if error else 200
