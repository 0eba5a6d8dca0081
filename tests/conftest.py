"""Shared fixtures: a real database (SQLite file, or PostgreSQL in a fresh schema when
TEST_DATABASE_URL is set), the app, its test client and CLI runner, a live server and Chromium."""

from __future__ import annotations

import os
import secrets
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from werkzeug.serving import make_server

from motcua.db import make_engine, make_session_factory
from motcua.models import Base
from server import create_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# A test using any of these drives Chromium: it gets the ``browser`` marker without writing it, so
# ``-m "not browser"`` really skips every Chromium test.
BROWSER_FIXTURES = {"browser", "page", "chromium_path"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> Iterator[str]:
    """SQLite in a temporary file, or a fresh PostgreSQL schema dropped at the end of the run."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
        return
    schema = f"test_{os.getpid()}_{secrets.token_hex(4)}"
    admin = make_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


# Past this many dossiers, PostgreSQL empties the tables with TRUNCATE: a DELETE checks every row's foreign
# keys, with plans a pooled connection prepared while the tables were small (sequential scans), and after
# the 10 000 dossiers of seed 004 that once ran for over an hour in CI. A TRUNCATE costs ~60 ms, a DELETE of
# a few rows ~4: most tests keep the DELETE.
_TRUNCATE_FROM = 1000


@pytest.fixture(autouse=True)
def _clean_tables(request) -> Iterator[None]:
    """Every test starts from empty tables (only when it used the database)."""
    yield
    if "engine" in request.fixturenames:
        _empty_tables(request.getfixturevalue("engine"))


def _empty_tables(engine: Engine) -> None:
    tables = list(reversed(Base.metadata.sorted_tables))
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            many = conn.scalar(text(f"SELECT count(*) FROM (SELECT 1 FROM dossiers LIMIT {_TRUNCATE_FROM + 1}) AS d"))
        if many > _TRUNCATE_FROM:
            try:
                with engine.begin() as conn:
                    # A connection a test left in a transaction would make TRUNCATE wait for ever: give up
                    # after a few seconds and DELETE, which waits only for rows really locked.
                    conn.execute(text("SET LOCAL lock_timeout = '5s'"))
                    names = ", ".join(f'"{table.name}"' for table in tables)
                    conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
                return
            except OperationalError:
                pass
    with engine.begin() as conn:
        for table in tables:
            conn.execute(table.delete())


@pytest.fixture
def app(engine: Engine, database_url: str):
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "DATABASE_URL": database_url,
            "DATABASE_ENGINE": engine,
            "WTF_CSRF_ENABLED": False,
            "DEFAULT_UNIT": "000.00.00.H62",
        }
    )


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    """A session on the test database, made from the engine alone (a domain test needs no Flask app);
    commit to make rows visible to the app."""
    session = make_session_factory(engine)()
    yield session
    session.close()


@pytest.fixture
def live_server(app) -> Iterator[str]:
    """The app served on a free loopback port in a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium: a test needing it is skipped on a machine without it, but fails in CI, where
    .ci/run installs it, so a missing install step cannot pass unnoticed."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI: .ci/run must apt-get install chromium")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path):
    """Debian's headless Chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


# The password the app tests give their staff accounts unless a test is about the password itself.
PASSWORD = "mat-khau-dai"


@pytest.fixture
def auth(request):
    """Sign a test client in as a given user through the real login form, and get the form's response (302
    when signed in): ``auth("quanly")`` signs the test's ``client`` in with ``PASSWORD``;
    ``auth("canbo", "mat-khau-thu", client=other, query="?next=/quan-ly/", address="10.0.0.7")`` another
    password, client, login URL query or client address. Chromium tests sign in with
    ``tests/kiosk/browser_helpers.sign_in_as``."""

    def sign_in(username: str, password: str = PASSWORD, *, client=None, query: str = "", address: str | None = None):
        client = client if client is not None else request.getfixturevalue("client")
        environ = {"environ_base": {"REMOTE_ADDR": address}} if address else {}
        return client.post(f"/auth/login{query}", data={"username": username, "password": password}, **environ)

    return sign_in


@pytest.fixture
def key_headers(db):
    """A new API key's ``Authorization`` header: ``key_headers("000.00.12.H62", "intake,reports")``."""
    from motcua.apikeys import create_api_key

    made = []

    def _key_headers(unit_code: str, scopes: str = "intake,reports,assistant") -> dict:
        made.append(unit_code)
        key = create_api_key(db, f"khoa-{len(made)}-{unit_code}", unit_code, scopes)
        db.commit()
        return {"Authorization": f"Bearer {key}"}

    return _key_headers
