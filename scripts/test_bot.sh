#!/usr/bin/env bash
# The bot checks (Rasa environment, Python 3.10): training data validation, the action unit tests,
# then on the trained model (trained here if its inputs changed, ~40 s) a real Rasa and action server
# started as make run starts them (API token, action server secret, redacted conversations), the
# end-to-end hand-off tests (app environment, Chromium), the held-out NLU evaluation and the conversation tests.
set -euo pipefail
cd "$(dirname "$0")/../bot"
export SQLALCHEMY_SILENCE_UBER_WARNING=1
echo "==> rasa data validate"
../.venv-bot/bin/rasa data validate --domain domain.yml --data data ../nlu_data/nlu --config config.yml --fail-on-warnings
echo "==> action tests"
../.venv-bot/bin/python -m pytest -c pytest.ini -m "not slow"
../scripts/train_bot.sh
echo "==> real rasa run: API token, action server secret, redacted conversations (tests marked slow)"
../.venv-bot/bin/python -m pytest -c pytest.ini -m slow
echo "==> end to end: hand-off to an officer in the widget (Chromium) and on Zalo, real app, Rasa and actions (tests/e2e)"
(cd .. && MOTCUA_E2E=1 .venv/bin/python -m pytest tests/e2e -p no:cacheprovider)
echo "==> held-out NLU evaluation (nlu_data/heldout, never trained on)"
../.venv-bot/bin/python ../scripts/eval_nlu.py --min-f1 "${MIN_HELDOUT_F1:-0.90}" 2>/dev/null
echo "==> conversation tests (bot_tests/test_stories.yml)"
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
../.venv-bot/bin/rasa test core --stories bot_tests/test_stories.yml --model models/current.tar.gz \
  --out "$results" --fail-on-prediction-errors --no-plot >"$results/log" 2>&1 || {
  cat "$results/failed_test_stories.yml" 2>/dev/null || tail -40 "$results/log"
  exit 1
}
grep -o "Correct: .*" "$results/log" | head -1 || true
echo "all conversation tests passed"
