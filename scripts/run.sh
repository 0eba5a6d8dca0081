#!/usr/bin/env bash
# make run: migrate, seed demo data into an empty database, train the bot if needed, then start the
# Flask app (5000), the Rasa server (5005) and the action server (5055). Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
export SQLALCHEMY_SILENCE_UBER_WARNING=1
APP_PORT=${APP_PORT:-5000}; RASA_PORT=${RASA_PORT:-5005}; ACTIONS_PORT=${ACTIONS_PORT:-5055}
export MOTCUA_API_URL=${MOTCUA_API_URL:-http://localhost:$APP_PORT}
export ACTION_ENDPOINT_URL=${ACTION_ENDPOINT_URL:-http://localhost:$ACTIONS_PORT/webhook}
export RASA_URL=${RASA_URL:-http://localhost:$RASA_PORT}
export PUBLIC_BASE_URL=${PUBLIC_BASE_URL:-http://localhost:$APP_PORT}
# bot/credentials.yml reads these for the Zalo channel; Rasa refuses unset ones, empty ones switch Zalo off.
for var in ZALO_APP_ID ZALO_OA_SECRET_KEY ZALO_APP_SECRET_KEY ZALO_ACCESS_TOKEN ZALO_REFRESH_TOKEN ZALO_STATE_URL; do
  export "$var=${!var:-}"
done
mkdir -p .run instance

for port in "$APP_PORT" "$RASA_PORT" "$ACTIONS_PORT"; do
  if .venv/bin/python -c "import socket,sys; s=socket.socket(); s.settimeout(0.3); sys.exit(0 if s.connect_ex(('127.0.0.1', $port)) == 0 else 1)"; then
    echo "Cổng $port đang bị chiếm / port $port is already in use." >&2
    echo "Stop what uses it (e.g. 'ss -ltnp | grep :$port') or choose another with APP_PORT/RASA_PORT/ACTIONS_PORT." >&2
    exit 1
  fi
done

.venv/bin/flask --app server init-db
.venv/bin/flask --app server seed-demo
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

(cd bot && exec ../.venv-bot/bin/rasa run actions --actions actions --port "$ACTIONS_PORT") > .run/actions.log 2>&1 &
pids+=($!)
(cd bot && exec ../.venv-bot/bin/rasa run --model models/current.tar.gz --enable-api --port "$RASA_PORT" \
   --credentials credentials.yml --endpoints endpoints.yml --cors "http://localhost:$APP_PORT" "http://127.0.0.1:$APP_PORT" ${RASA_CORS_ORIGINS:-}) > .run/rasa.log 2>&1 &
pids+=($!)
.venv/bin/gunicorn --workers "${WEB_WORKERS:-2}" --bind "0.0.0.0:$APP_PORT" --access-logfile - "server:create_app()" > .run/app.log 2>&1 &
pids+=($!)

wait_for() {  # name url seconds
  local deadline=$((SECONDS + $3))
  until curl -fsS -o /dev/null "$2" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then echo "$1 did not start in $3 s; see .run/*.log" >&2; exit 1; fi
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "$1: a process exited; see .run/*.log" >&2; tail -20 .run/*.log >&2; exit 1; }; done
    sleep 1
  done
}
wait_for "Flask app" "http://localhost:$APP_PORT/healthz" 60
wait_for "action server" "http://localhost:$ACTIONS_PORT/health" 120
wait_for "Rasa server" "http://localhost:$RASA_PORT/status" 300

cat <<MSG

Một Cửa is running (logs in .run/):
  Citizen site and kiosk   http://localhost:$APP_PORT/
  Staff sign-in            http://localhost:$APP_PORT/auth/login   (demo: quanly / motcua-demo)
  Rasa server (REST)       http://localhost:$RASA_PORT/webhooks/rest/webhook
  Action server            http://localhost:$ACTIONS_PORT/webhook
Press Ctrl-C to stop all three.
MSG
wait -n "${pids[@]}" || true
echo "A process stopped unexpectedly; see .run/*.log" >&2
exit 1
