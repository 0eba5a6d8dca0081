"""Citizen pages: the home page of the centre's site (procedures, lookup, rating, chat)."""

from flask import Blueprint, current_app, render_template, send_from_directory

from kiosk.core.db import get_session
from motcua.units import get_unit

bp = Blueprint("pages", __name__)


@bp.get("/")
def home():
    unit = get_unit(get_session(), current_app.config["DEFAULT_UNIT"])
    return render_template("pages/home.html", unit=unit)


@bp.get("/favicon.ico")
def favicon():
    """The site's icon where browsers look for it first (pages also name it in a <link rel="icon">)."""
    return send_from_directory(current_app.static_folder, "favicon.ico", max_age=7 * 24 * 3600)
