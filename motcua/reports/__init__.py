"""Báo cáo — the figures centres publish (received, resolved, pending, returned, postal, online,
satisfaction), computed with SQL aggregates for a unit and a period, and the text they publish."""

from motcua.reports.narrative import narrative
from motcua.reports.period import Period, PeriodError, parse_period
from motcua.reports.summary import Summary, build_summary

__all__ = ["Period", "PeriodError", "Summary", "build_summary", "narrative", "parse_period"]
