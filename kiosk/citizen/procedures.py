"""Citizen pages of the procedure catalogue: search (/thu-tuc), one procedure (/thu-tuc/<code>) and its
printable document checklist (/thu-tuc/<code>/in). Readable on a phone and on the kiosk screen."""

from flask import Blueprint, abort, current_app, render_template, request

from kiosk.core.db import get_session
from motcua.catalogue import get_procedure
from motcua.catalogue.checklist import ordered_documents
from motcua.catalogue.fees import current_fee
from motcua.catalogue.models import CHANNEL_LABELS, DOCUMENT_KIND_LABELS, LEVEL_LABELS
from motcua.catalogue.search import MAX_QUERY_LENGTH, search_procedures
from motcua.clock import now_local
from motcua.units import get_unit

bp = Blueprint("procedures", __name__, url_prefix="/thu-tuc")

# Shortcuts shown before the citizen types anything: what centres are asked most.
COMMON_QUESTIONS = [
    ("Đăng ký khai sinh", "Birth registration"),
    ("Đăng ký kết hôn", "Marriage registration"),
    ("Đăng ký khai tử", "Death registration"),
    ("Cấp lại thẻ căn cước", "Re-issue of the ID card"),
    ("Đăng ký thường trú", "Permanent residence"),
    ("Xác nhận tình trạng hôn nhân", "Marital status certificate"),
    ("Chứng thực bản sao", "Certified copies"),
    ("Cấp sổ đỏ lần đầu", "First land-use certificate"),
    ("Đăng ký hộ kinh doanh", "Household business registration"),
]
PAGE_SIZE = 20


@bp.get("")
def search():
    query = (request.args.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    level = request.args.get("level") or _centre_level()
    result = search_procedures(get_session(), query, PAGE_SIZE, level) if query else None
    return render_template(
        "procedures/search.html",
        query=query,
        level=level,
        result=result,
        common=COMMON_QUESTIONS,
        level_labels=LEVEL_LABELS,
    )


@bp.get("/<code>")
def detail(code: str):
    procedure = _procedure_or_404(code)
    return render_template(
        "procedures/detail.html",
        procedure=procedure,
        fee=current_fee(procedure.channels, now_local().date()),
        groups=_document_groups(procedure.documents),
        channel_labels=CHANNEL_LABELS,
        level_labels=LEVEL_LABELS,
    )


@bp.get("/<code>/in")
def checklist(code: str):
    procedure = _procedure_or_404(code)
    unit = get_unit(get_session(), current_app.config["DEFAULT_UNIT"])
    return render_template(
        "procedures/checklist.html",
        procedure=procedure,
        groups=_document_groups(procedure.documents),
        unit=unit,
    )


def _procedure_or_404(code: str):
    procedure = get_procedure(get_session(), code)
    if procedure is None:
        abort(404)
    return procedure


def _centre_level() -> str | None:
    """The level of the centre this site serves: a commune kiosk ranks cấp xã procedures first."""
    unit = get_unit(get_session(), current_app.config["DEFAULT_UNIT"])
    return unit.level if unit and unit.level in ("xa", "tinh", "bo") else None


def _document_groups(documents: list[dict]) -> list[tuple[str, str, list[dict]]]:
    """(kind, label, documents) for submitted, shown and notes, in that order, skipping empty groups;
    within a group what most citizens need comes first (the form, then what everyone brings, then the
    rows of particular cases, each with its ``need``), a row repeated word for word shown once."""
    ordered = ordered_documents(documents)
    return [
        (kind, label, [d for d in ordered if d["kind"] == kind])
        for kind, label in DOCUMENT_KIND_LABELS.items()
        if any(d["kind"] == kind for d in ordered)
    ]
