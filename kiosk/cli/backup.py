"""``backup PATH`` / ``restore PATH``: a consistent copy of the app's database, and putting one back.

SQLite: the online backup API (``sqlite3.Connection.backup``), so a copy taken while the app runs is
consistent, which copying the file (and its WAL) is not. PostgreSQL: ``pg_dump`` in its custom format
(compressed; ``pg_restore`` can restore one table from it) and ``pg_restore --clean --single-transaction``:
a restore either replaces everything or nothing. The password reaches the tools through ``PGPASSWORD``,
never their command line (visible in ``ps``). When the URL pins a schema (``options=-csearch_path=…``)
only that schema is copied and restored.

Stop the app instances before ``restore`` (docs/operations.md, "Backups"); schedule and retention are there.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path
from urllib.parse import parse_qs

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url

_SCHEMA = re.compile(r"search_path\s*=\s*([A-Za-z0-9_]+)")


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Sao lưu cơ sở dữ liệu vào PATH / back the database up to PATH."""
    url = make_url(current_app.config["DATABASE_URL"])
    path.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        with closing(_sqlite(url)) as source, closing(sqlite3.connect(path)) as target:
            source.backup(target)
    elif url.get_backend_name() == "postgresql":
        _run_pg("pg_dump", url, ["--format=custom", "--no-owner", f"--file={path}"])
    else:
        raise click.ClickException(f"Không hỗ trợ sao lưu cơ sở dữ liệu {url.get_backend_name()}.")
    click.echo(f"Đã sao lưu cơ sở dữ liệu vào {path} ({path.stat().st_size:,} byte).".replace(",", "."))


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def restore_command(path: Path) -> None:
    """Khôi phục cơ sở dữ liệu từ bản sao lưu PATH (thay toàn bộ dữ liệu hiện có)."""
    url = make_url(current_app.config["DATABASE_URL"])
    if url.get_backend_name() == "sqlite":
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as source:
            try:
                source.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.DatabaseError as exc:
                raise click.ClickException(f"{path} không phải bản sao lưu SQLite.") from exc
            with closing(_sqlite(url)) as target:
                source.backup(target)
    elif url.get_backend_name() == "postgresql":
        _run_pg("pg_restore", url, ["--clean", "--if-exists", "--no-owner", "--single-transaction", str(path)])
    else:
        raise click.ClickException(f"Không hỗ trợ khôi phục cơ sở dữ liệu {url.get_backend_name()}.")
    # Pooled connections of this process would keep reading what they cached before.
    engine = current_app.extensions.get("motcua.engine")
    if engine is not None:
        engine.dispose()
    click.echo(f"Đã khôi phục cơ sở dữ liệu từ {path}.")


def _sqlite(url) -> sqlite3.Connection:
    if not url.database or url.database == ":memory:":
        raise click.ClickException("Cơ sở dữ liệu SQLite trong bộ nhớ không sao lưu được.")
    return sqlite3.connect(url.database, timeout=30)


def _run_pg(tool: str, url, arguments: list[str]) -> None:
    program = shutil.which(tool)
    if program is None:
        raise click.ClickException(f"Cần {tool} (Debian: apt-get install postgresql-client).")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    options = " ".join(parse_qs(url.render_as_string(hide_password=True).partition("?")[2]).get("options", []))
    schema = _SCHEMA.search(options)
    libpq = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    command = [program, f"--dbname={libpq}", *([f"--schema={schema.group(1)}"] if schema else []), *arguments]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise click.ClickException(f"{tool} thất bại: {result.stderr.strip()[-500:]}")


COMMANDS = [backup_command, restore_command]
