"""GET /api/v1/openapi.json: the OpenAPI 3.1 description of this API, assembled from the operations
(``openapi_paths``) and the shapes they send and accept (``openapi_schemas``).

For the province's integrators (one document to generate a client from) and for the tests that hold
the code to it: tests/kiosk/test_openapi.py checks that every route under /api/v1 is described with
its methods, and nothing else is; tests/kiosk/test_api_fuzz.py runs schemathesis over it.
"""

from __future__ import annotations

from flask import jsonify

from kiosk.api import bp
from kiosk.api.openapi_paths import PATHS
from kiosk.api.openapi_schemas import SCHEMAS, ref

_ERRORS = {
    400: "Bad input (not a JSON object, a missing or malformed field or parameter).",
    401: "No credentials, or an unknown or revoked API key.",
    403: "The credentials do not allow this (role, unit, scope, signed token).",
    404: "No such dossier, procedure, unit, counter or officer.",
    409: "Already done (a dossier rated once).",
    413: "Too large (a photo over 5 MB or 4,000 px a side).",
    415: "Not an accepted media type (a photo must be sent as image/*).",
    422: "Well-formed but not acceptable (a value outside its list, a date out of range).",
    429: "Too many requests: wait `retry_after` seconds (also in the Retry-After header when sent).",
    503: "Busy: send the same request again.",
}

SECURITY_SCHEMES = {
    "apiKey": {
        "type": "http",
        "scheme": "bearer",
        "description": "An API key (`Authorization: Bearer <key>`) made with `flask --app server create-api-key`; "
        "limited to a unit and its scopes.",
    },
    "kioskDevice": {
        "type": "apiKey",
        "in": "header",
        "name": "X-Kiosk-Device",
        "description": "The credential of an enrolled counter kiosk (`flask --app server counters enroll UNIT "
        "COUNTER`); revocable. Kiosk ratings are credited to that counter and the officer on duty there.",
    },
    "staffSession": {
        "type": "apiKey",
        "in": "cookie",
        "name": "session",
        "description": "A signed-in manager's session, for reading only (JSON writes refuse cookies).",
    },
}


def document() -> dict:
    """The whole document, with a tag for every area an operation names."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Một Cửa API",
            "version": "1",
            "description": (
                "Dossier status and intake, the procedure catalogue, ratings, complaints and reports of a "
                "public-service centre. Every error is JSON with a machine `error` code and a Vietnamese "
                "`message`; times are local (Asia/Ho_Chi_Minh) ISO 8601 without an offset."
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "tags": _tags(),
        "paths": PATHS,
        "components": {
            "schemas": SCHEMAS,
            "responses": {str(status): _error_response(text) for status, text in _ERRORS.items()},
            "securitySchemes": SECURITY_SCHEMES,
        },
    }


@bp.get("/openapi.json")
def openapi_document():
    return jsonify(document())


def _tags() -> list[dict]:
    names = {tag for item in PATHS.values() for operation in item.values() for tag in operation["tags"]}
    return [{"name": name} for name in sorted(names)]


def _error_response(text: str) -> dict:
    return {"description": text, "content": {"application/json": {"schema": ref("Error")}}}
