"""Municipalities as data: directory entries, demo data with sources, the example page."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from profiles.models import Municipality, PracticeExample, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo")


def test_every_demo_example_names_its_municipalities_with_sourced_figures(demo):
    examples = PracticeExample.objects.prefetch_related("members")
    with_members = [example for example in examples if example.members.exists()]
    # The Neckar-Alb pool's sources name no member towns (see 45_kommunen.yaml).
    assert {e.slug for e in examples} - {e.slug for e in with_members} <= {
        "gewerbeflaechenpool-neckar-alb"
    }
    assert len(with_members) >= 3
    for example in with_members:
        for municipality in example.members.all():
            assert municipality.population, municipality
            assert municipality.population_year, municipality
            assert municipality.source_url.startswith("https://"), municipality
            assert municipality.state == example.state, (example.slug, municipality)


def test_one_municipality_serves_many_examples(demo):
    munich = Municipality.objects.get_by_natural_key("München", "BY", "")
    example = PracticeExample.objects.get(slug="regional-hub-petershausen")
    example.members.add(munich)
    assert munich.examples.count() == 2
    assert Municipality.objects.filter(name="München").count() == 1


def test_load_demo_twice_keeps_one_entry_per_municipality(demo):
    count = Municipality.objects.count()
    call_command("load_demo", "--force")
    assert Municipality.objects.count() == count


def test_example_page_names_its_municipalities_with_population_and_source(demo, client):
    example = PracticeExample.objects.get(slug="strukturfonds-rendsburg")
    html = client.get(example.get_absolute_url()).content.decode()
    section = html.split('id="kommunen"')[1].split("</section>")[0]
    for municipality in example.members.all():
        assert municipality.name in section
        assert municipality.source_url in section
    assert "28.705 Einwohner" in section  # Rendsburg, German thousands separator
    assert re.search(r"Stand 2020", section)


def test_position_outside_germany_is_rejected():
    municipality = Municipality(name="Irgendwo", state="BY", latitude=Decimal("60"))
    with pytest.raises(ValidationError) as error:
        municipality.full_clean()
    assert "latitude" in error.value.message_dict


def test_draft_example_members_do_not_leak(client):
    member = Municipality.objects.create(name="Geheimdorf", state="BY", population=100)
    draft = PracticeExample.objects.create(
        title="Entwurf",
        slug="entwurf",
        summary="s",
        municipalities="x",
        state="BY",
        description="d",
        status=Status.DRAFT,
    )
    draft.members.add(member)
    assert "Geheimdorf" not in client.get("/praxisbeispiele/").content.decode()
