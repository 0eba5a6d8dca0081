#!/usr/bin/env bash
# serve_bot.sh rasa|actions — start the Rasa server or the action server the one way make run (scripts/run.sh)
# and the tests against a real server (bot/bot_tests/test_rasa_api_auth.py) start them.
#
# rasa:    RASA_HOST (127.0.0.1), RASA_PORT (5005), RASA_AUTH_TOKEN (required: the HTTP API's token),
#          ACTION_ENDPOINT_URL and ACTION_SERVER_TOKEN (read by endpoints.yml), RASA_CORS_ORIGINS (extra origins
#          besides http://localhost:APP_PORT and http://127.0.0.1:APP_PORT), RASA_MODEL (models/current.tar.gz),
#          MOTCUA_API_URL and MOTCUA_TURNS_API_KEY (the assistant's insights: turns forwarded to the app).
# actions: ACTIONS_HOST (127.0.0.1), ACTIONS_PORT (5055), ACTION_SERVER_TOKEN (required), MOTCUA_API_URL,
#          MOTCUA_API_KEY (the assistant's key for the app).
# Secrets reach each process through its environment, never its command line (visible to every local
# user in `ps`), and each process gets only the secrets it needs.
set -euo pipefail
cd "$(dirname "$0")/../bot"
export SQLALCHEMY_SILENCE_UBER_WARNING=1

require() {
  if [ -z "${!1:-}" ]; then echo "serve_bot.sh: $1 is not set (scripts/run.sh makes it into instance/)" >&2; exit 2; fi
}

case "${1:-}" in
  rasa)
    require RASA_AUTH_TOKEN; require ACTION_SERVER_TOKEN; require ACTION_ENDPOINT_URL
    # The tracker store posts each citizen turn, masked, to the app's insights (bot/stores/turns.py) with
    # MOTCUA_TURNS_API_KEY (scope turns, which assistant includes: make run gives the assistant's key on its one
    # machine; production a turns-only key); Rasa needs no other key.
    export MOTCUA_TURNS_API_KEY=${MOTCUA_TURNS_API_KEY:-${MOTCUA_API_KEY:-}}
    unset MOTCUA_API_KEY
    # bot/credentials.yml reads these for the Zalo channel; Rasa refuses unset ones, empty ones switch Zalo off.
    for var in ZALO_APP_ID ZALO_OA_SECRET_KEY ZALO_APP_SECRET_KEY ZALO_ACCESS_TOKEN ZALO_REFRESH_TOKEN ZALO_STATE_URL; do
      export "$var=${!var:-}"
    done
    app_port=${APP_PORT:-5000}
    # `rasa run --auth-token X` would show X in `ps`: the token is added to the arguments inside Python,
    # joined with "=" so that a token beginning with "-" is not read as an option.
    # shellcheck disable=SC2086  # RASA_CORS_ORIGINS is a space-separated list of origins
    exec ../.venv-bot/bin/python -c '
import os, sys
from rasa.__main__ import main
sys.argv = ["rasa", *sys.argv[1:], "--auth-token=" + os.environ.pop("RASA_AUTH_TOKEN")]
main()' run --model "${RASA_MODEL:-models/current.tar.gz}" --enable-api \
      --interface "${RASA_HOST:-127.0.0.1}" --port "${RASA_PORT:-5005}" \
      --credentials credentials.yml --endpoints endpoints.yml \
      --cors "http://localhost:$app_port" "http://127.0.0.1:$app_port" ${RASA_CORS_ORIGINS:-}
    ;;
  actions)
    require ACTION_SERVER_TOKEN
    unset RASA_AUTH_TOKEN
    SANIC_HOST=${ACTIONS_HOST:-127.0.0.1} exec ../.venv-bot/bin/rasa run actions --actions actions \
      --port "${ACTIONS_PORT:-5055}"
    ;;
  *)
    echo "usage: scripts/serve_bot.sh rasa|actions" >&2; exit 2
    ;;
esac
