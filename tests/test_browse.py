"""The browse pages: facet counts, chips, shareable URLs, bad input, query counts."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from profiles.models import Profile, Status
from profiles.public.filters import PracticeExampleFilterSet, ProfileFilterSet
from tests.conftest import make_example, make_policy_area, make_profile

pytestmark = pytest.mark.django_db

BROWSE = reverse("profiles:profile_list")
EXAMPLES = reverse("profiles:example_list")


def counts(filterset):
    """{facet name: {option value: count}}."""
    return {f.name: {o.value: o.count for o in f.options} for f in filterset.facets()}


def results(filterset):
    return {p.title for p in filterset.qs}


@pytest.fixture
def catalogue():
    wohnen = make_policy_area("Wohnen")
    mobil = make_policy_area("Mobilität")
    energie = make_policy_area("Energie")
    make_profile(
        "P1 Organisation",
        kind="organisationsform",
        tags=[wohnen],
        bindingness="vertraglich",
        compensation_monetary=True,
        effort="gering",
        small_municipalities=True,
    )
    make_profile(
        "P2 Instrument",
        kind="instrument",
        tags=[wohnen, mobil],
        bindingness="informell",
        compensation_package=True,
        effort="mittel",
    )
    make_profile(
        "P3 Instrument",
        kind="instrument",
        tags=[mobil],
        bindingness="vertraglich",
        compensation_monetary=True,
        compensation_in_kind=True,
        effort="hoch",
        small_municipalities=True,
    )
    make_profile("P4 Ausgleich", kind="ausgleich", bindingness="rechtsperson", effort="gering")
    # Drafts and future-dated profiles must never count.
    make_profile(
        "Entwurf Ausgleich",
        kind="ausgleich",
        tags=[energie, wohnen],
        compensation_monetary=True,
        small_municipalities=True,
        status=Status.DRAFT,
    )
    make_profile(
        "Zukunft Ausgleich",
        kind="ausgleich",
        tags=[energie],
        published_at=timezone.now() + timedelta(days=3),
    )


def browse(params):
    return ProfileFilterSet(params, queryset=Profile.objects.published())


def test_facet_counts_leave_out_their_own_filter_and_apply_the_others(catalogue):
    filterset = browse({"art": ["instrument"], "handlungsfeld": ["wohnen"]})
    assert results(filterset) == {"P2 Instrument"}
    c = counts(filterset)
    # Art: counted among profiles in "Wohnen" (drafts and future ones left out).
    assert c["art"] == {"organisationsform": 1, "instrument": 1, "ausgleich": 0}
    # Handlungsfeld ("oder"): counted among instruments.
    assert c["handlungsfeld"] == {"wohnen": 1, "mobilitaet": 2, "energie": 0}
    # Facets without an own selection: counted among the results.
    assert c["verbindlichkeit"] == {
        "informell": 1,
        "vertraglich": 0,
        "hoheitlich": 0,
        "rechtsperson": 0,
    }
    assert c["kleine_gemeinden"] == {"ja": 0, "nein": 1}
    assert c["ausgleich"] == {"monetaer": 0, "nicht-monetaer": 0, "paketloesung": 1}


def test_facet_counts_with_several_values_of_one_facet(catalogue):
    filterset = browse({"ausgleich": ["monetaer"], "art": ["instrument"]})
    assert results(filterset) == {"P3 Instrument"}
    c = counts(filterset)
    assert c["ausgleich"] == {"monetaer": 1, "nicht-monetaer": 1, "paketloesung": 1}
    assert c["art"] == {"organisationsform": 1, "instrument": 1, "ausgleich": 0}
    assert c["aufwand"] == {"gering": 0, "mittel": 0, "hoch": 1}
    unfiltered = counts(browse({}))
    assert unfiltered["aufwand"] == {"gering": 2, "mittel": 1, "hoch": 1}
    assert unfiltered["handlungsfeld"] == {"wohnen": 2, "mobilitaet": 2, "energie": 0}


def test_facet_counts_with_three_active_facets(catalogue):
    filterset = browse(
        {"art": ["instrument"], "aufwand": ["hoch", "mittel"], "kleine_gemeinden": "ja"}
    )
    assert results(filterset) == {"P3 Instrument"}
    c = counts(filterset)
    assert c["art"] == {"organisationsform": 0, "instrument": 1, "ausgleich": 0}
    assert c["aufwand"] == {"gering": 0, "mittel": 0, "hoch": 1}
    assert c["kleine_gemeinden"] == {"ja": 1, "nein": 1}
    assert c["verbindlichkeit"] == {
        "informell": 0,
        "vertraglich": 1,
        "hoheitlich": 0,
        "rechtsperson": 0,
    }
    assert c["handlungsfeld"] == {"wohnen": 0, "mobilitaet": 1, "energie": 0}
    totals = {f.name: f.total_without for f in filterset.facets()}
    assert totals["kleine_gemeinden"] == 2  # without it: P2 and P3
    assert totals["art"] == 1  # without it: only P3 is small with that effort
    assert filterset.result_total == 1


def test_handlungsfeld_counts_with_und_narrow_further(catalogue):
    params = {"handlungsfeld": ["wohnen", "mobilitaet"], "verknuepfung": "und"}
    filterset = browse(params)
    assert results(filterset) == {"P2 Instrument"}
    assert counts(filterset)["handlungsfeld"] == {"wohnen": 1, "mobilitaet": 1, "energie": 0}
    filterset = browse({**params, "verknuepfung": "oder"})
    assert results(filterset) == {"P1 Organisation", "P2 Instrument", "P3 Instrument"}
    assert counts(filterset)["handlungsfeld"] == {"wohnen": 2, "mobilitaet": 2, "energie": 0}


def test_facet_counts_follow_the_search_term(catalogue):
    filterset = browse({"q": "Instrument"})
    assert results(filterset) == {"P2 Instrument", "P3 Instrument"}
    assert counts(filterset)["art"] == {"organisationsform": 0, "instrument": 2, "ausgleich": 0}


def test_page_shows_counts_and_zero_options_disabled(client, catalogue):
    body = client.get(BROWSE, {"art": "instrument"}).content.decode()
    assert "2 Steckbriefe" in body
    energie = re.search(r'<input[^>]*id="handlungsfeld-energie"[^>]*>', body).group(0)
    assert "disabled" in energie
    assert re.search(r'for="handlungsfeld-energie">Energie <span class="facet__count">\(0', body)
    instrument = re.search(r'<input[^>]*id="art-instrument"[^>]*>', body).group(0)
    assert "checked" in instrument
    assert "disabled" not in instrument
    assert "Entwurf Ausgleich" not in body
    assert "Zukunft Ausgleich" not in body


def test_chips_remove_one_value_each_and_reset_link(client, catalogue):
    body = client.get(
        BROWSE, {"art": ["instrument", "ausgleich"], "aufwand": "hoch", "page": "1"}
    ).content.decode()
    assert "Art des Steckbriefs: Planungs- oder Kooperationsinstrument" in body
    assert 'href="?art=ausgleich&amp;aufwand=hoch"' in body  # "instrument" removed, page dropped
    assert 'href="?art=instrument&amp;art=ausgleich"' in body  # "Aufwand" removed
    assert f'href="{BROWSE}">Alle Filter zurücksetzen' in body


def test_pagination_keeps_filters_and_search(client, db):
    for i in range(25):
        make_profile(f"Gewerbe {i:02d}", kind="instrument")
    make_profile("Andere Art", kind="ausgleich")
    response = client.get(BROWSE, {"art": "instrument", "q": "Gewerbe", "sortierung": "titel"})
    body = response.content.decode()
    assert "25 Steckbriefe" in body
    assert 'href="?art=instrument&amp;q=Gewerbe&amp;sortierung=titel&amp;page=2"' in body
    page2 = client.get(
        BROWSE, {"art": "instrument", "q": "Gewerbe", "sortierung": "titel", "page": 2}
    )
    titles = [p.title for p in page2.context["profiles"]]
    assert titles == [f"Gewerbe {i:02d}" for i in range(20, 25)]


def test_sorting_by_title_and_last_updated(client, db):
    b = make_profile("B")
    make_profile("A")
    c = make_profile("C")
    Profile.objects.filter(pk=b.pk).update(updated=timezone.now() + timedelta(hours=1))
    Profile.objects.filter(pk=c.pk).update(updated=timezone.now() + timedelta(hours=2))
    by_title = client.get(BROWSE).context["profiles"]
    assert [p.title for p in by_title] == ["A", "B", "C"]
    by_update = client.get(BROWSE, {"sortierung": "aktualisiert"}).context["profiles"]
    assert [p.title for p in by_update] == ["C", "B", "A"]


def test_empty_state_suggests_what_to_loosen(client, catalogue):
    body = client.get(
        BROWSE,
        {"art": "ausgleich", "handlungsfeld": ["wohnen", "mobilitaet"], "verknuepfung": "und"},
    ).content.decode()
    assert "Keine Steckbriefe passen zu dieser Auswahl." in body
    assert "Ohne den Filter „Art des Steckbriefs“ gäbe es 1 Treffer." in body
    assert "verknuepfung=oder" in body


def test_invalid_values_are_shown_in_german_and_valid_filters_still_apply(client, catalogue):
    response = client.get(
        BROWSE,
        {"art": ["instrument", "<script>"], "aufwand": "hoch", "handlungsfeld": "gibtsnicht"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "„&lt;script&gt;“ ist kein gültiger Wert für „Art des Steckbriefs“." in body
    assert "Das Handlungsfeld „gibtsnicht“ gibt es nicht." in body
    assert "<script>" not in body.split("<main")[1].split("</main>")[0]
    # The valid "instrument" of art still applies, with aufwand.
    assert [p.title for p in response.context["profiles"]] == ["P3 Instrument"]
    response = client.get(BROWSE, {"art": ["instrument", "<script>"]})
    assert [p.title for p in response.context["profiles"]] == ["P2 Instrument", "P3 Instrument"]
    chips = [chip["label"] for chip in response.context["chips"]]
    assert chips == ["Art des Steckbriefs: Planungs- oder Kooperationsinstrument"]


@pytest.mark.parametrize(
    ("page", "message", "shown"),
    [
        ("abc", "„abc“ ist keine Seitenzahl – hier ist Seite 1.", 1),
        ("99999", "Seite 99999 gibt es nicht, die Liste hat 2 Seiten – hier ist die letzte.", 2),
        ("0", "Seitenzahlen beginnen bei 1", 1),
        ("-3", "Seitenzahlen beginnen bei 1", 1),
    ],
)
def test_bad_page_numbers_show_the_nearest_page_with_a_message(client, db, page, message, shown):
    for _ in range(21):
        make_profile()
    response = client.get(BROWSE, {"page": page})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["page_obj"].number == shown


def test_long_query_is_shortened_with_a_message(client, db):
    response = client.get(BROWSE, {"q": "Zweckverband " * 800})
    assert response.status_code == 200
    assert "wurde auf 200 Zeichen gekürzt" in response.content.decode()


HOSTILE = [
    {"q": "\x00"},
    {"q": "Zweck\x00verband"},
    {"q": "\x1b[2J\x07\x08\x7f\x85"},
    {"q": "a" * 10_000},
    {"q": "Flächennutzungsplan " * 600},
    {"q": "🙂" * 3000},
    {"q": "' OR 1=1 --"},
    {"q": "<script>alert(1)</script>"},
    {"q": "&|!:*()<->"},
    {"q": '"""'},
    {"q": "-"},
    {"q": "or"},
    {"q": ["eins", "zwei"]},
    {"q": "%00"},
    {"sortierung": "DROP TABLE profiles_profile"},
    {"sortierung": "-title"},
    {"sortierung": "\x00"},
    {"page": "abc"},
    {"page": "99999"},
    {"page": "9" * 400},
    {"page": "1e5"},
    {"page": "-1"},
    {"page": "\x00"},
    {"page": ["1", "2"]},
    {"handlungsfeld": "does-not-exist"},
    {"handlungsfeld": "\x00"},
    {"handlungsfeld": "x" * 5000},
    {"handlungsfeld": ["wohnen", "' OR 1=1"]},
    {"art": "<script>"},
    {"art": "\x00"},
    {"verknuepfung": "xor"},
    {"kleine_gemeinden": "vielleicht"},
    {"aufwand": ["gering", "riesig"]},
    {"ausgleich": "\x00"},
    {"unbekannt": "\x00"},
    {"\x00": "\x00"},
    {"art": ["instrument"] * 500},
]
RAW = ["q=%ff%fe%00", "page=%00", "handlungsfeld=%C0%AE", "q=%", "art=%E2%80%AE", "&&&==&"]


@pytest.mark.parametrize("params", HOSTILE)
def test_hostile_input_never_breaks_the_browse_page(client, catalogue, params):
    # A value that is empty once control characters are stripped redirects to the
    # URL without it (browse.without_empty_params); the page behind it answers 200.
    response = client.get(BROWSE, params, follow=True)
    assert response.status_code == 200
    assert b"Steckbriefe" in response.content


@pytest.mark.parametrize("raw", RAW)
def test_hostile_raw_query_strings(client, catalogue, raw):
    assert client.get(f"{BROWSE}?{raw}", follow=True).status_code == 200
    assert client.get(f"{EXAMPLES}?{raw}", follow=True).status_code == 200


@pytest.mark.parametrize("params", HOSTILE[14:] + [{"bundesland": "XX"}, {"instrument": "\x00"}])
def test_hostile_input_never_breaks_the_examples_page(client, catalogue, params):
    assert client.get(EXAMPLES, params, follow=True).status_code == 200


def page_queries(client, params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(BROWSE, params)
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"art": "instrument", "handlungsfeld": ["wohnen", "mobilitaet"]},
        {"q": "Steckbrief", "aufwand": "mittel", "sortierung": "relevanz"},
        {"q": "Steckbrief", "handlungsfeld": "wohnen", "verknuepfung": "und", "art": "instrument"},
    ],
)
def test_browse_queries_do_not_grow_with_results(client, django_assert_num_queries, params):
    wohnen = make_policy_area("Wohnen")
    mobil = make_policy_area("Mobilität")
    make_profile("Steckbrief eins", kind="instrument", tags=[wohnen, mobil])
    single, response = page_queries(client, params)
    assert len(response.context["profiles"]) == 1
    assert single <= 9
    for i in range(49):
        make_profile(f"Steckbrief {i}", kind="instrument", tags=[wohnen, mobil])
    with django_assert_num_queries(single):
        response = client.get(BROWSE, params)
    assert response.context["paginator"].count == 50
    assert len(response.context["profiles"]) == 20


def test_examples_page_queries_do_not_grow_with_results(client, django_assert_num_queries):
    area = make_policy_area("Wohnen")
    profile = make_profile("Zweckverband")
    make_example(tags=[area], profiles=[profile])
    with CaptureQueriesContext(connection) as captured:
        client.get(EXAMPLES, {"handlungsfeld": "wohnen"})
    for _ in range(30):
        make_example(tags=[area], profiles=[profile])
    with django_assert_num_queries(len(captured)):
        response = client.get(EXAMPLES, {"handlungsfeld": "wohnen"})
    assert response.context["paginator"].count == 31


def test_example_filters_and_counts_ignore_drafts(db):
    wohnen = make_policy_area("Wohnen")
    mobil = make_policy_area("Mobilität")
    zv = make_profile("Zweckverband")
    pool = make_profile("Flächenpool")
    hidden = make_profile("Entwurf", status=Status.DRAFT)
    make_example("Bayern Wohnen", state="BY", tags=[wohnen], profiles=[zv])
    make_example("Hessen Wohnen", state="HE", tags=[wohnen], profiles=[pool])
    make_example("Bayern Mobil", state="BY", tags=[mobil], profiles=[zv, hidden])
    make_example("Entwurf Bayern", state="BY", tags=[wohnen], profiles=[pool], status=Status.DRAFT)
    from profiles.models import PracticeExample

    filterset = PracticeExampleFilterSet(
        {"bundesland": ["BY"], "handlungsfeld": ["wohnen"]},
        queryset=PracticeExample.objects.published(),
    )
    assert results(filterset) == {"Bayern Wohnen"}
    c = counts(filterset)
    assert c["bundesland"]["BY"] == 1 and c["bundesland"]["HE"] == 1 and c["bundesland"]["NW"] == 0
    assert c["handlungsfeld"] == {"mobilitaet": 1, "wohnen": 1}
    # Only published profiles applied by a published example are options.
    assert c["instrument"] == {zv.slug: 1, pool.slug: 0}
    filterset = PracticeExampleFilterSet(
        {"instrument": [hidden.slug]}, queryset=PracticeExample.objects.published()
    )
    assert filterset.errors  # a draft is no option
    assert results(filterset) == {"Bayern Wohnen", "Hessen Wohnen", "Bayern Mobil"}
    filterset = PracticeExampleFilterSet(
        {"instrument": [pool.slug]}, queryset=PracticeExample.objects.published()
    )
    assert results(filterset) == {"Hessen Wohnen"}


def test_examples_page_filters_and_shows_errors(client, db):
    area = make_policy_area("Wohnen")
    make_example("In Bayern", state="BY", tags=[area])
    make_example("In Hessen", state="HE")
    body = client.get(EXAMPLES, {"bundesland": ["HE", "XX"]}).content.decode()
    assert "In Hessen" in body
    assert "In Bayern" not in body
    assert "„XX“ ist kein gültiger Wert für „Bundesland“." in body
    assert re.search(r'id="bundesland-BY"[^>]*>', body)


def test_policy_area_pages_count_only_published(client, db):
    area = make_policy_area("Wohnen", description="Über das Wohnen.")
    make_profile("Veröffentlicht", tags=[area])
    make_profile("Entwurf", tags=[area], status=Status.DRAFT)
    make_example("Beispiel", tags=[area])
    make_example("Beispielentwurf", tags=[area], status=Status.DRAFT)
    body = client.get(reverse("profiles:policyarea_list")).content.decode()
    assert "1 Steckbrief · 1 Praxisbeispiel" in body
    detail = client.get(area.get_absolute_url()).content.decode()
    assert "Steckbriefe (1)" in detail
    assert "Praxisbeispiele (1)" in detail
    assert "Entwurf" not in detail
    assert f"?handlungsfeld={area.slug}" in detail


def test_home_and_header_search_boxes_lead_to_the_site_search(client, db):
    body = client.get(reverse("profiles:home")).content.decode()
    form = re.search(r'<form class="home-search"[^>]*>', body).group(0)
    assert 'action="/suche/"' in form
    header = re.search(r'<form class="site-search"[^>]*>', body).group(0)
    assert 'action="/suche/"' in header
    assert 'name="q"' in body
    assert "?art=instrument" in body


def test_example_list_offers_the_most_applied_steckbriefe_and_every_selected_one(
    client, monkeypatch
):
    from profiles.public import filters

    monkeypatch.setattr(filters, "INSTRUMENT_OPTIONS", 2)
    often, sometimes, once = (make_profile(title) for title in ("Oft", "Manchmal", "Einmal"))
    for _ in range(3):
        make_example(profiles=[often])
    for _ in range(2):
        make_example(profiles=[sometimes])
    make_example(profiles=[once])
    url = reverse("profiles:example_list")

    facet = client.get(url).context["facets_by_name"]["instrument"]
    assert [(option.label, option.count) for option in facet.options] == [
        ("Manchmal", 2),
        ("Oft", 3),
    ]
    assert facet.hidden == 1
    page = client.get(url).content.decode()
    assert "1 weitere finden Sie über die Suche" in page

    # A selected Steckbrief stays visible (and removable) even outside the top.
    facet = client.get(url, {"instrument": once.slug}).context["facets_by_name"]["instrument"]
    assert {option.label for option in facet.options} == {"Oft", "Manchmal", "Einmal"}
    assert [option.label for option in facet.options if option.selected] == ["Einmal"]
