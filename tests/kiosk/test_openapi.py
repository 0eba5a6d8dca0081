"""/api/v1/openapi.json: a valid OpenAPI 3.1 document that describes every route of the API with its
methods, and nothing the API does not have, so an integrator's generated client never calls a ghost."""

import re

import pytest
import schemathesis

from kiosk.api.openapi import document

API = "/api/v1"
IGNORED_METHODS = {"HEAD", "OPTIONS"}


def routes(app) -> set[tuple[str, str]]:
    """(method, OpenAPI path template) of every rule the app serves under /api/v1."""
    found = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(f"{API}/"):
            continue
        template = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule.removeprefix(API))
        found.update((method.lower(), template) for method in rule.methods - IGNORED_METHODS)
    return found


def described(doc: dict) -> set[tuple[str, str]]:
    return {(method, path) for path, item in doc["paths"].items() for method in item if method != "parameters"}


def test_the_document_is_served_as_json_and_is_valid_openapi_3_1(client):
    response = client.get(f"{API}/openapi.json")

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    doc = response.get_json()
    assert doc["openapi"].startswith("3.1")
    assert doc["servers"] == [{"url": API}]
    assert doc == document(), "the fuzz test reads document(): it must be what is served"
    schemathesis.openapi.from_dict(doc).validate()


def test_every_api_route_is_described_with_its_methods_and_nothing_else(app):
    served, doc = routes(app), described(document())

    assert not served - doc, f"routes missing from kiosk/api/openapi_paths.py: {sorted(served - doc)}"
    assert not doc - served, f"described but not served: {sorted(doc - served)}"


def test_a_route_added_without_a_description_is_caught(app):
    """The check above can fail: a new rule under /api/v1 shows up as missing."""
    app.add_url_rule(f"{API}/ghosts/<int:ghost_id>", "ghost", lambda ghost_id: "", methods=["DELETE"])

    assert ("delete", "/ghosts/{ghost_id}") in routes(app) - described(document())


def test_every_reference_in_the_document_resolves():
    doc = document()
    text = repr(doc)
    for name in set(re.findall(r"#/components/(\w+)/(\w+)", text)):
        assert name[1] in doc["components"][name[0]], f"dangling $ref #/components/{name[0]}/{name[1]}"


@pytest.mark.parametrize(("method", "path"), sorted(described(document())))
def test_the_security_stated_for_each_operation_is_what_the_api_enforces(client, method, path):
    """An operation marked public answers without credentials; one that needs a key gives 401 without."""
    operation = document()["paths"][path][method]
    url = API + re.sub(r"\{(\w+)\}", lambda m: _example(operation, m.group(1)), path)
    response = client.open(url, method=method.upper(), json={} if method in ("post", "put") else None)

    needs_credentials = operation["security"] and {} not in operation["security"]
    assert (response.status_code == 401) == bool(needs_credentials), (response.status_code, response.get_json())
    if needs_credentials:
        assert "401" in operation["responses"]


def _example(operation: dict, name: str) -> str:
    return next(p["example"] for p in operation["parameters"] if p["name"] == name)
