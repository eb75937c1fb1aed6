"""Migrations carry real content from the first migration to the latest.

The database is taken back to profiles 0001, filled through the historical
models of that state (as an old installation would hold it), and migrated
forward. Migrations must not call live code: a helper that reads today's
fields would break here as soon as the model has grown past the migration.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from profiles.models import Land, LegalPage, Profile
from search.index import build_missing_index
from search.request import find

FIRST = [("profiles", "0001_initial")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    executor = MigrationExecutor(connection)
    return [node for node in executor.loader.graph.leaf_nodes()]


@pytest.mark.django_db(transaction=True)
def test_content_of_the_first_schema_survives_every_migration():
    old = migrate(FIRST)
    PolicyArea = old.get_model("profiles", "PolicyArea")
    Profile_ = old.get_model("profiles", "Profile")
    TaggedProfile = old.get_model("profiles", "TaggedProfile")
    Example = old.get_model("profiles", "PracticeExample")
    # bulk_create: rows as the app of that time wrote them, without today's signals.
    (area,) = PolicyArea.objects.bulk_create(
        [PolicyArea(name="Flächenmanagement", slug="flaechenmanagement")]
    )
    (profile,) = Profile_.objects.bulk_create(
        [
            Profile_(
                kind="organisationsform",
                title="Zweckverband Wasserversorgung",
                slug="zweckverband-wasser",
                summary="Gemeinden gründen eine Körperschaft für die Wasserversorgung.",
                description="Eine Körperschaft des öffentlichen Rechts übernimmt die Aufgabe.",
                legal_basis="Art. 17 KommZG",
                bindingness="rechtsperson",
                effort="hoch",
                compensation_monetary=True,
                status="veroeffentlicht",
                published_at=timezone.now(),
            )
        ]
    )
    TaggedProfile.objects.bulk_create([TaggedProfile(content_object=profile, tag=area)])
    (example,) = Example.objects.bulk_create(
        [
            Example(
                title="Wasserverband Nord",
                slug="wasserverband-nord",
                summary="Drei Gemeinden versorgen sich gemeinsam.",
                municipalities="Gemeinde A\nGemeinde B",
                state="BY",
                description="Beschreibung.",
                status="veroeffentlicht",
                published_at=timezone.now(),
            )
        ]
    )
    Example.profiles.through.objects.bulk_create(
        [Example.profiles.through(practiceexample_id=example.pk, profile_id=profile.pk)]
    )

    migrate(latest())

    migrated = Profile.objects.get(slug="zweckverband-wasser")
    assert migrated.title == "Zweckverband Wasserversorgung"
    assert migrated.compensation_monetary and migrated.effort == "hoch"
    assert list(migrated.tags.values_list("slug", flat=True)) == ["flaechenmanagement"]
    assert list(migrated.examples.values_list("slug", flat=True)) == ["wasserverband-nord"]
    # After migrate the search index of existing content is built (post_migrate).
    build_missing_index()
    found = find("steckbriefe", "Körperschaft")
    assert [p.slug for p in found] == ["zweckverband-wasser"]
    assert [p.slug for p in find("steckbriefe", "Flaechenmanagement")] == ["zweckverband-wasser"]
    # 0004 created the legal pages, 0006 the Länder; the new fact starts empty.
    assert set(LegalPage.objects.values_list("slug", flat=True)) == {
        "impressum",
        "datenschutz",
        "barrierefreiheit",
    }
    assert Land.objects.count() == 17
    assert not migrated.scope.exists()
