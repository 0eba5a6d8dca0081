"""Tra cứu hồ sơ — ``/tra-cuu``: a citizen types (or scans) the code on their receipt and sees where
the dossier stands, without personal data; ``?yc=<reference>`` shows a personal-data request's status
(state, dates, deadline, kind; never its answer). Rate-limited per client (``DOSSIER_LOOKUP_LIMIT``)."""

from __future__ import annotations

from flask import g, render_template, request

from kiosk.core.db import get_session
from kiosk.core.dossier_limits import client_key, enforce
from kiosk.core.errors import ApiError
from kiosk.staff.intake import bp
from motcua.clock import now_local
from motcua.dossiers.lookup import find_dossier, public_view
from motcua.privacy.requests import KINDS_EN, STATUSES_EN, request_status


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
    reference = request.args.get("yc", "").strip()[:40]
    data_request, reference_error = None, None
    if reference:
        try:
            enforce("DOSSIER_LOOKUP_LIMIT", client_key())
            data_request = request_status(get_session(), reference)
            if data_request is None:
                reference_error = (
                    "No request has this reference."
                    if g.get("lang") == "en"
                    else "Không tìm thấy yêu cầu có mã này. Vui lòng kiểm tra lại mã yêu cầu."
                )
            else:
                data_request = _shown(data_request, g.get("lang", "vi"))
        except ApiError as exc:
            reference_error = exc.message
    limited = any(text and "quá nhiều" in text for text in (error, reference_error))
    return render_template(
        "dossiers/lookup.html",
        code=code,
        status=status,
        error=error,
        reference=reference,
        data_request=data_request,
        reference_error=reference_error,
    ), 429 if limited else 200


def _shown(status: dict, lang: str) -> dict:
    """The request's status with its moments as the centre's time, in the page's language."""
    if lang == "en":
        status = {**status, "kind_label": KINDS_EN[status["kind"]], "status_label": STATUSES_EN[status["status"]]}
    for key in ("created_at", "due_at", "resolved_at"):
        moment = status.get(key) or ""
        text = f"{moment[8:10]}/{moment[5:7]}/{moment[:4]} {moment[11:16]}" if moment else ""
        status[key.replace("_at", "_text")] = text
    return status
