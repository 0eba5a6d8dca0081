#!/usr/bin/env bash
# The app suite: ruff, then pytest on SQLite, then (when TEST_DATABASE_URL is set) on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check .
echo "==> app tests on SQLite"
env -u TEST_DATABASE_URL .venv/bin/python -m pytest "$@"
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  # The browser tests drive pages whose data layer the run above already covered; on PostgreSQL the
  # rest of the suite runs again (queries, locks, migrations), which keeps CI within its time.
  echo "==> app tests on PostgreSQL (${TEST_DATABASE_URL%%\?*}), without the browser tests"
  .venv/bin/python -m pytest -m "not browser" "$@"
fi
