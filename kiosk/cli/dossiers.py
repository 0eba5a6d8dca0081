"""``import-dossiers FILE``: load dossiers from CSV or JSON Lines with a progress bar and a summary
of the rejected rows and why."""

from pathlib import Path

import click
from flask.cli import with_appcontext

from kiosk.core.db import new_session
from motcua.dossiers.importer import import_dossiers, read_rows
from motcua.formatting import format_count

SHOWN_REJECTIONS = 50


@click.command("import-dossiers")
@with_appcontext
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_dossiers_command(path: Path) -> None:
    """Import dossiers (CSV or JSON Lines; docs/dossiers.md)."""
    total = _count_rows(path)
    with new_session() as session, click.progressbar(length=total, label="Nhập hồ sơ", show_pos=True) as bar:
        report = import_dossiers(session, read_rows(path), progress=bar.update)
    click.echo(
        f"Đã nhập {format_count(report.created)} hồ sơ mới, cập nhật {format_count(report.updated)}, "
        f"từ chối {format_count(len(report.rejected))} dòng."
    )
    for line, reason in report.rejected[:SHOWN_REJECTIONS]:
        click.echo(f"  dòng {line}: {reason}")
    if len(report.rejected) > SHOWN_REJECTIONS:
        click.echo(f"  … và {format_count(len(report.rejected) - SHOWN_REJECTIONS)} dòng khác.")
    if report.rejected and not (report.created or report.updated):
        raise SystemExit(1)


def _count_rows(path: Path) -> int:
    with open(path, "rb") as handle:
        lines = sum(1 for line in handle if line.strip())
    return max(lines - (1 if path.suffix.lower() == ".csv" else 0), 0)


COMMANDS = [import_dossiers_command]
