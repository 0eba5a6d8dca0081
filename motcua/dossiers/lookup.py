"""Tra cứu hồ sơ — what a citizen may see with the dossier code alone, and what the second factor
(the last four digits of the applicant's phone) unlocks. Also the masks used in logs."""

from __future__ import annotations

import hmac
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from motcua.catalogue.models import Procedure
from motcua.dossiers import states
from motcua.dossiers.codes import CodeError, canonical_code
from motcua.dossiers.models import CHANNELS, RESULT_DELIVERIES, Dossier
from motcua.dossiers.timeliness import TIMELINESS_LABELS, TIMELINESS_LABELS_EN
from motcua.units import Unit

# Compared against when the code is unknown, so both failures cost the same work.
_NO_PHONE = "\x00\x00\x00\x00"


def find_dossier(session: Session, text: str, *, with_events: bool = False) -> Dossier | None:
    """The dossier whose code the citizen typed (any case, stray spaces); None if not a code or unknown."""
    try:
        code = canonical_code(text)
    except CodeError:
        return None
    # One query: the status needs only the procedure's code and name and the unit's name, not the
    # procedure's large JSON record.
    query = (
        select(Dossier)
        .where(Dossier.code == code)
        .options(
            joinedload(Dossier.procedure).load_only(Procedure.code, Procedure.name),
            joinedload(Dossier.unit).load_only(Unit.name, Unit.code),
        )
    )
    if with_events:
        query = query.options(selectinload(Dossier.events))
    return session.scalar(query)


def phone_matches(dossier: Dossier | None, last4: str) -> bool:
    """Constant-time check of the second factor; an unknown dossier is compared against a dummy."""
    expected = (dossier.applicant_phone[-4:] if dossier and len(dossier.applicant_phone) >= 4 else "") or _NO_PHONE
    return hmac.compare_digest(expected.encode(), last4.strip().encode()) and dossier is not None


def public_view(dossier: Dossier, today: date, lang: str = "vi") -> dict:
    """No personal data: procedure, state, dates, lateness."""
    kind = dossier.timeliness
    labels = TIMELINESS_LABELS_EN if lang == "en" else TIMELINESS_LABELS
    return {
        "code": dossier.code,
        "procedure_code": dossier.procedure.code,
        "procedure_name": dossier.procedure.name,
        "unit_name": dossier.unit.name,
        "state": dossier.state,
        "state_label": states.label(dossier.state, lang),
        "received_at": dossier.received_at.isoformat(),
        "due_at": dossier.due_at.isoformat() if dossier.due_at else None,
        "resolved_at": dossier.resolved_at.isoformat() if dossier.resolved_at else None,
        "is_late": dossier.is_late(today),
        "timeliness": kind,
        "timeliness_label": labels[kind] if kind else None,
    }


def private_view(dossier: Dossier, today: date, lang: str = "vi") -> dict:
    """After the second factor: applicant (phone and e-mail masked), history, documents to supplement."""
    return {
        **public_view(dossier, today, lang),
        "applicant_name": dossier.applicant_name,
        "applicant_address": dossier.applicant_address,
        "applicant_phone": mask_phone(dossier.applicant_phone),
        "applicant_email": mask_email(dossier.applicant_email),
        "channel": dossier.channel,
        "channel_label": CHANNELS[dossier.channel],
        "result_delivery": dossier.result_delivery,
        "result_delivery_label": RESULT_DELIVERIES.get(dossier.result_delivery, dossier.result_delivery),
        "result_returned_at": dossier.result_returned_at.isoformat() if dossier.result_returned_at else None,
        "documents": [doc.get("name", "") for doc in dossier.documents or []],
        "supplement": list(dossier.supplement or []) if dossier.state == states.SUPPLEMENT else [],
        "events": [
            {
                "state": event.state,
                "state_label": states.label(event.state, lang),
                "at": event.at.isoformat(),
                "note": event.note,
            }
            for event in sorted(dossier.events, key=lambda e: (e.at, states.progress(e.state)))
        ],
    }


def mask_phone(phone: str) -> str:
    """ "0912345678" → "091****678"."""
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 6) + phone[-3:]


def mask_name(name: str) -> str:
    """ "Nguyễn Văn An" → "N. V. A." (enough to tell log lines apart, not to identify anyone)."""
    return " ".join(f"{word[0]}." for word in name.split()) or "?"


def mask_email(email: str) -> str:
    """ "an.nguyen@gmail.com" → "a***@gmail.com"."""
    if "@" not in email:
        return ""
    local, domain = email.split("@", 1)
    return f"{local[:1]}***@{domain}"
