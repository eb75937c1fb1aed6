# Search and browse indexes for profiles: stored search columns, GIN indexes
# and pg_trgm (PostgreSQL), a covering index for facet counts, title order.

import re

import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models
from django.db.models import Value

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


class TrigramExtensionOnPostgres(TrigramExtension):
    """pg_trgm; a no-op on SQLite both ways (Django's reverse asks SQLite for pg_extension)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


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


# Existing profiles get their search columns. The rules are copied from
# profiles.search and profiles.text as they stood here (a migration never calls
# live code, which may read fields this state does not have yet); signals keep
# the columns up to date from then on.
SECTION_FIELDS = [
    "description",
    "legal_basis",
    "burdens_benefits",
    "prerequisites",
    "opportunities",
    "stumbling_blocks",
    "steps",
    "contact",
]
FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
BASE_LETTERS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})
UMLAUT_WORD = re.compile(r"\w*[äöüÄÖÜß]\w*")


def plain_key(text):
    text = text.lower().translate(BASE_LETTERS)
    for pair, letter in (("ae", "a"), ("oe", "o"), ("ue", "u")):
        text = text.replace(pair, letter)
    return text


def build_index(apps, schema_editor):
    db = schema_editor.connection.alias
    Profile = apps.get_model("profiles", "Profile")
    TaggedProfile = apps.get_model("profiles", "TaggedProfile")
    postgres = schema_editor.connection.vendor == "postgresql"
    for profile in Profile.objects.using(db).order_by("pk").iterator():
        names = TaggedProfile.objects.using(db).filter(content_object_id=profile.pk)
        names = names.order_by("tag__name").values_list("tag__name", flat=True)
        texts = {
            "A": profile.title or "",
            "B": " ".join([profile.summary or "", *names]),
            "C": "\n".join(getattr(profile, name) or "" for name in SECTION_FIELDS),
        }
        values = {"search_text": plain_key(" \n".join(texts.values()))}
        if postgres:
            vector = None
            for weight, text in texts.items():
                folded = " ".join(word.translate(FOLD) for word in UMLAUT_WORD.findall(text))
                text = f"{text} {folded}" if folded else text
                part = SearchVector(Value(text), config="german", weight=weight)
                vector = part if vector is None else vector + part
            values["search_vector"] = vector
        Profile.objects.using(db).filter(pk=profile.pk).update(**values)


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0004_legal_pages"),
    ]

    operations = [
        TrigramExtensionOnPostgres(),  # a no-op on SQLite
        migrations.AddField(
            model_name="profile",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="profile",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_pg_indexes, drop_pg_indexes),
        migrations.RunPython(build_index, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="profile",
            index=models.Index(fields=["title", "id"], name="profile_title_order"),
        ),
    ]
