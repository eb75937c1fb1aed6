"""Fuzz every route with hostile parameter values: never a 5xx.

The routes come from the URL resolver (all of them, so a new page is covered
the day it is added); every path argument is tried with a real slug and with
hostile ones, every query parameter any view or filter reads with every
hostile value. Public routes as a visitor, the admin's list and change pages
as an editor.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from profiles.public.filters import PracticeExampleFilterSet, ProfileFilterSet
from tests.conftest import add_source, make_example, make_policy_area, make_profile

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = [
    "\x00",
    "%00",
    "a\x01b",
    "\x1b[2J",
    "\u202e",
    "\ud7ff",
    "\ufeff",
    "'",
    '"',
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    '=HYPERLINK("https://example.org")',
    "-1",
    "0",
    "99999999999999999999",
    "1e309",
    "NaN",
    "a" * 5000,
    "ä" * 2000,
    "*:&|!()",
    "",
]
HOSTILE_SLUGS = ["x" * 300, "feed", "0", "-", "a--b", "%C0%AE"]

# Every parameter a public view or filter reads, and some nobody reads.
PARAMETERS = sorted(
    set(ProfileFilterSet.base_filters)
    | set(PracticeExampleFilterSet.base_filters)
    | {"q", "s", "page", "sortierung", "format", "next", "unbekannt"}
)


def routes(resolver=None, prefix=""):
    """(path template, converters) for every URL pattern, recursively."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        text = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from routes(pattern, text)
        elif isinstance(pattern, URLPattern):
            yield text


ALL_ROUTES = sorted(set(routes()))
PUBLIC_ROUTES = [r for r in ALL_ROUTES if not r.startswith("admin/")]
ADMIN_LISTS = [r for r in ALL_ROUTES if re.fullmatch(r"admin/profiles/\w+/", r)]


def fill(route, slug):
    path = re.sub(r"<(?:\w+:)?(\w+)>", slug, route)
    path = path.lstrip("^").rstrip("$").replace("\\Z", "")
    return "/" + path


@pytest.fixture
def catalogue():
    area = make_policy_area("Mobilität")
    profile = make_profile("Zweckverband", slug="zweckverband", tags=[area])
    add_source(profile)
    make_example("Beispiel", slug="zweckverband", profiles=[profile], tags=[area])
    area.slug = "zweckverband"
    area.save()
    return profile


def test_the_resolver_lists_the_public_routes():
    assert "steckbriefe/<slug:slug>/" in PUBLIC_ROUTES
    assert "vergleich/" in PUBLIC_ROUTES
    assert len(PUBLIC_ROUTES) >= 20


@pytest.mark.parametrize("route", PUBLIC_ROUTES)
def test_public_route_never_answers_5xx(client, catalogue, route):
    if "(?P<" in route:  # regular-expression routes (none public yet): fill minimally
        route = re.sub(r"\(\?P<\w+>[^)]*\)", "zweckverband", route)
    slugs = ["zweckverband", *HOSTILE_SLUGS] if "<" in route else [""]
    failures = []
    for slug in slugs:
        path = fill(route, slug)
        for value in HOSTILE_VALUES:
            query = {name: value for name in PARAMETERS}
            response = client.get(path, query)
            if response.status_code >= 500:
                failures.append((path, value[:20], response.status_code))
        response = client.get(path, {name: HOSTILE_VALUES[:6] for name in PARAMETERS})
        if response.status_code >= 500:
            failures.append((path, "lists", response.status_code))
    assert not failures


@pytest.mark.parametrize("route", ADMIN_LISTS)
def test_admin_lists_never_answer_5xx(editor_client, catalogue, route):
    admin_keys = [
        "q",
        "o",
        "p",
        "e",
        "status__exact",
        "kind__exact",
        "updated__year",
        "updated__month",
        "updated__day",
        "pruefung_faellig",
        "tags__id__exact",
        "_changelist_filters",
    ]
    failures = []
    for value in HOSTILE_VALUES:
        for key in admin_keys:
            response = editor_client.get("/" + route, {key: value})
            if response.status_code >= 500:
                failures.append((route, key, value[:20]))
    assert not failures


def test_admin_autocomplete_never_answers_5xx(editor_client, catalogue):
    failures = []
    for value in HOSTILE_VALUES:
        for field, model in (("related", "profile"), ("profiles", "practiceexample")):
            response = editor_client.get(
                "/admin/autocomplete/",
                {"term": value, "app_label": "profiles", "model_name": model, "field_name": field},
            )
            if response.status_code >= 500:
                failures.append((field, value[:20]))
    assert not failures
