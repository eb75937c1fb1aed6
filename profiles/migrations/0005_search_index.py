# Search and browse indexes for profiles: stored search columns, GIN indexes
# and pg_trgm (PostgreSQL), a covering index for facet counts, title order.

import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

# PostgreSQL-only indexes (SQLite searches search_text instead), created here
# rather than declared in Profile.Meta.
PG_INDEXES = {
    "profiles_profile_search_vector_gin": "USING gin (search_vector)",
    "profiles_profile_title_trgm": "USING gin (title gin_trgm_ops)",
    # Facet counts over published profiles read only this index (index-only
    # scan). SQLite has no INCLUDE columns, hence not in Profile.Meta.
    "profile_published_facets": (
        "(status, published_at) INCLUDE (id, kind, bindingness, effort, "
        "compensation_monetary, compensation_in_kind, compensation_package, "
        "small_municipalities)"
    ),
}


def create_pg_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, definition in PG_INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON profiles_profile {definition}"
            )
        # Keep the vector in the row (compressed) rather than in TOAST: a
        # search matching most profiles then checks it without extra reads.
        schema_editor.execute(
            "ALTER TABLE profiles_profile ALTER COLUMN search_vector SET STORAGE MAIN"
        )


def drop_pg_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in PG_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
        schema_editor.execute(
            "ALTER TABLE profiles_profile ALTER COLUMN search_vector SET STORAGE EXTENDED"
        )


def build_index(apps, schema_editor):
    # Existing profiles get their search columns (the live model holds the logic).
    from profiles.search import reindex_profiles

    Profile = apps.get_model("profiles", "Profile")
    if Profile.objects.using(schema_editor.connection.alias).exists():
        reindex_profiles()


class Migration(migrations.Migration):

    dependencies = [
        ('profiles', '0004_legal_pages'),
    ]

    operations = [
        TrigramExtension(),  # a no-op on SQLite
        migrations.AddField(
            model_name='profile',
            name='search_text',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.AddField(
            model_name='profile',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_pg_indexes, drop_pg_indexes),
        migrations.RunPython(build_index, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='profile',
            index=models.Index(fields=['title', 'id'], name='profile_title_order'),
        ),
    ]
