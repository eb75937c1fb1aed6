"""Health check, error pages, structured logs, cache configuration, waiting for the DB."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError
from django.template.loader import get_template
from django.test import Client
from django.urls import path, reverse

from catalogue.cacheurl import cache_from_url
from catalogue.jsonlog import JsonFormatter

ROOT = Path(__file__).resolve().parent.parent
SECRET_IN_ERROR = "Passwort=geheim in der Ausnahme"


def broken_view(request):
    raise RuntimeError(SECRET_IN_ERROR)


urlpatterns = [path("kaputt/", broken_view)]


@pytest.mark.django_db
def test_healthz_is_ok_when_the_database_answers(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_does_not(client, monkeypatch):
    from catalogue import health

    def unreachable():
        raise OperationalError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", unreachable)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert "Datenbank" in response.content.decode()


@pytest.mark.django_db
def test_healthz_answers_plain_http_while_pages_redirect_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("profiles:home")).status_code == 301


@pytest.mark.django_db
def test_german_404_page_in_the_site_design_without_the_path(client):
    response = client.get("/steckbriefe/gibt-es-nicht-<b>x</b>/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Seite nicht gefunden" in body
    assert 'class="site-header"' in body
    assert "gibt-es-nicht" not in body
    assert "Hauptnavigation" in body


@pytest.mark.django_db
@pytest.mark.urls("tests.test_operations")
def test_german_500_page_leaks_nothing_and_the_error_is_logged(caplog):
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/kaputt/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Ein Fehler ist aufgetreten" in body
    assert SECRET_IN_ERROR not in body
    assert "RuntimeError" not in body
    assert "Traceback" not in body
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    logged = json.loads(JsonFormatter().format(record))
    assert logged["level"] == "ERROR"
    assert logged["status"] == 500
    assert logged["path"] == "/kaputt/"
    assert "RuntimeError" in logged["exception"]


def test_500_template_renders_without_context_or_database():
    # No django_db mark: any database access here would raise.
    html = get_template("500.html").render()
    assert "Ein Fehler ist aufgetreten" in html
    assert 'lang="de"' in html


def test_json_formatter_turns_a_gunicorn_access_record_into_fields():
    atoms = {
        "m": "GET",
        "U": "/steckbriefe/",
        "q": "art=instrument",
        "s": "200",
        "B": 5120,
        "D": 12345,
        "h": "127.0.0.1",
        "a": 'Mozilla \\"5.0\\"',
        "f": "-",
    }
    record = logging.LogRecord("gunicorn.access", logging.INFO, "", 0, "%(m)s", (atoms,), None)
    record.args = atoms
    entry = json.loads(JsonFormatter().format(record))
    assert entry["event"] == "request"
    assert entry["method"] == "GET"
    assert entry["path"] == "/steckbriefe/"
    assert entry["query"] == "art=instrument"
    assert entry["status"] == 200
    assert entry["duration_ms"] == 12.35
    assert entry["user_agent"] == 'Mozilla "5.0"'
    assert "referer" not in entry


def test_json_formatter_writes_one_line_per_record_with_the_traceback():
    try:
        raise ValueError("kaputt")
    except ValueError:
        record = logging.LogRecord(
            "profiles", logging.ERROR, "", 0, "Fehler bei %s", ("x",), sys.exc_info()
        )
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "Fehler bei x"
    assert entry["exception"].startswith("Traceback")


@pytest.mark.parametrize(
    ("url", "backend", "location"),
    [
        ("locmem://", "locmem.LocMemCache", "katalog"),
        ("redis://redis:6379/0", "redis.RedisCache", "redis://redis:6379/0"),
        ("rediss://:pw@cache.example.org:6380/1", "redis.RedisCache", None),
        ("pymemcache://mc:11211", "memcached.PyMemcacheCache", "mc:11211"),
        ("pymemcache://a:11211,b:11211", "memcached.PyMemcacheCache", ["a:11211", "b:11211"]),
        ("dummy://", "dummy.DummyCache", None),
    ],
)
def test_cache_url_selects_a_django_backend(url, backend, location):
    config = cache_from_url(url)
    assert config["BACKEND"] == f"django.core.cache.backends.{backend}"
    if location is not None:
        assert config["LOCATION"] == location


def test_unknown_cache_url_stops_start_up():
    with pytest.raises(ImproperlyConfigured):
        cache_from_url("file:///tmp/cache")


def test_wait_for_db_gives_up_with_a_clear_error():
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/nirgends",
        "DEBUG": "1",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "wait_for_db", "--timeout", "0.5", "--interval", "0.2"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Database not reachable after 0.5 s" in result.stderr


@pytest.mark.django_db
def test_wait_for_db_returns_when_the_database_answers():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("wait_for_db", "--timeout", "1", stdout=out)
    assert out.getvalue().strip() == "Database is ready."
