"""Fixtures of the dossier tests."""

import pytest

from tests.factories import seed_catalogue


@pytest.fixture
def catalogue(db):
    """Units, an officer, a counter and two procedures, committed."""
    seed_catalogue(db)
    return db
