"""Seed data as a one-stop system exports it, loaded through the commands a centre runs:
``units add``, ``import-dossiers``, ``import-ratings`` and ``procedure-groups add``.

A dossier's history reaches us as successive snapshots of it (received, sent back for supplement,
resolved …), as the daily exports of a one-stop system do; ``SeedFiles`` writes the n-th snapshot of
every dossier into the n-th CSV file and imports the files in order, so each file holds each code
once and the importer rebuilds the history from them. The CSV has the ``online_level`` column; an
empty cell means the province did not provide that dossier's procedure online.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import datetime
from itertools import count
from pathlib import Path

from motcua.dossiers import states
from motcua.dossiers.importer import COLUMNS

RATING_COLUMNS = ("unit_code", "created_at", "level", "attitude", "reasons", "source")


class SeedFiles:
    """Dossier snapshots and ratings to write as CSV and import with the CLI."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.steps: dict[int, list[dict]] = defaultdict(list)
        self.ratings: list[dict] = []
        self._numbers = count(1)

    def add(
        self,
        number: int,
        *,
        unit: str,
        procedure: str,
        received: datetime,
        due: datetime | None = None,
        resolved: datetime | None = None,
        state: int | None = None,
        state_at: datetime | None = None,
        channel: str = "truc_tiep",
        delivery: str = "tai_quay",
        online_level: str = "",
        events: tuple[tuple[int, datetime], ...] = (),
    ) -> None:
        """``number`` dossiers alike: received (state 2), then ``events``, then resolved (9) at ``resolved``
        or ``state`` at ``state_at`` — one snapshot each."""
        history = [(states.RECEIVED, received), *events]
        if resolved:
            history.append((states.RESOLVED, resolved))
        if state is not None and state != history[-1][0]:
            history.append((state, state_at or received))
        for _ in range(number):
            code = f"{unit}-{received:%y%m%d}-{next(self._numbers):06d}"
            base = {
                "code": code,
                "procedure_code": procedure,
                "unit_code": unit,
                "applicant_name": "Nguyễn Văn An",
                "applicant_phone": "0912345678",
                "channel": channel,
                "result_delivery": delivery,
                "received_at": received.isoformat(),
                "due_at": due.isoformat() if due else "",
                "online_level": online_level,
            }
            for step, (snapshot_state, at) in enumerate(history):
                resolved_at = resolved.isoformat() if resolved and at >= resolved else ""
                self.steps[step].append(
                    {**base, "state": snapshot_state, "state_at": at.isoformat(), "resolved_at": resolved_at}
                )

    def rate(self, number: int, *, unit: str, level: str, attitude: str, at: datetime, reasons: str = "") -> None:
        """``number`` paper forms; the lowest level needs a reason, as on the form."""
        row = {"unit_code": unit, "created_at": at.isoformat(), "level": level, "attitude": attitude}
        self.ratings.extend({**row, "reasons": reasons, "source": "paper"} for _ in range(number))

    def load(self, runner) -> None:
        """Write the files and import them in order; every row must be accepted."""
        for step in sorted(self.steps):
            path = self.directory / f"ho-so-{step}.csv"
            _write(path, COLUMNS, self.steps[step])
            _invoke(runner, "import-dossiers", str(path), expect="từ chối 0 dòng")
        if self.ratings:
            path = self.directory / "phieu-danh-gia.csv"
            _write(path, RATING_COLUMNS, self.ratings)
            _invoke(runner, "import-ratings", str(path), expect="bị từ chối 0 dòng")


def command(runner, *args: str, expect: str = "") -> str:
    """Run a CLI command that must succeed; its output."""
    return _invoke(runner, *args, expect=expect)


def _invoke(runner, *args: str, expect: str) -> str:
    result = runner.invoke(args=list(args))
    assert result.exit_code == 0, (args, result.output, result.exception)
    assert expect in result.output, result.output
    return result.output


def _write(path: Path, columns: tuple[str, ...], rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
