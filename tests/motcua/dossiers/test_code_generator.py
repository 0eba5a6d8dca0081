"""The generator issues consecutive numbers per unit and day, with no gap or duplicate, even when
several workers receive dossiers at the same moment (checked with parallel writers on PostgreSQL)."""

import os
import threading
from datetime import date

import pytest
from sqlalchemy import select

from motcua.dossiers.codes import next_code
from motcua.units import Unit

DAY = date(2026, 4, 15)


def unit_ids(session) -> tuple[int, int]:
    first = session.scalar(select(Unit.id).where(Unit.code == "000.00.12.H62"))
    second = session.scalar(select(Unit.id).where(Unit.code == "000.00.00.H62"))
    return first, second


def test_numbers_run_per_unit_per_day_from_0001(catalogue):
    commune, centre = unit_ids(catalogue)
    issued = [next_code(catalogue, commune, "000.00.12.H62", DAY) for _ in range(3)]
    assert issued == [f"000.00.12.H62-260415-000{n}" for n in (1, 2, 3)]
    assert next_code(catalogue, centre, "000.00.00.H62", DAY).endswith("-0001")
    assert next_code(catalogue, commune, "000.00.12.H62", date(2026, 4, 16)) == "000.00.12.H62-260416-0001"


def test_a_rolled_back_intake_gives_its_number_back(catalogue):
    commune, _ = unit_ids(catalogue)
    next_code(catalogue, commune, "000.00.12.H62", DAY)
    catalogue.commit()
    next_code(catalogue, commune, "000.00.12.H62", DAY)
    catalogue.rollback()
    assert next_code(catalogue, commune, "000.00.12.H62", DAY).endswith("-0002")


@pytest.mark.postgres
@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="parallel writers need PostgreSQL")
def test_parallel_writers_get_gap_free_unique_numbers(app, catalogue):
    commune, _ = unit_ids(catalogue)
    factory = app.extensions["motcua.sessions"]
    issued: list[str] = []
    failures: list[BaseException] = []
    start = threading.Barrier(8)

    def worker() -> None:
        try:
            start.wait()
            for _ in range(25):
                with factory() as session:
                    issued.append(next_code(session, commune, "000.00.12.H62", DAY))
                    session.commit()
        except BaseException as exc:  # reported below: a thread's exception would be lost otherwise
            failures.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    numbers = sorted(int(code.rsplit("-", 1)[1]) for code in issued)
    assert numbers == list(range(1, 201))
