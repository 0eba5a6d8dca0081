"""Hostile input to the personal-data commands (kiosk/cli/privacy.py): a moment at the edge of the
calendar, a control character, an enormous code: each a Vietnamese message and exit code 1, never a
traceback; purging twice removes nothing the second time."""

from __future__ import annotations

import pytest

from kiosk.cli.privacy import access_log_command, breach_scope_command, purge_command
from tests.factories import add_dossier, seed_catalogue


@pytest.fixture
def dossier(db):
    seed_catalogue(db)
    return add_dossier(db)


@pytest.mark.parametrize(
    "args",
    [
        ["--from", "", "--to", "2026-11-03"],
        ["--from", "2026-11-01\x00", "--to", "2026-11-03"],
        ["--from", "2026-13-01", "--to", "2026-11-03"],
        ["--from", "2026-11-01T25:00", "--to", "2026-11-03"],
        ["--from", "x" * 10_000, "--to", "2026-11-03"],
        ["--from", "2026-11-01", "--to", "2026-11-03", "--component", "redis"],
    ],
)
def test_breach_scope_refuses_a_bad_moment_with_a_message(runner, dossier, args):
    result = runner.invoke(breach_scope_command, args)
    assert result.exit_code in (1, 2) and isinstance(result.exception, SystemExit | None), result.exception
    assert any(ord(ch) > 127 for ch in result.output) or "Invalid value" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["--from", "0001-01-01T00:00+14:00", "--to", "2026-11-03"],
        ["--from", "2026-11-01", "--to", "9999-12-31T23:59-12:00"],
    ],
)
def test_breach_scope_refuses_a_moment_at_the_calendars_edge_with_a_message(runner, dossier, args):
    result = runner.invoke(breach_scope_command, args)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), repr(result.exception)
    assert "thời điểm" in result.output


@pytest.mark.parametrize("code", ["", "x" * 10_000, "000.00.12.H62-260302-0001\x00", "'; DROP TABLE dossiers; --"])
def test_access_log_refuses_a_hostile_code_with_a_message(runner, dossier, code):
    result = runner.invoke(access_log_command, ["--dossier", code])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), repr(result.exception)
    assert any(ord(ch) > 127 for ch in result.output)
    assert len(result.output) < 500  # the enormous code is not echoed back whole


def test_purging_twice_removes_nothing_the_second_time(runner, dossier):
    first = runner.invoke(purge_command)
    second = runner.invoke(purge_command)
    assert first.exit_code == 0 and second.exit_code == 0, second.output
    assert "Tổng cộng: 0 bản ghi." in second.output
