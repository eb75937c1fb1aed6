"""Shared fixtures and small factories for the catalogue's tests."""

import itertools
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.utils import timezone

from profiles.editorial.groups import EDITOR_GROUP
from profiles.models import (
    Bindingness,
    Effort,
    Kind,
    PolicyArea,
    PracticeExample,
    Profile,
    Status,
)

_counter = itertools.count(1)


def make_policy_area(name=None, **fields):
    n = next(_counter)
    name = name or f"Handlungsfeld {n}"
    return PolicyArea.objects.create(name=name, **fields)


def make_profile(title=None, *, status=Status.PUBLISHED, tags=(), **fields):
    """A complete profile; published (now) unless told otherwise."""
    n = next(_counter)
    title = title or f"Steckbrief {n}"
    defaults = {
        "kind": Kind.ORGANISATION,
        "slug": f"steckbrief-{n}",
        "summary": f"Kurzbeschreibung von {title}.",
        "description": "Was es ist.",
        "legal_basis": "Art. 1 KommZG",
        "bindingness": Bindingness.CONTRACT,
        "effort": Effort.MEDIUM,
        "status": status,
    }
    if status == Status.PUBLISHED:
        defaults["published_at"] = timezone.now() - timedelta(minutes=1)
    defaults.update(fields)
    profile = Profile.objects.create(title=title, **defaults)
    if tags:
        profile.tags.set(tags)
    return profile


def make_example(title=None, *, status=Status.PUBLISHED, tags=(), profiles=(), **fields):
    n = next(_counter)
    title = title or f"Praxisbeispiel {n}"
    defaults = {
        "slug": f"praxisbeispiel-{n}",
        "summary": f"Kurzbeschreibung von {title}.",
        "municipalities": "Gemeinde A\nGemeinde B",
        "state": "BY",
        "description": "Beschreibung.",
        "status": status,
    }
    if status == Status.PUBLISHED:
        defaults["published_at"] = timezone.now() - timedelta(minutes=1)
    defaults.update(fields)
    example = PracticeExample.objects.create(title=title, **defaults)
    if tags:
        example.tags.set(tags)
    if profiles:
        example.profiles.set(profiles)
    return example


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
