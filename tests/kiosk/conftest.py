"""Fixtures shared by the web tests: an imported three-procedure catalogue, a fake Rasa and a fake of its
tracker API wired to the app (the hand-off tests)."""

from collections.abc import Iterator

import pytest

from motcua.catalogue.importer import import_catalogue
from tests.kiosk.catalogue_records import write_records
from tests.kiosk.fake_rasa import FakeRasa, serve_fake_rasa
from tests.kiosk.fake_rasa_admin import FakeRasaAdmin, connect, serve_fake_rasa_admin


@pytest.fixture
def catalogue(db, tmp_path) -> None:
    """Three procedures imported from raw portal records (``tests/kiosk/catalogue_records.py``)."""
    import_catalogue(db, write_records(tmp_path / "raw.jsonl.gz"))
    db.commit()


@pytest.fixture
def rasa() -> Iterator[FakeRasa]:
    """A fake Rasa REST channel on a spare port (``rasa.url``); set ``rasa.replies`` per message."""
    yield from serve_fake_rasa()


@pytest.fixture
def rasa_admin(app) -> Iterator[FakeRasaAdmin]:
    """A fake of Rasa's tracker API on a spare port, the app's Rasa client pointed at it."""
    for fake in serve_fake_rasa_admin():
        connect(app, fake)
        yield fake
