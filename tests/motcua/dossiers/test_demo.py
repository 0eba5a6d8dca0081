from collections import Counter
from datetime import date

from sqlalchemy import select

from motcua.dossiers.codes import next_code, parse_code
from motcua.dossiers.demo import seed_dossiers
from motcua.dossiers.models import Dossier
from motcua.units import Unit

TODAY = date(2026, 4, 15)


def test_demo_dossiers_cover_six_months_in_realistic_proportions(catalogue):
    seed_dossiers(catalogue, TODAY)
    dossiers = list(catalogue.scalars(select(Dossier)))
    assert len(dossiers) > 500
    assert min(d.received_at for d in dossiers).date() < date(2025, 10, 20)
    channels = Counter(d.channel for d in dossiers)
    assert channels["truc_tiep"] > channels["truc_tuyen"] > channels["buu_chinh"] > 0
    # Early is only possible when the legal time is more than "on the day".
    kinds = Counter(d.timeliness for d in dossiers if d.timeliness and d.processing_days)
    resolved = sum(kinds.values())
    assert kinds["truoc_han"] / resolved > 0.7
    assert 0 < kinds["qua_han"] / resolved < 0.03
    assert any(d.state in (2, 4, 5) for d in dossiers)
    assert all(len(d.events) >= 2 for d in dossiers)


def test_counter_intake_continues_after_the_demo_numbers(catalogue):
    seed_dossiers(catalogue, TODAY)
    unit = catalogue.scalar(select(Unit).where(Unit.code == "000.00.12.H62"))
    last = max(
        parse_code(code).number
        for code in catalogue.scalars(select(Dossier.code).where(Dossier.unit_id == unit.id))
        if parse_code(code).received_on == date(2026, 4, 14)
    )
    assert parse_code(next_code(catalogue, unit.id, unit.code, date(2026, 4, 14))).number == last + 1
