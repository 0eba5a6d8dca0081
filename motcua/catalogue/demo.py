"""Demo seeder "catalogue": the shipped national catalogue (2,642 procedures) for ``make run``."""

from datetime import date

from sqlalchemy.orm import Session

from motcua.catalogue.importer import import_catalogue


def seed_catalogue(session: Session, _today: date) -> None:
    import_catalogue(session)
