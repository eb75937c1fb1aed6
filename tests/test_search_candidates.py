"""A search matching very many objects counts, filters and ranks a bounded set (issue 15).

The limit is lowered for the tests (``CANDIDATE_LIMIT``); the behaviour is the
same on both engines: the newest matches plus every match with the query in
its title, a German notice on the page, and no change below the limit.
"""

import pytest
from django.urls import reverse

from search import registry
from search.request import Search
from tests.conftest import make_example, make_policy_area, make_profile

pytestmark = pytest.mark.django_db

LIMIT = 3


@pytest.fixture
def low_limit(monkeypatch):
    monkeypatch.setattr("search.request.CANDIDATE_LIMIT", LIMIT)


@pytest.fixture
def many():
    """A Steckbrief named after the word (oldest), then six with the word in the text only."""
    area = make_policy_area("Wohnen")
    named = make_profile("Gewerbesteuer teilen", summary="Wie Gemeinden teilen.")
    others = [
        make_profile(
            f"Modell {n}", summary="Ein Modell zur Gewerbesteuer.", tags=[area] if n % 2 else []
        )
        for n in range(6)
    ]
    return named, others, area


def test_above_the_limit_the_newest_and_the_titled_matches_count(client, low_limit, many):
    named, others, _area = many
    response = client.get(reverse("profiles:profile_list"), {"q": "Gewerbesteuer"})
    assert response.status_code == 200
    titles = [p.title for p in response.context["profiles"]]
    newest = [p.title for p in sorted(others, key=lambda p: p.pk)[-LIMIT:]]
    # The named Steckbrief is the oldest, yet it is found, and first (title weight).
    assert titles[0] == named.title
    assert sorted(titles[1:]) == sorted(newest)
    assert response.context["paginator"].count == LIMIT + 1
    page = response.content.decode()
    assert "Mehr als 3 Steckbriefe enthalten diese Suchwörter" in page


def test_filters_and_facets_apply_within_the_candidates(client, low_limit, many):
    _named, others, area = many
    response = client.get(
        reverse("profiles:profile_list"), {"q": "Gewerbesteuer", "handlungsfeld": area.slug}
    )
    newest = sorted(others, key=lambda p: p.pk)[-LIMIT:]
    expected = {p.title for p in newest if area in p.tags.all()}
    assert {p.title for p in response.context["profiles"]} == expected
    facet = response.context["facets_by_name"]["handlungsfeld"]
    (option,) = [o for o in facet.options if o.value == area.slug]
    assert option.count == len(expected)


def test_below_the_limit_every_match_counts_and_no_notice(client, many):
    response = client.get(reverse("profiles:profile_list"), {"q": "Gewerbesteuer"})
    assert response.context["paginator"].count == 7
    assert "enthalten diese Suchwörter" not in response.content.decode()
    search = Search("Gewerbesteuer")
    searchable = registry.get("steckbriefe")
    search.filter(searchable, searchable.published())
    assert not search.capped(searchable)


def test_site_search_says_more_than_the_limit(client, low_limit, many):
    for n in range(5):
        make_example(f"Beispiel {n}", summary="Teilen der Gewerbesteuer.")
    response = client.get(reverse("search:results"), {"q": "Gewerbesteuer"})
    page = response.content.decode()
    assert "mehr als 3 Treffer für" in page
    assert "Steckbriefe (mehr als 3)" in page
    assert "Praxisbeispiele (mehr als 3)" in page
    # The Steckbrief named after the word leads its group.
    groups = {group.kind: group for group in response.context["groups"]}
    assert groups["steckbriefe"].hits[0].title == "Gewerbesteuer teilen"
    assert groups["steckbriefe"].capped and groups["praxisbeispiele"].capped


def test_a_capped_search_runs_a_constant_number_of_queries(
    client, low_limit, many, django_assert_max_num_queries
):
    # The candidate set is computed once per request and kind, not per facet.
    client.get(reverse("profiles:profile_list"), {"q": "Gewerbesteuer"})  # warms caches
    for n in range(10):
        make_profile(f"Mehr {n}", summary="Noch ein Modell zur Gewerbesteuer.")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("profiles:profile_list"), {"q": "Gewerbesteuer"})
    assert response.context["paginator"].count == LIMIT + 1


def test_the_title_vocabulary_follows_content_changes(db):
    # The vocabulary of "Meinten Sie …?" is cached per content version.
    kinds = registry.all_kinds()
    make_profile("Zweckverband")
    assert Search("Klaeranlagr").suggestion(kinds) == ""
    make_profile("Gemeinsame Kläranlage")
    assert Search("Klaeranlagr").suggestion(kinds) == "Kläranlage"


def test_numbers_are_not_in_the_title_vocabulary(db):
    make_profile("Programm 20245")
    assert Search("20246").suggestion(registry.all_kinds()) == ""
