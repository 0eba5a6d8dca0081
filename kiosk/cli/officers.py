"""``officers``: the officers of a unit whom the kiosk credits (add, list)."""

import click
from flask.cli import AppGroup

from kiosk.cli.units import unit_or_fail as _unit
from kiosk.core.db import new_session
from motcua.staff import list_officers, save_officer


@click.group("officers", cls=AppGroup)
def officers() -> None:
    """Cán bộ tiếp nhận (officers)."""


@officers.command("add")
@click.argument("unit_code")
@click.argument("officer_code")
@click.argument("name")
def add_officer(unit_code: str, officer_code: str, name: str) -> None:
    """Add or rename an officer of a unit."""
    with new_session() as session:
        officer = save_officer(session, unit_code, officer_code, name)
        session.commit()
        click.echo(f"Đã lưu cán bộ {officer.code} — {officer.name} ({officer.unit.code}).")


@officers.command("list")
@click.argument("unit_code")
def list_officers_command(unit_code: str) -> None:
    """List a unit's officers."""
    with new_session() as session:
        unit = _unit(session, unit_code)
        for officer in list_officers(session, unit):
            click.echo(f"{officer.code}\t{officer.name}\t{'' if officer.active else '(nghỉ)'}")


COMMANDS = [officers]
