"""One percentage figure: every percentage the dashboard shows is the very text the CSV holds for the same
row (same source value, formatted once by ``motcua.formatting.format_pct``), and the XLSX stores that number."""

import csv
import io
from datetime import datetime
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from kiosk.core.auth import hash_password
from motcua.accounts import create_user
from motcua.units import save_unit
from tests.factories import DossierSet
from tests.kiosk.report_periods import APRIL

TABLES = ("summary-table", "unit-table", "field-table")


class _Tables(HTMLParser):
    """The text of each cell of the dashboard's figure tables, row by row, per table id."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.current: str | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id") in TABLES:
            self.current = attrs["id"]
            self.tables[self.current] = []
        elif self.current and tag == "tr":
            self.tables[self.current].append([])
        elif self.current and tag == "td":
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self.current = None
        elif tag == "td" and self.cell is not None and self.current:
            self.tables[self.current][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


@pytest.fixture
def centre(db):
    """A province centre and a commune, April 2021: shares that are not round (5 of 6 resolved early,
    83,33%; 2 of 7 ratings 'rất hài lòng', 28,57%)."""
    province = save_unit(db, "T1", "Trung tâm Phục vụ hành chính công tỉnh", "tinh")
    commune = save_unit(db, "T1.X1", "Bộ phận Một cửa xã An Bình", "xa", "T1")
    create_user(db, "quanly", hash_password("mat-khau-dai"), "manager", "T1")
    build = DossierSet(db)
    procedure = build.procedure("1.1", "Tư pháp", online=False)
    april = {"procedure": procedure, "received": datetime(2021, 4, 1), "due": datetime(2021, 4, 10)}
    build.add(3, unit=province, resolved=datetime(2021, 4, 8), **april)
    build.add(1, unit=province, resolved=datetime(2021, 4, 13), **april)
    build.add(2, unit=commune, resolved=datetime(2021, 4, 8), **april)
    build.add(1, unit=commune, **{**april, "due": datetime(2021, 4, 20)})
    build.rate(2, unit=province, level="rat_hai_long", attitude="rat_lich_su", at=datetime(2021, 4, 9))
    build.rate(1, unit=province, level="hai_long", attitude="lich_su", at=datetime(2021, 4, 10))
    build.rate(4, unit=province, level="binh_thuong", attitude="lich_su", at=datetime(2021, 4, 11))
    build.save()
    return province


def _screen_percentages(html: str) -> list[str]:
    parser = _Tables()
    parser.feed(html)
    assert set(parser.tables) == set(TABLES)
    return [cell for table in TABLES for row in parser.tables[table] for cell in row if cell.endswith("%")]


def _csv_percentages(data: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    found, header = [], []
    for row in rows[1:]:
        if not row:
            header = []
        elif not header:
            header = row
        else:
            found += [cell for title, cell in zip(header, row, strict=True) if "%" in title and cell]
    return found


def test_every_percentage_of_the_csv_is_the_one_the_screen_shows(client, centre, auth):
    auth("quanly", "mat-khau-dai", client=client)
    query = {**APRIL, "unit": "T1"}
    screen = _screen_percentages(client.get("/quan-ly/bao-cao", query_string=query).get_data(as_text=True))
    exported = _csv_percentages(client.get("/quan-ly/bao-cao/xuat.csv", query_string=query).data)
    assert "83,33%" in screen and "28,57%" in screen
    assert exported == screen


def test_the_xlsx_stores_the_screen_figure_as_a_number_shown_with_its_percent_sign(client, centre, auth):
    auth("quanly", "mat-khau-dai", client=client)
    response = client.get("/quan-ly/bao-cao/xuat.xlsx", query_string={**APRIL, "unit": "T1"})
    sheet = load_workbook(io.BytesIO(response.data))["Tổng hợp"]
    late = next(
        row for row in sheet.iter_rows(min_row=3) if row[0].value == "Đã giải quyết" and row[1].value == "Quá hạn"
    )
    assert late[3].value == 16.67
    assert late[3].number_format == '0.00"%"'
