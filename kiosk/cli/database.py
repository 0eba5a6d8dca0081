"""``init-db``: bring the database to the newest schema with Alembic (safe to run on every start)."""

from pathlib import Path

import click
from alembic import command
from alembic.config import Config
from flask import current_app
from flask.cli import with_appcontext

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def alembic_config(url: str) -> Config:
    """Alembic settings pointing at ``migrations/`` and the app's database."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["database_url"] = url
    return config


def upgrade(url: str) -> None:
    command.upgrade(alembic_config(url), "head")


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Create or migrate the database schema."""
    upgrade(current_app.config["DATABASE_URL"])
    click.echo("Cơ sở dữ liệu đã ở phiên bản mới nhất.")


COMMANDS = [init_db]
