"""schemathesis over /api/v1/openapi.json: requests generated from the document (its examples, then
valid and invalid inputs) never get a 5xx, and every answer is what the document says (a documented
status, a documented content type, a body matching the schema).

Bounded so that it runs in every ``make test`` (about 15 s): a few examples per operation, and
derandomized with no example database, so every run sends the same requests and a failure found once
is found again. To look harder: ``FUZZ_EXAMPLES=500 .venv/bin/python -m pytest tests/kiosk/test_api_fuzz.py``.
"""

import os
from datetime import timedelta

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
from motcua.apikeys import SCOPES
from motcua.clock import now_local
from motcua.feedback.devices import enrol_device
from tests.factories import COMMUNE, add_dossier, seed_catalogue

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def api_key(api, key_headers) -> dict:
    """A key of the province centre with every scope, so requests get past authentication."""
    return key_headers("000.00.00.H62", ",".join(SCOPES))


@pytest.fixture
def api(app, db):
    """The app with the rows the document's examples name: units, procedures, a counter, a dossier."""
    seed_catalogue(db)
    add_dossier(db)
    app.config.update(DOSSIER_VERIFY_SECONDS=0)
    return app


@pytest.fixture
def kiosk_device(api, db) -> dict:
    """The credential of counter Q1's kiosk, enrolled as a manager would."""
    _, secret = enrol_device(db, COMMUNE, "Q1", now_local() - timedelta(days=1))
    db.commit()
    return {"X-Kiosk-Device": secret}


# Loaded from the document itself rather than through a fixture: schemathesis' fixture loader reaches
# into a pytest private attribute that pytest 9 removed. test_openapi.py checks the served document
# is this one.
schema = schemathesis.openapi.from_dict(document())
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture],
)


@schema.parametrize()
@FUZZ_SETTINGS
def test_every_answer_is_documented_and_none_is_a_server_error(case, api, api_key):
    """As the internet sees the API: a key only where the document says one is required."""
    case.call_and_validate(app=api, headers=api_key if _key_required(case) else None, checks=CHECKS)


@schema.include(operation_id=["getDossierStatus", "verifyDossier", "createRating", "createComplaint"]).parametrize()
@FUZZ_SETTINGS
def test_the_assistants_calls_are_documented_and_none_is_a_server_error(case, api, api_key):
    """As the action server calls: with its key, which counts limits per conversation and opens ratings
    and complaints about the dossier it verified."""
    case.call_and_validate(app=api, headers=api_key, checks=CHECKS)


@schema.include(operation_id="createRating").parametrize()
@FUZZ_SETTINGS
def test_kiosk_ratings_are_documented_and_none_is_a_server_error(case, api, kiosk_device):
    """As an enrolled counter kiosk posts ratings: with its device credential."""
    case.call_and_validate(app=api, headers=kiosk_device, checks=CHECKS)


def _key_required(case) -> bool:
    security = document()["paths"][case.operation.path][case.operation.method.lower()]["security"]
    return bool(security) and {} not in security
