"""Tiếp nhận hồ sơ: counter intake for officers (``/quay/tiep-nhan``) and the receipt
(``/ho-so/<code>/bien-nhan`` as A5 HTML, ``.pdf`` as PDF).

The blueprint ``dossiers`` also holds the citizen's lookup page (``kiosk.citizen.lookup``), so the
endpoint names stay ``dossiers.*``."""

from __future__ import annotations

import io

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, send_file, url_for
from sqlalchemy import select

from kiosk.core.auth import login_required, require_unit
from kiosk.core.db import get_session
from kiosk.core.personal_access import log_personal_view
from kiosk.core.qr import qr_svg
from kiosk.receipt_pdf import PdfError, html_to_pdf
from motcua.catalogue import get_procedure
from motcua.clock import now_local
from motcua.dossiers.intake import DossierError, receive_at_counter
from motcua.dossiers.lookup import find_dossier
from motcua.dossiers.models import RESULT_DELIVERIES
from motcua.dossiers.receipt import COPIES, TITLE, build_receipt
from motcua.feedback.tokens import make_rating_token
from motcua.staff import Officer, save_officer

bp = Blueprint("dossiers", __name__)


@bp.route("/quay/tiep-nhan", methods=("GET", "POST"))
@login_required("officer", "manager")
def counter_intake():
    form = request.form
    error = None
    if request.method == "POST":
        try:
            code = _receive(form)
            return redirect(url_for("dossiers.receipt", code=code))
        except DossierError as exc:
            get_session().rollback()
            error = str(exc)
    return render_template(
        "dossiers/counter.html", form=form, error=error, deliveries=RESULT_DELIVERIES, unit=g.user.unit
    ), 422 if error else 200


@bp.get("/ho-so/<path:code>/bien-nhan")
@login_required("officer", "manager")
def receipt(code: str):
    context = _receipt_context(code)
    page = render_template("dossiers/receipt.html", **context, for_pdf=False)
    log_personal_view(context["dossier"])
    return page


@bp.get("/ho-so/<path:code>/bien-nhan.pdf")
@login_required("officer", "manager")
def receipt_pdf(code: str):
    context = _receipt_context(code)
    html = render_template("dossiers/receipt.html", **context, for_pdf=True)
    try:
        pdf = html_to_pdf(html, current_app.config.get("CHROMIUM_PATH") or None)
    except PdfError as exc:
        return render_template("dossiers/pdf_error.html", message=str(exc), code=code), 503
    log_personal_view(context["dossier"])
    return send_file(io.BytesIO(pdf), mimetype="application/pdf", download_name=f"bien-nhan-{code}.pdf")


def _receive(form) -> str:
    session = get_session()
    unit = g.user.unit
    if unit is None:
        raise DossierError("Tài khoản của bạn chưa gắn với đơn vị nào; liên hệ quản trị.")
    procedure = get_procedure(session, form.get("procedure_code", ""))
    if procedure is None:
        raise DossierError("Vui lòng chọn thủ tục trong danh mục.", "procedure_code")
    ticked = set(form.getlist("documents"))
    documents = [
        {"name": doc["name"], "copy_type": doc.get("copy_type", ""), "quantity": doc.get("quantity", 1)}
        for doc in procedure.documents
        if doc.get("kind") != "ghi_chu" and doc["name"] in ticked
    ]
    if not documents:
        raise DossierError("Vui lòng đánh dấu các giấy tờ đã nhận.", "documents")
    applicant = {
        key: form.get(key, "")
        for key in ("applicant_name", "applicant_phone", "applicant_address", "applicant_email", "applicant_identifier")
    }
    delivery = form.get("result_delivery", "tai_quay")
    try:
        sets = int(form.get("sets") or 1)
    except ValueError:
        raise DossierError("Số bộ hồ sơ phải là một số.", "sets") from None
    dossier = receive_at_counter(
        session, unit, procedure, applicant, documents, _officer(), now_local(), sets=sets, result_delivery=delivery
    )
    session.commit()
    return dossier.code


def _officer() -> Officer:
    """The Officer record of the signed-in user in their unit (made on first intake)."""
    user = g.user
    session = get_session()
    officer = session.scalar(select(Officer).where(Officer.unit_id == user.unit_id, Officer.code == user.username))
    return officer or save_officer(session, user.unit.code, user.username, user.full_name or user.username)


def _receipt_context(code: str) -> dict:
    dossier = find_dossier(get_session(), code)
    if dossier is None:
        abort(404)
    require_unit(dossier.unit, hidden="Không tìm thấy hồ sơ.")
    config = current_app.config
    token = make_rating_token(config["SECRET_KEY"], dossier.code, now_local())
    rating_url = f"{config['PUBLIC_BASE_URL'].rstrip('/')}/r/{token}"
    officer = dossier.received_by.name if dossier.received_by else ""
    data = build_receipt(dossier, officer, rating_url, now_local())
    return {
        "receipt": data,
        "title": TITLE,
        "copies": COPIES,
        "qr_main": qr_svg(data.qr_payload),
        "qr_rating": qr_svg(rating_url),
        "dossier": dossier,
    }
