"""CSV and XLSX files of a report: the summary, the unit tree and the fields, laid out by
``motcua.reports.table`` so the files match the dashboard.

Names in a report (units, fields) are typed by people; a spreadsheet runs a cell that starts with
``=``, ``+``, ``-`` or ``@`` (and some read a leading tab or carriage return the same way), so
``=HYPERLINK(...)`` as a unit name would become a live link in the manager's Excel. Every text cell
goes through ``spreadsheet_cell``; figures stay numbers.
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from motcua.formatting import format_pct
from motcua.reports.table import (
    FIELD_HEADER,
    SUMMARY_HEADER,
    UNIT_HEADER,
    field_rows,
    summary_rows,
    unit_rows,
)

FORMULA_STARTS = frozenset("=+-@\t\r")


def report_csv(report: dict) -> bytes:
    """UTF-8 with a BOM (so Excel opens Vietnamese correctly); the three tables one after another.
    Percentages are written as the dashboard shows them ("83,33%", ``format_pct``): one figure on screen
    and on paper."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([spreadsheet_cell(_title(report))])
    for header, rows in _tables(report):
        writer.writerow([])
        writer.writerow(header)
        shares = [_is_share(title) for title in header]
        for row in rows:
            writer.writerow([_csv_cell(value, share) for value, share in zip(row, shares, strict=True)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def report_xlsx(report: dict) -> bytes:
    """One sheet per table, numbers stored as numbers (percentages: the dashboard's value, two decimals,
    shown with a percent sign)."""
    workbook = Workbook()
    names = ("Tổng hợp", "Theo đơn vị", "Theo lĩnh vực")
    for index, (name, (header, rows)) in enumerate(zip(names, _tables(report), strict=True)):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = name
        sheet.append([spreadsheet_cell(_title(report))])
        sheet["A1"].font = Font(bold=True)
        sheet.append(list(header))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([spreadsheet_cell(value) for value in row])
        for column, title in enumerate(header, start=1):
            if _is_share(title):
                for (cell,) in sheet.iter_rows(min_row=3, min_col=column, max_col=column):
                    cell.number_format = '0.00"%"'
        sheet.column_dimensions["B"].width = 45
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def spreadsheet_cell(value):
    """``value`` as a spreadsheet shows it and never runs it: text starting with a formula or command
    character gets a leading apostrophe (OWASP's advice for CSV injection); other values unchanged."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def filename(report: dict, extension: str) -> str:
    """``bao-cao_<unit>_<from>_<to>.<ext>``, ASCII only."""
    period = report["period"]
    code = "".join(ch if ch.isalnum() or ch in ".-" else "-" for ch in report["unit"]["code"])
    return f"bao-cao_{code}_{period['from']}_{period['to']}.{extension}"


def _is_share(title: str) -> bool:
    return "%" in title


def _csv_cell(value, share: bool):
    if value is None:
        return ""
    if share and isinstance(value, int | float):
        return format_pct(value)
    return spreadsheet_cell(value)


def _title(report: dict) -> str:
    return f"{report['unit']['name']} — {report['period']['label']}"


def _tables(report: dict) -> list[tuple[tuple, list]]:
    return [
        (SUMMARY_HEADER, summary_rows(report)),
        (UNIT_HEADER, unit_rows(report)),
        (FIELD_HEADER, field_rows(report)),
    ]
