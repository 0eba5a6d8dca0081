"""Dữ liệu cá nhân — ``/du-lieu-ca-nhan``: the public page of what the centre holds about people, why, on
what basis and for how long, generated from the inventory (docs/personal-data.md, motcua/privacy/notice.py);
the notices where data is collected link here."""

from __future__ import annotations

from flask import current_app, g, render_template

from kiosk.citizen.home import bp
from kiosk.core.db import get_session
from motcua.privacy.notice import LEGAL_BASES, NOTICE, public_rows
from motcua.privacy.retention import DEFAULTS, LABELS, RetentionError, periods_from_environment
from motcua.units import get_unit


@bp.get("/du-lieu-ca-nhan")
def personal_data():
    unit = get_unit(get_session(), current_app.config["DEFAULT_UNIT"])
    try:
        periods = periods_from_environment()
    except RetentionError:  # a wrong setting stops `purge` loudly; the public page shows the defaults
        periods = DEFAULTS
    retention = [(LABELS[kind], days) for kind, days in periods.items()]
    return render_template(
        "pages/personal_data.html", unit=unit, rows=public_rows(), bases=LEGAL_BASES, retention=retention
    )


@bp.app_context_processor
def _privacy_notice() -> dict:
    """``privacy_notice``: the one-sentence notice in the page's language, for every page that collects
    data (followed by a link to ``url_for('pages.personal_data')``)."""
    return {"privacy_notice": NOTICE.get(g.get("lang", "vi"), NOTICE["vi"])}
