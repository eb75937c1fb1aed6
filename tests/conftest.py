"""Shared fixtures for the catalogue's tests; content comes from tests/factories.py."""

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.urls import reverse

from profiles.editorial.groups import EDITOR_GROUP
from profiles.models import Status
from tests.factories import ExampleFactory, PolicyAreaFactory, ProfileFactory


def make_policy_area(name=None, **fields):
    return PolicyAreaFactory(**({"name": name} if name else {}), **fields)


def make_profile(title=None, *, status=Status.PUBLISHED, tags=(), **fields):
    """A complete profile; published (a minute ago) unless told otherwise."""
    return ProfileFactory(**({"title": title} if title else {}), status=status, tags=tags, **fields)


def make_example(title=None, *, status=Status.PUBLISHED, tags=(), profiles=(), **fields):
    return ExampleFactory(
        **({"title": title} if title else {}), status=status, tags=tags, profiles=profiles, **fields
    )


def assert_publish_action_refused(client, obj):
    """The changelist's "publish" action is not offered to ``client`` and changes nothing."""
    opts = obj._meta
    status = obj.status
    response = client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        {"action": "publish", "_selected_action": [obj.pk]},
        follow=True,
    )
    # The action is not offered, so Django refuses it with a warning.
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == ["Keine Aktion ausgewählt."]
    assert 'value="publish"' not in response.content.decode()
    obj.refresh_from_db()
    assert obj.status == status


@pytest.fixture
def editor(db):
    """A member of the Redaktion group, as the institute's editors are set up."""
    user = User.objects.create_user(
        "redakteurin", password="ein-langes-passwort-123", is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITOR_GROUP))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def on_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def _public_page_cache_off(settings):
    """The public page cache (catalogue/caching.py) and the facet cache
    (profiles/public/browse.py) are off unless a test turns them on
    (tests/test_caching.py), so tests see the views' own queries and pages."""
    settings.PUBLIC_CACHE = False
    settings.FACET_CACHE_TIMEOUT = 0


def pytest_collection_modifyitems(config, items):
    """Run tests marked postgres only on PostgreSQL and tests marked sqlite only on SQLite."""
    vendor = connection.vendor
    for item in items:
        if "postgres" in item.keywords and vendor != "postgresql":
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)"))
        if "sqlite" in item.keywords and vendor != "sqlite":
            item.add_marker(pytest.mark.skip(reason="tests the SQLite fallback"))
