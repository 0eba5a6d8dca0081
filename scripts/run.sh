#!/usr/bin/env bash
# make run: migrate, set up the centre (bootstrap), add demo data only when asked (make demo / MOTCUA_DEMO=1),
# train the bot if needed, then start the Flask app (5000), the Rasa server (5005) and the action server (5055).
# Ctrl-C stops all three.
#
# Safe by default: the three listen on 127.0.0.1 (APP_HOST, RASA_HOST, ACTIONS_HOST to change; put a TLS
# proxy in front for the public), Rasa's HTTP API needs RASA_AUTH_TOKEN, the action server answers only
# Rasa (ACTION_SERVER_TOKEN) and the assistant calls the app with its own API key (MOTCUA_API_KEY). Unset
# secrets are made once into instance/ (mode 600) and reused; none is ever printed.
set -euo pipefail
cd "$(dirname "$0")/.."
export SQLALCHEMY_SILENCE_UBER_WARNING=1
export APP_PORT=${APP_PORT:-5000} RASA_PORT=${RASA_PORT:-5005} ACTIONS_PORT=${ACTIONS_PORT:-5055}
export APP_HOST=${APP_HOST:-127.0.0.1} RASA_HOST=${RASA_HOST:-127.0.0.1} ACTIONS_HOST=${ACTIONS_HOST:-127.0.0.1}
# The unit the assistant speaks for is the centre bootstrap sets up.
export MOTCUA_DEFAULT_UNIT=${MOTCUA_DEFAULT_UNIT:-${MOTCUA_UNIT:-000.00.00.H62}}
export MOTCUA_UNIT=${MOTCUA_UNIT:-$MOTCUA_DEFAULT_UNIT}

# Where this machine reaches a server listening on HOST (a wildcard address is reached on loopback).
local_url() {
  case "$1" in 0.0.0.0 | "::" | "[::]") echo "http://127.0.0.1:$2" ;; *) echo "http://$1:$2" ;; esac
}
export MOTCUA_API_URL=${MOTCUA_API_URL:-$(local_url "$APP_HOST" "$APP_PORT")}
export ACTION_ENDPOINT_URL=${ACTION_ENDPOINT_URL:-$(local_url "$ACTIONS_HOST" "$ACTIONS_PORT")/webhook}
export RASA_URL=${RASA_URL:-http://localhost:$RASA_PORT}
export PUBLIC_BASE_URL=${PUBLIC_BASE_URL:-http://localhost:$APP_PORT}
mkdir -p .run instance
chmod 700 instance

# instance_secret VARIABLE FILE: keep VARIABLE if set, else read instance/FILE, made once (mode 600).
instance_secret() {
  local file="instance/$2"
  if [ -n "${!1:-}" ]; then return; fi
  if [ ! -s "$file" ]; then
    (umask 077 && .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(32))' > "$file.new")
    mv "$file.new" "$file"
  fi
  chmod 600 "$file"
  export "$1=$(cat "$file")"
}
instance_secret RASA_AUTH_TOKEN rasa_token
instance_secret ACTION_SERVER_TOKEN action_server_token

for port in "$APP_PORT" "$RASA_PORT" "$ACTIONS_PORT"; do
  if .venv/bin/python -c "import socket,sys; s=socket.socket(); s.settimeout(0.3); sys.exit(0 if s.connect_ex(('127.0.0.1', $port)) == 0 else 1)"; then
    echo "Cổng $port đang bị chiếm / port $port is already in use." >&2
    echo "Stop what uses it (e.g. 'ss -ltnp | grep :$port') or choose another with APP_PORT/RASA_PORT/ACTIONS_PORT." >&2
    exit 1
  fi
done

FLASK=(.venv/bin/flask --app server)
"${FLASK[@]}" init-db
"${FLASK[@]}" bootstrap
if [ "${MOTCUA_DEMO:-0}" = 1 ]; then
  "${FLASK[@]}" seed-demo
fi

# The assistant's API key (scope "assistant", its centre only): made once, kept in instance/, reused.
# A key that no longer opens the app (a new database) is replaced.
key_file=instance/assistant_api_key
if [ -z "${MOTCUA_API_KEY:-}" ]; then
  if [ -s "$key_file" ] && ! MOTCUA_API_KEY=$(cat "$key_file") .venv/bin/python - <<'PY'
import os, sys
from motcua.apikeys import check_api_key
from server import create_app
from kiosk.core.db import new_session
with create_app().app_context(), new_session() as session:
    sys.exit(0 if check_api_key(session, os.environ["MOTCUA_API_KEY"]) else 1)
PY
  then
    rm -f "$key_file"
  fi
  if [ ! -s "$key_file" ]; then
    (umask 077 && "${FLASK[@]}" create-api-key "tro-ly-ao-$(date +%Y%m%d%H%M%S)" --unit "$MOTCUA_UNIT" \
      --scope assistant | tail -n 1 > "$key_file.new")
    mv "$key_file.new" "$key_file"
    echo "==> made the assistant's API key (kept in $key_file)"
  fi
  chmod 600 "$key_file"
  MOTCUA_API_KEY=$(cat "$key_file")
  export MOTCUA_API_KEY
fi
scripts/train_bot.sh

pids=()
stop() {
  trap - INT TERM EXIT
  echo; echo "==> stopping"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap 'stop; exit 0' INT TERM
trap stop EXIT

scripts/serve_bot.sh actions > .run/actions.log 2>&1 &
pids+=($!)
scripts/serve_bot.sh rasa > .run/rasa.log 2>&1 &
pids+=($!)
# The app needs none of the assistant's secrets but Rasa's HTTP API token: it pauses and resumes the
# assistant in a conversation an officer takes (docs/handoff.md), on Rasa directly, not through a proxy.
env -u ACTION_SERVER_TOKEN -u MOTCUA_API_KEY \
  RASA_ADMIN_URL="${RASA_ADMIN_URL:-$(local_url "$RASA_HOST" "$RASA_PORT")}" \
  .venv/bin/gunicorn --workers "${WEB_WORKERS:-2}" --bind "$APP_HOST:$APP_PORT" --access-logfile - \
  "server:create_app()" > .run/app.log 2>&1 &
pids+=($!)

wait_for() {  # name url seconds
  local deadline=$((SECONDS + $3))
  until curl -fsS -o /dev/null "$2" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then echo "$1 did not start in $3 s; see .run/*.log" >&2; exit 1; fi
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "$1: a process exited; see .run/*.log" >&2; tail -20 .run/*.log >&2; exit 1; }; done
    sleep 1
  done
}
wait_for "Flask app" "$MOTCUA_API_URL/healthz" 60
wait_for "action server" "$(local_url "$ACTIONS_HOST" "$ACTIONS_PORT")/health" 120
# Rasa answers "/" once its model is loaded; its API (/status, /conversations, /model) needs the token.
wait_for "Rasa server" "$(local_url "$RASA_HOST" "$RASA_PORT")/" 300

cat <<MSG

Một Cửa is running (logs in .run/):
  Citizen site and kiosk   http://localhost:$APP_PORT/
  Staff sign-in            http://localhost:$APP_PORT/auth/login$([ "${MOTCUA_DEMO:-0}" = 1 ] && echo "   (demo: quanly / motcua-demo)")
  Rasa server (REST)       http://localhost:$RASA_PORT/webhooks/rest/webhook
  Rasa HTTP API            http://localhost:$RASA_PORT/status?token=…   (token in instance/rasa_token)
  Action server            http://localhost:$ACTIONS_PORT/webhook   (answers Rasa only)
Listening on $APP_HOST / $RASA_HOST / $ACTIONS_HOST (APP_HOST, RASA_HOST, ACTIONS_HOST to change).
Press Ctrl-C to stop all three.
MSG
wait -n "${pids[@]}" || true
echo "A process stopped unexpectedly; see .run/*.log" >&2
exit 1
