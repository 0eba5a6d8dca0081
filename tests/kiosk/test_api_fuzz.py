"""schemathesis over /api/v1/openapi.json: requests generated from the document (its examples, then
valid and invalid inputs) never get a 5xx, and every answer is what the document says (a documented
status, a documented content type, a body matching the schema).

Bounded so that it runs in every ``make test`` (about 15 s): a few examples per operation, and
derandomized with no example database, so every run sends the same requests and a failure found once
is found again. To look harder: ``FUZZ_EXAMPLES=500 .venv/bin/python -m pytest tests/kiosk/test_api_fuzz.py``.
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kiosk.api.openapi import document
from motcua.apikeys import SCOPES, create_api_key
from tests.motcua.dossiers.factories import add_dossier, seed_catalogue

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def api_key(api, db) -> dict:
    """A key of the province centre with every scope, so requests get past authentication."""
    key = create_api_key(db, "fuzz", "000.00.00.H62", ",".join(SCOPES))
    db.commit()
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def api(app, db):
    """The app with the rows the document's examples name: units, procedures, a counter, a dossier."""
    seed_catalogue(db)
    add_dossier(db)
    app.config.update(DOSSIER_VERIFY_SECONDS=0)
    return app


# Loaded from the document itself rather than through a fixture: schemathesis' fixture loader reaches
# into a pytest private attribute that pytest 9 removed. test_openapi.py checks the served document
# is this one.
schema = schemathesis.openapi.from_dict(document())


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture],
)
def test_every_answer_is_documented_and_none_is_a_server_error(case, api, api_key):
    case.call_and_validate(app=api, headers=api_key, checks=CHECKS)
