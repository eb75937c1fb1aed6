"""The fact registry (profiles/facts.py) drives filters, facets, pages, API and files.

The Geltungsbereich (Land scope) is the many-valued fact with its own condition:
a profile applies in a Land when it is "bundesweit" or lists that Land.
The last tests add a fact in this module only and find it everywhere.
"""

import csv
import io

import pytest
import tablib
from django.contrib import admin
from django.db.models import Q
from django.urls import reverse

from profiles import facts
from profiles.editorial.resources import ProfileResource
from profiles.models import Land, Profile
from tests.conftest import make_profile

BROWSE = reverse("profiles:profile_list")
API = "/api/steckbriefe/"

pytestmark = pytest.mark.django_db


def with_scope(profile, *codes):
    profile.scope.set(Land.objects.filter(code__in=codes))
    return profile


@pytest.fixture
def scoped():
    return {
        "bund": with_scope(make_profile("Bundesweites Instrument", slug="bund"), "DE"),
        "bayern": with_scope(make_profile("Bayerische Form", slug="bayern"), "BY"),
        "nrw": with_scope(make_profile("Form in NRW", slug="nrw"), "NW", "NI"),
        "offen": make_profile("Ohne Angabe", slug="offen"),
    }


def slugs(response):
    return sorted(p.slug for p in response.context["profiles"])


def test_the_migration_creates_bundesweit_and_the_sixteen_laender():
    codes = list(Land.objects.values_list("code", flat=True))
    assert codes[0] == "DE" and len(codes) == 17
    assert Land.objects.get(code="BY").name == "Bayern"


def test_browse_by_land_finds_profiles_of_that_land_and_nationwide_ones(client, scoped):
    assert slugs(client.get(BROWSE, {"land": "BY"})) == ["bayern", "bund"]
    assert slugs(client.get(BROWSE, {"land": "NI"})) == ["bund", "nrw"]
    # Several Länder: any of them.
    assert slugs(client.get(BROWSE, {"land": ["BY", "NW"]})) == ["bayern", "bund", "nrw"]


def test_land_facet_counts_nationwide_profiles_in_every_land(client, scoped):
    response = client.get(BROWSE)
    counts = {o.value: o.count for o in response.context["facets_by_name"]["land"].options}
    assert counts["BY"] == 2 and counts["NW"] == 2 and counts["HB"] == 1
    assert len(counts) == 16  # Länder only; "bundesweit" is not a place to filter for
    response = client.get(BROWSE, {"land": "BY"})
    assert {"label": "Gilt in: Bayern", "query": ""} in response.context["chips"]


def test_unknown_land_is_a_german_error_and_a_400_in_the_api(client, scoped):
    response = client.get(BROWSE, {"land": "XX"})
    assert response.status_code == 200
    assert "„XX“ ist kein gültiger Wert für „Gilt in“." in response.content.decode()
    response = client.get(API, {"land": "XX"})
    assert response.status_code == 400
    assert "land" in response.json()["parameter"]


def test_api_filters_by_land_and_names_the_scope(client, scoped):
    data = client.get(API, {"land": "BY"}).json()
    records = {r["slug"]: r for r in data["steckbriefe"]}
    assert sorted(records) == ["bayern", "bund"]
    assert records["bund"]["geltungsbereich"] == ["DE"]
    assert records["bayern"]["geltungsbereich"] == ["BY"]


def test_facts_box_shows_the_scope(client, scoped):
    def facts_box(slug):
        body = client.get(reverse("profiles:profile_detail", args=[slug])).content.decode()
        return " ".join(body.split('id="auf-einen-blick"')[1].split("</aside>")[0].split())

    assert "<dt>Geltungsbereich</dt>" in facts_box("bund")
    assert "<dd> bundesweit </dd>" in facts_box("bund")
    assert "<dd> Niedersachsen, Nordrhein-Westfalen </dd>" in facts_box("nrw")
    assert "<dd> nicht angegeben </dd>" in facts_box("offen")


def test_import_sets_the_scope_and_rejects_unknown_or_mixed_codes(scoped):
    resource = ProfileResource()
    exported = resource.export()
    assert "geltungsbereich" in exported.headers
    row = dict(zip(exported.headers, exported[exported["slug"].index("nrw")], strict=True))
    assert row["geltungsbereich"] == "NI, NW"  # position order of the Land table

    def import_scope(value):
        data = tablib.Dataset(headers=list(row))
        data.append([value if key == "geltungsbereich" else row[key] for key in row])
        return ProfileResource().import_data(data, dry_run=False)

    result = import_scope("by, sn")
    assert not result.has_validation_errors()
    assert sorted(Profile.objects.get(slug="nrw").scope.values_list("code", flat=True)) == [
        "BY",
        "SN",
    ]
    for bad, message in [("XX", "Unbekannte Länderkürzel: XX"), ("DE, BY", "nicht beides")]:
        result = import_scope(bad)
        assert result.has_validation_errors()
        errors = result.invalid_rows[0].error_dict["geltungsbereich"]
        assert message in " ".join(errors)
    assert sorted(Profile.objects.get(slug="nrw").scope.values_list("code", flat=True)) == [
        "BY",
        "SN",
    ]


def test_admin_refuses_nationwide_together_with_a_land(editor, editor_client, scoped, rf):
    request = rf.get("/")
    request.user = editor
    form_class = admin.site._registry[Profile].get_form(request, scoped["bund"])
    form = form_class(data={"scope": ["DE", "BY"]}, instance=scoped["bund"])
    form.is_valid()
    assert "nicht beides" in " ".join(form.errors["scope"])
    page = editor_client.get(reverse("admin:profiles_profile_change", args=[scoped["bund"].pk]))
    body = page.content.decode()
    assert 'name="scope"' in body and 'type="checkbox"' in body


# --- A fact added in this module only -------------------------------------

REVIEWED = facts.Fact(
    name="geprueft",
    label="Fachlich geprüft",
    choices=(("ja", "geprüft"), ("nein", "noch nicht geprüft")),
    condition=lambda value: Q(last_reviewed__isnull=value != "ja"),
    display=lambda p: f"geprüft am {p.last_reviewed:%d.%m.%Y}" if p.last_reviewed else "offen",
    record=lambda p: {"geprueft": p.last_reviewed is not None},
    columns=(facts.Column("geprueft", render=lambda p: "ja" if p.last_reviewed else "nein"),),
)


@pytest.fixture
def reviewed_fact(monkeypatch):
    monkeypatch.setattr(facts, "FACTS", [*facts.FACTS, REVIEWED])
    checked = make_profile("Geprüfter Steckbrief", slug="geprueft", last_reviewed="2025-03-01")
    open_ = make_profile("Offener Steckbrief", slug="offen")
    return checked, open_


def test_a_new_fact_appears_in_browse_filters_with_counts_and_chips(client, reviewed_fact):
    response = client.get(BROWSE)
    facet = response.context["facets_by_name"]["geprueft"]
    assert facet.label == "Fachlich geprüft"
    assert {o.value: o.count for o in facet.options} == {"ja": 1, "nein": 1}
    body = response.content.decode()
    assert 'name="geprueft"' in body and "noch nicht geprüft" in body

    response = client.get(BROWSE, {"geprueft": "ja"})
    assert slugs(response) == ["geprueft"]
    assert response.context["chips"] == [{"label": "Fachlich geprüft: geprüft", "query": ""}]
    assert "Fachlich geprüft: geprüft" in response.content.decode()


def test_a_new_fact_appears_in_facts_box_and_compare(client, reviewed_fact):
    checked, open_ = reviewed_fact
    body = client.get(checked.get_absolute_url()).content.decode()
    box = " ".join(body.split('id="auf-einen-blick"')[1].split("</aside>")[0].split())
    assert "<dt>Fachlich geprüft</dt> <dd> geprüft am 01.03.2025 </dd>" in box

    response = client.get(reverse("profiles:compare"), {"s": [checked.slug, open_.slug]})
    rows = {row["label"]: row["cells"] for row in response.context["rows"]}
    assert rows["Fachlich geprüft"] == ["geprüft am 01.03.2025", "offen"]


def test_a_new_fact_appears_in_the_api_with_its_filter(client, reviewed_fact):
    data = client.get(API, {"geprueft": "nein"}).json()
    assert [(r["slug"], r["geprueft"]) for r in data["steckbriefe"]] == [("offen", False)]
    assert client.get(API, {"geprueft": "vielleicht"}).status_code == 400


def test_a_new_fact_appears_in_downloads_and_the_editors_export(client, reviewed_fact):
    text = client.get("/daten/steckbriefe.csv").content.decode("utf-8-sig")
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["geprueft"]["geprueft"] == "ja" and rows["offen"]["geprueft"] == "nein"
    records = client.get("/daten/steckbriefe.json").json()["steckbriefe"]
    assert {r["slug"]: r["geprueft"] for r in records} == {"geprueft": True, "offen": False}

    exported = ProfileResource().export()
    column = exported["geprueft"]
    assert dict(zip(exported["slug"], column, strict=True)) == {"geprueft": "ja", "offen": "nein"}
