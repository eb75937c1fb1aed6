"""The demo catalogue loads, is complete and is safe to load again."""

import pytest
from django.core.management import call_command

from profiles.content_checks import required_sections
from profiles.management.commands.load_demo import read_demo_objects
from profiles.models import Kind, PolicyArea, PracticeExample, Profile

pytestmark = pytest.mark.django_db

KOMMZG_FORMS = {
    "kommunale-arbeitsgemeinschaft",
    "zweckvereinbarung",
    "zweckverband",
    "gemeinsames-kommunalunternehmen",
}
PILOTS = {"regional-hub-petershausen", "freizeit-badebus-wuermregion"}


@pytest.fixture
def demo(db):
    call_command("load_demo")
    return Profile.objects.all()


def test_counts_meet_the_brief(demo):
    areas = PolicyArea.objects.all()
    assert areas.count() >= 8
    assert all(area.description.strip() for area in areas)
    structural = demo.filter(kind__in=[Kind.ORGANISATION, Kind.INSTRUMENT])
    assert structural.count() >= 12
    assert KOMMZG_FORMS <= set(structural.values_list("slug", flat=True))
    assert demo.filter(kind=Kind.COMPENSATION).count() >= 6
    examples = PracticeExample.objects.all()
    assert examples.count() >= 4
    assert PILOTS <= set(examples.values_list("slug", flat=True))


def test_every_profile_is_complete_and_sourced(demo):
    for profile in demo.prefetch_related("sources", "tags"):
        for field_name in required_sections(profile):
            assert getattr(profile, field_name).strip(), (profile.slug, field_name)
        assert profile.sources.count() >= 1, profile.slug
        assert profile.tags.count() >= 1, profile.slug
        # An ausgleich Steckbrief waits in review until it has a Rechenbeispiel (calculator rule).
        waiting = profile.kind == Kind.COMPENSATION and not profile.rechenbeispiele.exists()
        assert profile.is_public or waiting, profile.slug
        assert len(profile.summary) <= 400
    for example in PracticeExample.objects.all():
        assert example.sources.exists(), example.slug
        assert example.is_public, example.slug


def test_all_demo_pages_render(demo, client):
    for obj in [*demo, *PracticeExample.objects.all(), *PolicyArea.objects.all()]:
        expected = 200 if getattr(obj, "is_public", True) else 404  # drafts stay private
        assert client.get(obj.get_absolute_url()).status_code == expected, obj


def test_load_demo_is_safe_to_run_again(demo):
    counts = (Profile.objects.count(), PolicyArea.objects.count(), PracticeExample.objects.count())
    first = Profile.objects.order_by("slug").first()
    first.title = "Von der Redaktion geändert"
    first.save()
    call_command("load_demo")  # content present: leaves it alone
    first.refresh_from_db()
    assert first.title == "Von der Redaktion geändert"
    call_command("load_demo", force=True)  # updates in place, adds nothing
    again = (Profile.objects.count(), PolicyArea.objects.count(), PracticeExample.objects.count())
    assert again == counts
    first.refresh_from_db()
    assert first.title != "Von der Redaktion geändert"


def test_loader_fills_timestamps_for_published_objects():
    objects = read_demo_objects()
    profiles = [obj for obj in objects if obj["model"] == "profiles.profile"]
    assert profiles
    for obj in profiles:
        assert obj["fields"]["created"]
        if obj["fields"].get("status") == "veroeffentlicht":
            assert obj["fields"]["published_at"]


@pytest.mark.django_db(transaction=True)
def test_load_demo_works_after_a_flush():
    """flush empties the Land rows the migration created; load_demo must not depend on them."""
    from profiles.models import Land

    call_command("flush", interactive=False, verbosity=0)
    assert not Land.objects.exists()
    call_command("load_demo", verbosity=0)
    assert Land.objects.count() == 17
    assert Profile.objects.get(slug="zweckverband").scope.filter(code="BY").exists()
