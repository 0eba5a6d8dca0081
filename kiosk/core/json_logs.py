"""Request ids and structured logs: one JSON object per line, each carrying the id nginx gave the request.

nginx makes an id per request (``$request_id``), sends it as ``X-Request-Id`` and writes it in its access log;
the app keeps it (or makes one when called directly), returns it in the response and puts it on every log
line written while serving the request, so one citizen's complaint ("it failed at 10:02") leads from the
proxy's log to the app's lines. ``LOG_FORMAT=json`` (production, ``deploy/env/motcua.env``) switches the
format; plain text otherwise (``make run``). An id that is not short and plain is replaced: a client must
not be able to write into the logs through it.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid

from flask import Flask, g, has_request_context, request

from motcua.privacy.scrub import scrub

HEADER = "X-Request-Id"
_PLAIN_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
access_log = logging.getLogger("motcua.access")


class JsonFormatter(logging.Formatter):
    """A record as one JSON line: time, level, logger, message, request id and the record's extras; dossier
    codes, phone numbers, identity numbers and e-mail addresses in the text become placeholders
    (``motcua.privacy.scrub``): a path such as ``/ho-so/<code>/bien-nhan`` names a citizen's file."""

    _STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": scrub(record.getMessage()),
        }
        if has_request_context() and "request_id" in g:
            line["request_id"] = g.request_id
        extras = {key: value for key, value in vars(record).items() if key not in self._STANDARD}
        line.update({key: scrub(value) if isinstance(value, str) else value for key, value in extras.items()})
        if record.exc_info:
            line["exc"] = scrub(self.formatException(record.exc_info))
        return json.dumps(line, ensure_ascii=False, default=str)


def request_id() -> str:
    """The id of the request being served."""
    return g.get("request_id", "")


def init_app(app: Flask) -> None:
    if str(app.config.get("LOG_FORMAT", "")).lower() == "json":
        root = logging.getLogger()
        if not any(isinstance(handler.formatter, JsonFormatter) for handler in root.handlers):
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(JsonFormatter())
            root.addHandler(handler)
        root.setLevel(logging.INFO)
        app.logger.handlers.clear()  # Flask's own handler would print each line a second time
        access_log.disabled = False
    else:
        access_log.disabled = True  # gunicorn's --access-logfile does it in text

    @app.before_request
    def _take_request_id() -> None:
        g.request_id_started = time.perf_counter()
        presented = request.headers.get(HEADER, "")
        g.request_id = presented if _PLAIN_ID.fullmatch(presented) else uuid.uuid4().hex

    @app.after_request
    def _give_request_id(response):
        response.headers[HEADER] = request_id()
        started = g.get("request_id_started")
        access_log.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "endpoint": request.endpoint or "",
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2) if started else None,
                "client": request.remote_addr,
            },
        )
        return response
