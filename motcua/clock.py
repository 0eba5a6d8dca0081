"""Time as the centres count it: Vietnam local time (UTC+7, no daylight saving).

Timestamps are stored as naive local datetimes, so that "received on 15/4", "due on 20/4" and the
after-15:00 rule read the same in SQL on SQLite and PostgreSQL. Anything arriving with an offset is
converted on entry with ``to_local``.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7), "ICT")


def now_local() -> datetime:
    """The current Vietnam local time, naive (the stored form)."""
    return datetime.now(VN_TZ).replace(tzinfo=None, microsecond=0)


def to_local(moment: datetime) -> datetime:
    """Convert an aware datetime to naive Vietnam local time; a naive one is taken as local already.
    ``ValueError`` when the conversion leaves the calendar ('0001-01-01T00:00+14:00')."""
    if moment.tzinfo is None:
        return moment
    try:
        return moment.astimezone(VN_TZ).replace(tzinfo=None)
    except OverflowError as exc:
        raise ValueError(f"{moment.isoformat()} is outside the calendar in Vietnam time") from exc


def parse_iso(text: str) -> datetime:
    """Parse ISO 8601 (``2026-04-15T08:30:00+07:00``, ``...Z``, or a plain date) into stored form."""
    text = text.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    return to_local(datetime.fromisoformat(text))
