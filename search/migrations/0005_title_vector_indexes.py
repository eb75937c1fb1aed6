# PostgreSQL: GIN indexes over the titles' own tsvector of the kinds that grow
# (Steckbriefe, Praxisbeispiele). A search matching more than the candidate
# limit also takes every match whose title holds the query (search.engine
# .candidates); the expression is the one Django writes for
# SearchVector("title", config="german"), so the planner uses the index.
# Plain SQL only; no application code. Nothing on SQLite (FTS5 column a).

from django.db import migrations

TABLES = ["profiles_profile", "profiles_practiceexample"]


def _name(table):
    return f"{table}_title_tsv_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {_name(table)} ON {table} "
            "USING gin (to_tsvector('german'::regconfig, COALESCE(title, ''::text)))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {_name(table)}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_parking_synonym"),
        ("profiles", "0013_drop_search_text"),
    ]

    operations = [migrations.RunPython(create, drop)]
