"""Một Cửa web app: ``create_app()`` and the entry point (``flask --app server run``)."""

from __future__ import annotations

import os

from flask import Flask
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from motcua.db import database_url

csrf = CSRFProtect()


def create_app(config: dict | None = None) -> Flask:
    """Build the app: defaults, then ``instance/config.py``, then environment, then ``config``."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("MOTCUA_INSTANCE_PATH") or None,
        instance_relative_config=True,
        template_folder="kiosk/templates",
        static_folder="kiosk/static",
    )
    app.config.from_mapping(
        # Unset: a random key kept in instance/secret_key (kiosk.secret_key).
        SECRET_KEY=os.environ.get("SECRET_KEY", ""),
        DATABASE_URL=database_url(),
        DEFAULT_UNIT=os.environ.get("MOTCUA_DEFAULT_UNIT", "000.00.00.H62"),
        # What ``flask bootstrap`` names the centre's unit when it creates it.
        DEFAULT_UNIT_NAME=os.environ.get("MOTCUA_DEFAULT_UNIT_NAME", "Trung tâm Phục vụ hành chính công"),
        DEFAULT_UNIT_LEVEL=os.environ.get("MOTCUA_DEFAULT_UNIT_LEVEL", "tinh"),
        RASA_URL=os.environ.get("RASA_URL", "http://localhost:5005"),
        REDIS_URL=os.environ.get("REDIS_URL", ""),
        PUBLIC_BASE_URL=os.environ.get("PUBLIC_BASE_URL", "http://localhost:5000"),
        # How many reverse proxies in front of the app add X-Forwarded-For/-Proto/-Host (0: none,
        # and the headers are ignored, so a client cannot pick the address its rate limits count).
        TRUSTED_PROXIES=os.environ.get("TRUSTED_PROXIES", "0"),
        # "json": one JSON line per log record with nginx's request id (kiosk.json_logs).
        LOG_FORMAT=os.environ.get("LOG_FORMAT", "text"),
        MAX_CONTENT_LENGTH=5 * 1024 * 1024,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_HTTPONLY=True,
        JSON_AS_ASCII=False,
    )
    if config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(config)
    app.json.ensure_ascii = False
    proxies = _proxy_count(app.config["TRUSTED_PROXIES"])
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)

    from kiosk import cli, db, errors, i18n, json_logs, metrics, secret_key, security_headers

    json_logs.init_app(app)
    metrics.init_app(app)
    secret_key.init_app(app)
    security_headers.init_app(app)
    db.init_app(app)
    errors.init_app(app)
    i18n.init_app(app)
    cli.init_app(app)
    csrf.init_app(app)

    from kiosk import (
        accounts,
        auth,
        dossiers,
        health,
        notification_figures,
        pages,
        procedures,
        rating,
        rating_manager,
        reports,
        staff,
    )
    from kiosk.api import bp as api_bp
    from kiosk.procedure_groups import bp as procedure_groups_bp

    csrf.exempt(api_bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(procedures.bp)
    app.register_blueprint(dossiers.bp)
    app.register_blueprint(rating.bp)
    app.register_blueprint(rating_manager.bp)
    app.register_blueprint(notification_figures.bp)
    app.register_blueprint(reports.bp)
    app.register_blueprint(procedure_groups_bp)
    app.register_blueprint(staff.bp)
    app.register_blueprint(accounts.bp)
    return app


def _proxy_count(value: object) -> int:
    try:
        count = int(str(value).strip() or 0)
    except ValueError:
        count = -1
    if count < 0:
        raise RuntimeError(f"TRUSTED_PROXIES must be how many proxies stand in front of the app (0, 1, 2…): {value!r}")
    return count


if __name__ == "__main__":
    create_app().run(host=os.environ.get("APP_HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
