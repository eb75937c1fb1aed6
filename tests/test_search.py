"""Search: German full text on PostgreSQL, the plain-text fallback on SQLite, the index."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from profiles import search
from profiles.models import PolicyArea, Profile, Status, TaggedProfile
from profiles.text import search_key, strip_control_chars
from tests.conftest import make_policy_area, make_profile

pytestmark = pytest.mark.django_db


def found(q):
    """Titles of published profiles matching q, as the browse page ranks them."""
    queryset = search.matching(Profile.objects.published(), q)
    return [p.title for p in search.order_by_relevance(queryset, q)]


@pytest.fixture
def fnp():
    make_profile(
        "Gemeinsamer Flächennutzungsplan",
        summary="Mehrere Gemeinden planen ihre Bodennutzung zusammen.",
        description="Nach § 204 BauGB stellen Nachbargemeinden einen gemeinsamen Plan auf.",
    )
    make_profile("Zweckverband", summary="Eine Körperschaft für gemeinsame Aufgaben.")
    return Profile.objects.get(title="Gemeinsamer Flächennutzungsplan")


# Both backends ----------------------------------------------------------------


@pytest.mark.parametrize(
    "q",
    ["Flächennutzungsplan", "flächennutzungsplan", "FLÄCHENNUTZUNGSPLAN", "Flaechennutzungsplan"],
)
def test_case_and_umlaut_spellings_find_the_profile(fnp, q):
    assert found(q) == ["Gemeinsamer Flächennutzungsplan"]


def test_plural_with_umlaut_finds_the_singular(fnp):
    assert found("Flächennutzungspläne") == ["Gemeinsamer Flächennutzungsplan"]


def test_all_words_must_match_and_minus_excludes(fnp):
    assert found("gemeinsam Bodennutzung") == ["Gemeinsamer Flächennutzungsplan"]
    assert found("Bodennutzung Körperschaft") == []
    assert found("gemeinsame -Bodennutzung") == ["Zweckverband"]
    assert sorted(found("Bodennutzung or Körperschaft")) == [
        "Gemeinsamer Flächennutzungsplan",
        "Zweckverband",
    ]


def test_drafts_are_never_found(fnp):
    make_profile("Flächennutzungsplan im Entwurf", status=Status.DRAFT)
    assert found("Flächennutzungsplan") == ["Gemeinsamer Flächennutzungsplan"]


def test_index_follows_edits_of_profile_tags_and_policy_area(fnp):
    area = make_policy_area("Freiraum")
    assert found("Freiraum") == []
    fnp.tags.add(area)
    assert found("Freiraum") == ["Gemeinsamer Flächennutzungsplan"]
    area.name = "Grünflächen"
    area.save()
    assert found("Freiraum") == []
    assert found("Grünflächen") == ["Gemeinsamer Flächennutzungsplan"]
    fnp.tags.set([])
    assert found("Grünflächen") == []
    fnp.tags.add(area)
    area.delete()
    assert found("Grünflächen") == []
    fnp.refresh_from_db()
    fnp.title = "Regionaler Flächenpool"
    fnp.save()
    assert found("Flächenpool") == ["Regionaler Flächenpool"]
    assert found("Flächennutzungsplan") == []


def test_index_follows_taggings_created_directly(fnp):
    area = make_policy_area("Einzelhandel")
    TaggedProfile.objects.create(content_object=fnp, tag=area)
    assert found("Einzelhandel") == ["Gemeinsamer Flächennutzungsplan"]


def test_reindex_rebuilds_a_wiped_index(fnp):
    Profile.objects.update(search_text="", search_vector=None)
    assert found("Bodennutzung") == []
    assert search.reindex_profiles(batch_size=1) == 2
    assert found("Bodennutzung") == ["Gemeinsamer Flächennutzungsplan"]
    Profile.objects.update(search_text="", search_vector=None)
    call_command("reindex_search", stdout=io.StringIO())
    assert found("Bodennutzung") == ["Gemeinsamer Flächennutzungsplan"]


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


def test_clean_query_strips_control_characters_and_caps_length():
    assert search.clean_query("Zweck\x00verband\x1b[31m \t x") == "Zweck verband [31m x"
    assert len(search.clean_query("a" * 10_000)) == search.MAX_QUERY_LENGTH
    assert strip_control_chars("a\u0085b") == "a b"


def test_search_key_is_case_and_umlaut_insensitive():
    assert search_key("Flächen") == search_key("FLAECHEN") == search_key("flachen")
    assert search_key("Maß") == "mass"


# PostgreSQL ----------------------------------------------------------------


@pytest.mark.postgres
def test_german_stemming_matches_inflected_forms(db):
    make_profile("Interkommunales Gewerbegebiet", summary="Gemeinden entwickeln Flächen.")
    assert found("Gewerbegebiete") == ["Interkommunales Gewerbegebiet"]
    assert found("Fläche") == ["Interkommunales Gewerbegebiet"]
    assert found("Gemeinde") == ["Interkommunales Gewerbegebiet"]


@pytest.mark.postgres
def test_sharp_s_is_folded(db):
    make_profile("Straßenbaulast", summary="Wer zahlt die Straße?")
    assert found("Strassenbaulast") == ["Straßenbaulast"]
    assert found("straßenbaulast") == ["Straßenbaulast"]


@pytest.mark.postgres
def test_title_hit_ranks_above_summary_and_body_hits(db):
    make_profile("Regionalmanagement", description="Ein Gewerbeflächenpool hilft oft.")
    make_profile("Kommunalunternehmen", summary="Betreibt auch einen Gewerbeflächenpool.")
    make_profile("Gewerbeflächenpool", description="Pool für Flächen.")
    assert found("Gewerbeflächenpool") == [
        "Gewerbeflächenpool",
        "Kommunalunternehmen",
        "Regionalmanagement",
    ]


@pytest.mark.postgres
def test_policy_area_names_are_searchable(db):
    make_profile("Zweckverband", tags=[make_policy_area("Medizinische Versorgung")])
    assert found("Versorgung") == ["Zweckverband"]


@pytest.mark.postgres
def test_websearch_phrase(db):
    make_profile("A", summary="Lasten und Nutzen fair teilen.")
    make_profile("B", summary="Nutzen ohne Lasten.")
    assert found('"Lasten und Nutzen"') == ["A"]


@pytest.mark.postgres
def test_typo_falls_back_to_similar_titles_with_a_suggestion(client, fnp):
    response = client.get(reverse("profiles:profile_list"), {"q": "Flaechenutzngsplan"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Kein Steckbrief enthält genau" in body
    assert "Gemeinsamer Flächennutzungsplan" in body
    assert "Zweckverband" not in body
    assert "Meinten Sie" in body
    assert "q=Fl%C3%A4chennutzungsplan" in body


@pytest.mark.postgres
def test_no_fallback_when_full_text_finds_something(client, fnp):
    body = client.get(reverse("profiles:profile_list"), {"q": "Zweckverband"}).content.decode()
    assert "Kein Steckbrief enthält genau" not in body


@pytest.mark.postgres
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


@pytest.mark.postgres
def test_query_of_only_stopwords_or_symbols_gives_no_error(client, fnp):
    for q in ["und die der", "!!!", "&|:*()", '"', "-", "or or"]:
        response = client.get(reverse("profiles:profile_list"), {"q": q})
        assert response.status_code == 200, q


# SQLite fallback ---------------------------------------------------------------


@pytest.mark.sqlite
def test_sqlite_fallback_finds_by_words_with_light_stemming(db):
    make_profile("Interkommunales Gewerbegebiet", summary="Gemeinden teilen Steuern.")
    make_profile("Zweckverband", tags=[make_policy_area("Wohnen")])
    assert found("gewerbegebiete") == ["Interkommunales Gewerbegebiet"]
    assert found("GEMEINDE steuer") == ["Interkommunales Gewerbegebiet"]
    assert found("wohnen") == ["Zweckverband"]
    assert found('"gemeinden teilen"') == ["Interkommunales Gewerbegebiet"]
    assert found('"teilen gemeinden"') == []
    assert found("Zweckverband -wohnen") == []


@pytest.mark.sqlite
def test_sqlite_has_no_fuzzy_fallback_but_answers(client, fnp):
    response = client.get(reverse("profiles:profile_list"), {"q": "Flaechenutzngsplan"})
    assert response.status_code == 200
    assert "0 Steckbriefe" in response.content.decode()


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


@pytest.mark.postgres
def test_typo_fallback_needs_every_word_to_resemble_the_title(client, db):
    make_profile("Interkommunales Gewerbegebiet Würmtal")
    make_profile("Gewerbegebiet Isartal")
    make_profile("Zweckverband Würmtal")
    response = client.get(reverse("profiles:profile_list"), {"q": "Gewerbegebeit Wuermtal"})
    assert [p.title for p in response.context["profiles"]] == [
        "Interkommunales Gewerbegebiet Würmtal"
    ]
    assert response.context["suggestion"] == "Gewerbegebiet Würmtal"
