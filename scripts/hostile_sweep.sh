#!/usr/bin/env bash
# Hostile sweep: gunicorn with production settings on PostgreSQL, attacked with
# hostile parameters on every route, editor- and author-side attacks and
# hostile import files (scripts/hostile_sweep.py). Prints the number of
# requests, the status counts and every 5xx; exits 1 if there was one.
#
#   scripts/hostile_sweep.sh
#
# Environment: SWEEP_DATABASE_URL (default a database "catalogue_sweep" on
# 127.0.0.1, dropped and created anew), WEB_CONCURRENCY (2). Traffic goes to
# 127.0.0.1 only, on a free port; the request count is bounded (a few thousand).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=$ROOT/.venv/bin/python

DB_URL=${SWEEP_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/catalogue_sweep}
WORK=$(mktemp -d)
PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export DEBUG=0 SECRET_KEY=sweep-$RANDOM-$RANDOM-not-a-production-secret-key-xxxxxxxxxxxx
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 DATABASE_URL=$DB_URL
export SITE_URL=http://127.0.0.1:$PORT STATIC_ROOT=$WORK/static
export GUNICORN_BIND=127.0.0.1:$PORT PORT=$PORT WEB_CONCURRENCY=${WEB_CONCURRENCY:-2}
export MIGRATE_ON_START=0 PATH=$ROOT/.venv/bin:$PATH

SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== database $DB_URL (new)"
"$PY" - "$DB_URL" <<'PYEOF'
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

url = urlsplit(sys.argv[1])
name = url.path.lstrip("/")
with psycopg.connect(urlunsplit(url._replace(path="/postgres")), autocommit=True) as conn:
    conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
PYEOF
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py load_demo >/dev/null
"$PY" manage.py collectstatic --noinput -v 0

echo "== gunicorn on 127.0.0.1:$PORT (DEBUG=0, PostgreSQL, $WEB_CONCURRENCY workers)"
docker/entrypoint.sh >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 60); do
  if "$PY" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/healthz', timeout=2)" 2>/dev/null; then break; fi
  sleep 1
done

"$PY" scripts/hostile_sweep.py "http://127.0.0.1:$PORT"
status=$?
echo "== server log: $(grep -c '"levelname": "ERROR"' "$WORK/server.log" || true) error lines"
grep '"levelname": "ERROR"' "$WORK/server.log" | head -5 || true
exit $status
