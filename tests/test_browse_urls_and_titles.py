"""Browse pages: one clean URL per filter state and titles that say what is listed (issue 13).

A form sent without JavaScript carries every field, empty ones too
(``?q=&kleine_gemeinden=``); the server redirects to the URL without them.
Filtered lists name their filters and the number of results in <title>, the
meta description and the Open Graph tags.
"""

import re
from html import unescape

import pytest
from django.urls import reverse

from profiles.models import Kind
from tests.conftest import make_example, make_policy_area, make_profile

pytestmark = pytest.mark.django_db

BROWSE = reverse("profiles:profile_list")
EXAMPLES = reverse("profiles:example_list")
MAP = reverse("profiles:example_map")


def head_tag(html, pattern):
    match = re.search(pattern, html)
    assert match, f"no match for {pattern}"
    return unescape(match.group(1)).strip()


def title_of(response):
    return " ".join(head_tag(response.content.decode(), r"<title>(.*?)</title>").split())


def meta(response, attribute, name):
    return head_tag(response.content.decode(), rf'<meta {attribute}="{name}"\s+content="([^"]*)"')


@pytest.mark.parametrize("path", [BROWSE, EXAMPLES, MAP])
def test_empty_parameters_redirect_to_the_url_without_them(client, path):
    area = make_policy_area("Mobilität", slug="mobilitaet")
    make_profile(tags=[area])
    response = client.get(f"{path}?q=&handlungsfeld=mobilitaet&kleine_gemeinden=&aufwand=")
    assert response.status_code == 301
    assert response["Location"] == f"{path}?handlungsfeld=mobilitaet"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("path", [BROWSE, EXAMPLES])
def test_only_empty_parameters_redirect_to_the_bare_list(client, path):
    response = client.get(f"{path}?q=&kleine_gemeinden=")
    assert response.status_code == 301
    assert response["Location"] == path


def test_whitespace_only_values_count_as_empty_and_repeated_values_stay(client):
    make_policy_area("Mobilität", slug="mobilitaet")
    make_policy_area("Wohnen", slug="wohnen")
    response = client.get(f"{BROWSE}?q=%20%20&handlungsfeld=mobilitaet&handlungsfeld=wohnen")
    assert response.status_code == 301
    assert response["Location"] == f"{BROWSE}?handlungsfeld=mobilitaet&handlungsfeld=wohnen"


def test_a_clean_url_is_answered_directly(client):
    make_profile()
    assert client.get(BROWSE).status_code == 200
    assert client.get(f"{BROWSE}?art={Kind.ORGANISATION}").status_code == 200


def test_unfiltered_list_has_its_plain_title(client):
    make_profile()
    response = client.get(BROWSE)
    assert title_of(response).startswith("Steckbriefe – ")
    assert meta(response, "property", "og:title") == "Steckbriefe"


def test_filtered_list_names_filters_and_count_in_title_description_and_og(client):
    area = make_policy_area("Mobilität", slug="mobilitaet")
    for n in range(3):
        make_profile(f"Form {n}", kind=Kind.ORGANISATION, tags=[area])
    make_profile("Instrument", kind=Kind.INSTRUMENT, tags=[area])
    make_profile("Anderswo", kind=Kind.ORGANISATION)
    response = client.get(f"{BROWSE}?handlungsfeld=mobilitaet&art={Kind.ORGANISATION}")
    assert response.status_code == 200
    title = title_of(response)
    assert re.match(
        r"Steckbriefe: (Organisationsform, Mobilität|Mobilität, Organisationsform) – 3 Treffer",
        title,
    ), title
    og_title = meta(response, "property", "og:title")
    assert title.startswith(og_title)
    description = meta(response, "name", "description")
    assert description.startswith("3 Steckbriefe zu ")
    assert "Mobilität" in description and "Organisationsform" in description
    assert meta(response, "property", "og:description") == description
    og_url = meta(response, "property", "og:url")
    assert og_url.startswith("http") and "handlungsfeld=mobilitaet" in og_url


def test_search_term_is_part_of_the_title(client):
    make_profile("Zweckverband Wasser", summary="Wasserversorgung gemeinsam.")
    make_profile("Bauhof", summary="Nichts davon.")
    response = client.get(f"{BROWSE}?q=Zweckverband")
    assert re.match(r"Steckbriefe: „Zweckverband“ – \d+ Treffer", title_of(response))


def test_examples_title_names_the_filter(client):
    area = make_policy_area("Wohnen", slug="wohnen")
    make_example("Beispiel", tags=[area])
    response = client.get(f"{EXAMPLES}?handlungsfeld=wohnen")
    assert title_of(response).startswith("Praxisbeispiele: Wohnen – 1 Treffer")


def test_active_filter_count_on_the_filter_panel(client):
    area = make_policy_area("Mobilität", slug="mobilitaet")
    make_profile(kind=Kind.ORGANISATION, tags=[area])
    body = client.get(BROWSE).content.decode()
    assert re.search(r'<summary class="filter-panel__summary">\s*Filter', body)
    assert "keiner aktiv" in body
    body = client.get(f"{BROWSE}?handlungsfeld=mobilitaet&art={Kind.ORGANISATION}").content.decode()
    assert re.search(r"filter-panel__count\">\s*2 aktiv", body)
    # Closed by default (phones see the results first); browse.js opens it on wide screens.
    assert re.search(r"<details class=\"filter-panel\" data-filter-panel>", body)


def test_merkliste_page_is_the_same_for_everybody_and_links_the_compare_page(client):
    response = client.get(reverse("profiles:merkliste"))
    assert response.status_code == 200
    body = response.content.decode()
    assert f'action="{reverse("profiles:compare")}"' in body
    assert "data-merkliste-nojs" in body  # what to do without JavaScript
    assert 'name="robots" content="noindex' in body
