"""``report``: print a unit's figures for a period, as the table, the published paragraph or JSON."""

import json

import click
from flask.cli import with_appcontext

from kiosk.core.db import new_session
from motcua.formatting import format_count, format_pct
from motcua.reports import PeriodError, build_summary, narrative, parse_period
from motcua.reports.period import month
from motcua.reports.table import summary_rows
from motcua.units import get_unit


@click.command("report")
@with_appcontext
@click.argument("unit_code")
@click.option("--month", "month_text", default=None, help="Tháng báo cáo, dạng YYYY-MM (thay cho --from/--to)")
@click.option("--from", "first", default=None, help="Ngày bắt đầu, YYYY-MM-DD")
@click.option("--to", "last", default=None, help="Ngày kết thúc, YYYY-MM-DD")
@click.option("--children/--no-children", default=True, help="Gồm các đơn vị trực thuộc (mặc định: có)")
@click.option("--format", "output", type=click.Choice(["table", "text", "json"]), default="table")
def report_command(
    unit_code: str, month_text: str | None, first: str | None, last: str | None, children: bool, output: str
) -> None:
    """Print the report of UNIT_CODE for a month or a date range."""
    period = _period(month_text, first, last)
    with new_session() as session:
        unit = get_unit(session, unit_code)
        if unit is None:
            raise click.ClickException(f"Không tìm thấy đơn vị '{unit_code}'.")
        summary = build_summary(session, unit, period, include_children=children)
        if output == "text":
            click.echo(narrative(summary))
        elif output == "json":
            click.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
        else:
            report = summary.to_dict()
            click.echo(f"{report['period']['label']} — {unit.name}")
            for group, label, count, pct in summary_rows(report):
                share = format_pct(pct) if pct is not None else ""
                number = format_count(count) if count is not None else ""
                click.echo(f"{group:<26} {label:<42} {number:>10} {share:>8}")


def _period(month_text: str | None, first: str | None, last: str | None):
    if month_text:
        try:
            year_number, month_number = (int(part) for part in month_text.split("-"))
        except ValueError:
            raise PeriodError(f"Tháng '{month_text}' không hợp lệ; dùng dạng YYYY-MM, ví dụ 2021-04.") from None
        return month(year_number, month_number)
    if not first or not last:
        raise PeriodError("Cần --month YYYY-MM, hoặc cả --from và --to (YYYY-MM-DD).")
    return parse_period(first, last)


COMMANDS = [report_command]
