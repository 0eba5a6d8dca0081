"""One SQLAlchemy session per request, kept on ``g`` and closed at teardown (flaskr's db.py shape)."""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy.orm import Session

from motcua.db import make_engine, make_session_factory


def init_app(app: Flask) -> None:
    """Create the engine for ``DATABASE_URL`` and register the teardown."""
    # Tests hand in one engine for the whole run instead of opening a pool per app.
    engine = app.config.get("DATABASE_ENGINE") or make_engine(app.config["DATABASE_URL"])
    app.extensions["motcua.engine"] = engine
    app.extensions["motcua.sessions"] = make_session_factory(engine)
    app.teardown_appcontext(close_session)


def get_session() -> Session:
    """The request's session (created on first use)."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["motcua.sessions"]()
    return g.db_session


def new_session() -> Session:
    """A session outside the request's one, for CLI commands and background work."""
    return current_app.extensions["motcua.sessions"]()


def close_session(_exc: BaseException | None = None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
