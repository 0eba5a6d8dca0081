"""The one error of the feedback area: what went wrong, as HTTP status, machine code and Vietnamese text."""

from __future__ import annotations


class RatingError(ValueError):
    """A rating that cannot be stored: HTTP status, machine code and a Vietnamese message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
