"""The demo catalogue covers every Handlungsfeld with practice and sources its new content."""

import pytest
import yaml
from django.core.management import call_command

from profiles.content_checks import required_sections
from profiles.management.commands.load_demo import DEMO_DIR
from profiles.models import Kind, PolicyArea, PracticeExample, Profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo")


def test_every_handlungsfeld_has_a_published_praxisbeispiel(demo):
    published = PracticeExample.objects.published()
    missing = [
        area.slug for area in PolicyArea.objects.all() if not published.filter(tags=area).exists()
    ]
    assert not missing, f"Handlungsfelder ohne veröffentlichtes Praxisbeispiel: {missing}"


def _slugs(file_name, model):
    objects = yaml.safe_load((DEMO_DIR / file_name).read_text(encoding="utf-8"))
    return [obj["fields"]["slug"] for obj in objects if obj["model"] == model]


def test_new_steckbriefe_have_two_sources_and_every_section(demo):
    slugs = _slugs("35_steckbriefe_neu.yaml", "profiles.profile")
    assert len(slugs) >= 8
    for profile in Profile.objects.filter(slug__in=slugs).prefetch_related("sources", "tags"):
        # An ausgleich Steckbrief waits in review until it has a Rechenbeispiel (calculator rule).
        waiting = profile.kind == Kind.COMPENSATION and not profile.rechenbeispiele.exists()
        assert profile.is_public or waiting, profile.slug
        assert len(profile.sources.all()) >= 2, profile.slug
        assert profile.tags.all(), profile.slug
        assert profile.scope.exists(), profile.slug
        for field_name in required_sections(profile):
            assert getattr(profile, field_name).strip(), (profile.slug, field_name)


def test_new_praxisbeispiele_are_published_with_sources_and_instruments(demo):
    slugs = _slugs("55_praxisbeispiele_neu.yaml", "profiles.practiceexample")
    assert len(slugs) >= 8
    examples = PracticeExample.objects.filter(slug__in=slugs).prefetch_related(
        "sources", "profiles"
    )
    assert examples.count() == len(slugs)
    for example in examples:
        assert example.is_public, example.slug
        assert example.sources.all(), example.slug
        assert example.profiles.all(), example.slug
        assert example.municipality_list, example.slug


def test_load_demo_recreates_the_land_rows_a_flush_removed(db):
    from profiles.models import Land

    Land.objects.all().delete()  # as after "manage.py flush" or a transactional test
    call_command("load_demo")
    assert Land.objects.filter(code="DE").exists()
    assert Profile.objects.get(slug="beteiligung-eeg").scope.filter(code="DE").exists()
