"""``create-user``, ``users list|deactivate|activate|reset-password``, ``create-api-key``, ``scope-api-key``,
``revoke-api-key``."""

import click
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import select

from kiosk.core.auth import hash_password
from kiosk.core.db import new_session
from motcua.accounts import (
    ROLES,
    User,
    check_new_password,
    create_user,
    get_user,
    set_active,
    set_password,
)
from motcua.apikeys import SCOPES, create_api_key, parse_scopes, revoke_api_key, scope_api_key
from motcua.units import Unit, get_unit, subtree_ids


@click.command("create-user")
@with_appcontext
@click.argument("username")
@click.option("--role", required=True, type=click.Choice(list(ROLES)))
@click.option("--unit", "unit_code", default=None, help="Mã đơn vị (bắt buộc trừ admin)")
@click.option("--name", "full_name", default="")
@click.password_option(help="Mật khẩu (được hỏi nếu không truyền)")
def create_user_command(username: str, role: str, unit_code: str | None, full_name: str, password: str) -> None:
    """Create a staff account."""
    with new_session() as session:
        check_new_password(password)
        user = create_user(session, username, hash_password(password), role, unit_code, full_name)
        session.commit()
        click.echo(f"Đã tạo tài khoản {user.username} ({ROLES[role]}).")


@click.group("users", cls=AppGroup)
def users_group() -> None:
    """Staff accounts: list, deactivate, reactivate, reset a password."""


@users_group.command("list")
@click.option("--unit", "unit_code", default=None, help="Chỉ tài khoản của đơn vị này và các đơn vị trực thuộc")
@click.option("--inactive/--all", "only_inactive", default=False, help="Chỉ tài khoản đã khóa")
def list_users_command(unit_code: str | None, only_inactive: bool) -> None:
    """One line per account: user name, role, unit, state, full name."""
    with new_session() as session:
        statement = select(User).outerjoin(User.unit).order_by(Unit.code.is_not(None), Unit.code, User.username)
        if unit_code:
            unit = get_unit(session, unit_code)
            if unit is None:
                raise click.ClickException(f"Không tìm thấy đơn vị '{unit_code}'.")
            statement = statement.where(User.unit_id.in_(subtree_ids(session, unit)))
        if only_inactive:
            statement = statement.where(User.active.is_(False))
        for user in session.scalars(statement):
            state = "hoạt động" if user.active else "đã khóa"
            unit_text = user.unit.code if user.unit else "-"
            click.echo(f"{user.username}\t{user.role}\t{unit_text}\t{state}\t{user.full_name}")


@users_group.command("deactivate")
@click.argument("username")
def deactivate_user_command(username: str) -> None:
    """Lock an account; its open sessions end at their next request."""
    click.echo(f"Đã khóa tài khoản {_change_active(username, False)}.")


@users_group.command("activate")
@click.argument("username")
def activate_user_command(username: str) -> None:
    """Unlock an account."""
    click.echo(f"Đã mở khóa tài khoản {_change_active(username, True)}.")


@users_group.command("reset-password")
@click.argument("username")
@click.password_option(help="Mật khẩu mới (được hỏi nếu không truyền)")
def reset_password_command(username: str, password: str) -> None:
    """Give an account a new password (e.g. the only administrator forgot theirs)."""
    with new_session() as session:
        user = _user(session, username)
        check_new_password(password)
        set_password(session, None, user, hash_password(password))
        session.commit()
    click.echo(f"Đã đặt lại mật khẩu cho {user.username}; các phiên đăng nhập cũ đã kết thúc.")


_UNIT_OPTION = click.option(
    "--unit", "unit_code", required=True, help="Mã đơn vị: khóa dùng cho đơn vị này và cấp dưới"
)
_SCOPE_OPTION = click.option(
    "--scope", "scopes", required=True, help=f"Quyền, cách nhau bởi dấu phẩy: {', '.join(SCOPES)}"
)


@click.command("create-api-key")
@with_appcontext
@click.argument("name")
@_UNIT_OPTION
@_SCOPE_OPTION
def create_api_key_command(name: str, unit_code: str, scopes: str) -> None:
    """Create an API key for a unit and the units below it, with permissions (intake, reports,
    assistant); the key is printed alone on the last line, once."""
    with new_session() as session:
        key = create_api_key(session, name, unit_code, scopes)
        session.commit()
    click.echo(f"Khóa API '{name.strip()}' cho đơn vị {unit_code.strip()}, quyền {parse_scopes(scopes)}.")
    click.echo("Khóa (chỉ hiện một lần, hãy lưu lại):")
    click.echo(key)


@click.command("scope-api-key")
@with_appcontext
@click.argument("name")
@_UNIT_OPTION
@_SCOPE_OPTION
def scope_api_key_command(name: str, unit_code: str, scopes: str) -> None:
    """Give an existing key a unit and permissions (keys made before they existed open nothing)."""
    with new_session() as session:
        key = scope_api_key(session, name, unit_code, scopes)
        session.commit()
        click.echo(f"Khóa API '{key.name}' dùng cho đơn vị {key.unit.code}, quyền {key.scopes}.")


@click.command("revoke-api-key")
@with_appcontext
@click.argument("name")
def revoke_api_key_command(name: str) -> None:
    """Revoke an API key."""
    with new_session() as session:
        revoke_api_key(session, name)
        session.commit()
    click.echo(f"Đã thu hồi khóa API '{name.strip()}'.")


def _change_active(username: str, active: bool) -> str:
    with new_session() as session:
        user = _user(session, username)
        set_active(session, None, user, active)
        session.commit()
        return user.username


def _user(session, username: str) -> User:
    user = get_user(session, username)
    if user is None:
        raise click.ClickException(f"Không tìm thấy tài khoản '{username}'.")
    return user


COMMANDS = [create_user_command, users_group, create_api_key_command, scope_api_key_command, revoke_api_key_command]
