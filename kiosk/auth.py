"""Đăng nhập cán bộ: session login for officers, managers and administrators, plus the
``Authorization: Bearer`` API-key check for systems. Passwords use Werkzeug's scrypt (memory-hard)."""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Callable

from flask import Blueprint, g, redirect, render_template, request, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash

from kiosk import login_throttle
from kiosk.db import get_session
from kiosk.errors import ApiError
from motcua.accounts import User, find_user
from motcua.apikeys import check_api_key

bp = Blueprint("auth", __name__, url_prefix="/auth")
log = logging.getLogger(__name__)

# A hash computed once so an unknown user name costs the same time as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-password", method="scrypt")


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def check_password(user: User, password: str) -> bool:
    return check_password_hash(user.password_hash, password)


def sign_in(user: User) -> None:
    """Start a fresh session for ``user`` (also after they change their own password, to stay in)."""
    session.clear()
    session["user_id"] = user.id
    session["pw"] = _password_stamp(user)


@bp.before_app_request
def load_user() -> None:
    """The signed-in user, reloaded on every request: a deactivated account, or one whose password
    was reset since this session began, is signed out at its next request."""
    user_id = session.get("user_id")
    g.user = get_session().get(User, user_id) if user_id else None
    if g.user is not None and (not g.user.active or session.get("pw") != _password_stamp(g.user)):
        g.user = None


@bp.route("/login", methods=("GET", "POST"))
def login():
    error, status, headers = None, 200, {}
    if request.method == "POST":
        username, password = request.form.get("username", ""), request.form.get("password", "")
        wait = login_throttle.blocked_for(username)
        if wait:
            log.warning("sign-in refused for %r from %s: too many failures", username[:80], request.remote_addr)
            error, status, headers = login_throttle.message(wait), 429, {"Retry-After": str(wait)}
        else:
            user = find_user(get_session(), username)
            if user is None:
                check_password_hash(_DUMMY_HASH, password)
            if user is None or not check_password(user, password):
                login_throttle.record_failure(username)
                error, status = "Tên đăng nhập hoặc mật khẩu không đúng.", 401
            else:
                sign_in(user)
                target = request.args.get("next", "")
                safe = target.startswith("/") and not target.startswith("//") and "\\" not in target
                return redirect(target if safe else url_for("staff.home"))
    elif g.user is not None and not request.args.get("next"):
        return redirect(url_for("staff.home"))
    return render_template("auth/login.html", error=error), status, headers


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


def _password_stamp(user: User) -> str:
    """A short digest of the password hash kept in the session cookie (never the hash itself)."""
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]
