"""The page „Was ist ein Lasten-Nutzen-Ausgleich?“, where it is linked, and the kind intros."""

import pytest
from django.urls import reverse

from profiles.models import Kind, Status
from tests.conftest import make_profile

pytestmark = pytest.mark.django_db

LNA_URL = "/lasten-nutzen-ausgleich/"


def test_page_explains_with_sources_and_lists_published_mechanisms(client):
    mechanism = make_profile("Kostenteilung", kind=Kind.COMPENSATION)
    draft = make_profile("Geheimer Fonds", kind=Kind.COMPENSATION, status=Status.DRAFT)
    form = make_profile("Zweckverband", kind=Kind.ORGANISATION)
    response = client.get(LNA_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Was ist ein Lasten-Nutzen-Ausgleich?</h1>" in html
    assert mechanism.get_absolute_url() in html
    assert draft.get_absolute_url() not in html
    assert form.get_absolute_url() not in html
    # Every footnote points at a listed source.
    for n in range(1, 7):
        assert f'href="#q{n}"' in html and f'id="q{n}"' in html
    assert "https://gesetze.legal/bayern/bayfag/4" in html


def test_home_links_to_the_explanation(client):
    assert f'href="{LNA_URL}"' in client.get("/").content.decode()


def test_mechanism_profiles_link_to_the_explanation_others_do_not(client):
    mechanism = make_profile("Steuerteilung", kind=Kind.COMPENSATION)
    instrument = make_profile("Einzelhandelskonzept", kind=Kind.INSTRUMENT)
    assert f'href="{LNA_URL}"' in client.get(mechanism.get_absolute_url()).content.decode()
    assert f'href="{LNA_URL}"' not in client.get(instrument.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("art=ausgleich", "Ein Lasten-Nutzen-Ausgleich bringt Vorteile und Nachteile"),
        ("art=organisationsform", "Eine Organisationsform ist der rechtliche Rahmen"),
        ("art=instrument", "Planungs- und Kooperationsinstrumente sind die Werkzeuge"),
    ],
)
def test_list_of_one_kind_starts_with_its_introduction(client, query, expected):
    html = client.get(f"{reverse('profiles:profile_list')}?{query}").content.decode()
    assert expected in html
    if query == "art=ausgleich":
        assert f'href="{LNA_URL}"' in html


@pytest.mark.parametrize("query", ["", "art=ausgleich&art=instrument", "art=unbekannt"])
def test_no_introduction_for_mixed_or_invalid_selection(client, query):
    response = client.get(f"{reverse('profiles:profile_list')}?{query}")
    assert response.status_code == 200
    assert 'class="kind-intro"' not in response.content.decode()
