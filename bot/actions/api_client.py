"""The one client of the Một Cửa JSON API used by every action.

Errors become ``ApiUnavailable`` (network, 5xx) or ``ApiError`` (4xx with the API's Vietnamese
message), so actions can answer politely instead of showing a stack trace.
"""

from __future__ import annotations

import os
from typing import Any

import requests

DEFAULT_BASE_URL = "http://localhost:5000"
TIMEOUT_SECONDS = 5.0


class ApiUnavailable(Exception):
    """The app could not be reached or failed (network error, timeout, 5xx)."""


class ApiError(Exception):
    """The app refused the request (4xx); ``message`` is Vietnamese and safe to show."""

    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status, self.error, self.message = status, error, message


class MotCuaAPI:
    """Thin wrapper over ``/api/v1`` and ``/healthz``."""

    def __init__(self, base_url: str | None = None, session: requests.Session | None = None) -> None:
        self.base_url = (base_url or os.environ.get("MOTCUA_API_URL") or DEFAULT_BASE_URL).rstrip("/")
        self.http = session or requests.Session()

    def health(self) -> dict[str, Any]:
        """The app's /healthz answer (raises ApiUnavailable when the app or its database is down)."""
        return self._request("GET", "/healthz")

    def unit(self, code: str) -> dict[str, Any]:
        """A unit's public details: name, address, hotline, opening hours."""
        return self._request("GET", f"/api/v1/units/{code}")

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            response = self.http.request(method, self.base_url + path, timeout=TIMEOUT_SECONDS, **kwargs)
        except requests.RequestException as exc:
            raise ApiUnavailable(str(exc)) from exc
        if response.status_code >= 500:
            raise ApiUnavailable(f"{response.status_code} from {path}")
        try:
            body = response.json()
        except ValueError as exc:
            raise ApiUnavailable(f"non-JSON answer from {path}") from exc
        if response.status_code >= 400:
            raise ApiError(response.status_code, body.get("error", "error"), body.get("message", ""))
        return body


def default_unit_code() -> str:
    """The centre this assistant speaks for (``MOTCUA_UNIT``)."""
    return os.environ.get("MOTCUA_UNIT", "000.00.00.H62")
