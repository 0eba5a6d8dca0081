"""``create-user``, ``create-api-key``, ``revoke-api-key``."""

import click
from flask.cli import with_appcontext

from kiosk.auth import hash_password
from kiosk.db import new_session
from motcua.accounts import ROLES, AccountError, create_user
from motcua.apikeys import ApiKeyError, create_api_key, revoke_api_key


@click.command("create-user")
@with_appcontext
@click.argument("username")
@click.option("--role", required=True, type=click.Choice(list(ROLES)))
@click.option("--unit", "unit_code", default=None, help="Mã đơn vị (bắt buộc trừ admin)")
@click.option("--name", "full_name", default="")
@click.password_option(help="Mật khẩu (được hỏi nếu không truyền)")
def create_user_command(username: str, role: str, unit_code: str | None, full_name: str, password: str) -> None:
    """Create a staff account."""
    if len(password) < 8:
        raise click.ClickException("Mật khẩu phải có ít nhất 8 ký tự.")
    with new_session() as session:
        try:
            create_user(session, username, hash_password(password), role, unit_code, full_name)
        except AccountError as exc:
            raise click.ClickException(str(exc)) from exc
        session.commit()
    click.echo(f"Đã tạo tài khoản {username.strip().lower()} ({ROLES[role]}).")


@click.command("create-api-key")
@with_appcontext
@click.argument("name")
def create_api_key_command(name: str) -> None:
    """Create an API key; the key is printed alone on the last line, once."""
    with new_session() as session:
        try:
            key = create_api_key(session, name)
        except ApiKeyError as exc:
            raise click.ClickException(str(exc)) from exc
        session.commit()
    click.echo(f"Khóa API '{name.strip()}' (chỉ hiện một lần, hãy lưu lại):")
    click.echo(key)


@click.command("revoke-api-key")
@with_appcontext
@click.argument("name")
def revoke_api_key_command(name: str) -> None:
    """Revoke an API key."""
    with new_session() as session:
        try:
            revoke_api_key(session, name)
        except ApiKeyError as exc:
            raise click.ClickException(str(exc)) from exc
        session.commit()
    click.echo(f"Đã thu hồi khóa API '{name.strip()}'.")


COMMANDS = [create_user_command, create_api_key_command, revoke_api_key_command]
