"""Search: the same behaviour on SQLite (FTS5) and PostgreSQL (german full text).

Every test here runs on both engines; only tests/test_search_engines.py looks
at engine internals.
"""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from profiles.models import PolicyArea, Profile, Status, TaggedProfile
from search import registry, text
from search.index import index_count
from search.models import Synonym
from search.query import parse, to_fts5
from search.request import MAX_QUERY_LENGTH, MODE_ANY, Search, clean_query, find
from search.views import search_groups
from tests.conftest import make_example, make_policy_area, make_profile

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_synonyms():
    """Each test reads the synonyms of its own database (they are cached)."""
    from django.core.cache import cache

    from search.request import _SYNONYM_CACHE_KEY

    cache.delete(_SYNONYM_CACHE_KEY)
    yield
    cache.delete(_SYNONYM_CACHE_KEY)


def found(q, kind="steckbriefe"):
    """Titles of published objects of a kind for q, as the browse pages rank them."""
    return [str(obj) for obj in find(kind, q)]


@pytest.fixture
def fnp():
    make_profile(
        "Gemeinsamer Flächennutzungsplan",
        summary="Mehrere Gemeinden planen ihre Bodennutzung zusammen.",
        description="Nach § 204 BauGB stellen Nachbargemeinden einen gemeinsamen Plan auf.",
    )
    make_profile("Zweckverband", summary="Eine Körperschaft für gemeinsame Aufgaben.")
    return Profile.objects.get(title="Gemeinsamer Flächennutzungsplan")


# Words, spellings, stemming ---------------------------------------------------


@pytest.mark.parametrize(
    "q",
    [
        "Flächennutzungsplan",
        "flächennutzungsplan",
        "FLÄCHENNUTZUNGSPLAN",
        "Flaechennutzungsplan",
        "Flächennutzungspläne",
        "flaechennutzungsplaene",
    ],
)
def test_case_umlaut_spellings_and_plural_find_the_profile(fnp, q):
    assert found(q) == ["Gemeinsamer Flächennutzungsplan"]


def test_german_stemming_matches_inflected_forms(db):
    make_profile("Interkommunales Gewerbegebiet", summary="Gemeinden entwickeln Flächen.")
    make_profile("Zweckverband", summary="Eine Körperschaft.")
    assert found("Gewerbegebiete") == ["Interkommunales Gewerbegebiet"]
    assert found("Fläche") == ["Interkommunales Gewerbegebiet"]
    assert found("Gemeinde") == ["Interkommunales Gewerbegebiet"]
    assert found("Zweckverbände") == ["Zweckverband"]


def test_sharp_s_is_folded(db):
    make_profile("Straßenbaulast", summary="Wer zahlt die Straße?")
    assert found("Strassenbaulast") == ["Straßenbaulast"]
    assert found("straßenbaulast") == ["Straßenbaulast"]


def test_all_words_must_match_minus_excludes_and_oder_widens(fnp):
    assert found("gemeinsam Bodennutzung") == ["Gemeinsamer Flächennutzungsplan"]
    assert found("gemeinsame -Bodennutzung") == ["Zweckverband"]
    assert sorted(found("Bodennutzung oder Körperschaft")) == [
        "Gemeinsamer Flächennutzungsplan",
        "Zweckverband",
    ]
    assert sorted(found("Bodennutzung or Körperschaft")) == sorted(
        found("Bodennutzung oder Körperschaft")
    )


def test_words_that_never_occur_together_fall_back_to_any_of_them(fnp):
    # A question of several words: nothing has all, so those with some come first.
    assert sorted(found("Bodennutzung Körperschaft")) == [
        "Gemeinsamer Flächennutzungsplan",
        "Zweckverband",
    ]


def test_phrase_needs_the_words_in_order(db):
    make_profile("A", summary="Lasten und Nutzen fair teilen.")
    make_profile("B", summary="Nutzen ohne Lasten.")
    assert found('"Lasten und Nutzen"') == ["A"]
    assert found('"gemeinden teilen"') == []


def test_title_hit_ranks_above_summary_and_body_hits(db):
    make_profile("Regionalmanagement", description="Ein Gewerbeflächenpool hilft oft.")
    make_profile("Kommunalunternehmen", summary="Betreibt auch einen Gewerbeflächenpool.")
    make_profile("Gewerbeflächenpool", description="Pool für Flächen.")
    assert found("Gewerbeflächenpool") == [
        "Gewerbeflächenpool",
        "Kommunalunternehmen",
        "Regionalmanagement",
    ]


def test_drafts_are_never_found(fnp):
    make_profile("Flächennutzungsplan im Entwurf", status=Status.DRAFT)
    make_example("Flächennutzungsplan als Beispiel", status=Status.DRAFT)
    assert found("Flächennutzungsplan") == ["Gemeinsamer Flächennutzungsplan"]
    assert found("Flächennutzungsplan", "praxisbeispiele") == []


def test_policy_area_names_are_searchable(db):
    make_profile("Zweckverband", tags=[make_policy_area("Medizinische Versorgung")])
    assert found("Versorgung") == ["Zweckverband"]
    assert found("Versorgung", "handlungsfelder") == ["Medizinische Versorgung"]


# Typos ----------------------------------------------------------------------


def test_typo_falls_back_to_similar_titles_with_a_suggestion(client, fnp):
    response = client.get(reverse("profiles:profile_list"), {"q": "Flaechenutzngsplan"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Kein Steckbrief enthält genau" in body
    assert [p.title for p in response.context["profiles"]] == ["Gemeinsamer Flächennutzungsplan"]
    assert "Meinten Sie" in body
    assert "q=Fl%C3%A4chennutzungsplan" in body


def test_no_fallback_when_full_text_finds_something(client, fnp):
    body = client.get(reverse("profiles:profile_list"), {"q": "Zweckverband"}).content.decode()
    assert "Kein Steckbrief enthält genau" not in body


def test_typo_fallback_needs_every_word_to_resemble_the_title(client, db):
    make_profile("Interkommunales Gewerbegebiet Würmtal")
    make_profile("Gewerbegebiet Isartal")
    make_profile("Zweckverband Würmtal")
    response = client.get(reverse("profiles:profile_list"), {"q": "Gewerbegebeit Wuermtal"})
    assert [p.title for p in response.context["profiles"]] == [
        "Interkommunales Gewerbegebiet Würmtal"
    ]
    assert response.context["suggestion"] == "Gewerbegebiet Würmtal"


# Abbreviations and synonyms ---------------------------------------------------


@pytest.fixture
def park_and_ride(db):
    make_example(
        "Regional Hub Petershausen",
        summary="Die P+R-Anlage am S-Bahnhof nutzen vor allem Pendler aus anderen Kommunen.",
        description="Eine Beteiligung an den Kosten kam nicht zustande.",
    )
    make_example("Badebus", summary="Ein Bus zum See, Parkdruck am Ziel.")
    for n in range(3):
        make_profile(f"Steckbrief {n}", summary="Ohne Abkürzung, mit Park und Ride getrennt.")
    make_profile("Nutzungsentgelt", description="Eine Park-and-Ride-Anlage erhebt Gebühren.")


def test_p_plus_r_finds_petershausen_and_not_every_profile(park_and_ride):
    assert found("P+R", "praxisbeispiele") == ["Regional Hub Petershausen"]
    # The synonym (migration data) finds the spelled-out form, and only that.
    assert found("P+R") == ["Nutzungsentgelt"]
    assert found("Park-and-Ride", "praxisbeispiele") == ["Regional Hub Petershausen"]
    assert found("p+r") == found("P + R") == ["Nutzungsentgelt"]


def test_synonyms_editors_add_apply_at_once(client, db):
    make_profile("Zweckverband", summary="Interkommunale Zusammenarbeit mit eigener Satzung.")
    make_profile("Anderes", summary="Nichts davon.")
    Synonym.objects.filter(term="IKZ").delete()
    assert found("IKZ") == []
    Synonym.objects.create(term="IKZ", variants="interkommunale Zusammenarbeit")
    assert found("IKZ") == ["Zweckverband"]
    assert found("ikz Satzung") == ["Zweckverband"]


def test_synonym_admin_is_open_to_the_editors(editor_client):
    url = reverse("admin:search_synonym_add")
    response = editor_client.post(url, {"term": "VG", "variants": "Verwaltungsgemeinschaft"})
    assert response.status_code == 302
    assert Synonym.objects.get(term="VG").spellings == ["VG", "Verwaltungsgemeinschaft"]


# The index follows every change ------------------------------------------------


def test_index_follows_edits_of_profile_tags_and_policy_area(fnp):
    area = make_policy_area("Freiraum")
    assert found("Freiraum") == []
    fnp.tags.add(area)
    assert found("Freiraum") == ["Gemeinsamer Flächennutzungsplan"]
    area.name = "Grünflächen"
    area.save()
    assert found("Freiraum") == []
    assert found("Grünflächen") == ["Gemeinsamer Flächennutzungsplan"]
    assert found("Grünflächen", "handlungsfelder") == ["Grünflächen"]
    fnp.tags.set([])
    assert found("Grünflächen") == []
    fnp.tags.add(area)
    area.delete()
    assert found("Grünflächen") == []
    assert found("Grünflächen", "handlungsfelder") == []
    fnp.refresh_from_db()
    fnp.title = "Regionaler Flächenpool"
    fnp.save()
    assert found("Flächenpool") == ["Regionaler Flächenpool"]
    assert found("Flächennutzungsplan") == []


def test_index_follows_practice_examples_and_their_tags(db):
    example = make_example("Badebus Würmregion", summary="Ein Bus zum See.")
    assert found("Badebus", "praxisbeispiele") == ["Badebus Würmregion"]
    area = make_policy_area("Mobilität")
    example.tags.add(area)
    assert found("Mobilität", "praxisbeispiele") == ["Badebus Würmregion"]
    area.name = "Verkehr"
    area.save()
    assert found("Verkehr", "praxisbeispiele") == ["Badebus Würmregion"]
    example.title = "Seebus"
    example.save()
    assert found("Badebus", "praxisbeispiele") == []
    example.delete()
    assert found("Seebus", "praxisbeispiele") == []


def test_index_follows_taggings_created_directly(fnp):
    area = make_policy_area("Einzelhandel")
    TaggedProfile.objects.create(content_object=fnp, tag=area)
    assert found("Einzelhandel") == ["Gemeinsamer Flächennutzungsplan"]


def test_reindex_rebuilds_a_wiped_index(fnp):
    searchable = registry.get("steckbriefe")
    from search.index import remove_objects

    remove_objects(searchable, Profile.objects.values_list("pk", flat=True))
    Profile.objects.update(search_vector=None)
    assert found("Bodennutzung") == []
    call_command("reindex_search", stdout=io.StringIO())
    assert found("Bodennutzung") == ["Gemeinsamer Flächennutzungsplan"]
    assert index_count(searchable) == 2


def test_fixture_load_indexes_profiles_and_their_tags(db, tmp_path):
    # loaddata saves raw (no m2m_changed); the index must be built anyway.
    fixture = tmp_path / "catalogue.json"
    now = "2025-01-01T00:00:00Z"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "profiles.policyarea",
                    "fields": {"name": "Wohnen", "slug": "wohnen", "updated": now},
                },
                {
                    "model": "profiles.profile",
                    "fields": {
                        "title": "Regionaler Flächenpool",
                        "slug": "flaechenpool",
                        "kind": "instrument",
                        "summary": "Gemeinden legen Flächen zusammen.",
                        "description": "Ein Pool.",
                        "bindingness": "vertraglich",
                        "effort": "mittel",
                        "status": "veroeffentlicht",
                        "published_at": now,
                        "created": now,
                        "updated": now,
                    },
                },
                {
                    "model": "profiles.taggedprofile",
                    "fields": {"content_object": ["flaechenpool"], "tag": ["wohnen"]},
                },
            ]
        ),
        encoding="utf-8",
    )
    call_command("loaddata", str(fixture), verbosity=0)
    assert found("Flächenpool") == ["Regionaler Flächenpool"]
    assert found("Wohnen") == ["Regionaler Flächenpool"]


def test_policy_area_renamed_in_admin_updates_search(editor_client, fnp):
    area = make_policy_area("Mobilität")
    fnp.tags.add(area)
    response = editor_client.post(
        reverse("admin:profiles_policyarea_change", args=[area.pk]),
        {"name": "Verkehr", "slug": area.slug, "description": ""},
    )
    assert response.status_code == 302
    assert PolicyArea.objects.get(pk=area.pk).name == "Verkehr"
    assert found("Verkehr") == ["Gemeinsamer Flächennutzungsplan"]
    assert found("Mobilität") == []


# Snippets -------------------------------------------------------------------


def test_snippets_highlight_matches_and_escape_editor_text(client, db):
    make_profile(
        "Pool",
        summary="Kurz.",
        description="Der <script>alert(1)</script> Fonds: Kosten & Nutzen < Ausgleichsfonds.",
    )
    body = client.get(reverse("profiles:profile_list"), {"q": "Ausgleichsfonds"}).content.decode()
    snippet = body.split('class="card__snippet">')[1].split("</p>")[0]
    assert "<mark>Ausgleichsfonds</mark>" in snippet
    assert "Kosten &amp; Nutzen &lt; <mark>" in snippet
    assert "<script" not in body.split("<main")[1].split("</main>")[0]


def test_highlight_marks_inflected_forms_and_phrases_only_together():
    units = parse('Zweckverbände "Lasten teilen"').highlight_units()
    html = text.highlight("Ein Zweckverband kann Lasten teilen, nicht nur Lasten.", units)
    assert (
        html == "Ein <mark>Zweckverband</mark> kann <mark>Lasten teilen</mark>, nicht nur Lasten."
    )
    assert text.highlight("Nichts davon.", units) == ""


# Bad input on both engines --------------------------------------------------

HOSTILE_QUERIES = [
    '"',
    '"""',
    '"unbalanced',
    "NEAR(a b)",
    "a NEAR b",
    "AND",
    "OR",
    "NOT",
    "a AND OR NOT b",
    "* : ^ ( )",
    "title: x",
    "{a b}: c",
    "zweck*",
    "^Zweck",
    "-",
    "--",
    "- -x",
    "und die der",
    "!!!",
    "&|:*()",
    "or or",
    "\x00",
    "Zweck\x00verband",
    "\x1b[31m",
    "\u202e",
    "x" * 10_000,
    "Zweckverband " * 1000,
    "a" * 200 + " b",
    "'; DROP TABLE profiles_profile; --",
    "%",
    "\\",
]


@pytest.mark.parametrize("q", HOSTILE_QUERIES)
def test_hostile_queries_answer_200_everywhere(client, fnp, q):
    make_example("Regional Hub Petershausen")
    for url in ["search:results", "profiles:profile_list", "profiles:example_list"]:
        # A term that is empty once control characters are gone leaves an empty
        # parameter, which the browse pages drop with a redirect to the clean URL.
        response = client.get(reverse(url), {"q": q}, follow=True)
        assert response.status_code == 200, (url, q)
        assert all(status == 301 for _url, status in response.redirect_chain), (url, q)
    assert Profile.objects.count() == 2


def test_long_and_empty_queries_get_a_german_message(client, fnp):
    body = client.get(reverse("search:results"), {"q": "Zweckverband " * 100}).content.decode()
    assert f"auf {MAX_QUERY_LENGTH} Zeichen gekürzt" in body
    body = client.get(reverse("search:results"), {"q": "und die der"}).content.decode()
    assert "enthält kein Wort, nach dem gesucht werden kann" in body
    body = client.get(reverse("profiles:profile_list"), {"q": "* ( )"}).content.decode()
    assert "enthält kein Wort, nach dem gesucht werden kann" in body


def test_no_user_syntax_reaches_fts5():
    # Every key is letters or digits inside quotes: the MATCH string is always valid.
    for q in HOSTILE_QUERIES:
        query = parse(clean_query(q))
        if query:
            expression = to_fts5(query)
            assert "NEAR" not in expression.replace('"near"', "")
            assert ":" not in expression and "*" not in expression and "^" not in expression


def test_clean_query_strips_control_characters_and_caps_length():
    assert clean_query("Zweck\x00verband\x1b[31m \t x") == "Zweck verband [31m x"
    assert len(clean_query("a" * 10_000)) == MAX_QUERY_LENGTH
    assert Search("a" * 10_000).shortened


# The site search -------------------------------------------------------------


def test_site_search_groups_by_kind_with_counts_and_links(client, park_and_ride):
    make_policy_area("Mobilität", description="Pendler, P+R und Busse.")
    response = client.get(reverse("search:results"), {"q": "P+R"})
    assert response.status_code == 200
    groups = {g.kind: g for g in response.context["groups"]}
    assert groups["praxisbeispiele"].count == 1
    assert groups["praxisbeispiele"].hits[0].title == "Regional Hub Petershausen"
    assert groups["steckbriefe"].count == 1
    assert groups["handlungsfelder"].count == 1
    body = response.content.decode()
    assert 'Praxisbeispiele <span class="search-group__count">(1)</span>' in body
    assert 'href="/praxisbeispiele/?q=P%2BR"' in body
    assert 'href="/steckbriefe/?q=P%2BR"' in body
    assert "<mark>P+R</mark>" in body


def test_multi_word_question_finds_the_practice_example(client, park_and_ride):
    groups = {g.kind: g for g in search_groups(Search("Kosten teilen Parkplatz Pendler"))}
    assert groups["praxisbeispiele"].hits[0].title == "Regional Hub Petershausen"


def test_no_hits_offer_suggestion_policy_areas_and_everything(client, fnp):
    make_policy_area("Mobilität")
    body = client.get(reverse("search:results"), {"q": "Bauhof"}).content.decode()
    assert "Zu „Bauhof“ gibt es im Katalog keinen Treffer." in body
    assert 'href="/handlungsfelder/mobilitaet/"' in body
    assert 'href="/steckbriefe/">Alle Steckbriefe' in body
    typo = client.get(reverse("search:results"), {"q": "Zweckverbnd"})
    assert typo.context["suggestion"] == "Zweckverband"
    assert [h.title for g in typo.context["groups"] for h in g.hits] == ["Zweckverband"]


def test_no_hits_link_the_finder_only_when_it_exists(client, db, settings):
    from django.urls import NoReverseMatch
    from django.urls import reverse as rev

    body = client.get(reverse("search:results"), {"q": "Bauhof"}).content.decode()
    try:
        finder = rev("finder:finder")
    except NoReverseMatch:
        assert "Der Finder" not in body
    else:
        assert f'href="{finder}"' in body


def test_examples_list_has_search_and_relevance_sort(client, db):
    make_example("Badebus", summary="Ein Bus.", description="Der Badebus fährt zum See.")
    make_example("Anderes Beispiel", summary="Kein Bus.", description="Kein Badebus.")
    make_example("Drittes", summary="Nichts.")
    response = client.get(reverse("profiles:example_list"), {"q": "Badebus"})
    assert [e.title for e in response.context["examples"]] == ["Badebus", "Anderes Beispiel"]
    body = response.content.decode()
    assert 'name="q"' in body and 'value="Badebus"' in body
    assert '<option value="relevanz" selected>' in body
    by_title = client.get(reverse("profiles:example_list"), {"q": "Badebus", "sortierung": "titel"})
    assert [e.title for e in by_title.context["examples"]] == ["Anderes Beispiel", "Badebus"]


def test_the_search_term_is_built_once_and_shared(client, fnp, django_assert_max_num_queries):
    from profiles.public.filters import ProfileFilterSet

    filterset = ProfileFilterSet({"q": "Zweckverband"}, queryset=Profile.objects.published())
    list(filterset.qs)
    filterset.facets()
    assert filterset.search.term == "Zweckverband"
    assert filterset.search_chip() == [{"label": "Suche: „Zweckverband“", "query": ""}]


# Search quality: the same table on both engines -------------------------------

QUALITY = [
    # (query, kind, expected in the top 3)
    ("Zweckverbände", "steckbriefe", "Zweckverband"),
    ("zweckverband", "steckbriefe", "Zweckverband"),
    ("ZWECKVEREINBARUNG", "steckbriefe", "Zweckvereinbarung"),
    ("Flaechennutzungsplan", "steckbriefe", "Gemeinsamer Flächennutzungsplan"),
    ("Flächennutzungspläne", "steckbriefe", "Gemeinsamer Flächennutzungsplan"),
    ("Gewerbegebiete", "steckbriefe", "Interkommunales Gewerbegebiet"),
    ("Einzelhandelskonzepte", "steckbriefe", "Regionales Einzelhandelskonzept"),
    ("städtebauliche Verträge", "steckbriefe", "Städtebaulicher Vertrag"),
    ("staedtebaulicher Vertrag", "steckbriefe", "Städtebaulicher Vertrag"),
    ("raumordnerische Verträge", "steckbriefe", "Raumordnerischer Vertrag"),
    ("Arbeitsgemeinschaften", "steckbriefe", "Kommunale Arbeitsgemeinschaft"),
    ("Planungsverbände", "steckbriefe", "Planungsverband"),
    ("Zweckverbnd", "steckbriefe", "Zweckverband"),
    ("Regionalmanagment", "steckbriefe", "Regionalmanagement"),
    ("e. V.", "steckbriefe", "Eingetragener Verein (e. V.)"),
    ("GmbH", "steckbriefe", "Interkommunale GmbH"),
    ("Kommunalunternehmen", "steckbriefe", "Gemeinsames Kommunalunternehmen"),
    ("Umlage", "steckbriefe", "Kostenteilung nach Schlüssel und Umlage"),
    ("Ökokonten", "steckbriefe", "Ausgleichsflächenpool und Ökokonto"),
    ("Oekokonto", "steckbriefe", "Ausgleichsflächenpool und Ökokonto"),
    (
        "Steuern teilen Gewerbegebiet",
        "steckbriefe",
        "Steuerteilung im interkommunalen Gewerbegebiet",
    ),
    ("P+R", "praxisbeispiele", "Regional Hub Petershausen"),
    ("Park and Ride", "praxisbeispiele", "Regional Hub Petershausen"),
    ("Kosten teilen Parkplatz", "praxisbeispiele", "Regional Hub Petershausen"),
    ("Badebus", "praxisbeispiele", "Freizeit-/Badebus in der Würmregion"),
    (
        "Strukturfonds Rendsburg",
        "praxisbeispiele",
        "Strukturfonds im Lebens- und Wirtschaftsraum Rendsburg",
    ),
    ("Mobilitaet", "handlungsfelder", "Mobilität"),
    ("medizinische versorgung", "handlungsfelder", "Medizinische Versorgung"),
    # The glossary (demo terms; the group exists when the glossary app is installed)
    ("Hebesätze", "glossar", "Hebesatz"),
    ("Kreisumlagen", "glossar", "Kreisumlage"),
    ("Vervielfaeltiger", "glossar", "Vervielfältiger"),
    ("LNA", "glossar", "Lasten-Nutzen-Ausgleich"),
    ("Schluesselzuweisung", "glossar", "Schlüsselzuweisungen"),
]


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def test_search_quality_table(demo):
    misses = []
    kinds = {searchable.kind for searchable in registry.all_kinds()}
    for q, kind, expected in QUALITY:
        if kind not in kinds:
            continue  # the glossary before its app is installed
        groups = {g.kind: g for g in search_groups(Search(q))}
        top = [hit.title for hit in groups[kind].hits[:3]]
        if expected not in top:
            misses.append(f"{q!r} → {kind}: {top}")
    assert not misses, "\n".join(misses)
    assert len(QUALITY) >= 20


@pytest.mark.skipif(
    not __import__("django.apps").apps.apps.is_installed("glossary"),
    reason="the glossary app is not installed yet",
)
def test_glossary_terms_are_found_in_the_site_search(client, db):
    from django.apps import apps

    Term = apps.get_model("glossary", "Term")
    Term.objects.create(
        term="Hebesatz",
        slug="hebesatz",
        definition="Der Prozentsatz, mit dem die Gemeinde ihre Gewerbesteuer festlegt.",
        variants="Hebesätze",
        status=Status.PUBLISHED,
    )
    Term.objects.create(term="Umlage", slug="umlage", definition="Entwurf.", status=Status.DRAFT)
    response = client.get(reverse("search:results"), {"q": "Hebesaetze"})
    groups = {g.kind: g for g in response.context["groups"]}
    assert [h.title for h in groups["glossar"].hits] == ["Hebesatz"]
    assert found("Gewerbesteuer", "glossar") == ["Hebesatz"]
    assert found("Umlage", "glossar") == []


@pytest.mark.parametrize("kind", ["steckbriefe", "praxisbeispiele"])
def test_some_words_mode_lists_what_holds_more_of_the_words_first(db, kind):
    # No object holds all three words, so the page answers with some of them and
    # says "Hier steht zuerst, was die meisten davon enthält": two words beat one
    # word in the title (which alone would rank higher).
    make = make_profile if kind == "steckbriefe" else make_example
    make("Feuerwehr im Verbund", summary="Feuerwehr, Feuerwehr und noch einmal Feuerwehr.")
    make("Gemeinsame Einrichtungen", summary="Die Feuerwehr und das Schwimmbad teilen sich Kosten.")
    search = Search("Feuerwehr Schwimmbad Zeppelin")
    searchable = registry.get(kind)
    matched = search.filter(searchable, searchable.published())
    assert search.mode(searchable, searchable.published()) == MODE_ANY
    assert [str(obj) for obj in search.order(searchable, matched)] == [
        "Gemeinsame Einrichtungen",
        "Feuerwehr im Verbund",
    ]
    # With one word only, rank decides: the title match comes first.
    assert found("Feuerwehr", kind) == ["Feuerwehr im Verbund", "Gemeinsame Einrichtungen"]
