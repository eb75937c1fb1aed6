"""The source link checker, against a local http.server on 127.0.0.1 only."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command

from profiles.editorial.link_check import check_url, check_urls
from profiles.models import ExampleSource, ProfileSource, Status
from tests.conftest import make_example, make_profile


class Handler(BaseHTTPRequestHandler):
    seen = []  # (method, path) of every request, for assertions
    active = 0
    max_active = 0
    lock = threading.Lock()

    def log_message(self, *args):  # keep test output quiet
        pass

    def _answer(self, method):
        cls = type(self)
        with cls.lock:
            cls.seen.append((method, self.path))
            cls.active += 1
            cls.max_active = max(cls.max_active, cls.active)
        try:
            if self.path.startswith("/slow"):
                time.sleep(1.5)
                status = 200
            elif self.path.startswith("/busy"):
                time.sleep(0.2)
                status = 200
            elif self.path == "/missing":
                status = 404
            elif self.path == "/no-head":
                status = 405 if method == "HEAD" else 200
            elif self.path == "/head-forbidden-get-gone":
                status = 403 if method == "HEAD" else 410
            elif self.path == "/moved":
                self.send_response(301)
                self.send_header("Location", "/ok")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            else:
                status = 200
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            if method == "GET":
                self.wfile.write(b"ok")
        finally:
            with cls.lock:
                cls.active -= 1

    def do_HEAD(self):
        self._answer("HEAD")

    def do_GET(self):
        self._answer("GET")


@pytest.fixture
def server():
    Handler.seen = []
    Handler.active = Handler.max_active = 0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_head_success_needs_no_get(server):
    result = check_url(f"{server}/ok", timeout=2)
    assert result.ok and result.status == 200 and result.method == "HEAD"
    assert Handler.seen == [("HEAD", "/ok")]


def test_missing_page_is_broken_without_get(server):
    result = check_url(f"{server}/missing", timeout=2)
    assert not result.ok and result.status == 404
    assert Handler.seen == [("HEAD", "/missing")]


def test_head_refused_falls_back_to_get(server):
    result = check_url(f"{server}/no-head", timeout=2)
    assert result.ok and result.method == "GET"
    assert Handler.seen == [("HEAD", "/no-head"), ("GET", "/no-head")]


def test_get_fallback_can_still_be_broken(server):
    result = check_url(f"{server}/head-forbidden-get-gone", timeout=2)
    assert not result.ok and result.status == 410 and result.method == "GET"


def test_redirect_is_followed(server):
    result = check_url(f"{server}/moved", timeout=2)
    assert result.ok and result.status == 200


def test_timeout_is_reported_and_bounded(server):
    started = time.monotonic()
    result = check_url(f"{server}/slow", timeout=0.3)
    assert not result.ok and result.error == "Zeitüberschreitung"
    assert time.monotonic() - started < 1.4  # did not wait for the server, nor retry


def test_refused_connection_and_bad_scheme(server):
    port = int(server.rsplit(":", 1)[1])
    closed = f"http://127.0.0.1:{port + 1 if port < 65535 else port - 1}/x"
    assert not check_url(closed, timeout=1).ok
    result = check_url("ftp://127.0.0.1/file", timeout=1)
    assert not result.ok and result.error == "keine http(s)-Adresse"


def test_concurrency_is_limited_and_urls_checked_once(server):
    urls = [f"{server}/busy/{i}" for i in range(8)] + [f"{server}/busy/0"]
    results = check_urls(urls, workers=2, timeout=5)
    assert [r.url for r in results] == urls[:8]  # duplicates dropped, order kept
    assert all(r.ok for r in results)
    assert Handler.max_active == 2


@pytest.mark.django_db
def test_command_lists_broken_sources_with_their_pages(server, capsys):
    profile = make_profile("Zweckverband")
    draft = make_profile("Entwurf", status=Status.DRAFT)
    example = make_example("Bauhof")
    ProfileSource.objects.create(parent=profile, title="gut", url=f"{server}/ok")
    ProfileSource.objects.create(parent=profile, title="weg", url=f"{server}/missing")
    ProfileSource.objects.create(parent=draft, title="weg im Entwurf", url=f"{server}/gone-draft")
    ExampleSource.objects.create(parent=example, title="weg", url=f"{server}/missing")

    call_command("check_sources", "--workers", "2", "--timeout", "2")
    out = capsys.readouterr().out
    assert f"NICHT ERREICHBAR (HTTP 404): {server}/missing" in out
    assert "Steckbrief „Zweckverband“ – /admin/profiles/profile/" in out
    assert "Praxisbeispiel „Bauhof“ – /admin/profiles/practiceexample/" in out
    assert f"{server}/ok" not in out
    assert "3 Adressen geprüft, 1 nicht erreichbar." in out  # /missing counted once
    assert out.count("/missing") == 1  # one heading line for the shared address

    # The draft's source must not even be asked for with --published-only.
    Handler.seen = []
    call_command("check_sources", "--published-only", "--timeout", "2")
    assert ("HEAD", "/gone-draft") not in Handler.seen

    with pytest.raises(CommandError, match="1 Quellenadressen"):
        call_command("check_sources", "--published-only", "--fail", "--timeout", "2")


@pytest.mark.django_db
def test_command_rejects_bad_options():
    with pytest.raises(CommandError, match="--workers"):
        call_command("check_sources", "--workers", "0")
    with pytest.raises(CommandError, match="--timeout"):
        call_command("check_sources", "--timeout", "0")
