"""``import-catalogue [PATH]`` and ``build-catalogue SOURCE``: load and ship the procedure catalogue."""

from __future__ import annotations

import time
from pathlib import Path

import click
from flask.cli import with_appcontext

from kiosk.core.db import new_session
from motcua.catalogue.importer import (
    SHIPPED_CATALOGUE,
    ImportReport,
    count_lines,
    import_catalogue,
    write_catalogue,
)


@click.command("import-catalogue")
@click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--show-issues", is_flag=True, help="List every record that was not fully parsed.")
@with_appcontext
def import_catalogue_command(path: Path | None, show_issues: bool) -> None:
    """Import procedures from PATH (raw portal export or normalised file; default: the shipped catalogue)."""
    path = path or SHIPPED_CATALOGUE
    started = time.perf_counter()
    with new_session() as session:
        with click.progressbar(length=count_lines(path), label="Nhập thủ tục", show_pos=True) as bar:
            report = import_catalogue(session, path, progress=bar.update)
        session.commit()
    click.echo(
        f"Đã nhập {report.stored} thủ tục từ {path} trong {time.perf_counter() - started:.1f} giây: "
        f"{report.added} mới, {report.updated} cập nhật, {report.unchanged} không đổi."
    )
    _echo_problems(report, show_issues)


@click.command("build-catalogue")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=SHIPPED_CATALOGUE)
@click.option("--show-issues", is_flag=True, help="List every record that was not fully parsed.")
def build_catalogue_command(source: Path, output: Path, show_issues: bool) -> None:
    """Parse the raw portal export SOURCE into the normalised catalogue file shipped with the project."""
    report = write_catalogue(source, output)
    click.echo(f"Đã ghi {report.added} thủ tục vào {output}.")
    _echo_problems(report, show_issues)


def _echo_problems(report: ImportReport, show_issues: bool) -> None:
    for line, reason in report.rejected:
        click.echo(f"  dòng {line} bị từ chối: {reason}", err=True)
    if report.issues:
        click.echo(
            f"{len(report.issues)} thủ tục chưa đọc được hết (vẫn được lưu, phần chưa đọc được giữ nguyên văn)"
            + ("" if show_issues else "; thêm --show-issues để xem chi tiết."),
            err=True,
        )
    if show_issues:
        for code, issues in sorted(report.issues.items()):
            for issue in issues:
                click.echo(f"  {code}: {issue}", err=True)


COMMANDS = [import_catalogue_command, build_catalogue_command]
