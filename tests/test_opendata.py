"""Open data: downloads and the JSON API hold published content only and reject bad input."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from profiles.models import Status
from tests.conftest import make_example, make_policy_area, make_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    mobility = make_policy_area("Mobilität", slug="mobilitaet")
    housing = make_policy_area("Wohnen", slug="wohnen")
    public = make_profile(
        "Zweckverband",
        slug="zweckverband",
        tags=[mobility],
        compensation_monetary=True,
        small_municipalities=True,
    )
    public.sources.create(title="KommZG", url="https://gesetze.legal/bayern/kommzg/17", position=1)
    other = make_profile(
        "Zweckvereinbarung", slug="zweckvereinbarung", kind="instrument", tags=[housing]
    )
    draft = make_profile("Geheimer Entwurf", slug="geheim", status=Status.DRAFT, tags=[mobility])
    review = make_profile("In Prüfung", slug="in-pruefung", status=Status.REVIEW)
    future = make_profile("Später", slug="spaeter", published_at=timezone.now() + timedelta(days=3))
    public.related.set([other, draft, review, future])
    make_example("Rendsburg", slug="rendsburg", profiles=[public, draft])
    make_example(
        "Entwurfsbeispiel", slug="entwurfsbeispiel", status=Status.DRAFT, profiles=[public]
    )
    return {"public": public, "other": other}


HIDDEN = ["geheim", "Geheimer Entwurf", "in-pruefung", "spaeter", "entwurfsbeispiel"]


def assert_no_drafts(text):
    for marker in HIDDEN:
        assert marker not in text, marker


def test_open_data_page_names_the_licence_and_links_downloads(client, catalogue, settings):
    settings.OPEN_DATA_LICENCE_NAME = "CC BY 4.0"
    response = client.get(reverse("profiles:opendata"))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'rel="license"' in content and "CC BY 4.0" in content
    for name in (
        "steckbriefe_json",
        "steckbriefe_csv",
        "praxisbeispiele_json",
        "praxisbeispiele_csv",
    ):
        assert reverse(f"profiles:opendata_{name}") in content
    assert "Steckbriefe (2)" in content


def test_json_download_holds_published_profiles_only(client, catalogue):
    response = client.get("/daten/steckbriefe.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = response.json()
    assert data["lizenz"]["name"]
    assert [p["slug"] for p in data["steckbriefe"]] == ["zweckverband", "zweckvereinbarung"]
    verband = data["steckbriefe"][0]
    assert verband["verwandte_steckbriefe"] == ["zweckvereinbarung"]
    assert verband["praxisbeispiele"] == ["rendsburg"]
    assert verband["handlungsfelder"] == ["mobilitaet"]
    assert verband["ausgleich"] == ["monetaer"]
    assert verband["quellen"] == [
        {"titel": "KommZG", "url": "https://gesetze.legal/bayern/kommzg/17"}
    ]
    assert verband["url"].endswith("/steckbriefe/zweckverband/")
    assert_no_drafts(response.content.decode())


def test_csv_download_holds_published_profiles_only(client, catalogue):
    response = client.get("/daten/steckbriefe.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["slug"] for row in rows] == ["zweckverband", "zweckvereinbarung"]
    assert rows[0]["kleine_gemeinden"] == "ja"
    assert rows[0]["quellen"] == "KommZG | https://gesetze.legal/bayern/kommzg/17"
    assert rows[0]["was-ist-das"] == "Was es ist."
    assert_no_drafts(text)


def test_example_downloads_hold_published_examples_only(client, catalogue):
    data = client.get("/daten/praxisbeispiele.json").json()
    assert [e["slug"] for e in data["praxisbeispiele"]] == ["rendsburg"]
    assert data["praxisbeispiele"][0]["steckbriefe"] == ["zweckverband"]
    text = client.get("/daten/praxisbeispiele.csv").content.decode("utf-8-sig")
    assert "rendsburg" in text
    assert_no_drafts(text)


def test_api_list_applies_the_browse_filters(client, catalogue):
    response = client.get("/api/steckbriefe/", {"handlungsfeld": "mobilitaet"})
    assert response.status_code == 200
    data = response.json()
    assert [p["slug"] for p in data["steckbriefe"]] == ["zweckverband"]
    assert data["anzahl"] == 1
    data = client.get("/api/steckbriefe/", {"art": "instrument"}).json()
    assert [p["slug"] for p in data["steckbriefe"]] == ["zweckvereinbarung"]
    everything = client.get("/api/steckbriefe/").json()
    assert [p["slug"] for p in everything["steckbriefe"]] == ["zweckverband", "zweckvereinbarung"]
    assert_no_drafts(client.get("/api/steckbriefe/").content.decode())


def test_api_pages(client, catalogue):
    first = client.get("/api/steckbriefe/", {"page_size": 1}).json()
    assert (first["anzahl"], first["seiten"], first["seite"]) == (2, 2, 1)
    assert [p["slug"] for p in first["steckbriefe"]] == ["zweckverband"]
    assert first["vorherige"] is None
    second = client.get(first["naechste"]).json()
    assert [p["slug"] for p in second["steckbriefe"]] == ["zweckvereinbarung"]
    assert second["naechste"] is None


@pytest.mark.parametrize(
    ("params", "parameter", "message"),
    [
        ({"art": "gibtsnicht"}, "art", "gibtsnicht"),
        ({"handlungsfeld": "unbekannt"}, "handlungsfeld", "unbekannt"),
        ({"kleine_gemeinden": "vielleicht"}, "kleine_gemeinden", "vielleicht"),
        ({"farbe": "blau"}, "farbe", "Unbekannter Parameter"),
        ({"page": "zwei"}, "page", "keine ganze Zahl"),
        ({"page": "0"}, "page", "mindestens 1"),
        ({"page": "9"}, "page", "Seite 9 gibt es nicht"),
        ({"page_size": "1000"}, "page_size", "Höchstens 100"),
    ],
)
def test_api_rejects_bad_parameters_with_400_and_a_german_message(
    client, catalogue, params, parameter, message
):
    response = client.get("/api/steckbriefe/", params)
    assert response.status_code == 400
    data = response.json()
    assert data["fehler"].startswith("Ungültige Anfrage")
    assert message in " ".join(data["parameter"][parameter])


def test_api_example_list_rejects_filters_it_does_not_have(client, catalogue):
    assert client.get("/api/praxisbeispiele/").json()["anzahl"] == 1
    response = client.get("/api/praxisbeispiele/", {"art": "instrument"})
    assert response.status_code == 400
    assert "art" in response.json()["parameter"]


def test_api_detail_shows_published_and_hides_drafts(client, catalogue):
    response = client.get("/api/steckbriefe/zweckverband/")
    assert response.status_code == 200
    assert response.json()["steckbrief"]["titel"] == "Zweckverband"
    for slug in ("geheim", "in-pruefung", "spaeter", "gibt-es-nicht"):
        missing = client.get(f"/api/steckbriefe/{slug}/")
        assert missing.status_code == 404
        assert "Keinen veröffentlichten Steckbrief" in missing.json()["fehler"]
    assert client.get("/api/praxisbeispiele/rendsburg/").status_code == 200
    assert client.get("/api/praxisbeispiele/entwurfsbeispiel/").status_code == 404


def test_api_is_read_only(client, catalogue):
    assert client.post("/api/steckbriefe/", {}).status_code == 405
    assert client.post("/daten/steckbriefe.json", {}).status_code == 405


def test_api_list_and_download_have_no_n_plus_one(client, django_assert_num_queries):
    area = make_policy_area()
    for _ in range(3):
        profile = make_profile(tags=[area])
        profile.sources.create(title="Q", url="https://q.example/" + profile.slug)
        make_example(profiles=[profile], tags=[area])
    # count, page, tags, Länder (Geltungsbereich), sources, related, examples
    with django_assert_num_queries(7):
        assert client.get("/api/steckbriefe/").status_code == 200
    for _ in range(10):
        make_profile(tags=[area])
    with django_assert_num_queries(7):
        assert client.get("/api/steckbriefe/").status_code == 200
    with django_assert_num_queries(6):
        assert client.get("/daten/steckbriefe.json").status_code == 200
    with django_assert_num_queries(4):
        assert client.get("/daten/praxisbeispiele.json").status_code == 200


def test_api_example_list_takes_the_filters_of_the_browse_page(client, catalogue):
    make_example("Kieler Beispiel", slug="kiel", state="SH")
    assert client.get("/api/praxisbeispiele/").json()["anzahl"] == 2
    data = client.get("/api/praxisbeispiele/", {"bundesland": "SH"}).json()
    assert [record["slug"] for record in data["praxisbeispiele"]] == ["kiel"]
    data = client.get("/api/praxisbeispiele/", {"instrument": "zweckverband"}).json()
    assert [record["slug"] for record in data["praxisbeispiele"]] == ["rendsburg"]
    response = client.get("/api/praxisbeispiele/", {"bundesland": "XX"})
    assert response.status_code == 400
    assert "bundesland" in response.json()["parameter"]
