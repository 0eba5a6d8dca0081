#!/usr/bin/env bash
# The bot checks: training data validation and the action unit tests (Rasa environment, Python 3.10).
set -euo pipefail
cd "$(dirname "$0")/../bot"
export SQLALCHEMY_SILENCE_UBER_WARNING=1
echo "==> rasa data validate"
../.venv-bot/bin/rasa data validate --domain domain.yml --data data ../nlu_data/nlu --config config.yml --fail-on-warnings
echo "==> action tests"
../.venv-bot/bin/python -m pytest -c pytest.ini
