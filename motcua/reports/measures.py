"""The dossier figures of a period as SQL aggregates: one statement, one pass per slice of the
period's dossiers, grouped by unit, lĩnh vực and whether the dossier is an online-service one, then
added up by the database per unit, per field and for online-service dossiers, so ``by_unit``,
``by_field``, ``online`` and the totals come back as a few hundred rows without loading a single
dossier.

Speed (``bench/reports.py``): every slice is read from one of the two report indexes of ``Dossier``
alone, never from the table; each slice tests only what it does not already decide (a slice of
dossiers resolved in the period never asks whether they are pending); the state at the period's end
is looked up in the event history once per dossier that changed since, and only for those pending
then; the QĐ 766 ratings and complaints are matched through the few bad ratings, not probed for
every resolved dossier.

Definitions (docs/domain.md, docs/reports.md), with ``s``/``e`` the period's first instant and the instant after it:

- a dossier *leaves the process* once resolved (``resolved_at``) or, never resolved, once it left
  without a result (state 3 refused or handed back to be fixed and resubmitted, 7 withdrawn, 8
  stopped: at ``state_at``; those states are final). A result recorded wins over a later closing
  (an import may report "withdrawn" after "resolved"), so no dossier is ever counted as both;
- *carried over*: received before ``s`` and not gone before ``s``; *new*: received in [s, e);
- *resolved*: ``resolved_at`` in [s, e), early / on time / late by local calendar dates (a dossier
  without a due date cannot be late and counts as on time);
- *pending*: received before ``e`` and not gone before ``e``; *awaiting supplement* when its state at
  ``e`` was 5 or 6 (read from the event history when it changed since); *overdue* when otherwise past
  its due date on the reference day; the rest are *not due*;
- *returned* (trả lại): left the process without a result in the period (refused or handed back to be
  fixed and resubmitted, withdrawn, stopped). A request to supplement (state 5) or to pay (6) keeps the
  dossier in the process: it is pending, awaiting supplement, as seed 003 counts its 81 "chờ bổ sung,
  giải trình" inside the 1.428 pending and apart from the 137 returned;
- *supplement requests*: dossiers sent back for supplement (an event to state 5) in the period, each
  once, whatever became of them after (resolved, pending or returned) — so a manager still sees them;
- *online-service dossiers*: those whose own ``online_level`` says the province provided the procedure
  online (toàn trình / một phần) — which procedures a province offers online is its own decision and
  changes over time, and the one-stop system records it on each dossier. Only when the source did not
  send the column (NULL; an empty value is a "no") does the catalogue's national flag decide.

So every dossier counted in the period's total is exactly one of resolved, pending or returned:
``received.total == resolved.total + pending.total + returned``, for every unit and field (a property
the tests check on random histories).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from operator import add

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Integer,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    literal_column,
    null,
    or_,
    select,
    text,
    union,
    union_all,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from motcua.catalogue.models import Procedure
from motcua.dossiers import states
from motcua.dossiers.models import LONG_RUNNING, LONG_RUNNING_DAYS, ONLINE_LEVELS, Dossier, DossierEvent
from motcua.feedback.models import Complaint, Rating
from motcua.feedback.scales import BAD_LEVELS
from motcua.reports.period import Period
from motcua.units import Unit

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
    "returned",
)
MEASURES = (*SUMMED, "awaiting_supplement", "awaiting_past_due", "unsatisfied_766", "supplement_requests")


@dataclass
class Figures:
    """Every dossier measure of a period, in ``MEASURES`` order: per unit (its own dossiers), per lĩnh
    vực, and for online-service dossiers."""

    by_unit: dict[int, list[int]] = field(default_factory=dict)
    by_field: dict[str, list[int]] = field(default_factory=dict)
    online: list[int] = field(default_factory=lambda: [0] * len(MEASURES))
    # The measures of each procedure asked for (those of the report's procedure groups).
    by_procedure: dict[int, list[int]] = field(default_factory=dict)


def period_figures(
    session: Session, unit_ids: list[int], period: Period, today: date, procedure_ids: Collection[int] = ()
) -> Figures:
    """The figures of the units ``unit_ids`` for ``period``, in one statement.

    Each slice (and the QĐ 766 and supplement-request counts) is aggregated per (unit, lĩnh vực,
    online service, awaiting); the database adds those rows up per unit, per field and for online-service
    dossiers, so a province-wide year comes back as a few hundred rows. The dossiers of
    ``procedure_ids`` are also added up per procedure, from the same pass over the index (a second
    pass for the procedure groups cost a tenth of a year's report more).
    """
    connection = session.connection()
    parts = _group_parts(unit_ids, period, reference_day(period, today), connection.dialect.name, procedure_ids)
    groups = union_all(*parts).cte("report_groups")
    _tune_postgresql(connection)
    figures = Figures()
    for kind, key_id, field_name, *values in connection.execute(_totals_statement(groups, bool(procedure_ids))):
        if kind == "unit":
            figures.by_unit[key_id] = values
        elif kind == "field":
            key = field_name or ""
            figures.by_field[key] = add_counts(figures.by_field.get(key), values)
        elif kind == "procedure":
            figures.by_procedure[key_id] = values
        else:
            figures.online = values
    return figures


def add_counts(counts: list[int] | None, more: list[int]) -> list[int]:
    """``counts`` + ``more`` figure by figure (``more`` itself when there is nothing yet)."""
    return more if counts is None else list(map(add, counts, more))


def resolved_in(period: Period) -> ColumnElement[bool]:
    """Resolved (đã giải quyết) within the period."""
    return and_(Dossier.resolved_at >= period.start, Dossier.resolved_at < period.end)


def resolved_late() -> ColumnElement[bool]:
    """Resolved after the due date, comparing local calendar dates."""
    return and_(Dossier.due_at.is_not(None), calendar_day(Dossier.resolved_at) > calendar_day(Dossier.due_at))


def resolved_early() -> ColumnElement[bool]:
    """Resolved before the due date, comparing local calendar dates."""
    return and_(Dossier.due_at.is_not(None), calendar_day(Dossier.resolved_at) < calendar_day(Dossier.due_at))


def open_at(moment: datetime) -> ColumnElement[bool]:
    """Received before ``moment`` and still in the process then (``still_in``)."""
    return and_(Dossier.received_at < moment, still_in(moment))


def still_in(moment: datetime) -> ColumnElement[bool]:
    """Not gone by ``moment``: resolved at or after it, or never resolved and not closed without a
    result before it (a result wins over a later closing)."""
    return or_(
        Dossier.resolved_at >= moment,
        and_(Dossier.resolved_at.is_(None), or_(Dossier.state.not_in(CLOSED), Dossier.state_at >= moment)),
    )


def returned_in(period: Period) -> ColumnElement[bool]:
    """Left the process without a result in the period: never resolved, closed (3, 7, 8) in it."""
    return and_(
        Dossier.resolved_at.is_(None),
        Dossier.state.in_(CLOSED),
        Dossier.state_at >= period.start,
        Dossier.state_at < period.end,
    )


def online_service() -> ColumnElement[bool]:
    """The dossier's own online level when the source sent one ("" = not online), else the catalogue's
    flag for the procedure."""
    return case(
        (Dossier.online_level.is_(None), Procedure.online),
        else_=Dossier.online_level.in_(tuple(ONLINE_LEVELS)),
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


def _group_parts(
    unit_ids: list[int], period: Period, reference: date, dialect: str, procedure_ids: Collection[int] = ()
) -> list:
    """The union's parts, all with the columns unit_id, field, online, awaiting, procedure (the
    procedure's id when it is one of ``procedure_ids``, else NULL), the ``SUMMED`` measures, unsatisfied
    (on time) and supplement_requests."""
    # The units once, as a CTE every part reads, rather than their ids repeated in each part: a
    # province's 181 ids in a dozen parts are two thousand parameters, which the driver and SQLAlchemy
    # take longer to rewrite than the database takes for several of the parts.
    units = select(Unit.id).where(Unit.id.in_(unit_ids)).cte("report_units")
    in_units = Dossier.unit_id.in_(select(units.c.id))
    # Whether a dossier pending at the end was waiting for the applicant then, computed once per row as
    # a grouping key (a measure would look up its history once for every measure that needs it). A
    # dossier resolved in the period was not pending at its end, let alone waiting for the applicant.
    awaiting = case((awaiting_at(period.end), 1), else_=0)
    online = online_service()
    keys = [Dossier.unit_id, Procedure.field, online.label("online")]
    grouped = [Dossier.unit_id, Procedure.field, online]
    zero = literal_column("0")
    no_procedure = cast(null(), Integer)
    # Procedure groups count resolved dossiers only: only the resolved slices are split by procedure.
    procedure = (
        case((Dossier.procedure_id.in_(sorted(procedure_ids)), Dossier.procedure_id), else_=no_procedure)
        if procedure_ids
        else no_procedure
    )
    parts = []
    for slice_condition, received_in_period, resolved_in_period in _slices(period, dialect):
        flag = zero if resolved_in_period else awaiting
        split = procedure if resolved_in_period else no_procedure
        sums = _sums(period, reference, received_in_period, resolved_in_period)
        parts.append(
            select(
                *keys,
                flag.label("awaiting"),
                split.label("procedure"),
                *_labelled(sums),
                zero.label("unsatisfied"),
                zero.label("supplement_requests"),
            )
            .join(Procedure, Procedure.id == Dossier.procedure_id)
            .where(in_units, slice_condition)
            .group_by(
                *grouped,
                *([] if resolved_in_period else [awaiting]),
                *([procedure] if resolved_in_period and procedure_ids else []),
            )
        )
    nothing_summed = _labelled([zero] * len(SUMMED))
    counted = [(_unsatisfied_on_time(period), "unsatisfied"), (_sent_back(period), "supplement_requests")]
    for conditions, name in counted:
        counts = [func.count() if column == name else zero for column in ("unsatisfied", "supplement_requests")]
        parts.append(
            select(
                *keys,
                zero.label("awaiting"),
                no_procedure.label("procedure"),
                *nothing_summed,
                counts[0].label("unsatisfied"),
                counts[1].label("supplement_requests"),
            )
            .join(Procedure, Procedure.id == Dossier.procedure_id)
            .where(in_units, *conditions)
            .group_by(*grouped)
        )
    return parts


def _totals_statement(groups, per_procedure: bool):
    """The groups added up per unit, per field, for online-service dossiers and (``per_procedure``) per
    procedure of a procedure group, in ``MEASURES`` order."""
    c = groups.c
    pending_if_awaiting = [case((c.awaiting == 1, c[name]), else_=0) for name in ("pending", "pending_past_due")]
    measures = [
        *(c[name] for name in SUMMED),
        *pending_if_awaiting,
        c.late + c.unsatisfied,
        c.supplement_requests,
    ]
    totals = [cast(func.sum(measure), BigInteger) for measure in measures]
    none = null()
    procedures = (
        [select(literal("procedure"), c.procedure, none, *totals).where(c.procedure.is_not(None)).group_by(c.procedure)]
        if per_procedure
        else []
    )
    return union_all(
        select(literal("unit"), c.unit_id, none, *totals).group_by(c.unit_id),
        select(literal("field"), none, c.field, *totals).group_by(c.field),
        select(literal("online"), none, none, *totals).where(c.online.is_(True)).group_by(c.online),
        *procedures,
    )


def _labelled(columns: list) -> list:
    return [column.label(name) for column, name in zip(columns, SUMMED, strict=True)]


def _sums(period: Period, reference: date, received_in_period: bool, resolved_in_period: bool) -> list:
    """The ``SUMMED`` columns for a slice whose dossiers were all received in the period (or all before
    it) and all resolved in it (or none): what the slice already decides is not tested again per row."""
    e = period.end
    # A dossier resolved in the period did not leave it without a result.
    named: dict[str, ColumnElement[bool]] = {} if resolved_in_period else {"returned": returned_in(period)}
    counted = {"new" if received_in_period else "carried_over"}
    if received_in_period:
        named["new_direct"] = Dossier.channel == "truc_tiep"
        named["new_online"] = Dossier.channel == "truc_tuyen"
        named["new_postal"] = Dossier.channel == "buu_chinh"
    if resolved_in_period:
        counted.add("resolved")
        named["early"] = resolved_early()
        named["late"] = resolved_late()
        named["postal_results"] = Dossier.result_delivery == "buu_chinh"
        named["resolved_received_online"] = Dossier.channel == "truc_tuyen"
    else:
        # Every slice holds only dossiers received before ``e``: ``open_at(e)`` without that test.
        pending = still_in(e)
        named["pending"] = pending
        named["pending_past_due"] = and_(pending, past_due(reference))
    columns: list = []
    for name in SUMMED:
        if name in counted:
            columns.append(func.count())
        elif name in named:
            columns.append(func.sum(case((named[name], 1), else_=0)))
        else:
            columns.append(literal_column("0"))
    return columns


def _slices(period: Period, dialect: str) -> list[tuple[ColumnElement[bool], bool, bool]]:
    """Disjoint, index-friendly parts of "received before the end and open at some time in the period",
    each with whether its dossiers were received in the period and whether they were resolved in it.

    Received in the period, resolved in it or not; received before and resolved in the period, or
    after it; received before, not resolved and still open; received before, not resolved and closed
    without a result since the start. The last two are split so that the index reaches them without
    reading every dossier ever refused or withdrawn.
    """
    s, e = period.start, period.end
    received = and_(Dossier.received_at >= s, Dossier.received_at < e)
    not_resolved_in = or_(Dossier.resolved_at.is_(None), Dossier.resolved_at < s, Dossier.resolved_at >= e)
    unresolved_before = and_(Dossier.received_at < s, Dossier.resolved_at.is_(None))
    return [
        (and_(received, resolved_in(period)), True, True),
        (and_(received, not_resolved_in), True, False),
        *((part, False, True) for part in _received_before_resolved(s, s, e, dialect)),
        *((part, False, False) for part in _received_before_resolved(s, e, None, dialect)),
        (and_(unresolved_before, Dossier.state.in_(OPEN)), False, False),
        (and_(unresolved_before, Dossier.state.in_(CLOSED), Dossier.state_at >= s), False, False),
    ]


def _received_before_resolved(
    start: datetime, low: datetime, high: datetime | None, dialect: str
) -> list[ColumnElement[bool]]:
    """Received before ``start`` and resolved in [low, high) (no upper end when ``high`` is None), in
    at most two parts: resolved less than ``LONG_RUNNING_DAYS`` after ``start``, read from the resolved
    index; resolved later, which means open longer than that, read from its partial index of
    long-running dossiers. A year, or last year's month, then reads a month of resolutions and the
    few long-running dossiers rather than every dossier resolved in the year or since."""
    before = not_indexed(Dossier.received_at) < start
    split = start + timedelta(days=LONG_RUNNING_DAYS)
    parts = []
    if low < split:
        upper = split if high is None else min(split, high)
        parts.append(and_(before, Dossier.resolved_at >= low, Dossier.resolved_at < upper))
    if high is None or split < high:
        lower = max(low, split)
        bounded = [] if high is None else [Dossier.resolved_at < high]
        parts.append(and_(before, Dossier.resolved_at >= lower, *bounded, *_long_running(dialect)))
    return parts


def _long_running(dialect: str) -> list[ColumnElement[bool]]:
    """The partial index's condition, word for word (a database uses a partial index only when the
    query states its condition); nothing on a database without that index."""
    return [text(LONG_RUNNING[dialect])] if dialect in LONG_RUNNING else []


def _sent_back(period: Period) -> list[ColumnElement[bool]]:
    """Sent back for supplement (an event to state 5) in the period, each dossier once. Starts from the
    (state, time) index of events rather than from a list of every id to look up."""
    sent_back = select(DossierEvent.dossier_id).where(
        DossierEvent.state == states.SUPPLEMENT, DossierEvent.at >= period.start, DossierEvent.at < period.end
    )
    return [Dossier.id.in_(sent_back)]


def _unsatisfied_on_time(period: Period) -> list[ColumnElement[bool]]:
    """Resolved in the period, not late, but rated dissatisfied or complained about: with the late
    ones, the dossiers QĐ 766 counts against the unit. Driven by the few bad ratings and complaints."""
    rated_badly = select(Rating.dossier_id).where(Rating.level.in_(BAD_LEVELS), Rating.dossier_id.is_not(None))
    complained = select(Complaint.dossier_id).where(Complaint.dossier_id.is_not(None))
    return [
        Dossier.id.in_(union(rated_badly, complained)),
        Dossier.received_at < period.end,
        resolved_in(period),
        ~resolved_late(),
    ]


def _tune_postgresql(connection) -> None:
    """Three PostgreSQL settings for the rest of the report's transaction. Its JIT compiler turns
    queries it thinks costly into machine code; for these aggregates compiling takes longer than the
    query itself (hundreds of milliseconds), so it is off. The default 4 MB of working memory is too
    little to hold a province's groups (a month's are ~26,000 rows): the database wrote them to a
    temporary file and read them back twice; 32 MB keeps them in memory. And the driver prepares a
    statement run five times; after five more PostgreSQL may switch a prepared statement to a generic
    plan, made without the period's dates or the units, which here took twice as long: every report is
    planned for its own period."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SET LOCAL jit = off"))
        connection.execute(text("SET LOCAL work_mem = '32MB'"))
        connection.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))


class calendar_day(FunctionElement):
    """The calendar date of a timestamp (stored as naive local time), comparable as text or date.

    SQLite stores SQLAlchemy datetimes as ``YYYY-MM-DD HH:MM:SS.ffffff`` text, so the date is the first
    ten characters: ``substr`` gives the same answer as ``date()`` without parsing the timestamp, which
    on a year's dossiers is a good part of the report's time.
    """

    type = String()
    name = "calendar_day"
    inherit_cache = True


@compiles(calendar_day)
def _calendar_day(element, compiler, **kw) -> str:
    return f"date({compiler.process(element.clauses, **kw)})"


@compiles(calendar_day, "sqlite")
def _calendar_day_sqlite(element, compiler, **kw) -> str:
    return f"substr({compiler.process(element.clauses, **kw)}, 1, 10)"


def not_indexed(column):
    """``column`` wrapped so that no index on it drives the search.

    In "received before s and resolved since s" both conditions are ranges over indexed columns, and
    SQLite's planner cannot tell that the second is far more selective (the first matches most of
    history); the wrapper leaves it only the right index. PostgreSQL's statistics would pick it anyway.
    """
    return func.coalesce(column, column)
