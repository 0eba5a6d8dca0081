"""``units add`` / ``units import``: manage the tree of administrative units."""

import click
from flask.cli import AppGroup

from kiosk.core.db import new_session
from motcua.units import LEVELS, Unit, get_unit, import_units_csv, save_unit


@click.group("units", cls=AppGroup)
def units() -> None:
    """Đơn vị hành chính (administrative units)."""


@units.command("add")
@click.argument("code")
@click.argument("name")
@click.option("--level", required=True, type=click.Choice(list(LEVELS)), help="tinh | huyen | xa | bo")
@click.option("--parent", "parent_code", default=None, help="Mã đơn vị cấp trên")
@click.option("--address", default=None)
@click.option("--hotline", default=None)
@click.option("--opening-hours", default=None)
def add(code: str, name: str, level: str, parent_code: str | None, **details: str | None) -> None:
    """Add or update a unit."""
    with new_session() as session:
        unit = save_unit(session, code, name, level, parent_code, **details)
        session.commit()
        click.echo(f"Đã lưu đơn vị {unit.code} — {unit.name}.")


@units.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_(path: str) -> None:
    """Import units from a CSV (code,name,level,parent,address,hotline,opening_hours)."""
    with new_session() as session:
        summary = import_units_csv(session, path)
        session.commit()
    click.echo(f"Đã lưu {summary.stored} đơn vị; bị từ chối {len(summary.rejected)} dòng.")
    for line, reason in summary.rejected:
        click.echo(f"  dòng {line}: {reason}", err=True)


def unit_or_fail(session, unit_code: str) -> Unit:
    """The unit with this code, or the command stops with a Vietnamese message."""
    unit = get_unit(session, unit_code)
    if unit is None:
        raise click.ClickException(f"Không tìm thấy đơn vị '{unit_code}'.")
    return unit


COMMANDS = [units]
