"""Every response carries the request id nginx made, and with LOG_FORMAT=json each request is one JSON log
line with that id (kiosk/json_logs.py)."""

import json
import logging

from kiosk.core.json_logs import JsonFormatter
from server import create_app


def json_app(engine, database_url):
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "k",
            "DATABASE_URL": database_url,
            "DATABASE_ENGINE": engine,
            "LOG_FORMAT": "json",
        }
    )


def test_the_request_id_from_nginx_comes_back_and_is_on_the_json_access_line(engine, database_url, caplog):
    app = json_app(engine, database_url)
    with caplog.at_level(logging.INFO, logger="motcua.access"):
        response = app.test_client().get("/healthz", headers={"X-Request-Id": "6e7e3522cd17ac5bfbbb5e9d65cc1d7a"})
    assert response.headers["X-Request-Id"] == "6e7e3522cd17ac5bfbbb5e9d65cc1d7a"
    record = next(record for record in caplog.records if record.name == "motcua.access")
    with app.test_request_context(headers={"X-Request-Id": "x"}):
        app.preprocess_request()
        line = json.loads(JsonFormatter().format(record))
    assert line["path"] == "/healthz" and line["status"] == 200 and line["level"] == "info"
    assert line["request_id"] == "x"  # the formatter takes the id of the request being served


def test_an_id_a_client_could_write_into_the_logs_with_is_replaced(engine, database_url):
    app = json_app(engine, database_url)
    for forged in ('a", "level": "error', "x" * 200):
        response = app.test_client().get("/healthz", headers={"X-Request-Id": forged})
        assert len(response.headers["X-Request-Id"]) == 32 and response.headers["X-Request-Id"].isalnum()
    assert app.test_client().get("/healthz").headers["X-Request-Id"]  # called directly: made here


def test_the_access_line_and_messages_carry_no_dossier_code_or_phone(engine, database_url, caplog):
    """A dossier code in a path (a receipt, the API) or a phone number in a message names a citizen's
    file: the JSON log keeps a placeholder instead."""
    app = json_app(engine, database_url)
    with caplog.at_level(logging.INFO, logger="motcua.access"):
        app.test_client().get("/api/v1/dossiers/000.00.12.H62-260302-0001")
    record = next(record for record in caplog.records if record.name == "motcua.access")
    message = logging.makeLogRecord({"msg": "follow by %s for %s", "args": ("0912345678", "000.00.12.H62-260302-0001")})
    with app.test_request_context():
        lines = [JsonFormatter().format(record), JsonFormatter().format(message)]
    assert "260302-0001" not in "".join(lines) and "0912345678" not in "".join(lines)
    assert json.loads(lines[0])["path"].startswith("/api/v1/dossiers/")
