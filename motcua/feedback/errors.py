"""The one error of the feedback area, in the domain's family (``motcua.errors``)."""

from __future__ import annotations

from motcua.errors import DomainError

# The kind each status the feedback code raises with stands for.
_KINDS = {403: "forbidden", 404: "not_found", 409: "conflict", 422: "invalid", 503: "unavailable"}


class RatingError(DomainError):
    """A rating or complaint that cannot be stored: machine code and a Vietnamese message. Raised with
    the HTTP status it answers (``RatingError(403, "device_required", "…")``); the status gives the
    error's ``kind`` and stays readable as ``status``."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message, code=code)
        self.status = status
        self.kind = _KINDS.get(status, "invalid")
