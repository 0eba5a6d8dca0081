"""``bootstrap``: what a real centre needs before its first sign-in, and nothing made up.

Run on every start after ``init-db`` (``make run`` does): each step happens only when its thing is
missing, so a second run changes nothing. The first administrator gets a random one-time password,
printed once and to be changed at the first sign-in; demo data is ``seed-demo``'s job alone.
"""

from __future__ import annotations

import secrets

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.core.auth import hash_password
from kiosk.core.db import new_session
from motcua.accounts import AccountError, User, create_user
from motcua.catalogue.importer import import_catalogue
from motcua.catalogue.models import Procedure
from motcua.staff import Counter, save_counter
from motcua.units import get_unit, save_unit

ADMIN_USERNAME = "admin"


@click.command("bootstrap")
@with_appcontext
def bootstrap_command() -> None:
    """Load the catalogue, create the centre's unit, a kiosk counter and the first administrator if missing."""
    config = current_app.config
    with new_session() as session:
        _catalogue(session)
        _centre(session, config["DEFAULT_UNIT"], config["DEFAULT_UNIT_NAME"], config["DEFAULT_UNIT_LEVEL"])
        password = _first_admin(session)
        session.commit()
    if password:
        click.echo(
            f"Đã tạo tài khoản quản trị '{ADMIN_USERNAME}'. Mật khẩu dùng một lần ở dòng dưới: chỉ hiện lần này, "
            "hệ thống sẽ yêu cầu đổi ngay khi đăng nhập."
        )
        click.echo(password)


def _catalogue(session: Session) -> None:
    if session.scalar(select(func.count()).select_from(Procedure)):
        click.echo("Danh mục thủ tục đã có; giữ nguyên.")
        return
    report = import_catalogue(session)
    click.echo(f"Đã nạp danh mục thủ tục kèm theo: {report.stored} thủ tục.")


def _centre(session: Session, code: str, name: str, level: str) -> None:
    unit = get_unit(session, code)
    if unit is None:
        unit = save_unit(session, code, name, level)
        click.echo(f"Đã tạo đơn vị {unit.code} — {unit.name}.")
    else:
        click.echo(f"Đơn vị {unit.code} đã có; giữ nguyên.")
    # The touch kiosk needs a counter to stand at; a centre adds its others with ``counters``.
    if not session.scalar(select(Counter).where(Counter.unit_id == unit.id).limit(1)):
        save_counter(session, unit.code, "Q1", "Quầy 1")
        click.echo("Đã tạo quầy Q1 (Quầy 1) cho kiosk đánh giá.")


def _first_admin(session: Session) -> str | None:
    """The new administrator's password, or None when the centre already has an administrator."""
    if session.scalar(select(User).where(User.role == "admin").limit(1)):
        click.echo("Đã có tài khoản quản trị; không tạo thêm.")
        return None
    password = secrets.token_urlsafe(15)
    try:
        admin = create_user(session, ADMIN_USERNAME, hash_password(password), "admin", full_name="Quản trị hệ thống")
    except AccountError as exc:
        raise click.ClickException(f"{exc} Tạo quản trị viên bằng create-user.") from exc
    admin.must_change_password = True
    return password


COMMANDS = [bootstrap_command]
