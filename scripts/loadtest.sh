#!/usr/bin/env bash
# Load test: gunicorn with production settings on PostgreSQL with 10,000
# Steckbriefe, driven by wrk (64 connections, DURATION per phase).
#
#   make loadtest            # or: scripts/loadtest.sh
#
# Phases: ceiling (/healthz: a trivial view, one SELECT 1), cached (20 public
# pages asked again and again: page-cache hits), browse (list pages),
# steckbrief (detail pages, 80 % of them to 200 popular ones), mixed (40 %
# Steckbrief, 30 % browse, 30 % filter searches), after a 10 s warm-up.
# Each phase is printed as a fraction of the ceiling measured in the same run.
# Prints one JSON line per phase and a summary table; writes them to
# artifacts/loadtest-<time>.json too.
#
# Environment: LOADTEST_DATABASE_URL (default a database "catalogue_loadtest"
# on 127.0.0.1, created and filled if needed), PROFILES (10000), DURATION (60s),
# CONNECTIONS (64), THREADS (2), PHASES ("ceiling cached browse steckbrief mixed"),
# and any setting of docs/operations.md, e.g. WEB_CONCURRENCY or CACHE_URL
# (default: the local Redis on 127.0.0.1:6379, database 15, as in production,
# where it runs; else the process-local cache).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=$ROOT/.venv/bin/python

DB_URL=${LOADTEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/catalogue_loadtest}
PROFILES=${PROFILES:-10000}
DURATION=${DURATION:-60s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
PHASES=${PHASES:-ceiling cached browse steckbrief mixed}
if [ -z "${CACHE_URL:-}" ] && command -v redis-cli >/dev/null && redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  export CACHE_URL=redis://127.0.0.1:6379/15
  redis-cli -h 127.0.0.1 -p 6379 -n 15 flushdb >/dev/null
fi

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
  else
    echo "wrk is missing: apt-get install wrk" >&2
    exit 1
  fi
fi

WORK=$(mktemp -d)
PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export DEBUG=0 SECRET_KEY=${SECRET_KEY:-loadtest-$RANDOM-$RANDOM-not-a-production-secret-key-xxxxxxxx}
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 DATABASE_URL=$DB_URL
export STATIC_ROOT=$WORK/static GUNICORN_BIND=127.0.0.1:$PORT PORT=$PORT
export PATH=$ROOT/.venv/bin:$PATH

SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== database $DB_URL"
"$PY" - "$DB_URL" <<'PYEOF'
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

url = urlsplit(sys.argv[1])
name = url.path.lstrip("/")
with psycopg.connect(urlunsplit(url._replace(path="/postgres")), autocommit=True) as conn:
    if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        print(f"created database {name}")
PYEOF
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py bench --fill-only --profiles "$PROFILES"
"$PY" manage.py collectstatic --noinput -v 0

echo "== URL lists"
"$PY" - "$WORK" <<'PYEOF'
import os
import random
import sys
from itertools import product
from urllib.parse import quote

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalogue.settings")
django.setup()
from profiles.models import Bindingness, Effort, Kind, PolicyArea, Profile

out = sys.argv[1]
slugs = list(Profile.objects.published().values_list("slug", flat=True))
random.Random(6).shuffle(slugs)  # the first HOT ones are the popular Steckbriefe
areas = list(PolicyArea.objects.values_list("slug", flat=True))
pages = max(1, min(50, len(slugs) // 20))
search = [
    f"/steckbriefe/?art={kind}&handlungsfeld={area}&aufwand={effort}"
    for kind, area, effort in product(list(Kind), areas, list(Effort))
] + [
    f"/steckbriefe/?verbindlichkeit={b}&kleine_gemeinden=ja&ausgleich=monetaer&page=2"
    for b in Bindingness
]
# Free-text search, alone and with filters (words of the synthetic catalogue).
words = ["Abwasser", "Schulwege", "Hausarztversorgung", "Radschnellweg", "Breitband",
         "Badebus", "Kinderbetreuung", "Windenergie", "Nahwärme", "Ausgleichsflächen"]
words = [quote(w) for w in words]  # wrk takes ASCII URLs only
search += [f"/steckbriefe/?q={w}" for w in words]
search += [f"/steckbriefe/?q={w}&art={kind}&aufwand=gering" for w in words for kind in Kind]
lists = {
    "ceiling": ["/healthz"],
    "cached": ["/", "/steckbriefe/"] + [f"/steckbriefe/{slug}/" for slug in slugs[:18]],
    "browse": ["/steckbriefe/"] + [f"/steckbriefe/?page={n}" for n in range(2, pages + 1)],
    "search": search,
    "steckbrief": [f"/steckbriefe/{slug}/" for slug in slugs],
}
for name, paths in lists.items():
    with open(os.path.join(out, f"{name}.txt"), "w") as f:
        f.write("\n".join(paths) + "\n")
    print(f"{name}: {len(paths)} URLs")
PYEOF

echo "== gunicorn on 127.0.0.1:$PORT (entry script, production settings)"
MIGRATE_ON_START=0 docker/entrypoint.sh >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 120); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null || { cat "$WORK/server.log"; exit 1; }
WORKERS=$(grep -c "Booting worker" "$WORK/server.log" || true)
echo "workers: $WORKERS, cpus: $(nproc), cache: ${CACHE_URL:-locmem://}"

echo "== warm-up: 10 s mixed (not measured)"
MODE=mixed URL_DIR=$WORK wrk -t "$THREADS" -c "$CONNECTIONS" -d 10s --timeout 10s \
  -s scripts/loadtest.lua "http://127.0.0.1:$PORT" >/dev/null

mkdir -p artifacts
RESULT=artifacts/loadtest-$(date -u +%Y%m%dT%H%M%SZ).json
for phase in $PHASES; do
  echo "== $phase: $CONNECTIONS connections, $DURATION"
  MODE=$phase URL_DIR=$WORK wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --timeout 10s \
    -s scripts/loadtest.lua "http://127.0.0.1:$PORT" | tee "$WORK/$phase.out"
  grep '^{"mode"' "$WORK/$phase.out" >>"$RESULT"
done

echo "== summary ($RESULT)"
"$PY" - "$RESULT" <<'PYEOF'
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1])]
ceiling = next((r["rps"] for r in rows if r["mode"] == "ceiling"), None)
print(f"{'phase':<11} {'req/s':>8} {'of ceiling':>10} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>6}")
for r in rows:
    share = f"{r['rps'] / ceiling:.0%}" if ceiling else "-"
    errors = sum(r["errors"].values())
    print(f"{r['mode']:<11} {r['rps']:>8.0f} {share:>10} {r['p50_ms']:>7.1f} {r['p95_ms']:>7.1f} {r['p99_ms']:>7.1f} {errors:>6}")
PYEOF
grep -c '"event": "request"' "$WORK/server.log" | xargs echo "requests logged by gunicorn:"
if grep -q '"level": "ERROR"' "$WORK/server.log"; then
  echo "server errors:"; grep '"level": "ERROR"' "$WORK/server.log" | head -5
  exit 1
fi
