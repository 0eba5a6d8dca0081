"""The app factory: ``create_app()`` builds the Một Cửa web app (``server.py`` is the entry point).

Layout of the package, by audience: ``citizen/`` (home, procedures, dossier lookup, the QR rating
page), ``counter/`` (the touch kiosk beside each counter and its enrolment), ``staff/`` (intake and
receipts, counters and officers, accounts, reports, live ratings, notification figures, procedure
groups), ``api/`` (the JSON API, one module per resource), ``cli/`` (``flask`` commands, one module per
resource) and ``core/`` (what every part shares: sign-in and permissions, database session, errors,
languages, logs, metrics, health, rate limits, security headers).
"""

from __future__ import annotations

import os

from flask import Flask
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from kiosk import config as settings

csrf = CSRFProtect()


def create_app(config: dict | None = None) -> Flask:
    """Build the app: defaults, then environment (both ``kiosk/config.py``), then ``instance/config.py``
    or, in tests, ``config``."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("MOTCUA_INSTANCE_PATH") or None,
        instance_relative_config=True,
    )
    app.config.from_mapping(settings.DEFAULTS)
    app.config.from_mapping(settings.from_environment())
    if config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(config)
    app.json.ensure_ascii = False
    proxies = _proxy_count(app.config["TRUSTED_PROXIES"])
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)

    from kiosk import cli
    from kiosk.core import db, errors, i18n, json_logs, metrics, secret_key, security_headers

    json_logs.init_app(app)
    metrics.init_app(app)
    secret_key.init_app(app)
    security_headers.init_app(app)
    db.init_app(app)
    errors.init_app(app)
    i18n.init_app(app)
    cli.init_app(app)
    csrf.init_app(app)

    from kiosk.api import bp as api_bp

    csrf.exempt(api_bp)
    for blueprint in blueprints():
        app.register_blueprint(blueprint)
    return app


def _proxy_count(value: object) -> int:
    try:
        count = int(str(value).strip() or 0)
    except ValueError:
        count = -1
    if count < 0:
        raise RuntimeError(f"TRUSTED_PROXIES must be how many proxies stand in front of the app (0, 1, 2…): {value!r}")
    return count




def blueprints() -> list:
    """Every blueprint, in the order they are registered (the JSON API, ``kiosk.api``, is CSRF-exempt).

    A blueprint keeps the name its endpoints had before the pages were grouped by audience
    (``url_for("rating.kiosk")``, ``url_for("dossiers.lookup")``); where one blueprint serves two
    audiences its routes live in two modules, which both add to the one object.
    """
    from kiosk import api
    from kiosk.citizen import conversations as widget_polling  # noqa: F401  (adds to the staff conversations.bp)
    from kiosk.citizen import home, lookup, personal_data, procedures, qr_rating  # noqa: F401  (routes register on import)
    from kiosk.core import auth, health
    from kiosk.counter import enrolment, kiosk  # noqa: F401
    from kiosk.staff import (
        access_log,  # noqa: F401
        accounts,
        assistant_insights,
        conversations,
        counters,
        data_requests,  # noqa: F401
        intake,
        live_ratings,  # noqa: F401
        notification_figures,
        procedure_groups,
        reports,
    )
    from kiosk.staff import home as staff_home

    return [
        health.bp,
        auth.bp,
        home.bp,
        api.bp,
        procedures.bp,
        intake.bp,
        kiosk.bp,
        counters.bp,
        notification_figures.bp,
        reports.bp,
        procedure_groups.bp,
        staff_home.bp,
        accounts.bp,
        assistant_insights.bp,
        conversations.bp,
    ]
