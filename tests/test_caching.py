"""The public page cache (catalogue/caching.py): fast for the public, never stale,
never a draft, never an editor's view."""

import os
import shutil
import socket
import subprocess
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, reverse
from django.utils import timezone

from catalogue import caching
from catalogue.cacheurl import cache_from_url
from profiles.models import Status
from tests.conftest import make_example, make_policy_area, make_profile

pytestmark = pytest.mark.django_db

LIST = reverse("profiles:profile_list")


def form_view(request):
    return HttpResponse(
        Template("<form method=post>{% csrf_token %}</form>").render(RequestContext(request))
    )


urlpatterns = [path("formular/", form_view), path("", include("catalogue.urls"))]


@pytest.fixture(autouse=True, params=["version-in-cache", "version-in-database"])
def public_cache(request, settings):
    """Every cache test runs with the content version in the shared cache (production)
    and in the database (the process-local cache of a laptop)."""
    settings.PUBLIC_CACHE = True
    settings.PUBLIC_CACHE_VERSION_IN_CACHE = request.param == "version-in-cache"
    cache.clear()
    return request.param


def test_second_anonymous_request_is_served_from_the_cache_without_queries(
    client, django_assert_num_queries, public_cache
):
    make_profile("Zweckverband")
    first = client.get(LIST)
    assert first["X-Cache"] == "miss"
    # With the version in a shared cache a hit runs no SQL at all; with the
    # version in the database, one query reads it.
    with django_assert_num_queries(0 if public_cache == "version-in-cache" else 1):
        second = client.get(LIST)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert "Zweckverband" in second.content.decode()
    # The security headers are added to every hit, not frozen into the cache.
    assert "frame-ancestors 'none'" in second["Content-Security-Policy"]
    assert "camera=()" in second["Permissions-Policy"]
    assert second["X-Content-Type-Options"] == "nosniff"


def test_public_pages_carry_cache_control_etag_and_last_modified(client, settings):
    settings.PUBLIC_CACHE_MAX_AGE = 120
    profile = make_profile()
    for url in (reverse("profiles:home"), LIST, profile.get_absolute_url()):
        response = client.get(url)
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert cache_control == {"public", "max-age=120"}, url
        assert response["ETag"].startswith('"')
        assert response["Last-Modified"].endswith("GMT")
        # A browser revalidating gets 304 Not Modified from the cached copy.
        again = client.get(url, headers={"If-None-Match": response["ETag"]})
        assert again.status_code == 304
        again = client.get(url, headers={"If-Modified-Since": response["Last-Modified"]})
        assert again.status_code == 304


def test_a_published_change_is_visible_at_once(client):
    profile = make_profile("Alter Titel")
    assert "Alter Titel" in client.get(LIST).content.decode()
    assert "Alter Titel" in client.get(profile.get_absolute_url()).content.decode()
    profile.title = "Neuer Titel"
    profile.save()
    for url in (LIST, profile.get_absolute_url()):
        response = client.get(url)
        assert response["X-Cache"] == "miss"
        assert "Neuer Titel" in response.content.decode()
    new = make_profile("Ganz neuer Steckbrief")
    assert "Ganz neuer Steckbrief" in client.get(LIST).content.decode()
    new.delete()
    assert "Ganz neuer Steckbrief" not in client.get(LIST).content.decode()


def test_a_draft_never_leaks_through_the_cache(editor_client):
    client = Client()  # the public; editor_client is logged in
    shown = make_profile("Öffentlicher Steckbrief")
    draft = make_profile("Geheimer Entwurf", status=Status.DRAFT)
    assert "Geheimer Entwurf" not in client.get(LIST).content.decode()

    # The editor previews the draft and browses the list: nothing of it is stored.
    assert editor_client.get(draft.get_absolute_url()).status_code == 200
    editor_client.get(LIST)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Geheimer Entwurf" not in client.get(LIST).content.decode()

    # Editing the draft keeps it out; unpublishing a cached page removes it at once.
    draft.summary = "Geändert"
    draft.save()
    assert "Geheimer Entwurf" not in client.get(LIST).content.decode()
    assert client.get(shown.get_absolute_url()).status_code == 200
    shown.status = Status.DRAFT
    shown.save()
    assert "Öffentlicher Steckbrief" not in client.get(LIST).content.decode()
    # Withdrawn after publication: 410 Gone (profiles/public/permalinks.py), not the cached page.
    assert client.get(shown.get_absolute_url()).status_code == 410


def test_an_editor_is_never_served_or_served_from_the_cache(editor_client):
    client = Client()
    make_profile("Steckbrief")
    anonymous = client.get(LIST)
    assert anonymous["X-Cache"] == "miss"
    response = editor_client.get(LIST)
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    draft = make_profile("Entwurf", status=Status.DRAFT)
    preview = editor_client.get(draft.get_absolute_url())
    assert "X-Cache" not in preview
    assert "no-store" in preview["Cache-Control"]


def test_admin_healthz_and_errors_are_not_cached(editor_client):
    client = Client()
    assert "X-Cache" not in client.get(reverse("admin:login"))
    assert "X-Cache" not in client.get(reverse("healthz"))
    first = client.get("/steckbriefe/gibt-es-nicht/")
    assert first.status_code == 404
    assert "X-Cache" not in first
    assert "X-Cache" not in editor_client.get(reverse("admin:index"))


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda p: p.tags.add(make_policy_area("Mobilität")), id="tag-added"),
        pytest.param(lambda p: p.tags.clear(), id="tags-cleared"),
        pytest.param(
            lambda p: p.sources.create(title="Quelle", url="https://example.org/q"), id="source"
        ),
        pytest.param(lambda p: p.related.add(make_profile()), id="related"),
        pytest.param(lambda p: make_example(profiles=[p]), id="example"),
        pytest.param(lambda p: make_policy_area("Energie"), id="policy-area"),
    ],
)
def test_every_kind_of_content_change_bumps_the_version(change):
    profile = make_profile(tags=[make_policy_area()])
    before = caching.content_version()
    change(profile)
    assert caching.content_version() > before


def test_changes_outside_the_public_content_do_not_empty_the_cache(client):
    from django.contrib.auth.models import User

    make_profile()
    client.get(LIST)
    before = caching.content_version()
    User.objects.create_user("jemand")
    assert caching.content_version() == before
    assert client.get(LIST)["X-Cache"] == "hit"


def test_a_lost_cached_version_never_brings_old_pages_back(client, settings):
    settings.PUBLIC_CACHE_VERSION_IN_CACHE = True
    profile = make_profile("Erster Stand")
    client.get(LIST)
    profile.title = "Zweiter Stand"
    profile.save()
    cache.delete(caching.VERSION_KEY)  # evicted, or the cache restarted
    response = client.get(LIST)
    assert "Zweiter Stand" in response.content.decode()
    assert response["X-Cache"] == "miss"


def test_the_version_is_bumped_again_after_the_commit(django_capture_on_commit_callbacks, settings):
    settings.PUBLIC_CACHE_VERSION_IN_CACHE = True
    profile = make_profile()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        before = caching.content_version()
        profile.save()
        during = caching.content_version()
    assert during > before
    for callback in callbacks:
        callback()
    # A page rendered from the not yet committed state under ``during`` is unreachable now.
    assert caching.content_version() > during


def test_policy_area_rename_shows_at_once(client):
    area = make_policy_area("Wohnen")
    make_profile(tags=[area])
    assert "Wohnen" in client.get(reverse("profiles:policyarea_list")).content.decode()
    area.name = "Wohnstandorte"
    area.save()
    assert "Wohnstandorte" in client.get(reverse("profiles:policyarea_list")).content.decode()


def test_a_scheduled_publication_is_not_hidden_by_the_cache(client, monkeypatch):
    start = timezone.now()
    make_profile("Ab morgen", published_at=start + timedelta(minutes=2))
    assert "Ab morgen" not in client.get(LIST).content.decode()
    assert client.get(LIST)["X-Cache"] == "hit"

    # Three minutes later (both clocks): the cached list has expired on time.
    later = start + timedelta(minutes=3)
    real_time = caching.time.time
    monkeypatch.setattr(timezone, "now", lambda: later)
    monkeypatch.setattr(caching.time, "time", lambda: real_time() + 180)
    response = client.get(LIST)
    assert response["X-Cache"] == "miss"
    assert "Ab morgen" in response.content.decode()


def test_visitors_with_a_session_bypass_the_cache(client):
    make_profile()
    client.get(LIST)
    client.cookies["sessionid"] = "irgendwas"
    response = client.get(LIST)
    assert "X-Cache" not in response
    assert "no-store" in response["Cache-Control"]


def test_cache_off_serves_every_request_fresh(client, settings):
    settings.PUBLIC_CACHE = False
    make_profile()
    assert "X-Cache" not in client.get(LIST)
    assert "X-Cache" not in client.get(LIST)


@pytest.fixture
def redis_url():
    """A throwaway redis-server on a free port (skipped where Redis is not installed,
    except in CI: .ci/run installs it and sets CI=true)."""
    server = shutil.which("redis-server")
    if not server:
        if os.environ.get("CI"):
            pytest.fail("redis-server is missing; CI installs it (.ci/run)")
        pytest.skip("redis-server is not installed (Redis is optional)")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_shared_redis_cache_serves_and_invalidates_pages(
    client, settings, redis_url, django_assert_num_queries
):
    settings.CACHES = {"default": cache_from_url(redis_url)}
    del settings.PUBLIC_CACHE_VERSION_IN_CACHE  # automatic: Redis is shared
    assert caching.version_in_cache()
    profile = make_profile("Vor der Änderung")
    assert client.get(LIST)["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        hit = client.get(LIST)
    assert hit["X-Cache"] == "hit"
    assert "Vor der Änderung" in hit.content.decode()
    profile.title = "Nach der Änderung"
    profile.save()
    response = client.get(LIST)
    assert response["X-Cache"] == "miss"
    assert "Nach der Änderung" in response.content.decode()


@pytest.mark.urls("tests.test_caching")
def test_pages_with_a_csrf_token_are_never_shared(client):
    first = client.get("/formular/")
    assert "X-Cache" not in first
    second = client.get("/formular/")  # now with the csrftoken cookie
    assert "X-Cache" not in second
    assert "csrfmiddlewaretoken" in second.content.decode()


def test_facet_counts_are_counted_once_per_filter_state_and_content_version(client, settings):
    settings.PUBLIC_CACHE = False  # the views' own work, without the page cache
    settings.FACET_CACHE_TIMEOUT = 600
    area = make_policy_area("Mobilität")
    make_profile("Erster", tags=[area])
    url = LIST + "?handlungsfeld=mobilitaet"
    with CaptureQueriesContext(connection) as cold:
        first = client.get(url)
    with CaptureQueriesContext(connection) as warm:
        second = client.get(url + "&sortierung=titel")  # same filter state, other order
    assert len(warm) < len(cold)
    assert second.context["facets_by_name"]["handlungsfeld"].options[0].count == 1
    assert first.context["facets_by_name"]["handlungsfeld"].options[0].count == 1
    # A content change recounts at once.
    make_profile("Zweiter", tags=[area])
    third = client.get(url)
    assert third.context["facets_by_name"]["handlungsfeld"].options[0].count == 2
    assert third.context["paginator"].count == 2
