"""Engine internals of the search (the behaviour tests are in test_search.py)."""

import pytest
from django.db import connection

from profiles.models import Profile
from search import registry, text
from search.index import ROWID_SHIFT
from search.models import SearchDocument
from tests.conftest import make_example, make_profile

pytestmark = pytest.mark.django_db


@pytest.mark.sqlite
def test_sqlite_stores_stemmed_keys_in_fts5_by_weight(db):
    profile = make_profile("Zweckverbände", summary="Die Gemeinden teilen Kosten.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT a, b FROM search_fts WHERE rowid = %s", [ROWID_SHIFT + profile.pk])
        a, b = cursor.fetchone()
    assert a == "zweckverband"
    assert b.startswith("gemeind teil kost")  # "Die" is a stopword


@pytest.mark.sqlite
def test_sqlite_has_no_postgres_documents(db):
    make_example("Badebus")
    assert not SearchDocument.objects.exists()


@pytest.mark.postgres
def test_postgres_keeps_profile_vectors_on_the_row_and_others_as_documents(db):
    profile = make_profile("Zweckverband")
    example = make_example("Badebus")
    assert Profile.objects.filter(pk=profile.pk, search_vector__isnull=False).exists()
    code = registry.get("praxisbeispiele").code
    assert SearchDocument.objects.filter(kind=code, object_id=example.pk).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('search_fts')")
        assert cursor.fetchone()[0] is None


@pytest.mark.postgres
def test_postgres_vector_has_a_folded_copy_and_plain_words(db):
    profile = make_profile("P+R-Platz Flächen")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector::text FROM profiles_profile WHERE id = %s", [profile.pk]
        )
        vector = cursor.fetchone()[0]
    assert "'flaech'" in vector and "'flach'" in vector
    assert "'r-platz'" not in vector  # plain words: "p r platz"


def test_text_processing_is_linear_on_long_input():
    # One pass each: a long word run with umlauts is handled in a single scan.
    long = "ä" * 50_000 + " " + "Flächen " * 5_000
    assert text.plain_words(long).count("Flaechen") == 5_000
    assert text.highlight(long, [("flach",)]).count("<mark>") >= 1
