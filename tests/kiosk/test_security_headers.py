"""Security headers on every response, and pages that work under a CSP without 'unsafe-inline'."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.core.auth import hash_password
from motcua.accounts import create_user
from motcua.clock import now_local
from motcua.feedback.tokens import make_rating_token
from motcua.units import save_unit
from tests.factories import DOSSIER_CODE, UNIT, make_centre, make_dossier

TEMPLATES = Path(__file__).resolve().parents[2] / "kiosk" / "templates"


def _policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response.headers["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("path", ["/", "/thu-tuc", "/tra-cuu", "/auth/login", "/api/v1/units/KHONG", "/healthz"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    policy = _policy(response)
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]


def test_the_chat_widget_may_reach_the_configured_rasa_server_and_nothing_else(app):
    app.config["RASA_URL"] = "https://bot.motcua.example:5005/"
    connect = _policy(app.test_client().get("/"))["connect-src"]
    assert connect == ["'self'", "https://bot.motcua.example:5005", "wss://bot.motcua.example:5005"]


def test_hsts_only_when_the_public_address_is_https(app):
    assert "Strict-Transport-Security" not in app.test_client().get("/").headers
    app.config["PUBLIC_BASE_URL"] = "https://motcua.example.gov.vn"
    assert app.test_client().get("/").headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_each_page_gets_a_fresh_nonce_that_its_own_inline_blocks_carry(client, db, auth):
    make_centre(db)
    make_dossier(db)
    create_user(db, "quantri", hash_password("mat-khau-thu"), "admin")
    db.commit()
    auth("quantri", "mat-khau-thu")
    first = client.get(f"/ho-so/{DOSSIER_CODE}/bien-nhan")
    second = client.get(f"/ho-so/{DOSSIER_CODE}/bien-nhan")
    nonce = re.search(r"'nonce-([^']+)'", first.headers["Content-Security-Policy"]).group(1)
    assert nonce not in second.headers["Content-Security-Policy"]
    assert f'<style nonce="{nonce}">' in first.get_data(as_text=True)


def test_no_template_has_inline_handlers_style_attributes_or_unnonced_inline_code():
    offenders = []
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for pattern in (
            r"\son[a-z]+\s*=",  # onclick=, onchange=, ...
            r"\sstyle\s*=",
            r"<script(?![^>]*\ssrc=)(?![^>]*type=\"application/json\")(?![^>]*nonce=)[^>]*>",
            r"<style(?![^>]*nonce=)[^>]*>",
        ):
            offenders += [f"{template.relative_to(TEMPLATES)}: {m.group(0)}" for m in re.finditer(pattern, text)]
    assert offenders == []


@pytest.mark.browser
def test_pages_load_in_chromium_without_a_single_csp_violation(live_server, page, db, app):
    make_centre(db)
    make_dossier(db)
    save_unit(db, "000.00.99.H62", "UBND xã Dưới", "xa", UNIT)  # the report then lists units, indented
    create_user(db, "quantri", hash_password("mat-khau-thu"), "admin")
    db.commit()
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " (e) => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile));"
    )
    violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))

    def visit(path: str) -> None:
        page.goto(f"{live_server}{path}")
        page.wait_for_load_state("load")
        violations.extend(f"{path}: {v}" for v in page.evaluate("window.__csp"))

    for path in ("/", "/thu-tuc", "/tra-cuu", "/auth/login"):
        visit(path)
    page.fill("input[name=username]", "quantri")
    page.fill("input[name=password]", "mat-khau-thu")
    page.click("button[type=submit]")
    page.wait_for_load_state("load")
    token = make_rating_token(app.config["SECRET_KEY"], DOSSIER_CODE, now_local())
    for path in (
        "/quan-ly/",
        f"/ho-so/{DOSSIER_CODE}/bien-nhan",
        "/quay/tiep-nhan",
        f"/quan-ly/bao-cao?unit={UNIT}&kind=month&year=2026&number=4",
        f"/quan-ly/danh-gia?unit={UNIT}",
        f"/quan-ly/quay?unit={UNIT}",
        "/quan-ly/tai-khoan",
        f"/r/{token}",
        f"/kiosk/{UNIT}/Q1",
    ):
        visit(path)
    assert violations == []
    # The live table still refreshes itself (its script moved out of the page).
    with page.expect_response(lambda response: "/danh-gia/bang" in response.url, timeout=10000):
        page.goto(f"{live_server}/quan-ly/danh-gia?unit={UNIT}&refresh=1")
