"""Two UI languages: Vietnamese (default) and English. Templates write both texts side by side,
``{{ t("Tra cứu hồ sơ", "Dossier lookup") }}``, so each page owns its wording and no shared catalogue
grows conflicts."""

from __future__ import annotations

from flask import Flask, g, request

LANGUAGES = ("vi", "en")


def init_app(app: Flask) -> None:
    app.before_request(_pick_language)
    app.after_request(_remember_language)
    app.jinja_env.globals["t"] = t


def t(vi: str, en: str) -> str:
    """The text in the request's language."""
    return en if g.get("lang") == "en" else vi


def _pick_language() -> None:
    lang = request.args.get("lang") or request.cookies.get("lang") or "vi"
    g.lang = lang if lang in LANGUAGES else "vi"


def _remember_language(response):
    if request.args.get("lang") in LANGUAGES:
        response.set_cookie("lang", request.args["lang"], max_age=365 * 24 * 3600, samesite="Lax")
    return response
