"""``units add`` / ``units import``: manage the tree of administrative units; ``units handoff-hours``: a
unit's own hours for taking conversations handed off by the assistant (docs/handoff.md)."""

import click
from flask import current_app
from flask.cli import AppGroup

from kiosk.core.db import new_session
from motcua.handoff.hours import STANDARD, set_unit_hours
from motcua.handoff.models import HandoffHours
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


@units.command("handoff-hours")
@click.argument("code")
@click.argument("schedule", required=False)
@click.option("--clear", is_flag=True, help="Back to the configured hours (MOTCUA_HANDOFF_HOURS or the standard).")
def handoff_hours(code: str, schedule: str | None, clear: bool) -> None:
    """Show or set the hours a unit's officers take conversations ("T2-T6 07:30-11:30,13:30-17:00; T7 07:30-11:30")."""
    with new_session() as session:
        unit = unit_or_fail(session, code)
        if schedule is not None or clear:
            set_unit_hours(session, unit, "" if clear else schedule)
            session.commit()
        own = session.get(HandoffHours, unit.id)
        configured = current_app.config.get("HANDOFF_HOURS") or STANDARD
        click.echo(f"{unit.code}: {own.schedule if own else configured}" + ("" if own else " (chung)"))


def unit_or_fail(session, unit_code: str) -> Unit:
    """The unit with this code, or the command stops with a Vietnamese message."""
    unit = get_unit(session, unit_code)
    if unit is None:
        raise click.ClickException(f"Không tìm thấy đơn vị '{unit_code}'.")
    return unit


COMMANDS = [units]
