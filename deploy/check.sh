#!/usr/bin/env bash
# deploy/check.sh — the deployment checks `make test` runs (docs/operations.md):
#   1. nginx accepts the production site (deploy/nginx/motcua.conf, with a throw-away certificate);
#   2. every variable the units and the bot read is in the environment templates (deploy/env/);
#   3. the operator's commands (init-db, bootstrap, backup, restore) on a scratch PostgreSQL database;
#   4. the loopback cluster test (tests/deploy: nginx, 2 app instances, 2 Rasa replicas, SIGKILL mid-load).
# 3 and 4 need PostgreSQL and Redis on 127.0.0.1 (5432, 6379), and are skipped, saying so, without them.
set -euo pipefail
cd "$(dirname "$0")/.."
export SQLALCHEMY_SILENCE_UBER_WARNING=1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

answers() {
  .venv/bin/python -c "import socket,sys; s=socket.socket(); s.settimeout(0.5); sys.exit(0 if s.connect_ex(('127.0.0.1', $1)) == 0 else 1)"
}
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  echo "==> installing nginx (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends nginx-light >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

echo "==> nginx -t on the production site"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=tro-ly.example.gov.vn \
  -keyout "$scratch/key.pem" -out "$scratch/cert.pem" 2>/dev/null
sed -e "s|/etc/letsencrypt/live/tro-ly.example.gov.vn/fullchain.pem|$scratch/cert.pem|" \
    -e "s|/etc/letsencrypt/live/tro-ly.example.gov.vn/privkey.pem|$scratch/key.pem|" \
    -e "s|/opt/motcua/deploy/nginx/|$PWD/deploy/nginx/|" \
    -e "s|/var/log/nginx/motcua.access.log|$scratch/access.log|" deploy/nginx/motcua.conf > "$scratch/site.conf"
cat > "$scratch/nginx.conf" <<CONF
pid $scratch/nginx.pid;
error_log $scratch/error.log;
events {}
http { include $scratch/site.conf; }
CONF
"$NGINX" -t -q -c "$scratch/nginx.conf" -p "$scratch"

echo "==> the environment templates name every variable the units and the assistant read"
missing=0
for var in $(grep -ohE '\$\{[A-Z_]+\}' deploy/systemd/*.service bot/endpoints.yml bot/credentials.yml | tr -d '${}' | sort -u) \
  RASA_TRACKER_STORE_URL RASA_LOCK_STORE_URL RABBITMQ_URL RASA_AUTH_TOKEN ACTION_SERVER_TOKEN MOTCUA_API_KEY \
  DATABASE_URL SECRET_KEY REDIS_URL TRUSTED_PROXIES PUBLIC_BASE_URL RASA_URL LOG_FORMAT MOTCUA_INSTANCE_PATH; do
  grep -q "^$var=" deploy/env/*.env || { echo "   $var is in no template under deploy/env/" >&2; missing=1; }
done
[ "$missing" = 0 ]

if ! { answers 5432 && answers 6379; }; then
  echo "==> PostgreSQL or Redis does not answer on 127.0.0.1: operator commands and cluster test skipped"
  exit 0
fi

echo "==> the operator's commands on a scratch PostgreSQL database"
db=motcua_check_$$
.venv/bin/python -c "import psycopg; c = psycopg.connect('postgresql://postgres@127.0.0.1:5432/postgres', autocommit=True); c.execute('CREATE DATABASE $db')"
drop() {
  .venv/bin/python -c "import psycopg; c = psycopg.connect('postgresql://postgres@127.0.0.1:5432/postgres', autocommit=True); c.execute('DROP DATABASE IF EXISTS $db WITH (FORCE)')"
  rm -rf "$scratch"
}
trap drop EXIT
(
  export DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/$db MOTCUA_INSTANCE_PATH=$scratch/instance
  FLASK=(.venv/bin/flask --app server)
  "${FLASK[@]}" init-db >/dev/null
  "${FLASK[@]}" bootstrap >/dev/null
  "${FLASK[@]}" init-db >/dev/null   # an upgrade with nothing new changes nothing
  "${FLASK[@]}" backup "$scratch/motcua.dump"
  "${FLASK[@]}" restore "$scratch/motcua.dump"
  "${FLASK[@]}" create-api-key check-assistant --unit 000.00.00.H62 --scope assistant >/dev/null
)

if [ "${CHECK_SKIP_CLUSTER:-0}" = 1 ]; then echo "==> cluster test skipped (CHECK_SKIP_CLUSTER=1)"; exit 0; fi
echo "==> the loopback cluster (tests/deploy, a few minutes)"
.venv/bin/python -m pytest tests/deploy -m deploy -p no:cacheprovider
