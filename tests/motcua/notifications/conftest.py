"""Fixtures of the following tests: the dossier catalogue, and one dossier already received."""

import pytest

from motcua.dossiers.intake import upsert_dossier
from tests.factories import seed_catalogue

CODE = "000.00.12.H62-260302-0001"
RECORD = {
    "procedure_code": "2.000815",
    "applicant_name": "Nguyễn Văn An",
    "applicant_phone": "0912 345 678",
    "received_at": "2026-03-02T09:00:00+07:00",
    "state": 2,
}


@pytest.fixture
def dossier(db):
    """A received dossier (state 2), committed."""
    seed_catalogue(db)
    found, _ = upsert_dossier(db, CODE, RECORD)
    db.commit()
    return found
