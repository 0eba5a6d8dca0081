from datetime import date, datetime

import pytest

from motcua.dossiers.timeliness import is_overdue, timeliness

DUE = datetime(2026, 4, 20, 17, 0)


@pytest.mark.parametrize(
    ("resolved_at", "expected"),
    [
        (datetime(2026, 4, 19, 23, 59), "truoc_han"),
        (datetime(2026, 4, 20, 0, 1), "dung_han"),
        (datetime(2026, 4, 20, 22, 0), "dung_han"),
        (datetime(2026, 4, 21, 7, 30), "qua_han"),
        (None, None),
    ],
)
def test_timeliness_compares_local_calendar_dates_not_hours(resolved_at, expected):
    assert timeliness(DUE, resolved_at) == expected


def test_pending_dossier_is_overdue_only_after_its_due_date():
    assert not is_overdue(DUE, None, date(2026, 4, 20))
    assert is_overdue(DUE, None, date(2026, 4, 21))


def test_resolved_dossier_is_late_only_if_resolved_after_the_due_date():
    assert not is_overdue(DUE, datetime(2026, 4, 20, 23), date(2026, 6, 1))
    assert is_overdue(DUE, datetime(2026, 4, 21, 8), date(2026, 6, 1))


def test_without_due_date_nothing_is_late():
    assert timeliness(None, datetime(2026, 4, 21)) is None
    assert not is_overdue(None, None, date(2030, 1, 1))
