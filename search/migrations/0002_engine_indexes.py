# Engine-specific search structures. Plain SQL only; no application code.
#
# SQLite: one FTS5 table for every searchable kind. Columns a, b, c hold the
# match keys of the texts weighted A, B, C; the row id is kind code * 2**40 +
# object id (see search.index). unicode61 with diacritics removed tokenises
# the keys (they are already lowercase, folded and stemmed).
# PostgreSQL: a GIN index over the documents' vectors and trigram indexes
# for the typo fallback over the titles of Praxisbeispiele and Handlungsfelder.

from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "a, b, c, tokenize = 'unicode61 remove_diacritics 2')"
)
SQLITE_DROP = "DROP TABLE IF EXISTS search_fts"

PG_CREATE = [
    "CREATE INDEX IF NOT EXISTS search_document_vector_gin "
    "ON search_searchdocument USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS profiles_example_title_trgm "
    "ON profiles_practiceexample USING gin (title gin_trgm_ops)",
]
PG_DROP = [
    "DROP INDEX IF EXISTS search_document_vector_gin",
    "DROP INDEX IF EXISTS profiles_example_title_trgm",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        for statement in PG_CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    elif vendor == "postgresql":
        for statement in PG_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        # pg_trgm and the tables the indexes are on.
        ("profiles", "0005_search_index"),
    ]

    operations = [migrations.RunPython(create, drop)]
