"""Đăng nhập cán bộ: session login for officers, managers and administrators, plus the
``Authorization: Bearer`` API-key check for systems. Passwords use Werkzeug's scrypt (memory-hard)."""

from __future__ import annotations

import functools
from collections.abc import Callable

from flask import Blueprint, g, redirect, render_template, request, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash

from kiosk.db import get_session
from kiosk.errors import ApiError
from motcua.accounts import User, find_user
from motcua.apikeys import check_api_key

bp = Blueprint("auth", __name__, url_prefix="/auth")

# A hash computed once so an unknown user name costs the same time as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-password", method="scrypt")


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


@bp.before_app_request
def load_user() -> None:
    user_id = session.get("user_id")
    g.user = get_session().get(User, user_id) if user_id else None
    if g.user is not None and not g.user.active:
        g.user = None


@bp.route("/login", methods=("GET", "POST"))
def login():
    error = None
    if request.method == "POST":
        user = find_user(get_session(), request.form.get("username", ""))
        password = request.form.get("password", "")
        if user is None:
            check_password_hash(_DUMMY_HASH, password)
        if user is None or not check_password_hash(user.password_hash, password):
            error = "Tên đăng nhập hoặc mật khẩu không đúng."
        else:
            session.clear()
            session["user_id"] = user.id
            target = request.args.get("next", "")
            return redirect(target if target.startswith("/") and not target.startswith("//") else "/")
    return render_template("auth/login.html", error=error), 401 if error else 200


@bp.route("/logout", methods=("POST",))
def logout():
    session.clear()
    return redirect(url_for("auth.login"))


def login_required(*roles: str) -> Callable:
    """Pages only for signed-in staff, optionally with one of ``roles`` ("admin" passes every check)."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(**kwargs):
            if g.user is None:
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            if roles and g.user.role not in roles and g.user.role != "admin":
                return render_template("auth/forbidden.html"), 403
            return view(**kwargs)

        return wrapped

    return decorator


def api_access_required(*roles: str) -> Callable:
    """API endpoints open to a valid API key or to a signed-in user with one of ``roles``."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(**kwargs):
            header = request.headers.get("Authorization", "")
            if header.startswith("Bearer "):
                g.api_key = check_api_key(get_session(), header.removeprefix("Bearer ").strip())
                if g.api_key is None:
                    raise ApiError(401, "invalid_api_key", "Khóa API không hợp lệ hoặc đã bị thu hồi.")
                return view(**kwargs)
            if g.user is None:
                raise ApiError(401, "unauthorized", "Cần đăng nhập hoặc khóa API hợp lệ.")
            if roles and g.user.role not in roles and g.user.role != "admin":
                raise ApiError(403, "forbidden", "Bạn không có quyền thực hiện thao tác này.")
            return view(**kwargs)

        return wrapped

    return decorator
