"""Dossier sets whose report figures are known by construction, bulk-inserted with the real models.

Each ``add`` call describes a batch of identical dossiers (so a test reads as the seed's arithmetic:
"1.000 carried over and resolved early, 81 awaiting supplement since March …"); ``save`` writes them
with Core ``insert`` executemany, which keeps ten thousand dossiers well under a second.
"""

from __future__ import annotations

from datetime import datetime
from itertools import count

from sqlalchemy import insert
from sqlalchemy.orm import Session

from motcua.catalogue.models import Procedure
from motcua.dossiers import states
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.feedback.models import Rating
from motcua.units import Unit


class DossierSet:
    """Rows to insert: procedures, dossiers (with their state events) and ratings."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.procedures: dict[str, int] = {}
        self.dossiers: list[dict] = []
        self.events: list[dict] = []
        self.ratings: list[dict] = []
        self._ids = count(1)
        self._procedure_ids = count(1)
        self._rating_ids = count(1)

    def procedure(self, code: str, field: str, online: bool) -> int:
        """A procedure of lĩnh vực ``field``; ``online`` = can be submitted online."""
        procedure_id = next(self._procedure_ids)
        self.session.execute(
            insert(Procedure),
            [
                {
                    "id": procedure_id,
                    "code": code,
                    "name": f"Thủ tục {code}",
                    "field": field,
                    "online": online,
                    "updated_at": datetime(2021, 1, 1),
                }
            ],
        )
        self.procedures[code] = procedure_id
        return procedure_id

    def add(
        self,
        number: int,
        *,
        unit: Unit,
        procedure: int,
        received: datetime,
        due: datetime | None = None,
        resolved: datetime | None = None,
        state: int | None = None,
        state_at: datetime | None = None,
        channel: str = "truc_tiep",
        delivery: str = "tai_quay",
        online_level: str | None = None,
        events: tuple[tuple[int, datetime], ...] = (),
        history: bool = True,
    ) -> list[int]:
        """``number`` dossiers alike; the state defaults to 9 when resolved, else 4 (being processed).

        Every dossier gets the event "received" (2) at ``received``, then ``events``, then "resolved"
        (9) at ``resolved``; ``state_at`` defaults to the time of the last of those. ``online_level`` as
        the source system sends it: None when it did not send the column, "" for "not an online service".
        ``history=False`` stores no events (for hundreds of thousands of plain dossiers whose state at a
        period's end is their current one).
        """
        if state is None:
            state = states.RESOLVED if resolved else states.PROCESSING
        record = history
        steps = [(states.RECEIVED, received), *events]
        if resolved:
            steps.append((states.RESOLVED, resolved))
        if state not in (states.RECEIVED, states.RESOLVED) and not any(s == state for s, _ in steps):
            steps.append((state, state_at or received))
        ids = []
        for _ in range(number):
            dossier_id = next(self._ids)
            ids.append(dossier_id)
            self.dossiers.append(
                {
                    "id": dossier_id,
                    "code": f"T.{unit.id}-{dossier_id:07d}",
                    "procedure_id": procedure,
                    "unit_id": unit.id,
                    "applicant_name": "Nguyễn Văn An",
                    "channel": channel,
                    "result_delivery": delivery,
                    "online_level": online_level,
                    "received_at": received,
                    "due_at": due,
                    "resolved_at": resolved,
                    "state": state,
                    "state_at": state_at or max(at for _, at in steps),
                }
            )
            if record:
                self.events.extend({"dossier_id": dossier_id, "state": s, "at": at} for s, at in steps)
        return ids

    def rate(
        self,
        number: int,
        *,
        unit: Unit,
        level: str,
        attitude: str | None,
        at: datetime,
        dossier_id: int | None = None,
    ) -> None:
        """``number`` ratings given at ``at``."""
        for _ in range(number):
            rating_id = next(self._rating_ids)
            self.ratings.append(
                {
                    "id": rating_id,
                    "idempotency_key": f"test-{rating_id}",
                    "unit_id": unit.id,
                    "dossier_id": dossier_id,
                    "level": level,
                    "attitude": attitude,
                    "source": "kiosk",
                    "created_at": at,
                    "received_at": at,
                }
            )

    def save(self) -> None:
        """Insert everything and commit."""
        for model, rows in ((Dossier, self.dossiers), (DossierEvent, self.events), (Rating, self.ratings)):
            if rows:
                self.session.execute(insert(model), rows)
        self.session.commit()
