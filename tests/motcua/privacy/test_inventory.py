"""docs/personal-data.md lists every column of every table exactly once, as personal or not: a column
added to a model without its line there fails here."""

from __future__ import annotations

from collections import Counter

from motcua.models import Base
from motcua.privacy.inventory import database_inventory, personal_columns


def _listed() -> Counter:
    return Counter((line.table, column) for line in database_inventory() for column in line.columns)


def test_every_column_of_every_model_is_in_the_inventory():
    columns = {(table.name, column.name) for table in Base.metadata.sorted_tables for column in table.columns}
    missing = sorted(columns - set(_listed()))
    assert missing == [], f"add these to docs/personal-data.md, 'Database columns': {missing}"


def test_the_inventory_names_no_column_that_does_not_exist_and_none_twice():
    columns = {(table.name, column.name) for table in Base.metadata.sorted_tables for column in table.columns}
    listed = _listed()
    assert sorted(set(listed) - columns) == []
    assert [key for key, count in listed.items() if count > 1] == []


def test_each_line_says_why_on_what_basis_who_reads_and_how_long():
    for line in database_inventory():
        assert all([line.purpose, line.legal_basis, line.readers, line.retention]), line


def test_the_applicants_contact_and_identifier_are_personal():
    personal = personal_columns()
    for column in ("applicant_name", "applicant_phone", "applicant_address", "applicant_email", "applicant_identifier"):
        assert column in personal["dossiers"]
    assert "comment" in personal["ratings"] and "contact" in personal["complaints"]
