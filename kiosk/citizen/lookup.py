"""Tra cứu hồ sơ — ``/tra-cuu``: a citizen types (or scans) the code on their receipt and sees where
the dossier stands, without personal data. Rate-limited per client (``DOSSIER_LOOKUP_LIMIT``)."""

from __future__ import annotations

from flask import g, render_template, request

from kiosk.core.db import get_session
from kiosk.core.dossier_limits import client_key, enforce
from kiosk.core.errors import ApiError
from kiosk.staff.intake import bp
from motcua.clock import now_local
from motcua.dossiers.lookup import find_dossier, public_view


@bp.get("/tra-cuu")
def lookup():
    code = request.args.get("ma", "").strip()
    status, error = None, None
    if code:
        try:
            enforce("DOSSIER_LOOKUP_LIMIT", client_key())
            dossier = find_dossier(get_session(), code)
            if dossier is None:
                error = "Không tìm thấy hồ sơ có mã này. Vui lòng kiểm tra lại mã trên giấy tiếp nhận."
            else:
                status = public_view(dossier, now_local().date(), g.get("lang", "vi"))
        except ApiError as exc:
            error = exc.message
    return render_template("dossiers/lookup.html", code=code, status=status, error=error), 429 if (
        error and "quá nhiều" in error
    ) else 200
