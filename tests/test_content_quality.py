"""Content rules that fail when the catalogue regresses (profiles.content_checks).

The rules run on the demo catalogue as it ships, and each rule is also shown to catch
the problem it is meant to catch, so none of these tests can pass vacuously.
"""

from types import SimpleNamespace

import pytest
from django.core.management import call_command

from profiles import content_checks
from profiles.models import Kind, Profile, ProfileSource

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo")
    return list(Profile.objects.published().prefetch_related("sources"))


def test_demo_catalogue_has_published_profiles(demo):
    assert len(demo) >= 20


def test_every_published_profile_is_complete_with_two_sources(demo):
    assert content_checks.incomplete_profiles(demo) == {}


def test_every_organisation_form_has_a_checklist(demo):
    forms = [p for p in demo if p.kind == Kind.ORGANISATION]
    assert len(forms) >= 7
    for profile in forms:
        assert "**Wer zustimmt**" in profile.checklist, profile.slug
        assert len(content_checks.sentences(profile.checklist)) >= 8, profile.slug


def test_no_sentence_on_more_than_three_profiles(demo):
    assert content_checks.repeated_sentences(demo) == {}


def test_no_source_cites_the_expired_tax_power_notice():
    call_command("load_demo")
    sources = ProfileSource.objects.all()
    assert sources.count() > 40
    assert content_checks.stale_law_sources(sources) == []


def test_tax_sharing_profiles_cite_the_statute(demo):
    sharing = {
        "steuerteilung-gewerbegebiet",
        "interkommunales-gewerbegebiet",
        "zweckvereinbarung",
        "zweckverband",
        "planungsverband",
        "interkommunale-gmbh",
        "eingetragener-verein",
        "gewerbeflaechenpool",
    }
    by_slug = {p.slug: p for p in demo}
    for slug in sharing:
        profile = by_slug[slug]
        urls = {source.url for source in profile.sources.all()}
        assert "https://gesetze.legal/bayern/bayfag/4" in urls, slug
        text = " ".join(content_checks.profile_texts(profile))
        assert "Art. 4 Abs. 4 BayFAG" in text, slug
        assert "StKraftBek" not in text, slug


# The rules themselves ---------------------------------------------------------------


def test_sentences_keep_abbreviations_and_drop_headings():
    text = (
        "**Zu entscheiden**\n\n"
        "- Eine Zweckvereinbarung nach Art. 7 KommZG, z. B. für den Bauhof.\n"
        "1. Beschlüsse in allen Räten fassen. Danach die Anzeige an die Aufsicht schicken.\n"
        "Seit 1. September 2012 gilt die Gebühr für alle Parkenden."
    )
    assert content_checks.sentences(text) == [
        "Eine Zweckvereinbarung nach Art. 7 KommZG, z. B. für den Bauhof.",
        "Beschlüsse in allen Räten fassen.",
        "Danach die Anzeige an die Aufsicht schicken.",
        "Seit 1. September 2012 gilt die Gebühr für alle Parkenden.",
    ]


def _profile(slug, contact, kind=Kind.INSTRUMENT, **sections):
    fields = {name: "Ein eigener Text für diesen Steckbrief." for name, _ in Profile.SECTIONS}
    fields.update(sections, contact=contact)
    return SimpleNamespace(slug=slug, kind=kind, summary=f"Kurz zu {slug}.", **fields)


def test_repeated_sentences_finds_boilerplate_on_four_profiles():
    boiler = "Erste Anlaufstelle ist in Bayern die Kommunalaufsicht am Landratsamt."
    profiles = [_profile(f"p{i}", f"{boiler} Dazu etwas Eigenes Nummer {i}.") for i in range(4)]
    # The shared section text appears on all four as well.
    found = content_checks.repeated_sentences(profiles)
    assert found[boiler] == ["p0", "p1", "p2", "p3"]
    assert content_checks.repeated_sentences(profiles[:3]).get(boiler) is None


def test_incomplete_profiles_reports_sections_and_sources(db):
    from tests.conftest import make_profile

    profile = make_profile("Zweckverband Test", kind=Kind.ORGANISATION)
    ProfileSource.objects.create(parent=profile, title="Gesetz", url="https://example.org/a")
    profile.contact = ""
    profile.save()
    problems = content_checks.incomplete_profiles(
        Profile.objects.filter(pk=profile.pk).prefetch_related("sources")
    )
    assert "contact" in problems[profile.slug]
    assert "checklist" in problems[profile.slug]  # organisation forms need one
    assert any(item.startswith("Quellen (1") for item in problems[profile.slug])


def test_checklist_is_not_required_for_instruments(db):
    from tests.conftest import make_profile

    profile = make_profile("Ein Instrument", kind=Kind.INSTRUMENT)
    assert "checklist" not in content_checks.required_sections(profile)


def test_stale_law_sources_flags_expired_notice_unless_marked_historical():
    current = SimpleNamespace(
        title="StKraftBek 2020, Nr. 4",
        url="https://www.gesetze-bayern.de/Content/Document/BayVV_605_F_10390-14",
    )
    by_url_only = SimpleNamespace(
        title="Bekanntmachung",
        url="https://www.gesetze-bayern.de/Content/Document/BayVV_605_F_10390-14",
    )
    historical = SimpleNamespace(
        title="StKraftBek 2020 (außer Kraft seit 1.1.2021)",
        url="https://www.gesetze-bayern.de/Content/Document/BayVV_605_F_10390-14",
    )
    statute = SimpleNamespace(title="BayFAG Art. 4", url="https://gesetze.legal/bayern/bayfag/4")
    found = content_checks.stale_law_sources([current, by_url_only, historical, statute])
    assert [title for title, _url in found] == ["StKraftBek 2020, Nr. 4", "Bekanntmachung"]
