"""Rechenbeispiele: the model, the admin, the demo content and the pages that show them."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command

from calculator import presets
from calculator.models import Rechenbeispiel
from catalogue.caching import content_version
from profiles.models import Kind, PracticeExample, Profile, Status
from tests.conftest import make_example, make_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def test_every_published_ausgleich_steckbrief_has_a_rechenbeispiel(demo):
    profiles = Profile.objects.published().filter(kind=Kind.COMPENSATION)
    assert profiles.exists()
    missing = [p.slug for p in profiles if not p.rechenbeispiele.exists()]
    assert missing == [], f"Lasten-Nutzen-Ausgleich Steckbriefe ohne Rechenbeispiel: {missing}"


def test_the_gewerbeflaechenpool_example_has_a_rechenbeispiel(demo):
    example = PracticeExample.objects.get(slug="gewerbeflaechenpool-neckar-alb")
    assert example.rechenbeispiele.exists()


def test_every_demo_rechenbeispiel_computes_and_is_canonical(demo):
    for beispiel in Rechenbeispiel.objects.all():
        before = beispiel.scenario
        beispiel.full_clean()  # parses, computes, rewrites the query in canonical form
        assert beispiel.scenario == before, beispiel.slug


def test_the_zollernalb_example_is_the_preset(demo):
    beispiel = Rechenbeispiel.objects.get(slug="zollernalb-steuerteilung")
    parsed = beispiel.parsed()
    assert parsed.scenario.partners[0].name == "Meßstetten"
    from django.http import QueryDict

    from calculator import query

    assert beispiel.scenario == query.canonical(query.read(QueryDict(presets.ZOLLERNALB.query)))


def test_load_demo_twice_keeps_one_of_each(demo):
    count = Rechenbeispiel.objects.count()
    call_command("load_demo", "--force", verbosity=0)
    assert Rechenbeispiel.objects.count() == count


def test_profile_page_shows_the_result_table_and_the_link(client, demo):
    response = client.get("/steckbriefe/steuerteilung-gewerbegebiet/")
    html = response.content.decode()
    assert "Rechenbeispiel" in html
    # Meßstetten: 173,250 EUR Gewerbesteuer + 22,000 EUR Grundsteuer (55 % of 40,000) a year
    assert "195.250,00 €" in html
    assert "Im Rechner öffnen" in html
    beispiel = Rechenbeispiel.objects.get(slug="zollernalb-steuerteilung")
    assert beispiel.get_calculator_url().replace("&", "&amp;") in html


def test_example_page_shows_its_rechenbeispiel(client, demo):
    html = client.get("/praxisbeispiele/gewerbeflaechenpool-neckar-alb/").content.decode()
    assert "Poolanteile nach dem Wert der eingebrachten Flächen" in html
    assert "Im Rechner öffnen" in html


def make_beispiel(**fields):
    defaults = {
        "title": "Testbeispiel",
        "slug": "testbeispiel",
        "description": "Erfunden.",
        "scenario": presets.PETERSHAUSEN.query,
    }
    return Rechenbeispiel.objects.create(**(defaults | fields))


def test_public_list_shows_only_beispiele_of_published_objects(client):
    draft = make_profile("Entwurf", status=Status.DRAFT)
    published = make_profile("Öffentlich")
    hidden = make_beispiel(title="Nur am Entwurf", slug="nur-entwurf")
    hidden.profiles.add(draft)
    shown = make_beispiel(title="Am veröffentlichten Steckbrief", slug="oeffentlich")
    shown.profiles.add(published)
    make_beispiel(title="Nirgends angehängt", slug="nirgends")
    assert list(Rechenbeispiel.objects.public()) == [shown]
    html = client.get("/rechner/").content.decode()
    assert "Am veröffentlichten Steckbrief" in html
    assert "Nur am Entwurf" not in html and "Nirgends angehängt" not in html
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_published_example_counts_too():
    example = make_example("Beispiel")
    beispiel = make_beispiel()
    beispiel.examples.add(example)
    assert list(Rechenbeispiel.objects.public()) == [beispiel]


def test_clean_accepts_a_whole_url_and_rejects_a_broken_scenario():
    beispiel = Rechenbeispiel(
        title="X",
        slug="x",
        description="Y",
        scenario="https://katalog.example.org/rechner/?" + presets.DRITTEL.query + "#ergebnis",
    )
    beispiel.full_clean()
    assert beispiel.scenario.startswith("titel=")
    assert "#" not in beispiel.scenario
    broken = Rechenbeispiel(
        title="X",
        slug="y",
        description="Y",
        scenario="g1_name=A&g2_name=B&p1_name=K&p1_art=kosten_jaehrlich&p1_betrag=5"
        "&p1_schluessel=flaeche",
    )
    with pytest.raises(ValidationError) as error:
        broken.full_clean()
    assert "Für den Schlüssel Fläche hat kein Partner einen Wert." in str(error.value)


def test_a_change_makes_cached_pages_stale():
    before = content_version()
    beispiel = make_beispiel()
    assert content_version() > before
    profile = make_profile()
    middle = content_version()
    beispiel.profiles.add(profile)
    assert content_version() > middle


def test_editors_may_curate_rechenbeispiele(admin_client):
    from profiles.editorial.groups import AUTHOR_GROUP, ensure_editor_group

    ensure_editor_group()
    author_codenames = set(
        Group.objects.get(name=AUTHOR_GROUP).permissions.values_list("codename", flat=True)
    )
    assert "change_rechenbeispiel" in author_codenames
    codenames = set(
        Group.objects.get(name="Redaktion").permissions.values_list("codename", flat=True)
    )
    assert {"add_rechenbeispiel", "change_rechenbeispiel"} <= codenames
    response = admin_client.get("/admin/calculator/rechenbeispiel/add/")
    assert response.status_code == 200
    assert "Szenario (Adresse aus dem Rechner)" in response.content.decode()


def test_admin_save_records_history(admin_client):
    from reversion.models import Version

    profile = make_profile()
    response = admin_client.post(
        "/admin/calculator/rechenbeispiel/add/",
        {
            "title": "Aus dem Admin",
            "slug": "aus-dem-admin",
            "description": "Erfunden.",
            "scenario": "/rechner/?" + presets.PETERSHAUSEN.query,
            "sources": "",
            "profiles": [profile.pk],
            "examples": [],
            "position": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    beispiel = Rechenbeispiel.objects.get(slug="aus-dem-admin")
    assert list(beispiel.profiles.all()) == [profile]
    assert Version.objects.get_for_object(beispiel).count() == 1
