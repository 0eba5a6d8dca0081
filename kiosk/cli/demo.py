"""``seed-demo``: demo units, accounts and each domain's demo data, only into an empty database."""

from datetime import date

import click
from flask.cli import with_appcontext

from kiosk.auth import hash_password
from kiosk.db import new_session
from motcua.accounts import create_user
from motcua.demo import PROVINCE_CENTRE, is_empty, seed_demo

DEMO_ACCOUNTS = [
    ("admin", "admin", None, "Quản trị hệ thống"),
    ("quanly", "manager", PROVINCE_CENTRE, "Nguyễn Thị Lan (Giám đốc Trung tâm)"),
    ("canbo", "officer", PROVINCE_CENTRE, "Trần Văn Minh"),
]
DEMO_PASSWORD = "motcua-demo"


@click.command("seed-demo")
@with_appcontext
@click.option("--force", is_flag=True, help="Seed even if the database already has units.")
def seed_demo_command(force: bool) -> None:
    """Fill an empty database with demo data (units, staff accounts, procedures, dossiers, ratings)."""
    # The demo modules of each domain register their seeders on import.
    import motcua.demo_seeders  # noqa: F401

    with new_session() as session:
        if not force and not is_empty(session):
            click.echo("Cơ sở dữ liệu đã có dữ liệu; bỏ qua dữ liệu mẫu.")
            return
        done = seed_demo(session, date.today())
        for username, role, unit, name in DEMO_ACCOUNTS:
            create_user(session, username, hash_password(DEMO_PASSWORD), role, unit, name)
        session.commit()
    click.echo(
        f"Đã tạo dữ liệu mẫu: {', '.join(done)}; tài khoản {', '.join(a[0] for a in DEMO_ACCOUNTS)} "
        f"(mật khẩu '{DEMO_PASSWORD}', chỉ dùng để thử)."
    )


COMMANDS = [seed_demo_command]
