"""The production entry script, for real: docker/entrypoint.sh on PostgreSQL.

No Docker engine runs here, so this test does what the image does: collect the
static files with production settings, start the very entry script (wait for
the database, migrate, exec gunicorn with gunicorn.conf.py) on a free port
against a fresh PostgreSQL database, and fetch pages over HTTP.

Skipped only when no PostgreSQL is reachable, and never in CI (env CI set),
where a missing PostgreSQL is a failure.
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def _server_url() -> str:
    """The PostgreSQL server to use: the one of DATABASE_URL if that is PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else DEFAULT_SERVER_URL


def _with_db(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Site:
    def __init__(self, port: int):
        self.base = f"http://127.0.0.1:{port}"

    def get(self, path: str, **headers):
        """(status, headers, body) of a GET as the TLS proxy would forward it."""
        request = urllib.request.Request(
            self.base + path, headers={"X-Forwarded-Proto": "https", **headers}
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def database():
    server = _server_url()
    name = f"{urlsplit(server).path.lstrip('/') or 'postgres'}_srv_{os.getpid()}"
    try:
        admin = psycopg.connect(_with_db(server, "postgres"), autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI: {error}")
        pytest.skip(f"PostgreSQL not reachable: {error}")
    with admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield _with_db(server, name)
    with psycopg.connect(_with_db(server, "postgres"), autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@pytest.fixture(scope="module")
def server(database, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("production")
    port = _free_port()
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "DEBUG": "0",
        "SECRET_KEY": "test-production-server-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "DATABASE_URL": database,
        "STATIC_ROOT": str(tmp / "static"),
        "PORT": str(port),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    manage = [sys.executable, "manage.py"]
    # What the Dockerfile does at build time.
    subprocess.run(
        [*manage, "collectstatic", "--noinput"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    log_path = tmp / "server.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [str(ROOT / "docker" / "entrypoint.sh")],
            cwd=tmp,  # the script finds the app itself
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    site = Site(port)
    site.process, site.env, site.log_path, site.static_root = process, env, log_path, tmp / "static"
    deadline = time.monotonic() + 90
    while True:
        if process.poll() is not None:
            pytest.fail(f"entry script exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            if site.get("/healthz")[0] == 200:
                break
        except OSError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"server did not come up:\n{log_path.read_text()}")
        time.sleep(0.3)
    # Content, written by another process as an editor would, after the migrations.
    subprocess.run(
        [
            *manage,
            "shell",
            "-c",
            "from tests.test_production_server import make_content; make_content()",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    yield site
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def make_content():
    from django.utils import timezone

    from profiles.models import Bindingness, Effort, Kind, Profile, Status

    Profile.objects.create(
        title="Zweckverband im Produktionstest",
        slug="zweckverband-produktionstest",
        kind=Kind.ORGANISATION,
        summary="Ein Steckbrief, der über gunicorn ausgeliefert wird.",
        description="Eine Körperschaft des öffentlichen Rechts.",
        bindingness=Bindingness.LEGAL_ENTITY,
        effort=Effort.HIGH,
        status=Status.PUBLISHED,
        published_at=timezone.now(),
    )
    Profile.objects.create(
        title="Geheimer Entwurf im Produktionstest",
        slug="entwurf-produktionstest",
        kind=Kind.INSTRUMENT,
        summary="Nie öffentlich.",
        description="Entwurf.",
        bindingness=Bindingness.INFORMAL,
        effort=Effort.LOW,
        status=Status.DRAFT,
    )


def test_healthz_checks_the_database(server):
    status, headers, body = server.get("/healthz")
    assert (status, body) == (200, b"ok")
    assert "no-cache" in headers["Cache-Control"]


def test_the_images_healthcheck_command_passes(server):
    result = subprocess.run(
        [sys.executable, "docker/healthcheck.py"], cwd=ROOT, env=server.env, capture_output=True
    )
    assert result.returncode == 0, result.stderr


def test_home_page_and_steckbrief_over_https_behind_the_proxy(server):
    status, headers, body = server.get("/")
    assert status == 200
    page = body.decode()
    assert "Zweckverband im Produktionstest" in page
    assert "Geheimer Entwurf" not in page
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "default-src 'self'" in headers["Content-Security-Policy"]

    status, headers, body = server.get("/steckbriefe/zweckverband-produktionstest/")
    assert status == 200
    assert "Eine Körperschaft des öffentlichen Rechts." in body.decode()
    assert "public" in headers["Cache-Control"]
    assert server.get("/steckbriefe/entwurf-produktionstest/")[0] == 404


def test_steckbrief_pdf_with_the_hashed_print_stylesheet(server):
    # Production settings: hashed static names in STATIC_ROOT, read by the local fetcher.
    import io

    from pypdf import PdfReader

    status, headers, body = server.get("/steckbriefe/zweckverband-produktionstest/pdf/")
    assert status == 200
    assert headers["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    assert "Zweckverband im Produktionstest" in text
    assert "Seite 1 von" in text  # print.css's @page footer: the stylesheet was applied
    assert "Zum Inhalt springen" not in text  # hidden by print.css
    assert server.get("/steckbriefe/entwurf-produktionstest/pdf/")[0] == 404


def test_plain_http_is_redirected_to_https(server):
    request = urllib.request.Request(server.base + "/steckbriefe/")

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as raised:
        opener.open(request, timeout=10)
    assert raised.value.code == 301
    assert raised.value.headers["Location"].startswith("https://127.0.0.1")
    assert raised.value.headers["Location"].endswith("/steckbriefe/")


def test_static_file_has_a_hashed_name_and_cache_headers_for_a_year(server):
    manifest = json.loads((server.static_root / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    assert hashed != "css/site.css"
    page = server.get("/")[2].decode()
    assert f"/static/{hashed}" in page
    status, headers, body = server.get(f"/static/{hashed}")
    assert status == 200
    assert b"--accent" in body
    assert "max-age=315360000" in headers["Cache-Control"]
    assert "immutable" in headers["Cache-Control"]
    status, headers, body = server.get(f"/static/{hashed}", **{"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"


def test_german_404_page_from_gunicorn(server):
    status, _headers, body = server.get("/gibt-es-nicht/")
    assert status == 404
    assert "Seite nicht gefunden" in body.decode()


def test_entry_script_runs_a_given_command_after_the_migrations(server):
    result = subprocess.run(
        [
            str(ROOT / "docker" / "entrypoint.sh"),
            "python",
            "manage.py",
            "showmigrations",
            "profiles",
        ],
        env=server.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Database is ready." in result.stdout
    assert re.search(r"\[X\] \d{4}_content_version", result.stdout)  # migrated, not pending


# Stops the server, so it stays the module's last test (pytest runs them in file order).
def test_one_json_log_line_per_request_and_clean_shutdown(server):
    server.get("/healthz?probe=log-test")
    server.process.send_signal(signal.SIGTERM)  # the entry script exec'd gunicorn: PID 1
    assert server.process.wait(timeout=30) == 0
    lines = [line for line in server.log_path.read_text().splitlines() if line.startswith("{")]
    entries = [json.loads(line) for line in lines]
    requests = [entry for entry in entries if entry.get("event") == "request"]
    probe = [entry for entry in requests if entry.get("query") == "probe=log-test"]
    assert len(probe) == 1
    assert probe[0]["path"] == "/healthz"
    assert probe[0]["status"] == 200
    assert probe[0]["duration_ms"] >= 0
    assert any(entry["logger"] == "gunicorn.error" for entry in entries)
