"""The one error family of the domain: what went wrong, said once, for the pages, the API and the CLI.

Every domain error inherits ``DomainError`` (itself a ``ValueError``, so older ``except ValueError``
still holds) and says:

- its **kind**, by subclassing ``Invalid`` (the input cannot be used), ``NotFound``, ``Forbidden``,
  ``Conflict`` (it clashes with what is stored) or ``Unavailable`` (a service it needs is down);
- a **Vietnamese message**, shown to the citizen or officer as is;
- a machine **code** (``exc.code``; the kind's name unless the raiser gives a finer one);
- the **field** it is about, when one input is at fault.

The web layer turns a kind into an HTTP status in one place (``kiosk.core.errors``), the CLI into a
message and exit status 1 in one place (``kiosk.cli``); this module knows nothing of either.
"""

from __future__ import annotations


class DomainError(ValueError):
    """A domain rule refused something; see the module's docstring."""

    kind = "invalid"

    def __init__(self, message: str, field: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code or self.kind


class Invalid(DomainError):
    """The input cannot be used (a missing field, a bad value)."""

    kind = "invalid"


class NotFound(DomainError):
    """What the input names does not exist (or may not be shown to this caller)."""

    kind = "not_found"


class Forbidden(DomainError):
    """The caller may not do this."""

    kind = "forbidden"


class Conflict(DomainError):
    """It clashes with what is already stored."""

    kind = "conflict"


class Unavailable(DomainError):
    """A service it needs does not answer now; trying again later may work."""

    kind = "unavailable"


KINDS = {cls.kind: cls for cls in (Invalid, NotFound, Forbidden, Conflict, Unavailable)}
