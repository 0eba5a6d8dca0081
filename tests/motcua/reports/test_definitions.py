"""The report's definitions at their edges: calendar-date timeliness, overdue on the reference day,
state at the period's end from history, returned counted once, the QĐ 766 ratio."""

from datetime import date, datetime, timedelta

import pytest

from motcua.dossiers import states
from motcua.feedback.models import Complaint
from motcua.reports import build_summary
from motcua.reports.period import Period, month, quarter, year
from motcua.units import save_unit
from tests.factories import DossierSet

APRIL = month(2021, 4)
t = datetime


@pytest.fixture
def centre(db):
    return save_unit(db, "C1", "Trung tâm thử", "tinh")


@pytest.fixture
def build(db):
    dossiers = DossierSet(db)
    dossiers.procedure("1.1", "Tư pháp", online=False)
    return dossiers


def report(db, unit, today=date(2021, 5, 15)):
    return build_summary(db, unit, APRIL, today=today).to_dict()


def test_timeliness_compares_calendar_dates_not_hours(db, centre, build):
    due = t(2021, 4, 10, 8)
    build.add(1, unit=centre, procedure=1, received=t(2021, 4, 1), due=due, resolved=t(2021, 4, 9, 23, 59))
    build.add(2, unit=centre, procedure=1, received=t(2021, 4, 1), due=due, resolved=t(2021, 4, 10, 17))
    build.add(4, unit=centre, procedure=1, received=t(2021, 4, 1), due=due, resolved=t(2021, 4, 11, 0, 1))
    build.save()

    resolved = report(db, centre)["resolved"]

    assert (resolved["early"], resolved["on_time"], resolved["late"]) == (1, 2, 4)
    assert resolved["early_pct"] + resolved["on_time_pct"] + resolved["late_pct"] == pytest.approx(100)


@pytest.mark.parametrize(
    ("today", "overdue"),
    [(date(2021, 4, 10), 0), (date(2021, 4, 11), 1), (date(2021, 6, 1), 1)],
)
def test_pending_is_overdue_once_the_reference_day_is_past_its_due_date(db, centre, build, today, overdue):
    build.add(1, unit=centre, procedure=1, received=t(2021, 4, 1), due=t(2021, 4, 10, 17))
    build.save()

    pending = report(db, centre, today)["pending"]

    assert (pending["overdue"], pending["not_due"]) == (overdue, 1 - overdue)


def test_awaiting_supplement_is_never_overdue(db, centre, build):
    asked = ((states.SUPPLEMENT, t(2021, 4, 5)),)
    build.add(3, unit=centre, procedure=1, received=t(2021, 4, 1), due=t(2021, 4, 10), events=asked, state=5)
    build.add(2, unit=centre, procedure=1, received=t(2021, 4, 1), due=t(2021, 4, 10), state=states.FINANCIAL)
    build.save()

    assert report(db, centre)["pending"] == {"not_due": 0, "overdue": 0, "awaiting_supplement": 5, "total": 5}


def test_state_at_the_end_of_the_period_comes_from_history(db, centre, build):
    # Sent back on 20/4, documents brought on 3/5: awaiting at the end of April, processing now.
    events = ((states.SUPPLEMENT, t(2021, 4, 20)), (states.PROCESSING, t(2021, 5, 3)))
    build.add(1, unit=centre, procedure=1, received=t(2021, 4, 1), due=t(2021, 5, 20), events=events, state=4)
    # Processing at the end of April, sent back on 3/5.
    later = ((states.SUPPLEMENT, t(2021, 5, 3)),)
    build.add(1, unit=centre, procedure=1, received=t(2021, 4, 1), due=t(2021, 5, 20), events=later, state=5)
    build.save()

    figures = report(db, centre)

    assert figures["pending"]["awaiting_supplement"] == 1
    assert figures["pending"]["not_due"] == 1
    # Sent back in April but still in the process at its end: pending, not returned.
    assert figures["returned"] == 0
    assert figures["supplement_requests"] == 1


def test_a_dossier_sent_back_then_resolved_is_resolved_and_a_supplement_request(db, centre, build):
    events = ((states.SUPPLEMENT, t(2021, 4, 3)), (states.PROCESSING, t(2021, 4, 6)))
    build.add(
        1, unit=centre, procedure=1, received=t(2021, 4, 1), due=t(2021, 4, 20), resolved=t(2021, 4, 8), events=events
    )
    # Sent back twice in the month and then withdrawn: one returned dossier.
    twice = (
        (states.SUPPLEMENT, t(2021, 4, 3)),
        (states.PROCESSING, t(2021, 4, 6)),
        (states.SUPPLEMENT, t(2021, 4, 9)),
        (states.WITHDRAWN, t(2021, 4, 12)),
    )
    build.add(1, unit=centre, procedure=1, received=t(2021, 4, 1), due=t(2021, 4, 20), events=twice, state=7)
    build.save()

    figures = report(db, centre)

    # Only the withdrawn one left the process without a result; both were sent back in the month.
    assert figures["returned"] == 1
    assert figures["supplement_requests"] == 2
    assert figures["resolved"]["total"] == 1


def test_returned_counts_only_dossiers_that_left_the_process(db, centre, build):
    april = {"unit": centre, "procedure": 1, "received": t(2021, 4, 1)}
    build.add(3, **april, state=states.REJECTED, state_at=t(2021, 4, 2))
    build.add(2, **april, events=((states.SUPPLEMENT, t(2021, 4, 5)),), state=states.WITHDRAWN, state_at=t(2021, 4, 9))
    build.add(1, **april, state=states.STOPPED, state_at=t(2021, 4, 30, 23, 59))
    # Still waiting for documents or fees at the end of April: pending, awaiting supplement.
    build.add(4, **april, events=((states.SUPPLEMENT, t(2021, 4, 5)),), state=states.SUPPLEMENT)
    build.add(5, **april, events=((states.FINANCIAL, t(2021, 4, 5)),), state=states.FINANCIAL)
    # Closed in May: pending at the end of April.
    build.add(6, **april, state=states.WITHDRAWN, state_at=t(2021, 5, 1))
    build.save()

    figures = report(db, centre)

    assert figures["returned"] == 6
    assert figures["supplement_requests"] == 6
    assert figures["pending"]["awaiting_supplement"] == 9
    assert figures["pending"]["total"] == 15
    assert figures["received"]["total"] == figures["resolved"]["total"] + figures["pending"]["total"] + 6


def test_a_result_then_a_withdrawal_is_resolved_not_returned(db, centre, build):
    build.add(
        1,
        unit=centre,
        procedure=1,
        received=t(2021, 3, 20),
        due=t(2021, 4, 10),
        resolved=t(2021, 4, 5),
        state=states.WITHDRAWN,
        state_at=t(2021, 4, 8),
    )
    build.add(
        1,
        unit=centre,
        procedure=1,
        received=t(2021, 3, 20),
        due=t(2021, 5, 10),
        resolved=t(2021, 5, 5),
        state=states.WITHDRAWN,
        state_at=t(2021, 5, 8),
    )
    build.save()

    figures = report(db, centre)

    assert figures["received"]["total"] == 2
    assert figures["resolved"]["total"] == 1
    assert figures["pending"]["total"] == 1
    assert figures["returned"] == 0


def test_online_service_dossiers_follow_the_dossiers_own_online_level(db, centre, build):
    build.procedure("2.1", "Đất đai", online=True)
    resolved = {"received": t(2021, 4, 1), "due": t(2021, 4, 10), "resolved": t(2021, 4, 9)}
    # The province offers this procedure online although the national catalogue does not flag it.
    build.add(3, unit=centre, procedure=1, online_level="toan_trinh", channel="truc_tuyen", **resolved)
    build.add(2, unit=centre, procedure=1, online_level="mot_phan", **resolved)
    # Flagged nationally, but the source says the province does not provide it online.
    build.add(7, unit=centre, procedure=2, online_level="", **resolved)
    # The source did not send the column: the catalogue flag decides.
    build.add(4, unit=centre, procedure=2, online_level=None, **resolved)
    build.add(5, unit=centre, procedure=1, online_level=None, **resolved)
    build.save()

    online = report(db, centre)["online"]

    assert (online["resolved"], online["received_online"], online["received_online_pct"]) == (9, 3, 33.33)


def test_carried_over_excludes_what_closed_before_the_period(db, centre, build):
    build.add(1, unit=centre, procedure=1, received=t(2021, 3, 1), due=t(2021, 3, 5), resolved=t(2021, 3, 31, 23))
    build.add(1, unit=centre, procedure=1, received=t(2021, 3, 1), state=states.REJECTED, state_at=t(2021, 3, 2))
    build.add(1, unit=centre, procedure=1, received=t(2021, 3, 1), due=t(2021, 3, 5), resolved=t(2021, 4, 1))
    build.add(1, unit=centre, procedure=1, received=t(2021, 3, 31, 23, 59), due=t(2021, 4, 5))
    build.save()

    assert report(db, centre)["received"]["carried_over"] == 2


# Dossiers open for days to months, resolved on either side of every boundary the engine splits its
# reading at: the period's start and end, and 31 days after the start (LONG_RUNNING_DAYS).
LONG_CASES = [
    (t(2020, 12, 31, 16), t(2021, 1, 4)),
    (t(2021, 2, 27, 9), t(2021, 3, 31, 23, 59)),
    (t(2021, 2, 28, 10), t(2021, 4, 1)),
    (t(2021, 3, 31, 23, 59), t(2021, 5, 1, 0, 0, 1)),
    (t(2021, 3, 31, 23, 59), t(2021, 5, 2)),
    (t(2021, 3, 20), t(2021, 5, 1, 23, 59, 59, 500000)),
    (t(2021, 3, 31, 23, 59), t(2021, 4, 30, 23, 59)),
    (t(2021, 3, 1), t(2021, 4, 1) + timedelta(days=31)),
    (t(2021, 3, 1), t(2021, 4, 1) + timedelta(days=31, microseconds=-1)),
    (t(2021, 1, 15), t(2021, 9, 30, 23, 59)),
    (t(2020, 11, 2), t(2022, 2, 1)),
    (t(2021, 6, 30, 8), t(2021, 10, 1, 9)),
    (t(2021, 4, 2), None),
    (t(2020, 5, 5), None),
]


@pytest.mark.parametrize(
    "period",
    [*(month(2021, number) for number in range(1, 13)), quarter(2021, 2), quarter(2021, 3), year(2021)],
    ids=lambda period: period.label(),
)
def test_long_running_dossiers_count_in_every_period_they_span(db, centre, build, period: Period):
    for received, resolved in LONG_CASES:
        build.add(1, unit=centre, procedure=1, received=received, due=received + timedelta(days=20), resolved=resolved)
    build.save()
    s, e = period.start, period.end

    def open_at(moment, received, resolved):
        return received < moment and (resolved is None or resolved >= moment)

    figures = build_summary(db, centre, period, today=date(2022, 6, 1)).to_dict()

    expected = {
        "carried_over": sum(open_at(s, *case) for case in LONG_CASES),
        "new": sum(s <= received < e for received, _ in LONG_CASES),
        "resolved": sum(resolved is not None and s <= resolved < e for _, resolved in LONG_CASES),
        "pending": sum(open_at(e, *case) for case in LONG_CASES),
    }
    assert {
        "carried_over": figures["received"]["carried_over"],
        "new": figures["received"]["new"],
        "resolved": figures["resolved"]["total"],
        "pending": figures["pending"]["total"],
    } == expected


def test_ratio_766_counts_late_badly_rated_and_complained_dossiers_once(db, centre, build):
    on_time = {"received": t(2021, 4, 1), "due": t(2021, 4, 10), "resolved": t(2021, 4, 9)}
    build.add(6, unit=centre, procedure=1, **on_time)
    (late,) = build.add(
        1, unit=centre, procedure=1, received=t(2021, 4, 1), due=t(2021, 4, 10), resolved=t(2021, 4, 12)
    )
    (rated,) = build.add(1, unit=centre, procedure=1, **on_time)
    (complained,) = build.add(1, unit=centre, procedure=1, **on_time)
    build.rate(1, unit=centre, level="khong_hai_long", attitude=None, at=t(2021, 4, 13), dossier_id=rated)
    build.rate(1, unit=centre, level="khong_hai_long", attitude=None, at=t(2021, 4, 13), dossier_id=late)
    build.rate(1, unit=centre, level="rat_hai_long", attitude="rat_lich_su", at=t(2021, 4, 13))
    build.save()
    db.add(
        Complaint(
            reference="PA-1",
            unit_id=centre.id,
            dossier_id=complained,
            text="x",
            source="web",
            created_at=t(2021, 4, 14),
        )
    )
    db.commit()

    satisfaction = report(db, centre)["satisfaction"]

    # 9 resolved, 3 of them late, rated dissatisfied or complained about (the late one was also rated badly).
    assert satisfaction["unsatisfied_dossiers"] == 3
    assert satisfaction["ratio_766"] == 66.67
    assert satisfaction["responses"] == 3
    assert satisfaction["attitude_responses"] == 1


def test_empty_period_gives_zeros_not_errors(db, centre):
    figures = report(db, centre)

    assert figures["resolved"] == {
        "early": 0,
        "early_pct": 0.0,
        "on_time": 0,
        "on_time_pct": 0.0,
        "late": 0,
        "late_pct": 0.0,
        "total": 0,
        "pct_of_received": 0.0,
        "early_or_on_time": 0,
        "early_or_on_time_pct": 0.0,
    }
    assert figures["returned"] == figures["supplement_requests"] == 0
    assert figures["groups"] == {}
    assert figures["satisfaction"]["ratio_766"] is None
    assert figures["postal_results"] == {"count": 0, "pct": 0.0}
