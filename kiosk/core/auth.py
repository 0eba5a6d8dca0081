"""Đăng nhập cán bộ: session sign-in for officers, managers and administrators, the ``Authorization:
Bearer`` API-key check for systems, and ``require_unit``: the one place a page or API route asks
``motcua.accounts.can_see_unit`` and turns a refusal into a 403/404. Passwords use Werkzeug's scrypt
(memory-hard).

A staff session lasts at most ``STAFF_SESSION_HOURS`` (8) and ends after ``STAFF_SESSION_IDLE_MINUTES``
(30) without a request; it carries the account's session version, which sign-out, a new password and
deactivation bump, so a copied cookie dies with the session it came from.
"""

from __future__ import annotations

import functools
import logging
import time
import unicodedata
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, g, make_response, redirect, render_template, request, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash

from kiosk.core import login_throttle
from kiosk.core.db import get_session
from kiosk.core.errors import ApiError
from motcua.accounts import User, can_see_unit, end_sessions, find_user
from motcua.apikeys import ApiKey, check_api_key
from motcua.units import Unit

bp = Blueprint("auth", __name__, url_prefix="/auth")
log = logging.getLogger(__name__)

# A hash computed once so an unknown user name costs the same time as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-password", method="scrypt")
# Pages a user with a temporary password may still open.
_WHILE_TEMPORARY = {"accounts.change_password", "auth.logout", "auth.login"}
# The session's last-seen time is rewritten at most this often (seconds), not on every request.
_SEEN_RESOLUTION = 60


@bp.record_once
def _session_settings(state) -> None:
    """Cookie lifetime and ``Secure`` follow the staff-session rules (set when the blueprint registers)."""
    config = state.app.config
    config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=config.get("STAFF_SESSION_HOURS", 8))
    if str(config.get("PUBLIC_BASE_URL", "")).startswith("https://"):
        config["SESSION_COOKIE_SECURE"] = True


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def check_password(user: User, password: str) -> bool:
    return check_password_hash(user.password_hash, password)


def sign_in(user: User) -> None:
    """Start a fresh session for ``user`` (also after they change their own password, to stay in)."""
    session.clear()
    now = int(time.time())
    session.update(user_id=user.id, sv=user.session_version, since=now, seen=now)


def safe_next(target: str) -> str | None:
    """``target`` when it is a path on this site, else None. Control and format characters are
    removed first, as browsers do (``/%09/evil.example`` would otherwise become ``//evil.example``)."""
    cleaned = "".join(ch for ch in target if not unicodedata.category(ch).startswith("C"))
    if not cleaned.startswith("/") or cleaned.startswith("//") or "\\" in cleaned:
        return None
    parts = urlsplit(cleaned)
    return cleaned if not parts.scheme and not parts.netloc else None


@bp.before_app_request
def load_user() -> None:
    """The signed-in user, reloaded on every request. The session ends (and the cookie is cleared) when
    the account is deactivated, its session version moved on, or the session is too old or idle."""
    g.user = None
    user_id = session.get("user_id")
    if not user_id:
        return
    user, now = get_session().get(User, user_id), int(time.time())
    config = current_app.config
    fresh = (
        user is not None
        and user.active
        and session.get("sv") == user.session_version
        and now - int(session.get("since", 0)) < config.get("STAFF_SESSION_HOURS", 8) * 3600
        and now - int(session.get("seen", 0)) < config.get("STAFF_SESSION_IDLE_MINUTES", 30) * 60
    )
    if not fresh:
        session.clear()
        return
    g.user = user
    if now - int(session["seen"]) >= _SEEN_RESOLUTION:
        session["seen"] = now


@bp.route("/login", methods=("GET", "POST"))
def login():
    error, status, headers = None, 200, {}
    target = safe_next(request.args.get("next", ""))
    if request.method == "POST":
        username, password = request.form.get("username", ""), request.form.get("password", "")
        wait = login_throttle.begin_attempt(username)
        if wait:
            log.warning("sign-in refused for %r from %s: too many failures", username[:80], request.remote_addr)
            error, status, headers = login_throttle.message(wait), 429, {"Retry-After": str(wait)}
        else:
            user = find_user(get_session(), username)
            if user is None:
                check_password_hash(_DUMMY_HASH, password)
            if user is None or not check_password(user, password):
                error, status = "Tên đăng nhập hoặc mật khẩu không đúng.", 401
            else:
                login_throttle.attempt_succeeded(username)
                sign_in(user)
                if user.must_change_password:
                    return redirect(url_for("accounts.change_password"))
                return redirect(target or url_for("staff.home"))
    elif g.user is not None and not target:
        return redirect(url_for("staff.home"))
    return render_template("auth/login.html", error=error), status, headers


@bp.route("/logout", methods=("POST",))
def logout():
    """Ends this session and every other open session of the account (a copied cookie too)."""
    if g.user is not None:
        end_sessions(g.user)
        get_session().commit()
    session.clear()
    return redirect(url_for("auth.login"))


def login_required(*roles: str) -> Callable:
    """Pages only for signed-in staff, optionally with one of ``roles`` ("admin" passes every check)."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(**kwargs):
            if g.user is None:
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            if g.user.must_change_password and request.endpoint not in _WHILE_TEMPORARY:
                return redirect(url_for("accounts.change_password"))
            if roles and g.user.role not in roles and g.user.role != "admin":
                return render_template("auth/forbidden.html"), 403
            return view(**kwargs)

        return wrapped

    return decorator


def api_access_required(scope: str, *roles: str) -> Callable:
    """API routes for systems holding a key with ``scope`` (``motcua.apikeys.SCOPES``). Reads (GET)
    are also open to a signed-in user with one of ``roles``; writes never take the session cookie,
    since a JSON write authorised by a cookie alone is a cross-site request waiting to happen: staff
    change data through the forms, which carry a CSRF token."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(**kwargs):
            if request.headers.get("Authorization", "").startswith("Bearer "):
                _require_key(scope)
                return view(**kwargs)
            if request.method not in ("GET", "HEAD") or not roles:
                raise ApiError(401, "api_key_required", "Cần khóa API hợp lệ (Authorization: Bearer …).")
            if g.user is None:
                raise ApiError(401, "unauthorized", "Cần đăng nhập hoặc khóa API hợp lệ.")
            if g.user.must_change_password:
                raise ApiError(403, "password_change_required", "Vui lòng đổi mật khẩu trước khi tiếp tục.")
            if g.user.role not in roles and g.user.role != "admin":
                raise ApiError(403, "forbidden", "Bạn không có quyền thực hiện thao tác này.")
            return view(**kwargs)

        return wrapped

    return decorator


def presented_api_key(scope: str) -> ApiKey | None:
    """For routes open to everyone that do more for a system with a key (the assistant's ``assistant``
    key): the valid key with ``scope``, None when no key is presented, 401/403 for a bad one."""
    if not request.headers.get("Authorization", "").startswith("Bearer "):
        return None
    return _require_key(scope)


def current_actor() -> User | ApiKey | None:
    """Who the request acts for: the API key it presented, else the signed-in user."""
    return g.get("api_key") or g.get("user")


def may_see(unit: Unit | None) -> bool:
    """True when the request's actor may see ``unit`` (``motcua.accounts.can_see_unit``)."""
    actor = current_actor()
    return unit is not None and actor is not None and can_see_unit(get_session(), actor, unit)


def require_unit(unit: Unit | None, hidden: str | None = None) -> Unit:
    """``unit`` when the request's actor may see it; otherwise a 403, or a 404 with ``hidden`` as the
    message when the object's very existence is private (a dossier: the same answer as an unknown
    code). JSON under /api/, a page elsewhere."""
    if may_see(unit):
        return unit
    if request.path.startswith("/api/"):
        if hidden is not None:
            raise ApiError(404, "not_found", hidden)
        raise ApiError(403, "unit_forbidden", "Bạn chỉ được truy cập dữ liệu của đơn vị mình và các đơn vị trực thuộc.")
    if hidden is not None:
        abort(404)
    abort(make_response(render_template("auth/forbidden.html"), 403))


def _require_key(scope: str) -> ApiKey:
    header = request.headers.get("Authorization", "")
    key = check_api_key(get_session(), header.removeprefix("Bearer ").strip())
    if key is None:
        raise ApiError(401, "invalid_api_key", "Khóa API không hợp lệ hoặc đã bị thu hồi.")
    if not key.allows(scope):
        raise ApiError(
            403,
            "api_key_scope",
            f"Khóa API không có quyền '{scope}' hoặc chưa được gán đơn vị; quản trị viên cấp lại quyền cho khóa.",
        )
    g.api_key = key
    return key
