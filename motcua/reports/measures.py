"""The dossier figures of a period as SQL aggregates: one pass per slice, grouped by unit, lĩnh vực and
whether the procedure can be done online, so the totals, ``by_unit``, ``by_field`` and ``online`` all
come from the same few thousand rows without loading a single dossier.

Speed (``bench/reports.py``): every slice is read from one of the two report indexes of ``Dossier``
alone, never from the table; the state at the period's end is looked up in the event history once
per dossier that changed since, and only for those pending then; the QĐ 766 ratings and complaints
are matched in one small statement driven by the ratings, not probed for every resolved dossier.

Definitions (DOMAIN.md, issue 6), with ``s``/``e`` the period's first instant and the instant after it:

- a dossier is *closed* once resolved (``resolved_at``) or once it left without a result (state 3
  refused, 7 withdrawn, 8 stopped: closed at ``state_at``; those states are final);
- *carried over*: received before ``s`` and not closed before ``s``; *new*: received in [s, e);
- *resolved*: ``resolved_at`` in [s, e), early / on time / late by local calendar dates (a dossier
  without a due date cannot be late and counts as on time);
- *pending*: received before ``e`` and not closed before ``e``; *awaiting supplement* when its state at
  ``e`` was 5 or 6 (read from the event history when it changed since); *overdue* when otherwise past
  its due date on the reference day; the rest are *not due*;
- *returned*: refused, withdrawn or stopped in the period, or sent back for supplement (an event to
  state 5) in the period — each dossier once.

Every dossier counted in the period's total is therefore exactly one of resolved, pending or closed
without a result; the tests check that identity.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import ColumnElement, and_, case, func, or_, select, text, union
from sqlalchemy.orm import Session

from motcua.catalogue.models import Procedure
from motcua.dossiers import states
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.feedback.models import Complaint, Rating
from motcua.feedback.scales import BAD_LEVELS
from motcua.reports.period import Period

# (unit id, lĩnh vực, online-capable) → one count per name of ``MEASURES``
GroupKey = tuple[int, str, bool]
Grouped = dict[GroupKey, list[int]]

CLOSED = tuple(sorted(states.CLOSED_STATES))
AWAITING = (states.SUPPLEMENT, states.FINANCIAL)
OPEN = tuple(sorted(set(states.STATE_LABELS) - states.CLOSED_STATES - states.FINISHED_STATES))
# Counted by the slices' SUM(CASE …) columns, in this order.
SUMMED = (
    "carried_over",
    "new",
    "new_direct",
    "new_online",
    "new_postal",
    "resolved",
    "early",
    "late",
    "postal_results",
    "resolved_received_online",
    "pending",
    "pending_past_due",
    "closed",
)
MEASURES = (*SUMMED, "awaiting_supplement", "awaiting_past_due", "unsatisfied_766", "returned")
SUMMED_INDEXES = tuple(MEASURES.index(name) for name in SUMMED)
PENDING_POSITION, PENDING_PAST_DUE_POSITION = SUMMED.index("pending"), SUMMED.index("pending_past_due")
AWAITING_INDEX, AWAITING_PAST_DUE_INDEX = MEASURES.index("awaiting_supplement"), MEASURES.index("awaiting_past_due")
LATE_INDEX, UNSATISFIED_INDEX = MEASURES.index("late"), MEASURES.index("unsatisfied_766")
RETURNED_INDEX = MEASURES.index("returned")


def grouped_figures(session: Session, unit_ids: list[int], period: Period, today: date) -> Grouped:
    """Every dossier measure of the period, per (unit, field, online) group, in ``MEASURES`` order.

    Rows are read with Core (no ORM row processing): a province-wide month has thousands of groups.
    """
    e = period.end
    reference = reference_day(period, today)
    sums = [func.sum(case((condition, 1), else_=0)).label(name) for name, condition in _summed(period, reference)]
    # Whether a dossier pending at the end was waiting for the applicant then, computed once per row as
    # a grouping key (a measure would look up its history once for every measure that needs it).
    awaiting = case((awaiting_at(e), 1), else_=0).label("awaiting")
    grouped: Grouped = {}
    connection = session.connection()
    _without_jit(connection)
    for slice_condition in _slices(period):
        statement = (
            select(Dossier.unit_id, Procedure.field, Procedure.online, awaiting, *sums)
            .join(Procedure, Procedure.id == Dossier.procedure_id)
            .where(Dossier.unit_id.in_(unit_ids), slice_condition)
            .group_by(Dossier.unit_id, Procedure.field, Procedure.online, awaiting)
        )
        for unit_id, field_name, online, is_awaiting, *values in connection.execute(statement):
            counts = _counts(grouped, unit_id, field_name, online)
            for index, value in zip(SUMMED_INDEXES, values, strict=True):
                counts[index] += int(value or 0)
            if is_awaiting:
                counts[AWAITING_INDEX] += int(values[PENDING_POSITION] or 0)
                counts[AWAITING_PAST_DUE_INDEX] += int(values[PENDING_PAST_DUE_POSITION] or 0)
    for counts in grouped.values():
        counts[UNSATISFIED_INDEX] += counts[LATE_INDEX]
    for unit_id, field_name, online, count in connection.execute(_unsatisfied_on_time_statement(unit_ids, period)):
        _counts(grouped, unit_id, field_name, online)[UNSATISFIED_INDEX] += int(count)
    for unit_id, field_name, online, count in connection.execute(_returned_statement(unit_ids, period)):
        _counts(grouped, unit_id, field_name, online)[RETURNED_INDEX] += int(count)
    return grouped


def resolved_in(period: Period) -> ColumnElement[bool]:
    """Resolved (đã giải quyết) within the period."""
    return and_(Dossier.resolved_at >= period.start, Dossier.resolved_at < period.end)


def resolved_late() -> ColumnElement[bool]:
    """Resolved after the due date, comparing local calendar dates."""
    return and_(Dossier.due_at.is_not(None), func.date(Dossier.resolved_at) > func.date(Dossier.due_at))


def resolved_early() -> ColumnElement[bool]:
    """Resolved before the due date, comparing local calendar dates."""
    return and_(Dossier.due_at.is_not(None), func.date(Dossier.resolved_at) < func.date(Dossier.due_at))


def open_at(moment: datetime) -> ColumnElement[bool]:
    """Received before ``moment`` and neither resolved nor closed without a result by then."""
    return and_(
        Dossier.received_at < moment,
        or_(Dossier.resolved_at.is_(None), Dossier.resolved_at >= moment),
        or_(Dossier.state.not_in(CLOSED), Dossier.state_at >= moment),
    )


def state_at(moment: datetime) -> ColumnElement[int]:
    """The dossier's state just before ``moment``: its current state unless it changed since, in
    which case the last event before ``moment`` says."""
    last_event = (
        select(DossierEvent.state)
        .where(DossierEvent.dossier_id == Dossier.id, DossierEvent.at < moment)
        .order_by(DossierEvent.at.desc(), DossierEvent.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return case((Dossier.state_at < moment, Dossier.state), else_=last_event)


def awaiting_at(moment: datetime) -> ColumnElement[bool]:
    """Pending at ``moment`` and waiting for the applicant (supplement or fees): state 5 or 6."""
    return and_(open_at(moment), state_at(moment).in_(AWAITING))


def past_due(reference_day: date) -> ColumnElement[bool]:
    """The due date is before ``reference_day`` (so a pending dossier is overdue on that day)."""
    return and_(Dossier.due_at.is_not(None), Dossier.due_at < datetime.combine(reference_day, time.min))


def overdue_at(period: Period, reference_day: date) -> ColumnElement[bool]:
    """Pending at the end of the period, not waiting for the applicant, and past its due date."""
    return and_(open_at(period.end), past_due(reference_day), ~state_at(period.end).in_(AWAITING))


def reference_day(period: Period, today: date) -> date:
    """The day overdue is judged on: the period's last day, or today while the period is running."""
    return min(period.last, today)


def _summed(period: Period, reference: date) -> list[tuple[str, ColumnElement[bool]]]:
    """The condition each ``SUMMED`` measure counts."""
    s, e = period.start, period.end
    is_new = Dossier.received_at >= s
    resolved = resolved_in(period)
    pending = open_at(e)
    named = {
        "carried_over": Dossier.received_at < s,
        "new": is_new,
        "new_direct": and_(is_new, Dossier.channel == "truc_tiep"),
        "new_online": and_(is_new, Dossier.channel == "truc_tuyen"),
        "new_postal": and_(is_new, Dossier.channel == "buu_chinh"),
        "resolved": resolved,
        "early": and_(resolved, resolved_early()),
        "late": and_(resolved, resolved_late()),
        "postal_results": and_(resolved, Dossier.result_delivery == "buu_chinh"),
        "resolved_received_online": and_(resolved, Dossier.channel == "truc_tuyen"),
        "pending": pending,
        "pending_past_due": and_(pending, past_due(reference)),
        "closed": and_(Dossier.state.in_(CLOSED), Dossier.state_at >= s, Dossier.state_at < e),
    }
    return [(name, named[name]) for name in SUMMED]


def _slices(period: Period) -> list[ColumnElement[bool]]:
    """Disjoint, index-friendly parts of "received before the end and open at some time in the period":
    received in the period; received before and resolved since its start; received before and still
    open; received before and closed without a result since the start. The last two are split so that
    the state index reaches them without reading every dossier ever refused or withdrawn."""
    s, e = period.start, period.end
    return [
        and_(Dossier.received_at >= s, Dossier.received_at < e),
        and_(_not_indexed(Dossier.received_at) < s, Dossier.resolved_at >= s),
        and_(Dossier.received_at < s, Dossier.resolved_at.is_(None), Dossier.state.in_(OPEN)),
        and_(Dossier.received_at < s, Dossier.resolved_at.is_(None), Dossier.state.in_(CLOSED), Dossier.state_at >= s),
    ]


def _returned_statement(unit_ids: list[int], period: Period):
    s, e = period.start, period.end
    # Both id lists are driven by (state, time) indexes; the unit filter is applied once, outside.
    closed_ids = select(Dossier.id).where(Dossier.state.in_(CLOSED), Dossier.state_at >= s, Dossier.state_at < e)
    sent_back_ids = select(DossierEvent.dossier_id).where(
        DossierEvent.state.in_((states.SUPPLEMENT, *CLOSED)), DossierEvent.at >= s, DossierEvent.at < e
    )
    returned_ids = union(closed_ids, sent_back_ids).subquery()
    return (
        select(Dossier.unit_id, Procedure.field, Procedure.online, func.count().label("returned"))
        .join(Procedure, Procedure.id == Dossier.procedure_id)
        .where(Dossier.id.in_(select(returned_ids.c[0])), Dossier.unit_id.in_(unit_ids))
        .group_by(Dossier.unit_id, Procedure.field, Procedure.online)
    )


def _unsatisfied_on_time_statement(unit_ids: list[int], period: Period):
    """Dossiers resolved in the period, not late, but rated dissatisfied or complained about: with the
    late ones, those QĐ 766 counts against the unit. Driven by the few bad ratings and complaints."""
    rated_badly = select(Rating.dossier_id).where(Rating.level.in_(BAD_LEVELS), Rating.dossier_id.is_not(None))
    complained = select(Complaint.dossier_id).where(Complaint.dossier_id.is_not(None))
    return (
        select(Dossier.unit_id, Procedure.field, Procedure.online, func.count())
        .join(Procedure, Procedure.id == Dossier.procedure_id)
        .where(
            Dossier.id.in_(union(rated_badly, complained)),
            Dossier.unit_id.in_(unit_ids),
            Dossier.received_at < period.end,
            resolved_in(period),
            ~resolved_late(),
        )
        .group_by(Dossier.unit_id, Procedure.field, Procedure.online)
    )


def _without_jit(connection) -> None:
    """PostgreSQL compiles queries it thinks costly to machine code; for these aggregates the
    compilation takes longer than the query itself (hundreds of milliseconds), so it is switched off
    for the rest of the transaction."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SET LOCAL jit = off"))


def _not_indexed(column):
    """``column`` wrapped so that no index on it drives the search.

    In "received before s and resolved since s" both conditions are ranges over indexed columns, and
    SQLite's planner cannot tell that the second is far more selective (the first matches most of
    history); the wrapper leaves it only the right index. PostgreSQL's statistics would pick it anyway.
    """
    return func.coalesce(column, column)


def _counts(grouped: Grouped, unit_id: int, field_name: str | None, online) -> list[int]:
    key = (unit_id, field_name or "", bool(online))
    counts = grouped.get(key)
    if counts is None:
        counts = grouped[key] = [0] * len(MEASURES)
    return counts
