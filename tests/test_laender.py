"""The page „Recht der Länder“: editor-maintained rows, unchecked cells said as such."""

import re

import pytest
from django.core.management import call_command

from laender.models import NOT_CHECKED, LandLaw, table_rows

pytestmark = pytest.mark.django_db
URL = "/recht-der-laender/"


def test_every_land_has_a_row_and_unchecked_cells_say_so(client):
    LandLaw.objects.create(
        land="NW",
        law="Gesetz über kommunale Gemeinschaftsarbeit",
        law_abbreviation="GkG NRW",
        source_url="https://example.org/gkg",
        zweckverband="Zweckverband, §§ 4–22a",
    )
    rows = table_rows()
    assert len(rows) == 16
    assert [name for _code, name, _law in rows][:2] == ["Baden-Württemberg", "Bayern"]
    html = client.get(URL).content.decode()
    assert "Zweckverband, §§ 4–22a" in html
    assert "Gesetz über kommunale Gemeinschaftsarbeit (GkG NRW)" in html
    assert '<a href="https://example.org/gkg">Quelle</a>' in html
    # NRW: three unchecked cells; 15 other Länder: four each.
    assert html.count(f"<td>{NOT_CHECKED}</td>") == 3 + 15 * 4


def test_advice_and_funding_are_rendered_as_markdown(client):
    LandLaw.objects.create(
        land="HE",
        law="Gesetz über kommunale Gemeinschaftsarbeit",
        source_url="https://example.org/kgg",
        funding="Ein [Programm](https://example.org/foerderung) des Landes.",
    )
    html = client.get(URL).content.decode()
    assert "<h3>Hessen</h3>" in html
    assert 'href="https://example.org/foerderung"' in html
    assert ">Programm</a>" in html


def test_demo_rows_name_a_source_and_the_organisation_list_links_here(client):
    call_command("load_demo")
    laws = LandLaw.objects.all()
    assert {law.land for law in laws} >= {"BY", "BW", "NW"}
    assert all(law.source_url.startswith("http") for law in laws)
    by = laws.get(land="BY")
    assert by.cells()[2] == ("Zweckverband", "Zweckverband, Art. 17–48")
    assert URL in client.get("/steckbriefe/?art=organisationsform").content.decode()


def test_basic_form_steckbrief_lists_the_other_lands_with_sources(client):
    from tests.conftest import make_profile

    LandLaw.objects.create(
        land="BY", law="KommZG", source_url="https://example.org/by", zweckverband="Art. 17–48"
    )
    LandLaw.objects.create(
        land="NI",
        law="NKomZG",
        law_abbreviation="NKomZG",
        source_url="https://example.org/ni",
        zweckverband="Zweckverband, §§ 7–18",
    )
    LandLaw.objects.create(land="HE", law="KGG", source_url="https://example.org/he")  # unchecked
    verband = make_profile("Zweckverband", slug="zweckverband")
    other = make_profile("Interkommunale GmbH", slug="interkommunale-gmbh")
    html = client.get(verband.get_absolute_url()).content.decode()
    assert 'id="andere-laender"' in html and 'href="#andere-laender"' in html
    assert "<strong>Niedersachsen</strong> (NKomZG): Zweckverband, §§ 7–18" in html
    assert 'href="https://example.org/ni"' in html
    assert "<strong>Bayern</strong>" not in html  # the Steckbrief itself is Bavarian law
    assert "<strong>Hessen</strong>" not in html  # nothing checked: not listed
    assert 'id="andere-laender"' not in client.get(other.get_absolute_url()).content.decode()


def test_basic_forms_claim_no_land_without_a_checked_cell():
    """A basic form's Geltungsbereich names a Land only if the table has its law checked."""
    from laender.models import PROFILE_FORMS
    from profiles.models import Profile

    call_command("load_demo")
    for slug, field in PROFILE_FORMS.items():
        profile = Profile.objects.get(slug=slug)
        scope = {land.code for land in profile.scope.all()} - {"BY"}
        assert scope, slug
        checked = {
            law.land
            for law in LandLaw.objects.exclude(**{field: ""})
            if not re.search(r"\bnicht (als|geregelt|genannt)", getattr(law, field))
        }
        assert scope <= checked, (slug, scope - checked)
