"""The migration under migrations/ builds exactly the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from kiosk.cli.database import upgrade
from motcua.db import make_engine
from motcua.models import Base


def test_init_db_builds_the_schema_the_models_describe(tmp_path):
    url = f"sqlite:///{tmp_path / 'migrated.db'}"
    upgrade(url)
    upgrade(url)  # a second run is a no-op, as make run relies on
    engine = make_engine(url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == [], "models and migrations disagree: run `make migration`"


def test_init_db_command_reports_success(runner, tmp_path, app):
    app.config["DATABASE_URL"] = f"sqlite:///{tmp_path / 'cli.db'}"
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
