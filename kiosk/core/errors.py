"""Errors: JSON with a Vietnamese ``message`` and a machine ``error`` code on /api/*, a short page with
the same message elsewhere; never a traceback and never werkzeug's English page.

Three sources, one answer: ``ApiError`` (raised by the web layer with its status), a domain error
(``motcua.errors.DomainError``, whose kind gives the status here and only here: ``STATUS``), and
werkzeug's HTTP errors. A view catches a domain error itself only to answer differently (a form shown
again with the message)."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from motcua.errors import DomainError

log = logging.getLogger(__name__)

# Vietnamese wording of the generic HTTP errors; specific errors raise ApiError with their own text.
_MESSAGES = {
    400: ("bad_request", "Yêu cầu không hợp lệ."),
    401: ("unauthorized", "Cần đăng nhập hoặc khóa API hợp lệ."),
    403: ("forbidden", "Bạn không có quyền thực hiện thao tác này."),
    404: ("not_found", "Không tìm thấy địa chỉ được yêu cầu."),
    405: ("method_not_allowed", "Phương thức không được hỗ trợ cho địa chỉ này."),
    409: ("conflict", "Dữ liệu xung đột với bản đã lưu."),
    413: ("too_large", "Dữ liệu gửi lên quá lớn."),
    415: ("unsupported_media_type", "Dữ liệu phải ở dạng JSON."),
    422: ("unprocessable", "Dữ liệu không hợp lệ."),
    429: ("too_many_requests", "Bạn đã thử quá nhiều lần. Vui lòng đợi một lát rồi thử lại."),
    500: ("internal_error", "Hệ thống đang gặp sự cố. Vui lòng thử lại sau."),
}


# The HTTP status of each kind of domain error (motcua.errors).
STATUS = {"invalid": 422, "not_found": 404, "forbidden": 403, "conflict": 409, "unavailable": 503}


class ApiError(Exception):
    """An error answered as JSON: ``raise ApiError(404, "dossier_not_found", "Không tìm thấy hồ sơ.")``."""

    def __init__(self, status: int, error: str, message: str, **extra) -> None:
        super().__init__(message)
        self.status, self.error, self.message, self.extra = status, error, message, extra

    @classmethod
    def from_domain(cls, exc: DomainError, error: str | None = None, status: int | None = None) -> ApiError:
        """The answer to a domain error: its kind's status, its code, its message and its field."""
        extra = {"field": exc.field} if exc.field else {}
        return cls(status or STATUS.get(exc.kind, 422), error or exc.code, exc.message, **extra)


def init_app(app: Flask) -> None:
    app.before_request(refuse_nul)
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(DomainError, _domain_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)


def refuse_nul() -> None:
    """A 400 for a request carrying NUL (0x00) in its path, query, headers, form or JSON body: no
    keyboard types it, and PostgreSQL text cannot hold it, so it would otherwise reach a query as a 500."""
    texts = [request.path, *(value for _, value in request.args.items(multi=True)), *request.headers.values()]
    body = request.get_data() if request.is_json else b""
    if not request.is_json and request.method in ("POST", "PUT", "PATCH"):
        texts.extend(value for _, value in request.form.items(multi=True))
    if b"\\u0000" in body or b"\x00" in body or any("\x00" in text for text in texts):
        raise ApiError(400, "invalid_characters", "Yêu cầu có ký tự không hợp lệ (NUL), vui lòng gõ lại.")


def json_error(status: int, error: str | None = None, message: str | None = None, **extra):
    default_error, default_message = _MESSAGES.get(status, ("error", "Đã có lỗi xảy ra."))
    body = {"error": error or default_error, "message": message or default_message, **extra}
    return jsonify(body), status


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def _api_error(exc: ApiError):
    if _wants_json():
        return json_error(exc.status, exc.error, exc.message, **exc.extra)
    return _page(exc.status, exc.message)


def _domain_error(exc: DomainError):
    """A domain error no view caught: answered by its kind, like any other error of the request."""
    return _api_error(ApiError.from_domain(exc))


def _http_error(exc: HTTPException):
    if _wants_json():
        return json_error(exc.code or 500)
    if exc.response is not None or exc.code is None or exc.code < 400:
        return exc  # a view's own page (abort(make_response(...))) or a redirect
    return _page(exc.code, _MESSAGES.get(exc.code, ("error", "Đã có lỗi xảy ra."))[1], exc)


def _page(status: int, message: str, exc: HTTPException | None = None):
    headers = exc.get_headers() if exc is not None else []
    headers = [(name, value) for name, value in headers if name.lower() != "content-type"]
    title = "Không tìm thấy trang" if status == 404 else "Không thực hiện được yêu cầu"
    return render_template("errors/error.html", title=title, message=message), status, headers


def _unexpected_error(exc: Exception):
    log.exception("unhandled error on %s %s", request.method, request.path)
    if _wants_json():
        return json_error(500)
    return "<h1>Hệ thống đang gặp sự cố</h1><p>Vui lòng thử lại sau.</p>", 500
