#!/bin/sh
# Entry script of the production image: wait for the database, apply the
# migrations, then replace this shell with gunicorn (PID 1 gets the signals).
# With arguments it runs those instead of gunicorn, after the same steps,
# e.g. `docker compose run --rm web python manage.py createsuperuser`.
set -eu
cd "$(dirname "$0")/.."

python manage.py wait_for_db --timeout "${DB_WAIT_SECONDS:-60}"
if [ "${MIGRATE_ON_START:-1}" = "1" ]; then
  python manage.py migrate --noinput
fi

if [ "$#" -eq 0 ]; then
  set -- gunicorn --config gunicorn.conf.py catalogue.wsgi
fi
exec "$@"
