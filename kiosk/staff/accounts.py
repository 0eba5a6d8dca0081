"""Quản lý tài khoản — administrators manage every account, centre managers the officer accounts of
their unit and below (``/quan-ly/tai-khoan``); every signed-in user changes their own password
(``/quan-ly/mat-khau``). The rules of who may do what live in ``motcua.accounts``."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, make_response, redirect, render_template, request, url_for

from kiosk.core import login_throttle
from kiosk.core.auth import check_password, hash_password, login_required, sign_in
from kiosk.core.db import get_session
from motcua.accounts import (
    ROLES,
    AccountError,
    AccountPermissionError,
    User,
    assignable_roles,
    can_manage,
    check_new_password,
    create_account,
    get_user,
    manageable_users,
    set_active,
    set_password,
    unit_tree,
)

bp = Blueprint("accounts", __name__, url_prefix="/quan-ly")

ROLE_NAMES_EN = {"officer": "Counter officer", "manager": "Centre manager", "admin": "Administrator"}


@bp.app_context_processor
def role_names() -> dict:
    def role_name(role: str) -> str:
        return ROLE_NAMES_EN.get(role, role) if g.get("lang") == "en" else ROLES.get(role, role)

    return {"role_name": role_name}


@bp.get("/tai-khoan")
@login_required("manager")
def index():
    query = request.args.get("q", "")
    return _list_page(query)


@bp.route("/tai-khoan/moi", methods=("GET", "POST"))
@login_required("manager")
def create():
    session, form = get_session(), request.form
    error, status = None, 200
    if request.method == "POST":
        try:
            _check_new_password_fields()
            user = create_account(
                session,
                g.user,
                form.get("username", ""),
                hash_password(form.get("password", "")),
                form.get("role", ""),
                form.get("unit") or None,
                form.get("full_name", ""),
            )
            session.commit()
            flash(f"Đã tạo tài khoản {user.username} ({user.role_label}).", "notice")
            return redirect(url_for(".index"))
        except AccountError as exc:
            session.rollback()
            error, status = str(exc), _status(exc)
    return render_template(
        "accounts/new.html",
        form=form,
        error=error,
        roles=assignable_roles(g.user),
        units=unit_tree(session, g.user),
        default_unit=g.user.unit.code if g.user.unit else "",
    ), status


@bp.post("/tai-khoan/<username>/trang-thai")
@login_required("manager")
def change_status(username: str):
    session = get_session()
    user = _account(username)
    active = request.form.get("active") == "1"
    try:
        set_active(session, g.user, user, active)
        session.commit()
    except AccountError as exc:
        session.rollback()
        return _list_page(request.args.get("q", ""), str(exc), _status(exc))
    flash(f"Đã {'mở khóa' if active else 'khóa'} tài khoản {user.username}.", "notice")
    return redirect(url_for(".index", q=request.args.get("q") or None))


@bp.route("/tai-khoan/<username>/mat-khau", methods=("GET", "POST"))
@login_required("manager")
def reset_password(username: str):
    session = get_session()
    user = _account(username)
    if user.id == g.user.id:
        return redirect(url_for(".change_password"))
    error, status = None, 200
    if request.method == "POST":
        try:
            _check_new_password_fields()
            set_password(session, g.user, user, hash_password(request.form["password"]), temporary=True)
            session.commit()
            flash(
                f"Đã đặt lại mật khẩu cho {user.username}; các phiên đăng nhập cũ đã kết thúc. "
                "Người dùng sẽ phải đổi mật khẩu ở lần đăng nhập tới.",
                "notice",
            )
            return redirect(url_for(".index"))
        except AccountError as exc:
            session.rollback()
            error, status = str(exc), _status(exc)
    return render_template("accounts/reset_password.html", account=user, error=error), status


@bp.route("/mat-khau", methods=("GET", "POST"))
@login_required()
def change_password():
    session, user = get_session(), g.user
    error, status, headers = None, 200, {}
    if request.method == "POST":
        wait = login_throttle.blocked_for(user.username)
        if wait:
            error, status, headers = login_throttle.message(wait), 429, {"Retry-After": str(wait)}
        elif not check_password(user, request.form.get("old_password", "")):
            login_throttle.record_failure(user.username)
            error, status = "Mật khẩu hiện tại không đúng.", 422
        else:
            try:
                _check_new_password_fields()
                set_password(session, None, user, hash_password(request.form["password"]))
                session.commit()
                sign_in(user)
                flash("Đã đổi mật khẩu.", "notice")
                return redirect(url_for("staff.home"))
            except AccountError as exc:
                session.rollback()
                error, status = str(exc), 422
    return render_template("accounts/change_password.html", error=error), status, headers


def _list_page(query: str, error: str | None = None, status: int = 200):
    users = manageable_users(get_session(), g.user, query)
    return render_template("accounts/list.html", users=users, query=query, error=error), status


def _account(username: str) -> User:
    """The account in the URL: 404 when there is none, 403 when the signed-in user may not manage it."""
    session = get_session()
    user = get_user(session, username)
    if user is None:
        abort(make_response(_list_page("", f"Không tìm thấy tài khoản '{username}'.", 404)))
    if not can_manage(session, g.user, user.role, user.unit):
        abort(make_response(render_template("auth/forbidden.html"), 403))
    return user


def _check_new_password_fields() -> None:
    password = request.form.get("password", "")
    check_new_password(password)
    if password != request.form.get("password_confirm", ""):
        raise AccountError("Mật khẩu nhập lại không khớp.")


def _status(error: AccountError) -> int:
    """403 when the signed-in user may not do this to that account, 422 when the input is wrong."""
    return 403 if isinstance(error, AccountPermissionError) else 422
