"""``procedure-groups add`` / ``list`` / ``remove``: the procedure groups a centre reports on (seed
003's "5 tại chỗ"); see ``motcua.reports.groups``."""

import click
from flask.cli import AppGroup

from kiosk.core.db import new_session
from motcua.reports.groups import remove_group, save_group, unit_groups
from motcua.units import get_unit, subtree_ids


@click.group("procedure-groups", cls=AppGroup)
def procedure_groups() -> None:
    """Nhóm thủ tục (procedure groups) of a unit, for its reports."""


@procedure_groups.command("add")
@click.argument("unit_code")
@click.argument("group_code")
@click.argument("name")
@click.argument("procedure_codes", nargs=-1, required=True)
def add(unit_code: str, group_code: str, name: str, procedure_codes: tuple[str, ...]) -> None:
    """Create GROUP_CODE of UNIT_CODE named NAME with PROCEDURE_CODES, or replace its name and procedures."""
    with new_session() as session:
        unit = _unit(session, unit_code)
        group = save_group(session, unit, group_code, name, procedure_codes)
        session.commit()
        click.echo(f"Đã lưu nhóm {group.code} — {group.name} của {unit.code}: {len(group.members)} thủ tục.")


@procedure_groups.command("list")
@click.argument("unit_code")
def list_groups(unit_code: str) -> None:
    """The groups of UNIT_CODE and of the units under it."""
    with new_session() as session:
        unit = _unit(session, unit_code)
        groups = unit_groups(session, subtree_ids(session, unit))
        if not groups:
            click.echo(f"{unit.code} chưa có nhóm thủ tục nào.")
        for group in groups:
            codes = ", ".join(procedure.code for procedure in group.procedures)
            click.echo(f"{group.unit.code}\t{group.code}\t{group.name}\t{codes}")


@procedure_groups.command("remove")
@click.argument("unit_code")
@click.argument("group_code")
def remove(unit_code: str, group_code: str) -> None:
    """Delete GROUP_CODE of UNIT_CODE."""
    with new_session() as session:
        unit = _unit(session, unit_code)
        remove_group(session, unit, group_code)
        session.commit()
        click.echo(f"Đã xóa nhóm {group_code.strip().lower()} của {unit.code}.")


def _unit(session, unit_code: str):
    unit = get_unit(session, unit_code)
    if unit is None:
        raise click.ClickException(f"Không tìm thấy đơn vị '{unit_code}'.")
    return unit


COMMANDS = [procedure_groups]
