"""The demo seeders of every domain, in the order they run: each gets the session and "today" and adds
its demo rows. Dossiers need the catalogue and the counters' officers; ratings rate the dossiers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy.orm import Session

from motcua.catalogue.demo import seed_catalogue
from motcua.demo import seed_units
from motcua.dossiers.demo import seed_dossiers
from motcua.feedback.demo import seed_ratings
from motcua.feedback.demo_staff import seed_staff

SEEDERS: list[tuple[str, Callable[[Session, date], None]]] = [
    ("units", seed_units),
    ("catalogue", seed_catalogue),
    ("staff", seed_staff),
    ("dossiers", seed_dossiers),
    ("ratings", seed_ratings),
]


def seed_demo(session: Session, today: date) -> list[str]:
    """Run every seeder in order; returns the names of those that ran."""
    done = []
    for name, seeder in SEEDERS:
        seeder(session, today)
        session.flush()
        done.append(name)
    return done
