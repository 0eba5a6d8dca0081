"""``init-db``: bring the database to the newest schema with Alembic (safe to run on every start);
``new-migration``: write the next revision after a model change (``make migration MESSAGE=...``)."""

import tempfile
from pathlib import Path

import click
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from flask import current_app
from flask.cli import with_appcontext

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def alembic_config(url: str) -> Config:
    """Alembic settings pointing at ``migrations/`` and the app's database."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["database_url"] = url
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def new_revision(message: str) -> Path:
    """``alembic revision --autogenerate`` against a scratch database built from the existing
    revisions, numbered after the head (0001, 0002, ...): the developer's own database plays no part."""
    with tempfile.TemporaryDirectory() as scratch:
        config = alembic_config(f"sqlite:///{Path(scratch) / 'head.db'}")
        command.upgrade(config, "head")
        head = ScriptDirectory.from_config(config).get_current_head() or "0000"
        script = command.revision(config, message=message, autogenerate=True, rev_id=f"{int(head) + 1:04d}")
    return Path(script.path)


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Create or migrate the database schema."""
    upgrade(current_app.config["DATABASE_URL"])
    click.echo("Cơ sở dữ liệu đã ở phiên bản mới nhất.")


@click.command("new-migration")
@click.argument("message")
def new_migration(message: str) -> None:
    """Write the next migration from the difference between the models and the existing revisions."""
    path = new_revision(message)
    click.echo(f"Đã tạo {path.relative_to(MIGRATIONS.parent)}; đọc lại và chỉnh trước khi commit.")


COMMANDS = [init_db, new_migration]
