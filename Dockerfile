# syntax=docker/dockerfile:1
# Production image: gunicorn serving the catalogue, static files by whitenoise.
# Build: docker build -t katalog .   Run: docker compose up (compose.yaml)

# ---- Build stage: the locked dependencies (hash-checked) in a virtualenv.
FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/venv
COPY requirements/prod.txt /tmp/prod.txt
RUN /opt/venv/bin/pip install --require-hashes --no-deps -r /tmp/prod.txt

# ---- Runtime stage: the app, its hashed and compressed static files, no compiler.
FROM python:3.11-slim-bookworm AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=catalogue.settings \
    DEBUG=0 \
    PORT=8000
# WeasyPrint (the Steckbrief PDF) needs Pango with FreeType, HarfBuzz's subsetter
# (embedded font subsets) and at least one font as fallback (Debian's, DejaVu).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home app
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY --chown=root:root . /app
# collectstatic needs settings, not secrets or a database: a throwaway key.
RUN SECRET_KEY=collectstatic-only-not-a-secret SITE_URL=https://build.invalid \
    python manage.py collectstatic --noinput \
    && python -m compileall -q catalogue profiles glossary submissions calculator laender finder search
USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "docker/healthcheck.py"]
ENTRYPOINT ["/app/docker/entrypoint.sh"]
