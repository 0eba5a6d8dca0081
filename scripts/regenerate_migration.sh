#!/usr/bin/env bash
# Regenerate migrations/versions/0001_initial.py from the models (pre-release policy, see migrations/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
# Several people (or agents) may regenerate at once in one work tree: one at a time.
exec 9>/tmp/motcua-migration.lock
flock 9
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -f migrations/versions/0001_initial.py
DATABASE_URL="sqlite:///$tmp/empty.db" .venv/bin/python - <<'PY'
from alembic import command
from kiosk.cli.database import alembic_config
from motcua.db import database_url

command.revision(alembic_config(database_url()), message="initial schema", autogenerate=True, rev_id="0001")
PY
mv migrations/versions/0001_initial_schema.py migrations/versions/0001_initial.py
.venv/bin/ruff format -q migrations/versions/0001_initial.py
.venv/bin/ruff check -q --fix migrations/versions/0001_initial.py || true
echo "migrations/versions/0001_initial.py regenerated"
