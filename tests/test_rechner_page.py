"""/rechner/: the page, the URL as the scenario, hostile input, CSV, no database writes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from calculator import presets

pytestmark = pytest.mark.django_db

URL = "/rechner/"


def get(client, query=""):
    return client.get(f"{URL}?{query}" if query else URL)


def test_url_names():
    assert reverse("calculator:rechner") == URL
    assert reverse("calculator:rechner_csv") == "/rechner/ergebnis.csv"


def test_empty_form_works_without_javascript(client):
    response = get(client)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form method="get"' in html
    assert 'name="plus"' in html and 'value="partner"' in html
    assert "<script" not in html.split("<footer")[0].split("<main")[1]
    assert "Keine Rechts- oder Steuerberatung" in html
    assert "abgeleitet" in html


@pytest.mark.parametrize("preset", presets.PRESETS, ids=lambda p: p.slug)
def test_every_preset_computes_and_says_what_is_sourced(client, preset):
    response = get(client, preset.query)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="ergebnis"' in html
    assert "Belegt:" in html and "Angenommen:" in html
    for text in preset.assumed:
        assert text.split(":")[0][:30] in html.replace("&quot;", '"')


def test_zollernalb_page_shows_the_golden_figures(client):
    html = get(client, presets.ZOLLERNALB.query).content.decode()
    for figure in ("315.000,00 €", "173.250,00 €", "68.040,00 €", "56.700,00 €", "8.505,00 €"):
        assert figure in html
    assert "<svg" in html and 'role="img"' in html
    assert "Vergleich: alle Posten zu gleichen Teilen" in " ".join(html.split())


def test_petershausen_page(client):
    html = get(client, presets.PETERSHAUSEN.query).content.decode()
    assert "-12.000,00 €" in html and "-138.000,00 €" in html


def test_finanzausgleich_step_is_labelled_and_derived(client):
    html = get(client, presets.FINANZAUSGLEICH.query).content.decode()
    assert "Finanzausgleich (vereinfacht, Bayern)" in html
    assert "Netto nach Finanzausgleich" in html
    assert "<strong>abgeleitet</strong>" in html


def test_add_row_redirects_to_the_same_scenario_with_one_more_row(client):
    response = get(client, presets.PETERSHAUSEN.query + "&plus=partner")
    assert response.status_code == 302
    location = response["Location"]
    assert "partner=3" in location and "g2_nutz=920" in location
    follow = client.get(location)
    assert follow.status_code == 200
    assert 'id="g3_name"' in follow.content.decode()


def test_the_link_reproduces_the_result(client):
    first = get(client, presets.DRITTEL.query).content.decode()
    link = first.split('href="?', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    again = get(client, link).content.decode()
    start = first.index('id="ergebnis"')
    assert again[again.index('id="ergebnis"') :][:4000] == first[start:][:4000]


def test_all_zero_key_column_message_at_the_field(client):
    query = (
        "g1_name=A&g2_name=B&p1_name=Kosten&p1_art=kosten_jaehrlich&p1_betrag=100"
        "&p1_schluessel=flaeche"
    )
    response = get(client, query)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Für den Schlüssel Fläche hat kein Partner einen Wert." in html
    assert 'href="#p1_schluessel"' in html
    assert 'id="p1_schluessel"' in html and 'aria-invalid="true"' in html


def test_weights_not_100(client):
    query = (
        "g1_name=A&g1_ew=1&g2_name=B&g2_ew=2&p1_name=K&p1_art=kosten_jaehrlich&p1_betrag=9"
        "&p1_schluessel=kombiniert&w_einwohner=60&w_gleich=30"
    )
    html = get(client, query).content.decode()
    assert "ergeben zusammen 90 %, nicht 100 %" in html


def test_input_is_kept_when_there_is_an_error(client):
    html = get(client, "g1_name=Meßstetten&g1_ew=-5&g2_name=B").content.decode()
    assert 'value="Meßstetten"' in html
    assert "Einwohner darf nicht negativ sein." in html


HOSTILE = [
    "g1_ew=1e999&g1_name=A",
    "g1_name=A&g1_ew=NaN&g2_name=B&p1_name=x&p1_art=kosten_jaehrlich&p1_betrag=1&p1_schluessel=gleich",
    "g1_name=A&g1_ew=Infinity",
    "g1_name=A&g1_ew=-Infinity&g1_ha=inf",
    "g1_name=A&g1_kap=" + "9" * 40,
    "p1_betrag=" + "1" * 40 + "&p1_name=x&p1_art=kosten_einmalig&p1_schluessel=gleich",
    "g1_name=%00%00&g2_name=B%00C",
    "titel=%00" + "x" * 5000,
    "partner=13",
    "partner=99999999999999999999",
    "partner=-1&posten=abc",
    "g13_name=Zu+viele&g1_name=A",
    "g9999_name=X",
    "p11_name=X&p11_art=kosten_einmalig",
    "jahr=1999&g1_name=A&g2_name=B",
    "jahr=%00",
    "p1_art=gewerbesteuer&p1_name=G&p1_schluessel=gleich&g1_name=A&g2_name=B",
    "p1_art=gewerbesteuer&p1_name=G&p1_messbetrag=1&p1_hebesatz=150&p1_schluessel=gleich&g1_name=A&g2_name=B",
    "p1_art=unsinn&p1_schluessel=unsinn&p1_name=x",
    "p1_vorab=50&p1_name=x&p1_art=kosten_einmalig&p1_betrag=10&p1_schluessel=gleich&g1_name=A&g2_name=B",
    "g1_name=A&g1_max=10&g2_name=B&g2_max=10&p1_name=x&p1_art=kosten_einmalig&p1_betrag=10&p1_schluessel=gleich",
    "g1_name=A&g1_anteil=30&g2_name=B&g2_anteil=30&p1_name=x&p1_art=kosten_einmalig&p1_betrag=10&p1_schluessel=fest",
    "vergleich=%3Cscript%3E&fa=1&fa_kreisumlage=1e5&fa_anerkannt=vielleicht",
    "fa=1&fa_anerkannt=nein&g1_name=A&g2_name=B&p1_name=x&p1_art=gewerbesteuer&p1_messbetrag=5&p1_hebesatz=300&p1_schluessel=gleich&fa_kreisumlage=40",
    "w_gleich=0x10&w_fest=1,2,3&w_kapital=1.234.5",
    "g1_ha=1..2&g1_name=A&g1_nutz=%E2%80%AE12",
    "g1_name=" + "%F0%9F%98%80" * 100,
    "plus=partner&partner=12",
    "plus=posten&posten=10",
    "plus=%00",
    "g1_name=A&g1_name=B&g1_name=C",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_get_an_answer_not_an_error(client, query):
    response = get(client, query)
    assert response.status_code in (200, 302, 400)
    if response.status_code != 302:
        assert "Lasten-Nutzen-Rechner" in response.content.decode()
    csv = client.get(f"{URL}ergebnis.csv?{query}")
    assert csv.status_code in (200, 400)


def test_too_many_partners_message(client):
    html = get(client, "partner=13").content.decode()
    assert "höchstens 12 Partner" in html


def test_public_requests_write_nothing(client):
    with CaptureQueriesContext(connection) as queries:
        for preset in presets.PRESETS:
            get(client, preset.query)
            client.get(f"{URL}ergebnis.csv?{preset.query}")
        get(client, "g1_ew=1e999")
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []


def test_csv_download(client):
    response = client.get(f"{URL}ergebnis.csv?{presets.ZOLLERNALB.query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("Gemeinde;Posten;")
    assert "Meßstetten;Gewerbesteuer aus dem Park;" in text
    assert ";173250,00;" in text


def test_csv_neutralises_formulas(client):
    query = (
        "g1_name=%3DHYPERLINK(1)&g2_name=B&p1_name=%2Bx&p1_art=kosten_einmalig&p1_betrag=10"
        "&p1_schluessel=gleich"
    )
    text = client.get(f"{URL}ergebnis.csv?{query}").content.decode("utf-8-sig")
    assert "\n'=HYPERLINK(1);'+x;" in text.replace("\r\n", "\n")


def test_csv_without_scenario_is_a_german_400(client):
    response = client.get(f"{URL}ergebnis.csv")
    assert response.status_code == 400
    assert "CSV-Datei kann nicht erstellt werden" in response.content.decode()


def test_german_number_formats(client):
    query = (
        "g1_name=A&g1_kap=1.500.000&g2_name=B&g2_kap=500000,00&p1_name=x&p1_art=kosten_einmalig"
        "&p1_betrag=1.000,50&p1_schluessel=kapital"
    )
    html = get(client, query).content.decode()
    assert "750,38 €" in html and "250,12 €" in html


def test_home_and_the_ausgleich_list_link_to_the_calculator(client):
    assert 'href="/rechner/"' in client.get("/").content.decode()
    notice = "Wie ein Ausgleich in Euro aussieht"
    assert notice in client.get("/steckbriefe/?art=ausgleich").content.decode()
    assert notice not in client.get("/steckbriefe/?art=instrument").content.decode()


def test_finanzausgleich_without_gewerbesteuer_says_so_at_the_switch(client):
    query = presets.PETERSHAUSEN.query + "&fa=1&fa_kreisumlage=50"
    response = get(client, query)
    assert response.status_code == 400
    html = response.content.decode()
    assert "betrachtet nur die Gewerbesteuer" in html and 'href="#fa"' in html
