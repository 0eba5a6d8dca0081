#!/usr/bin/env bash
# deploy/local-cluster.sh [start|stop] [--detach] — what production runs, on loopback (make run-cluster):
# nginx on CLUSTER_PORT (8080) with the production locations (deploy/nginx/motcua-locations.conf) in front of
# 2 gunicorn app instances, 2 Rasa replicas (conversations in PostgreSQL through the redacting store, locks in
# Redis) and the action server; the app on PostgreSQL and Redis. Installs nginx when absent and starts
# PostgreSQL or Redis when they do not answer on 127.0.0.1. Prints the entry URL.
#
# start (default) runs in the foreground (Ctrl-C stops all); --detach returns once the entry answers and
# `stop` ends it later (the deploy test does that). State, logs and pid files: .run/cluster/.
# Variables: CLUSTER_PORT (8080), CLUSTER_DB (motcua_cluster), CLUSTER_RASA_DB (rasa_cluster), PGHOST_URL
# (postgresql://postgres@127.0.0.1:5432), CLUSTER_REDIS (redis://127.0.0.1:6379), CLUSTER_REDIS_DB (3: the
# first of three Redis databases, limits, Rasa locks, Zalo state), MOTCUA_DEMO=1 for demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
STATE=$ROOT/.run/cluster
PIDS=$STATE/pids
export SQLALCHEMY_SILENCE_UBER_WARNING=1

PORT=${CLUSTER_PORT:-8080}
APP_PORTS=(8101 8102)
RASA_PORTS=(8105 8106)
ACTIONS_PORT=8155
PG=${PGHOST_URL:-postgresql://postgres@127.0.0.1:5432}
REDIS=${CLUSTER_REDIS:-redis://127.0.0.1:6379}
REDIS_DB=${CLUSTER_REDIS_DB:-3}
DB=${CLUSTER_DB:-motcua_cluster}
RASA_DB=${CLUSTER_RASA_DB:-rasa_cluster}
ENTRY=http://127.0.0.1:$PORT

stop_cluster() {  # TERM to each process the cluster started, then wait (20 s at most) until they are gone
  local pidfile pid pids=()
  for pidfile in "$PIDS"/*.pid; do
    [ -e "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null && pids+=("$pid")
    rm -f "$pidfile"
  done
  for _ in $(seq 40); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && return 0
    sleep 0.5
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
}

case "${1:-start}" in
  stop) stop_cluster; echo "cluster stopped"; exit 0 ;;
  start) shift || true ;;
  --detach) ;;
  *) echo "usage: deploy/local-cluster.sh [start|stop] [--detach]" >&2; exit 2 ;;
esac
DETACH=0
for arg in "$@"; do [ "$arg" = --detach ] && DETACH=1; done

answers() {  # host port
  .venv/bin/python -c "import socket,sys; s=socket.socket(); s.settimeout(0.5); sys.exit(0 if s.connect_ex(('$1', $2)) == 0 else 1)"
}

# --- the engines: nginx (Debian package), PostgreSQL, Redis ---------------------------------------------------
apt_install() {
  echo "==> installing $* (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || apt_install nginx-light
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if ! answers 127.0.0.1 5432; then
  command -v pg_ctlcluster >/dev/null 2>&1 || apt_install postgresql
  echo "==> starting PostgreSQL"
  service postgresql start >/dev/null 2>&1 || pg_ctlcluster "$(ls /etc/postgresql | sort -V | tail -1)" main start
fi
if ! answers 127.0.0.1 6379; then
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  echo "==> starting Redis"
  redis-server --bind 127.0.0.1 --port 6379 --daemonize yes >/dev/null
fi
for _ in $(seq 30); do answers 127.0.0.1 5432 && answers 127.0.0.1 6379 && break; sleep 1; done

for port in "$PORT" "${APP_PORTS[@]}" "${RASA_PORTS[@]}" "$ACTIONS_PORT"; do
  if answers 127.0.0.1 "$port"; then
    echo "port $port is in use (a cluster already running? deploy/local-cluster.sh stop)" >&2; exit 1
  fi
done

# --- configuration: what /etc/motcua/*.env hold in production (deploy/env/) --------------------------------------
mkdir -p "$STATE" "$PIDS" "$STATE/instance" "$STATE/nginx"
chmod 700 "$STATE/instance"
.venv/bin/python - "$PG" "$DB" "$RASA_DB" <<'PY'
import sys
import psycopg
server, *names = sys.argv[1:]
with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
    for name in names:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
PY
secret() {  # FILE: made once in the cluster's instance folder (mode 600), printed for export
  local file="$STATE/instance/$1"
  [ -s "$file" ] || (umask 077 && .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(32))' > "$file")
  cat "$file"
}
export MOTCUA_INSTANCE_PATH=$STATE/instance
export DATABASE_URL=${PG/postgresql:/postgresql+psycopg:}/$DB
export REDIS_URL=$REDIS/$REDIS_DB
export SECRET_KEY; SECRET_KEY=$(secret secret_key)
export TRUSTED_PROXIES=1
export PUBLIC_BASE_URL=$ENTRY RASA_URL=$ENTRY
export MOTCUA_DEFAULT_UNIT=${MOTCUA_DEFAULT_UNIT:-000.00.00.H62}
export MOTCUA_UNIT=${MOTCUA_UNIT:-$MOTCUA_DEFAULT_UNIT}
export LOG_FORMAT=json
RASA_AUTH_TOKEN=$(secret rasa_token)
ACTION_SERVER_TOKEN=$(secret action_server_token)

FLASK=(.venv/bin/flask --app server)
"${FLASK[@]}" init-db
"${FLASK[@]}" bootstrap
[ "${MOTCUA_DEMO:-0}" = 1 ] && "${FLASK[@]}" seed-demo
# The assistant's API key, made once and kept; replaced when it no longer opens the app (a new database).
key_file=$STATE/instance/assistant_api_key
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
  (umask 077 && "${FLASK[@]}" create-api-key "tro-ly-ao-cluster-$(date +%Y%m%d%H%M%S)" --unit "$MOTCUA_UNIT" \
    --scope assistant | tail -n 1 > "$key_file")
fi
# The Rasa model: trained when there is none (make train refreshes it).
[ -e bot/models/current.tar.gz ] || scripts/train_bot.sh

# --- the processes --------------------------------------------------------------------------------------------
launch() {  # name command...: in the background, pid in .run/cluster/pids/name.pid, output in name.log
  local name=$1; shift
  "$@" > "$STATE/$name.log" 2>&1 &
  echo $! > "$PIDS/$name.pid"
}
launch actions env -u RASA_AUTH_TOKEN -u DATABASE_URL -u SECRET_KEY ACTION_SERVER_TOKEN="$ACTION_SERVER_TOKEN" \
  MOTCUA_API_KEY="$(cat "$key_file")" MOTCUA_API_URL="$ENTRY" ACTIONS_HOST=127.0.0.1 ACTIONS_PORT=$ACTIONS_PORT \
  ACTIONS_METRICS_PORT=9155 scripts/serve_bot.sh actions
for i in 0 1; do
  launch "rasa-$((i + 1))" env -u DATABASE_URL -u SECRET_KEY -u REDIS_URL RASA_AUTH_TOKEN="$RASA_AUTH_TOKEN" \
    ACTION_SERVER_TOKEN="$ACTION_SERVER_TOKEN" ACTION_ENDPOINT_URL="http://127.0.0.1:$ACTIONS_PORT/webhook" \
    RASA_HOST=127.0.0.1 RASA_PORT="${RASA_PORTS[$i]}" APP_PORT="$PORT" \
    RASA_TRACKER_STORE_URL="$PG/$RASA_DB" RASA_LOCK_STORE_URL="$REDIS/$((REDIS_DB + 1))" ZALO_STATE_URL="$REDIS/$((REDIS_DB + 2))" \
    TICKET_LOCK_LIFETIME=20 MOTCUA_TURNS_API_KEY="$(cat "$key_file")" MOTCUA_API_URL="$ENTRY" \
    scripts/serve_bot.sh rasa
done
for i in 0 1; do
  # Each instance's workers add up their metrics in a folder of its own, emptied at start (kiosk/metrics.py).
  metrics_dir=$STATE/metrics-app-$((i + 1))
  rm -rf "$metrics_dir" && mkdir -p "$metrics_dir"
  # The hand-off pauses/resumes the assistant on a Rasa replica directly (they share the tracker store), never nginx.
  launch "app-$((i + 1))" env PROMETHEUS_MULTIPROC_DIR="$metrics_dir" RASA_AUTH_TOKEN="$RASA_AUTH_TOKEN" \
    RASA_ADMIN_URL="http://127.0.0.1:${RASA_PORTS[$i]}" .venv/bin/gunicorn --workers "${WEB_WORKERS:-2}" \
    --bind "127.0.0.1:${APP_PORTS[$i]}" --timeout 60 "server:create_app()"
done

servers() { local port; for port in "$@"; do echo "        server 127.0.0.1:$port max_fails=3 fail_timeout=10s;"; done; }
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"  # loopback only: temp files under .run/cluster/nginx
cat > "$STATE/nginx/nginx.conf" <<CONF
# Made by deploy/local-cluster.sh: the production locations on loopback, over HTTP.
$user_line
daemon off;
worker_processes 1;
pid $STATE/nginx/nginx.pid;
error_log $STATE/nginx-error.log warn;
events { worker_connections 1024; }
http {
    # How long each request took, and each upstream it was tried on: what a failure under load is read from.
    log_format timed '\$remote_addr [\$time_local] "\$request" \$status \$body_bytes_sent '
                     'rt=\$request_time upstream=\$upstream_addr ut=\$upstream_response_time id=\$request_id';
    access_log $STATE/nginx-access.log timed;
    client_body_temp_path $STATE/nginx/body;
    proxy_temp_path $STATE/nginx/proxy;
    fastcgi_temp_path $STATE/nginx/fastcgi;
    uwsgi_temp_path $STATE/nginx/uwsgi;
    scgi_temp_path $STATE/nginx/scgi;
    server_tokens off;
    upstream motcua_app {
$(servers "${APP_PORTS[@]}")
        keepalive 16;
    }
    upstream motcua_rasa {
$(servers "${RASA_PORTS[@]}")
        keepalive 16;
    }
    upstream motcua_rasa_ws {
        hash \$remote_addr consistent;
$(servers "${RASA_PORTS[@]}")
    }
    map \$http_upgrade \$connection_upgrade { default upgrade; "" ""; }
    server {
        listen 127.0.0.1:$PORT;
        include $ROOT/deploy/nginx/motcua-locations.conf;
    }
}
CONF
"$NGINX" -t -c "$STATE/nginx/nginx.conf" -p "$STATE/nginx" 2>&1 | grep -v "successful\|syntax is ok" || true
: > "$STATE/nginx-access.log"; : > "$STATE/nginx-error.log"  # this start's requests only
launch nginx "$NGINX" -c "$STATE/nginx/nginx.conf" -p "$STATE/nginx"

wait_for() {  # what url seconds
  local deadline=$((SECONDS + $3))
  until curl -fsS -o /dev/null "$2" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then
      echo "$1 did not answer in $3 s; see $STATE/*.log" >&2; tail -n 20 "$STATE"/*.log >&2; stop_cluster; exit 1
    fi
    sleep 1
  done
}
wait_for "app 1" "http://127.0.0.1:${APP_PORTS[0]}/healthz" 90
wait_for "app 2" "http://127.0.0.1:${APP_PORTS[1]}/healthz" 90
wait_for "action server" "http://127.0.0.1:$ACTIONS_PORT/health" 120
wait_for "Rasa 1" "http://127.0.0.1:${RASA_PORTS[0]}/" 420
wait_for "Rasa 2" "http://127.0.0.1:${RASA_PORTS[1]}/" 420
wait_for "nginx" "$ENTRY/healthz" 30

cat <<MSG

Một Cửa cluster is running on loopback (logs and pid files in .run/cluster/):
  Public entry (nginx)   $ENTRY/
  behind it              app 127.0.0.1:${APP_PORTS[0]} and :${APP_PORTS[1]}, Rasa :${RASA_PORTS[0]} and :${RASA_PORTS[1]}, actions :$ACTIONS_PORT
  databases              $PG/$DB (app), $PG/$RASA_DB (conversations), Redis $REDIS/$REDIS_DB (limits), /$((REDIS_DB + 1)) (Rasa locks)
MSG
if [ "$DETACH" = 1 ]; then
  echo "Stop it with: deploy/local-cluster.sh stop"
  exit 0
fi
echo "Press Ctrl-C to stop."
trap 'stop_cluster; exit 0' INT TERM
while :; do
  for pidfile in "$PIDS"/*.pid; do
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "$(basename "$pidfile" .pid) stopped; see $STATE/*.log" >&2; stop_cluster; exit 1
    fi
  done
  sleep 2
done
