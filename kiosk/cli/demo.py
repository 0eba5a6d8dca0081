"""``seed-demo``: made-up dossiers, ratings and staff accounts to try the system (``make demo``).

Only for a trial machine: it refuses a database that holds a real centre's units or accounts, and
skips one that already has dossiers. Its accounts share a published password, so they are named as
demo accounts and never made by ``make run``.
"""

from datetime import date

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from kiosk.core.auth import hash_password
from kiosk.core.db import new_session
from motcua.accounts import User, create_user
from motcua.demo import PROVINCE_CENTRE, has_dossiers, real_units
from motcua.demo_seeders import seed_demo

DEMO_ACCOUNTS = [
    ("quanly", "manager", PROVINCE_CENTRE, "Nguyễn Thị Lan (tài khoản mẫu — lãnh đạo)"),
    ("canbo", "officer", PROVINCE_CENTRE, "Trần Văn Minh (tài khoản mẫu — cán bộ)"),
]
DEMO_PASSWORD = "motcua-demo"
# Accounts that may exist before demo data is added: bootstrap's administrator and the demo's own.
_EXPECTED_USERS = {"admin", *(account[0] for account in DEMO_ACCOUNTS)}


@click.command("seed-demo")
@with_appcontext
@click.option("--force", is_flag=True, help="Seed even into a database that holds real units, accounts or dossiers.")
def seed_demo_command(force: bool) -> None:
    """DỮ LIỆU MẪU: fill a trial database with demo units, dossiers, ratings and staff accounts."""
    with new_session() as session:
        if not force:
            if has_dossiers(session):
                click.echo("Cơ sở dữ liệu đã có hồ sơ; bỏ qua dữ liệu mẫu.")
                return
            real = real_units(session, {current_app.config["DEFAULT_UNIT"]}) + [
                name for name in session.scalars(select(User.username)) if name not in _EXPECTED_USERS
            ]
            if real:
                raise click.ClickException(
                    f"Cơ sở dữ liệu đã có dữ liệu thật ({', '.join(real[:5])}…); không thêm dữ liệu mẫu. "
                    "Dùng --force nếu đây đúng là máy thử."
                )
        done = seed_demo(session, date.today())
        made = []
        for username, role, unit, name in DEMO_ACCOUNTS:
            if not session.scalar(select(User).where(User.username == username)):
                create_user(session, username, hash_password(DEMO_PASSWORD), role, unit, name)
                made.append(username)
        session.commit()
    click.echo(f"ĐÃ THÊM DỮ LIỆU MẪU (chỉ để dùng thử, không phải số liệu thật): {', '.join(done)}.")
    if made:
        click.echo(f"Tài khoản mẫu {', '.join(made)}, mật khẩu '{DEMO_PASSWORD}' — không dùng trên máy thật.")


COMMANDS = [seed_demo_command]
