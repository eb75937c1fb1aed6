# syntax=docker/dockerfile:1
# Build stage: install the locked dependencies into a virtualenv.
FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/venv
COPY requirements/prod.txt /tmp/prod.txt
RUN /opt/venv/bin/pip install --require-hashes -r /tmp/prod.txt

# Runtime stage: the app, its static files and a non-root user.
FROM python:3.11-slim
ENV PATH=/opt/venv/bin:$PATH PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=catalogue.settings DEBUG=0
RUN useradd --system --create-home --uid 10001 app
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY --chown=app:app . /app
RUN SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput
USER app
EXPOSE 8000
CMD ["gunicorn", "catalogue.wsgi", "--bind", "0.0.0.0:8000"]
