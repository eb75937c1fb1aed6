# Search index for profiles: stored columns, a GIN index and pg_trgm (PostgreSQL).

import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

GIN_INDEX = "profiles_profile_search_vector_gin"


def create_gin_index(apps, schema_editor):
    # GIN exists on PostgreSQL only; SQLite searches search_text instead.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON profiles_profile USING gin (search_vector)"
        )


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")


def build_index(apps, schema_editor):
    # Existing profiles get their search columns (the live model holds the logic).
    from profiles.search import reindex_profiles

    Profile = apps.get_model("profiles", "Profile")
    if Profile.objects.using(schema_editor.connection.alias).exists():
        reindex_profiles()


class Migration(migrations.Migration):

    dependencies = [
        ('profiles', '0001_initial'),
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
        migrations.RunPython(create_gin_index, drop_gin_index),
        migrations.RunPython(build_index, migrations.RunPython.noop),
    ]
